// forEachCsvRecord reads every text as the character-by-character parser it replaced did (kept
// below as the reference): the same records, fields, starting lines and syntax errors, on texts of
// commas, quotes, line ends of every kind, spaces, tabs and letters. Records without quotes take a
// faster path (indexOf), so the texts mix quoted and unquoted records. Failing runs print their
// seed (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CsvSyntaxError, forEachCsvRecord } from '../../src/cli/ledger/csv.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 300);
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

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

// The parser before the fast path (git 0e0e832, src/cli/ledger/csv.ts), unchanged.
function referenceRecords(text: string, onRecord: (fields: string[], line: number) => void): void {
  const n = text.length;
  let i = 0;
  let line = 0;
  const fields: string[] = [];
  while (i < n) {
    const startLine = line;
    fields.length = 0;
    let blank = true;
    for (;;) {
      // One field.
      let start = i;
      while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        blank = false;
        i++;
        let parts = '';
        start = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvSyntaxError('a quoted field is not closed (a " is missing)', startLine);
          for (let k = i; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === LF) line++;
            else if (c === CR && text.charCodeAt(k + 1) !== LF) line++;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(start, q + 1);
            i = q + 2;
            start = i;
            continue;
          }
          value = parts + text.slice(start, q);
          i = q + 1;
          break;
        }
        while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
        const c = i < n ? text.charCodeAt(i) : LF;
        if (c !== COMMA && c !== LF && c !== CR) throw new CsvSyntaxError('text after the closing quote of a field (a quote inside a field is written "")', startLine);
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === LF || c === CR) break;
          end++;
        }
        let trimEnd = end;
        while (trimEnd > i && (text.charCodeAt(trimEnd - 1) === 32 || text.charCodeAt(trimEnd - 1) === 9)) trimEnd--;
        value = text.slice(i, trimEnd);
        if (value.length > 0) blank = false;
        i = end;
      }
      fields.push(value);
      if (i < n && text.charCodeAt(i) === COMMA) {
        blank = false;
        i++;
        continue;
      }
      // End of record.
      if (i < n) {
        if (text.charCodeAt(i) === CR) i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
        line++;
      }
      break;
    }
    if (!blank) onRecord(fields, startLine);
  }
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
  test.prop([fc.oneof(arbText, arbLedger)], { numRuns: RUNS })('reads every text as the reference parser does', (text) => {
    expect(read(forEachCsvRecord, text)).toEqual(read(referenceRecords, text));
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
