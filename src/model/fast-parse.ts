// One way to validate: the zod schemas. This module derives a fast parser from a schema, for the
// hot paths (a decision should cost microseconds; zod's full parse of a member costs several).
//
// The fast parser walks the schema's own definition (its object shapes, enum options, literals,
// array element schemas and checks), so there is no second hand-kept list of keys or values: a
// field added to a schema is parsed here without a change. It returns a fresh copy holding only
// the schema's fields, each read once (a getter that answers differently on a second read cannot
// slip a value past validation), or REFUSED for anything it is not certain the schema accepts;
// the caller then runs the schema itself, which reports every problem with its path. A property
// test holds the two together: fast ⇒ the schema accepts and outputs the same value.
//
// Where the platform allows code generation (zod's `z.config({ jitless: true })`, a
// Content-Security-Policy without 'unsafe-eval' or node's --disallow-code-generation-from-strings
// turns it off: see codeGenerationAllowed), an object schema's parser is generated as the source
// of one function (generateObjectParser below): V8 then keeps inline caches per schema, where the
// closures of one function literal share theirs and see every object shape of every schema
// (measured with callgrind: a member's fast parse 6,837 instructions with closures, 3,468
// generated; a purchase's 2,958 and 2,163). Only the library's
// own schemas are spelled into that source (keys and enum values as JSON literals); a caller's data
// never is. Without code generation the same checks run as closures, with the same results (the
// agreement tests run on both).
//
// String checks the schemas spell as regular expressions can be given a hand-written predicate
// with `fastCheck(schema, predicate)` (a regular expression test costs more than the rest of a
// member's check); each such pair is tested for agreement on edge-heavy inputs.
import type * as z from 'zod/mini';
import { globalConfig } from 'zod/v4/core';
import { isPlainObject } from './plain-data.js';

/** What a fast parser returns for a value it does not certainly accept. @internal */
export const REFUSED: unique symbol = Symbol('refused');

/** A parser derived from a schema: a validated copy, or {@link REFUSED}. @internal */
export type FastParser = (value: unknown) => unknown;

type Def = { type: string; [key: string]: unknown };
type CheckDef = { check: string; [key: string]: unknown };

const predicates = new WeakMap<object, (value: unknown) => boolean>();
/** Built parsers per schema: generated, and closures (where code generation is not allowed, and for the tests). */
const parsers = { generated: new WeakMap<object, FastParser>(), closures: new WeakMap<object, FastParser>() };
/** Schemas whose predicate stands for the whole schema, for the agreement test. @internal */
export const fastChecked: { schema: z.core.$ZodType; predicate: (value: unknown) => boolean }[] = [];

/**
 * Declares a hand-written predicate that accepts exactly what `schema` accepts (a schema whose
 * output is its input, such as a string with checks). The fast parser then calls it instead of
 * walking the schema's checks. Returns the schema.
 * @internal
 */
