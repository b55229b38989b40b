// The ledger's split detection (compact rows, bucket by bucket, groups streamed to the report)
// finds exactly the groups pace.findSplitPurchases finds on the same purchases. Failing runs print
// their seed (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { decideChunk } from '../../src/cli/ledger/decide-rows.js';
import { LedgerBook } from '../../src/cli/ledger/ledger-book.js';
import { readHeader } from '../../src/cli/ledger/rows.js';
import { buildLedgerSetup, type LedgerFiles } from '../../src/cli/ledger/setup.js';
import { BucketSplitter, splitColumnsOf, type BucketGroup, type SplitHelpers } from '../../src/cli/ledger/split-buckets.js';
import { paceContextOf } from '../../src/pace.js';
import { createPace, type Member, type Purchase } from '../../src/index.js';
import { arbDate, centsToMoney, district } from '../compliance/arbitraries.js';

const pace = createPace();
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 60);
const data = (f: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', f);
const scratch = mkdtempSync(join(tmpdir(), 'pace-ledger-split-'));

/** Amounts near the limits a group is judged against, and mostly a fraction of the $114,800 bid limit. */
const arbCents = fc.oneof(
  fc.constantFrom(11480000, 11480001, 6000000, 2500000, 5740000),
  fc.integer({ min: 1_000_000, max: 9_000_000 }),
  fc.integer({ min: 0, max: 15_000_000 }),
  // Around the federal micro-purchase thresholds ($10,000 to 2025-09-30, then $15,000).
  fc.constantFrom(1_000_000, 1_000_001, 1_500_000, 1_500_001),
  fc.integer({ min: 200_000, max: 1_600_000 }),
);
/** Dates over two fiscal years (2024-25 and 2025-26), so that groups form within and across July 1. */
const arbLedgerDate = fc.oneof(fc.integer({ min: 0, max: 729 }).map((d) => new Date(Date.UTC(2024, 6, 1 + d)).toISOString().slice(0, 10)), arbDate);

/**
 * Four members of generated regimes: every member kind (a joint powers authority with or without
 * its designated kind), with or without a CUPCCAA election (in force from before the ledger or
 * from within it), so that each bucket's limit is its own member's.
 */
const MEMBER_IDS = ['m-0', 'm-1', 'm-2', 'm-3'] as const;
const arbRegime = fc.record({
  kind: fc.constantFrom<Member['kind']>('school-district', 'county-office', 'charter-school', 'community-college-district', 'joint-powers-authority', 'other-public-agency'),
  regimeOf: fc.option(fc.constantFrom<Member['kind']>('school-district', 'county-office', 'charter-school', 'community-college-district'), { nil: undefined }),
  cupccaa: fc.option(fc.constantFrom('2019-01-01', '2025-03-01', '2026-01-01'), { nil: undefined }),
  optedIn: fc.boolean(),
});
const arbMembers = fc.tuple(arbRegime, arbRegime, arbRegime, arbRegime).map((regimes) =>
  regimes.map(({ kind, regimeOf, cupccaa, optedIn }, i): Member => {
    const { districtType: _type, ...base } = district;
    return {
      ...(kind === 'school-district' ? district : base),
      id: MEMBER_IDS[i]!,
      name: `Member ${i}`,
      kind,
      ...(kind === 'joint-powers-authority' && regimeOf !== undefined ? { regimeOf } : {}),
      ...(cupccaa !== undefined ? { cupccaa: { optedIn, since: cupccaa } } : {}),
    };
  }),
);

// Few members, vendors and kinds, so that buckets hold several purchases.
const arbRows = fc.array(
  fc.record({
    member: fc.constantFrom('m-0', 'm-0', 'm-0', 'm-1', 'm-2', 'm-3'),
    vendor: fc.constantFrom('v-1', 'v-1', 'v-1', 'v-1', 'v-2', ''),
    kind: fc.constantFrom<Purchase['supplyKind']>('goods', 'goods', 'goods', 'goods', 'services', 'public-works'),
    /** A public work's kind of work (column publicWorksKind): maintenance is judged against § 20111(a), in a bucket of its own. */
    work: fc.option(fc.constantFrom<NonNullable<Purchase['publicWorks']>['kind']>('maintenance', 'maintenance', 'repair'), { nil: undefined }),
    date: arbLedgerDate,
    cents: arbCents,
    underContract: fc.integer({ min: 0, max: 9 }),
    /** Paid with federal money: its split check includes the micro-purchase groups (2 CFR 200.320). */
    federal: fc.constantFrom(false, false, true),
    /** A change order of the PO, in cents (negative: a deduction of at most half the PO), some days later. */
    change: fc.option(fc.record({ cents: fc.integer({ min: -50, max: 100 }), days: fc.integer({ min: 0, max: 90 }) }), { freq: 4, nil: undefined }),
    /** A second change order naming the first (a chain, as some ERPs number amendments), up by this percent of the PO, listed before or after it. */
    chained: fc.option(fc.record({ percent: fc.integer({ min: 0, max: 100 }), first: fc.boolean() }), { freq: 3, nil: undefined }),
  }),
  { minLength: 2, maxLength: 60, size: 'max' },
);

describe('audit-ledger split groups', () => {
  test.prop([arbRows, fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }), arbMembers], { numRuns: RUNS })(
    'are the groups findSplitPurchases finds on the same purchases with the same members, in the same order',
    async (rows, days, members) => {
      const purchases: Purchase[] = rows.flatMap((r, i) => {
        const po: Purchase = {
          id: `PO-${i}`,
          memberId: r.member,
          date: r.date,
          amount: centsToMoney(r.cents),
          supplyKind: r.kind,
          ...(r.vendor ? { vendorId: r.vendor } : {}),
          ...(r.underContract === 0 ? { contractId: 'pace-tech-2024' } : {}),
          ...(r.federal ? { funding: [{ source: 'federal' as const, amount: centsToMoney(r.cents) }] } : {}),
          ...(r.kind === 'public-works' && r.work !== undefined ? { publicWorks: { kind: r.work } } : {}),
        };
        if (r.change === undefined) return [po];
        // Up to the PO's amount again, or down by at most half of it (never below zero), a date in the ledger's span.
        const cents = Math.trunc((r.cents * r.change.cents) / 100);
        const date = new Date(Date.parse(`${r.date}T00:00:00Z`) + r.change.days * 86_400_000).toISOString().slice(0, 10);
        const { funding: _funding, ...fields } = po;
        const change = { ...fields, id: `CO-${i}`, date: date > '2026-06-30' ? r.date : date, amount: `${cents < 0 ? '-' : ''}${centsToMoney(Math.abs(cents))}`, revisionOf: po.id };
        if (r.chained === undefined) return [po, change];
        const next = { ...change, id: `CO-${i}-b`, amount: centsToMoney(Math.trunc((r.cents * r.chained.percent) / 100)), revisionOf: change.id };
        return r.chained.first ? [next, po, change] : [po, change, next];
      });
      const csv = ['id,memberId,date,amount,supplyKind,vendorId,contractId,federalAmount,publicWorksKind,revisionOf', ...purchases.map((p) => [p.id, p.memberId, p.date, p.amount, p.supplyKind, p.vendorId ?? '', p.contractId ?? '', p.funding?.[0]?.amount ?? '', p.publicWorks?.kind ?? '', p.revisionOf ?? ''].join(','))].join('\n');
      const ledger = join(scratch, 'ledger.csv');
      writeFileSync(ledger, `${csv}\n`);
      const membersFile = join(scratch, 'members.json');
      writeFileSync(membersFile, JSON.stringify(members));
      const out = join(scratch, 'report.json');
      const window = days === undefined ? 'fiscal-year' : String(days);
      const code = await runCli(['audit-ledger', ledger, '--members', membersFile, '--contracts', data('contracts.json'), '--json', '--out', out, '--window', window], { stdout: () => {}, stderr: () => {} });
      expect([0, 1]).toContain(code);
      const report = JSON.parse(readFileSync(out, 'utf8')) as { splitPurchases: { purchaseIds: string[]; to: string }[] };
      const expected = pace.findSplitPurchases(purchases, { members, ...(days === undefined ? {} : { window: { days } }) });
      // The ledger lists a group's POs without their change orders, and its `to` is its last PO's
      // date (docs/cli.md); the library lists change orders after their PO and counts their dates.
      const withoutChanges = (groups: readonly { purchaseIds: readonly string[]; to: string }[]): unknown[] => groups.map(({ to: _to, ...g }) => ({ ...g, purchaseIds: g.purchaseIds.filter((id) => !id.startsWith('CO-')) }));
      expect(withoutChanges(report.splitPurchases)).toEqual(withoutChanges(JSON.parse(JSON.stringify(expected)) as typeof report.splitPurchases));
    },
  );
});

