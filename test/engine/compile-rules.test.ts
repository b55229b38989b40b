import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { isPaceError } from '../../src/errors/pace-error.js';
import type { PaceError } from '../../src/errors/pace-error.js';
import { compileRules, runCompiledInto } from '../../src/engine/compile-rules.js';
import type { CompileRulesOptions, JsonRulesEngineRule } from '../../src/engine/types.js';

const rule = (conditions: unknown, extra: Record<string, unknown> = {}): JsonRulesEngineRule =>
  ({ conditions, event: { type: 'hit' }, ...extra }) as JsonRulesEngineRule;
const leaf = (operator: string, value: unknown, extra: Record<string, unknown> = {}) => ({ fact: 'f', operator, value, ...extra });
const fires = (operator: string, factValue: unknown, value: unknown): boolean =>
  compileRules([rule({ all: [leaf(operator, value)] })]).run({ f: factValue }).events.length === 1;

function refusal(rules: unknown, options?: CompileRulesOptions): PaceError {
  try {
    compileRules(rules as JsonRulesEngineRule[], options);
  } catch (error) {
    if (isPaceError(error)) return error;
    throw error;
  }
  throw new Error('expected compileRules to refuse');
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('built-in operators follow json-rules-engine exactly', () => {
  it('equal and notEqual are strict', () => {
    expect(fires('equal', 10, 10)).toBe(true);
    expect(fires('equal', '10', 10)).toBe(false);
    expect(fires('notEqual', '10', 10)).toBe(true);
    expect(fires('equal', null, null)).toBe(true);
  });
  it('numeric operators flip exactly at the boundary', () => {
    expect(fires('greaterThanInclusive', 100, 100)).toBe(true);
    expect(fires('greaterThan', 100, 100)).toBe(false);
    expect(fires('lessThanInclusive', 100, 100)).toBe(true);
    expect(fires('lessThan', 100, 100)).toBe(false);
    expect(fires('lessThan', 99.99, 100)).toBe(true);
  });
  it('numeric operators accept what parseFloat reads and compare with JavaScript coercion', () => {
    expect(fires('greaterThanInclusive', '1000', 100)).toBe(true); // the A1.2 probe
    expect(fires('greaterThanInclusive', ' 10', 10)).toBe(true);
    expect(fires('greaterThanInclusive', '1e1', 10)).toBe(true);
    expect(fires('lessThan', '10abc', 20)).toBe(false); // passes the guard, NaN comparison is false
    expect(fires('greaterThanInclusive', [10], 10)).toBe(true); // '10'
    expect(fires('greaterThan', '9-Jan-2020', '2024-12-31')).toBe(true); // string comparison, as jre
  });
  it('numeric operators are false on null, booleans, empty strings and objects', () => {
    for (const f of [null, true, false, '', {}, undefined]) {
      expect(fires('lessThan', f, 100)).toBe(false);
      expect(fires('greaterThanInclusive', f, -100)).toBe(false);
    }
  });
  it('in and notIn test membership of a literal list', () => {
    expect(fires('in', 'a', ['a', 'b'])).toBe(true);
    expect(fires('in', 'c', ['a', 'b'])).toBe(false);
    expect(fires('notIn', 'c', ['a', 'b'])).toBe(true);
    expect(fires('in', NaN, [NaN])).toBe(false); // indexOf, not includes
  });
  it('contains and doesNotContain are both false when the fact is not an array', () => {
    expect(fires('contains', ['x', 1], 1)).toBe(true);
    expect(fires('doesNotContain', ['x'], 1)).toBe(true);
    expect(fires('contains', 'x1', 'x')).toBe(false);
    expect(fires('doesNotContain', 'x1', 'z')).toBe(false);
    expect(fires('doesNotContain', null, 'z')).toBe(false);
  });
  it('decorators compose as in json-rules-engine', () => {
    expect(fires('not:equal', 1, 2)).toBe(true);
    expect(fires('everyFact:greaterThan', [3, 4], 2)).toBe(true);
    expect(fires('everyFact:greaterThan', [3, 1], 2)).toBe(false);
    expect(fires('someValue:equal', 2, [1, 2])).toBe(true);
    expect(fires('swap:contains', 'a', ['a'])).toBe(true);
  });
});

describe('paths', () => {
  const facts = { f: { a: { b: 1, 'c d': [5, 6] }, s: 'abc', e: '' } };
  const at = (path: string, value: unknown): boolean =>
    compileRules([rule({ all: [{ fact: 'f', path, operator: 'equal', value }] })]).run(facts).events.length === 1;
  it('reads $.a.b, $.a[0], quoted segments and their combinations', () => {
    expect(at('$.a.b', 1)).toBe(true);
    expect(at("$.a['c d'][1]", 6)).toBe(true);
    expect(at('$["a"].b', 1)).toBe(true);
    expect(at('$', facts.f)).toBe(true);
  });
  it('yields undefined for a missing segment, and reads own string properties as JSONPath does', () => {
    expect(at('$.a.zz', undefined)).toBe(true);
    expect(at('$.a.b.c', undefined)).toBe(true);
    expect(at('$.s.length', 3)).toBe(true);
    expect(at('$.e.length', undefined)).toBe(true); // '' is falsy: nothing is read
    expect(at('$.a.toString', undefined)).toBe(true); // inherited: not read
  });
  it('ignores the path when the fact value is not an object, like json-rules-engine', () => {
    expect(compileRules([rule({ all: [{ fact: 'n', path: '$.x', operator: 'equal', value: 5 }] })]).run({ n: 5 }).events).toHaveLength(1);
  });
});

describe('fact-valued values, nesting, named conditions, priorities', () => {
  it('compares one fact against another', () => {
    const rules = [rule({ all: [{ fact: 'contract', path: '$.end', operator: 'greaterThanInclusive', value: { fact: 'purchase', path: '$.date' } }] })];
    const compiled = compileRules(rules);
    expect(compiled.run({ contract: { end: 20 }, purchase: { date: 20 } }).events).toHaveLength(1);
    expect(compiled.run({ contract: { end: 19 }, purchase: { date: 20 } }).events).toHaveLength(0);
  });
  it('evaluates not and nested all/any; empty all and empty any both pass', () => {
    const compiled = compileRules([
      rule({ not: { any: [leaf('equal', 1), { all: [leaf('equal', 2), { not: leaf('equal', 3) }] }] } }, { event: { type: 'neither' } }),
      rule({ any: [] }, { event: { type: 'empty-any' } }),
      rule({ all: [] }, { event: { type: 'empty-all' } }),
    ]);
    expect(compiled.run({ f: 5 }).events.map((e) => e.type)).toEqual(['neither', 'empty-any', 'empty-all']);
    expect(compiled.run({ f: 2 }).events.map((e) => e.type)).toEqual(['empty-any', 'empty-all']);
  });
  it('resolves named conditions at compile time', () => {
    const options = { conditions: { isTwo: { all: [leaf('equal', 2)] } } };
    const compiled = compileRules([rule({ any: [{ condition: 'isTwo' }] })], options);
    expect(compiled.run({ f: 2 }).events).toHaveLength(1);
    expect(compiled.run({ f: 3 }).events).toHaveLength(0);
  });
  it('emits higher priorities first, then rule order; firedRuleIndexes maps events to rules', () => {
    const compiled = compileRules([
      rule({ any: [] }, { event: { type: 'p1' } }),
      rule({ any: [] }, { event: { type: 'p3' }, priority: 3 }),
      rule({ any: [] }, { event: { type: 'p2a' }, priority: 2 }),
      rule({ any: [] }, { event: { type: 'p2b' }, priority: 2 }),
    ]);
    const result = compiled.run({});
    expect(result.events.map((e) => e.type)).toEqual(['p3', 'p2a', 'p2b', 'p1']);
    expect(result.firedRuleIndexes).toEqual([1, 2, 3, 0]);
  });
  it('custom operators run, and one named like a built-in replaces it as engine.addOperator does', async () => {
    const options = { operators: { equal: (a: unknown, b: unknown) => a == b } };
    const rules = [rule({ all: [leaf('equal', 10)] })];
    expect(compileRules(rules, options).run({ f: '10' }).events).toHaveLength(1);
    const engine = new Engine(structuredClone(rules) as never);
    engine.addOperator('equal', options.operators.equal);
    expect((await engine.run({ f: '10' })).events).toHaveLength(1);
  });
});

describe('undefined facts', () => {
  const rules = [rule({ all: [leaf('equal', 1), { fact: 'other', operator: 'equal', value: 1 }] }, { name: 'needs-other' })];
  it('throws undefined-fact naming the fact and the rule when not allowed', () => {
    let error: unknown;
    try {
      compileRules(rules).run({ f: 2 });
    } catch (e) {
      error = e;
    }
    expect(isPaceError(error) && error.code).toBe('undefined-fact');
    expect((error as Error).message).toContain('"other"');
    expect((error as Error).message).toContain('needs-other');
  });
  it('throws even when a sibling in the same priority group already decided, as jre (Promise.all) does', async () => {
    expect(() => compileRules(rules).run({ f: 2 })).toThrow(/Undefined fact/);
    await expect(new Engine(structuredClone(rules) as never).run({ f: 2 })).rejects.toThrow(/Undefined fact: other/);
  });
  it('does not throw when a higher-priority group decides first, as jre does', async () => {
    const prioritized = [rule({ all: [leaf('equal', 1, { priority: 2 }), { fact: 'other', operator: 'equal', value: 1 }] })];
    expect(compileRules(prioritized).run({ f: 2 }).events).toEqual([]);
    expect((await new Engine(structuredClone(prioritized) as never).run({ f: 2 })).events).toEqual([]);
  });
  it('after a group is decided, its other members still throw exactly when jre\'s would', async () => {
    // `all` decided by its first member: the numeric comparison after it still runs in jre. It
    // cannot throw on a number or a string, but converting a null-prototype object throws.
    const decided = [rule({ all: [leaf('equal', 1), { fact: 'g', operator: 'lessThan', value: 5 }, leaf('notEqual', 0)] })];
    for (const g of [3, '7', null, Object.create(null) as object]) {
      const ours = (() => { try { return compileRules(decided).run({ f: 2, g }).events; } catch { return 'threw'; } })();
      const theirs = await new Engine(structuredClone(decided) as never).run({ f: 2, g }).then((r) => r.events, () => 'threw');
      expect(ours).toEqual(theirs);
      expect(ours).toEqual(typeof g === 'object' && g !== null ? 'threw' : []);
    }
  });
  it('takes the facts json-rules-engine takes (for…in: own and inherited enumerable keys)', async () => {
    const rules = [rule({ all: [leaf('equal', 1)] })];
    const hidden = (proto: object | null) => Object.defineProperty(Object.create(proto) as object, 'f', { value: 1, enumerable: false });
    const cases: [string, object][] = [
      ['own', { f: 1, other: 2 }],
      ['inherited', Object.create({ f: 1 }) as object],
      ['non-enumerable own', hidden(null)],
      ['non-enumerable own shadowing an inherited one', hidden({ f: 1 })],
      ['empty name', { '': 1, f: 1 }],
      ['non-enumerable empty name', Object.defineProperty({ f: 1 }, '', { value: 1, enumerable: false })],
    ];
    for (const [name, facts] of cases) {
      const ours = (() => { try { return compileRules(rules).run(facts as Record<string, unknown>).events.length; } catch (e) { return (e as Error).message.includes('empty') ? 'empty' : 'threw'; } })();
      const theirs = await (async () => new Engine(structuredClone(rules) as never).run(facts as never))().then((r) => r.events.length, (e: Error) => (e.message.includes('factId') ? 'empty' : 'threw'));
      expect([name, ours]).toEqual([name, theirs]);
    }
    expect(() => compileRules(rules).run({ f: () => 1 })).toThrow(/function or a promise/u);
    expect(() => compileRules(rules).run({ f: 1, unused: Promise.resolve(1) })).not.toThrow();
  });
  it('treats a key present with undefined or null as supplied', () => {
    const compiled = compileRules([rule({ all: [leaf('equal', undefined)] })]);
    expect(compiled.run({ f: undefined }).events).toHaveLength(1);
    expect(() => compiled.run({})).toThrow(/Undefined fact/);
    expect(compileRules([rule({ all: [leaf('equal', null)] })]).run({ f: null }).events).toHaveLength(1);
  });
  it('with allowUndefinedFacts the operator sees undefined', () => {
    const compiled = compileRules([rule({ all: [leaf('equal', undefined)] })], { allowUndefinedFacts: true });
    expect(compiled.run({}).events).toHaveLength(1);
  });
});

describe('refusals at compile time, each with its code and JSON path', () => {
  it('unknown operator', () => {
    const e = refusal([rule({ all: [leaf('equal', 1)] }), rule({ all: [leaf('equal', 1), leaf('equalz', 1)] })]);
    expect(e.code).toBe('unknown-operator');
    expect(e.issues.map((i) => i.path)).toEqual(['$[1].conditions.all[1].operator']);
  });
  it('unknown named condition', () => {
    const rules = [rule({ any: [] }), rule({ any: [] }), rule({ any: [] }), rule({ all: [leaf('equal', 1), { condition: 'nope' }] })];
    const e = refusal(rules);
    expect(e.code).toBe('unknown-condition');
    expect(e.issues[0]!.path).toBe('$[3].conditions.all[1]');
  });
  it('unsupported and forbidden paths', () => {
    for (const path of ['$..a', '$.a[*]', '$.a[?(@.b)]', '$[(@.length-1)]', '$.a[0:2]', "$['a','b']", '$.__proto__', "$['constructor']", '$.a.prototype', 'a.b', '$.a[-1]']) {
      const e = refusal([rule({ all: [{ fact: 'f', path, operator: 'equal', value: 1 }] })]);
      expect(e.code, path).toBe('unsupported-path');
      expect(e.issues[0]!.path).toBe('$[0].conditions.all[0].path');
    }
  });
  it('malformed rules, all problems reported together', () => {
    const e = refusal([
      { conditions: { foo: [] }, event: { type: 't' } },
      { conditions: { all: [{ fact: 'f', value: 1 }] }, event: { type: 't' } },
      { conditions: { all: [{ operator: 'equal', value: 1 }] }, event: { type: 't' } },
      { conditions: { all: [] } },
      { conditions: { all: [] }, event: { type: 't' }, priority: 0 },
      { conditions: { all: {} }, event: { type: 't' } },
      { conditions: { all: [] }, event: {} },
      { conditions: { all: [] }, event: { type: 't' }, priority: 1.5 },
    ]);
    expect(e.code).toBe('invalid-rule');
    expect(e.issues.map((i) => i.path)).toEqual([
      '$[0].conditions',
      '$[1].conditions.all[0]',
      '$[2].conditions.all[0]',
      '$[3].event',
      '$[4].priority',
      '$[5].conditions.all',
      '$[6].event.type',
      '$[7].priority',
    ]);
  });
  it('mixed problem kinds are reported as invalid-rule', () => {
    const e = refusal([rule({ all: [leaf('equalz', 1)] }), { conditions: { all: [] } }]);
    expect(e.code).toBe('invalid-rule');
    expect(e.issues).toHaveLength(2);
  });
  it('in with a non-array literal is refused rather than read as a substring test', () => {
    expect(refusal([rule({ all: [leaf('in', 'abc')] })]).code).toBe('invalid-rule');
  });
});

describe('purity', () => {
  it('never mutates deep-frozen rules, options or facts, and events cannot reach the compiled rules', () => {
    const rules = deepFreeze([
      rule({ all: [leaf('greaterThan', 1, { priority: 2 }), { fact: 'g', path: '$.a[0]', operator: 'in', value: [1, 2] }] }, { event: { type: 't', params: { list: [1] } }, priority: 2 }),
    ]);
    const options = deepFreeze({ conditions: { c: { all: [leaf('equal', 5)] } } });
    const facts = deepFreeze({ f: 5, g: { a: [1] } });
    const compiled = compileRules(rules, options);
    const first = compiled.run(facts, { trace: true });
    expect(first.events).toEqual([{ type: 't', params: { list: [1] } }]);
    (first.events[0]!.params!['list'] as number[]).push(2);
    expect(compiled.run(facts).events).toEqual([{ type: 't', params: { list: [1] } }]);
  });
  it('is re-entrant: a custom operator may run the same compiled rules', () => {
    let inner: ReturnType<typeof compileRules> | undefined;
    const compiled = compileRules([rule({ all: [leaf('nested', 1)] })], {
      operators: { nested: (f) => (f === 1 ? inner!.run({ f: 2 }).events.length === 1 : true) },
    });
    inner = compiled;
    expect(compiled.run({ f: 1 }).events).toHaveLength(1);
  });
});

describe('run state reused between runs', () => {
  // run() evaluates into one array of operand slots kept by the compiled rules; these check that
  // nothing leaks from one run into another, even when a run is re-entered or throws.
  const p = (path: string, operator: string, value: unknown) => ({ fact: 'p', path, operator, value });
  it('a run re-entered from a custom operator keeps the outer run\'s operands, with and without trace', () => {
    let compiled: ReturnType<typeof compileRules> | undefined;
    const innerResults: unknown[] = [];
    compiled = compileRules(
      [
        rule({ all: [p('$.x', 'equal', 1), p('$.y', 'reenter', 0), p('$.x', 'lessThan', 2), { fact: 'q', operator: 'equal', value: { fact: 'p', path: '$.x' } }] }),
        rule({ all: [p('$.x', 'equal', 2)] }, { event: { type: 'two' } }),
      ],
      { operators: { reenter: (y) => (innerResults.push(y === 0 ? compiled!.run({ p: { x: 2, y: 1 }, q: 2 }, { trace: y === 0 }) : undefined), true) } },
    );
    for (const trace of [false, true]) {
      innerResults.length = 0;
      const outer = compiled.run({ p: { x: 1, y: 0 }, q: 1 }, { trace });
      expect(outer.events).toEqual([{ type: 'hit' }]);
      if (trace) expect(outer.trace![0]!.conditions.map((c) => c.factValue)).toEqual([1, 0, 1, 1]);
      // The inner run calls the operator too (with y = 1): the outer call's result comes last.
      const inner = innerResults[innerResults.length - 1] as { events: unknown[] };
      expect(inner.events).toEqual([{ type: 'two' }]);
    }
    expect(compiled.run({ p: { x: 2, y: 1 }, q: 2 }).events).toEqual([{ type: 'two' }]);
  });
  it('a run that throws leaves nothing behind for the next run', () => {
    const compiled = compileRules([
      rule({ all: [p('$.x', 'equal', 1)] }, { event: { type: 'one' } }),
      rule({ all: [p('$.x', 'equal', 1), { fact: 'missing', operator: 'equal', value: 1 }] }),
    ]);
    expect(() => compiled.run({ p: { x: 1 } })).toThrow(/Undefined fact/u);
    expect(() => compiled.run({ p: { x: 1 }, missing: 0 }, { trace: true })).not.toThrow();
    expect(compiled.run({ p: { x: 2 }, missing: 1 }).events).toEqual([]);
    const thrower = compileRules([rule({ all: [{ ...p('$.x', 'equal', 3), priority: 2 }, p('$.x', 'boom', 0)] })], {
      operators: { boom: () => { throw new Error('boom'); } },
    });
    expect(() => thrower.run({ p: { x: 3 } })).toThrow(/boom/u);
    expect(thrower.run({ p: { x: 4 } }).events).toEqual([]);
  });
});

describe('fact paths read per run', () => {
  const rules = [
    rule({ all: [{ fact: 'c', path: '$.a', operator: 'equal', value: 1 }] }, { event: { type: 'a' } }),
    rule({ all: [{ fact: 'c', path: '$.n.x', operator: 'equal', value: 'x' }] }, { event: { type: 'n' } }),
    rule({ all: [{ fact: 'c', path: '$.g', operator: 'equal', value: true }] }, { event: { type: 'g' } }),
    rule({ all: [{ fact: 'c', path: '$.s.length', operator: 'equal', value: 3 }] }, { event: { type: 's' } }),
    rule({ all: [{ fact: 'c', path: '$.toString', operator: 'equal', value: undefined }] }, { event: { type: 'own-only' } }),
  ];
  const types = (compiled: ReturnType<typeof compileRules>, c: unknown, trace = false): string[] => compiled.run({ c }, { trace }).events.map((e) => e.type);
  it('give the same results for frozen and unfrozen facts, run after run', () => {
    const compiled = compileRules(rules);
    const plain = { a: 1, n: { x: 'x' }, g: true, s: 'abc' };
    const frozen = Object.freeze({ ...plain, n: Object.freeze({ x: 'x' }) });
    for (const trace of [false, true]) {
      expect(types(compiled, plain, trace)).toEqual(['a', 'n', 'g', 's', 'own-only']);
      expect(types(compiled, frozen, trace)).toEqual(['a', 'n', 'g', 's', 'own-only']);
      expect(types(compiled, frozen, trace)).toEqual(['a', 'n', 'g', 's', 'own-only']);
    }
  });
  it('see a change to a fact between runs, frozen or not, and call a getter on every run', () => {
    const compiled = compileRules(rules);
    const nested = { x: 'x' };
    let flag = true;
    const c = Object.freeze(Object.defineProperty({ a: 1, n: nested, s: 'abc' }, 'g', { get: () => flag, enumerable: true }));
    expect(types(compiled, c)).toEqual(['a', 'n', 'g', 's', 'own-only']);
    nested.x = 'y';
    flag = false;
    expect(types(compiled, c)).toEqual(['a', 's', 'own-only']);
    expect(compiled.run({ c }, { trace: true }).trace!.map((t) => t.conditions[0]!.factValue)).toEqual([1, 'y', false, 3, undefined]);
  });
});

describe('constant facts (withConstantFacts)', () => {
  const rules = [
    rule({ all: [{ fact: 'c', path: '$.a', operator: 'equal', value: 1 }, { fact: 'p', path: '$.x', operator: 'greaterThan', value: 0 }] }, { event: { type: 'a-and-x' } }),
    rule({ all: [{ fact: 'c', path: '$.n.x', operator: 'equal', value: 'x' }] }, { event: { type: 'n' } }),
    rule({ all: [{ fact: 'c', path: '$.g', operator: 'equal', value: true }] }, { event: { type: 'g' } }),
    rule({ all: [{ fact: 'c', path: '$.late', operator: 'equal', value: 1 }] }, { event: { type: 'late' } }),
    rule({ all: [{ fact: 'p', operator: 'equal', value: { fact: 'c', path: '$.a' } }] }, { event: { type: 'p-is-a' } }),
  ];
  const types = (compiled: ReturnType<typeof compileRules>, facts: Record<string, unknown>, trace = false): string[] => compiled.run(facts, { trace }).events.map((e) => e.type);

  it('give the events a run with all the facts gives, with and without trace', () => {
    const compiled = compileRules(rules);
    const c = { a: 1, n: { x: 'x' }, g: true };
    const bound = compiled.withConstantFacts({ c });
    expect(bound.size).toBe(compiled.size);
    for (const p of [{ x: 1 }, { x: 0 }, 1]) {
      for (const trace of [false, true]) {
        expect(types(bound, { p }, trace)).toEqual(types(compiled, { c, p }, trace));
        expect(bound.run({ p }, { trace }).trace).toEqual(compiled.run({ c, p }, { trace }).trace);
      }
    }
    expect(types(bound, { p: { x: 1 } })).toEqual(['a-and-x', 'n', 'g']);
    // A path into a value that is not an object gives the value itself (json-rules-engine's resolver).
    expect(types(bound, { p: 1 })).toEqual(['a-and-x', 'n', 'g', 'p-is-a']);
  });

  it('resolve own data properties once, at bind time; getters and absent properties on every run', () => {
    let flag = true;
    const c: Record<string, unknown> = Object.defineProperty({ a: 1, n: { x: 'x' } }, 'g', { get: () => flag, enumerable: true });
    const bound = compileRules(rules).withConstantFacts({ c });
    expect(types(bound, { p: 0 })).toEqual(['n', 'g']);
    // Changed after binding: the bound value of a data property stays, a getter and a property absent at bind time are read again.
    c['a'] = 2;
    (c['n'] as Record<string, unknown>)['x'] = 'y';
    flag = false;
    c['late'] = 1;
    expect(types(bound, { p: 0 })).toEqual(['n', 'late']);
    expect(types(compileRules(rules), { c, p: 0 })).toEqual(['late']);
  });

  it('keep a property absent from a frozen object absent (it cannot be added); one absent from an unfrozen object is read per run', () => {
    const frozen = Object.freeze({ a: 1, n: Object.freeze({}) });
    const open: Record<string, unknown> = { a: 1, n: {} };
    const boundFrozen = compileRules(rules).withConstantFacts({ c: frozen });
    const boundOpen = compileRules(rules).withConstantFacts({ c: open });
    expect(types(boundFrozen, { p: 0 })).toEqual([]);
    expect(types(boundOpen, { p: 0 })).toEqual([]);
    open['late'] = 1;
    open['g'] = true;
    expect(types(boundOpen, { p: 0 })).toEqual(['g', 'late']);
    expect(boundFrozen.run({ p: 0 }, { trace: true }).trace!.map((t) => t.conditions[0]!.factValue)).toEqual([1, undefined, undefined, undefined, 0]);
  });

  it('refuse a run that passes a constant fact as well, naming it', () => {
    const bound = compileRules(rules).withConstantFacts({ c: { a: 1 }, unused: 5 });
    for (const name of ['c', 'unused']) {
      let error: unknown;
      try {
        bound.run({ p: 1, [name]: {} });
      } catch (e) {
        error = e;
      }
      expect(isPaceError(error) && error.code).toBe('invalid-input');
      expect((error as PaceError).issues.map((i) => i.path)).toEqual([`$.facts.${name}`]);
      expect((error as PaceError).message).toContain(`fact "${name}" is constant`);
    }
    // The bound rules still run afterwards (the refused run left nothing behind).
    expect(types(bound, { p: { x: 1 } })).toEqual(['a-and-x']);
  });

  it('add up when bound again, and refuse binding a name twice, a function or a promise', () => {
    const compiled = compileRules(rules);
    const both = compiled.withConstantFacts({ c: { a: 1 } }).withConstantFacts({ p: { x: 1 } });
    expect(types(both, {})).toEqual(['a-and-x']);
    const codeAndPath = (f: () => unknown): [string | false, string[]] => {
      try {
        f();
      } catch (e) {
        return [isPaceError(e) && e.code, isPaceError(e) ? e.issues.map((i) => i.path) : []];
      }
      return [false, []];
    };
    expect(codeAndPath(() => both.withConstantFacts({ c: {} }))).toEqual(['invalid-input', ['$.c']]);
    expect(codeAndPath(() => compiled.withConstantFacts({ c: () => 1 }))).toEqual(['invalid-input', ['$.c']]);
    expect(codeAndPath(() => compiled.withConstantFacts({ p: Promise.resolve(1) }))).toEqual(['invalid-input', ['$.p']]);
    expect(codeAndPath(() => compiled.withConstantFacts(null as never))).toEqual(['invalid-input', ['$']]);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(codeAndPath(() => compiled.withConstantFacts({ c: revoked.proxy }))).toEqual(['invalid-input', ['$.c']]);
  });

  it('still throw undefined-fact for a fact neither bound nor passed, and work with runCompiledInto', () => {
    const bound = compileRules(rules).withConstantFacts({ c: { a: 1, n: {}, g: false } });
    expect(() => bound.run({})).toThrow(/Undefined fact: "p"/u);
    const fired: number[] = [];
    runCompiledInto(bound, { p: { x: 2 } }, fired, undefined, () => undefined);
    expect(fired).toEqual([0]);
  });

  it('never freeze or change the bound objects', () => {
    const c = { a: 1, n: { x: 'x' }, g: true };
    const before = JSON.stringify(c);
    const bound = compileRules(rules).withConstantFacts({ c });
    bound.run({ p: { x: 1 } }, { trace: true });
    expect(JSON.stringify(c)).toBe(before);
    expect(Object.isFrozen(c) || Object.isFrozen(c.n)).toBe(false);
  });
});

describe('equal and notEqual against true, false and strings', () => {
  it('compare as strict equality does, for operands of every type', () => {
    const operands = [true, false, 'x', '', 'true', 1, 0, null, undefined, [], {}, ['x'], Number.NaN];
    for (const literal of [true, false, 'x', '', 'true']) {
      const compiled = compileRules([rule({ all: [leaf('equal', literal)] }, { event: { type: 'eq' } }), rule({ all: [leaf('notEqual', literal)] }, { event: { type: 'ne' } })]);
      for (const f of operands) {
        const expected = f === literal ? ['eq'] : ['ne'];
        expect(compiled.run({ f }).events.map((e) => e.type), `${JSON.stringify(f)} vs ${JSON.stringify(literal)}`).toEqual(expected);
        expect(compiled.run({ f }, { trace: true }).trace!.map((t) => t.conditions[0]!.passed)).toEqual([expected[0] === 'eq', expected[0] === 'ne']);
      }
    }
  });
});

describe('identical leaves evaluated once per run', () => {
  const typed = (type: string, conditions: unknown): JsonRulesEngineRule => ({ conditions, event: { type } }) as JsonRulesEngineRule;
  it('only literals the operators cannot tell apart share a result', () => {
    const literals: [string, string, unknown][] = [
      ['eq-null', 'equal', null], ['eq-nan', 'equal', Number.NaN], ['eq-undef', 'equal', undefined], ['eq-str-null', 'equal', 'null'],
      ['eq-1', 'equal', 1], ['eq-str-1', 'equal', '1'], ['eq-true', 'equal', true], ['eq-str-true', 'equal', 'true'],
      ['in-1', 'in', [1, 2]], ['in-str-1', 'in', ['1', 2]], ['lt-0', 'lessThan', 0], ['lt-neg-0', 'lessThan', -0], ['le-0', 'lessThanInclusive', 0],
    ];
    const compiled = compileRules(literals.map(([type, operator, value]) => typed(type, { all: [leaf(operator, value)] })));
    const types = (f: unknown): string[] => compiled.run({ f }).events.map((e) => e.type);
    expect(types(null)).toEqual(['eq-null']); // null is not numeric for json-rules-engine
    expect(types(1)).toEqual(['eq-1', 'in-1']);
    expect(types('1')).toEqual(['eq-str-1', 'in-str-1']);
    expect(types(true)).toEqual(['eq-true']);
    expect(types(-0)).toEqual(['le-0']);
    expect(types(-1)).toEqual(['lt-0', 'lt-neg-0', 'le-0']);
    expect(compileRules([typed('u', { all: [leaf('equal', undefined)] })], { allowUndefinedFacts: true }).run({}).events).toHaveLength(1);
  });
  it('array literals other than in/notIn lists are never shared: they compare by identity', () => {
    const mine = [1];
    const compiled = compileRules([typed('mine', { all: [leaf('contains', mine)] }), typed('copy', { all: [leaf('contains', [1])] })]);
    expect(compiled.run({ f: [mine] }).events.map((e) => e.type)).toEqual(['mine']);
  });
  it('custom and decorated operators run every time, as json-rules-engine runs them', () => {
    let calls = 0;
    const counted = (f: unknown, v: unknown): boolean => (calls++, f === v);
    const compiled = compileRules(
      [
        rule({ all: [leaf('counted', 1), leaf('counted', 1)] }),
        rule({ all: [leaf('not:counted', 2), leaf('not:counted', 2)] }),
        rule({ all: [leaf('equal', 1), leaf('equal', 1)] }),
      ],
      { operators: { counted, equal: counted } },
    );
    expect(compiled.run({ f: 1 }).events).toHaveLength(3);
    expect(calls).toBe(6);
  });
  it('a shared result is traced with each leaf\'s own path and operands', () => {
    const compiled = compileRules([typed('a', { all: [leaf('lessThan', 5)] }), typed('b', { any: [leaf('lessThan', 5, { priority: 2 }), leaf('equal', 3)] })]);
    const { trace } = compiled.run({ f: 3 }, { trace: true });
    expect(trace!.map((r) => r.conditions.map((c) => [c.path, c.factValue, c.value, c.passed]))).toEqual([
      [['conditions.all[0]', 3, 5, true]],
      [['conditions.any[0]', 3, 5, true]],
    ]);
  });
});

describe('trace', () => {
  it('records every rule and every leaf jre evaluates, with resolved values', () => {
    const compiled = compileRules([
      { name: 'r0', conditions: { all: [{ fact: 'p', path: '$.amount', operator: 'lessThan', value: 100 }, { fact: 'p', path: '$.date', operator: 'lessThanInclusive', value: { fact: 'c', path: '$.end' } }] }, event: { type: 'e0' } },
      { id: 'r1', priority: 2, conditions: { any: [{ fact: 'p', path: '$.amount', operator: 'equal', value: 5 }] }, event: { type: 'e1' } },
    ]);
    const { trace, events } = compiled.run({ p: { amount: 150, date: 3 }, c: { end: 4 } }, { trace: true });
    expect(events).toEqual([]);
    expect(trace).toEqual([
      { ruleIndex: 1, name: 'r1', priority: 2, passed: false, conditions: [
        { path: 'conditions.any[0]', fact: 'p', factPath: '$.amount', operator: 'equal', factValue: 150, value: 5, passed: false },
      ] },
      { ruleIndex: 0, name: 'r0', priority: 1, passed: false, conditions: [
        { path: 'conditions.all[0]', fact: 'p', factPath: '$.amount', operator: 'lessThan', factValue: 150, value: 100, passed: false },
        { path: 'conditions.all[1]', fact: 'p', factPath: '$.date', operator: 'lessThanInclusive', factValue: 3, value: 4, passed: true },
      ] },
    ]);
  });
});
