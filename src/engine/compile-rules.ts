import { PaceError, formatIssues, isPaceError } from '../errors/pace-error.js';
import type { PaceErrorCode, PaceErrorIssue } from '../errors/pace-error.js';
import { resolveOperator } from './operators.js';
import type { OperatorEvaluate } from './operators.js';
import { tryParsePath } from './path.js';
import type {
  CompileRulesOptions,
  CompiledRules,
  ConditionTrace,
  JsonRulesEngineRule,
  RuleEvent,
  RuleTrace,
  RunOptions,
  RunResult,
} from './types.js';

// ─── Intermediate representation ─────────────────────────────────────────────────────────────
// Built once by the validator; named-condition references are inlined. It is then lowered into
// a tree of `Cell`s that one evaluator walks without trace and another with trace.

interface RuleContext {
  readonly index: number;
  readonly label: string;
}

interface LeafNode {
  readonly kind: 'leaf';
  readonly rule: RuleContext;
  /** Where the leaf sits in its rule, e.g. `conditions.all[2]`. */
  readonly tracePath: string;
  readonly id: number;
  readonly fact: string;
  /** Slot of the left-hand operand in the per-run values: the fact's own slot, or a path slot. */
  readonly slot: number;
  readonly segments: readonly string[];
  readonly factPath: string | undefined;
  readonly operator: string;
  readonly evaluate: OperatorEvaluate;
  /** `equal`, `lessThan`, … when the operator is an undecorated, unreplaced built-in. */
  readonly builtIn: string | undefined;
  readonly valueFact: { readonly fact: string; readonly slot: number; readonly segments: readonly string[] } | undefined;
  readonly value: unknown;
  /** Cannot throw on JSON data facts once every fact it reads is present. */
  readonly safe: boolean;
  /** The operator may return something other than a boolean (custom operators). */
  readonly rawResult: boolean;
  readonly mask: number;
}

interface GroupNode {
  readonly kind: 'all' | 'any';
  readonly children: readonly IrNode[];
  /** Children grouped by priority, highest first; within a group, in source order. */
  readonly groups: readonly (readonly IrNode[])[];
  readonly safe: boolean;
  readonly mask: number;
}

interface NotNode {
  readonly kind: 'not';
  readonly child: IrNode;
  readonly safe: boolean;
  readonly mask: number;
}

type IrNode = LeafNode | GroupNode | NotNode;

interface CompiledRule {
  readonly index: number;
  readonly name: string | number | undefined;
  readonly priority: number;
  readonly root: IrNode;
  /** The root is evaluated as json-rules-engine's `rule.evaluate` does (no `=== true` at the root). */
  readonly rootIsInner: boolean;
  readonly type: string;
  readonly params: Record<string, unknown> | undefined;
}

/** Marks an absent fact in the per-run value array (only when undefined facts are not allowed). */
const MISSING: unique symbol = Symbol('missing-fact');

const BOOLEAN_KEYS = ['any', 'all', 'not'] as const;

// ─── Small helpers ───────────────────────────────────────────────────────────────────────────

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const has = (value: object, key: string): boolean => Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/u;
const key = (name: string): string => (IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
const isPriority = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isThenable = (value: unknown): boolean =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
const bit = (slot: number): number => 1 << (slot & 31);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** JSON-like data: what event params may contain (so a copy per run is faithful and cheap). */
function isJsonData(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      if (Array.isArray(value)) return value.every((item) => isJsonData(item, depth + 1));
      return isPlainObject(value) && Object.values(value).every((item) => isJsonData(item, depth + 1));
    default:
      return false;
  }
}

/** A deep copy of JSON data (events, conditions). @internal */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyJson((value as Record<string, unknown>)[k]);
  return out as T;
}

// ─── Validation and IR construction ──────────────────────────────────────────────────────────

interface Issue extends PaceErrorIssue {
  readonly code: PaceErrorCode;
}

class Builder {
  readonly issues: Issue[] = [];
  /** Fact name → slot. Slot 0 of the per-run values holds the missing-fact mask. */
  readonly facts = new Map<string, number>();
  /** (fact slot, path) → slot caching that path's value for one run. */
  readonly paths = new Map<string, { readonly slot: number; readonly base: number; readonly segments: readonly string[] }>();
  private nextSlot = 1;
  leafCount = 0;
  /** While expanding a named condition for a rule, its own problems were already reported. */
  private muted = 0;
  private readonly expanding: string[] = [];

  constructor(
    private readonly operators: Readonly<Record<string, (f: unknown, v: unknown) => unknown>>,
    private readonly named: Readonly<Record<string, unknown>>,
  ) {}

  issue(code: PaceErrorCode, path: string, message: string): void {
    if (this.muted === 0) this.issues.push({ code, path, message: `${message} (${code})` });
  }

  factSlot(fact: string): number {
    let slot = this.facts.get(fact);
    if (slot === undefined) {
      slot = this.nextSlot++;
      this.facts.set(fact, slot);
    }
    return slot;
  }

  /** Every (fact, path) operand gets one slot, resolved at most once per run and shared by its readers. */
  operandSlot(fact: string, segments: readonly string[]): number {
    const base = this.factSlot(fact);
    if (segments.length === 0) return base;
    const id = `${base}\u0000${segments.join('\u0000')}`;
    let entry = this.paths.get(id);
    if (entry === undefined) {
      entry = { slot: this.nextSlot++, base, segments };
      this.paths.set(id, entry);
    }
    return entry.slot;
  }

  checkPriority(node: Record<string, unknown>, path: string): number {
    if (!has(node, 'priority')) return 1;
    if (!isPriority(node['priority'])) {
      this.issue('invalid-rule', `${path}.priority`, `priority must be an integer >= 1, got ${JSON.stringify(node['priority'])}`);
      return 1;
    }
    return node['priority'];
  }

