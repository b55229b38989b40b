// Integer cents and their text, for the ledger's columns: read digit by digit and written without
// float arithmetic.

/**
 * Integer cents of a validated money value (a decimal string with at most two places and an
 * optional sign, or a safe number that prints as one), read digit by digit: no float arithmetic.
 */
export function centsOf(amount: unknown): number {
  const text = typeof amount === 'string' ? amount : String(amount);
  const n = text.length;
  const first = text.charCodeAt(0);
  const negative = first === 45;
  let i = negative || first === 43 ? 1 : 0;
  let whole = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break;
    whole = whole * 10 + (c - 48);
  }
  let cents = whole * 100;
  if (i + 1 < n) cents += (text.charCodeAt(i + 1) - 48) * 10;
  if (i + 2 < n) cents += text.charCodeAt(i + 2) - 48;
  return negative ? 0 - cents : cents;
}

/** "1234.50" from integer cents. */
export function centsText(cents: number): string {
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const rest = abs - whole * 100;
  return `${negative ? '-' : ''}${whole}.${rest < 10 ? '0' : ''}${rest}`;
}
