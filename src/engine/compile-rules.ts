// INTERIM STAND-IN until the engine branch lands ("Merge engine"): a minimal json-rules-engine
// evaluator with the engine's planned interface (events, firedRuleIndexes, trace), so that the
// compliance capabilities can run and be tested. On merge, the engine branch's file replaces it.
import { PaceError } from '../errors/pace-error.js';

export interface RuleEvent {
  type: string;
  params?: Record<string, unknown>;
}
export interface ConditionTrace {
  path: string;
  fact: string;
  factPath: string | undefined;
  operator: string;
  factValue: unknown;
  value: unknown;
  passed: boolean;
}
export interface RuleTrace {
  ruleIndex: number;
  name: string | number | undefined;
  priority: number;
  passed: boolean;
  conditions: ConditionTrace[];
}
export interface RunResult {
  events: RuleEvent[];
  firedRuleIndexes: number[];
  trace?: RuleTrace[];
}
export interface CompiledRules {
  run(facts: Readonly<Record<string, unknown>>, options?: { trace?: boolean }): RunResult;
  readonly size: number;
}
export interface CompileRulesOptions {
  readonly allowUndefinedFacts?: boolean;
  readonly operators?: Readonly<Record<string, (factValue: unknown, value: unknown) => boolean>>;
}

const numeric = (x: unknown): boolean => Number.parseFloat(x as string).toString() !== 'NaN';
const OPERATORS: Record<string, (a: unknown, b: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numeric(a) && (a as number) >= (b as number),
};

type Getter = (facts: Readonly<Record<string, unknown>>) => unknown;
type Node = (facts: Readonly<Record<string, unknown>>, trace: ConditionTrace[] | undefined) => boolean;

function pathGetter(path: string | undefined, at: string): (v: unknown) => unknown {
  if (path === undefined) return (v) => v;
  const m = /^\$((?:\.[A-Za-z_$][\w$-]*|\[\d+\])*)$/.exec(path);
  if (!m) throw new PaceError('unsupported-path', `${at}: unsupported path "${path}"`, [{ path: at, message: `unsupported path "${path}"` }]);
  const segments = [...m[1]!.matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)].map((s) => s[1] ?? s[2]!);
  return (v) => {
    let cur = v;
    for (const s of segments) {
      if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, s)) return undefined;
      cur = (cur as Record<string, unknown>)[s];
    }
    return cur;
  };
}

function factGetter(fact: string, path: string | undefined, at: string, allowUndefined: boolean): Getter {
  const get = pathGetter(path, at);
  return (facts) => {
    if (!Object.hasOwn(facts, fact)) {
      if (allowUndefined) return undefined;
      throw new PaceError('undefined-fact', `Undefined fact: ${fact}`, [{ path: at, message: `undefined fact "${fact}"` }]);
    }
    return get(facts[fact]);
  };
}

function compileNode(node: unknown, at: string, options: CompileRulesOptions): Node {
  if (node === null || typeof node !== 'object') throw new PaceError('invalid-rule', `${at}: expected a condition object`, [{ path: at, message: 'expected a condition object' }]);
  const n = node as Record<string, unknown>;
  const allow = options.allowUndefinedFacts ?? false;
  if (Array.isArray(n['all'])) {
    const children = (n['all'] as unknown[]).map((c, i) => compileNode(c, `${at}.all[${i}]`, options));
    return (facts, trace) => children.every((c) => c(facts, trace));
  }
  if (Array.isArray(n['any'])) {
    const children = (n['any'] as unknown[]).map((c, i) => compileNode(c, `${at}.any[${i}]`, options));
    return (facts, trace) => children.length === 0 || children.some((c) => c(facts, trace));
  }
  if (n['not'] !== undefined) {
    const child = compileNode(n['not'], `${at}.not`, options);
    return (facts, trace) => !child(facts, trace);
  }
  if (typeof n['fact'] === 'string' && typeof n['operator'] === 'string') {
    const fact = n['fact'];
    const factPath = typeof n['path'] === 'string' ? n['path'] : undefined;
    const operatorName = n['operator'];
    const op = options.operators?.[operatorName] ?? OPERATORS[operatorName];
    if (!op) throw new PaceError('unknown-operator', `${at}: unknown operator "${operatorName}"`, [{ path: `${at}.operator`, message: `unknown operator "${operatorName}"` }]);
    const left = factGetter(fact, factPath, `${at}.path`, allow);
    const raw = n['value'];
    let right: Getter;
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && typeof (raw as Record<string, unknown>)['fact'] === 'string') {
      const r = raw as Record<string, unknown>;
      right = factGetter(r['fact'] as string, typeof r['path'] === 'string' ? r['path'] : undefined, `${at}.value`, allow);
    } else {
      right = () => raw;
    }
    const conditionPath = at.replace(/^\$\[\d+\]\./, '');
    return (facts, trace) => {
      const a = left(facts);
      const b = right(facts);
      const passed = op(a, b) === true;
      trace?.push({ path: conditionPath, fact, factPath, operator: operatorName, factValue: a, value: b, passed });
      return passed;
    };
  }
  throw new PaceError('invalid-rule', `${at}: expected all, any, not or a fact condition`, [{ path: at, message: 'expected all, any, not or a fact condition' }]);
}

/**
 * Compiles json-rules-engine rules into synchronous closures (interim stand-in; see the header).
 *
 * @example
 * ```ts
 * compileRules([{ conditions: { all: [] }, event: { type: 'x' } }]).run({}).events; // => [{ type: 'x' }]
 * ```
 */
export function compileRules(rules: readonly unknown[], options: CompileRulesOptions = {}): CompiledRules {
  const compiled = rules.map((rule, i) => {
    const r = rule as Record<string, unknown>;
    const event = r['event'] as { type: string; params?: Record<string, unknown> } | undefined;
    if (!event || typeof event.type !== 'string') throw new PaceError('invalid-rule', `$[${i}].event: expected { type }`, [{ path: `$[${i}].event`, message: 'expected { type }' }]);
    const priority = typeof r['priority'] === 'number' ? r['priority'] : 1;
    const name = (r['name'] ?? r['id']) as string | undefined;
    return { index: i, priority, name, event, test: compileNode(r['conditions'], `$[${i}].conditions`, options) };
  });
  const order = [...compiled].sort((a, b) => b.priority - a.priority || a.index - b.index);
  return {
    size: compiled.length,
    run(facts, runOptions) {
      const events: RuleEvent[] = [];
      const firedRuleIndexes: number[] = [];
      const trace: RuleTrace[] | undefined = runOptions?.trace ? [] : undefined;
      for (const rule of order) {
        const conditions: ConditionTrace[] | undefined = trace ? [] : undefined;
        const passed = rule.test(facts, conditions);
        if (passed) {
          events.push(rule.event.params ? { type: rule.event.type, params: { ...rule.event.params } } : { type: rule.event.type });
          firedRuleIndexes.push(rule.index);
        }
        trace?.push({ ruleIndex: rule.index, name: rule.name, priority: rule.priority, passed, conditions: conditions! });
      }
      return trace ? { events, firedRuleIndexes, trace } : { events, firedRuleIndexes };
    },
  };
}
