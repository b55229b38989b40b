// sortByDayThenId must order a bucket's rows exactly as the comparator sort it replaced: by day,
// then id, stably. Lists short and long, days few (many rows a day) or spread (negative ones too,
// dates before 1970), ids with repeats, in any order or already sorted. Failing runs print their
// seed (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { sortByDayThenId, type DayAndId } from '../../src/audit/by-day-then-id.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 200);

function comparatorSort(list: number[], rows: readonly DayAndId[]): number[] {
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...list].sort((a, b) => rows[a]!.day - rows[b]!.day || text(rows[a]!.purchase.id, rows[b]!.purchase.id));
}

const arbRows = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -719_528, max: 2_932_896 }), fc.integer({ min: 19_000, max: 19_030 })).chain((anchor) =>
  fc.array(
    fc.record({
      day: fc.oneof(fc.integer({ min: anchor, max: anchor + 3 }), fc.integer({ min: anchor, max: anchor + 700 })),
      purchase: fc.record({ id: fc.oneof(fc.constantFrom('PO-1', 'PO-10', 'PO-2', 'po-1', 'A', ''), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })) }),
    }),
    { minLength: 0, maxLength: 120, size: 'max' },
  ),
);

describe('sortByDayThenId', () => {
  test.prop([arbRows, fc.boolean(), fc.boolean()], { numRuns: RUNS })('orders as the comparator sort does (by day, then id, stably)', (rows, presorted, repeat) => {
    // Each row's index once (as the split check lists them), or some twice; in a shuffled order, or sorted already.
    let list = rows.map((_, i) => i);
    if (repeat) list = [...list, ...list.filter((i) => i % 3 === 0)];
    list = list.map((i, k) => [i, (k * 7919) % (list.length + 1)] as const).sort((a, b) => a[1] - b[1]).map(([i]) => i);
    if (presorted) list = comparatorSort(list, rows);
    const expected = comparatorSort(list, rows);
    sortByDayThenId(list, rows);
    expect(list).toEqual(expected);
  });

  it('keeps the order of rows with the same day and id (a repeated id is not an error)', () => {
    const rows: DayAndId[] = Array.from({ length: 40 }, (_, i) => ({ day: 100 - (i % 4), purchase: { id: i % 2 === 0 ? 'same' : `po-${i}` } }));
    const list = rows.map((_, i) => i);
    const expected = comparatorSort(list, rows);
    sortByDayThenId(list, rows);
    expect(list).toEqual(expected);
    // (the rows of day 98 with id "same", in their first order, and after day 97's)
    expect(list.filter((i) => rows[i]!.day === 98 && rows[i]!.purchase.id === 'same')).toEqual([2, 6, 10, 14, 18, 22, 26, 30, 34, 38]);
    expect(list.slice(0, 10).every((i) => rows[i]!.day === 97)).toBe(true);
  });
});
