import * as z from 'zod/mini';
import { MemberKindSchema } from './member.js';
import { PriceScheduleSchema, SupplyKindSchema } from './price-schedule.js';
import { CalendarDateSchema, IdSchema, MetaSchema, NonNegativeMoneySchema, PercentSchema, StateCodeSchema } from './primitives.js';

export { SupplyKindSchema };
export type ContractSupplyKind = z.infer<typeof SupplyKindSchema>;

/** The kinds of charge a contract's terms and a vendor's quote name. */
export const ChargeKindSchema = z.enum(['freight', 'installation', 'fuel-surcharge', 'restocking', 'other']);
export type ChargeKind = z.infer<typeof ChargeKindSchema>;

/**
 * What the contract says about one kind of charge: `included` (in the prices: may not be billed),
 * `flat` (at most `amount` per order), `percent` (at most `percent` of the order's subtotal),
 * `per-unit` (at most `amount` per unit ordered of the contract's own supply kind: training hours on
 * a device contract are not counted), `actual` (actual cost); each capped by `maxAmount`. A
 * `restocking` charge counts the goods returned on the order instead of the order: `percent` of
 * their value at the contract price, `per-unit` per unit returned; nothing returned, nothing allowed.
 */
export const ChargeTermSchema = z.strictObject({
  kind: ChargeKindSchema,
  basis: z.enum(['included', 'flat', 'percent', 'per-unit', 'actual']),
  amount: z.optional(NonNegativeMoneySchema),
  percent: z.optional(PercentSchema),
  maxAmount: z.optional(NonNegativeMoneySchema),
  /** Is the charge subject to sales tax? Default: the law pack's rule for its kind. */
  taxable: z.optional(z.boolean()),
  description: z.optional(z.string()),
});
export type ChargeTerm = z.infer<typeof ChargeTermSchema>;

export const ContractTermSchema = z.strictObject({
  start: CalendarDateSchema,
  end: CalendarDateSchema,
  renewals: z.optional(z.array(z.strictObject({ start: CalendarDateSchema, end: CalendarDateSchema, exercised: z.boolean() }))),
});

/**
 * A cooperative contract: let competitively by a lead agency, open to members by a cooperative-use
 * clause, with its term, its eligible member kinds and its price schedules.
 */
export const ContractSchema = z
  .strictObject({
    id: IdSchema,
    number: z.string().check(z.minLength(1)),
    title: z.string().check(z.minLength(1)),
    programId: IdSchema,
    leadAgency: z.strictObject({ name: z.string().check(z.minLength(1)), isPublicAgency: z.boolean(), state: StateCodeSchema }),
    solicitation: z.strictObject({
      number: z.string().check(z.minLength(1)),
      kind: z.enum(['invitation-for-bids', 'request-for-proposals', 'other']),
      awardedOn: CalendarDateSchema,
      cooperativeUseClause: z.boolean(),
      federalProcurementCompliant: z.boolean(),
    }),
    vendor: z.strictObject({ id: IdSchema, name: z.string().check(z.minLength(1)), excludedFromFederalAwards: z.optional(z.boolean()) }),
    categories: z.array(IdSchema),
    supplyKind: SupplyKindSchema,
    term: ContractTermSchema,
    eligibleMemberKinds: z.array(MemberKindSchema),
    /** Default `['CA']`. */
    eligibleStates: z.optional(z.array(StateCodeSchema)),
    /** A cap on what one member may buy under the contract, when the solicitation set one. */
    maxAmountPerMember: z.optional(NonNegativeMoneySchema),
    /** Dealers the vendor authorised to take orders under the contract; a PO may go to the vendor or one of them. */
    authorizedDealers: z.optional(z.array(z.strictObject({ id: IdSchema, name: z.string().check(z.minLength(1)) }))),
    priceSchedules: z.array(PriceScheduleSchema),
    /** Which charges may be billed on top of the prices, and how much. */
    charges: z.optional(z.array(ChargeTermSchema)),
    /** The cooperative's administrative fee; `includedInPrice`: paid by the vendor out of the prices. */
    adminFee: z.optional(z.strictObject({ percent: PercentSchema, includedInPrice: z.boolean() })),
    /** The most a later schedule may raise an item's price, in percent per year. */
    priceIncreaseCap: z.optional(z.strictObject({ percentPerYear: PercentSchema })),
    /**
     * How invoices are matched: `lineTolerance`, the most a line may be over the contract price
     * and still pass (`"0.05"`: five cents, for vendors that round differently; default none);
     * `pricesAsOf`, whose date's schedule prices a PO's invoice (default `order-date`).
     */
    invoiceTerms: z.optional(z.strictObject({ lineTolerance: z.optional(NonNegativeMoneySchema), pricesAsOf: z.optional(z.enum(['order-date', 'invoice-date'])) })),
    meta: z.optional(MetaSchema),
  });
export type Contract = z.infer<typeof ContractSchema>;
