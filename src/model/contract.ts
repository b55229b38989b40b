import * as z from 'zod';
import { MemberKindSchema } from './member.js';
import { PriceScheduleSchema } from './price-schedule.js';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, StateCodeSchema } from './primitives.js';

export const SupplyKindSchema = z.enum(['goods', 'services', 'public-works']);
export type ContractSupplyKind = z.infer<typeof SupplyKindSchema>;

export const ContractTermSchema = z.strictObject({
  start: CalendarDateSchema,
  end: CalendarDateSchema,
  renewals: z.array(z.strictObject({ start: CalendarDateSchema, end: CalendarDateSchema, exercised: z.boolean() })).optional(),
});

/**
 * A cooperative contract: let competitively by a lead agency, open to members by a cooperative-use
 * clause, with its term, its eligible member kinds and its price schedules.
 */
export const ContractSchema = z
  .strictObject({
    id: IdSchema,
    number: z.string().min(1),
    title: z.string().min(1),
    programId: IdSchema,
    leadAgency: z.strictObject({ name: z.string().min(1), isPublicAgency: z.boolean(), state: StateCodeSchema }),
    solicitation: z.strictObject({
      number: z.string().min(1),
      kind: z.enum(['invitation-for-bids', 'request-for-proposals', 'other']),
      awardedOn: CalendarDateSchema,
      cooperativeUseClause: z.boolean(),
      federalProcurementCompliant: z.boolean(),
    }),
    vendor: z.strictObject({ id: IdSchema, name: z.string().min(1), excludedFromFederalAwards: z.boolean().optional() }),
    categories: z.array(IdSchema),
    supplyKind: SupplyKindSchema,
    term: ContractTermSchema,
    eligibleMemberKinds: z.array(MemberKindSchema),
    /** Default `['CA']`. */
    eligibleStates: z.array(StateCodeSchema).optional(),
    /** A cap on what one member may buy under the contract, when the solicitation set one. */
    maxAmountPerMember: MoneySchema.optional(),
    priceSchedules: z.array(PriceScheduleSchema),
    meta: MetaSchema.optional(),
  })
  .meta({ id: 'Contract', description: 'A cooperative contract with its term, eligibility and price schedules.' });
export type Contract = z.infer<typeof ContractSchema>;