/**
 * Helpers that check buckets as the ledger's worker threads do (their own setup, the columns and
 * rows through structured clone, as postMessage hands them over: shared memory), answering after
 * a random delay, so that answers come in any order.
 */
function threadLikeHelpers(files: LedgerFiles, count: number, delays: number[], dealt: number[] = []): SplitHelpers {
  let splitters: BucketSplitter[] = [];
  let order: Int32Array<ArrayBufferLike> = new Int32Array(0);
  let asked = 0;
  return {
    count,
    start(columns, rows, window) {
      splitters = Array.from({ length: count }, () => {
        const { setup, memberList } = buildLedgerSetup(files);
        return new BucketSplitter(splitColumnsOf(structuredClone(columns)), paceContextOf(setup.pace)!, memberList, window);
      });
      order = structuredClone(rows);
    },
    split(helper, from, to, member, vendor, keep) {
      dealt.push(to - from);
      const groups: BucketGroup[] = [];
      splitters[helper]!.split(order.subarray(from, to), member, vendor, () => keep, (group) => groups.push(group));
      return new Promise<BucketGroup[]>((resolve) => setTimeout(() => resolve(structuredClone(groups)), delays[asked++ % delays.length]));
    },
  };
}

describe('audit-ledger split groups with worker threads', () => {
  test.prop([arbRows, arbMembers, fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(3), { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 40 })], { numRuns: Math.ceil(RUNS / 2) })(
    'are the groups one thread finds, sent in the same order, when threads check some of the buckets (larger ones kept by the ledger\'s thread)',
    async (rows, members, threads, delays, largest) => {
      const csv = ['id,memberId,date,amount,supplyKind,vendorId,contractId', ...rows.map((r, i) => [`PO-${i}`, r.member, r.date, centsToMoney(r.cents), r.kind, r.vendor, r.underContract === 0 ? 'pace-tech-2024' : ''].join(','))];
      const membersFile = join(scratch, 'members-shared.json');
      writeFileSync(membersFile, JSON.stringify(members));
      const header = readHeader(csv[0]!.split(','));
      if (!('columns' in header)) throw new Error(header.problem);
      const files: LedgerFiles = { packs: undefined, members: membersFile, contracts: data('contracts.json'), format: 'csv', columns: header.columns, reuseDecisions: true };
      const check = async (helpers?: SplitHelpers) => {
        const { setup, memberList } = buildLedgerSetup(files);
        const written: string[] = [];
        // (the columns in shared memory when threads check buckets, as audit-ledger keeps them then)
        const book = new LedgerBook(setup, memberList, { neededBid: () => {}, missingDocuments: () => {}, blockedPurchases: () => {}, splitGroup: (json) => written.push(json) }, 2, (line) => `line ${line}`, (_line, field) => field, helpers !== undefined);
        book.add(decideChunk(setup, `${csv.slice(1).join('\n')}\n`));
        await book.resolvePendingChanges();
        const found = await book.findSplitPurchases('fiscal-year', helpers, 0, largest);
        return { written, found, members: book.members() };
      };
      const alone = await check();
      const dealt: number[] = [];
      expect(await check(threadLikeHelpers(files, threads, delays, dealt))).toEqual(alone);
      // No bucket over the limit went to a worker.
      expect(dealt.filter((rows) => rows > largest)).toEqual([]);
      // With more groups than workers take (their heap holds the groups' list), none goes to one.
      const none: number[] = [];
      const { setup, memberList } = buildLedgerSetup(files);
      const book = new LedgerBook(setup, memberList, { neededBid: () => {}, missingDocuments: () => {}, blockedPurchases: () => {}, splitGroup: () => {} }, 2, (line) => `line ${line}`, (_line, field) => field, true);
      book.add(decideChunk(setup, `${csv.slice(1).join('\n')}\n`));
      await book.resolvePendingChanges();
      await book.findSplitPurchases('fiscal-year', threadLikeHelpers(files, threads, delays, none), 0, largest, 0);
      expect(none).toEqual([]);
    },
  );
});

