// forEachCsvRecord reads records without quotes with indexOf, and every text as its character
// parser (the one it had before, still reading quoted records) does: the same records, fields,
// starting lines and syntax errors, on texts of commas, quotes, line ends of every kind, spaces,
// tabs and letters, mixing quoted and unquoted records. Failing runs print their seed
// (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CsvSyntaxError, forEachCsvRecord, lastCsvRecordEnd } from '../../src/cli/ledger/csv.js';
import { countLines } from '../../src/cli/ledger/chunk-text.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 300);

/** The records of a text, or the syntax error (message and line) that stops it. */
function read(parse: (text: string, onRecord: (fields: string[], line: number) => void) => void, text: string): unknown {
  const records: [string[], number][] = [];
  try {
    parse(text, (fields, line) => records.push([fields.slice(), line]));
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return { records, error: e.message, line: e.line };
  }
  return { records };
}

/** Texts from pieces that matter to CSV: separators, quotes, line ends, blanks and letters. */
const arbText = fc
  .array(fc.constantFrom(',', '"', '""', '\n', '\r', '\r\n', ' ', '\t', 'a', 'bc', 'PO-1', '2025-07-01', '"x,y"', '"a\nb"'), { maxLength: 60 })
  .map((parts) => parts.join(''));
/** Texts of well-formed rows, some quoted, as ledgers are. */
const arbLedger = fc
  .array(fc.array(fc.oneof(fc.constantFrom('', ' a ', 'goods', '1250.00', '\tx'), fc.constantFrom('"q"', '"a,b"', '"say ""hi"""', '"l1\r\nl2"')), { minLength: 1, maxLength: 6 }), { maxLength: 12 })
  .chain((rows) => fc.constantFrom('\n', '\r\n', '\r').map((end) => rows.map((r) => r.join(',')).join(end)));

describe('forEachCsvRecord', () => {
  test.prop([fc.oneof(arbText, arbLedger)], { numRuns: RUNS })('reads every text as its character parser does', (text) => {
    expect(read(forEachCsvRecord, text)).toEqual(read((t, onRecord) => forEachCsvRecord(t, onRecord, true), text));
  });

  test('reads fixed texts: quoted and unquoted records, blanks, line ends of every kind', () => {
    const text = 'id, memberId ,amount\r\n\n"PO-1","Oak\nValley",12.50\rPO-2,,\n,,\n   \nPO-3,"say ""hi""",\t7 \nPO-4';
    expect(read(forEachCsvRecord, text)).toEqual({
      records: [
        [['id', 'memberId', 'amount'], 0],
        [['PO-1', 'Oak\nValley', '12.50'], 2],
        [['PO-2', '', ''], 4],
        [['', '', ''], 5],
        [['PO-3', 'say "hi"', '7'], 7],
        [['PO-4'], 8],
      ],
    });
    expect(read(forEachCsvRecord, 'a,b\nc,"d\n')).toEqual({ records: [[['a', 'b'], 0]], error: 'a quoted field is not closed (a " is missing)', line: 1 });
  });

  // audit-ledger cuts its input into chunks (and a chunk into pieces) at lastCsvRecordEnd: a cut
  // there must read as the whole does. A quote inside an unquoted field (`Dell 27" monitor`) is
  // text to the reader; the cut counted it as opening a quoted field, and a ledger with one such
  // row failed with "a quoted field is not closed" rows further on, once it was over a chunk.
  const arbStray = fc
    .array(fc.oneof(fc.constantFrom('PO-1,alder-usd,27" monitor', 'x,"a\nb",5', 'y, "q" ,z', 'a "b" c', '"say ""hi"""', 'v-1'), fc.constantFrom('\n', '\r\n', '\r', ',')), { maxLength: 30 })
    .map((parts) => parts.join(''));
  test.prop([fc.oneof(arbText, arbLedger, arbStray)], { numRuns: RUNS })('a cut at lastCsvRecordEnd reads as the whole text', (text) => {
    const whole = read(forEachCsvRecord, text) as { records: [string[], number][]; error?: string };
    if (whole.error !== undefined) return;
    const bytes = Buffer.from(text, 'latin1');
    for (let p = 1; p <= text.length; p++) {
      const { end } = lastCsvRecordEnd(bytes.subarray(0, p), false);
      if (end <= 0) continue;
      expect(end).toBeLessThanOrEqual(p);
      const first = read(forEachCsvRecord, text.slice(0, end)) as { records: [string[], number][] };
      const rest = read(forEachCsvRecord, text.slice(end)) as { records: [string[], number][] };
      const offset = countLines(text.slice(0, end));
      expect([...first.records, ...rest.records.map(([f, line]) => [f, line + offset])]).toEqual(whole.records);
    }
  });

  test('a quote inside an unquoted field is text to the cut as to the reader', () => {
    const text = 'PO-1,Dell 27" monitor,5\nPO-2,"two\nlines",6\nPO-3,x,7\n';
    // Counting every quote, the first line end was the last outside quotes.
    expect(lastCsvRecordEnd(Buffer.from(text), false).end).toBe(text.length);
    expect(lastCsvRecordEnd(Buffer.from(text.slice(0, 30)), false).end).toBe(24);
    expect(lastCsvRecordEnd(Buffer.from('a,"x""\n""y"\nb'), false).end).toBe(12);
  });
});

