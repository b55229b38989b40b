// The compiled evaluator must agree with json-rules-engine 7.3 on every rule set and fact set
// json-rules-engine accepts: the same events (as a multiset) and the same throw / no-throw.
import { Engine } from 'json-rules-engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/engine/compile-rules.js';
import type { JsonRulesEngineRule, RuleTrace } from '../../src/engine/types.js';
import { isPaceError } from '../../src/errors/pace-error.js';
import { customOperators, facts, root, ruleSet } from './arbitraries.js';

const RUNS_PER_MODE = 5000;

/** Events as a multiset, and (by rule name) which rules passed and which failed. */
type Outcome = { threw: true; message: string } | { threw: false; events: string[]; passed: string[]; failed: string[] };

async function runJre(rules: Record<string, unknown>[], input: Record<string, unknown>, allowUndefinedFacts: boolean, operators: Record<string, (a: unknown, b: unknown) => boolean> | undefined, conditions: Record<string, unknown> = {}): Promise<Outcome> {
  try {
    const engine = new Engine(structuredClone(rules) as never, { allowUndefinedFacts });
    for (const [name, condition] of Object.entries(conditions)) engine.setCondition(name, structuredClone(condition) as never);
    for (const [name, fn] of Object.entries(operators ?? {})) engine.addOperator(name, fn);
    const { events, results, failureResults } = await engine.run({ ...input });
    return { threw: false, events: events.map((e) => JSON.stringify(e)).sort(), passed: results.map((r) => String(r.name)).sort(), failed: failureResults.map((r) => String(r.name)).sort() };
  } catch (error) {
    return { threw: true, message: (error as Error).message };
  }
}

function runOurs(rules: Record<string, unknown>[], input: Record<string, unknown>, allowUndefinedFacts: boolean, operators: Record<string, (a: unknown, b: unknown) => boolean> | undefined, trace: boolean, conditions: Record<string, unknown> = {}): Outcome {
  const compiled = compileRules(rules as unknown as JsonRulesEngineRule[], { allowUndefinedFacts, conditions: conditions as never, ...(operators === undefined ? {} : { operators }) });
  try {
    const result = compiled.run(input, { trace });
    const events = result.events.map((e) => JSON.stringify(e)).sort();
    if (!trace) {
      const names = new Set(result.firedRuleIndexes.map((i) => String(rules[i]!['name'])));
      const all = rules.map((r) => String(r['name']));
      return { threw: false, events, passed: all.filter((n) => names.has(n)).sort(), failed: all.filter((n) => !names.has(n)).sort() };
    }
    const traced = result.trace!;
    // The trace covers every rule once, and its fired rules are the ones that emitted the events.
    expect(traced.map((t) => t.ruleIndex).sort((a, b) => a - b)).toEqual(rules.map((_, i) => i));
    expect(traced.filter((t) => t.passed).map((t) => t.ruleIndex)).toEqual(result.firedRuleIndexes);
    const name = (t: RuleTrace): string => String(rules[t.ruleIndex]!['name']);
    return { threw: false, events, passed: traced.filter((t) => t.passed).map(name).sort(), failed: traced.filter((t) => !t.passed).map(name).sort() };
  } catch (error) {
    if (!isPaceError(error)) throw error; // only PaceError may escape a run
    return { threw: true, message: error.message };
  }
}

/** Leaves whose two sides are equal or numerically equal: the comparison sat on its boundary. */
function boundaryHits(rules: Record<string, unknown>[], input: Record<string, unknown>, operators: Record<string, (a: unknown, b: unknown) => boolean> | undefined): number {
  const compiled = compileRules(rules as unknown as JsonRulesEngineRule[], { allowUndefinedFacts: true, ...(operators === undefined ? {} : { operators }) });
  try {
    const { trace } = compiled.run(input, { trace: true });
    let hits = 0;
    for (const rule of trace ?? []) {
      for (const c of rule.conditions) {
        const numericTie = typeof c.factValue !== 'object' && typeof c.value !== 'object' && c.factValue !== '' && c.value !== '' && Number(c.factValue) === Number(c.value) && c.operator.includes('Than');
        if (c.factValue === c.value || numericTie) hits++;
      }
    }
    return hits;
  } catch {
    return 0;
  }
}

