// forEachCsvRecord reads records without quotes with indexOf, and every text as its character
// parser (the one it had before, still reading quoted records) does: the same records, fields,
// starting lines and syntax errors, on texts of commas, quotes, line ends of every kind, spaces,
// tabs and letters, mixing quoted and unquoted records. Failing runs print their seed
// (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CsvSyntaxError, forEachCsvRecord } from '../../src/cli/ledger/csv.js';

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
});
