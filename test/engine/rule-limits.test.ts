// Hostile or merely huge rule sets: refused with a PaceError naming the place, within the
// documented RULE_LIMITS, and compiled in linear time below them. Never a TypeError or RangeError.
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/engine/compile-rules.js';
import { RULE_LIMITS } from '../../src/engine/limits.js';
import type { CompileRulesOptions, JsonRulesEngineRule, TopLevelCondition } from '../../src/engine/types.js';
import { isPaceError, type PaceError } from '../../src/errors/pace-error.js';

const leaf = (value: unknown = 1, fact = 'f') => ({ fact, operator: 'equal', value });
const rule = (conditions: unknown): JsonRulesEngineRule => ({ conditions, event: { type: 'hit' } }) as JsonRulesEngineRule;

function caught(f: () => unknown): PaceError {
  try {
    f();
  } catch (e) {
    if (isPaceError(e)) return e;
    throw e; // a TypeError or RangeError fails the test
  }
  throw new Error('expected a PaceError');
}
const refusal = (rules: unknown, options?: CompileRulesOptions): PaceError => caught(() => compileRules(rules as JsonRulesEngineRule[], options));

/** CPU milliseconds of this process spent in f (less disturbed than wall time by other load). */
function cpuMs(f: () => unknown): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function nest(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let node: unknown = leaf();
  for (let i = 0; i < depth; i++) node = wrap(node);
  return node;
}

describe('nesting depth', () => {
  it('accepts maxNestingDepth levels and refuses one more, for all, any and not', () => {
    const max = RULE_LIMITS.maxNestingDepth;
    for (const wrap of [(n: unknown) => ({ all: [n] }), (n: unknown) => ({ any: [n] }), (n: unknown) => ({ not: n })]) {
      // The root group is level 1 and the leaf is a level too.
      expect(compileRules([rule(nest(max - 1, wrap))]).size).toBe(1);
      const e = refusal([rule(nest(max, wrap))]);
      expect(e.code).toBe('invalid-rule');
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0]!.message).toContain('RULE_LIMITS.maxNestingDepth');
      expect(e.issues[0]!.path.startsWith('$[0].conditions.')).toBe(true);
    }
  });
  it('refuses 1,000 levels of all / any and 100,000 of not quickly, without a RangeError', () => {
    for (const [depth, wrap] of [[1000, (n: unknown) => ({ all: [n] })], [1000, (n: unknown) => ({ any: [n] })], [100_000, (n: unknown) => ({ not: n })]] as const) {
      const conditions = nest(depth, wrap);
      const e = refusal([rule(conditions)]);
      expect(e.code).toBe('invalid-rule');
      expect(e.message).toContain('nested deeper than 64 levels');
    }
  });
});

