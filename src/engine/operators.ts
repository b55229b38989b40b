/**
 * json-rules-engine 7.3's operators and operator decorators, reproduced expression for expression
 * from `engine-default-operators.js`, `engine-default-operator-decorators.js`, `operator.js`,
 * `operator-decorator.js` and `operator-map.js`.
 *
 * An operator evaluates as `validator(factValue) && callback(factValue, value)`: when the
 * validator fails the result is `false` (so `contains` and `doesNotContain` are BOTH false on a
 * non-array fact, and the numeric operators are false on a fact `parseFloat` cannot read).
 */
import { RULE_LIMITS } from './limits.js';

/** The ten built-in operator names. */
export type BuiltInOperatorName =
  | 'equal'
  | 'notEqual'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive';

/** An operator as json-rules-engine runs it: validator, then callback. The result may be any value for custom operators. */
export type OperatorEvaluate = (factValue: unknown, value: unknown) => unknown;

interface Indexable {
  indexOf(searchElement: unknown): number;
}

/**
 * Thrown when an operator would walk an array from the facts longer than
 * `RULE_LIMITS.maxFactListValues`; the run names the leaf (run-errors.ts). @internal
 */
export class ListTooLong {
  constructor(readonly length: number) {}
}

/** An array an operator is about to walk, refused when it is longer than the limit. @internal */
export function walkable(list: unknown[]): unknown[] {
  if (list.length > RULE_LIMITS.maxFactListValues) throw new ListTooLong(list.length);
  return list;
}

/**
 * json-rules-engine's numeric fact validator: `Number.parseFloat(x).toString() !== 'NaN'`. It
 * accepts numbers, numeric-prefixed strings (`'10'`, `' 10'`, `'1e1'`, `'10abc'`, `'0x10'` reads 0),
 * `'Infinity'`, and arrays whose string form starts with a number (`[10]`); it refuses null,
 * booleans, `''` and plain objects.
 *
 * @param factValue - The left-hand value.
 * @returns Whether the numeric operators compare it at all.
 * @example
 * ```ts
 * isNumericFact('10');  // => true
 * isNumericFact(null);  // => false
 * isNumericFact([10]);  // => true
 * ```
 */
export function isNumericFact(factValue: unknown): boolean {
  // For a number this is exactly "not NaN"; skipping the string round trip changes nothing.
  return typeof factValue === 'number' ? factValue === factValue : Number.parseFloat(factValue as string).toString() !== 'NaN';
}

/**
 * The built-in operators with their validators folded in. The comparisons are JavaScript's own
 * (`===`, `<`, `indexOf`), with its coercions: `'10' < 9` is false, `'10abc' < 20` is false, and
 * `in` with a string value tests for a substring, as in json-rules-engine.
 *
 * @example
 * ```ts
 * BUILT_IN_OPERATORS.greaterThanInclusive('1000', 100); // => true
 * BUILT_IN_OPERATORS.contains('abc', 'a');             // => false (fact must be an array)
 * BUILT_IN_OPERATORS.doesNotContain('abc', 'z');       // => false (fact must be an array)
 * ```
 */
export const BUILT_IN_OPERATORS: Readonly<Record<BuiltInOperatorName, (factValue: unknown, value: unknown) => boolean>> = Object.freeze({
  equal: (a: unknown, b: unknown) => a === b,
  notEqual: (a: unknown, b: unknown) => a !== b,
  in: (a: unknown, b: unknown) => (b as Indexable).indexOf(a) > -1,
  notIn: (a: unknown, b: unknown) => (b as Indexable).indexOf(a) === -1,
  contains: (a: unknown, b: unknown) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a: unknown, b: unknown) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a: unknown, b: unknown) => isNumericFact(a) && (a as number) < (b as number),
  lessThanInclusive: (a: unknown, b: unknown) => isNumericFact(a) && (a as number) <= (b as number),
  greaterThan: (a: unknown, b: unknown) => isNumericFact(a) && (a as number) > (b as number),
  greaterThanInclusive: (a: unknown, b: unknown) => isNumericFact(a) && (a as number) >= (b as number),
});

