import * as z from 'zod/mini';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, PercentSchema, QuantitySchema } from './primitives.js';

export const TierSchema = z.strictObject({
  /** Inclusive upper quantity bound; `null` for the open top tier. */
  upTo: z.union([QuantitySchema, z.null()]),
  unitPrice: MoneySchema,
  /** Added once when the tier is reached (graduated) or used (volume). */
  flatFee: z.optional(MoneySchema),
});
export type Tier = z.infer<typeof TierSchema>;

export const PriceRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), unitPrice: MoneySchema }),
  z.strictObject({ kind: z.literal('discount'), percentOffList: PercentSchema }),
  z.strictObject({ kind: z.literal('tiered'), mode: z.enum(['volume', 'graduated']), tiers: z.array(TierSchema).check(z.minLength(1)) }),
]);
export type PriceRule = z.infer<typeof PriceRuleSchema>;

export const PriceScheduleItemSchema = z.strictObject({
  sku: IdSchema,
  description: z.string(),
  unit: z.optional(z.string()),
  listPrice: z.optional(MoneySchema),
  price: PriceRuleSchema,
  meta: z.optional(MetaSchema),
});
export type PriceScheduleItem = z.infer<typeof PriceScheduleItemSchema>;

/** The prices of a contract in force over a date range. */
export const PriceScheduleSchema = z
  .strictObject({
    id: IdSchema,
    effectiveFrom: CalendarDateSchema,
    effectiveTo: z.optional(CalendarDateSchema),
    currency: z.literal('USD'),
    /** Per-line rounding to cents; half-up unless the contract says half-even. */
    rounding: z.optional(z.enum(['half-up', 'half-even'])),
    items: z.array(PriceScheduleItemSchema),
  });
export type PriceSchedule = z.infer<typeof PriceScheduleSchema>;
