// compileRules: validate (validate-rules.ts) → lower (lower-to-cells.ts) → evaluate
// (evaluate-conditions.ts, trace-conditions.ts) in a run state (run-state.ts).
import { PaceError, isPaceError } from '../errors/pace-error.js';
import type { ValidatedRule } from './condition-tree.js';
import { evaluateRoot } from './evaluate-conditions.js';
import { copyJson, isRecord } from './json-data.js';
import { lowerRules } from './lower-to-cells.js';
import type { RunnableRule } from './lower-to-cells.js';
import type { PathSlot } from './operand-slots.js';
import { runFailure } from './run-errors.js';
import { MISSING, RunState, bindConstantFacts, bindFacts, readFacts } from './run-state.js';
import type { FactBinding } from './run-state.js';
import { takeRecords, traceLeaf, traceRoot } from './trace-conditions.js';
import type { CompileRulesOptions, CompiledRules, ConditionTrace, JsonRulesEngineRule, RuleEvent, RuleTrace, RunOptions, RunResult } from './types.js';
import { validateRules } from './validate-rules.js';

/** Builds the trace step of one rule from its index, outcome and leaf conditions. @internal */
export type StepFactory<S> = (ruleIndex: number, passed: boolean, conditions: ConditionTrace[]) => S;

/** An object of facts: not null, not an array (a revoked proxy, which cannot be asked, is not). */
function isFactsObject(facts: unknown): boolean {
  if (typeof facts !== 'object' || facts === null) return false;
  try {
    return !Array.isArray(facts);
  } catch {
    return false;
  }
}

const makeEvent = (rule: ValidatedRule): RuleEvent => (rule.params === undefined ? { type: rule.type } : { type: rule.type, params: copyJson(rule.params) });

/**
 * Compiled rules and the run state they reuse. One run state is reused from run to run; a run
 * entered while another is in progress (a custom operator may call run() on the same rules) gets
 * a state of its own, so the outer run's operands are never overwritten. Between runs the state
 * holds no fact values.
 */
class RuleProgram {
  /** Created on the first run (a pack's rules are compiled to be checked, and never run). */
  private shared: RunState | undefined;
  private sharedInUse = false;
  private readonly absent: unknown;
  /** The rule indexes in evaluation order, built when first asked for. */
  order: readonly number[] | undefined;

  constructor(
    readonly runnable: readonly RunnableRule[],
    private readonly width: number,
    private readonly allowUndefinedFacts: boolean,
    readonly factSlots: ReadonlyMap<string, number>,
    readonly pathSlots: readonly PathSlot[],
  ) {
    this.absent = allowUndefinedFacts ? undefined : MISSING;
  }

  /** The shared run state, or a fresh one for a run entered during another. */
  private acquire(facts: unknown): RunState {
    if (!isFactsObject(facts)) {
      throw new PaceError('invalid-input', 'run(facts) expects an object of facts', [{ path: '$.facts', message: 'expected an object of facts' }]);
    }
    if (this.sharedInUse) return new RunState(this.width);
    this.sharedInUse = true;
    return (this.shared ??= new RunState(this.width));
  }

  private release(run: RunState): void {
    run.clear();
    if (run === this.shared) this.sharedInUse = false;
  }

  private read(facts: Readonly<Record<string, unknown>>, run: RunState, binding: FactBinding): void {
    try {
      readFacts(facts, run, binding, this.absent, !this.allowUndefinedFacts);
    } catch (error) {
      throw runFailure(error, undefined);
    }
  }

  run(facts: Readonly<Record<string, unknown>>, binding: FactBinding, trace: boolean): RunResult {
    const run = this.acquire(facts);
    try {
      this.read(facts, run, binding);
      return trace ? this.evaluateTraced(run) : this.evaluate(run);
    } finally {
      this.release(run);
    }
  }

  runInto<S>(facts: Readonly<Record<string, unknown>>, binding: FactBinding, fired: number[], steps: S[] | undefined, makeStep: StepFactory<S>): void {
    const run = this.acquire(facts);
    try {
      this.read(facts, run, binding);
      if (steps === undefined) this.fireInto(run, fired);
      else this.traceInto(run, fired, steps, makeStep);
    } finally {
      this.release(run);
    }
  }

  private evaluate(run: RunState): RunResult {
    const events: RuleEvent[] = [];
    const fired: number[] = [];
    const runnable = this.runnable;
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
      throw runFailure(error, runnable[i]?.rule);
    }
    return { events, firedRuleIndexes: fired };
  }

  private evaluateTraced(run: RunState): RunResult {
    const events: RuleEvent[] = [];
    const fired: number[] = [];
    const trace: RuleTrace[] = [];
    const runnable = this.runnable;
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
      throw runFailure(error, runnable[i]?.rule);
    }
    return { events, firedRuleIndexes: fired, trace };
  }

  /** The indexes of the rules that fire, pushed on `fired`. */
  private fireInto(run: RunState, fired: number[]): void {
    const runnable = this.runnable;
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const r = runnable[i]!;
        if (evaluateRoot(r.root, r.inner, run)) fired.push(r.rule.index);
      }
    } catch (error) {
      throw runFailure(error, runnable[i]?.rule);
    }
  }

  /** Fired indexes and one step per rule in evaluation order, built by `makeStep` (no RuleTrace objects). */
  private traceInto<S>(run: RunState, fired: number[], steps: S[], makeStep: StepFactory<S>): void {
    const runnable = this.runnable;
    run.records = [];
    let i = 0;
    try {
      for (; i < runnable.length; i++) {
        const r = runnable[i]!;
        let conditions: ConditionTrace[];
        let passed: boolean;
        if (r.onlyLeaf !== undefined) {
          // One leaf decides the rule: its conditions as an array of exactly one record.
          run.tracePrefix = '';
          conditions = [traceLeaf(r.onlyLeaf, run)];
          passed = Boolean(run.leafResult);
        } else {
          passed = Boolean(traceRoot(r.root, r.inner, run));
          conditions = takeRecords(run);
        }
        if (passed) fired.push(r.rule.index);
        steps.push(makeStep(r.rule.index, passed, conditions));
      }
    } catch (error) {
      throw runFailure(error, runnable[i]?.rule);
    }
  }
}