/**
 * Whether a name is one of the ten built-in operators.
 *
 * @param name - An operator name.
 * @returns True for `equal`, `in`, `lessThan`, …
 * @example
 * ```ts
 * isBuiltInOperator('equal'); // => true
 * isBuiltInOperator('not:equal'); // => false
 * ```
 */
export function isBuiltInOperator(name: string): name is BuiltInOperatorName {
  return Object.hasOwn(BUILT_IN_OPERATORS, name);
}

type DecoratorCallback = (factValue: unknown, value: unknown, next: OperatorEvaluate) => unknown;
interface Decorator {
  readonly validator: ((factValue: unknown) => boolean) | undefined;
  readonly callback: DecoratorCallback;
}

const DECORATORS: ReadonlyMap<string, Decorator> = new Map<string, Decorator>([
  // (A value that is not an array makes someValue / everyValue throw, as in json-rules-engine.)
  ['someFact', { validator: Array.isArray, callback: (f, v, next) => walkable(f as unknown[]).some((fv) => next(fv, v)) }],
  ['someValue', { validator: undefined, callback: (f, v, next) => (Array.isArray(v) ? walkable(v) : (v as unknown[])).some((jv) => next(f, jv)) }],
  ['everyFact', { validator: Array.isArray, callback: (f, v, next) => walkable(f as unknown[]).every((fv) => next(fv, v)) }],
  ['everyValue', { validator: undefined, callback: (f, v, next) => (Array.isArray(v) ? walkable(v) : (v as unknown[])).every((jv) => next(f, jv)) }],
  ['swap', { validator: undefined, callback: (f, v, next) => next(v, f) }],
  ['not', { validator: undefined, callback: (f, v, next) => !next(f, v) }],
]);

/** What {@link resolveOperator} found. */
export interface ResolvedOperator {
  readonly evaluate: OperatorEvaluate;
  /** The undecorated operator is a built-in one (not replaced by a custom operator). */
  readonly builtIn: BuiltInOperatorName | undefined;
  /** Decorator names, outermost first (`not:swap:x` → ['not', 'swap']). */
  readonly decorators: readonly string[];
}

/**
 * Finds an operator by name as json-rules-engine's `OperatorMap.get` does: an exact name first
 * (custom operators replace built-ins of the same name, as `engine.addOperator` does), otherwise
 * peel `decorator:` prefixes (`someFact`, `someValue`, `everyFact`, `everyValue`, `swap`, `not`)
 * until a known operator remains.
 *
 * @param name - The condition's `operator`.
 * @param custom - Custom operators from the options.
 * @returns The operator, or undefined when json-rules-engine would report `Unknown operator`.
 * @example
 * ```ts
 * resolveOperator('not:equal', {})?.evaluate(1, 2); // => true
 * resolveOperator('equalz', {});                    // => undefined
 * ```
 */
export function resolveOperator(name: string, custom: Readonly<Record<string, (f: unknown, v: unknown) => unknown>>): ResolvedOperator | undefined {
  const known = (n: string): OperatorEvaluate | undefined => {
    if (Object.hasOwn(custom, n)) {
      const cb = custom[n]!;
      // Operator.evaluate with the default validator `() => true`: `true && cb(f, v)`.
      return (f, v) => cb(f, v);
    }
    return isBuiltInOperator(n) ? BUILT_IN_OPERATORS[n] : undefined;
  };
  const decorators: Decorator[] = [];
  const decoratorNames: string[] = [];
  let opName = name;
  let op = known(opName);
  while (op === undefined) {
    const index = opName.indexOf(':');
    if (index <= 0) return undefined;
    const decorator = DECORATORS.get(opName.slice(0, index));
    if (decorator === undefined) return undefined;
    decorators.unshift(decorator);
    decoratorNames.push(opName.slice(0, index));
    opName = opName.slice(index + 1);
    op = known(opName);
  }
  const builtIn = !Object.hasOwn(custom, opName) && isBuiltInOperator(opName) ? opName : undefined;
  let evaluate: OperatorEvaluate = op;
  for (const decorator of decorators) {
    const next = evaluate;
    const { validator, callback } = decorator;
    evaluate = validator === undefined ? (f, v) => callback(f, v, next) : (f, v) => validator(f) && callback(f, v, next);
  }
  return { evaluate, builtIn, decorators: decoratorNames };
}
