// A ledger's rows read again. A PO that change orders raised is judged at its total with its own
// fields (LedgerBook.judgeAgain), which are not kept while the ledger is read: keeping each
// row's fields would not fit the memory bound, and which POs change orders raise is known only at
// the end. So the rows of those POs and of their change orders are read again, by line, as the
// first reading read them.
import { CsvSyntaxError, forEachCsvRecord, lastCsvRecordEnd } from './csv.js';
import { countLines, lastLineEnd, textPieces } from './chunk-text.js';
import type { JsonDocumentReader } from './json-document.js';
import { csvRowToPurchase, jsonToPurchase, type ColumnIndex, type RowProblem, type RowPurchase } from './rows.js';

/** Reads on in the input (0 at its end). */
export type ByteSource = (into: Uint8Array, offset: number, length: number) => number;

const BLOCK_BYTES = 1 << 20;

/**
 * Takes a row read again (its index in the lines asked for), and says whether it is the row it
 * asked for (false: another row is on that line, the input changed since it was read). A CSV
 * field is a slice of the text it was read from: a string kept should be copied (flatCopy).
 */
export type OnRow = (index: number, row: RowPurchase) => boolean;

/**
 * Each CSV or JSON Lines row on `sorted` (lines in increasing order, each once), in the order of
 * the input, numbered as the first reading numbered them: the rows start `skip` bytes into the
 * input (after a byte order mark and the CSV header), on `firstLine`. Returns how many were found
 * (the caller says what a row not found means).
 */
export function linesAgain(read: ByteSource, format: 'csv' | 'jsonl', columns: ColumnIndex | undefined, skip: number, firstLine: number, sorted: Int32Array, onRow: OnRow): number {
  let found = 0;
  // The next line to look for: rows come in increasing lines.
  let next = 0;
  const wanted = (line: number): boolean => {
    while (next < sorted.length && sorted[next]! < line) next++;
    return next < sorted.length && sorted[next] === line;
  };
  const take = (line: number, row: RowPurchase | undefined): void => {
    if (row === undefined || !wanted(line)) return;
    if (onRow(next++, row)) found++;
  };
  const problems: RowProblem[] = [];
  const csv = format === 'csv';
  // The bytes read and not yet taken: buffer[0, length).
  let buffer = Buffer.allocUnsafe(2 * BLOCK_BYTES);
  let length = 0;
  let eof = false;
  let toSkip = skip;
  let line = firstLine;
  let w = 0;
  /** The wanted rows of whole records `text` starting on `line` (`first`: its first record only). */
  const readRecords = (text: string, line: number, first: boolean): void => {
    if (csv) {
      try {
        forEachCsvRecord(text, (fields, l) => {
          if ((!first || l === 0) && wanted(line + l)) {
            const row = csvRowToPurchase(fields, columns!, line + l, problems);
            take(line + l, row.refused ? undefined : row);
          }
          // (a record read on its own: the rest of the text is not read)
          return first;
        });
      } catch (e) {
        // (rows are read again only when every row was good)
        if (!(e instanceof CsvSyntaxError)) throw e;
      }
      return;
    }
    const texts = first ? [text] : text.split(/\r\n|\n|\r/);
    for (let i = 0; i < texts.length; i++) {
      if (!wanted(line + i)) continue;
      let value: unknown;
      try {
        value = JSON.parse(texts[i]!);
      } catch {
        continue;
      }
      take(line + i, jsonToPurchase(value, line + i, '$', problems));
    }
  };
  while (w < sorted.length && found < sorted.length) {
    if (!eof) {
      if (buffer.length - length < BLOCK_BYTES) {
        // (a record longer than a block)
        const grown = Buffer.allocUnsafe(2 * buffer.length);
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = read(buffer, length, BLOCK_BYTES);
      if (n === 0) eof = true;
      else if (toSkip > 0) {
        const s = Math.min(toSkip, n);
        toSkip -= s;
        buffer.copy(buffer, length, length + s, length + n);
        length += n - s;
      } else length += n;
    }
    if (length === 0) {
      if (eof) break;
      continue;
    }
    // Whole records, cut where the first reading cut them (a record longer than a block: read on).
    const pending = buffer.subarray(0, length);
    const end = eof ? length : csv ? lastCsvRecordEnd(pending, false).end : lastLineEnd(pending);
    if (end <= 0) continue;
    const chunk = pending.subarray(0, end);
    for (const piece of textPieces(chunk, csv)) {
      const count = countLines(piece);
      while (w < sorted.length && sorted[w]! < line) w++;
      // (a last record without a line end is on line + count)
      if (w < sorted.length && sorted[w]! <= line + count) {
        if (piece.indexOf('\r') < 0) {
          // Line feeds only: from line start to line start, each wanted row read on its own.
          let pos = 0;
          let at = line;
          while (w < sorted.length && sorted[w]! <= line + count) {
            const target = sorted[w]!;
            for (; at < target && pos < piece.length; at++) pos = piece.indexOf('\n', pos) + 1 || piece.length;
            // (the line after the piece's last line end: the next piece's first)
            if (at !== target || pos >= piece.length) break;
            w++;
            const lf = piece.indexOf('\n', pos);
            const lineEnd = lf < 0 ? piece.length : lf;
            // (a record with a quote may hold line ends: read from it to the end of the piece)
            const quote = csv ? piece.indexOf('"', pos) : -1;
            readRecords(quote >= 0 && quote < lineEnd ? piece.slice(pos) : piece.slice(pos, lineEnd), target, true);
          }
        } else readRecords(piece, line, false);
      }
      line += count;
    }
    buffer.copy(buffer, 0, end, length);
    length -= end;
  }
  return found;
}

/** Each purchase of a JSON document at the indices `sorted` (increasing, each once: the first reading's numbering), in order, from a reader at its start; returns how many were found. */
export function purchasesAgain(reader: JsonDocumentReader, sorted: Int32Array, onRow: OnRow): number {
  const problems: RowProblem[] = [];
  let found = 0;
  let w = 0;
  for (let next = reader.next(); next !== undefined && w < sorted.length; next = reader.next()) {
    while (w < sorted.length && sorted[w]! < next.index) w++;
    if (sorted[w] !== next.index) continue;
    const row = jsonToPurchase(next.value, next.index, `${reader.prefix}[${next.index}]`, problems);
    if (row !== undefined && onRow(w++, row)) found++;
  }
  return found;
}
