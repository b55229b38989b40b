import * as z from 'zod';
import { CalendarDateSchema, IdSchema, MetaSchema, MoneySchema, NonNegativeMoneySchema } from './primitives.js';

export const PurchaseSupplyKindSchema = z.enum(['goods', 'services', 'public-works', 'professional-services']);
export type PurchaseSupplyKind = z.infer<typeof PurchaseSupplyKindSchema>;

export const FundingSchema = z.strictObject({
  source: z.enum(['federal', 'state', 'local']),
  /** e.g. "Title I", "ESSER", "E-Rate". */
  program: z.string().optional(),
  amount: MoneySchema,
});

export const DocumentSchema = z.strictObject({
  /** The checklist item id this document satisfies, e.g. "board-authorization". */
  kind: z.string().min(1),
  ref: z.string().optional(),
  date: CalendarDateSchema.optional(),
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
    category: IdSchema.optional(),
    contractId: IdSchema.optional(),
    vendorId: IdSchema.optional(),
    description: z.string().optional(),
    funding: z.array(FundingSchema).optional(),
    emergency: z.boolean().optional(),
    documents: z.array(DocumentSchema).optional(),
    meta: MetaSchema.optional(),
  })
  .meta({ id: 'Purchase', description: 'A purchase order (or a planned one) of a member.' });
export type Purchase = z.infer<typeof PurchaseSchema>;
