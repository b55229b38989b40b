import { describe, expect, it } from 'vitest';
import { compileRules, runCompiledInto } from '../../src/engine/compile-rules.js';
import { isPaceError, type PaceError } from '../../src/errors/pace-error.js';
import { thrownPaceError } from '../support/thrown-pace-error.js';

describe('runCompiledInto (internal)', () => {
  const rules = [
    { name: 'single', conditions: { all: [{ fact: 'p', path: '$.a', operator: 'greaterThan', value: 1 }] }, event: { type: 'x', params: { n: 1 } } },
    { name: 'leaf-root', conditions: { any: [{ fact: 'p', path: '$.b', operator: 'equal', value: 'y' }, { fact: 'p', path: '$.a', operator: 'lessThan', value: 0 }] }, event: { type: 'y' } },
    { name: 'not', priority: 5, conditions: { not: { fact: 'p', path: '$.a', operator: 'equal', value: 3 } }, event: { type: 'z' } },
    { name: 'empty', conditions: { all: [] }, event: { type: 'w' } },
  ];
  const compiled = compileRules(rules);

  it('fires the rules run fires and traces every rule as run does', () => {
    for (const p of [{ a: 2, b: 'y' }, { a: 3, b: 'n' }, { a: -1, b: 'n' }]) {
      const expected = compiled.run({ p }, { trace: true });
      const fired: number[] = [];
      const steps: unknown[] = [];
      runCompiledInto(compiled, { p }, fired, steps, (ruleIndex, passed, conditions) => ({ ruleIndex, passed, conditions }));
      expect(fired).toEqual(expected.firedRuleIndexes);
      expect(steps).toEqual(expected.trace!.map((t) => ({ ruleIndex: t.ruleIndex, passed: t.passed, conditions: t.conditions })));
      const untraced: number[] = [];
      runCompiledInto(compiled, { p }, untraced, undefined, () => undefined);
      expect(untraced).toEqual(compiled.run({ p }).firedRuleIndexes);
    }
  });

  it('throws what run throws: undefined-fact naming the fact, the rule and the condition', () => {
    const caught = thrownPaceError;
    const fromRun = caught(() => compiled.run({}));
    for (const [steps, label] of [[[], 'traced'], [undefined, 'untraced']] as const) {
      const error = caught(() => runCompiledInto(compiled, {}, [], steps === undefined ? undefined : [...steps], () => undefined));
      expect(error.code, label).toBe('undefined-fact');
      // The first rule evaluated is "not" (priority 5): it reads p first.
      expect(error.message, label).toBe('Undefined fact: "p" is read by rule $[2] ("not") at $[2].conditions.not and was not supplied (pass it, or compile with allowUndefinedFacts: true)');
      expect(error.issues.map((i) => i.path), label).toEqual(['$.facts.p', '$[2].conditions.not']);
      expect(error.message).toBe(fromRun.message);
    }
  });
  it('refuses rules it did not compile', () => {
    let error: unknown;
    try {
      runCompiledInto({ run: () => ({ events: [], firedRuleIndexes: [] }), size: 0, withConstantFacts: () => compiled }, {}, [], undefined, () => undefined);
    } catch (e) {
      error = e;
    }
    expect(isPaceError(error) && error.code).toBe('invalid-input');
    expect((error as PaceError).issues.map((i) => i.path)).toEqual(['$']);
  });
});
