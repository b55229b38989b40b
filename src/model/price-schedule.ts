import * as z from 'zod';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, PercentSchema, QuantitySchema } from './primitives.js';

export const TierSchema = z.strictObject({
  /** Inclusive upper quantity bound; `null` for the open top tier. */
  upTo: z.union([QuantitySchema, z.null()]),
  unitPrice: MoneySchema,
  /** Added once when the tier is reached (graduated) or used (volume). */
  flatFee: MoneySchema.optional(),
});
export type Tier = z.infer<typeof TierSchema>;

export const PriceRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), unitPrice: MoneySchema }),
  z.strictObject({ kind: z.literal('discount'), percentOffList: PercentSchema }),
  z.strictObject({ kind: z.literal('tiered'), mode: z.enum(['volume', 'graduated']), tiers: z.array(TierSchema).min(1) }),
]);
export type PriceRule = z.infer<typeof PriceRuleSchema>;

export const PriceScheduleItemSchema = z.strictObject({
  sku: IdSchema,
  description: z.string(),
  unit: z.string().optional(),
  listPrice: MoneySchema.optional(),
  price: PriceRuleSchema,
  meta: MetaSchema.optional(),
});
export type PriceScheduleItem = z.infer<typeof PriceScheduleItemSchema>;

/** The prices of a contract in force over a date range. */
export const PriceScheduleSchema = z
  .strictObject({
    id: IdSchema,
    effectiveFrom: CalendarDateSchema,
    effectiveTo: CalendarDateSchema.optional(),
    currency: z.literal('USD'),
    /** Per-line rounding to cents; half-up unless the contract says half-even. */
    rounding: z.enum(['half-up', 'half-even']).optional(),
    items: z.array(PriceScheduleItemSchema),
  })
  .meta({ id: 'PriceSchedule', description: 'The prices of a contract in force over a date range.' });
export type PriceSchedule = z.infer<typeof PriceScheduleSchema>;
