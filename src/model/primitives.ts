import * as z from 'zod/mini';
import { isCalendarDate } from '../dates/calendar-date.js';
import { fastCheck } from './fast-parse.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The most digits an amount may have before the decimal point: 13 (under ten trillion dollars),
 * so that every amount is carried exactly as integer cents (below 2^53) wherever it is compared.
 */
export const MONEY_MAX_INTEGER_DIGITS = 13;

/**
 * `/^-?(?:0|[1-9]\d{0,12})(?:\.\d{1,2})?$/` (the minus only when `signed`), by hand: a regular
 * expression test costs more than the rest of a purchase's check.
 * @internal
 */
export function isMoneyText(text: string, signed: boolean): boolean {
  const n = text.length;
  let i = signed && text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return false;
  const start = i;
  const first = text.charCodeAt(i++);
  if (first !== 48) {
    if (!isDigit(first)) return false;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i - start > MONEY_MAX_INTEGER_DIGITS) return false;
  }
  if (i === n) return true;
  if (text.charCodeAt(i++) !== 46) return false;
  const decimals = n - i;
  if (decimals < 1 || decimals > 2) return false;
  for (; i < n; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * `/^(?:0|[1-9]\d*)(?:\.\d{1,maxDecimals})?$/` by hand: a non-negative decimal string, no sign,
 * no leading zero, no exponent, at most `maxDecimals` decimals (`Infinity`: any number of them).
 * @internal
 */
export function isDecimalText(text: string, maxDecimals: number): boolean {
  const n = text.length;
  if (n === 0) return false;
  let i = 0;
  const first = text.charCodeAt(i++);
  if (first !== 48) {
    if (!isDigit(first)) return false;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  if (i === n) return true;
  if (text.charCodeAt(i++) !== 46) return false;
  const decimals = n - i;
  if (decimals < 1 || decimals > maxDecimals) return false;
  for (; i < n; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** `/^[A-Z]{2}$/` by hand. @internal */
export function isStateCode(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 2) return false;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}

const MONEY_STRING = /^-?(?:0|[1-9]\d{0,12})(?:\.\d{1,2})?$/;
const DECIMAL_STRING = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

function isSafeMoneyNumber(n: number): boolean {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e13) return false;
  if (Number.isInteger(n)) return true;
  return MONEY_STRING.test(String(n));
}

function isSafeQuantityNumber(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && (Number.isInteger(n) ? Number.isSafeInteger(n) : DECIMAL_STRING.test(String(n)));
}

/**
 * Money: a decimal string with at most two decimals (`"1234.50"`), or a number that is exactly
 * such a value (an integer, or a finite number such as `12.5`). NaN, Infinity, exponent notation
 * and extra decimals are refused.
 */
const isMoneyValue = (v: unknown): boolean => (typeof v === 'string' ? isMoneyText(v, true) : typeof v === 'number' && isSafeMoneyNumber(v));

export const MoneySchema = fastCheck(
  z.union([
    z.string().check(z.regex(MONEY_STRING, 'expected a decimal string with at most two decimals and 13 digits before the point, such as "1234.50"')),
    z.number().check(z.refine(isSafeMoneyNumber, 'expected a finite amount with at most two decimals; pass large or precise values as decimal strings')),
  ]),
  isMoneyValue,
);

/**
 * Whether a validated amount or quantity (a decimal string or a number) is below zero: a minus
 * sign and a digit other than 0. Negative zero (`"-0"`, `"-0.00"`) is zero, not a credit.
 * @internal
 */
export const isNegativeText = (v: unknown): boolean => /^-.*[1-9]/.test(String(v));

/** A non-negative amount of money. */
const isNonNegative = (v: unknown): boolean => !isNegativeText(v);
export const NonNegativeMoneySchema = fastCheck(
  MoneySchema.check(z.refine(isNonNegative, 'expected an amount of zero or more')),
  (v) => isMoneyValue(v) && isNonNegative(v),
);

/** A calendar date `YYYY-MM-DD`, checked to be a real date (`2025-02-30` is refused). */
export const CalendarDateSchema = fastCheck(
  z
    .string()
    // (abort: a text not in that form is not also said to be no real date)
    .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD', abort: true }))
    .check(z.refine(isCalendarDate, 'not a real calendar date')),
  isCalendarDate,
);

/** A quantity: a non-negative number or decimal string (fractional quantities such as hours are exact). */
export const QuantitySchema = fastCheck(
  z.union([
    z.string().check(z.regex(DECIMAL_STRING, 'expected a non-negative decimal string such as "12" or "7.5"')),
    z.number().check(z.refine(isSafeQuantityNumber, 'expected a finite, non-negative quantity; pass precise values as decimal strings')),
  ]),
  (v) => (typeof v === 'string' ? isDecimalText(v, Infinity) : typeof v === 'number' && isSafeQuantityNumber(v)),
);

/** A percentage as a decimal string, e.g. `"12.5"` for 12.5 %. */
export const PercentSchema = fastCheck(
  z
    .string()
    .check(z.regex(DECIMAL_STRING, 'expected a percentage as a decimal string such as "12.5"'))
    // (only a decimal is compared: "abc" or "1e3" gets the message above, not this one too)
    .check(z.refine((s) => !DECIMAL_STRING.test(s) || Number(s) <= 100, 'a percentage cannot exceed 100')),
  (v) => typeof v === 'string' && isDecimalText(v, Infinity) && Number(v) <= 100,
);

/** A non-empty identifier. */
export const IdSchema = fastCheck(z.string().check(z.minLength(1, 'expected a non-empty id')), (v) => typeof v === 'string' && v.length > 0);

/** A two-letter US state code such as `"CA"`. */
export const StateCodeSchema = fastCheck(z.string().check(z.regex(/^[A-Z]{2}$/, 'expected a two-letter state code such as "CA"')), isStateCode);

/** Free-form data the caller wants carried along; the library never reads it. */
export const MetaSchema = z.record(z.string(), z.unknown());

export type MoneyInput = z.infer<typeof MoneySchema>;
export type QuantityInput = z.infer<typeof QuantitySchema>;
