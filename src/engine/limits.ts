/**
 * The largest rule sets `compileRules` and `loadRulesPack` accept. Beyond them a `PaceError`
 * names the place that is too big, instead of a `RangeError` (stack or array size) or a compile
 * that takes minutes. Every limit is far above what a real pack needs: the bundled California
 * law pack nests conditions 3 deep and its largest rule has 6 leaves.
 *
 * Within the limits, compiling takes time linear in the size of the rules and named conditions
 * (a named condition used many times is compiled once and shared), and evaluation recurses at
 * most `maxNestingDepth` levels.
 *
 * @example
 * ```ts
 * RULE_LIMITS.maxNestingDepth; // => 64
 * ```
 */
export const RULE_LIMITS = Object.freeze({
  /** Levels of `all` / `any` / `not` in one rule's conditions, counted through named conditions (a reference is a level too). */
  maxNestingDepth: 64,
  /** Named conditions referring to named conditions, one inside the next (`a` uses `b`, which uses `c`, …). */
  maxReferenceChain: 16,
  /** Rules in one `compileRules` call, and rules (or checklist items) in one pack. */
  maxRules: 10_000,
  /** Leaf conditions in one rule's conditions, or in one named condition (a reference counts as one). */
  maxLeavesPerCondition: 100_000,
  /** Elements of the array value of an `in` / `notIn` condition. */
  maxListValues: 10_000,
  /**
   * Elements of an array from the facts that an operator walks (`contains`, `doesNotContain`,
   * `in` / `notIn` against a fact, the `someFact` / `everyFact` / `someValue` / `everyValue`
   * decorators). A longer one fails the run with a PaceError naming the leaf instead of walking
   * it: a sparse array of length 2^32 - 1 would take minutes.
   */
  maxFactListValues: 1_000_000,
  /** Nesting of arrays and objects anywhere in a pack (conditions, event params, threshold params). */
  maxDataDepth: 200,
  /** Arrays, objects and leaves in one pack, a shared reference counted each time it is reached. */
  maxDataValues: 2_000_000,
  /** Problems listed in one `PaceError`; the message says when more were found. */
  maxIssues: 100,
});

/** The type of {@link RULE_LIMITS}. */
export type RuleLimits = typeof RULE_LIMITS;