describe('named conditions', () => {
  const twiceEach = (levels: number): Record<string, TopLevelCondition> => {
    const conditions: Record<string, TopLevelCondition> = { c0: { all: [leaf()] } };
    for (let i = 1; i <= levels; i++) conditions[`c${i}`] = { all: [{ condition: `c${i - 1}` }, { any: [{ condition: `c${i - 1}` }] }] };
    return conditions;
  };
  it('20 levels each used twice compile once each (no 2^20 expansion) and run', () => {
    const conditions = twiceEach(20);
    let compiled: ReturnType<typeof compileRules> | undefined;
    expect(cpuMs(() => (compiled = compileRules([rule({ condition: 'c20' })], { conditions })))).toBeLessThan(1000);
    // f = 2 fails the innermost leaf, which decides every level at its first member.
    expect(compiled!.run({ f: 2 }).events).toEqual([]);
  });
  it('a shared condition is traced at each place it is used, with the path of that place', () => {
    const compiled = compileRules([rule({ all: [{ condition: 'c2' }] })], { conditions: twiceEach(2) });
    const trace = compiled.run({ f: 1 }, { trace: true }).trace![0]!;
    expect(trace.passed).toBe(true);
    expect(trace.conditions.map((c) => c.path)).toEqual([
      'conditions.all[0]<c2>.all[0]<c1>.all[0]<c0>.all[0]',
      'conditions.all[0]<c2>.all[0]<c1>.all[1].any[0]<c0>.all[0]',
      'conditions.all[0]<c2>.all[1].any[0]<c1>.all[0]<c0>.all[0]',
      'conditions.all[0]<c2>.all[1].any[0]<c1>.all[1].any[0]<c0>.all[0]',
    ]);
  });
  it('refuses a chain of 1,000 references, in either order of definition', () => {
    const backward: Record<string, unknown> = { k0: { all: [leaf()] } };
    const forward: Record<string, unknown> = {};
    for (let i = 1; i < 1000; i++) backward[`k${i}`] = { condition: `k${i - 1}` };
    for (let i = 0; i < 1000; i++) forward[`k${i}`] = i === 999 ? { all: [leaf()] } : { condition: `k${i + 1}` };
    for (const [conditions, root] of [[backward, 'k999'], [forward, 'k0']] as const) {
      const e = refusal([rule({ condition: root })], { conditions: conditions as Record<string, TopLevelCondition> });
      expect(e.code).toBe('invalid-rule');
      expect(e.issues.length).toBeLessThanOrEqual(RULE_LIMITS.maxIssues);
      expect(e.issues.every((i) => i.path.startsWith('options.conditions.') || i.path.startsWith('$[0]'))).toBe(true);
      expect(e.message).toMatch(/RULE_LIMITS\.(maxNestingDepth|maxReferenceChain)/u);
    }
  });
  it('reports a reference cycle once, with the cycle', () => {
    const e = refusal([rule({ condition: 'a' })], { conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } } });
    expect(e.issues.map((i) => [i.path, i.message])).toEqual([['options.conditions.b.any[0]', 'condition reference cycle: a -> b -> a (invalid-rule)']]);
  });
});

describe('sizes', () => {
  it('compiles one all of 100,000 leaves in linear time, and refuses one more leaf', () => {
    const leaves = (n: number) => Array.from({ length: n }, (_, i) => ({ fact: 'f', path: `$.a${i % 50}`, operator: 'equal', value: i }));
    const small = leaves(10_000);
    const large = leaves(RULE_LIMITS.maxLeavesPerCondition);
    const smallMs = cpuMs(() => compileRules([rule({ all: small })]));
    let compiled: ReturnType<typeof compileRules> | undefined;
    const largeMs = cpuMs(() => (compiled = compileRules([rule({ all: large })])));
    // The target is < 1 s on an idle machine; the bound here only catches a superlinear compile
    // (the quadratic one took 36 s for 32,000 leaves) on a loaded one.
    expect(largeMs).toBeLessThan(5000);
    expect(largeMs).toBeLessThan(Math.max(40 * smallMs, 1000));
    expect(compiled!.run({ f: { a0: 0 } }).events).toEqual([]);
    const e = refusal([rule({ all: leaves(RULE_LIMITS.maxLeavesPerCondition + 1) })]);
    expect(e.issues.map((i) => i.path)).toEqual(['$[0].conditions.all']);
    expect(e.message).toContain('RULE_LIMITS.maxLeavesPerCondition');
  });
  it('compiles 8,000 rules quickly and refuses more than maxRules', () => {
    const rules = (n: number) => Array.from({ length: n }, (_, i) => rule({ all: [{ fact: 'member', path: '$.kind', operator: 'equal', value: `k${i}` }] }));
    expect(cpuMs(() => compileRules(rules(8000)))).toBeLessThan(3000);
    const e = refusal(rules(RULE_LIMITS.maxRules + 1));
    expect(e.issues.map((i) => i.path)).toEqual(['$']);
    expect(e.message).toContain('RULE_LIMITS.maxRules');
  });
  it('accepts maxListValues elements in an in list and refuses one more', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(compileRules([rule({ all: [{ fact: 'f', operator: 'in', value: list(RULE_LIMITS.maxListValues) }] })]).run({ f: 9999 }).events).toHaveLength(1);
    const e = refusal([rule({ all: [{ fact: 'f', operator: 'notIn', value: list(RULE_LIMITS.maxListValues + 1) }] })]);
    expect(e.issues.map((i) => i.path)).toEqual(['$[0].conditions.all[0].value']);
  });
  it('refuses event params over maxDataValues values at once, even a sparse array of length 2^32 - 1 (fuzz seed 488350308 walked it for minutes)', () => {
    const withParams = (params: unknown) => [{ conditions: { all: [leaf()] }, event: { type: 'hit', params } }];
    expect(cpuMs(() => expect(refusal(withParams({ list: new Array(2 ** 32 - 1) })).issues.map((i) => i.path)).toEqual(['$[0].event.params']))).toBeLessThan(1000);
    expect(refusal(withParams({ list: Array.from({ length: RULE_LIMITS.maxDataValues }, () => 0) })).issues.map((i) => i.path)).toEqual(['$[0].event.params']);
    const list = Array.from({ length: 1000 }, (_, i) => i);
    expect(compileRules(withParams({ list }) as JsonRulesEngineRule[]).run({ f: 1 }).events).toEqual([{ type: 'hit', params: { list } }]);
  });
  it('lists at most maxIssues problems and says how many there were', () => {
    const e = refusal(Array.from({ length: 1000 }, () => ({ conditions: { all: [] } })));
    expect(e.issues).toHaveLength(RULE_LIMITS.maxIssues);
    expect(e.message).toContain('compileRules refused 1000 problems (the first 100 are listed)');
  });
});