type InternalRun = <S>(facts: Readonly<Record<string, unknown>>, fired: number[], steps: S[] | undefined, makeStep: StepFactory<S>) => void;

/** The fast entry of each CompiledRules object this module built (library objects only). */
const internalRuns = new WeakMap<CompiledRules, InternalRun>();
/** The rule indexes of each CompiledRules object in evaluation order (one array per program). */
const evaluationOrders = new WeakMap<CompiledRules, readonly number[]>();

/** The public face of a program with one binding of facts. */
function publish(program: RuleProgram, binding: FactBinding): CompiledRules {
  const compiled: CompiledRules = Object.freeze({
    size: program.runnable.length,
    run: (facts: Readonly<Record<string, unknown>>, options?: RunOptions): RunResult => program.run(facts, binding, isRecord(options) && options.trace === true),
    withConstantFacts: (constants: Readonly<Record<string, unknown>>): CompiledRules =>
      publish(program, bindConstantFacts(binding, program.factSlots, program.pathSlots, constants)),
  });
  internalRuns.set(compiled, (facts, fired, steps, makeStep) => program.runInto(facts, binding, fired, steps, makeStep));
  evaluationOrders.set(compiled, (program.order ??= Object.freeze(program.runnable.map((r) => r.rule.index))));
  return compiled;
}

/** validateRules, with a getter or proxy trap of the caller's that throws reported as a PaceError. */
function readRules(rules: readonly JsonRulesEngineRule[], options: CompileRulesOptions): ReturnType<typeof validateRules> {
  try {
    return validateRules(rules, options);
  } catch (error) {
    if (isPaceError(error)) throw error;
    let reason = 'an exception was thrown';
    try {
      if (error instanceof Error) reason = String(error.message);
    } catch {
      // keep the generic reason
    }
    throw new PaceError('invalid-rule', `compileRules could not read the rules: ${reason}`, [{ path: '$', message: `reading the rules threw: ${reason}` }], { cause: error });
  }
}

/**
 * Compiles json-rules-engine rules once into a tree that a small evaluator walks synchronously
 * (no `eval`, no `new Function`: safe under a strict Content-Security-Policy). It gives the same
 * events, and throws where json-rules-engine 7.3's `Engine.run()` rejects, for every rule set and
 * fact set it accepts.
 *
 * Everything is checked at compile time: unknown operators, unknown named conditions, malformed
 * rules, priorities, paths outside the supported subset, and sizes beyond {@link RULE_LIMITS} —
 * all problems in one `PaceError` whose `issues` give the JSON path of each (code: the problems'
 * common code, or `invalid-rule` when they differ). Compiling takes time linear in the size of
 * the rules: a named condition is compiled once, however often it is referenced.
 *
 * Facts that stay the same from run to run (a contract, a program) can be bound once with
 * {@link CompiledRules.withConstantFacts}: the paths the rules read from them are then resolved
 * once instead of on every run.
 *
 * @param rules - Rules in json-rules-engine's format (never mutated, never frozen).
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
  const validated = readRules(rules, options);
  const { runnable, width } = lowerRules(validated.rules, validated.slots.width);
  const allowUndefinedFacts = isRecord(options) && options.allowUndefinedFacts === true;
  const facts = validated.slots.facts;
  const program = new RuleProgram(runnable, width, allowUndefinedFacts, facts, [...validated.slots.paths.values()]);
  return publish(program, bindFacts(facts));
}

/**
 * Runs compiled rules as `run` does, for callers that need only the indexes of the rules that
 * fired (pushed on `fired`, in firing order) and, when `steps` is given, a step of their own per
 * rule (pushed in evaluation order): no events are copied and no RuleTrace is built. It throws
 * what `run` throws; what was pushed before the throw stays pushed. Rules returned by
 * `withConstantFacts` run with their constant facts.
 * @internal
 */
export function runCompiledInto<S>(compiled: CompiledRules, facts: Readonly<Record<string, unknown>>, fired: number[], steps: S[] | undefined, makeStep: StepFactory<S>): void {
  const run = internalRuns.get(compiled);
  if (run === undefined) throw new PaceError('invalid-input', 'runCompiledInto expects rules compiled by compileRules', [{ path: '$', message: 'not compiled by compileRules' }]);
  run(facts, fired, steps, makeStep);
}

/**
 * The index of each rule of compiled rules in the order a run evaluates them (priority, highest
 * first, then rule order): a traced run's steps, and its fired rules, come in this order.
 * @internal
 */
export function evaluationOrder(compiled: CompiledRules): readonly number[] {
  const order = evaluationOrders.get(compiled);
  if (order === undefined) throw new PaceError('invalid-input', 'evaluationOrder expects rules compiled by compileRules', [{ path: '$', message: 'not compiled by compileRules' }]);
  return order;
}
