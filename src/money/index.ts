export { allocate } from './allocate.js';
export { roundToCents, parseMoney, parseDecimal, roundMoney, formatMoney, CURRENCY_SCALE } from './money.js';
export type { Money, RoundingMode } from './money.js';
