/**
 * The JSON Schemas of the input models and of rules packs, generated from the zod schemas so they
 * can never drift from what the library accepts. `npm run schema` writes them to schema/; a test
 * fails when the committed files are out of date.
 *
 * The names and descriptions of the shared definitions live in a registry here rather than on the
 * schemas: the library's schemas are zod/mini schemas with no metadata, which keeps the bundle
 * small and leaves zod's global registry alone.
 */
import * as z from 'zod/mini';
import { ContractSchema, MemberSchema, PriceScheduleSchema, PurchaseSchema, RulesPackSchema, MoneySchema, CalendarDateSchema, QuantitySchema, InvoiceInputSchema, PurchaseOrderInputSchema, ReceiptInputSchema, UnitPriceSchema, SignedQuantitySchema } from '../src/index.js';
import { ConditionsSchema } from '../src/model/rules-pack.js';

export const SCHEMAS: Record<string, z.core.$ZodType> = {
  member: MemberSchema,
  contract: ContractSchema,
  purchase: PurchaseSchema,
  'price-schedule': PriceScheduleSchema,
  'rules-pack': RulesPackSchema,
  // The documents of the invoice match (pace.verifyInvoice, `pace-rules check-invoice`), as an
  // ERP in any language writes them.
  invoice: InvoiceInputSchema,
  'purchase-order': PurchaseOrderInputSchema,
  receipt: ReceiptInputSchema,
};

function registry(): z.core.$ZodRegistry<{ id?: string; description?: string }> {
  const r = z.registry<{ id?: string; description?: string }>();
  r.add(MoneySchema, { id: 'Money', description: 'A USD amount as a decimal string with at most two decimals, e.g. "1234.50".' });
  r.add(CalendarDateSchema, { id: 'CalendarDate', description: 'A calendar date as YYYY-MM-DD, independent of any time zone.' });
  r.add(QuantitySchema, { id: 'Quantity', description: 'A non-negative quantity as a number or decimal string.' });
  r.add(MemberSchema, { id: 'Member', description: 'A district, charter school, county office or other agency buying through the program.' });
  r.add(ContractSchema, { id: 'Contract', description: 'A cooperative contract with its term, eligibility and price schedules.' });
  r.add(PurchaseSchema, { id: 'Purchase', description: 'A purchase order (or a planned one) of a member.' });
  r.add(PriceScheduleSchema, { id: 'PriceSchedule', description: 'The prices of a contract in force over a date range.' });
  r.add(UnitPriceSchema, { id: 'UnitPrice', description: 'A non-negative unit price as a decimal string with at most six decimals, e.g. "0.0089".' });
  r.add(SignedQuantitySchema, { id: 'SignedQuantity', description: 'A quantity as a number or decimal string; negative on a credit line.' });
  r.add(InvoiceInputSchema, { id: 'Invoice', description: "A vendor's invoice against a purchase order under a cooperative contract." });
  r.add(PurchaseOrderInputSchema, { id: 'PurchaseOrder', description: "The member's purchase order as issued: its date, tax rate and ordered lines." });
  r.add(ReceiptInputSchema, { id: 'Receipt', description: 'A receiving record: what arrived on a date, by PO line or sku.' });
  r.add(RulesPackSchema, { id: 'RulesPack', description: 'A pace-rules rules pack: law, program or district policy as data.' });
  r.add(ConditionsSchema, { id: 'Conditions', description: 'A json-rules-engine condition tree: { all: [...] }, { any: [...] }, { not: {...} } or a leaf { fact, operator, value, path? }.' });
  return r;
}

/** The schema documents, keyed by file name, as the text written to disk. */
export function renderJsonSchemas(): Record<string, string> {
  const metadata = registry();
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw', metadata }) as Record<string, unknown>;
    const document = { $id: `https://unpkg.com/pace-rules/schema/${name}.schema.json`, ...json };
    out[`${name}.schema.json`] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return out;
}
