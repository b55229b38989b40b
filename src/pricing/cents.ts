// Integer cents: every per-line amount is rounded to cents at one named point, after which totals
// are sums of whole cents. Whole cents below 2^53 are exact in a JS number, so these sums are
// integer arithmetic, never floating-point arithmetic on fractions of a dollar. Every operation
// checks that it stayed in the safe range and refuses otherwise.
import { PaceError } from '../errors/pace-error.js';
import { Dec, ROUND_HALF_EVEN, ROUND_HALF_UP } from '../money/decimal.js';
import type { RoundingMode } from '../money/money.js';

/** Whole cents, a safe integer. @internal */
export type Cents = number;

const TOO_LARGE = 'amount too large to price exactly';

function tooLarge(path = '$'): PaceError {
  return new PaceError('invalid-quantity', `${path}: an amount exceeds 90,071,992,547,409.91 dollars, beyond what pace-rules prices exactly; check the quantities`, [{ path, message: TOO_LARGE }]);
}

/**
 * What to throw for `error`, caught while pricing the value at `path`: the arithmetic refuses an
 * amount too large to price exactly without knowing what it prices, so the first caller that knows
 * names it (an inner caller's path stands); any other error is returned as it is.
 * @internal
 */
export function tooLargeAt(error: unknown, path: string): unknown {
  return isTooLarge(error) ? tooLarge(path) : error;
}

/** Whether `error` is the arithmetic's refusal of an amount too large to price exactly, no caller having named it yet. @internal */
export function isTooLarge(error: unknown): boolean {
  return error instanceof PaceError && error.issues[0]!.path === '$' && error.issues[0]!.message === TOO_LARGE;
}

/** Checks a cents value stayed exact. @internal */
export function checkedCents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw tooLarge();
  return value;
}

/** Adds whole cents, refusing to leave the exact range. @internal */
export function addCents(a: Cents, b: Cents): Cents {
  return checkedCents(a + b);
}

/** The library's one cents formatter, re-exported for the pricing modules. @internal */
export { formatCents } from '../money/format-cents.js';

/** Rounds an exact amount in dollars to whole cents with the named mode. @internal */
export function decToCents(amount: Dec, mode: RoundingMode): Cents {
  const cents = amount.times(100).toDecimalPlaces(0, mode === 'half-even' ? ROUND_HALF_EVEN : ROUND_HALF_UP);
  if (cents.abs().greaterThan(Number.MAX_SAFE_INTEGER)) throw tooLarge();
  return cents.toNumber();
}

/**
 * `round(numerator / denominator)` for non-negative safe integers, with the named mode, in exact
 * integer arithmetic. Returns `undefined` when the inputs are outside the safe range (the caller
 * then takes the Decimal path).
 *
 * `Math.floor(n / d)` is exact for safe integers: the true quotient is at least `1/d` below the
 * next integer, and a double's spacing near `n / d` is at most `n / d · 2^-52`, less than twice that.
 * @internal
 */
export function divideRounded(numerator: number, denominator: number, mode: RoundingMode): Cents | undefined {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) return undefined;
  const floor = Math.floor(numerator / denominator);
  const twice = 2 * (numerator - floor * denominator);
  if (twice < denominator) return floor;
  if (twice > denominator) return floor + 1;
  return mode === 'half-even' && floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Whole cents of a money value its schema validated (a decimal string with at most two decimals,
 * or such a number), without a Decimal: `"12.5"` → 1250.
 * @internal
 */
export function moneyCents(value: number | string): Cents {
  const text = typeof value === 'number' ? String(value) : value;
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '' : body.slice(dot + 1);
  const cents = checkedCents(Number(whole) * 100 + (fraction.length === 0 ? 0 : fraction.length === 1 ? Number(fraction) * 10 : Number(fraction)));
  // 0 - 0 is 0, where -0 would carry "-0.00" on as negative zero.
  return negative ? 0 - cents : cents;
}

/**
 * `round(cents × percent / 100)` for a percentage its schema validated (a plain decimal string),
 * in integer arithmetic where it stays exact, else with Decimals.
 * @internal
 */
export function percentOfCents(cents: Cents, percent: string, mode: RoundingMode): Cents {
  const dot = percent.indexOf('.');
  const decimals = dot < 0 ? 0 : percent.length - dot - 1;
  const scaled = Number(dot < 0 ? percent : percent.slice(0, dot) + percent.slice(dot + 1));
  const denominator = 100 * 10 ** decimals;
  const exact = divideRounded(cents * scaled, denominator, mode);
  if (exact !== undefined && cents >= 0 && Number.isSafeInteger(denominator)) return exact;
  return decToCents(new Dec(cents).times(percent).dividedBy(10_000), mode);
}
