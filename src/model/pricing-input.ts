// The inputs of the pricing capabilities, as schemas: the one way they are validated. The contract
// itself is validated (once) by prepareContract, so here it is any value.
import * as z from 'zod/mini';
import { ChargeKindSchema } from './contract.js';
import { fastCheck } from './fast-parse.js';
import { MemberSchema } from './member.js';
import { UnitPriceSchema } from './price-schedule.js';
import { CalendarDateSchema, IdSchema, MetaSchema, NonNegativeMoneySchema, PercentSchema, QuantitySchema } from './primitives.js';

/** A caller's label for a line, site or account: any non-empty string. */
const LabelSchema = fastCheck(z.string().check(z.minLength(1, 'expected a non-empty string')), (v) => typeof v === 'string' && v.length > 0);

/** One line to price; a sku may appear on several lines (ship-to sites, accounts). */
export const QuoteLineInputSchema = z.strictObject({
  sku: IdSchema,
  /** Units, or a fractional amount such as hours (`"7.5"`). */
  quantity: QuantitySchema,
  /** Your line number, echoed on the priced line. */
  lineId: z.optional(LabelSchema),
  /** The ship-to site, echoed on the priced line. */
  shipTo: z.optional(LabelSchema),
  /** The account (budget code) the line is charged to, echoed on the priced line. */
  account: z.optional(LabelSchema),
  meta: z.optional(MetaSchema),
});

/** A charge the vendor proposes for an order (freight, installation, ...). */
export const ChargeInputSchema = z.strictObject({
  kind: ChargeKindSchema,
  amount: NonNegativeMoneySchema,
  description: z.optional(z.string()),
});

/** Per sku, the quantity that selects the tier when volume is pooled beyond the order. */
export const TierQuantitiesSchema = z.record(z.string(), QuantitySchema);

const LinesSchema = z.array(QuoteLineInputSchema).check(z.minLength(1, 'expected at least one line'));

/** The input of `pace.quote`. */
export const QuoteInputSchema = z.strictObject({
  contract: z.unknown(),
  lines: LinesSchema,
  asOf: CalendarDateSchema,
  member: z.optional(MemberSchema),
  tierQuantities: z.optional(TierQuantitiesSchema),
  /** The sales tax rate in percent (`"9.25"`); without it no tax is computed. */
  taxRate: z.optional(PercentSchema),
  charges: z.optional(z.array(ChargeInputSchema)),
});

/** A cost of a whole group buy to split among its members. */
export const SharedCostInputSchema = z.strictObject({
  kind: IdSchema,
  amount: NonNegativeMoneySchema,
  basis: z.enum(['quantity', 'amount', 'equal']),
});

/** The input of `pace.quoteGroupBuy`. */
export const GroupBuyInputSchema = z.strictObject({
  contract: z.unknown(),
  asOf: CalendarDateSchema,
  orders: z
    .array(z.strictObject({ memberId: IdSchema, lines: LinesSchema, meta: z.optional(MetaSchema) }))
    .check(z.minLength(1, 'expected at least one order { memberId, lines }')),
  sharedCosts: z.optional(z.array(SharedCostInputSchema)),
  /** The sales tax rate in percent, applied to every member's quote. */
  taxRate: z.optional(PercentSchema),
});

/** One billed line of an invoice. */
export const InvoiceLineInputSchema = z.strictObject({
  lineId: z.optional(LabelSchema),
  sku: IdSchema,
  quantity: QuantitySchema,
  /** The billed unit price, up to six decimals. */
  unitPrice: UnitPriceSchema,
  description: z.optional(z.string()),
  meta: z.optional(MetaSchema),
});

/** The input of `pace.verifyInvoice`. */
export const InvoiceVerificationInputSchema = z.strictObject({
  contract: z.unknown(),
  invoice: z.strictObject({
    date: CalendarDateSchema,
    lines: z.array(InvoiceLineInputSchema).check(z.minLength(1, 'expected at least one line')),
    id: z.optional(z.string()),
    number: z.optional(z.string()),
    meta: z.optional(MetaSchema),
  }),
  tierQuantities: z.optional(TierQuantitiesSchema),
});

/** The input of `pace.checkContract`. */
export const CheckContractInputSchema = z.strictObject({
  contract: z.unknown(),
  /** Schedules that ended before this date are history and not checked. */
  asOf: z.optional(CalendarDateSchema),
});