test('federal money: purchases from one vendor, each a micro-purchase, together over the threshold, are a group', async () => {
  // Three $6,000 purchases of federal money from one vendor in September 2024 (threshold $10,000),
  // of two supply kinds, and a fourth without federal money that stays out of the group.
  const rows = [
    ['PO-F1', '2024-09-03', '6000.00', 'goods', '6000.00'],
    ['PO-F2', '2024-09-10', '6000.00', 'services', '6000.00'],
    ['PO-F3', '2024-09-17', '6000.00', 'goods', '6000.00'],
    ['PO-L1', '2024-09-20', '6000.00', 'goods', ''],
  ];
  const ledger = join(scratch, 'federal.csv');
  writeFileSync(ledger, `id,memberId,date,amount,supplyKind,vendorId,federalAmount\n${rows.map(([id, date, amount, kind, federal]) => `${id},alder-usd,${date},${amount},${kind},v-1,${federal}`).join('\n')}\n`);
  const out = join(scratch, 'federal.json');
  let text = '';
  await runCli(['audit-ledger', ledger, '--members', data('members.json'), '--json', '--out', out], { stdout: () => {}, stderr: () => {} });
  await runCli(['audit-ledger', ledger, '--members', data('members.json')], { stdout: (s) => (text += s), stderr: () => {} });
  const groups = (JSON.parse(readFileSync(out, 'utf8')) as { splitPurchases: { kind: string; purchaseIds: string[]; total: string; threshold: string }[] }).splitPurchases;
  expect(groups.map((g) => [g.kind, g.purchaseIds, g.total, g.threshold])).toEqual([['federal-micro-purchase', ['PO-F1', 'PO-F2', 'PO-F3'], '18000.00', '10000.00']]);
  expect(text).toContain('alder-usd / v-1 / goods (federal money, each a micro-purchase): PO-F1, PO-F2, PO-F3 = $18,000.00 over $10,000.00');
});
