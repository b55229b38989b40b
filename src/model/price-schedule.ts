import * as z from 'zod/mini';
import { fastCheck } from './fast-parse.js';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, PercentSchema, QuantitySchema } from './primitives.js';

const UNIT_PRICE_STRING = /^(?:0|[1-9]\d*)(?:\.\d{1,6})?$/;

function isSafeUnitPriceNumber(n: number): boolean {
  if (!Number.isFinite(n) || n < 0) return false;
  return Number.isInteger(n) ? Number.isSafeInteger(n) : UNIT_PRICE_STRING.test(String(n));
}

/**
 * A unit price: a non-negative decimal string with at most six decimals (`"0.0089"` per copy), or
 * a number that is exactly such a value. Used for fixed and tier unit prices, list prices and
 * billed invoice prices; every amount computed from it (extended, charges, fees, tax, totals) is
 * Money, in cents.
 */
export const UnitPriceSchema = fastCheck(
  z.union([
    z.string().check(z.regex(UNIT_PRICE_STRING, 'expected a unit price of zero or more with at most six decimals, such as "0.0089" or "19.99"')),
    z.number().check(z.refine(isSafeUnitPriceNumber, 'expected a finite unit price of zero or more with at most six decimals; pass precise values as decimal strings')),
  ]),
  (v) => (typeof v === 'string' ? UNIT_PRICE_STRING.test(v) : typeof v === 'number' && isSafeUnitPriceNumber(v)),
);
export type UnitPrice = z.infer<typeof UnitPriceSchema>;

/**
 * A unit price as a price file states it: the form of {@link UnitPriceSchema}, with a sign allowed
 * here so that a negative price is reported by the price file's own checks (a negative tier price
 * is a tier-table problem, `invalid-tier-table`), together with every other problem of the table.
 */
const PriceFileUnitPriceSchema = z.union([
  z.string().check(z.regex(/^-?(?:0|[1-9]\d*)(?:\.\d{1,6})?$/, 'expected a unit price with at most six decimals, such as "0.0089" or "19.99"')),
  z.number().check(z.refine((n) => isSafeUnitPriceNumber(Math.abs(n)), 'expected a finite unit price with at most six decimals; pass precise values as decimal strings')),
]);

/** What a contract or one of its items supplies. */
export const SupplyKindSchema = z.enum(['goods', 'services', 'public-works']);

export const TierSchema = z.strictObject({
  /** Inclusive upper quantity bound; `null` for the open top tier. */
  upTo: z.union([QuantitySchema, z.null()]),
  unitPrice: PriceFileUnitPriceSchema,
  /** Added once when the tier is reached (graduated) or used (volume). */
  flatFee: z.optional(MoneySchema),
});
export type Tier = z.infer<typeof TierSchema>;

export const PriceRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), unitPrice: PriceFileUnitPriceSchema }),
  z.strictObject({ kind: z.literal('discount'), percentOffList: PercentSchema }),
  z.strictObject({ kind: z.literal('tiered'), mode: z.enum(['volume', 'graduated']), tiers: z.array(TierSchema).check(z.minLength(1)) }),
]);
export type PriceRule = z.infer<typeof PriceRuleSchema>;

/** A positive quantity (a minimum order quantity, an order multiple). */
const PositiveQuantitySchema = QuantitySchema.check(z.refine((v) => Number(v) > 0, 'expected a quantity above zero'));

export const PriceScheduleItemSchema = z.strictObject({
  sku: IdSchema,
  description: z.string(),
  unit: z.optional(z.string()),
  listPrice: z.optional(PriceFileUnitPriceSchema),
  price: PriceRuleSchema,
  /** What the item is; default: the contract's `supplyKind` (devices and training hours on one contract). */
  supplyKind: z.optional(SupplyKindSchema),
  /** May it be ordered in fractions (hours, square feet)? Default: false for goods, true otherwise. */
  fractional: z.optional(z.boolean()),
  /** The least an order may buy of this sku (the order's total over its lines). */
  minimumOrderQuantity: z.optional(PositiveQuantitySchema),
  /** Each line's quantity must be a whole multiple of this (case packs, pallets). */
  orderMultiple: z.optional(PositiveQuantitySchema),
  /** Subject to sales tax? Default: true for goods, false otherwise. */
  taxable: z.optional(z.boolean()),
  /** A covered electronic device (a video display over four inches): the California e-waste fee applies. */
  coveredElectronicDevice: z.optional(z.strictObject({ screenSizeInches: z.optional(z.number().check(z.positive())) })),
  meta: z.optional(MetaSchema),
});
export type PriceScheduleItem = z.infer<typeof PriceScheduleItemSchema>;

/** The prices of a contract in force over a date range. */
export const PriceScheduleSchema = z.strictObject({
  id: IdSchema,
  effectiveFrom: CalendarDateSchema,
  effectiveTo: z.optional(CalendarDateSchema),
  currency: z.literal('USD'),
  /** Rounding to cents; half-up unless the contract says half-even. */
  rounding: z.optional(z.enum(['half-up', 'half-even'])),
  /** `'line'` (default): round each line once; `'unit'`: round the net unit price to cents, then multiply. */
  roundAt: z.optional(z.enum(['line', 'unit'])),
  /** Another schedule's id: the items not listed here are inherited from it (a price change lists only what changes). */
  basedOn: z.optional(IdSchema),
  items: z.array(PriceScheduleItemSchema),
});
export type PriceSchedule = z.infer<typeof PriceScheduleSchema>;
