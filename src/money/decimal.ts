// The one module that touches decimal.js: a replacement touches only this file.
import { Decimal } from 'decimal.js';

/**
 * A private Decimal constructor: 40 significant digits (far beyond any school purchase), and
 * exponent notation only for numbers no money value reaches, so `toFixed` is never surprised.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export const ROUND_HALF_UP = Decimal.ROUND_HALF_UP;
export const ROUND_HALF_EVEN = Decimal.ROUND_HALF_EVEN;
export const ROUND_DOWN = Decimal.ROUND_DOWN;
