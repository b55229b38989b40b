import { PaceError } from '../errors/pace-error.js';
import { Dec, ROUND_DOWN } from './decimal.js';
import { formatMoney, parseDecimal, parseMoney, type Money } from './money.js';

/** Weights may carry many decimals (quantities of service hours, exact amounts). */
const WEIGHT_DECIMALS = 12;

/**
 * Splits a money total into shares proportional to `weights`, to the cent, by the largest-remainder
 * method, so the shares always add up exactly to the total.
 *
 * Each share starts as its exact pro-rata amount rounded toward zero to the cent; the cents left
 * over go one each to the shares with the largest remainders. Ties are broken by position: the
 * earlier share gets the cent. So every share is within one cent of its exact pro-rata value, and
 * the result depends only on the inputs, never on sort stability or floating point.
 *
 * @param total - The amount to split, e.g. `"100.00"` (a negative total is split the same way).
 * @param weights - Non-negative weights (numbers or decimal strings), at least one above zero.
 * @returns One money string per weight, in the same order, summing exactly to `total`.
 * @throws PaceError `invalid-money` for a malformed total, `invalid-allocation` for empty,
 *   negative, malformed or all-zero weights.
 * @example
 * ```ts
 * allocate('100.00', [1, 1, 1]); // => ['33.34', '33.33', '33.33']
 * allocate('10.00', ['3', '1']); // => ['7.50', '2.50']
 * ```
 */
export function allocate(total: Money | number, weights: readonly (number | string)[]): Money[] {
  const amount = parseMoney(total, '$.total');
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new PaceError('invalid-allocation', 'allocate needs at least one weight', [{ path: '$.weights', message: 'expected a non-empty array of weights' }]);
  }
  if (weights.every((w) => typeof w === 'number' && Number.isSafeInteger(w) && w >= 0)) {
    const shares = allocateWholeWeights(amount, weights as readonly number[]);
    if (shares !== undefined) return shares;
  }
  const parsed = weights.map((w, i) => {
    const path = `$.weights[${i}]`;
    let d: Dec;
    try {
      d = parseDecimal(w, path, WEIGHT_DECIMALS);
    } catch (e) {
      throw new PaceError('invalid-allocation', `${path}: expected a non-negative number or decimal string, got ${JSON.stringify(w)}`, [{ path, message: 'expected a non-negative number or decimal string' }], { cause: e });
    }
    if (d.isNegative()) throw new PaceError('invalid-allocation', `${path}: weights must not be negative (got ${String(w)})`, [{ path, message: 'weights must not be negative' }]);
    return d;
  });
  const weightSum = parsed.reduce((a, b) => a.plus(b), new Dec(0));
  if (weightSum.isZero()) {
    throw new PaceError('invalid-allocation', 'allocate needs at least one weight above zero', [{ path: '$.weights', message: 'all weights are zero' }]);
  }
  const negative = amount.isNegative();
  const cents = amount.abs().times(100); // an integer: parseMoney allows at most two decimals
  const floors: Dec[] = [];
  const remainders: Dec[] = [];
  let allotted = new Dec(0);
  for (const w of parsed) {
    const exact = cents.times(w).dividedBy(weightSum);
    const floor = exact.toDecimalPlaces(0, ROUND_DOWN);
    floors.push(floor);
    remainders.push(exact.minus(floor));
    allotted = allotted.plus(floor);
  }
  let left = cents.minus(allotted).toNumber(); // fewer than weights.length cents
  const order = remainders.map((_, i) => i).sort((a, b) => remainders[b]!.comparedTo(remainders[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left--;
  }
  return floors.map((c) => formatMoney((negative ? c.negated() : c).dividedBy(100)));
}

/**
 * The same largest-remainder split for whole-number weights (member counts, quantities of units,
 * amounts in cents), in exact BigInt arithmetic: a group buy of hundreds of members splits its
 * shared costs without a Decimal operation per member. Same floors, same remainders (all over the
 * same denominator), same tie-break, so the same result as the Decimal path; a test checks that.
 * Returns `undefined` when every weight is zero (the Decimal path reports it).
 */
function allocateWholeWeights(amount: Dec, weights: readonly number[]): Money[] | undefined {
  let weightSum = 0n;
  const big = weights.map((w) => {
    const b = BigInt(w);
    weightSum += b;
    return b;
  });
  if (weightSum === 0n) return undefined;
  const negative = amount.isNegative();
  const cents = BigInt(amount.abs().times(100).toFixed(0));
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let allotted = 0n;
  for (const w of big) {
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
  return floors.map((c) => {
    if (c === 0n) return '0.00';
    const text = c.toString().padStart(3, '0');
    return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
  });
}
