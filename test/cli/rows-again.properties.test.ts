// audit-ledger reads the rows of POs raised by change orders again, by line (rows-again.ts): a row
// read again must be the row the first reading read on that line, whatever the line ends (LF,
// CRLF, lone CR), quoted fields holding line ends or quotes, quotes inside unquoted fields, a byte
// order mark, blank lines, and reads of any size. Failing runs print their seed (fast-check's
// report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { linesAgain, purchasesAgain, type ByteSource } from '../../src/cli/ledger/rows-again.js';
import { JsonDocumentReader } from '../../src/cli/ledger/json-document.js';
import { forEachCsvRecord } from '../../src/cli/ledger/csv.js';
import { csvRowToPurchase, readHeader, type RowProblem } from '../../src/cli/ledger/rows.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 60);

/** Reads `bytes` in reads of at most `step` bytes. */
function source(bytes: Uint8Array, step: number): ByteSource {
  let at = 0;
  return (into, offset, length) => {
    const n = Math.min(length, step, bytes.length - at);
    into.set(bytes.subarray(at, at + n), offset);
    at += n;
    return n;
  };
}

const arbField = fc.constantFrom('goods', 'v-1', 'Dell 27" monitor', '"Chairs, stacking\nroom 12"', '"say ""hi"""', '"two\r\nlines"', '', 'board-ratification;conflict-of-interest');
const arbEnd = fc.constantFrom('\n', '\r\n', '\r');

