import { PaceError, describeValue } from '../errors/pace-error.js';
import type { Money } from './money.js';

/**
 * Formats whole cents as a money string: `123450` → `"1234.50"`, `-5` → `"-0.05"`, `0` and `-0`
 * → `"0.00"`. The one cents formatter of the library: integer arithmetic only, for a safe integer
 * number of cents or a BigInt of any size.
 *
 * @param cents - Whole cents.
 * @returns The amount with exactly two decimals.
 * @throws PaceError `invalid-money` for a number that is not a safe integer (its cents would not
 *   be exact).
 * @example
 * ```ts
 * formatCents(123450); // => '1234.50'
 * formatCents(-5n);    // => '-0.05'
 * ```
 * @internal
 */
export function formatCents(cents: number | bigint): Money {
  if (typeof cents === 'bigint') {
    const negative = cents < 0n;
    const abs = negative ? -cents : cents;
    const fraction = Number(abs % 100n);
    return `${negative ? '-' : ''}${abs / 100n}${fraction < 10 ? '.0' : '.'}${fraction}`;
  }
  if (!Number.isSafeInteger(cents)) {
    const message = `expected a whole number of cents within the exact range, got ${describeValue(cents)}`;
    throw new PaceError('invalid-money', `$: ${message}`, [{ path: '$', message }]);
  }
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const fraction = abs - whole * 100;
  return `${negative ? '-' : ''}${whole}${fraction < 10 ? '.0' : '.'}${fraction}`;
}
