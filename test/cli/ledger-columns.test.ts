// The compact columns audit-ledger keeps per row, against plain arrays and maps holding the same.
// Failing runs print their seed (fast-check's report).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CentsColumn, IdIndex, LineColumn, SmallIntColumn, jsonString } from '../../src/cli/ledger/columns.js';
import { nestedJson } from '../../src/cli/ledger/split-buckets.js';

describe('audit-ledger columns', () => {
  test.prop([fc.array(fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) + 1, 9_007_199_254_740_991)), { maxLength: 300 })])(
    'CentsColumn gives back every amount set, also beyond four bytes and after an overwrite',
    (amounts) => {
      const column = new CentsColumn(true);
      amounts.forEach((c, row) => column.set(row, c));
      amounts.forEach((c, row) => expect(column.get(row)).toBe(c));
      // As another thread reads it (what postMessage gives it: the pages shared, the rest copied).
      const reader = CentsColumn.reader(structuredClone(column.share()));
      amounts.forEach((c, row) => expect(reader.get(row)).toBe(c));
      // Overwrite in reverse (a change order moving a PO across the four-byte range).
      const reversed = [...amounts].reverse();
      reversed.forEach((c, row) => column.set(row, c));
      reversed.forEach((c, row) => expect(column.get(row)).toBe(c));
    },
  );

  // Rows mostly on consecutive lines; a change order, a bad row or a quoted line break between them skips lines.
  test.prop([fc.array(fc.constantFrom(1, 1, 1, 2, 5), { maxLength: 400 }), fc.integer({ min: 1, max: 5 })])('LineColumn gives the line of every row added in order', (gaps, first) => {
    const column = new LineColumn();
    const lines: number[] = [];
    let line = first;
    gaps.forEach((gap, row) => {
      line += gap;
      lines.push(line);
      column.add(row, line);
    });
    lines.forEach((l, row) => expect(column.get(row)).toBe(l));
  });

  // Short ids (many to a page, hash index growing), and long ones (ids crossing from page to page of 1 MB within a block of 16 rows).
  // ASCII ids (read and compared character by character), any text, and ASCII ids before others.
  const arbIds = fc.oneof(
    fc.array(fc.string({ maxLength: 12 }), { maxLength: 3000 }),
    fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 3000 }),
    fc.tuple(fc.array(fc.string({ maxLength: 12 }), { maxLength: 1500 }), fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 1500 })).map(([a, b]) => [...a, ...b]),
    // Ids sharing beginnings with the one before (stored as the shared length and the rest): PO
    // numbers, one beginning longer than 255 bytes, characters of several bytes cut anywhere.
    fc.array(fc.tuple(fc.constantFrom('PO-', 'PO-1', 'PO-12', 'é€', 'é€x', `${'a'.repeat(300)}`, `${'a'.repeat(300)}b`, ''), fc.oneof(fc.nat(3000).map(String), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ minLength: 250, maxLength: 400 }))).map(([a, b]) => a + b), { maxLength: 3000 }),
    fc.array(fc.string({ minLength: 200, maxLength: 3000 }), { minLength: 400, maxLength: 1500 }),
    // ASCII ids of every length up to 64 (rebuilt as text eight characters at a time).
    fc.array(fc.string({ minLength: 0, maxLength: 64 }), { maxLength: 1500 }),
  );
  // Room made for an estimate of the rows, before any or after some were added (the ledger's first chunk).
  const arbReserve = fc.option(fc.record({ after: fc.nat(3000), rows: fc.oneof(fc.nat(20_000), fc.integer({ min: 49_000, max: 200_000 })) }));
  test.prop([arbIds, arbReserve], { numRuns: 40 })('IdIndex finds each id, refuses a repeat with the earlier row, and gives ids back', (ids, reserve) => {
    const index = new IdIndex(true);
    const first = new Map<string, number>();
    const rows: string[] = [];
    for (const [k, id] of ids.entries()) {
      if (reserve && k === Math.min(reserve.after, ids.length - 1)) index.reserve(reserve.rows);
      const earlier = index.add(id);
      if (first.has(id)) expect(earlier).toBe(first.get(id));
      else {
        expect(earlier).toBe(-1);
        first.set(id, rows.length);
        rows.push(id);
      }
    }
    expect(index.size).toBe(rows.length);
    rows.forEach((id, row) => {
      expect(index.id(row)).toBe(id);
      expect(index.find(id)).toBe(row);
    });
    expect(index.find('\u0000not-an-id')).toBe(-1);
    // Without its hash index the ids are still there by row, in any order; a lookup is refused, not wrong.
    index.dropIndex();
    for (let row = rows.length - 1; row >= 0; row--) expect(index.id(row)).toBe(rows[row]);
    expect(() => index.find(rows[0] ?? 'x')).toThrow(/dropped/);
    // As another thread reads them (its split check): the pages shared, not copied.
    const shared = structuredClone(index.share());
    const reader = IdIndex.reader(shared);
    expect(reader.size).toBe(rows.length);
    for (let row = rows.length - 1; row >= 0; row--) expect(reader.id(row)).toBe(rows[row]);
    if (shared.pages.length > 0) expect(shared.pages[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  // Two PO numbers with the same 32-bit hash (found by a search over 'PO-0', 'PO-1', …): a slot's
  // hash bits match for both, so only comparing the ids themselves tells them apart.
  test('IdIndex tells apart two ids of the same hash, before and after the index grows', () => {
    const hashOf = (id: string): number => (IdIndex as unknown as { hash(bytes: Uint8Array, n: number): number }).hash(new TextEncoder().encode(id), id.length);
    const [a, b] = ['PO-809557', 'PO-2354200'];
    expect(hashOf(a)).toBe(hashOf(b));
    const index = new IdIndex();
    expect(index.add(a)).toBe(-1);
    expect(index.find(b)).toBe(-1);
    expect(index.add(b)).toBe(-1);
    expect(index.add(a)).toBe(0);
    expect(index.add(b)).toBe(1);
    // 100,000 more ids: the index grows (rehashing every id) and the pair still differs.
    for (let i = 0; i < 100_000; i++) expect(index.add(`INV-${i}`)).toBe(-1);
    expect([index.find(a), index.find(b), index.find('INV-99999'), index.find('PO-0')]).toEqual([0, 1, 100_001, -1]);
  });

  // Page-sized runs of one value (a page is 65,536 rows), some beyond two bytes.
  test.prop([fc.array(fc.tuple(fc.oneof(fc.nat(0xffff), fc.nat(2_000_000)), fc.integer({ min: 1, max: 40_000 })), { maxLength: 5 }), fc.nat(199_999)], { numRuns: 30 })('SmallIntColumn gives back every value, across pages and after widening', (values, at) => {
    const column = new SmallIntColumn(true);
    const model: number[] = [];
    for (const [v, times] of values) {
      for (let k = 0; k < times; k++) {
        column.set(model.length, v);
        model.push(v);
      }
    }
    // An overwrite after the column may have widened.
    if (model.length > 0) {
      const row = at % model.length;
      column.set(row, 70_000);
      model[row] = 70_000;
    }
    expect(model.map((_, row) => column.get(row))).toEqual(model);
    const { pages, wide } = structuredClone(column.share());
    expect(pages.every((page) => page.buffer instanceof SharedArrayBuffer)).toBe(true);
    expect(model.map((_, row) => new SmallIntColumn(true, pages, wide).get(row))).toEqual(model);
  });
});

describe('audit-ledger JSON for the report', () => {
  test.prop([fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('PO-1', 'a"b', 'c\\d', '\u0000', '\u001f', '\ud800', 'x\udfffy', '\u2028', 'é'))])('jsonString is JSON.stringify of a string', (s) => {
    expect(jsonString(s)).toBe(JSON.stringify(s));
  });

  test.prop([fc.jsonValue()])('nestedJson is the value stringified with two spaces, then every line after the first indented by four more', (value) => {
    expect(nestedJson(value)).toBe(JSON.stringify(value, null, 2).replace(/\n/g, '\n    '));
  });
});
