// A fast path for the pricing inputs, derived from their zod schemas when first used: the object
// keys, which are optional, enum options and literals are read from the schema itself (no second
// list). It returns a validated copy (each value read once), or FAIL whenever it is not certain
// the schema accepts the value; the caller then runs the schema, which reports the problems. So
// the fast path can only ever accept what the schema accepts (a property test holds it to that).
import * as z from 'zod/mini';
import { isCalendarDate } from '../dates/calendar-date.js';
import { CalendarDateSchema, IdSchema, QuantitySchema } from '../model/primitives.js';
import { fastChecked } from '../model/fast-parse.js';

/** Returned when the fast path is not sure. @internal */
export const FAIL: unique symbol = Symbol('fast-parse-fail');
type FastParse = (value: unknown) => unknown;

interface Def {
  type: string;
  shape?: Record<string, unknown>;
  catchall?: { _zod: { def: { type: string } } };
  element?: unknown;
  innerType?: unknown;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  checks?: readonly { _zod: { def: { check: string; minimum?: number } } }[];
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** `QuantitySchema`'s common values: a safe non-negative integer, or its decimal text without a fraction. */
function isWholeQuantity(v: unknown): boolean {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0;
  if (typeof v !== 'string' || v.length === 0 || v.length > 15) return false;
  if (v.length > 1 && v.charCodeAt(0) === 48) return false;
  for (let i = 0; i < v.length; i++) if (!isDigit(v.charCodeAt(i))) return false;
  return true;
}

/** Leaves checked by hand for their common values (anything else goes to the leaf's schema). */
const LEAVES = new Map<unknown, (v: unknown) => boolean>([
  [QuantitySchema, isWholeQuantity],
  [CalendarDateSchema, (v) => isCalendarDate(v) && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45],
  [IdSchema, (v) => typeof v === 'string' && v.length > 0],
]);

/** The leaf's own schema, for values the hand checks do not cover. */
function bySchema(schema: z.core.$ZodType): FastParse {
  return (v) => {
    const r = z.safeParse(schema, v);
    return r.success ? r.data : FAIL;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Compiles the fast parse of a schema. @internal */
export function compileFastParse(schema: z.core.$ZodType): FastParse {
  // A leaf with a hand-written predicate registered by `fastCheck` (tested to agree with its schema) is checked by it.
  const leaf = LEAVES.get(schema) ?? fastChecked.find((c) => c.schema === schema)?.predicate;
  if (leaf !== undefined) {
    const slow = bySchema(schema);
    return (v) => (leaf(v) ? v : slow(v));
  }
  const def = defOf(schema);
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'object': {
      if (checks.length > 0 || def.catchall === undefined || defOf(def.catchall).type !== 'never') return bySchema(schema);
      const shape = def.shape!;
      const keys = Object.keys(shape);
      const parsers = keys.map((k) => compileFastParse(shape[k] as z.core.$ZodType));
      const optional = keys.map((k) => defOf(shape[k]).type === 'optional');
      return (v) => {
        if (!isPlainObject(v)) return FAIL;
        for (const k in v) if (!Object.hasOwn(shape, k) || !Object.hasOwn(v, k)) return FAIL;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          const value = v[key];
          if (value === undefined) {
            if (!optional[i]) return FAIL;
            continue;
          }
          const parsed = parsers[i]!(value);
          if (parsed === FAIL) return FAIL;
          out[key] = parsed;
        }
        return out;
      };
    }
    case 'array': {
      let min = 0;
      for (const c of checks) {
        if (c._zod.def.check !== 'min_length') return bySchema(schema);
        min = Math.max(min, c._zod.def.minimum ?? 0);
      }
      const element = compileFastParse(def.element as z.core.$ZodType);
      return (v) => {
        if (!Array.isArray(v) || v.length < min) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          if (!Object.hasOwn(v, i)) return FAIL;
          const parsed = element(v[i]);
          if (parsed === FAIL) return FAIL;
          out[i] = parsed;
        }
        return out;
      };
    }
    case 'optional': {
      const inner = compileFastParse(def.innerType as z.core.$ZodType);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'enum': {
      const options = Object.values(def.entries!);
      return (v) => (options.includes(v as string) ? v : FAIL);
    }
    case 'literal': {
      const values = def.values!;
      return (v) => (values.includes(v) ? v : FAIL);
    }
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'unknown':
      return (v) => v;
    case 'string':
      return checks.length === 0 ? (v) => (typeof v === 'string' ? v : FAIL) : bySchema(schema);
    default:
      return bySchema(schema);
  }
}
