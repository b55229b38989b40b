// findSplitPurchases judges the rolling years across July 1 of a large bucket from prefix sums
// before judging them in full; that must change no group. Buckets of one member (of each regime),
// vendor and supply kind over two fiscal years, with purchases over the limits and change orders
// among them, judged with the prefix sums always used and never. Failing runs print their seed
// (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { afterEach, describe, expect } from 'vitest';
import { useKeptSums } from '../../src/audit/split-boundaries.js';
import { createPace, type Member, type Purchase } from '../../src/index.js';
import { centsToMoney, district } from '../compliance/arbitraries.js';

const pace = createPace();
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 40);

const MEMBERS: Member[] = [
  { ...district, id: 'm' },
  { ...district, id: 'm', cupccaa: { optedIn: true, since: '2025-03-01' } },
  { id: 'm', name: 'Coastline CCD', kind: 'community-college-district', state: 'CA' },
];

const arbBucket = fc.record({
  member: fc.constantFrom(...MEMBERS),
  kind: fc.constantFrom<Purchase['supplyKind']>('goods', 'services', 'public-works'),
  start: fc.integer({ min: 0, max: 400 }),
  rows: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 729 }),
      cents: fc.oneof(fc.integer({ min: 0, max: 15_000_000 }), fc.constantFrom(11450000, 11450001, 11480000, 11480001, 1500000, 22000000, 6000000, 6000001, 7500000, 7500001)),
      changeOf: fc.option(fc.nat(), { freq: 15, nil: undefined }),
    }),
    { minLength: 60, maxLength: 400, size: 'max' },
  ),
});

afterEach(() => useKeptSums('auto'));

describe('findSplitPurchases across July 1', () => {
  test.prop([arbBucket], { numRuns: RUNS })('finds the same groups with and without the prefix sums of rolling years', ({ member, kind, start, rows }) => {
    const purchases: Purchase[] = rows.map((r, i) => ({
      id: `po-${i}`,
      memberId: 'm',
      date: new Date(Date.UTC(2023, 6, 1 + start + r.day)).toISOString().slice(0, 10),
      amount: centsToMoney(r.changeOf !== undefined && i > 0 ? r.cents % 2_000_000 : r.cents),
      supplyKind: kind,
      vendorId: 'v',
      ...(r.changeOf !== undefined && i > 0 ? { revisionOf: `po-${r.changeOf % i}` } : {}),
    }));
    useKeptSums('always');
    const pruned = pace.findSplitPurchases(purchases, { members: [member] });
    useKeptSums('off');
    const full = pace.findSplitPurchases(purchases, { members: [member] });
    expect(pruned).toEqual(full);
  });
});
