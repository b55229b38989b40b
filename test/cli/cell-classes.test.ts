// The tuples of cells audit-ledger learns from a CSV ledger's rows (src/cli/ledger/cell-classes.ts):
// found only for a row with the same cells, never for one with funding or revisionOf cells or of
// another width, and held within a bound on the thread's heap whatever the ledger (bounded by a
// count alone, a ledger of many vendors and members, or of long documents cells, ran a worker out
// of memory on a file the ledger decided before the table existed).
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CellClasses } from '../../src/cli/ledger/cell-classes.js';
import { readHeader, type ColumnIndex } from '../../src/cli/ledger/rows.js';

const HEADER = ['id', 'memberId', 'date', 'amount', 'supplyKind', 'contractId', 'vendorId', 'documents', 'federalAmount', 'revisionOf'];
const columns = (readHeader(HEADER) as { columns: ColumnIndex }).columns;
const row = (member: string, vendor: string, documents = 'quotes', extra: Partial<Record<'federalAmount' | 'revisionOf' | 'id' | 'date' | 'amount', string>> = {}): string[] => [
  extra.id ?? 'PO-1',
  member,
  extra.date ?? '2025-09-02',
  extra.amount ?? '1200.00',
  'goods',
  'pace-tech-2024',
  vendor,
  documents,
  extra.federalAmount ?? '',
  extra.revisionOf ?? '',
];
/** What the table holds in estimated bytes, and its limit (private: read for the test). */
const held = (table: CellClasses<object>): { bytes: number; limit: number } => table as unknown as { bytes: number; limit: number };

describe('CellClasses', () => {
  it('finds what a row with the same cells but its id, date and amount left, and nothing for another row', () => {
    const table = new CellClasses<{ n: number }>(columns);
    const learnt = { n: 1 };
    table.learn(row('alder-usd', 'v-1'), () => learnt);
    expect(table.find(row('alder-usd', 'v-1', 'quotes', { id: 'PO-2', date: '2026-01-31', amount: '5.00' }))).toBe(learnt);
    expect(table.find(row('alder-usd', 'v-2'))).toBeUndefined();
    expect(table.find(row('birch-esd', 'v-1'))).toBeUndefined();
    expect(table.find(row('alder-usd', 'v-1', 'quotes;formal-bid-file'))).toBeUndefined();
    // funding and change orders are read in full; so is a row of another width
    expect(table.find(row('alder-usd', 'v-1', 'quotes', { federalAmount: '100.00' }))).toBeUndefined();
    expect(table.find(row('alder-usd', 'v-1', 'quotes', { revisionOf: 'PO-1' }))).toBeUndefined();
    expect(table.find([...row('alder-usd', 'v-1'), ''])).toBeUndefined();
    expect(table.find(row('alder-usd', 'v-1').slice(0, -1))).toBeUndefined();
    // a row with funding is not learnt
    table.learn(row('elm-usd', 'v-1', 'quotes', { federalAmount: '100.00' }), () => ({ n: 2 }));
    expect(table.find(row('elm-usd', 'v-1'))).toBeUndefined();
  });

  it('holds a twentieth of the heap at most', () => {
    expect(held(new CellClasses<object>(columns)).limit).toBe(Math.max(256 * 1024, Math.floor(getHeapStatistics().heap_size_limit / 20)));
  });

  it('stays within its bytes over 40,000 tuples of many members and vendors, each found again once, keeping the latest', () => {
    // (a worker's share: its heap limit is 56 MB)
    const limit = 2.8 * 2 ** 20;
    const table = new CellClasses<object>(columns, limit);
    for (let i = 0; i < 40_000; i++) {
      const cells = row(`member-${i % 1000}`, `v-${i}`, i % 2 ? 'board-authorization;po-cites-contract' : 'quotes');
      table.learn(cells, () => ({ i }));
      expect(held(table).bytes).toBeLessThanOrEqual(limit);
      // (the next row of the tuple: a table found as often as it learns starts anew when full)
      expect(table.find(cells)).toEqual({ i });
    }
    expect(table.find(row('member-999', 'v-39999', 'board-authorization;po-cites-contract'))).toEqual({ i: 39_999 });
    // (the table started anew on the way: the first tuples are forgotten, and read in full again)
    expect(table.find(row('member-0', 'v-0'))).toBeUndefined();
  });

  it('pauses learning when a full table was found less than it learnt (tuples that do not repeat within its room), and learns again after', () => {
    const limit = 256 * 1024;
    const table = new CellClasses<object>(columns, limit);
    const cells = (i: number): string[] => row(`member-${i % 1000}`, `v-${i}`);
    let made = 0;
    let next = 0;
    const learn = (): void => table.learn(cells(next++), () => (made++, { i: next - 1 }));
    /** Learns new tuples until one finds the table full (and is not learnt): how many were learnt. */
    const learnUntilFull = (): number => {
      const before = made;
      for (let m = made; made - before < 10_000; m = made) {
        learn();
        if (made === m) return made - before;
      }
      throw new Error('the table never found itself full');
    };
    // Distinct tuples, never found again: the table fills...
    const first = learnUntilFull();
    expect(first).toBeGreaterThan(100);
    expect(held(table).bytes).toBeLessThanOrEqual(limit);
    expect(table.find(cells(0))).toEqual({ i: 0 });
    // ...and is kept as it is, learning nothing for as many rows as it learnt
    const paused = next;
    for (let k = 0; k < first - 1; k++) learn();
    expect(made).toBe(first);
    expect(table.find(cells(0))).toEqual({ i: 0 });
    expect(table.find(cells(paused))).toBeUndefined();
    // then it starts anew
    learn();
    expect(made).toBe(first + 1);
    expect(table.find(cells(next - 1))).toEqual({ i: next - 1 });
    expect(table.find(cells(0))).toBeUndefined();
    // Poor again (found once): the next pause is twice as long as the table learnt
    const second = 1 + learnUntilFull();
    const after = made;
    for (let k = 0; k < 2 * second - 1; k++) learn();
    expect(made).toBe(after);
    learn();
    expect(made).toBe(after + 1);
  });

  it('charges a tuple once, however many rows of it are decided in full (a class first seen, a bad date)', () => {
    const table = new CellClasses<object>(columns, 2.8 * 2 ** 20);
    table.learn(row('alder-usd', 'v-1'), () => ({ i: 0 }));
    const once = held(table).bytes;
    for (let i = 1; i < 10_000; i++) table.learn(row('alder-usd', 'v-1', 'quotes', { date: '2026-01-31' }), () => ({ i }));
    expect(held(table).bytes).toBe(once);
    expect(table.find(row('alder-usd', 'v-1'))).toEqual({ i: 0 });
  });

  it('learns no tuple whose cells are long (a documents cell of 10,000 characters)', () => {
    const table = new CellClasses<object>(columns);
    const documents = `quotes;${' '.repeat(10_000)}board-authorization`;
    table.learn(row('alder-usd', 'v-1', documents), () => ({}));
    expect(table.find(row('alder-usd', 'v-1', documents))).toBeUndefined();
    expect(held(table).bytes).toBe(0);
  });
});
