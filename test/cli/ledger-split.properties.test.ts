// The ledger's split detection (compact rows, bucket by bucket, groups streamed to the report)
// finds exactly the groups pace.findSplitPurchases finds on the same purchases. Failing runs print
// their seed (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createPace, type Purchase } from '../../src/index.js';
import { arbDate, centsToMoney } from '../compliance/arbitraries.js';

const pace = createPace();
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 60);
const data = (f: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', f);
const scratch = mkdtempSync(join(tmpdir(), 'pace-ledger-split-'));

/** Amounts near the limits a group is judged against, and mostly a fraction of the $114,800 bid limit. */
const arbCents = fc.oneof(fc.constantFrom(11480000, 11480001, 6000000, 2500000, 5740000), fc.integer({ min: 1_000_000, max: 9_000_000 }), fc.integer({ min: 0, max: 15_000_000 }));
/** Dates over two fiscal years (2024-25 and 2025-26), so that groups form within and across July 1. */
const arbLedgerDate = fc.oneof(fc.integer({ min: 0, max: 729 }).map((d) => new Date(Date.UTC(2024, 6, 1 + d)).toISOString().slice(0, 10)), arbDate);

// Few members, vendors and kinds, so that buckets hold several purchases (a district, a
// district in other years' limits, a charter school with no state bid limit).
const arbRows = fc.array(
  fc.record({
    member: fc.constantFrom('alder-usd', 'alder-usd', 'alder-usd', 'alder-usd', 'birch-esd', 'cedar-charter'),
    vendor: fc.constantFrom('v-1', 'v-1', 'v-1', 'v-1', 'v-2', ''),
    kind: fc.constantFrom<Purchase['supplyKind']>('goods', 'goods', 'goods', 'goods', 'services', 'public-works'),
    date: arbLedgerDate,
    cents: arbCents,
    underContract: fc.integer({ min: 0, max: 9 }),
  }),
  { minLength: 2, maxLength: 60, size: 'max' },
);

describe('audit-ledger split groups', () => {
  test.prop([arbRows, fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined })], { numRuns: RUNS })(
    'are the groups findSplitPurchases finds on the same purchases, in the same order',
    async (rows, days) => {
      const purchases: Purchase[] = rows.map((r, i) => ({
        id: `PO-${i}`,
        memberId: r.member,
        date: r.date,
        amount: centsToMoney(r.cents),
        supplyKind: r.kind,
        ...(r.vendor ? { vendorId: r.vendor } : {}),
        ...(r.underContract === 0 ? { contractId: 'pace-tech-2024' } : {}),
      }));
      const csv = ['id,memberId,date,amount,supplyKind,vendorId,contractId', ...purchases.map((p) => [p.id, p.memberId, p.date, p.amount, p.supplyKind, p.vendorId ?? '', p.contractId ?? ''].join(','))].join('\n');
      const ledger = join(scratch, 'ledger.csv');
      writeFileSync(ledger, `${csv}\n`);
      const out = join(scratch, 'report.json');
      const window = days === undefined ? 'fiscal-year' : String(days);
      const code = await runCli(['audit-ledger', ledger, '--members', data('members.json'), '--contracts', data('contracts.json'), '--json', '--out', out, '--window', window], { stdout: () => {}, stderr: () => {} });
      expect([0, 1]).toContain(code);
      const report = JSON.parse(readFileSync(out, 'utf8')) as { splitPurchases: unknown[] };
      const expected = pace.findSplitPurchases(purchases, days === undefined ? {} : { window: { days } });
      expect(report.splitPurchases).toEqual(JSON.parse(JSON.stringify(expected)));
    },
  );
});