describe('rows read again', () => {
  test.prop([fc.array(fc.tuple(arbField, fc.boolean()), { minLength: 1, maxLength: 40 }), arbEnd, fc.boolean(), fc.integer({ min: 1, max: 64 }), fc.array(fc.nat(), { maxLength: 10 })], { numRuns: RUNS })(
    'CSV: the row on each line asked for, as the whole text reads it',
    (rows, end, bom, step, picks) => {
      const header = 'id,memberId,date,amount,supplyKind,description';
      const lines = rows.map(([description, blank], i) => `${blank ? end : ''}PO-${i},alder-usd,2025-08-12,1.00,goods,${description}`);
      const text = `${bom ? '\ufeff' : ''}${header}${end}${lines.join(end)}${end}`;
      const parsed = readHeader(header.split(','));
      if (!('columns' in parsed)) throw new Error(parsed.problem);
      // The first reading: each record's line and its purchase.
      const first = new Map<number, unknown>();
      const problems: RowProblem[] = [];
      const body = text.slice((bom ? 1 : 0) + header.length + end.length);
      forEachCsvRecord(body, (fields, line) => {
        const row = csvRowToPurchase(fields, parsed.columns, line + 2, problems);
        if (row) first.set(line + 2, JSON.parse(JSON.stringify(row.purchase)));
      });
      expect(first.size).toBe(rows.length);
      const all = [...first.keys()];
      const wanted = Int32Array.from(new Set(picks.map((p) => all[p % all.length]!))).sort();
      const bytes = Buffer.from(text, 'utf8');
      const got = new Map<number, unknown>();
      const found = linesAgain(source(bytes, step), 'csv', parsed.columns, Buffer.byteLength(`${bom ? '\ufeff' : ''}${header}${end}`), 2, wanted, (i, row) => !!got.set(wanted[i]!, row.purchase));
      expect(found).toBe(wanted.length);
      expect(got).toEqual(new Map([...wanted].map((line) => [line, first.get(line)])));
    },
  );

  test.prop([fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.boolean()), { minLength: 1, maxLength: 40 }), arbEnd, fc.integer({ min: 1, max: 64 }), fc.array(fc.nat(), { maxLength: 10 })], { numRuns: RUNS })(
    'JSON Lines: the row on each line asked for, as the first reading numbers its lines',
    (rows, end, step, picks) => {
      const lines = rows.map(([description, blank], i) => `${blank ? end : ''}${JSON.stringify({ id: `PO-${i}`, memberId: 'alder-usd', date: '2025-08-12', amount: '1.00', supplyKind: 'goods', description })}`);
      const text = `${lines.join(end)}${end}`;
      // The line of each purchase, as the first reading numbers them (from 1).
      const first = new Map<number, unknown>();
      text.split(/\r\n|\n|\r/).forEach((line, i) => {
        if (line.trim() !== '') first.set(i + 1, JSON.parse(line));
      });
      const all = [...first.keys()];
      const wanted = Int32Array.from(new Set(picks.map((p) => all[p % all.length]!))).sort();
      const got = new Map<number, unknown>();
      const found = linesAgain(source(Buffer.from(text, 'utf8'), step), 'jsonl', undefined, 0, 1, wanted, (i, row) => !!got.set(wanted[i]!, row.purchase));
      expect(found).toBe(wanted.length);
      expect(got).toEqual(new Map([...wanted].map((line) => [line, first.get(line)])));
    },
  );

  test.prop([fc.integer({ min: 1, max: 30 }), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 64 })], { numRuns: RUNS })('a JSON document: the purchase at each index asked for', (count, picks, step) => {
    const purchases = Array.from({ length: count }, (_, i) => ({ id: `PO-${i}`, memberId: 'alder-usd', date: '2025-08-12', amount: `${i}.00`, supplyKind: 'goods' }));
    const bytes = Buffer.from(JSON.stringify({ exportedAt: '2026-07-02', purchases }, null, 1), 'utf8');
    const wanted = Int32Array.from(new Set(picks.map((p) => p % count))).sort();
    const read = source(bytes, step);
    const head = Buffer.alloc(64);
    const n = read(head, 0, 64);
    const got: unknown[] = [];
    const found = purchasesAgain(new JsonDocumentReader('ledger.json', read, head.subarray(0, n), 64), wanted, (i, row) => got.push([wanted[i], row.purchase['id']]) > 0);
    expect(found).toBe(wanted.length);
    expect(got).toEqual([...wanted].map((i) => [i, `PO-${i}`]));
  });

  test.each(['\n', '\r\n'])('CSV over several pieces and reads (line ends %j): every other row', (end) => {
    const header = 'id,memberId,date,amount,supplyKind,description';
    const parsed = readHeader(header.split(','));
    if (!('columns' in parsed)) throw new Error(parsed.problem);
    const descriptions = ['Dell 27" monitor', '"Chairs, stacking\nroom 12"', 'copy paper', '"say ""hi"""'];
    const rows = Array.from({ length: 6000 }, (_, i) => `PO-${i},alder-usd,2025-08-12,${i}.00,goods,${descriptions[i % 4]}`);
    const text = `${header}${end}${rows.join(end)}${end}`;
    const first = new Map<number, unknown>();
    forEachCsvRecord(text.slice(header.length + end.length), (fields, line) => {
      const row = csvRowToPurchase(fields, parsed.columns, line + 2, []);
      if (row && line % 2 === 0) first.set(line + 2, JSON.parse(JSON.stringify(row.purchase)));
    });
    expect(first.size).toBeGreaterThan(2000);
    const wanted = Int32Array.from(first.keys());
    const got = new Map<number, unknown>();
    expect(linesAgain(source(Buffer.from(text), 300_000), 'csv', parsed.columns, header.length + end.length, 2, wanted, (i, row) => !!got.set(wanted[i]!, row.purchase))).toBe(wanted.length);
    expect(got).toEqual(first);
  });

  test('a row not there is not found (the file changed while it was read)', () => {
    const text = 'PO-1,alder-usd,2025-08-12,1.00,goods\n';
    const parsed = readHeader('id,memberId,date,amount,supplyKind'.split(','));
    if (!('columns' in parsed)) throw new Error(parsed.problem);
    expect(linesAgain(source(Buffer.from(text), 1 << 20), 'csv', parsed.columns, 0, 2, Int32Array.of(2, 3), () => true)).toBe(1);
  });
});
