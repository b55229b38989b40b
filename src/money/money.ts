import { PaceError } from '../errors/pace-error.js';
import { Dec, ROUND_HALF_EVEN, ROUND_HALF_UP } from './decimal.js';

/** A money amount as a decimal string with two places, e.g. `"1234.50"`. */
export type Money = string;

/** A rounding mode named in data: half-up (the default) or half-even (banker's rounding). */
export type RoundingMode = 'half-up' | 'half-even';

/** The number of decimal places of the only currency supported (USD). */
export const CURRENCY_SCALE = 2;

// Plain decimal notation only: an optional minus, digits, and an optional fraction.
const DECIMAL_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}

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
  return new Dec(text);
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
  return parseDecimal(value, path, CURRENCY_SCALE, 'invalid-money');
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
 * @example
 * ```ts
 * roundToCents('2.675');              // => '2.68'
 * roundToCents('2.675', 'half-even'); // => '2.68'
 * roundToCents('2.665', 'half-even'); // => '2.66'
 * ```
 */
export function roundToCents(value: string | number, mode: RoundingMode = 'half-up'): Money {
  return formatMoney(roundMoney(parseDecimal(value, '$', 20), mode));
}
