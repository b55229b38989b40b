import { PaceError } from '../errors/pace-error.js';
import type { Dec } from './decimal.js';
import { formatMoney, parseDecimal, parseMoney, type Money } from './money.js';

/** Weights may carry many decimals (quantities of service hours, exact amounts). */
const WEIGHT_DECIMALS = 12;
const WEIGHT_SCALE = '1000000000000';

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
  // Weights become exact integers (scaled by 10^12 when any has decimals), so the split is done in
  // BigInt arithmetic: remainders are compared exactly, never after a rounded division.
  const wholeNumbers = weights.every((w) => typeof w === 'number' && Number.isSafeInteger(w) && w >= 0);
  const scaled = wholeNumbers
    ? (weights as readonly number[]).map((w) => BigInt(w))
    : weights.map((w, i) => {
        const path = `$.weights[${i}]`;
        let d: Dec;
        try {
          d = parseDecimal(w, path, WEIGHT_DECIMALS);
        } catch (e) {
          throw new PaceError('invalid-allocation', `${path}: expected a non-negative number or decimal string, got ${JSON.stringify(w)}`, [{ path, message: 'expected a non-negative number or decimal string' }], { cause: e });
        }
        if (d.isNegative()) throw new PaceError('invalid-allocation', `${path}: weights must not be negative (got ${String(w)})`, [{ path, message: 'weights must not be negative' }]);
        return BigInt(d.times(WEIGHT_SCALE).toFixed(0));
      });
  const shares = allocateWholeWeights(amount, scaled);
  if (shares === undefined) {
    throw new PaceError('invalid-allocation', 'allocate needs at least one weight above zero', [{ path: '$.weights', message: 'all weights are zero' }]);
  }
  return shares;
}

/**
 * The largest-remainder split over integer weights, in exact BigInt arithmetic: every share's
 * remainder is over the same denominator, so they compare exactly. Returns `undefined` when every
 * weight is zero.
 */
function allocateWholeWeights(amount: Dec, big: readonly bigint[]): Money[] | undefined {
  let weightSum = 0n;
  for (const b of big) weightSum += b;
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
