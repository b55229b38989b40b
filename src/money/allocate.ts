import { PaceError, describeValue, formatIssues, guardInput, type PaceErrorIssue } from '../errors/pace-error.js';
import { formatCents } from './format-cents.js';
import { parseMoney, type Money } from './money.js';

/** Weights may carry many decimals (quantities of service hours, exact amounts). */
const WEIGHT_DECIMALS = 12;
/** Digits before the point a weight may have: any real weight, and a bounded BigInt cost. */
const WEIGHT_INTEGER_DIGITS = 30;
const WEIGHT_SCALE = 10n ** BigInt(WEIGHT_DECIMALS);
const WEIGHT_TEXT = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * The most weights {@link allocate} accepts: it reads and splits every one, so an array claiming a
 * length of 2^32 - 1 is refused before anything is read.
 */
export const MAX_WEIGHTS = 100_000;

/**
 * Splits a money total into shares proportional to `weights`, to the cent, by the largest-remainder
 * method, so the shares always add up exactly to the total.
 *
 * Each share starts as its exact pro-rata amount rounded toward zero to the cent; the cents left
 * over go one each to the shares with the largest remainders. Ties are broken by position: the
 * earlier share gets the cent. So every share is within one cent of its exact pro-rata value, and
 * the result depends only on the inputs, never on sort stability or floating point.
 *
 * The weights are read once, each element once (a getter is called once, a hole is refused), into
 * a private copy that the split then uses; the caller's array is never written.
 *
 * @param total - The amount to split, e.g. `"100.00"` (a negative total is split the same way).
 * @param weights - Non-negative weights (numbers or decimal strings, at most 12 decimals and 30
 *   digits before the point), at least one above zero, at most 100,000 of them.
 * @returns One money string per weight, in the same order, summing exactly to `total`.
 * @throws PaceError `invalid-money` for a malformed total, `invalid-allocation` for empty,
 *   negative, malformed, missing (holes) or all-zero weights, each issue at `$.weights[i]`.
 * @example
 * ```ts
 * allocate('100.00', [1, 1, 1]); // => ['33.34', '33.33', '33.33']
 * allocate('10.00', ['3', '1']); // => ['7.50', '2.50']
 * ```
 */
export function allocate(total: Money | number, weights: readonly (number | string)[]): Money[] {
  const amount = parseMoney(total, '$.total');
  // Weights become exact integers (scaled by 10^12), so the split is done in BigInt arithmetic:
  // remainders are compared exactly, never after a rounded division.
  const scaled = guardInput(() => readWeights(weights), '$.weights', 'invalid-allocation');
  const cents = BigInt(amount.times(100).toFixed(0));
  const shares = allocateWholeWeights(cents < 0n ? -cents : cents, scaled);
  if (shares === undefined) {
    throw new PaceError('invalid-allocation', 'allocate needs at least one weight above zero', [{ path: '$.weights', message: 'all weights are zero' }]);
  }
  return shares.map((share) => formatCents(cents < 0n ? -share : share));
}

/** Reads the caller's weights once each into scaled integers, listing every problem with its path. */
function readWeights(weights: unknown): bigint[] {
  if (!Array.isArray(weights)) {
    const message = `expected a non-empty array of weights, got ${describeValue(weights)}`;
    throw new PaceError('invalid-allocation', `$.weights: ${message}`, [{ path: '$.weights', message }]);
  }
  const length: unknown = (weights as unknown[]).length;
  if (length === 0) {
    throw new PaceError('invalid-allocation', 'allocate needs at least one weight', [{ path: '$.weights', message: 'expected a non-empty array of weights' }]);
  }
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || length > MAX_WEIGHTS) {
    const message = `expected at most ${MAX_WEIGHTS} weights, got ${describeValue(length)}`;
    throw new PaceError('invalid-allocation', `$.weights: ${message}`, [{ path: '$.weights', message }]);
  }
  const scaled: bigint[] = [];
  const issues: PaceErrorIssue[] = [];
  for (let i = 0; i < length; i++) {
    const path = `$.weights[${i}]`;
    // One own-property read per element: an accessor's getter runs once, nothing inherited is read.
    const own = Object.getOwnPropertyDescriptor(weights, i);
    if (own === undefined) {
      issues.push({ path, message: 'expected a weight, found a hole in the array' });
      scaled.push(0n);
      continue;
    }
    const value: unknown = 'value' in own ? own.value : own.get === undefined ? undefined : guardInput(() => own.get!.call(weights), path, 'invalid-allocation');
    const weight = scaleWeight(value);
    if (typeof weight === 'string') issues.push({ path, message: weight });
    scaled.push(typeof weight === 'string' ? 0n : weight);
  }
  if (issues.length > 0) throw new PaceError('invalid-allocation', formatIssues('allocate: invalid weights', issues), issues);
  return scaled;
}

/** A weight times 10^12 as an exact integer, or what is wrong with it. */
function scaleWeight(value: unknown): bigint | string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `expected a finite weight, got ${describeValue(value)}`;
    if (value < 0) return `weights must not be negative (got ${describeValue(value)})`;
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return `${describeValue(value)} is beyond the safe integer range; pass it as a decimal string`;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return `expected a non-negative number or decimal string, got ${describeValue(value)}`;
  }
  if (text.startsWith('-') && WEIGHT_TEXT.test(text.slice(1))) {
    if (/[1-9]/.test(text)) return `weights must not be negative (got ${describeValue(value)})`;
    // Negative zero ("-0", "-0.00") is a weight of zero.
    text = text.slice(1);
  }
  const m = WEIGHT_TEXT.exec(text);
  if (m === null) return `expected a non-negative number or plain decimal string such as "2.5", got ${describeValue(value)}`;
  const whole = m[1]!;
  const fraction = m[2] ?? '';
  if (fraction.length > WEIGHT_DECIMALS) return `at most ${WEIGHT_DECIMALS} decimal places allowed, got ${describeValue(value)}`;
  if (whole.length > WEIGHT_INTEGER_DIGITS) return `at most ${WEIGHT_INTEGER_DIGITS} digits before the decimal point allowed`;
  return BigInt(whole) * WEIGHT_SCALE + BigInt(fraction.padEnd(WEIGHT_DECIMALS, '0'));
}

/**
 * The largest-remainder split of non-negative `cents` over integer weights, in exact BigInt
 * arithmetic: every share's remainder is over the same denominator, so they compare exactly.
 * Returns `undefined` when every weight is zero.
 */
function allocateWholeWeights(cents: bigint, weights: readonly bigint[]): bigint[] | undefined {
  let weightSum = 0n;
  for (const w of weights) weightSum += w;
  if (weightSum === 0n) return undefined;
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let allotted = 0n;
  for (const w of weights) {
    const exact = cents * w;
    const floor = exact / weightSum;
    floors.push(floor);
    remainders.push(exact - floor * weightSum);
    allotted += floor;
  }
  let left = cents - allotted;
  const order = remainders.map((_, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const i of order) {
    if (left <= 0n) break;
    floors[i] = floors[i]! + 1n;
    left--;
  }
  return floors;
}