  /** A node in a position where json-rules-engine's `evaluateCondition` runs it. */
  node(raw: unknown, path: string, tracePath: string, rule: RuleContext, root: boolean): IrNode | undefined {
    if (!isRecord(raw)) {
      this.issue('invalid-rule', path, `a condition must be an object, got ${Array.isArray(raw) ? 'an array' : JSON.stringify(raw) ?? String(raw)}`);
      return undefined;
    }
    const present = [...BOOLEAN_KEYS, 'condition'].filter((k) => Object.hasOwn(raw, k));
    if (present.length > 1) {
      this.issue('invalid-rule', path, `a condition must have exactly one of "all", "any", "not", "condition"; found ${present.join(', ')}`);
      return undefined;
    }
    if (present.length === 1 && (Object.hasOwn(raw, 'fact') || Object.hasOwn(raw, 'operator'))) {
      this.issue('invalid-rule', path, `"${present[0]!}" cannot be combined with "fact" or "operator" in one condition`);
      return undefined;
    }
    if (root && present.length === 0) {
      this.issue('invalid-rule', path, '"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
      return undefined;
    }
    const kind = present[0];
    if (kind === 'all' || kind === 'any') {
      const children = raw[kind];
      if (!Array.isArray(children)) {
        this.issue('invalid-rule', `${path}.${kind}`, `"${kind}" must be an array`);
        return undefined;
      }
      const built: { node: IrNode | undefined; priority: number }[] = children.map((child: unknown, i: number) => ({
        node: this.node(child, `${path}.${kind}[${i}]`, `${tracePath}.${kind}[${i}]`, rule, false),
        priority: isRecord(child) ? this.checkPriority(child, `${path}.${kind}[${i}]`) : 1,
      }));
      if (built.some((b) => b.node === undefined)) return undefined;
      const nodes = built.map((b) => b.node!);
      const priorities = [...new Set(built.map((b) => b.priority))].sort((a, b) => b - a);
      const groups = priorities.map((p) => built.filter((b) => b.priority === p).map((b) => b.node!));
      return {
        kind,
        children: nodes,
        groups,
        safe: nodes.every((n) => n.safe),
        mask: nodes.reduce((m, n) => m | n.mask, 0),
      };
    }
    if (kind === 'not') {
      const child = raw['not'];
      if (Array.isArray(child)) {
        this.issue('invalid-rule', `${path}.not`, '"not" cannot be an array');
        return undefined;
      }
      if (isRecord(child)) this.checkPriority(child, `${path}.not`);
      const inner = this.node(child, `${path}.not`, `${tracePath}.not`, rule, false);
      if (inner === undefined) return undefined;
      return { kind: 'not', child: inner, safe: inner.safe, mask: inner.mask };
    }
    if (kind === 'condition') return this.reference(raw, path, tracePath, rule, root);
    return this.leaf(raw, path, tracePath, rule);
  }

  reference(raw: Record<string, unknown>, path: string, tracePath: string, rule: RuleContext, root: boolean): IrNode | undefined {
    const name = raw['condition'];
    if (typeof name !== 'string') {
      this.issue('invalid-rule', `${path}.condition`, `a condition reference must name a condition (a string), got ${JSON.stringify(name)}`);
      return undefined;
    }
    if (!Object.hasOwn(this.named, name)) {
      this.issue('unknown-condition', path, `rule ${rule.label} references condition "${name}", which is not among options.conditions`);
      return undefined;
    }
    if (this.expanding.includes(name)) {
      this.issue('invalid-rule', path, `condition reference cycle: ${[...this.expanding, name].join(' -> ')}`);
      return undefined;
    }
    this.expanding.push(name);
    this.muted++;
    // The target runs through json-rules-engine's evaluateCondition (realize → evaluateCondition).
    const target = this.node(this.named[name], `options.conditions${key(name)}`, `${tracePath}<${name}>`, rule, true);
    this.muted--;
    this.expanding.pop();
    if (target === undefined) {
      // Its own problems were reported once, under options.conditions; make sure the set fails.
      if (this.issues.length === 0) this.issue('invalid-rule', path, `condition "${name}" is invalid`);
      return undefined;
    }
    return target;
  }

  factPath(raw: Record<string, unknown>, path: string, rule: RuleContext): { segments: readonly string[]; text: string | undefined } | undefined {
    if (!Object.hasOwn(raw, 'path') || raw['path'] === undefined || raw['path'] === '') return { segments: [], text: undefined };
    const text = raw['path'];
    if (typeof text !== 'string') {
      this.issue('unsupported-path', `${path}.path`, `rule ${rule.label}: path must be a string, got ${JSON.stringify(text)}`);
      return undefined;
    }
    const parsed = tryParsePath(text);
    if (!parsed.ok) {
      this.issue('unsupported-path', `${path}.path`, `rule ${rule.label}: ${parsed.message}`);
      return undefined;
    }
    return { segments: parsed.segments, text };
  }

  leaf(raw: Record<string, unknown>, path: string, tracePath: string, rule: RuleContext): LeafNode | undefined {
    let ok = true;
    const fact = raw['fact'];
    if (!Object.hasOwn(raw, 'fact')) {
      this.issue('invalid-rule', path, 'Condition: constructor "fact" property required');
      ok = false;
    } else if (typeof fact !== 'string' || fact === '') {
      this.issue('invalid-rule', `${path}.fact`, `"fact" must be a non-empty string, got ${JSON.stringify(fact)}`);
      ok = false;
    }
    const operator = raw['operator'];
    if (!Object.hasOwn(raw, 'operator')) {
      this.issue('invalid-rule', path, 'Condition: constructor "operator" property required');
      ok = false;
    } else if (typeof operator !== 'string') {
      this.issue('invalid-rule', `${path}.operator`, `"operator" must be a string, got ${JSON.stringify(operator)}`);
      ok = false;
    }
    if (!Object.hasOwn(raw, 'value')) {
      this.issue('invalid-rule', path, 'Condition: constructor "value" property required');
      ok = false;
    }
    const factPath = this.factPath(raw, path, rule);
    if (factPath === undefined) ok = false;
    const resolved = typeof operator === 'string' ? resolveOperator(operator, this.operators) : undefined;
    if (typeof operator === 'string' && resolved === undefined) {
      this.issue('unknown-operator', `${path}.operator`, `rule ${rule.label}: unknown operator "${operator}" (built-ins: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive; decorators someFact, someValue, everyFact, everyValue, swap, not; or supply it in options.operators)`);
      ok = false;
    }
    const value = raw['value'];
    let valueFact: LeafNode['valueFact'];
    let literal: unknown = value;
    if (isRecord(value) && Object.hasOwn(value, 'fact')) {
      const refFact = value['fact'];
      const refPath = this.factPath(value, `${path}.value`, rule);
      if (typeof refFact !== 'string' || refFact === '') {
        this.issue('invalid-rule', `${path}.value.fact`, `a fact reference must name a fact (a non-empty string), got ${JSON.stringify(refFact)}`);
        ok = false;
      } else if (refPath !== undefined) {
        valueFact = { fact: refFact, slot: this.operandSlot(refFact, refPath.segments), segments: refPath.segments };
      }
      literal = undefined;
    } else if (typeof value === 'function' || isThenable(value)) {
      this.issue('invalid-rule', `${path}.value`, 'a condition value must be data, not a function or a promise');
      ok = false;
    } else if (resolved !== undefined && resolved.decorators.length === 0 && (resolved.builtIn === 'in' || resolved.builtIn === 'notIn')) {
      if (!Array.isArray(value)) {
        this.issue('invalid-rule', `${path}.value`, `"${String(operator)}" needs an array value (json-rules-engine would test a substring of a string, or throw on anything else), got ${JSON.stringify(value)}`);
        ok = false;
      } else {
        literal = Object.freeze(value.slice());
      }
    }
    if (!ok || resolved === undefined || factPath === undefined || typeof fact !== 'string' || typeof operator !== 'string') return undefined;
    const slot = this.operandSlot(fact, factPath.segments);
    const builtIn = resolved.decorators.length === 0 ? resolved.builtIn : undefined;
    // Leaves that can never throw once the facts they read are present: equal and notEqual
    // (strict comparison), contains and doesNotContain (an Array.isArray guard, then strict
    // indexOf), in and notIn against a literal array. Everything else may throw on some value:
    // the numeric operators convert both sides (a symbol or a null-prototype object throws),
    // in/notIn against a fact call indexOf on whatever the fact holds, and decorated or custom
    // operators run arbitrary code.
    const safe =
      builtIn === 'equal' || builtIn === 'notEqual' || builtIn === 'contains' || builtIn === 'doesNotContain' ||
      ((builtIn === 'in' || builtIn === 'notIn') && valueFact === undefined);
    const rawResult = resolved.builtIn === undefined;
    return {
      kind: 'leaf',
      rule,
      tracePath,
      id: this.leafCount++,
      fact,
      slot,
      segments: factPath.segments,
      factPath: factPath.text,
      operator,
      evaluate: resolved.evaluate,
      builtIn,
      valueFact,
      value: literal,
      safe,
      rawResult,
      mask: bit(this.factSlot(fact)) | (valueFact === undefined ? 0 : bit(this.factSlot(valueFact.fact))),
    };
  }
}

function validateOptions(options: CompileRulesOptions, issues: Issue[]): void {
  if (!isRecord(options)) {
    issues.push({ code: 'invalid-input', path: 'options', message: 'options must be an object (invalid-input)' });
    return;
  }
  if (has(options, 'allowUndefinedFacts') && typeof options.allowUndefinedFacts !== 'boolean') {
    issues.push({ code: 'invalid-input', path: 'options.allowUndefinedFacts', message: 'must be a boolean (invalid-input)' });
  }
  if (has(options, 'operators')) {
    if (!isRecord(options.operators)) issues.push({ code: 'invalid-input', path: 'options.operators', message: 'must be an object of functions (invalid-input)' });
    else {
      for (const [name, fn] of Object.entries(options.operators)) {
        if (typeof fn !== 'function') issues.push({ code: 'invalid-input', path: `options.operators${key(name)}`, message: 'Missing operator callback: must be a function (invalid-input)' });
        if (name === '') issues.push({ code: 'invalid-input', path: 'options.operators', message: 'Missing operator name (invalid-input)' });
      }
    }
  }
  if (has(options, 'conditions') && !isRecord(options.conditions)) {
    issues.push({ code: 'invalid-input', path: 'options.conditions', message: 'must be an object of named conditions (invalid-input)' });
  }
}

function ruleLabel(index: number, rule: Record<string, unknown>): string {
  const name = rule['name'] ?? rule['id'];
  return typeof name === 'string' || typeof name === 'number' ? `$[${index}] (${JSON.stringify(name)})` : `$[${index}]`;
}

function buildRules(rules: unknown, options: CompileRulesOptions): { compiled: CompiledRule[]; builder: Builder } {
  const issues: Issue[] = [];
  validateOptions(options, issues);
  const operators = isRecord(options) && isRecord(options.operators) ? options.operators : {};
  const named = isRecord(options) && isRecord(options.conditions) ? options.conditions : {};
  const builder = new Builder(operators as Record<string, (f: unknown, v: unknown) => unknown>, named);
  if (!Array.isArray(rules)) {
    throw new PaceError('invalid-rule', 'compileRules expects an array of rules', [{ path: '$', message: 'expected an array of rules' }]);
  }
  // Named conditions are checked once, each as json-rules-engine's setCondition would see it.
  for (const name of Object.keys(named)) {
    builder.node(named[name], `options.conditions${key(name)}`, `<${name}>`, { index: -1, label: `options.conditions${key(name)}` }, true);
  }
  const compiled: CompiledRule[] = [];
  rules.forEach((raw: unknown, index: number) => {
    const path = `$[${index}]`;
    if (!isRecord(raw)) {
      builder.issue('invalid-rule', path, 'a rule must be an object');
      return;
    }
    const rule: RuleContext = { index, label: ruleLabel(index, raw) };
    let ok = true;
    const priority = builder.checkPriority(raw, path);
    if (has(raw, 'priority') && !isPriority(raw['priority'])) ok = false;
    const event = raw['event'];
    let type = '';
    let params: Record<string, unknown> | undefined;
    if (!Object.hasOwn(raw, 'event') || !isRecord(event)) {
      builder.issue('invalid-rule', `${path}.event`, 'a rule needs an "event" object');
      ok = false;
    } else if (typeof event['type'] !== 'string') {
      builder.issue('invalid-rule', `${path}.event.type`, `the event needs a string "type", got ${JSON.stringify(event['type'])}`);
      ok = false;
    } else {
      type = event['type'];
      const p = event['params'];
      if (p !== undefined && p !== null) {
        if (!isPlainObject(p) || !isJsonData(p)) {
          builder.issue('invalid-rule', `${path}.event.params`, 'event params must be a plain object of JSON data');
          ok = false;
        } else params = copyJson(p);
      }
    }
    if (!Object.hasOwn(raw, 'conditions')) {
      builder.issue('invalid-rule', `${path}.conditions`, 'a rule needs "conditions"');
      return;
    }
    const root = builder.node(raw['conditions'], `${path}.conditions`, 'conditions', rule, true);
    if (root === undefined || !ok) return;
    const name = raw['name'] ?? raw['id'];
    compiled.push({
      index,
      name: typeof name === 'string' || typeof name === 'number' ? name : undefined,
      priority,
      root,
      // json-rules-engine's rule.evaluate calls all()/any()/not() on the root directly; a root
      // reference goes through realize → evaluateCondition, like any nested condition.
      rootIsInner: root.kind !== 'leaf' && !Object.hasOwn(raw['conditions'] as object, 'condition'),
      type,
      params,
    });
  });
  issues.push(...builder.issues);
  if (issues.length > 0) {
    const codes = new Set(issues.map((i) => i.code));
    const code: PaceErrorCode = codes.size === 1 ? issues[0]!.code : 'invalid-rule';
    throw new PaceError(code, formatIssues(`compileRules refused ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues), issues.map(({ path, message }) => ({ path, message })));
  }
  compiled.sort((a, b) => b.priority - a.priority || a.index - b.index);
  return { compiled, builder };
}

// ─── Evaluation ──────────────────────────────────────────────────────────────────────────────
// The IR is lowered once into a tree of `Cell`s, one class for every kind of node so that every
// property read in the evaluator sees a single hidden class. A handful of module-level functions
// walk that tree and switch on small integer codes: one optimised copy of each, instead of one
// closure per leaf behind a megamorphic call site. No code is generated at run time (no `eval`,
// no `new Function`), so compiled rules run under a strict Content-Security-Policy.

function undefinedFact(leaf: LeafNode, fact: string): PaceError {
  const message = `Undefined fact: "${fact}" is read by rule ${leaf.rule.label} at ${leaf.tracePath} and was not supplied (pass it, or compile with allowUndefinedFacts: true)`;
  return new PaceError('undefined-fact', message, [{ path: leaf.tracePath, message }]);
}

// Cell kinds.
const LEAF = 0;
const ALL = 1;
const ANY = 2;
const NOT = 3;

// Operator codes of a leaf: the ten undecorated built-ins, or GENERIC (decorated or custom).
const OPERATOR_CODES: Readonly<Record<string, number>> = {
  equal: 0,
  notEqual: 1,
  in: 2,
  notIn: 3,
  contains: 4,
  doesNotContain: 5,
  lessThan: 6,
  lessThanInclusive: 7,
  greaterThan: 8,
  greaterThanInclusive: 9,
};
const GENERIC = 10;
// equal / notEqual against a literal true, false or string: compared without the generic
// strict-equality builtin that a comparison of operands of unknown type costs.
const EQUAL_TRUE = 11;
const EQUAL_FALSE = 12;
const NOT_EQUAL_TRUE = 13;
const NOT_EQUAL_FALSE = 14;
const EQUAL_STRING = 15;
const NOT_EQUAL_STRING = 16;

/** The operator code of a leaf: its built-in's, specialised for a literal where that is cheaper. */
function operatorCode(leaf: LeafNode): number {
  if (leaf.builtIn === undefined) return GENERIC;
  const code = OPERATOR_CODES[leaf.builtIn]!;
  if (leaf.valueFact !== undefined || code > 1) return code;
  const value = leaf.value;
  const equal = code === 0;
  if (value === true) return equal ? EQUAL_TRUE : NOT_EQUAL_TRUE;
  if (value === false) return equal ? EQUAL_FALSE : NOT_EQUAL_FALSE;
  if (typeof value === 'string') return equal ? EQUAL_STRING : NOT_EQUAL_STRING;
  return code;
}
/** lessThan … greaterThanInclusive */
const NUMERIC_FIRST = 6;
const NUMERIC_LAST = 9;

const NO_CELLS: readonly Cell[] = [];
const NO_NUMBERS: readonly number[] = [];
const NO_FLAGS: readonly boolean[] = [];
const NO_SEGMENTS: readonly string[] = [];

/**
 * Two leaves with the same built-in operator, the same operand slots and an equal literal give
 * the same result within a run (built-ins are pure, and operands are read once per run), so the
 * result is computed once. Equal literals: primitives compared as the operators compare them
 * (`===`, `<`: 0 and -0 alike), or the frozen lists of `in` / `notIn` of such primitives. Any other literal,
 * and custom or decorated operators (which may be impure), are not cached. Undefined: no key.
 */
function memoKey(leaf: LeafNode): string | undefined {
  if (leaf.builtIn === undefined) return undefined;
  const primitive = (v: unknown): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return `s${JSON.stringify(v)}`;
      case 'number':
      case 'boolean':
      case 'undefined':
        return `${typeof v}:${String(v)}`;
      default:
        return undefined;
    }
  };
  let literal: string | undefined = '';
  if (leaf.valueFact === undefined) {
    const value = leaf.value;
    // Only in/notIn lists are compared element by element (and were copied and frozen at compile
    // time); any other operator sees an array literal by identity or through its conversion, and
    // the caller still holds it.
    if (Array.isArray(value)) {
      if (leaf.builtIn !== 'in' && leaf.builtIn !== 'notIn') return undefined;
      const items = value.map(primitive);
      literal = items.every((k) => k !== undefined) ? `[${items.join(',')}]` : undefined;
    } else literal = primitive(value);
  }
  return literal === undefined ? undefined : `${leaf.builtIn} ${leaf.slot} ${leaf.valueFact?.slot ?? 0} ${literal}`;
}

/** One node of the evaluation tree; fields a kind does not use hold neutral values. */
class Cell {
  readonly kind: number;
  /** Cannot throw on JSON data once every fact it reads is present (see LeafNode.safe)… */
  readonly safe: boolean;
  /** …those facts (bits of fact slots). */
  readonly mask: number;
  /** A group evaluated by json-rules-engine's `evaluateCondition` whose only child is a raw-result leaf: compare `=== true`. */
  readonly strict: boolean;
  // all / any: the children flattened in evaluation order (priority groups, highest first).
  readonly members: readonly Cell[];
  /** End (exclusive) in `members` of each priority group. */
  readonly groupEnds: readonly number[];
  /** For member i: members i..end of its priority group can only throw by reading an absent fact… */
  readonly restSafe: readonly boolean[];
  /** …one of these (bits of fact slots). */
  readonly restMask: readonly number[];
  // not
  readonly child: Cell | undefined;
  // leaf
  readonly leaf: LeafNode | undefined;
  readonly op: number;
  /** Left operand: its slot, the slot of its fact, and the path from that fact (empty: the fact itself). */
  readonly ls: number;
  readonly lbase: number;
  readonly lpath: readonly string[];
  /** The only segment of a one-segment path. */
  readonly lkey: string | undefined;
  /** Bit of the left operand's fact in the mask of absent facts. */
  readonly lbit: number;
  /** Right operand when it is a fact reference (rs > 0); otherwise `literal` is the right operand. */
  readonly rs: number;
  readonly rbase: number;
  readonly rpath: readonly string[];
  readonly rkey: string | undefined;
  readonly rbit: number;
  readonly literal: unknown;
  readonly evaluate: OperatorEvaluate | undefined;
  readonly rawResult: boolean;
  /** Slot caching this leaf's result for the run, shared by identical leaves; 0 when not cached. */
  readonly memo: number;

  constructor(node: IrNode, builder: Builder, memoSlot: (leaf: LeafNode) => number) {
    this.kind = node.kind === 'leaf' ? LEAF : node.kind === 'all' ? ALL : node.kind === 'any' ? ANY : NOT;
    let members: readonly Cell[] = NO_CELLS;
    let groupEnds = NO_NUMBERS;
    let restSafe = NO_FLAGS;
    let restMask = NO_NUMBERS;
    let strict = false;
    if (node.kind === 'all' || node.kind === 'any') {
      members = node.groups.flatMap((g) => g.map((m) => new Cell(m, builder, memoSlot)));
      groupEnds = node.groups.map((_, g) => node.groups.slice(0, g + 1).reduce((n, x) => n + x.length, 0));
      const flat = node.groups.flat();
      const endOf = (i: number): number => groupEnds.find((end) => end > i)!;
      restSafe = flat.map((_, i) => flat.slice(i, endOf(i)).every((m) => m.safe));
      restMask = flat.map((_, i) => flat.slice(i, endOf(i)).reduce((mask, m) => mask | m.mask, 0));
      const only = node.children.length === 1 ? node.children[0] : undefined;
      strict = only !== undefined && only.kind === 'leaf' && only.rawResult;
    }
    this.strict = strict;
    this.safe = node.safe;
    this.mask = node.mask;
    this.members = members;
    this.groupEnds = groupEnds;
    this.restSafe = restSafe;
    this.restMask = restMask;
    this.child = node.kind === 'not' ? new Cell(node.child, builder, memoSlot) : undefined;
    const leaf = node.kind === 'leaf' ? node : undefined;
    this.leaf = leaf;
    this.op = leaf === undefined ? GENERIC : operatorCode(leaf);
    this.ls = leaf === undefined ? 0 : leaf.slot;
    this.lbase = leaf === undefined ? 0 : builder.factSlot(leaf.fact);
    this.lpath = leaf === undefined ? NO_SEGMENTS : leaf.segments;
    this.lkey = this.lpath.length === 1 ? this.lpath[0] : undefined;
    this.lbit = leaf === undefined ? 0 : bit(this.lbase);
    const ref = leaf?.valueFact;
    this.rs = ref === undefined ? 0 : ref.slot;
    this.rbase = ref === undefined ? 0 : builder.factSlot(ref.fact);
    this.rpath = ref === undefined ? NO_SEGMENTS : ref.segments;
    this.rkey = this.rpath.length === 1 ? this.rpath[0] : undefined;
    this.rbit = ref === undefined ? 0 : bit(this.rbase);
    this.literal = leaf === undefined ? undefined : leaf.value;
    this.evaluate = leaf?.evaluate;
    this.rawResult = leaf !== undefined && leaf.rawResult;
    this.memo = leaf === undefined ? 0 : memoSlot(leaf);
  }
}

/**
 * Reads a path from a fact value as json-rules-engine's JSONPath resolver does (see
 * `resolvePath` in path.ts): a value that is not a non-null object is returned as it is (so is
 * MISSING, a symbol); otherwise each segment follows an own property of a truthy value.
 */
function follow(fact: unknown, path: readonly string[]): unknown {
  if (fact === null || typeof fact !== 'object') return fact;
  let value: unknown = fact;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (!value || !Object.hasOwn(value as object, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Marks a path whose value cannot be kept for a frozen fact (see frozenPathValue). */
const UNSTABLE: unique symbol = Symbol('unstable');

/**
 * A path of a frozen fact resolved as {@link follow} resolves it, when the value can never
 * change: every object on the way is frozen and holds the segment as an own data property (or
 * does not hold it, which a frozen object cannot change), and primitives are immutable. Anything
 * else (an object not frozen, a getter) is UNSTABLE and is resolved on each run as usual. No
 * getter or proxy trap other than the descriptor lookups is called.
 */
function frozenPathValue(fact: object, path: readonly string[]): unknown {
  let value: unknown = fact;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (!value) return undefined;
    if (typeof value === 'object' || typeof value === 'function') {
      if (!Object.isFrozen(value)) return UNSTABLE;
      const descriptor = Object.getOwnPropertyDescriptor(value, segment);
      if (descriptor === undefined) return undefined;
      if (!('value' in descriptor)) return UNSTABLE;
      value = descriptor.value;
    } else {
      value = Object.hasOwn(value as object, segment) ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return value;
}

const NO_RECORDS: ConditionTrace[] = [];

/**
 * The state of one run. `values` holds each slot's value (slot = a fact, a fact path or a cached
 * leaf result) and `stamps` the run it was computed in: a slot holds a value of this run exactly
 * when its stamp is `epoch`, so nothing is reset between runs and no sentinel is compared.
 */
class RunState {
  readonly values: unknown[];
  readonly stamps: Int32Array;
  epoch = 0;
  /** Bits of the absent facts (always 0 with allowUndefinedFacts); bits may alias (slot & 31). */
  missing = 0;
  /** Trace mode: a buffer of the leaf records of the rule being traced (fresh each traced run: young, so storing records in it costs no write barrier), and how many there are. */
  records: ConditionTrace[] = NO_RECORDS;
  count = 0;
  constructor(width: number) {
    this.values = new Array<unknown>(width).fill(undefined);
    this.stamps = new Int32Array(width);
  }
  /** Starts a run: every slot computed in an earlier run becomes stale. */
  next(): number {
    if (this.epoch === 0x3fffffff) {
      this.stamps.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
  /** Whether a slot holds a value of this run. */
  current(slot: number): boolean {
    return this.stamps[slot] === this.epoch;
  }
  /** Keeps a value of this run in a slot. */
  keep(slot: number, value: unknown): void {
    this.values[slot] = value;
    this.stamps[slot] = this.epoch;
  }
}

/** Throws when the fact of a slot is absent: `bit` says it may be (bits alias), the slot says whether it is. */
function checkPresent(cell: Cell, run: RunState, bitOfFact: number, base: number, fact: string): void {
  if ((run.missing & bitOfFact) !== 0 && run.values[base] === MISSING) throw undefinedFact(cell.leaf!, fact);
}

/** Resolves a path from a fact value: one segment (`$.type`, the common case) without the loop of follow(). */
function resolve(f: unknown, key: string | undefined, path: readonly string[]): unknown {
  if (key === undefined) return follow(f, path);
  return f !== null && typeof f === 'object' ? (Object.hasOwn(f, key) ? (f as Record<string, unknown>)[key] : undefined) : f;
}

/** The left operand of a leaf; a path is resolved on first use in a run and kept in its slot. */
function leftOperand(cell: Cell, run: RunState): unknown {
  if (run.missing !== 0) checkPresent(cell, run, cell.lbit, cell.lbase, cell.leaf!.fact);
  const slot = cell.ls;
  if (run.current(slot)) return run.values[slot];
  const a = resolve(run.values[cell.lbase], cell.lkey, cell.lpath);
  run.keep(slot, a);
  return a;
}

/** The right operand: the literal, or a fact reference resolved like the left operand. */
function rightOperand(cell: Cell, run: RunState): unknown {
  const slot = cell.rs;
  if (slot === 0) return cell.literal;
  if (run.missing !== 0) checkPresent(cell, run, cell.rbit, cell.rbase, cell.leaf!.valueFact!.fact);
  if (run.current(slot)) return run.values[slot];
  const b = resolve(run.values[cell.rbase], cell.rkey, cell.rpath);
  run.keep(slot, b);
  return b;
}

/** json-rules-engine's numeric validator; for a number it is exactly "not NaN" (no string built). */
const isNumeric = (a: unknown): boolean => (typeof a === 'number' ? a === a : Number.parseFloat(a as string).toString() !== 'NaN');

/** The operator of a leaf applied to its operands (the built-ins inlined, as in operators.ts). */
function apply(cell: Cell, a: unknown, b: unknown): unknown {
  switch (cell.op) {
    case 0:
      return a === b;
    case 1:
      return a !== b;
    case 2:
      return (b as unknown[]).indexOf(a) > -1;
    case 3:
      return (b as unknown[]).indexOf(a) === -1;
    case 4:
      return Array.isArray(a) && a.indexOf(b) > -1;
    case 5:
      return Array.isArray(a) && a.indexOf(b) === -1;
    case 6:
      return isNumeric(a) && (a as number) < (b as number);
    case 7:
      return isNumeric(a) && (a as number) <= (b as number);
    case 8:
      return isNumeric(a) && (a as number) > (b as number);
    case 9:
      return isNumeric(a) && (a as number) >= (b as number);
    case EQUAL_TRUE:
      return a === true;
    case EQUAL_FALSE:
      return a === false;
    case NOT_EQUAL_TRUE:
      return a !== true;
    case NOT_EQUAL_FALSE:
      return a !== false;
    case EQUAL_STRING:
      return typeof a === 'string' && a === b;
    case NOT_EQUAL_STRING:
      return typeof a !== 'string' || a !== b;
    default: {
      const r = cell.evaluate!(a, b);
      // json-rules-engine would await a promise returned by a custom operator; we refuse it.
      if (cell.rawResult && typeof r !== 'boolean' && isThenable(r)) {
        const leaf = cell.leaf!;
        throw new PaceError('invalid-input', `operator "${leaf.operator}" returned a promise in rule ${leaf.rule.label} at ${leaf.tracePath}; operators must be synchronous`);
      }
      return r;
    }
  }
}

/** A leaf's raw result; kept apart from evaluateCondition (which recurses) so it can be inlined. */
function evaluateLeaf(cell: Cell, run: RunState): unknown {
  const memo = cell.memo;
  if (memo !== 0 && run.current(memo)) return run.values[memo];
  const b = rightOperand(cell, run);
  const r = apply(cell, leftOperand(cell, run), b);
  if (memo !== 0) run.keep(memo, r);
  return r;
}

/**
 * json-rules-engine's `evaluateCondition(node)`: a leaf's raw result (json-rules-engine resolves
 * both operands before comparing, so either may be an absent fact; the right one is checked
 * first); a boolean node's result, compared `=== true` where json-rules-engine would.
 */
function evaluateCondition(cell: Cell, run: RunState): unknown {
  switch (cell.kind) {
    case LEAF:
      return evaluateLeaf(cell, run);
    case NOT:
      return !evaluateCondition(cell.child!, run);
    default: {
      const r = evaluateGroup(cell, run);
      return cell.strict ? r === true : r;
    }
  }
}

/**
 * json-rules-engine's `all()` / `any()` (`prioritizeAndRun`): every member of a priority group is
 * evaluated (they run in parallel under Promise.all, so any of them may throw), and evaluation
 * stops only between groups. We stop inside a group as soon as its outcome is known, and then
 * evaluate the rest of the group only when one of them could throw: it reads an absent fact
 * (mask test) or holds a leaf that may throw on present data (`restSafe` is false).
 */
function evaluateGroup(cell: Cell, run: RunState): unknown {
  const members = cell.members;
  if (members.length === 0) return true;
  if (members.length === 1) return evaluateCondition(members[0]!, run);
  const isAll = cell.kind === ALL;
  const ends = cell.groupEnds;
  let i = 0;
  for (let g = 0; g < ends.length; g++) {
    const end = ends[g]!;
    for (; i < end; i++) {
      const member = members[i]!;
      if (((member.kind === LEAF ? evaluateLeaf(member, run) : evaluateCondition(member, run)) === true) !== isAll) {
        const rest = i + 1;
        if (rest < end && !(cell.restSafe[rest] === true && (run.missing & cell.restMask[rest]!) === 0)) {
          for (let j = rest; j < end; j++) settle(members[j]!, run);
        }
        return !isAll;
      }
    }
  }
  return isAll;
}

/** A primitive that converts to a number or a string without calling anything (so without throwing). */
const isInert = (x: unknown): boolean => {
  const t = typeof x;
  return x === null || t === 'number' || t === 'string' || t === 'boolean' || t === 'undefined';
};

/**
 * Evaluates a member whose group is already decided, only for the error it may throw (as in
 * json-rules-engine, where it runs anyway). A member that cannot throw is skipped: a safe one
 * whose facts are all present, or a numeric comparison of two inert operands (resolving its
 * operands is what can throw, for an absent fact). Anything else is evaluated as usual.
 */
function settle(cell: Cell, run: RunState): void {
  if (cell.safe && (run.missing & cell.mask) === 0) return;
  if (cell.kind === LEAF && cell.op >= NUMERIC_FIRST && cell.op <= NUMERIC_LAST) {
    const b = rightOperand(cell, run);
    if (isInert(leftOperand(cell, run)) && isInert(b)) return;
  }
  evaluateCondition(cell, run);
}

/** The root of a rule: json-rules-engine's rule.evaluate calls all()/any() on it without `=== true`. */
function evaluateRoot(cell: Cell, inner: boolean, run: RunState): unknown {
  return inner ? evaluateGroup(cell, run) : evaluateCondition(cell, run);
}

// Trace mode evaluates exactly the leaves json-rules-engine evaluates (whole priority groups) and
// records each leaf as it is evaluated, operands and all.

/** The raw result of the leaf {@link traceLeaf} evaluated last. */
let lastLeafResult: unknown;

/** Evaluates a leaf in trace mode: its record, and its raw result in `lastLeafResult`. */
function traceLeaf(cell: Cell, run: RunState): ConditionTrace {
  // A cached result implies both operands were resolved (and present) earlier in this run.
  const b = rightOperand(cell, run);
  const a = leftOperand(cell, run);
  const memo = cell.memo;
  let r: unknown;
  if (memo !== 0 && run.current(memo)) r = run.values[memo];
  else {
    r = apply(cell, a, b);
    if (memo !== 0) run.keep(memo, r);
  }
  lastLeafResult = r;
  // An object literal: allocated inline wherever this is inlined (a class constructor that is
  // not inlined goes through the generic construct stub), and one hidden class for every record.
  const leaf = cell.leaf!;
  return { path: leaf.tracePath, fact: leaf.fact, factPath: leaf.factPath, operator: leaf.operator, factValue: a, value: b, passed: r === true };
}

/** Traces a condition, adding the record of each leaf evaluated to `run.records`. */
function traceCondition(cell: Cell, run: RunState): unknown {
  switch (cell.kind) {
    case LEAF: {
      const record = traceLeaf(cell, run);
      const records = run.records;
      // Appended (count never passes its length), so the buffer stays a packed array.
      if (run.count === records.length) records.push(record);
      else records[run.count] = record;
      run.count++;
      return lastLeafResult;
    }
    case NOT:
      return !traceCondition(cell.child!, run);
    default: {
      const r = traceGroup(cell, run);
      return cell.strict ? r === true : r;
    }
  }
}

function traceGroup(cell: Cell, run: RunState): unknown {
  const members = cell.members;
  if (members.length === 0) return true;
  if (members.length === 1) return traceCondition(members[0]!, run);
  const isAll = cell.kind === ALL;
  const ends = cell.groupEnds;
  let i = 0;
  for (let g = 0; g < ends.length; g++) {
    const end = ends[g]!;
    let decided = false;
    for (; i < end; i++) if ((traceCondition(members[i]!, run) === true) !== isAll) decided = true;
    if (decided) return !isAll;
  }
  return isAll;
}

/** Traces a rule's root; its leaf records, in evaluation order, are then {@link takeRecords}. */
function traceRoot(cell: Cell, inner: boolean, run: RunState): unknown {
  run.count = 0;
  return inner ? traceGroup(cell, run) : traceCondition(cell, run);
}

/**
 * The records of the rule just traced, in an array of their number: they are written to a
 * buffer kept by the run state, then copied into an array literal of the right length (an array
 * grown by push reallocates its backing store, and shortening one is a runtime call).
 */
function takeRecords(run: RunState): ConditionTrace[] {
  const r = run.records;
  switch (run.count) {
    case 0:
      return [];
    case 1:
      return [r[0]!];
    case 2:
      return [r[0]!, r[1]!];
    case 3:
      return [r[0]!, r[1]!, r[2]!];
    case 4:
      return [r[0]!, r[1]!, r[2]!, r[3]!];
    default:
      return r.slice(0, run.count);
  }
}

// ─── compileRules ────────────────────────────────────────────────────────────────────────────

interface RunnableRule {
  readonly rule: CompiledRule;
  readonly root: Cell;
  /** The root is a group evaluated as json-rules-engine's rule.evaluate does (no `=== true`). */
  readonly inner: boolean;
  /** The one leaf whose raw result is the rule's, when the root is that leaf or an inner group of it alone. */
  readonly onlyLeaf: Cell | undefined;
}

/**
 * Compiles json-rules-engine rules once into a tree that a small evaluator walks synchronously
 * (no `eval`, no `new Function`: safe under a strict Content-Security-Policy). It gives the same
 * events, and throws where json-rules-engine 7.3's `Engine.run()` rejects, for every rule set and
 * fact set it accepts.
 *
 * Everything is checked at compile time: unknown operators, unknown named conditions, malformed
 * rules, priorities, and paths outside the supported subset — all problems in one `PaceError`
 * whose `issues` give the JSON path of each (code: the problems' common code, or `invalid-rule`
 * when they differ).
 *
 * The paths of a frozen fact that pass through frozen objects' data properties alone are read
 * once per fact object and remembered (weakly), since they cannot change: a prepared contract is
 * not read again decision after decision. A getter, or an object not frozen, on the way is read on
 * every run as usual.
 *
 * @param rules - Rules in json-rules-engine's format (never mutated).
 * @param options - `allowUndefinedFacts`, custom `operators`, named `conditions`.
 * @returns The compiled rules; `run(facts, { trace? })` is pure and re-entrant.
 * @throws PaceError `invalid-rule`, `unknown-operator`, `unknown-condition`, `unsupported-path` or `invalid-input`.
 * @example
 * ```ts
 * const rules = compileRules([{
 *   conditions: { all: [{ fact: 'purchase', path: '$.amount', operator: 'greaterThanInclusive', value: 11_480_000 }] },
 *   event: { type: 'state-bid-required' },
 * }]);
 * rules.run({ purchase: { amount: 11_480_000 } }).events; // => [{ type: 'state-bid-required' }]
 * rules.run({ purchase: { amount: 11_479_999 } }).events; // => []
 * rules.run({});                                          // throws PaceError 'undefined-fact'
 * ```
 */
export function compileRules(rules: readonly JsonRulesEngineRule[], options: CompileRulesOptions = {}): CompiledRules {
  const { compiled, builder } = buildRules(rules, options);
  const allowUndefinedFacts = isRecord(options) && options.allowUndefinedFacts === true;
  const absent: unknown = allowUndefinedFacts ? undefined : MISSING;
  const names = [...builder.facts.keys()];
  const factSlots = names.map((name) => builder.facts.get(name)!);
  // A result is cached only for leaves that occur more than once: for the others the cache
  // would be written and never read.
  const occurrences = new Map<string, number>();
  const countLeaves = (node: IrNode): void => {
    if (node.kind === 'leaf') {
      const k = memoKey(node);
      if (k !== undefined) occurrences.set(k, (occurrences.get(k) ?? 0) + 1);
    } else if (node.kind === 'not') countLeaves(node.child);
    else node.children.forEach(countLeaves);
  };
  for (const rule of compiled) countLeaves(rule.root);
  const memoSlots = new Map<string, number>();
  let width = factSlots.length + builder.paths.size + 1;
  const memoSlot = (leaf: LeafNode): number => {
    const k = memoKey(leaf);
    if (k === undefined || occurrences.get(k)! < 2) return 0;
    let slot = memoSlots.get(k);
    if (slot === undefined) memoSlots.set(k, (slot = width++));
    return slot;
  };
  const runnable: RunnableRule[] = compiled.map((rule) => {
    const root = new Cell(rule.root, builder, memoSlot);
    const inner = rule.rootIsInner && rule.root.kind !== 'leaf' && rule.root.kind !== 'not';
    // traceRoot: an inner group of one member returns traceCondition(member); a root leaf is traceCondition(leaf).
    const onlyLeaf = root.kind === LEAF && !inner ? root : inner && root.members.length === 1 && root.members[0]!.kind === LEAF ? root.members[0] : undefined;
    return { rule, root, inner, onlyLeaf };
  });

  // For each fact (by index in `names`), its paths: their values are kept per frozen fact object
  // (a prepared contract's facts, a pack's program) as [slot, value, slot, value, …] and copied
  // into the values of each run, instead of being looked up again on every run.
  const factPaths = names.map((_, i) => [...builder.paths.values()].filter((p) => p.base === factSlots[i]));
  const frozenPaths = names.map(() => new WeakMap<object, readonly unknown[]>());
  // Asking whether an object is frozen is a runtime call. A fact that was not frozen the last time
  // (a member built afresh for every decision) is asked again only every 64th run: a frozen object
  // missed in between is merely read as usual, never misread.
  const notFrozenFor = names.map(() => 0);
  /** The kept paths of a fact object, or undefined when it is not frozen (or not asked about). */
  const stablePaths = (i: number, fact: object): readonly unknown[] | undefined => {
    // Looked up first: an object once frozen stays frozen, and the lookup is cheaper than asking.
    const known = frozenPaths[i]!.get(fact);
    if (known !== undefined) return known;
    const streak = notFrozenFor[i]!;
    if ((streak & 63) !== 0 || !Object.isFrozen(fact)) {
      notFrozenFor[i] = (streak + 1) & 0x3fffffff;
      return undefined;
    }
    notFrozenFor[i] = 0;
    const pairs: unknown[] = [];
    for (const p of factPaths[i]!) {
      const value = frozenPathValue(fact, p.segments);
      if (value !== UNSTABLE) pairs.push(p.slot, value);
    }
    // Not frozen (it never leaves this closure): V8 does not inline element loads from frozen arrays.
    frozenPaths[i]!.set(fact, pairs);
    return pairs;
  };

  // One run state is reused from run to run. A run entered while another is in progress (a
  // custom operator may call run() on the same rules) gets a state of its own, so the outer
  // run's operands are never overwritten. Between runs the state holds no fact values.
  const shared = new RunState(width);
  let sharedInUse = false;

  // Fact name → slot, for the names for…in yields: a few string comparisons beat a Map lookup
  // for the handful of facts rules usually read.
  const slotByName = new Map(names.map((name, i) => [name, factSlots[i]!]));
  const slotOf =
    names.length <= 8
      ? (name: string): number | undefined => {
          for (let i = 0; i < names.length; i++) if (names[i] === name) return factSlots[i];
          return undefined;
        }
      : (name: string): number | undefined => slotByName.get(name);

  /**
   * Starts a run: reads the facts into their slots and sets `missing`, the bits of absent facts.
   * json-rules-engine takes its runtime facts with for…in (own and inherited enumerable string
   * keys, a non-enumerable own key shadowing an inherited one), and so do we: one pass, much
   * cheaper than asking propertyIsEnumerable about each name.
   */
  const prepare = (facts: Readonly<Record<string, unknown>>, run: RunState): void => {
    // The arrays and the epoch are read once here, for every fact and kept path of the run.
    const epoch = run.next();
    const { values, stamps } = run;
    let empty = false;
    for (const name in facts) {
      if (name === '') empty = true;
      else {
        const slot = slotOf(name);
        if (slot !== undefined) {
          values[slot] = facts[name];
          stamps[slot] = epoch;
        }
      }
    }
    if (empty) throw new PaceError('invalid-input', 'a fact name must not be empty (json-rules-engine: "factId required")');
    let missing = 0;
    for (let i = 0; i < names.length; i++) {
      const slot = factSlots[i]!;
      if (stamps[slot] !== epoch) {
        values[slot] = absent;
        stamps[slot] = epoch;
        missing |= bit(slot);
        continue;
      }
      const value = values[slot];
      if (typeof value === 'function' || isThenable(value)) {
        throw new PaceError('invalid-input', `fact "${names[i]!}" is a function or a promise; compileRules evaluates data facts only (resolve it before run)`);
      } else if (typeof value === 'object' && value !== null && factPaths[i]!.length > 0) {
        const pairs = stablePaths(i, value);
        if (pairs !== undefined) {
          for (let j = 0; j < pairs.length; j += 2) {
            const at = pairs[j] as number;
            values[at] = pairs[j + 1];
            stamps[at] = epoch;
          }
        }
      }
    }
    run.missing = allowUndefinedFacts ? 0 : missing;
  };

  const makeEvent = (rule: CompiledRule): RuleEvent =>
    rule.params === undefined ? { type: rule.type } : { type: rule.type, params: copyJson(rule.params) };

  const wrap = (error: unknown, rule: CompiledRule | undefined): never => {
    if (isPaceError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new PaceError('invalid-input', `evaluating rule ${rule === undefined ? '?' : `$[${rule.index}]`} failed: ${message}`, [], { cause: error });
  };

  const evaluate = (run: RunState): RunResult => {
    const events: RuleEvent[] = [];
    const fired: number[] = [];
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const r = runnable[i]!;
        if (evaluateRoot(r.root, r.inner, run)) {
          events.push(makeEvent(r.rule));
          fired.push(r.rule.index);
        }
      }
    } catch (error) {
      wrap(error, runnable[i]?.rule);
    }
    return { events, firedRuleIndexes: fired };
  };

  const evaluateTraced = (run: RunState): RunResult => {
    const events: RuleEvent[] = [];
    const fired: number[] = [];
    const trace: RuleTrace[] = [];
    run.records = [];
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const { rule, root, inner } = runnable[i]!;
        const passed = Boolean(traceRoot(root, inner, run));
        if (passed) {
          events.push(makeEvent(rule));
          fired.push(rule.index);
        }
        trace.push({ ruleIndex: rule.index, name: rule.name, priority: rule.priority, passed, conditions: takeRecords(run) });
      }
    } catch (error) {
      wrap(error, runnable[i]?.rule);
    }
    return { events, firedRuleIndexes: fired, trace };
  };

  /**
   * The fired rule indexes (pushed on `fired`) and, when `steps` is given, one step per rule in
   * evaluation order built by `makeStep`: what `run` computes, without events or RuleTrace objects.
   */
  const evaluateInto = <S>(run: RunState, fired: number[], steps: S[] | undefined, makeStep: StepFactory<S>): void => {
    let i = 0;
    try {
      if (steps === undefined) {
        for (; i < runnable.length; i++) {
          const r = runnable[i]!;
          if (evaluateRoot(r.root, r.inner, run)) fired.push(r.rule.index);
        }
      } else {
        run.records = [];
        for (; i < runnable.length; i++) {
          const r = runnable[i]!;
          let conditions: ConditionTrace[];
          let passed: boolean;
          if (r.onlyLeaf !== undefined) {
            // One leaf decides the rule: its conditions as an array of exactly one record.
            conditions = [traceLeaf(r.onlyLeaf, run)];
            passed = Boolean(lastLeafResult);
          } else {
            passed = Boolean(traceRoot(r.root, r.inner, run));
            conditions = takeRecords(run);
          }
          if (passed) fired.push(r.rule.index);
          steps.push(makeStep(r.rule.index, passed, conditions));
        }
      }
    } catch (error) {
      wrap(error, runnable[i]?.rule);
    }
  };

  /** The shared run state, or a fresh one for a run entered during another. */
  const acquire = (facts: Readonly<Record<string, unknown>>): RunState => {
    if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) {
      throw new PaceError('invalid-input', 'run(facts) expects an object of facts');
    }
    if (sharedInUse) return new RunState(width);
    sharedInUse = true;
    return shared;
  };

  /** Ends a run: the state lets go of the facts and of what was read from them. */
  const release = (run: RunState): void => {
    const values = run.values;
    for (let i = 0; i < values.length; i++) values[i] = undefined;
    run.records = NO_RECORDS;
    if (run === shared) sharedInUse = false;
  };

  const result: CompiledRules = Object.freeze({
    size: compiled.length,
    run(facts: Readonly<Record<string, unknown>>, runOptions?: RunOptions): RunResult {
      const run = acquire(facts);
      try {
        prepare(facts, run);
        return runOptions?.trace === true ? evaluateTraced(run) : evaluate(run);
      } finally {
        release(run);
      }
    },
  });
  internalRuns.set(result, <S>(facts: Readonly<Record<string, unknown>>, fired: number[], steps: S[] | undefined, makeStep: StepFactory<S>): void => {
    const run = acquire(facts);
    try {
      prepare(facts, run);
      evaluateInto(run, fired, steps, makeStep);
    } finally {
      release(run);
    }
  });
  return result;
}

/** Builds the trace step of one rule from its index, outcome and leaf conditions. @internal */
export type StepFactory<S> = (ruleIndex: number, passed: boolean, conditions: ConditionTrace[]) => S;

type InternalRun = <S>(facts: Readonly<Record<string, unknown>>, fired: number[], steps: S[] | undefined, makeStep: StepFactory<S>) => void;

const internalRuns = new WeakMap<CompiledRules, InternalRun>();

/**
 * Runs compiled rules as `run` does, for callers that need only the indexes of the rules that
 * fired (pushed on `fired`, in firing order) and, when `steps` is given, a step of their own per
 * rule (pushed in evaluation order): no events are copied and no RuleTrace is built. It throws
 * what `run` throws; what was pushed before the throw stays pushed.
 * @internal
 */
export function runCompiledInto<S>(compiled: CompiledRules, facts: Readonly<Record<string, unknown>>, fired: number[], steps: S[] | undefined, makeStep: StepFactory<S>): void {
  const run = internalRuns.get(compiled);
  if (run === undefined) throw new PaceError('invalid-input', 'runCompiledInto expects rules compiled by compileRules');
  run(facts, fired, steps, makeStep);
}

