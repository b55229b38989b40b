import * as z from 'zod/mini';
import { MemberKindSchema } from './member.js';
import { CalendarDateSchema, IdSchema, MoneySchema, StateCodeSchema } from './primitives.js';
import { PublicWorksKindSchema, PurchaseSupplyKindSchema } from './purchase.js';
import { ChargeKindSchema } from './contract.js';

/**
 * How sure the research behind a figure is (shared/reference/legal.md): `high` = seen in the
 * official text or two or more agreeing sources; `medium` = one secondary source, or recalled and
 * consistent with a parallel section; `low` = recalled or inferred; `unknown` = not found.
 */
export const ConfidenceSchema = z.enum(['high', 'medium', 'low', 'unknown']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** A source a figure or rule was taken from; figures refer to it by id. */
export const PackSourceSchema = z.strictObject({
  id: IdSchema,
  title: z.string().check(z.minLength(1)),
  url: z.optional(z.string()),
  date: z.optional(CalendarDateSchema),
  note: z.optional(z.string()),
});

/** A json-rules-engine condition tree (`all` / `any` / `not` / leaf); the compiler checks it in depth. */
export const ConditionsSchema = z.looseObject({});

/** Procurement methods, least to most strict. */
export const ProcurementMethodSchema = z.enum(['none', 'quotes', 'informal-bid', 'formal-bid']);
export type ProcurementMethodName = z.infer<typeof ProcurementMethodSchema>;

/**
 * Whom a threshold binds. Every field that is given must match; an absent field matches anything.
 */
export const ThresholdAppliesToSchema = z.strictObject({
  /** Member kinds bound by it (e.g. school districts and county offices for PCC § 20111). */
  memberKinds: z.optional(z.array(MemberKindSchema)),
  /** Member ids bound by it (a district's own policy pack). */
  memberIds: z.optional(z.array(IdSchema)),
  /** Purchase supply kinds it covers. */
  supplyKinds: z.optional(z.array(PurchaseSupplyKindSchema)),
  /**
   * The kinds of work it covers among purchases of supply kind `public-works` that name their
   * kind (`publicWorks.kind`): such a purchase is covered when its kind is listed, whatever
   * `supplyKinds` says, and not otherwise. Every other purchase (a public-works one that names no
   * kind included) is covered as `supplyKinds` says. PCC § 20111(a) lists `maintenance`, which is
   * not a public project (§ 22002(d)); § 20111(b) and the CUPCCAA bands list the public-project kinds.
   */
  publicWorksKinds: z.optional(z.array(PublicWorksKindSchema)),
  /** `true`: only members that elected CUPCCAA (in force on the purchase date); `false`: only those that did not. */
  cupccaa: z.optional(z.boolean()),
  /** `true`: only purchases with federal money. */
  federalFunds: z.optional(z.boolean()),
});
export type ThresholdAppliesTo = z.infer<typeof ThresholdAppliesToSchema>;

/**
 * A threshold: one period of a series of dollar limits (e.g. the PCC §20111(a) bid limit for
 * 2025), with the comparison exactly as the statute words it.
 */
export const ThresholdSchema = z.strictObject({
  id: IdSchema,
  /** Periods of the same limit share a series; a series' periods may neither overlap nor leave gaps. */
  series: IdSchema,
  title: z.optional(z.string()),
  /** The boundary; `null` when the figure for the period is not known (confidence `unknown`). */
  amount: z.union([MoneySchema, z.null()]),
  /**
   * `'>'`: the rule applies when the amount is more than the limit; `'>='`: at or above it;
   * `'<='`: the band covers amounts at or below it (so it is exceeded above it).
   */
  comparison: z.enum(['>', '>=', '<=']),
  effectiveFrom: CalendarDateSchema,
  effectiveTo: z.optional(CalendarDateSchema),
  citation: z.string().check(z.minLength(1)),
  confidence: ConfidenceSchema,
  sources: z.optional(z.array(IdSchema)),
  note: z.optional(z.string()),
  /** Threshold-specific parameters read by the capability that uses the series. */
  params: z.optional(z.record(z.string(), z.unknown())),
  /**
   * Which body of rules the limit belongs to, for `procurementMethod`: the strictest of the state,
   * federal and local requirements wins. A threshold without `level` and `method` is reference
   * data (e.g. a ceiling) that no method is derived from.
   */
  level: z.optional(z.enum(['state', 'federal', 'local'])),
  /** The method required once the limit is exceeded. */
  method: z.optional(ProcurementMethodSchema),
  /**
   * What the threshold is: `limit` (the default: a band boundary with a method) or
   * `self-certification-ceiling` (the most a member may self-certify as its micro-purchase threshold).
   */
  role: z.optional(z.enum(['limit', 'micro-purchase', 'self-certification-ceiling'])),
  /** Whom it binds (absent: everyone at its level). */
  appliesTo: z.optional(ThresholdAppliesToSchema),
  /** Set on a later pack's entry that deliberately replaces an earlier pack's entry of the same id. */
  replace: z.optional(z.boolean()),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

/** A rule in json-rules-engine format, with the id, capability and citation the decision reports. */
export const PackRuleSchema = z.strictObject({
  id: IdSchema,
  /** Which capability runs the rule. */
  capability: z.enum(['eligibility', 'procurement', 'audit']),
  description: z.optional(z.string()),
  citation: z.optional(z.string()),
  confidence: z.optional(ConfidenceSchema),
  sources: z.optional(z.array(IdSchema)),
  priority: z.optional(z.int().check(z.minimum(1))),
  conditions: ConditionsSchema,
  event: z.strictObject({ type: z.string().check(z.minLength(1)), params: z.optional(z.record(z.string(), z.unknown())) }),
  replace: z.optional(z.boolean()),
});
export type PackRule = z.infer<typeof PackRuleSchema>;

/** An item of the audit file: what it is, the law behind it, and when it is required. */
export const ChecklistItemSchema = z.strictObject({
  id: IdSchema,
  title: z.string().check(z.minLength(1)),
  citation: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  confidence: z.optional(ConfidenceSchema),
  sources: z.optional(z.array(IdSchema)),
  /** The item is required when these conditions hold. */
  requiredWhen: ConditionsSchema,
  /**
   * A derived boolean fact that decides the item from the data itself (e.g. `contract.inForce` on
   * the PO date): when given, the data wins over `purchase.documents`, and a document that
   * contradicts it is a finding.
   */
  decidedBy: z.optional(z.strictObject({ fact: z.string().check(z.minLength(1)), path: z.string().check(z.minLength(1)) })),
  replace: z.optional(z.boolean()),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** A cooperative purchasing program as data. */
export const ProgramSchema = z.strictObject({
  id: IdSchema,
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  categories: z.array(z.strictObject({ id: IdSchema, name: z.string().check(z.minLength(1)), description: z.optional(z.string()) })),
  eligibleMemberKinds: z.array(MemberKindSchema),
  eligibleStates: z.array(StateCodeSchema),
  /** Whether members must have paid program fees through the purchase date. */
  feesRequired: z.boolean(),
  /** Member kinds whose board must authorize use of the program's contracts. */
  boardAuthorizationRequiredFor: z.array(MemberKindSchema),
  params: z.optional(z.record(z.string(), z.unknown())),
});
export type Program = z.infer<typeof ProgramSchema>;

/**
 * One screen-size band of a per-device fee: devices whose screen is above `over` (or at least
 * `atLeast`) and below `below` inches. `amount` is `null` when the figure is not known.
 */
export const FeeBandSchema = z.strictObject({
  over: z.optional(z.number().check(z.nonnegative())),
  atLeast: z.optional(z.number().check(z.nonnegative())),
  below: z.optional(z.number().check(z.positive())),
  amount: z.union([MoneySchema, z.null()]),
});

/** One period of a fee charged per covered device (e.g. the California e-waste recycling fee). */
export const FeePeriodSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal('ca-ewaste-recycling-fee'),
  title: z.optional(z.string()),
  /** The state whose law imposes it: buyers elsewhere do not pay it. */
  state: StateCodeSchema,
  effectiveFrom: CalendarDateSchema,
  effectiveTo: z.optional(CalendarDateSchema),
  bands: z.array(FeeBandSchema).check(z.minLength(1)),
  /** Is the fee itself subject to sales tax? */
  taxable: z.boolean(),
  citation: z.string().check(z.minLength(1)),
  confidence: ConfidenceSchema,
  sources: z.optional(z.array(IdSchema)),
  note: z.optional(z.string()),
});
export type FeePeriod = z.infer<typeof FeePeriodSchema>;

/** Whether a kind of charge is taxable when the contract's term does not say. */
export const ChargeTaxabilitySchema = z.strictObject({
  kind: ChargeKindSchema,
  taxable: z.boolean(),
  /** When the rule holds, in words (e.g. separately stated, by common carrier). */
  condition: z.optional(z.string()),
  citation: z.string().check(z.minLength(1)),
  confidence: ConfidenceSchema,
  sources: z.optional(z.array(IdSchema)),
});

/** The pricing law of a pack: per-device fees, the taxability of charges, and finding citations. */
export const PricingLawSchema = z.strictObject({
  fees: z.optional(z.array(FeePeriodSchema)),
  chargeTaxability: z.optional(z.array(ChargeTaxabilitySchema)),
  /** Citations of pricing findings by finding code (e.g. `contract-not-in-force`). */
  citations: z.optional(z.record(z.string(), z.string().check(z.minLength(1)))),
});
export type PricingLaw = z.infer<typeof PricingLawSchema>;

/**
 * A rules pack: California law, a cooperative program, or a district's own policy, as data.
 */
export const RulesPackSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case slug such as "california-law"')),
    version: z.string().check(z.regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'expected a semantic version such as "1.0.0"')),
    title: z.string().check(z.minLength(1)),
    description: z.optional(z.string()),
    kind: z.enum(['law', 'program', 'policy']),
    sources: z.optional(z.array(PackSourceSchema)),
    programs: z.optional(z.array(ProgramSchema)),
    thresholds: z.optional(z.array(ThresholdSchema)),
    rules: z.optional(z.array(PackRuleSchema)),
    checklist: z.optional(z.array(ChecklistItemSchema)),
    /** Fees, charge taxability and citations that pricing reads. */
    pricing: z.optional(PricingLawSchema),
  });
export type RulesPack = z.infer<typeof RulesPackSchema>;
