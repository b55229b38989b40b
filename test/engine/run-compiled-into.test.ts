import { describe, expect, it } from 'vitest';
import { compileRules, runCompiledInto } from '../../src/engine/compile-rules.js';

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

  it('throws what run throws', () => {
    expect(() => compiled.run({})).toThrow();
    expect(() => runCompiledInto(compiled, {}, [], [], () => undefined)).toThrow(/p/);
  });
});