describe('unusual names and values', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
  it('facts named like Object.prototype members, with a path, compile and run as any other', () => {
    for (const name of names) {
      const compiled = compileRules([rule({ all: [{ fact: name, path: '$.hasOwnProperty', operator: 'equal', value: 1 }] })]);
      const facts = JSON.parse(`{"${name}": {"hasOwnProperty": 1}}`) as Record<string, unknown>;
      expect(compiled.run(facts).events, name).toHaveLength(1);
      expect(compiled.run(facts, { trace: true }).trace![0]!.conditions[0]!.fact).toBe(name);
      expect(caught(() => compiled.run({})).code, name).toBe('undefined-fact');
    }
  });
  it('operators and condition names like Object.prototype members are unknown, not crashes', () => {
    for (const name of names) {
      expect(refusal([rule({ all: [{ fact: 'f', operator: name, value: 1 }] })]).code).toBe('unknown-operator');
      expect(refusal([rule({ all: [{ fact: 'f', operator: `not:${name}`, value: 1 }] })]).code).toBe('unknown-operator');
      expect(refusal([rule({ condition: name })], { conditions: {} }).code).toBe('unknown-condition');
    }
  });
  it('a getter or proxy of the caller\'s that throws while the rules are read is a PaceError', () => {
    const throwing = Object.defineProperty({ event: { type: 'x' } }, 'conditions', { get: () => { throw new Error('no conditions today'); }, enumerable: true });
    const e = refusal([throwing]);
    expect([e.code, e.issues.map((i) => i.path)]).toEqual(['invalid-rule', ['$']]);
    expect(e.message).toContain('no conditions today');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(refusal([rule({ all: [] })], { conditions: revoked.proxy as never }).code).toBe('invalid-rule');
  });
  it('a BigInt or a cycle in a rule is named in the message without a TypeError', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(refusal([{ ...rule({ all: [] }), priority: 10n }]).issues[0]!.message).toContain('10n');
    expect(refusal([rule({ all: [{ fact: 'f', operator: 'in', value: cyclic }] })]).issues[0]!.message).toContain('an object');
    expect(refusal([{ conditions: { all: [] }, event: { type: 'x', params: cyclic } }]).issues[0]!.path).toBe('$[0].event.params');
  });
});

