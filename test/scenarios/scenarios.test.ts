// Runs every scenario file under test/scenarios (compliance and pricing alike; the format is in
// test/scenarios/README.md): { description, capability, input, expected }.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPace, isPaceError } from '../../src/index.js';

const root = import.meta.dirname;
const fixtures = JSON.parse(readFileSync(join(root, '_fixtures.json'), 'utf8')) as { members: Record<string, object>; contracts: Record<string, object> };

interface Scenario {
  description: string;
  capability: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.startsWith('_') ? [join(dir, e.name)] : []));
}

/** `{ "$ref": name, ...fields }`: the named fixture with those fields laid over it. */
function resolve(value: unknown, table: Record<string, object>): unknown {
  if (value && typeof value === 'object' && '$ref' in value) {
    const { $ref, ...override } = value as { $ref: string };
    const base = table[$ref];
    if (!base) throw new Error(`no fixture "${$ref}" in test/scenarios/_fixtures.json`);
    return { ...structuredClone(base), ...override };
  }
  return value;
}

const pace = createPace();

function call(capability: string, args: Record<string, unknown>): Record<string, unknown> {
  switch (capability) {
    case 'checkEligibility':
      return pace.checkEligibility(args as never) as never;
    case 'procurementMethod':
      return pace.procurementMethod(args as never) as never;
    case 'auditChecklist':
      return pace.auditChecklist(args as never) as never;
    case 'findSplitPurchases': {
      // The members of the options may be fixtures too.
      const options = args['options'] as { members?: unknown[] } | undefined;
      const withMembers = options?.members ? { ...options, members: options.members.map((m) => resolve(m, fixtures.members)) } : options;
      return { groups: pace.findSplitPurchases(args['purchases'] as never, withMembers as never) };
    }
    case 'quote':
      return pace.quote(args as never) as never;
    case 'quoteGroupBuy':
      return pace.quoteGroupBuy(args as never) as never;
    case 'verifyInvoice':
      return pace.verifyInvoice(args as never) as never;
    case 'checkContract':
      return pace.checkContract(args as never) as never;
    case 'prepareContract':
      return pace.prepareContract(args['contract']) as never;
    default:
      throw new Error(`unknown capability ${capability}`);
  }
}

type Outcome = { result: Record<string, unknown> } | { error: { code: string; paths: string[] } };

function outcome(s: Scenario, prepared: boolean): Outcome {
  const member = resolve(s.input['member'], fixtures.members);
  let contract = resolve(s.input['contract'], fixtures.contracts);
  // A group buy's orders may name their member by fixture too.
  const orders = s.input['orders'];
  const withMembers = Array.isArray(orders) ? orders.map((o: Record<string, unknown>) => (o['member'] === undefined ? o : { ...o, member: resolve(o['member'], fixtures.members) })) : undefined;
  try {
    if (prepared && contract !== undefined) contract = pace.prepareContract(contract);
    const args = { ...s.input, ...(member ? { member } : {}), ...(contract ? { contract } : {}), ...(withMembers ? { orders: withMembers } : {}) };
    return { result: call(s.capability, args) };
  } catch (e) {
    if (!isPaceError(e)) throw e;
    return { error: { code: e.code, paths: e.issues.map((i) => i.path) } };
  }
}

function check(result: Record<string, unknown>, expected: Record<string, unknown>): void {
  for (const [key, want] of Object.entries(expected)) {
    switch (key) {
      case 'findingCodes':
        expect([...new Set((result['findings'] as { code: string }[]).map((f) => f.code))].sort(), 'finding codes').toEqual([...(want as string[])].sort());
        break;
      case 'thresholds': {
        const byId = new Map((result['thresholds'] as { id: string }[]).map((t) => [t.id, t]));
        for (const [id, partial] of Object.entries(want as Record<string, object>)) expect(byId.get(id), `threshold ${id}`).toMatchObject(partial);
        break;
      }
      case 'items': {
        const byId = new Map((result['items'] as { id: string; status: string }[]).map((i) => [i.id, i.status]));
        for (const [id, status] of Object.entries(want as Record<string, string>)) expect(byId.get(id), `item ${id}`).toBe(status);
        break;
      }
      case 'findingsInclude': {
        // Each partial finding must match one of the findings (rule id, pack, severity ...).
        const findings = result['findings'] as object[];
        for (const partial of want as object[]) expect(findings, JSON.stringify(partial)).toContainEqual(expect.objectContaining(partial));
        break;
      }
      default:
        // The parts shown must match; lists must match in length.
        expect({ [key]: result[key] }, key).toMatchObject({ [key]: want });
    }
  }
}

describe('scenarios (test/scenarios)', () => {
  const all = files(root).sort();
  it('has the scenarios the procurement office asked for', () => {
    expect(all.filter((f) => f.includes('/pricing/')).length).toBeGreaterThanOrEqual(25);
    expect(all.filter((f) => f.includes('/compliance/')).length).toBeGreaterThanOrEqual(100);
  });
  for (const file of all) {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    it(`${relative(root, file)}: ${s.description}`, () => {
      const got = outcome(s, false);
      if ('error' in s.expected) {
        const want = s.expected['error'] as { code: string; paths: string[] };
        expect('error' in got ? got.error.code : JSON.stringify(got)).toBe(want.code);
        expect('error' in got ? [...got.error.paths].sort() : []).toEqual([...want.paths].sort());
        return;
      }
      if ('error' in got) throw new Error(`unexpected PaceError ${JSON.stringify(got.error)}`);
      check(got.result, s.expected);
      // The same answer from a prepared contract.
      if (s.input['contract'] !== undefined) expect(outcome(s, true)).toEqual(got);
    });
  }
});
