import * as z from 'zod/mini';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, NonNegativeMoneySchema } from './primitives.js';

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

/** A purchase order (or a planned one) of a member. */
export const PurchaseSchema = z
  .strictObject({
    id: IdSchema,
    memberId: IdSchema,
    /** The PO date. */
    date: CalendarDateSchema,
    /** Total before tax. */
    amount: NonNegativeMoneySchema,
    supplyKind: PurchaseSupplyKindSchema,
    category: z.optional(IdSchema),
    contractId: z.optional(IdSchema),
    vendorId: z.optional(IdSchema),
    description: z.optional(z.string()),
    funding: z.optional(z.array(FundingSchema)),
    emergency: z.optional(z.boolean()),
    documents: z.optional(z.array(DocumentSchema)),
    meta: z.optional(MetaSchema),
  });
export type Purchase = z.infer<typeof PurchaseSchema>;