export function fastCheck<S extends z.core.$ZodType>(schema: S, predicate: (value: unknown) => boolean): S {
  predicates.set(schema, predicate);
  fastChecked.push({ schema, predicate });
  return schema;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function checksOf(def: Def): CheckDef[] | undefined {
  const checks = (def['checks'] as { _zod: { def: CheckDef } }[] | undefined) ?? [];
  const out: CheckDef[] = [];
  for (const c of checks) {
    const d = c._zod.def;
    // A check with a `when` (zod's conditional checks) or an unknown kind: leave it to the schema.
    if (d['when'] !== undefined && d.check !== 'min_length' && d.check !== 'max_length') return undefined;
    out.push(d);
  }
  return out;
}

function passes(checks: readonly CheckDef[], value: string | number | readonly unknown[]): boolean {
  for (const c of checks) {
    switch (c.check) {
      case 'min_length':
        if ((value as string).length < (c['minimum'] as number)) return false;
        break;
      case 'max_length':
        if ((value as string).length > (c['maximum'] as number)) return false;
        break;
      case 'string_format':
        if (c['format'] !== 'regex' || !(c['pattern'] as RegExp).test(value as string)) return false;
        break;
      case 'greater_than':
        if (c['inclusive'] ? (value as number) < (c['value'] as number) : (value as number) <= (c['value'] as number)) return false;
        break;
      case 'less_than':
        if (c['inclusive'] ? (value as number) > (c['value'] as number) : (value as number) >= (c['value'] as number)) return false;
        break;
      case 'custom':
        if ((c['fn'] as (v: unknown) => unknown)(value) !== true) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const refuseAll: FastParser = () => REFUSED;

const identity: FastParser = (value) => value;

/** How the object parser checks one field: the common leaf kinds inline, anything else by its parser. */
const enum FieldMode {
  Parser,
  Predicate,
  Enum,
}

interface FieldCheck {
  readonly mode: FieldMode;
  /** Undefined is accepted (an optional field). */
  readonly optional: boolean;
  readonly parse: FastParser;
  readonly predicate: ((value: unknown) => boolean) | undefined;
  readonly options: readonly unknown[] | undefined;
}

function fieldCheck(schema: z.core.$ZodType, generate: boolean): FieldCheck {
  const type = defOf(schema).type;
  // An optional field accepts undefined; so does a field of type undefined (its parser refuses the rest).
  const optional = type === 'optional' || type === 'undefined';
  const inner = type === 'optional' ? (defOf(schema)['innerType'] as z.core.$ZodType) : schema;
  const predicate = predicates.get(inner);
  const def = defOf(inner);
  if (predicate) return { mode: FieldMode.Predicate, optional, parse: refuseAll, predicate, options: undefined };
  if (def.type === 'enum' && def['checks'] === undefined) return { mode: FieldMode.Enum, optional, parse: refuseAll, predicate: undefined, options: Object.values(def['entries'] as Record<string, unknown>) };
  return { mode: FieldMode.Parser, optional, parse: fastParser(inner, generate), predicate: undefined, options: undefined };
}

/** A JSON literal of an enum option (strings, finite numbers, booleans), or undefined. */
const literalOf = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? JSON.stringify(v) : undefined);

/**
 * An object schema's parser generated as one function's source: the checks of objectParser's
 * closure, spelled out per field (see the comment at the top). Each field's flag is set while its
 * key is enumerated, so a field is read only when it is an own key of the copy, never from a
 * prototype. Undefined when the source cannot be built or run (the closure is used then).
 */
function generateObjectParser(keys: readonly string[], checks: readonly FieldCheck[]): FastParser | undefined {
  // The functions a field calls, as constants of the generated scope (one call target per site).
  const calls: unknown[] = [];
  const constants: string[] = [];
  const seen = keys.map((_, i) => `s${i}`);
  const fields: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = JSON.stringify(keys[i]);
    const check = checks[i]!;
    let test: string;
    switch (check.mode) {
      case FieldMode.Predicate:
        constants.push(`const f${i} = calls[${calls.push(check.predicate) - 1}];`);
        test = `if (!f${i}(v)) return REFUSED;`;
        break;
      case FieldMode.Enum: {
        const literals = check.options!.map(literalOf);
        if (literals.length === 0 || literals.some((l) => l === undefined)) return undefined;
        test = `if (${literals.map((l) => `v !== ${l!}`).join(' && ')}) return REFUSED;`;
        break;
      }
      default:
        constants.push(`const f${i} = calls[${calls.push(check.parse) - 1}];`);
        test = `const parsed = f${i}(v); if (parsed === REFUSED) return REFUSED; if (parsed !== v) out[${key}] = parsed;`;
    }
    fields.push(
      check.optional
        ? `if (s${i}) { const v = out[${key}]; if (v !== undefined) { ${test} } }`
        : `{ if (!s${i}) return REFUSED; const v = out[${key}]; if (v === undefined) return REFUSED; ${test} }`,
    );
  }
  const source = [
    '"use strict";',
    ...constants,
    'return function parseObject(value) {',
    '  if (typeof value !== "object" || value === null || Array.isArray(value)) return REFUSED;',
    '  const proto = getPrototypeOf(value);',
    '  if (proto !== OBJECT_PROTOTYPE && proto !== null) return REFUSED;',
    // One copy, reading each of the caller's properties once (see objectParser).
    '  const out = { ...value };',
    keys.length > 0 ? `  let ${seen.map((s) => `${s} = false`).join(', ')};` : '',
    '  for (const k in out) {',
    '    switch (k) {',
    ...keys.map((k, i) => `      case ${JSON.stringify(k)}: ${seen[i]} = true; break;`),
    '      default: return REFUSED;',
    '    }',
    '  }',
    ...fields.map((f) => `  ${f}`),
    '  return out;',
    '};',
  ].join('\n');
  try {
    // The one use of code generation in the library, on the library's own schema definitions.
    const make = new Function('REFUSED', 'getPrototypeOf', 'OBJECT_PROTOTYPE', 'calls', source) as (...args: unknown[]) => FastParser;
    return make(REFUSED, Object.getPrototypeOf, Object.prototype, calls);
  } catch {
    return undefined;
  }
}

/** Whether `new Function` works here, asked once (the answer does not change in a process or page). */
let mayCompile: boolean | undefined;

/**
 * Whether parsers may be generated: not when zod is told not to (`z.config({ jitless: true })`,
 * which a strict Content-Security-Policy asks for), else whether `new Function` works (a
 * Content-Security-Policy without 'unsafe-eval', or node's `--disallow-code-generation-from-strings`,
 * refuses it).
 * @internal
 */
export function codeGenerationAllowed(): boolean {
  if (globalConfig.jitless === true) return false;
  if (mayCompile === undefined) {
    try {
      new Function('');
      mayCompile = true;
    } catch {
      mayCompile = false;
    }
  }
  return mayCompile;
}

function objectParser(def: Def, generate: boolean): FastParser {
  const shape = def['shape'] as Record<string, z.core.$ZodType>;
  const catchall = def['catchall'] as z.core.$ZodType | undefined;
  // Strict objects only (unknown keys refused); a schema that strips or passes unknown keys decides itself.
  if (catchall === undefined || defOf(catchall).type !== 'never') return refuseAll;
  const keys = Object.keys(shape);
  // A declared "__proto__" (zod leaves it out of its output): the schema decides.
  if (keys.includes('__proto__')) return refuseAll;
  // Per field, the check: optional unwrapped here and the common leaves (a registered predicate,
  // an enum) checked inline, so most fields cost no call through a parser closure.
  const checks = keys.map((k) => fieldCheck(shape[k]!, generate));
  if (generate) {
    const generated = generateObjectParser(keys, checks);
    if (generated !== undefined) return generated;
  }
  const requiredCount = checks.filter((c) => !c.optional).length;
  const indexOfKey = new Map(keys.map((k, i) => [k, i]));
  return (value) => {
    if (!isPlainObject(value)) return REFUSED;
    // One copy first, reading each of the caller's properties once (a getter too): everything
    // after reads the copy, whose properties are plain data. Spread defines properties (a
    // "__proto__" key stays an own key, refused below as unknown) and is several times faster
    // than Object.assign here (measured: 190 ns against 870 ns for a member).
    const out: Record<string, unknown> = { ...value };
    let requiredSeen = 0;
    // for…in over the copy reads each property through V8's enum cache.
    let expected = 0;
    for (const k in out) {
      // Fields usually come in the schema's order: the next key is tried first, then the index.
      const i = expected < keys.length && keys[expected] === k ? expected : (indexOfKey.get(k) ?? -1);
      if (i < 0) return REFUSED;
      expected = i + 1;
      const field = out[k];
      const check = checks[i]!;
      if (field === undefined) {
        if (!check.optional) return REFUSED;
        continue;
      }
      if (!check.optional) requiredSeen++;
      switch (check.mode) {
        case FieldMode.Predicate:
          if (!check.predicate!(field)) return REFUSED;
          break;
        case FieldMode.Enum: {
          const options = check.options!;
          let found = false;
          for (let j = 0; j < options.length; j++) {
            if (options[j] === field) {
              found = true;
              break;
            }
          }
          if (!found) return REFUSED;
          break;
        }
        default: {
          const parsed = check.parse(field);
          if (parsed === REFUSED) return REFUSED;
          if (parsed !== field) out[k] = parsed;
        }
      }
    }
    return requiredSeen === requiredCount ? out : REFUSED;
  };
}

function build(schema: z.core.$ZodType, generate: boolean): FastParser {
  const predicate = predicates.get(schema);
  if (predicate) return (value) => (predicate(value) ? value : REFUSED);
  const def = defOf(schema);
  const base = buildBase(def, generate);
  // Checks on a schema of another type (a refinement of a union, say) run on its parsed value.
  if (def['checks'] === undefined || ['string', 'number', 'array'].includes(def.type)) return base;
  const checks = checksOf(def);
  if (!checks || checks.some((c) => c.check !== 'custom')) return refuseAll;
  return (value) => {
    const parsed = base(value);
    return parsed !== REFUSED && passes(checks, parsed as string) ? parsed : REFUSED;
  };
}

function buildBase(def: Def, generate: boolean): FastParser {
  switch (def.type) {
    case 'object':
      return objectParser(def, generate);
    case 'optional': {
      const inner = fastParser(def['innerType'] as z.core.$ZodType, generate);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'string': {
      const checks = checksOf(def);
      if (!checks) return refuseAll;
      return (value) => (typeof value === 'string' && passes(checks, value) ? value : REFUSED);
    }
    case 'number': {
      const checks = checksOf(def);
      if (!checks) return refuseAll;
      return (value) => (typeof value === 'number' && Number.isFinite(value) && passes(checks, value) ? value : REFUSED);
    }
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : REFUSED);
    case 'null':
      return (value) => (value === null ? value : REFUSED);
    case 'unknown':
    case 'any':
      return identity;
    case 'literal': {
      const values = def['values'] as readonly unknown[];
      return (value) => (values.includes(value) ? value : REFUSED);
    }
    case 'enum': {
      const options = Object.values(def['entries'] as Record<string, unknown>);
      return (value) => {
        for (let i = 0; i < options.length; i++) if (options[i] === value) return value;
        return REFUSED;
      };
    }
    case 'array': {
      const checks = checksOf(def);
      if (!checks) return refuseAll;
      const element = fastParser(def['element'] as z.core.$ZodType, generate);
      return (value) => {
        if (!Array.isArray(value) || !passes(checks, value)) return REFUSED;
        // Allocated at its length (the first push allocated room for 17 elements), filled below.
        const n = value.length;
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) {
          if (!(i in value)) return REFUSED; // a hole: the schema decides
          const parsed = element(value[i]);
          if (parsed === REFUSED) return REFUSED;
          out[i] = parsed;
        }
        return out;
      };
    }
    case 'union': {
      const options = (def['options'] as z.core.$ZodType[]).map((o) => fastParser(o, generate));
      return (value) => {
        for (const option of options) {
          const parsed = option(value);
          if (parsed !== REFUSED) return parsed;
        }
        return REFUSED;
      };
    }
    case 'record': {
      // Only records of string keys without checks: to unknown values (the `meta` of the models), a
      // shallow copy; to values of another schema (pricing's `tierQuantities`), each value parsed.
      const keyDef = defOf(def['keyType']);
      if (keyDef.type !== 'string' || keyDef['checks'] !== undefined) return refuseAll;
      const valueType = def['valueType'] as z.core.$ZodType;
      const element = ['unknown', 'any'].includes(defOf(valueType).type) ? identity : fastParser(valueType, generate);
      return (value) => {
        // A symbol key fails the schema's string key (Object.keys would skip it): the schema decides.
        if (!isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) return REFUSED;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          if (key === '__proto__') return REFUSED;
          const parsed = element(value[key]);
          if (parsed === REFUSED) return REFUSED;
          out[key] = parsed;
        }
        return out;
      };
    }
    default:
      return refuseAll;
  }
}

/**
 * The fast parser of a schema (built once per schema and kind, then reused): generated where
 * `generate` (default: {@link codeGenerationAllowed}), else closures.
 * @internal
 */
export function fastParser(schema: z.core.$ZodType, generate = codeGenerationAllowed()): FastParser {
  const cache = generate ? parsers.generated : parsers.closures;
  let parser = cache.get(schema);
  if (!parser) {
    // Set before building, so a schema that refers to itself cannot recurse forever.
    let built: FastParser | undefined;
    cache.set(schema, (value) => built!(value));
    built = build(schema, generate);
    parser = built;
    cache.set(schema, parser);
  }
  return parser;
}

/**
 * The fast parser of a schema for values from outside: a value whose reading throws (a getter, a
 * revoked proxy) is {@link REFUSED}, and the schema then reports it. Built on the first value, not
 * when the module loads, so that a `z.config({ jitless: true })` made after importing the library
 * is heeded. `generate` as for {@link fastParser}.
 * @internal
 */
export function inputParser(schema: z.core.$ZodType, generate?: boolean): FastParser {
  let parse: FastParser | undefined;
  return (value) => {
    try {
      return (parse ??= fastParser(schema, generate))(value);
    } catch {
      return REFUSED;
    }
  };
}
