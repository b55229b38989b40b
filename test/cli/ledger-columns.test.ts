// The compact columns audit-ledger keeps per row, against plain arrays and maps holding the same.
// Failing runs print their seed (fast-check's report).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CentsColumn, IdIndex, LineColumn } from '../../src/cli/ledger/columns.js';

describe('audit-ledger columns', () => {
  test.prop([fc.array(fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) + 1, 9_007_199_254_740_991)), { maxLength: 300 })])(
    'CentsColumn gives back every amount set, also beyond four bytes and after an overwrite',
    (amounts) => {
      const column = new CentsColumn();
      amounts.forEach((c, row) => column.set(row, c));
      amounts.forEach((c, row) => expect(column.get(row)).toBe(c));
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

  test.prop([fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 3000 })])('IdIndex finds each id, refuses a repeat with the earlier row, and gives ids back', (ids) => {
    const index = new IdIndex();
    const first = new Map<string, number>();
    const rows: string[] = [];
    for (const id of ids) {
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
  });
});
