import * as z from 'zod';
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
  until: CalendarDateSchema.optional(),
  feesPaidThrough: CalendarDateSchema.optional(),
});

export const BoardAuthorizationSchema = z.strictObject({
  id: IdSchema,
  adoptedOn: CalendarDateSchema,
  expiresOn: CalendarDateSchema.optional(),
  scope: z.strictObject({
    programIds: z.array(IdSchema).optional(),
    contractIds: z.array(IdSchema).optional(),
    categories: z.array(IdSchema).optional(),
  }),
  /** A resolution number or minute reference, for the audit file. */
  ref: z.string().optional(),
});
export type BoardAuthorization = z.infer<typeof BoardAuthorizationSchema>;

/**
 * A district, charter school, county office or other agency that buys through the program.
 */
export const MemberSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().min(1),
    kind: MemberKindSchema,
    districtType: z.enum(['elementary', 'high-school', 'unified']).optional(),
    state: StateCodeSchema,
    averageDailyAttendance: z.number().finite().nonnegative().optional(),
    membership: MembershipSchema.optional(),
    boardAuthorizations: z.array(BoardAuthorizationSchema).optional(),
    /** The PCC §22030 election to follow CUPCCAA, and the date it took effect. */
    cupccaa: z.strictObject({ optedIn: z.boolean(), since: CalendarDateSchema.optional() }).optional(),
    /** A micro-purchase threshold self-certified under 2 CFR 200.320(a)(1)(iv). */
    federalMicroPurchaseThreshold: z.strictObject({ amount: MoneySchema, selfCertifiedOn: CalendarDateSchema }).optional(),
    meta: MetaSchema.optional(),
  })
  .meta({ id: 'Member', description: 'A district, charter school, county office or other agency buying through the program.' });
export type Member = z.infer<typeof MemberSchema>;
