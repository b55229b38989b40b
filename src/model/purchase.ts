import * as z from 'zod/mini';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, isNegativeText } from './primitives.js';

export const PurchaseSupplyKindSchema = z.enum(['goods', 'services', 'public-works', 'professional-services']);
export type PurchaseSupplyKind = z.infer<typeof PurchaseSupplyKindSchema>;

export const FundingSchema = z.strictObject({
  source: z.enum(['federal', 'state', 'local']),
  /** e.g. "Title I", "ESSER", "E-Rate". */
  program: z.optional(z.string()),
  amount: MoneySchema,
});

export const DocumentSchema = z.strictObject({
  /** The checklist item id this document satisfies, e.g. "board-authorization". */
  kind: z.string().check(z.minLength(1)),
  ref: z.optional(z.string()),
  date: z.optional(CalendarDateSchema),
});
export type PurchaseDocument = z.infer<typeof DocumentSchema>;

/**
 * What kind of public work a purchase is (Lab. Code § 1720(a)(1); maintenance: § 1771; painting
 * and repainting, a public project: PCC § 22002(c), and not maintenance unless touch-up: § 20115).
 */
export const PublicWorksKindSchema = z.enum(['construction', 'alteration', 'demolition', 'repair', 'maintenance', 'installation', 'painting']);
export type PublicWorksKind = z.infer<typeof PublicWorksKindSchema>;

/** A purchase order (or a planned one) of a member. */
export const PurchaseSchema = z
  .strictObject({
    id: IdSchema,
    memberId: IdSchema,
    /** The PO date. */
    date: CalendarDateSchema,
    /** Total before tax; for a change order (`revisionOf`), the change, which may be negative (a deductive change order). */
    amount: MoneySchema,
    supplyKind: PurchaseSupplyKindSchema,
    category: z.optional(IdSchema),
    contractId: z.optional(IdSchema),
    vendorId: z.optional(IdSchema),
    description: z.optional(z.string()),
    funding: z.optional(z.array(FundingSchema)),
    emergency: z.optional(z.boolean()),
    documents: z.optional(z.array(DocumentSchema)),
    /** A change order: the id of the purchase order it changes (its amount, the change, adds to that PO's). */
    revisionOf: z.optional(IdSchema),
    /** The public work the purchase pays for, when it is one (also on a goods PO with installation). */
    publicWorks: z.optional(z.strictObject({ kind: PublicWorksKindSchema })),
    meta: z.optional(MetaSchema),
  })
  .check(z.refine((p) => p.revisionOf !== undefined || !isNegativeText(p.amount), { message: 'expected an amount of zero or more (only a change order, with revisionOf, may be negative)', path: ['amount'] }))
  // A PO's funding lines are what pays for it: none below zero (a -5.00 federal line on a 1,000.00
  // local PO made it a federal purchase, asking for the federal file). A change order may take
  // money off, by source.
  .check(z.refine((p) => p.revisionOf !== undefined || p.funding === undefined || !p.funding.some((f) => isNegativeText(f.amount)), { message: 'expected funding amounts of zero or more (only a change order, with revisionOf, may take funding off)', path: ['funding'] }));
export type Purchase = z.infer<typeof PurchaseSchema>;
