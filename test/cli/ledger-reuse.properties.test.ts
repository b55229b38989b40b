// audit-ledger reuses one decision for the rows of a purchase class (pace.purchaseClassifier); the
// report must be exactly the one deciding every row gives. Ledgers here are like real ones where
// it matters: generated members of every regime (memberships, board authorizations, CUPCCAA,
// self-certified micro-purchase thresholds), rows under the example contracts (their vendor, a
// dealer, another vendor), funding columns that add up or not, documents, emergencies, and dates
// and amounts on and next to the figures. Failing runs print their seed (fast-check's report);
// FC_NUM_RUNS raises the number of runs locally.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ledgerOutput } from '../support/ledger-output.js';
import { addDays } from '../../src/dates/calendar-date.js';
import { arbMember } from '../../src/testing/index.js';
import { centsToMoney } from '../compliance/arbitraries.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 40);
const scratch = mkdtempSync(join(tmpdir(), 'pace-ledger-reuse-'));
// The example contracts, and a furniture contract that covers goods only (under it the supply kind
// decides eligibility; the technology contract also prices training hours as services).
const EXAMPLE_CONTRACTS: { id: string }[] = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'data', 'contracts.json'), 'utf8'));
const contracts = join(scratch, 'contracts.json');
writeFileSync(contracts, JSON.stringify([...EXAMPLE_CONTRACTS, { ...EXAMPLE_CONTRACTS[0], id: 'pace-furniture-2025', number: 'PACE-25-011', title: 'Classroom furniture', categories: ['furniture'], supplyKind: 'goods', priceSchedules: [] }]));
const EXAMPLE_MEMBERS: { id: string }[] = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'data', 'members.json'), 'utf8'));

/** Dates where something changes (figures, the example contracts' terms, fiscal years), or any day of 2023-2027. */
const arbDate = fc.oneof(
  fc.constantFrom('2024-06-30', '2024-07-01', '2024-12-31', '2025-01-01', '2025-01-20', '2025-01-21', '2025-06-30', '2025-07-01', '2025-09-30', '2025-10-01', '2025-12-31', '2026-01-01', '2026-06-30', '2026-07-01', '2027-06-30', '2027-07-01'),
  fc.integer({ min: 0, max: 365 * 5 }).map((d) => addDays('2023-01-01', d)),
);
/** Amounts on and next to the packs' dollar figures, or anywhere up to $400,000. */
const arbCents = fc.oneof(
  fc.tuple(fc.constantFrom(1000, 2000, 10000, 15000, 25000, 50000, 60000, 75000, 100000, 114500, 114800, 200000, 250000), fc.constantFrom(-1, 0, 1)).map(([d, c]) => d * 100 + c),
  fc.integer({ min: 0, max: 40_000_000 }),
);

/** What rows of one kind share: a real ledger repeats a few kinds of purchase many times. */
const arbKind = fc.record({
  // 0 and 1: example members (mostly eligible); 2 and 3: generated ones.
  member: fc.constantFrom(0, 0, 1, 1, 2, 3),
  supplyKind: fc.constantFrom('goods', 'goods', 'services', 'public-works', 'professional-services'),
  category: fc.constantFrom('', '', 'technology', 'facility-services', 'furniture'),
  contract: fc.constantFrom('', 'pace-tech-2024', 'pace-tech-2024', 'pace-facility-2025', 'pace-furniture-2025', 'no-such-contract'),
  funding: fc.constantFrom('', '', 'federal', 'federal+local', 'state', 'not-adding-up'),
  emergency: fc.constantFrom('', '', '', 'yes', 'false'),
  documents: fc.constantFrom('', '', 'quotes', 'formal-bid', 'board-authorization;po-cites-contract', 'lead-agency-award;cooperative-use-clause;price-verification'),
  /** Mostly what the contract covers (its supply kind and category), so that it is often usable. */
  fitsContract: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
});
/** What each example contract covers. */
const COVERS: Record<string, [string, string]> = { 'pace-tech-2024': ['goods', 'technology'], 'pace-facility-2025': ['services', 'facility-services'], 'pace-furniture-2025': ['goods', 'furniture'] };

/** A row: one of the ledger's kinds, near one of its dates and amounts (or anywhere), any vendor and description. */
const arbRow = fc.record({
  kind: fc.nat(),
  date: fc.oneof({ arbitrary: fc.tuple(fc.nat(), fc.integer({ min: -20, max: 20 })), weight: 3 }, { arbitrary: arbDate.map((d) => d), weight: 1 }),
  cents: fc.oneof({ arbitrary: fc.tuple(fc.nat(), fc.integer({ min: -300, max: 300 })), weight: 3 }, { arbitrary: arbCents, weight: 1 }),
  vendor: fc.constantFrom('v-northwind', 'v-brightway', 'v-9', ''),
  description: fc.constantFrom('', 'Chromebooks, room 12', 'Custodial services'),
  // A change order of one of the ledger's POs (an earlier or a later row): what it adds (or takes
  // off), with a federal funding line of its own or none, naming the PO's category or none.
  change: fc.option(fc.record({ of: fc.nat(), cents: fc.oneof(fc.integer({ min: 1, max: 20_000_000 }), fc.integer({ min: -2_000_000, max: 0 })), funded: fc.boolean(), category: fc.boolean() }), { freq: 4 }),
});

