// Quantities inside the pricing code: a safe non-negative integer as a number (the fast, common
// case: units of goods), or an exact Decimal (fractional quantities such as hours of service).
import { Dec } from '../money/decimal.js';
import { parseDecimal } from '../money/money.js';
import type { CodedIssue } from '../errors/coded-issues.js';

/** A number is always a safe, non-negative integer; anything else is a Decimal. @internal */
export type Qty = number | Dec;

/** The most decimals a quantity may carry. */
export const QUANTITY_DECIMALS = 12;

const INTEGER_TEXT = /^(?:0|[1-9]\d{0,14})$/;

/** Normalises a Decimal quantity: whole values in the safe range become numbers. @internal */
export function normaliseQty(value: Dec): Qty {
  return value.isInteger() && value.lte(Number.MAX_SAFE_INTEGER) ? value.toNumber() : value;
}

/**
 * Reads a quantity (a non-negative number or decimal string) without throwing: a problem is pushed
 * onto `issues` and `undefined` returned, so that every bad line is reported at once.
 * @internal
 */
export function readQty(value: unknown, path: string, issues: CodedIssue[]): Qty | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value === 0 ? 0 : value;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
  let parsed: Dec;
  try {
    parsed = parseDecimal(value, path, QUANTITY_DECIMALS, 'invalid-quantity');
  } catch (e) {
    const message = (e as { issues?: readonly { message: string }[] }).issues?.[0]?.message ?? 'expected a quantity';
    issues.push({ code: 'invalid-quantity', path, message: `${message} (a quantity is a non-negative number or decimal string such as "12" or "7.5")` });
    return undefined;
  }
  if (parsed.isNegative()) {
    issues.push({ code: 'invalid-quantity', path, message: `expected a quantity of zero or more, got ${String(value)}` });
    return undefined;
  }
  return normaliseQty(parsed);
}

/** @internal */
export function qtyToDec(q: Qty): Dec {
  return typeof q === 'number' ? new Dec(q) : q;
}

/** Compares two quantities: negative, zero or positive. @internal */
export function compareQty(a: Qty, b: Qty): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return qtyToDec(a).comparedTo(qtyToDec(b));
}

/** @internal */
export function addQty(a: Qty, b: Qty): Qty {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return normaliseQty(qtyToDec(a).plus(qtyToDec(b)));
}

/** The canonical text of a quantity: `7`, `7.5` (never `7.50`, never exponent notation). @internal */
export function qtyText(q: Qty): string {
  return typeof q === 'number' ? String(q) : q.toFixed();
}
