/**
 * Types of the json-rules-engine rule format as `compileRules` accepts it, and of what it returns.
 *
 * The format is json-rules-engine 7.3's: a rule is `{ conditions, event, name?, priority? }`, and
 * any other key (`id`, `description`, `citation`, …) is tolerated and ignored by evaluation.
 */

/**
 * A fact reference used as the right-hand side of a condition: compare against another fact.
 *
 * @example
 * ```ts
 * const ref: FactReference = { fact: 'purchase', path: '$.date' };
 * ```
 */
export interface FactReference {
  readonly fact: string;
  /** A path into the fact value (`$.a.b`, `$.a[0]`, `$['a b']`). */
  readonly path?: string;
  /** Parameters for dynamic facts in json-rules-engine; constant facts ignore them, and so do we. */
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * A leaf condition: `fact` (optionally narrowed by `path`) compared with `value` by `operator`.
 *
 * @example
 * ```ts
 * const leaf: LeafCondition = { fact: 'purchase', path: '$.amount', operator: 'greaterThanInclusive', value: 1_000_000 };
 * ```
 */
export interface LeafCondition {
  readonly fact: string;
  readonly operator: string;
  /** A literal, or `{ fact, path? }` to compare against another fact. */
  readonly value: unknown;
  readonly path?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** Evaluation order among siblings: higher first (integer >= 1, default 1). */
  readonly priority?: number;
  readonly name?: string;
  readonly [extra: string]: unknown;
}

/**
 * A reference to a named condition supplied in {@link CompileRulesOptions.conditions}.
 *
 * @example
 * ```ts
 * const ref: ConditionReference = { condition: 'memberInGoodStanding' };
 * ```
 */
export interface ConditionReference {
  readonly condition: string;
  readonly priority?: number;
  readonly name?: string;
  readonly [extra: string]: unknown;
}

/**
 * `all` passes when every child passes; an empty `all` passes.
 *
 * @example
 * ```ts
 * const c: AllConditions = { all: [{ fact: 'a', operator: 'equal', value: 1 }] };
 * ```
 */
export interface AllConditions {
  readonly all: readonly NestedCondition[];
  readonly priority?: number;
  readonly name?: string;
  readonly [extra: string]: unknown;
}

/**
 * `any` passes when some child passes; an empty `any` passes too (json-rules-engine's rule).
 *
 * @example
 * ```ts
 * const c: AnyConditions = { any: [{ fact: 'a', operator: 'equal', value: 1 }] };
 * ```
 */
export interface AnyConditions {
  readonly any: readonly NestedCondition[];
  readonly priority?: number;
  readonly name?: string;
  readonly [extra: string]: unknown;
}

/**
 * `not` negates exactly one condition.
 *
 * @example
 * ```ts
 * const c: NotConditions = { not: { fact: 'a', operator: 'equal', value: 1 } };
 * ```
 */
export interface NotConditions {
  readonly not: NestedCondition;
  readonly priority?: number;
  readonly name?: string;
  readonly [extra: string]: unknown;
}

/**
 * What may sit at the root of a rule's `conditions` (json-rules-engine refuses a bare leaf there).
 *
 * @example
 * ```ts
 * const root: TopLevelCondition = { any: [] }; // always passes
 * ```
 */
export type TopLevelCondition = AllConditions | AnyConditions | NotConditions | ConditionReference;

/**
 * Any condition node.
 *
 * @example
 * ```ts
 * const n: NestedCondition = { not: { condition: 'x' } };
 * ```
 */
export type NestedCondition = TopLevelCondition | LeafCondition;

/**
 * The event a rule emits when it passes, exactly as json-rules-engine emits it: `params` is present
 * only when the rule's `params` is truthy, and is a fresh deep copy on every run.
 *
 * @example
 * ```ts
 * const e: RuleEvent = { type: 'formal-bid-required', params: { citation: 'PCC 20111(a)' } };
 * ```
 */
export interface RuleEvent {
  type: string;
  params?: Record<string, unknown>;
}

/**
 * A rule in json-rules-engine's format. Extra keys are tolerated and ignored.
 *
 * @example
 * ```ts
 * const rule: JsonRulesEngineRule = {
 *   id: 'micro-purchase', priority: 2,
 *   conditions: { all: [{ fact: 'purchase', path: '$.amount', operator: 'lessThan', value: 1_000_000 }] },
 *   event: { type: 'micro-purchase' },
 * };
 * ```
 */
export interface JsonRulesEngineRule {
  readonly conditions: TopLevelCondition;
  readonly event: { readonly type: string; readonly params?: Readonly<Record<string, unknown>> | null };
  readonly name?: string;
  /** Integer >= 1, default 1; higher priorities run (and emit) first. */
  readonly priority?: number;
  readonly [extra: string]: unknown;
}

/**
 * A custom operator: `(factValue, value) => boolean`, like json-rules-engine's `addOperator` callback.
 * It must be synchronous and should be pure.
 *
 * @example
 * ```ts
 * const startsWith: CustomOperator = (f, v) => typeof f === 'string' && typeof v === 'string' && f.startsWith(v);
 * ```
 */
export type CustomOperator = (factValue: unknown, value: unknown) => boolean;

/**
 * Options of {@link compileRules}.
 *
 * @example
 * ```ts
 * const options: CompileRulesOptions = { allowUndefinedFacts: true, operators: { startsWith: (f, v) => String(f).startsWith(String(v)) } };
 * ```
 */
export interface CompileRulesOptions {
  /** When false (the default) a condition json-rules-engine evaluates on an absent fact throws `undefined-fact`. */
  readonly allowUndefinedFacts?: boolean;
  /** Custom operators, as with `engine.addOperator(name, fn)`; a name equal to a built-in replaces it, as in json-rules-engine. */
  readonly operators?: Readonly<Record<string, CustomOperator>>;
  /** Named conditions for `{ condition: name }` references, as with `engine.setCondition(name, condition)`. */
  readonly conditions?: Readonly<Record<string, TopLevelCondition>>;
}

/**
 * Options of {@link CompiledRules.run}.
 *
 * @example
 * ```ts
 * const options: RunOptions = { trace: true };
 * ```
 */
export interface RunOptions {
  /** Record every rule and every leaf condition json-rules-engine would evaluate. */
  readonly trace?: boolean;
}

/**
 * One leaf condition as evaluated.
 *
 * @example
 * ```ts
 * const c: ConditionTrace = { path: 'conditions.all[0]', fact: 'purchase', factPath: '$.amount',
 *   operator: 'lessThan', factValue: 999_999, value: 1_000_000, passed: true };
 * ```
 */
export interface ConditionTrace {
  /** Where the condition sits in its rule, e.g. `conditions.all[2]` (references: `conditions.any[0]<name>.all[1]`). */
  path: string;
  fact: string;
  /** The condition's `path`, or undefined when it has none. */
  factPath: string | undefined;
  operator: string;
  /** The left-hand value: the fact narrowed by its path. */
  factValue: unknown;
  /** The right-hand value, resolved when it is a fact reference. */
  value: unknown;
  /** Whether the operator returned exactly `true`. */
  passed: boolean;
}

/**
 * One rule as evaluated.
 *
 * @example
 * ```ts
 * const t: RuleTrace = { ruleIndex: 0, name: 'micro-purchase', priority: 1, passed: true, conditions: [] };
 * ```
 */
export interface RuleTrace {
  /** Index of the rule in the array given to `compileRules`. */
  ruleIndex: number;
  /** `rule.name ?? rule.id`, when a string or number. */
  name: string | number | undefined;
  priority: number;
  passed: boolean;
  /** Leaf conditions in evaluation order (exactly the ones json-rules-engine evaluates). */
  conditions: ConditionTrace[];
}

/**
 * What {@link CompiledRules.run} returns.
 *
 * @example
 * ```ts
 * const r: RunResult = { events: [{ type: 'x' }], firedRuleIndexes: [0] };
 * ```
 */
export interface RunResult {
  /** Events of the passing rules, higher priority first, then in rule order. */
  events: RuleEvent[];
  /** `firedRuleIndexes[i]` is the index (in the rules array) of the rule that emitted `events[i]`. */
  firedRuleIndexes: number[];
  /** Present when `run` was called with `{ trace: true }`: every rule, in evaluation order. */
  trace?: RuleTrace[];
}

/**
 * A rule set compiled once for synchronous evaluation; `run` is pure and re-entrant.
 *
 * @example
 * ```ts
 * const compiled: CompiledRules = compileRules(rules);
 * compiled.run({ purchase: { amount: 500 } }).events; // => [{ type: 'micro-purchase' }]
 * ```
 */
export interface CompiledRules {
  /** Evaluates every rule against `facts`; throws `PaceError` where json-rules-engine rejects. */
  run(facts: Readonly<Record<string, unknown>>, options?: RunOptions): RunResult;
  /**
   * The same rules with some facts bound for every run: facts that stay the same from run to run
   * (a contract, a program), so that the paths the rules read from them are resolved once, here,
   * instead of on every run. The returned rules' `run(facts)` takes the remaining facts.
   *
   * Each fact's value is read once (own enumerable keys of `facts`). A path the rules read from
   * it is resolved now when it goes through own data properties only; a path through a getter,
   * or to a property absent now from an object that is not frozen, is read on every run. The bound objects are neither
   * copied nor frozen: the caller promises not to change them while the rules are used (change
   * them and the runs may see the old values).
   *
   * A run that passes a constant fact's name as well is refused with `PaceError`
   * (`invalid-input`, path `$.facts.<name>`): one value per fact, never a silent choice. Names
   * that no rule reads are accepted and ignored. Binding more constants on the result adds to
   * them; binding a name twice is refused.
   *
   * @param facts - The constant facts, by name.
   * @returns Compiled rules of the same type whose runs use these facts.
   * @throws PaceError `invalid-input` for a function or promise value, a name already bound, or a
   *   value whose paths throw when read.
   * @example
   * ```ts
   * const rules = compileRules([{
   *   conditions: { all: [
   *     { fact: 'contract', path: '$.inForce', operator: 'equal', value: true },
   *     { fact: 'purchase', path: '$.amount', operator: 'lessThan', value: 1_000_000 },
   *   ] },
   *   event: { type: 'may-buy' },
   * }]);
   * const forContract = rules.withConstantFacts({ contract: { inForce: true } });
   * forContract.run({ purchase: { amount: 500 } }).events;  // => [{ type: 'may-buy' }]
   * forContract.run({ purchase: { amount: 500 }, contract: {} }); // throws PaceError 'invalid-input'
   * ```
   */
  withConstantFacts(facts: Readonly<Record<string, unknown>>): CompiledRules;
  /** Number of rules compiled. */
  readonly size: number;
}
