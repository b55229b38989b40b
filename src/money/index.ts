export { allocate, MAX_WEIGHTS } from './allocate.js';
export { roundToCents, parseMoney, parseDecimal, parseCents, isExactMoney, roundMoney, formatMoney, CURRENCY_SCALE, MAX_EXACT_CENTS } from './money.js';
export { formatCents } from './format-cents.js';
export type { Money, RoundingMode } from './money.js';
