// A PO that change orders raise is judged by audit-ledger at its total, as the library judges the
// PO given with its change orders (auditChecklist with changeOrders): its funding lines are the
// PO's with every change order's, deductions (negative lines) included. The ledger decides that
// folded PO as a purchase, whose lines may not be negative, so it nets the deductions first; the
// facts the packs read of the lines (whether one is federal, the federal amount, the programs
// named, whether they add up to the amount) must come out the same. Ledgers here are the JSON
// export of an ERP that records each change order's funding lines by source and program: a
// deduction before or after the line it reduces, from a source or program the PO lacks, larger
// than what it reduces, lines of no program. What the PO needed as issued stays in its audit file
// at its total (the informal bid file of a CUPCCAA repair, the self-certification of a federal
// micro-purchase): members of both regimes, goods and public works. Failing runs print their seed
// (fast-check's report).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ledgerOutput } from '../support/ledger-output.js';
import { threadLikeRaisedHelper } from '../support/raised-helper.js';
import { createPace } from '../../src/index.js';
import type { Member, Purchase } from '../../src/index.js';
import { centsToMoney } from '../compliance/arbitraries.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 60);
const scratch = mkdtempSync(join(tmpdir(), 'pace-ledger-raised-funding-'));
const membersFile = join(import.meta.dirname, '..', '..', 'examples', 'data', 'members.json');
const alder = (JSON.parse(readFileSync(membersFile, 'utf8')) as Member[]).find((m) => m.id === 'alder-usd')!;
// Elm USD: Alder's records, having elected CUPCCAA in 2020 and self-certified a $50,000 federal
// micro-purchase threshold in July 2025.
const elm: Member = { ...alder, id: 'elm-usd', name: 'Elm Unified School District', cupccaa: { optedIn: true, since: '2020-01-01' }, federalMicroPurchaseThreshold: { amount: '50000.00', selfCertifiedOn: '2025-07-01' } };
const scratchMembers = join(scratch, 'members.json');
writeFileSync(scratchMembers, JSON.stringify([alder, elm]));
const pace = createPace();

const signed = (cents: number): string => `${cents < 0 ? '-' : ''}${centsToMoney(Math.abs(cents))}`;

/** A funding line as an ERP exports it: a source, a program or none (or a blank one), an amount. */
const arbLine = (negative: boolean) =>
  fc.record({
    source: fc.constantFrom('federal', 'state', 'local'),
    program: fc.constantFrom(undefined, undefined, 'Title I', 'Title IV-A', ''),
    cents: negative ? fc.integer({ min: -6_000_000, max: -1 }) : fc.integer({ min: 0, max: 9_000_000 }),
  });
type Line = { source: string; program: string | undefined; cents: number };
const lineJson = (l: Line) => ({ source: l.source, ...(l.program !== undefined ? { program: l.program } : {}), amount: signed(l.cents) });

const arbCase = fc.record({
  /** The PO: $20,000 - $110,000, funded by its lines (or not given any). */
  poCents: fc.integer({ min: 2_000_000, max: 11_000_000 }),
  poLines: fc.array(arbLine(false), { maxLength: 3 }),
  /** Change orders: each a change in amount and lines of either sign, in any row order. */
  orders: fc.array(fc.record({ cents: fc.integer({ min: -3_000_000, max: 9_000_000 }), lines: fc.array(fc.oneof(arbLine(true), arbLine(false)), { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
  poRow: fc.nat(),
  documents: fc.constantFrom([], ['conflict-of-interest', 'records-retention'], ['formal-bid-file'], ['federal-quotes']),
  member: fc.constantFrom(alder, elm),
  /** Goods, or a repair (a public project: CUPCCAA's limits for Elm). */
  repair: fc.boolean(),
});

describe('audit-ledger: a PO raised by change orders, funding deductions and all', () => {
  let n = 0;
  test.prop([arbCase], { numRuns: RUNS })('is judged at its total as auditChecklist judges it with its change orders', async (c) => {
    const raise = c.orders.reduce((sum, o) => sum + o.cents, 0);
    fc.pre(raise > 0);
    const po: Purchase = {
      id: 'PO-7',
      memberId: c.member.id,
      date: '2025-08-04',
      amount: centsToMoney(c.poCents),
      ...(c.repair ? { supplyKind: 'public-works', publicWorks: { kind: 'repair' } } : { supplyKind: 'goods' }),
      vendorId: 'v-desks',
      ...(c.poLines.length > 0 ? { funding: c.poLines.map(lineJson) as Purchase['funding'] } : {}),
      ...(c.documents.length > 0 ? { documents: c.documents.map((kind) => ({ kind })) } : {}),
    };
    const orders: Purchase[] = c.orders.map((o, i) => ({
      id: `CO-7-${i + 1}`,
      memberId: c.member.id,
      date: `2025-${String(9 + i).padStart(2, '0')}-01`,
      amount: signed(o.cents),
      supplyKind: po.supplyKind,
      vendorId: 'v-desks',
      revisionOf: 'PO-7',
      ...(o.lines.length > 0 ? { funding: o.lines.map(lineJson) as Purchase['funding'] } : {}),
    }));
    const rows: Purchase[] = [...orders];
    rows.splice(c.poRow % (orders.length + 1), 0, po);
    const file = join(scratch, `ledger-${n++}.json`);
    writeFileSync(file, JSON.stringify(rows));
    const options = { file, packs: undefined, members: scratchMembers, contracts: undefined, window: 'fiscal-year' as const, maxErrors: 1000, jobs: 0 };
    const text = await ledgerOutput(options);
    // (decided by a helper thread, as with workers: the same report)
    expect(await ledgerOutput({ ...options, raisedHelper: threadLikeRaisedHelper() })).toBe(text);
    const out = JSON.parse(text) as { problems?: unknown; written: string[] };
    expect(out.problems).toBeUndefined();
    const entries = out.written.filter((w) => w.startsWith('missingDocuments ')).map((w) => JSON.parse(w.slice('missingDocuments '.length)) as { purchaseId: string; missing: string[]; byChangeOrder?: boolean });
    const asIssued = pace.auditChecklist({ member: c.member, purchase: po }).missing;
    const atTotal = pace.auditChecklist({ member: c.member, purchase: po, changeOrders: orders }).missing;
    expect(entries.find((e) => !e.byChangeOrder)?.missing ?? []).toEqual(asIssued);
    // Listed again, as the library lists it, when the total misses an item the PO as issued did not.
    const listedAgain = entries.filter((e) => e.byChangeOrder).map((e) => e.missing);
    expect(listedAgain).toEqual(atTotal.some((item) => !asIssued.includes(item)) ? [atTotal] : []);
  });
});
