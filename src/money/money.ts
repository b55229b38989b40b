import { PaceError, describeValue as describe } from '../errors/pace-error.js';
import { Dec, ROUND_HALF_EVEN, ROUND_HALF_UP } from './decimal.js';

/** A money amount as a decimal string with two places, e.g. `"1234.50"`. */
export type Money = string;

/** A rounding mode named in data: half-up (the default) or half-even (banker's rounding). */
export type RoundingMode = 'half-up' | 'half-even';

/** The number of decimal places of the only currency supported (USD). */
export const CURRENCY_SCALE = 2;

// Plain decimal notation only: an optional minus, digits, and an optional fraction.
const DECIMAL_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * The largest amount, in cents, the library carries exactly: every amount is a whole number of
 * cents, and cents beyond 2^53 - 1 are no longer exact in a JS number (as `amountCents`, in sums of
 * cents). Money above 90,071,992,547,409.91 dollars is refused rather than rounded silently.
 * @internal
 */
export const MAX_EXACT_CENTS = Number.MAX_SAFE_INTEGER;

const MAX_EXACT_AMOUNT = new Dec(MAX_EXACT_CENTS).dividedBy(100);

/**
 * Parses a decimal string or a safe number into a Decimal, refusing NaN, Infinity, exponent
 * notation, and more decimals than `maxDecimals`. Numbers are accepted only when they are integers
 * or finite values whose shortest representation has at most `maxDecimals` decimals.
 *
 * @param value - The raw value.
 * @param path - JSON path used in the error.
 * @param maxDecimals - How many decimals are allowed (default: the currency's two).
 * @returns The exact value.
 * @internal
 */
export function parseDecimal(value: unknown, path = '$', maxDecimals: number = CURRENCY_SCALE, code: 'invalid-money' | 'invalid-quantity' = 'invalid-money'): Dec {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PaceError(code, `${path}: expected a finite amount, got ${describe(value)}`, [{ path, message: `expected a finite amount, got ${describe(value)}` }]);
    if (!Number.isSafeInteger(value) && Number.isInteger(value)) {
      throw new PaceError(code, `${path}: ${value} is beyond the safe integer range; pass it as a decimal string`, [{ path, message: 'integer beyond the safe range; pass a decimal string' }]);
    }
    text = String(value);
    if (/e/i.test(text)) throw new PaceError(code, `${path}: ${text} cannot be represented exactly; pass it as a decimal string`, [{ path, message: 'number in exponent notation; pass a decimal string' }]);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    throw new PaceError(code, `${path}: expected a decimal string such as "1234.50", got ${describe(value)}`, [{ path, message: `expected a decimal string such as "1234.50", got ${describe(value)}` }]);
  }
  if (!DECIMAL_PATTERN.test(text)) {
    throw new PaceError(code, `${path}: expected a plain decimal such as "1234.50", got ${describe(value)}`, [{ path, message: `expected a plain decimal such as "1234.50", got ${describe(value)}` }]);
  }
  const dot = text.indexOf('.');
  if (dot >= 0 && text.length - dot - 1 > maxDecimals) {
    throw new PaceError(code, `${path}: ${describe(value)} has more than ${maxDecimals} decimal places`, [{ path, message: `at most ${maxDecimals} decimal places allowed` }]);
  }
  // Negative zero ("-0.00") is zero: Decimal keeps its sign, and isNegative() would say so.
  const parsed = new Dec(text);
  return parsed.isZero() ? parsed.abs() : parsed;
}

/**
 * Parses a money amount (USD, at most two decimals) from a decimal string or a safe number.
 *
 * @param value - `"1234.50"`, `"12"`, `12.5`; not `"1e3"`, `NaN`, or `"1.005"`.
 * @param path - JSON path used in the error message.
 * @returns The exact value as a Decimal.
 * @throws PaceError `invalid-money` naming the path.
 * @internal
 */
export function parseMoney(value: unknown, path = '$'): Dec {
  return checkExactMoney(parseDecimal(value, path, CURRENCY_SCALE, 'invalid-money'), path);
}

/** Refuses an amount beyond {@link MAX_EXACT_CENTS} cents. */
function checkExactMoney(amount: Dec, path: string): Dec {
  if (amount.abs().greaterThan(MAX_EXACT_AMOUNT)) {
    const message = `the amount is beyond 90,071,992,547,409.91, the most pace-rules carries exactly as whole cents`;
    throw new PaceError('invalid-money', `${path}: ${message}`, [{ path, message }]);
  }
  return amount;
}

/**
 * Parses a money amount straight to whole cents, exactly: `"1234.50"` → `123450`.
 *
 * @param value - A money amount, as {@link parseMoney} accepts it.
 * @param path - JSON path used in the error.
 * @returns A safe integer number of cents.
 * @throws PaceError `invalid-money` naming the path, for malformed amounts and amounts beyond
 *   {@link MAX_EXACT_CENTS} cents.
 * @internal
 */
export function parseCents(value: unknown, path = '$'): number {
  return parseMoney(value, path).times(100).toNumber();
}

/**
 * Whether a value is money the library carries exactly: a decimal string or safe number of at most
 * two decimals, within {@link MAX_EXACT_CENTS} cents. For schemas (a `refine`) and fast paths.
 * @internal
 */
export function isExactMoney(value: unknown): boolean {
  try {
    parseMoney(value);
    return true;
  } catch {
    return false;
  }
}

/** Rounds to cents with the named mode. @internal */
export function roundMoney(value: Dec, mode: RoundingMode = 'half-up'): Dec {
  return value.toDecimalPlaces(CURRENCY_SCALE, mode === 'half-even' ? ROUND_HALF_EVEN : ROUND_HALF_UP);
}

/** Formats a Decimal as a money string with exactly two decimals (it must already be in cents). @internal */
export function formatMoney(value: Dec): Money {
  const text = value.toFixed(CURRENCY_SCALE);
  return text === '-0.00' ? '0.00' : text;
}

/**
 * Rounds a decimal string or number to cents with a named mode.
 *
 * @param value - Any exact decimal (a string such as `"2.675"`, or a safe number).
 * @param mode - `'half-up'` (default) or `'half-even'`.
 * @returns The rounded amount as a money string.
 * @throws PaceError `invalid-money` for a malformed value, or a result beyond 90,071,992,547,409.91;
 *   `invalid-input` for an unknown mode.
 * @example
 * ```ts
 * roundToCents('2.675');              // => '2.68'
 * roundToCents('2.675', 'half-even'); // => '2.68'
 * roundToCents('2.665', 'half-even'); // => '2.66'
 * ```
 */
export function roundToCents(value: string | number, mode: RoundingMode = 'half-up'): Money {
  if (mode !== 'half-up' && mode !== 'half-even') {
    const message = `expected the rounding mode "half-up" or "half-even", got ${describe(mode)}`;
    throw new PaceError('invalid-input', `$.mode: ${message}`, [{ path: '$.mode', message }]);
  }
  return formatMoney(checkExactMoney(roundMoney(parseDecimal(value, '$', 20), mode), '$'));
}