describe('run-time failures are PaceErrors with a path', () => {
  const rules = [rule({ all: [{ fact: 'f', operator: 'boom', value: 1 }] }), rule({ all: [{ fact: 'g', operator: 'later', value: 1 }] })];
  const options = { operators: { boom: (f: unknown) => { if (f === 'throw') throw new Error('it blew up'); return true; }, later: () => Promise.resolve(true) as unknown as boolean } };
  it('a custom operator that throws: the operator of the condition', () => {
    const e = caught(() => compileRules(rules, options).run({ f: 'throw', g: 1 }));
    expect([e.code, e.issues.map((i) => i.path)]).toEqual(['invalid-input', ['$[0].conditions.all[0].operator']]);
    expect(e.message).toContain('it blew up');
  });
  it('a custom operator that returns a promise: the operator of the condition', () => {
    const e = caught(() => compileRules(rules, options).run({ f: 1, g: 1 }, { trace: true }));
    expect([e.code, e.issues.map((i) => i.path)]).toEqual(['invalid-input', ['$[1].conditions.all[0].operator']]);
  });
  it('facts that are not data, or not an object: the facts', () => {
    const compiled = compileRules([rule({ all: [leaf(), leaf(1, 'g')] })]);
    expect(caught(() => compiled.run({ f: 1, g: () => 1 })).issues.map((i) => i.path)).toEqual(['$.facts.g']);
    expect(caught(() => compiled.run({ '': 1, f: 1, g: 1 })).issues.map((i) => i.path)).toEqual(['$.facts[""]']);
    expect(caught(() => compiled.run(null as never)).issues.map((i) => i.path)).toEqual(['$.facts']);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(caught(() => compiled.run({ f: revoked.proxy, g: 1 })).issues.map((i) => i.path)).toEqual(['$.facts']);
    expect(caught(() => compiled.run(revoked.proxy)).issues.map((i) => i.path)).toEqual(['$.facts']);
  });
  it('a built-in comparison that throws (a symbol converted to a number): the rule\'s conditions', () => {
    const e = caught(() => compileRules([rule({ all: [{ fact: 'f', operator: 'lessThan', value: 1 }] })]).run({ f: Symbol('s') }));
    expect([e.code, e.issues.map((i) => i.path)]).toEqual(['invalid-input', ['$[0].conditions']]);
  });
});

describe('arrays from the facts an operator walks (RULE_LIMITS.maxFactListValues)', () => {
  // Fuzz seed -99805927: a fact array of length 2^32 - 1 under `contains` walked every index for minutes.
  const huge = (): unknown[] => new Array<unknown>(2 ** 32 - 1);
  const cases: [string, unknown, Record<string, unknown>][] = [
    ['contains', 1, { f: huge() }],
    ['doesNotContain', 1, { f: huge() }],
    ['in', { fact: 'g' }, { f: 1, g: huge() }],
    ['notIn', { fact: 'g' }, { f: 1, g: huge() }],
    ['someFact:equal', 1, { f: huge() }],
    ['everyFact:equal', 1, { f: huge() }],
    ['someValue:equal', { fact: 'g' }, { f: 1, g: huge() }],
    ['everyValue:equal', { fact: 'g' }, { f: 1, g: huge() }],
  ];
  for (const [operator, value, facts] of cases) {
    it(`${operator}: a PaceError naming the condition, at once`, () => {
      const compiled = compileRules([rule({ all: [{ fact: 'f', operator, value }] })]);
      let error: unknown;
      const ms = cpuMs(() => {
        try {
          compiled.run(facts);
        } catch (e) {
          error = e;
        }
      });
      expect(ms).toBeLessThan(1000);
      expect(isPaceError(error), String(error)).toBe(true);
      expect((error as PaceError).issues.map((i) => i.path)).toEqual(['$[0].conditions.all[0]']);
      expect((error as PaceError).message).toMatch(/4294967295 elements.*maxFactListValues/);
    });
  }
  it('an array at the limit is walked as json-rules-engine walks it', () => {
    const list = Array.from({ length: RULE_LIMITS.maxFactListValues }, (_, i) => i);
    expect(compileRules([rule({ all: [{ fact: 'f', operator: 'contains', value: RULE_LIMITS.maxFactListValues - 1 }] })]).run({ f: list }).events).toHaveLength(1);
    expect(compileRules([rule({ all: [{ fact: 'f', operator: 'in', value: { fact: 'g' } }] })]).run({ f: 5, g: list }).events).toHaveLength(1);
  });
});
