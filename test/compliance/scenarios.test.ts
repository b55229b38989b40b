// Runs every scenario file under test/scenarios/compliance: { description, input, expected }.
// `input.capability` names the Pace method; members and contracts may be written as
// { "$ref": "<fixture name>", ...fields to override } against _fixtures.json (so may the members
// of findSplitPurchases' options).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPace } from '../../src/index.js';

const root = join(import.meta.dirname, '../scenarios/compliance');
const fixtures = JSON.parse(readFileSync(join(root, '_fixtures.json'), 'utf8')) as { members: Record<string, object>; contracts: Record<string, object> };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.startsWith('_') ? [join(dir, e.name)] : []));
}

function resolve(value: unknown, table: Record<string, object>): unknown {
  if (value && typeof value === 'object' && '$ref' in value) {
    const { $ref, ...override } = value as { $ref: string };
    const base = table[$ref];
    if (!base) throw new Error(`no fixture "${$ref}"`);
    return { ...structuredClone(base), ...override };
  }
  return value;
}

const pace = createPace();

function run(input: Record<string, unknown>): Record<string, unknown> {
  const { capability, ...args } = input;
  const member = resolve(args['member'], fixtures.members);
  const contract = resolve(args['contract'], fixtures.contracts);
  const call = { ...args, ...(member ? { member } : {}), ...(contract ? { contract } : {}) };
  switch (capability) {
    case 'checkEligibility':
      return pace.checkEligibility(call as never) as never;
    case 'procurementMethod':
      return pace.procurementMethod(call as never) as never;
    case 'auditChecklist':
      return pace.auditChecklist(call as never) as never;
    case 'findSplitPurchases': {
      const options = args['options'] as { members?: unknown[] } | undefined;
      const withMembers = options?.members ? { ...options, members: options.members.map((m) => resolve(m, fixtures.members)) } : options;
      return { groups: pace.findSplitPurchases(args['purchases'] as never, withMembers as never) };
    }
    default:
      throw new Error(`unknown capability ${String(capability)}`);
  }
}

describe('compliance scenarios', () => {
  for (const file of files(root).sort()) {
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as { description: string; input: Record<string, unknown>; expected: Record<string, unknown> };
    it(`${relative(root, file)}: ${scenario.description}`, () => {
      const result = run(scenario.input);
      for (const [key, want] of Object.entries(scenario.expected)) {
        switch (key) {
          case 'findingCodes':
            expect([...new Set((result['findings'] as { code: string }[]).map((f) => f.code))].sort(), 'finding codes').toEqual([...(want as string[])].sort());
            break;
          case 'thresholds': {
            const byId = new Map((result['thresholds'] as { id: string }[]).map((t) => [t.id, t]));
            for (const [id, partial] of Object.entries(want as Record<string, object>)) {
              expect(byId.get(id), `threshold ${id}`).toMatchObject(partial);
            }
            break;
          }
          case 'items': {
            const byId = new Map((result['items'] as { id: string; status: string }[]).map((i) => [i.id, i.status]));
            for (const [id, status] of Object.entries(want as Record<string, string>)) expect(byId.get(id), `item ${id}`).toBe(status);
            break;
          }
          case 'groups': {
            const groups = result['groups'] as object[];
            expect(groups.length, 'number of groups').toBe((want as object[]).length);
            (want as object[]).forEach((g, i) => expect(groups[i]).toMatchObject(g));
            break;
          }
          case 'findingsInclude': {
            // Each partial finding must match one of the findings (rule id, pack, severity ...).
            const findings = result['findings'] as object[];
            for (const partial of want as object[]) expect(findings, JSON.stringify(partial)).toContainEqual(expect.objectContaining(partial));
            break;
          }
          case 'required':
            expect(result['required']).toMatchObject(want as object);
            break;
          default:
            expect(result[key], key).toEqual(want);
        }
      }
    });
  }
});
