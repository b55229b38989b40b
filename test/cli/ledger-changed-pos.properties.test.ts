// ChangedPOs (the POs change orders changed while a ledger is read) against the Map of ChangedPO
// objects it replaced. Failing runs print their seed (fast-check's report).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ChangedPOs } from '../../src/cli/ledger/changed-pos.js';
import type { ChangedPO } from '../../src/cli/ledger/chunk-result.js';

/** What LedgerBook did with a Map: the first change order's amount before, the latest line, each change order's funding. */
function model(changes: readonly [row: number, line: number, before: number, funding: string | undefined][]): [number, ChangedPO][] {
  const changed = new Map<number, ChangedPO>();
  for (const [row, line, before, funding] of changes) {
    let po = changed.get(row);
    if (po === undefined) changed.set(row, (po = { line, issued: before, funding: undefined }));
    else if (po.line < line) po.line = line;
    if (funding !== undefined) (po.funding ??= []).push([line, funding]);
  }
  return [...changed].sort((a, b) => a[1].line - b[1].line);
}

// Rows near one another, 50 apart (a change order every 50 rows), or anywhere up to 20,000,000
// (thousands: the index grows from its 4,096 slots);
// amounts beyond four bytes; lines in file order or not (a change order before its PO is folded later).
const arbRow = fc.oneof(fc.nat(300), fc.nat(4000).map((n) => n * 50), { arbitrary: fc.nat(20_000_000), weight: 3 });
const arbChange = fc.tuple(arbRow, fc.nat(40_000_000), fc.oneof(fc.integer({ min: -5_000_000, max: 5_000_000 }), fc.constantFrom(2 ** 31, -(2 ** 31), 9_007_199_254_740_991)), fc.option(fc.constantFrom('[{"source":"federal","amount":"10.00"}]', '[]'), { nil: undefined }));

describe('ChangedPOs', () => {
  test.prop([fc.array(arbChange, { maxLength: 12_000, size: 'max' }), fc.array(arbChange, { maxLength: 50 })], { numRuns: 30 })('keeps what the Map of ChangedPO kept, through its index growing, and starts afresh after clear', (changes, after) => {
    // (distinct lines: a change order is on one line)
    const seen = new Set<number>();
    const distinct = [...changes, ...after].filter(([, line]) => !seen.has(line) && seen.add(line));
    const first = distinct.slice(0, distinct.length - after.length);
    const pos = new ChangedPOs();
    for (const [row, line, before, funding] of first) pos.change(row, line, before, funding);
    const expected = model(first);
    expect(pos.size).toBe(expected.length);
    expect(pos.byLatestLine()).toEqual(expected);
    pos.clear();
    expect(pos.size).toBe(0);
    const rest = distinct.slice(first.length);
    for (const [row, line, before, funding] of rest) pos.change(row, line, before, funding);
    expect(pos.byLatestLine()).toEqual(model(rest));
  });
});
