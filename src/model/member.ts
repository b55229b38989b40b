import * as z from 'zod/mini';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, StateCodeSchema } from './primitives.js';

/** The kinds of public agency a cooperative can serve. */
export const MemberKindSchema = z.enum([
  'school-district',
  'county-office',
  'charter-school',
  'community-college-district',
  'joint-powers-authority',
  'other-public-agency',
]);
export type MemberKind = z.infer<typeof MemberKindSchema>;

export const MembershipStatusSchema = z.enum(['active', 'pending', 'suspended', 'withdrawn']);

export const MembershipSchema = z.strictObject({
  programId: IdSchema,
  status: MembershipStatusSchema,
  since: CalendarDateSchema,
  until: z.optional(CalendarDateSchema),
  feesPaidThrough: z.optional(CalendarDateSchema),
});

export const BoardAuthorizationSchema = z.strictObject({
  id: IdSchema,
  adoptedOn: CalendarDateSchema,
  expiresOn: z.optional(CalendarDateSchema),
  scope: z.strictObject({
    programIds: z.optional(z.array(IdSchema)),
    contractIds: z.optional(z.array(IdSchema)),
    categories: z.optional(z.array(IdSchema)),
  }),
  /** A resolution number or minute reference, for the audit file. */
  ref: z.optional(z.string()),
});
export type BoardAuthorization = z.infer<typeof BoardAuthorizationSchema>;

/**
 * A district, charter school, county office or other agency that buys through the program.
 */
export const MemberSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().check(z.minLength(1)),
    kind: MemberKindSchema,
    districtType: z.optional(z.enum(['elementary', 'high-school', 'unified'])),
    state: StateCodeSchema,
    averageDailyAttendance: z.optional(z.number().check(z.nonnegative())),
    membership: z.optional(MembershipSchema),
    boardAuthorizations: z.optional(z.array(BoardAuthorizationSchema)),
    /** The PCC §22030 election to follow CUPCCAA, and the date it took effect. */
    cupccaa: z.optional(z.strictObject({ optedIn: z.boolean(), since: z.optional(CalendarDateSchema) })),
    /** A micro-purchase threshold self-certified under 2 CFR 200.320(a)(1)(iv). */
    federalMicroPurchaseThreshold: z.optional(z.strictObject({ amount: MoneySchema, selfCertifiedOn: CalendarDateSchema })),
    /**
     * A joint powers authority's designated member kind (Gov. Code § 6509): the JPA follows the
     * procedural restrictions of that kind of agency, e.g. `'school-district'`.
     */
    regimeOf: z.optional(MemberKindSchema),
    meta: z.optional(MetaSchema),
  });
export type Member = z.infer<typeof MemberSchema>;
