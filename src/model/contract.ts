import * as z from 'zod/mini';
import { MemberKindSchema } from './member.js';
import { PriceScheduleSchema } from './price-schedule.js';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, StateCodeSchema } from './primitives.js';

export const SupplyKindSchema = z.enum(['goods', 'services', 'public-works']);
export type ContractSupplyKind = z.infer<typeof SupplyKindSchema>;

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
    maxAmountPerMember: z.optional(MoneySchema),
    /** Dealers the vendor authorised to take orders under the contract; a PO may go to the vendor or one of them. */
    authorizedDealers: z.optional(z.array(z.strictObject({ id: IdSchema, name: z.string().check(z.minLength(1)) }))),
    priceSchedules: z.array(PriceScheduleSchema),
    meta: z.optional(MetaSchema),
  });
export type Contract = z.infer<typeof ContractSchema>;
