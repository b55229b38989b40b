// The inputs of the pricing capabilities, as schemas: the one way they are validated. The contract
// itself is validated (once) by prepareContract, so here it is any value.
import * as z from 'zod/mini';
import { fastCheck } from './fast-parse.js';
import { ChargeKindSchema } from './contract.js';
import { MemberSchema } from './member.js';
import { UnitPriceSchema } from './price-schedule.js';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, NonNegativeMoneySchema, PercentSchema, QuantitySchema } from './primitives.js';

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
    .array(
      z.strictObject({
        memberId: IdSchema,
        lines: LinesSchema,
        /** The buying member, as `pace.quote` takes it (its `id` is `memberId`): its `state` decides the e-waste fee. */
        member: z.optional(MemberSchema),
        /** The member's own sales tax rate in percent (its ship-to rate); default: the group's `taxRate`. */
        taxRate: z.optional(PercentSchema),
        meta: z.optional(MetaSchema),
      }),
    )
    .check(z.minLength(1, 'expected at least one order { memberId, lines }')),
  sharedCosts: z.optional(z.array(SharedCostInputSchema)),
  /** The sales tax rate in percent, applied to every member's quote that gives none of its own. */
  taxRate: z.optional(PercentSchema),
});

/**
 * An invoice line's quantity: like a quantity, or negative for a credit (a return), e.g. `-2`.
 */
const SIGNED_QUANTITY = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const isSignedQuantityNumber = (n: number): boolean => Number.isFinite(n) && (Number.isInteger(n) ? Number.isSafeInteger(n) : /^-?(?:0|[1-9]\d*)\.\d+$/.test(String(n)));
export const SignedQuantitySchema = fastCheck(
  z.union([
    z.string().check(z.regex(SIGNED_QUANTITY, 'expected a decimal string such as "12", "7.5" or "-2" (a credit)')),
    z.number().check(z.refine(isSignedQuantityNumber, 'expected a finite quantity; pass precise values as decimal strings')),
  ]),
  (v) => (typeof v === 'string' ? SIGNED_QUANTITY.test(v) : typeof v === 'number' && isSignedQuantityNumber(v)),
);

/** One billed line of an invoice; a negative quantity is a credit (a return) of a PO line. */
export const InvoiceLineInputSchema = z.strictObject({
  lineId: z.optional(LabelSchema),
  sku: IdSchema,
  quantity: SignedQuantitySchema,
  /** The billed unit price, up to six decimals. */
  unitPrice: UnitPriceSchema,
  description: z.optional(z.string()),
  meta: z.optional(MetaSchema),
});

/** A fee billed on an invoice: `ca-ewaste-recycling-fee` and `admin-fee` are checked; another kind is noted, not checked. */
export const InvoiceFeeInputSchema = z.strictObject({
  kind: IdSchema,
  amount: MoneySchema,
  sku: z.optional(IdSchema),
  lineId: z.optional(LabelSchema),
});

/** A vendor invoice: its lines, and the charges, fees, tax and total it bills. */
export const InvoiceInputSchema = z.strictObject({
  /** The invoice date: the contract must be in force on it; without a PO, its schedule prices the lines. */
  date: CalendarDateSchema,
  lines: z.array(InvoiceLineInputSchema).check(z.minLength(1, 'expected at least one line')),
  id: z.optional(z.string()),
  number: z.optional(z.string()),
  purchaseOrderId: z.optional(z.string()),
  /** Freight, installation, restocking, ...: negative for a credit. */
  charges: z.optional(z.array(z.strictObject({ kind: ChargeKindSchema, amount: MoneySchema, description: z.optional(z.string()) }))),
  fees: z.optional(z.array(InvoiceFeeInputSchema)),
  /** The sales tax billed. */
  tax: z.optional(MoneySchema),
  /** The invoice total as billed. */
  total: z.optional(MoneySchema),
  meta: z.optional(MetaSchema),
});

/** A line of a purchase order or a receipt; `lineId` matches invoice lines to it. */
const OrderedLineSchema = z.strictObject({ lineId: z.optional(LabelSchema), sku: IdSchema, quantity: QuantitySchema, meta: z.optional(MetaSchema) });

/** The purchase order an invoice bills. */
export const PurchaseOrderInputSchema = z.strictObject({
  id: IdSchema,
  /** The PO date: the schedule in force on it prices the invoice. */
  date: CalendarDateSchema,
  lines: z.array(OrderedLineSchema).check(z.minLength(1, 'expected at least one line')),
  /** The sales tax rate in percent (`"9.25"`) the invoice's tax is checked at. */
  taxRate: z.optional(PercentSchema),
  meta: z.optional(MetaSchema),
});

/** A receiving record: what arrived, by PO line or sku. */
export const ReceiptInputSchema = z.strictObject({ date: CalendarDateSchema, id: z.optional(z.string()), lines: z.array(OrderedLineSchema), meta: z.optional(MetaSchema) });

/** The input of `pace.verifyInvoice`. */
export const InvoiceVerificationInputSchema = z.strictObject({
  contract: z.unknown(),
  invoice: InvoiceInputSchema,
  purchaseOrder: z.optional(PurchaseOrderInputSchema),
  receipts: z.optional(z.array(ReceiptInputSchema)),
  /** Earlier invoices against the same PO: their quantities and charges count first. */
  previousInvoices: z.optional(z.array(InvoiceInputSchema)),
  tierQuantities: z.optional(TierQuantitiesSchema),
  /** The buying member, as `pace.quote` takes it: its `state` decides the e-waste fee (default California). */
  member: z.optional(MemberSchema),
});

/** The input of `pace.checkContract`. */
export const CheckContractInputSchema = z.strictObject({
  contract: z.unknown(),
  /** Schedules that ended before this date are history and not checked. */
  asOf: z.optional(CalendarDateSchema),
});