describe('compileRules agrees with json-rules-engine 7.3 (differential)', () => {
  for (const allowUndefinedFacts of [false, true]) {
    it(`same events and same throw/no-throw on ${RUNS_PER_MODE} generated cases, allowUndefinedFacts=${String(allowUndefinedFacts)}`, async () => {
      const counters = { cases: 0, fired: 0, threw: 0, boundary: 0, custom: 0, events: 0 };
      const scenario = fc
        .tuple(fc.constantFrom<'none' | 'plain' | 'shadowing'>('none', 'none', 'plain', 'shadowing'), facts)
        .chain(([ops, input]) => ruleSet({ custom: ops !== 'none' }).map((rules) => ({ ops, input, rules })));
      await fc.assert(
        fc.asyncProperty(scenario, async ({ ops, input, rules }) => {
          const operators = ops === 'none' ? undefined : { ...customOperators[ops] };
          const theirs = await runJre(rules, input, allowUndefinedFacts, operators);
          const ours = runOurs(rules, input, allowUndefinedFacts, operators, false);
          const traced = runOurs(rules, input, allowUndefinedFacts, operators, true);
          counters.cases++;
          if (operators !== undefined) counters.custom++;
          if (theirs.threw) counters.threw++;
          else if (theirs.events.length > 0) {
            counters.fired++;
            counters.events += theirs.events.length;
          }
          if (boundaryHits(rules, input, operators) > 0) counters.boundary++;
          expect(ours.threw).toBe(theirs.threw);
          expect(traced.threw).toBe(theirs.threw);
          if (!theirs.threw) {
            // Same events, and the same rules passed and failed, without and with trace.
            expect(ours).toEqual(theirs);
            expect(traced).toEqual(theirs);
          }
        }),
        { numRuns: RUNS_PER_MODE },
      );
      console.log(`differential allowUndefinedFacts=${String(allowUndefinedFacts)}: ${JSON.stringify(counters)}`);
      // A differential test where nothing fires or nothing throws proves little: check the mix.
      expect(counters.cases).toBe(RUNS_PER_MODE);
      expect(counters.fired / counters.cases).toBeGreaterThan(0.3);
      expect(counters.boundary / counters.cases).toBeGreaterThan(0.2);
      expect(counters.custom / counters.cases).toBeGreaterThan(0.3);
      if (!allowUndefinedFacts) expect(counters.threw / counters.cases).toBeGreaterThan(0.1);
      else expect(counters.threw).toBeGreaterThan(0); // `swap:in` and fact-valued `in` can still throw
    }, 300_000); // json-rules-engine's async runs dominate; generous for a loaded 2-core machine
  }
});

describe('named conditions, shared by several rules and by each other (differential)', () => {
  const NAMED_RUNS = 1500;
  it(`same events and the same rules passed and failed, with and without trace, on ${NAMED_RUNS} cases`, async () => {
    const counters = { cases: 0, fired: 0, threw: 0 };
    const scenario = fc
      .tuple(fc.array(root({ custom: false }), { minLength: 1, maxLength: 3 }), ruleSet({ custom: false }), facts, fc.array(fc.nat(), { minLength: 6, maxLength: 6 }))
      .map(([roots, rules, input, picks]) => {
        // n1 uses n0, n2 uses n1: a chain, and each rule uses one of them, so trees are shared.
        const conditions: Record<string, unknown> = {};
        roots.forEach((r, i) => (conditions[`n${i}`] = i === 0 ? r : { any: [r, { condition: `n${i - 1}` }] }));
        const withReferences = rules.map((rule, i) => {
          const name = `n${picks[i]! % roots.length}`;
          return { ...rule, conditions: picks[i]! % 3 === 0 ? { condition: name } : { all: [rule['conditions'], { condition: name }] } };
        });
        return { rules: withReferences, input, conditions };
      });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ rules, input, conditions }) => {
        const theirs = await runJre(rules, input, false, undefined, conditions);
        const ours = runOurs(rules, input, false, undefined, false, conditions);
        const traced = runOurs(rules, input, false, undefined, true, conditions);
        counters.cases++;
        if (theirs.threw) counters.threw++;
        else if (theirs.events.length > 0) counters.fired++;
        expect([ours.threw, traced.threw]).toEqual([theirs.threw, theirs.threw]);
        if (!theirs.threw) {
          expect(ours).toEqual(theirs);
          expect(traced).toEqual(theirs);
        }
      }),
      { numRuns: NAMED_RUNS },
    );
    console.log(`differential with named conditions: ${JSON.stringify(counters)}`);
    expect(counters.fired / counters.cases).toBeGreaterThan(0.2);
    expect(counters.threw / counters.cases).toBeGreaterThan(0.1);
  }, 300_000);
});