const arbLedger = fc.record({
  kinds: fc.array(arbKind, { minLength: 2, maxLength: 5 }),
  dates: fc.array(arbDate, { minLength: 3, maxLength: 3 }),
  amounts: fc.array(arbCents, { minLength: 3, maxLength: 3 }),
  rows: fc.array(arbRow, { minLength: 20, maxLength: 150 }),
});
type Ledger = typeof arbLedger extends fc.Arbitrary<infer T> ? T : never;

const HEADER = 'id,memberId,date,amount,supplyKind,category,contractId,vendorId,federalAmount,stateAmount,localAmount,fundingProgram,emergency,documents,description,revisionOf';

function ledgerCsv(ledger: Ledger, memberIds: string[]): string {
  let out = `${HEADER}\n`;
  const orders = ledger.rows.flatMap((row, i) => (row.change ? [] : [i]));
  // What each PO row was: its kind (member, supply kind, category, contract).
  const kindOf = (row: Ledger['rows'][number]) => {
    const kind = ledger.kinds[row.kind % ledger.kinds.length]!;
    const covers = kind.fitsContract ? COVERS[kind.contract] : undefined;
    return covers ? { ...kind, supplyKind: covers[0], category: covers[1] } : kind;
  };
  const centsOf = (row: Ledger['rows'][number]) => (typeof row.cents === 'number' ? row.cents : Math.max(0, ledger.amounts[row.cents[0] % 3]! + row.cents[1]));
  // What deductions may still take off each PO (a PO below zero is a bad row).
  const left = new Map(orders.map((i) => [i, centsOf(ledger.rows[i]!)]));
  ledger.rows.forEach((row, i) => {
    const date = typeof row.date === 'string' ? row.date : addDays(ledger.dates[row.date[0] % 3]!, row.date[1]);
    if (row.change && orders.length > 0) {
      // A change order of a PO: its member and supply kind, its contract, the change in amount.
      const of = orders[row.change.of % orders.length]!;
      const po = kindOf(ledger.rows[of]!);
      const change = Math.max(row.change.cents, -left.get(of)!);
      if (change < 0) left.set(of, left.get(of)! + change);
      const amount = `${change < 0 ? '-' : ''}${centsToMoney(Math.abs(change))}`;
      const federal = row.change.funded && change > 0 ? amount : '';
      out += [`CO-${i}`, memberIds[po.member], date, amount, po.supplyKind, row.change.category ? po.category : '', po.contract, row.vendor, federal, '', '', federal ? 'Title I' : '', '', '', '', `PO-${of}`].join(',') + '\n';
      return;
    }
    const r = kindOf(row);
    const cents = centsOf(row);
    const amount = centsToMoney(cents);
    const federalCents = Math.floor(cents / 2);
    let federal = '';
    let state = '';
    let local = '';
    if (r.funding === 'federal') federal = amount;
    else if (r.funding === 'federal+local') [federal, local] = [centsToMoney(federalCents), centsToMoney(cents - federalCents)];
    else if (r.funding === 'state') state = amount;
    else if (r.funding === 'not-adding-up') [federal, local] = [centsToMoney(federalCents), centsToMoney(federalCents + 100)];
    const program = federal ? 'Title I' : '';
    out += [`PO-${i}`, memberIds[r.member], date, amount, r.supplyKind, r.category, r.contract, row.vendor, federal, state, local, program, r.emergency, r.documents, row.description ? `"${row.description}"` : '', ''].join(',') + '\n';
  });
  return out;
}

/** A run deciding every row, or reusing decisions across rows of a class. */
async function run(file: string, members: string, reuseDecisions: boolean): Promise<string> {
  return ledgerOutput({ file, packs: undefined, members, contracts, window: 'fiscal-year', maxErrors: 1000, jobs: 0, reuseDecisions });
}

describe('audit-ledger: reusing decisions across rows of a class changes nothing', () => {
  let n = 0;
  test.prop([fc.array(fc.oneof(arbMember({ eligible: true }), arbMember()), { minLength: 2, maxLength: 2 }), arbLedger], { numRuns: RUNS })(
    'the report with reuse equals the report deciding every row',
    async (generated, ledger) => {
      // Two of the example members (eligible for the example contracts, with board authorizations),
      // and two generated ones (distinct ids; every other field as generated).
      const members = [...EXAMPLE_MEMBERS.slice(0, 2), ...generated.slice(0, 2).map((m, i) => ({ ...m, id: `m-${i}` }))];
      const membersFile = join(scratch, `members-${n}.json`);
      writeFileSync(membersFile, JSON.stringify(members));
      const file = join(scratch, `ledger-${n++}.csv`);
      writeFileSync(file, ledgerCsv(ledger, members.map((m) => m.id)));
      const reused = await run(file, membersFile, true);
      expect(reused).toBe(await run(file, membersFile, false));
      expect(reused).toContain('"report"');
    },
  );
});
