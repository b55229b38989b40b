// Ledger text that is not UTF-8: a spreadsheet's "CSV" saved in Windows-1252 (Excel's default on
// Windows), whose accented letters and curly quotes would otherwise be replaced by U+FFFD without
// a word, ids included.
import { isUtf8 } from 'node:buffer';
import { opensField } from './csv.js';
import type { RowProblem } from './rows.js';

/** The length of a UTF-8 byte order mark at the start of `bytes` (3), or 0. */
export function bomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Where bytes[from..to) first stops being UTF-8 (-1: it is UTF-8 throughout). */
export function firstNonUtf8(bytes: Uint8Array, from = 0, to = bytes.length): number {
  return isUtf8(bytes.subarray(from, to)) ? -1 : scanNonUtf8(bytes, from, to);
}

/** {@link firstNonUtf8} by a scan in JavaScript, with no native check first (for a text known not to be UTF-8). */
export function scanNonUtf8(bytes: Uint8Array, from = 0, to = bytes.length): number {
  const part = bytes.subarray(from, to);
  for (let i = 0; i < part.length; ) {
    const b = part[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > part.length) return from + i;
    for (let k = 1; k < length; k++) {
      const c = part[i + k]!;
      // (the second byte's range excludes overlong forms, surrogates and code points past U+10FFFF)
      const low = k > 1 ? 0x80 : b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const high = k > 1 ? 0xbf : b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (c < low || c > high) return from + i;
    }
    i += length;
  }
  return -1;
}

/** What a ledger's reader says of text that is not UTF-8, at its first such byte. */
export function notUtf8Message(byte: number, csv: boolean): string {
  return `not UTF-8 text (the byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}): save the file as UTF-8${csv ? ' (in Excel: "CSV UTF-8")' : ''}`;
}

/**
 * The rows of a chunk's bytes with text that is not UTF-8, each a problem of its record, at the
 * byte: its characters are not replaced by U+FFFD without a word. Lines from 0, as a chunk's.
 */
export function nonUtf8Problems(bytes: Uint8Array, csv: boolean): RowProblem[] {
  const problems: RowProblem[] = [];
  // Each record with such bytes, at its first, on the line the record starts on (as its other
  // problems are: a quoted CSV field may hold line ends). Counted as the bytes are walked once.
  let i = 0;
  let line = 0;
  let record = 0;
  let quoted = false;
  const walkTo = (to: number): void => {
    for (; i < to; i++) {
      const b = bytes[i]!;
      // (quotes as the reader takes them: see lastCsvRecordEnd)
      if (csv && b === 34) {
        if (!quoted) quoted = opensField(bytes, i);
        else if (bytes[i + 1] === 34) i++;
        else quoted = false;
      } else if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) {
        line++;
        if (!quoted) record = line;
      }
    }
  };
  for (let bad = firstNonUtf8(bytes); bad >= 0; ) {
    walkTo(bad);
    const at = csv ? record : line;
    problems.push({ line: at, where: 'row', message: notUtf8Message(bytes[bad]!, csv) });
    // On to the next record.
    while (i < bytes.length && (csv ? record : line) === at) walkTo(i + 1);
    if (i >= bytes.length) break;
    bad = scanNonUtf8(bytes, i);
  }
  return problems;
}
