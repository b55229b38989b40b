/**
 * The JSON Schemas of the input models and of rules packs, generated from the zod schemas so they
 * can never drift from what the library accepts. `npm run schema` writes them to schema/; a test
 * fails when the committed files are out of date.
 */
import { z } from 'zod';
import { ContractSchema, MemberSchema, PriceScheduleSchema, PurchaseSchema, RulesPackSchema } from '../src/index.js';

export const SCHEMAS: Record<string, z.ZodType> = {
  member: MemberSchema,
  contract: ContractSchema,
  purchase: PurchaseSchema,
  'price-schedule': PriceScheduleSchema,
  'rules-pack': RulesPackSchema,
};

/** The schema documents, keyed by file name, as the text written to disk. */
export function renderJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
    const document = { $id: `https://unpkg.com/pace-rules/schema/${name}.schema.json`, ...json };
    out[`${name}.schema.json`] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return out;
}
