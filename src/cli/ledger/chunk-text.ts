// A chunk's text: where a chunk of lines ends, its text decoded in pieces of whole records, and
// its lines counted as the ledger numbers them (LF, CRLF, or a lone CR ends a line).
import { lastCsvRecordEnd } from './csv.js';

/**
 * The most bytes of a chunk decoded into one string. V8 keeps a one-byte string of over 128 KB in
 * its large-object space: the bench's 14 MB ledger took 64 ms to decode in strings of 256 KB (the
 * chunks read) and 2-4 ms in strings of 64 KB.
 */
const PIECE_BYTES = 1 << 16;

/** A chunk's text, in pieces of whole records of at most PIECE_BYTES (but a longer record). */
export function textPieces(bytes: Uint8Array, csv: boolean): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const pieces: string[] = [];
  let from = 0;
  while (buffer.length - from > PIECE_BYTES) {
    const window = buffer.subarray(from, from + PIECE_BYTES);
    // (a chunk starts at a record, outside quotes; a line end is never inside a UTF-8 sequence)
    let end = csv ? lastCsvRecordEnd(window, false).end : window.lastIndexOf(10) + 1;
    if (!csv && end === 0) {
      // Lone CRs (old Mac exports): the last one, if no LF completes it.
      const cr = window.lastIndexOf(13);
      if (cr >= 0 && buffer[from + cr + 1] !== 10) end = cr + 1;
    }
    if (end <= 0) break;
    pieces.push(buffer.toString('utf8', from, from + end));
    from += end;
  }
  pieces.push(buffer.toString('utf8', from));
  return pieces;
}

/** Lines a chunk spans (LF, CRLF or a lone CR each end one). */
export function countLines(text: string): number {
  let count = 0;
  let pos = 0;
  for (;;) {
    const lf = text.indexOf('\n', pos);
    if (lf < 0) break;
    count++;
    pos = lf + 1;
  }
  // Lone CRs (old Mac exports): only when the text has CRs at all.
  if (text.indexOf('\r') >= 0) {
    for (let k = text.indexOf('\r'); k >= 0; k = text.indexOf('\r', k + 1)) if (text.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

/** The end of the last line of `bytes` (a CR at the very end may be the first half of a CRLF). */
export function lastLineEnd(bytes: Buffer): number {
  let end = Math.max(bytes.lastIndexOf(10), bytes.lastIndexOf(13)) + 1;
  // (lastIndexOf from a negative offset counts from the end)
  if (end === bytes.length && bytes[end - 1] === 13) end = end < 2 ? 0 : Math.max(bytes.lastIndexOf(10, end - 2), bytes.lastIndexOf(13, end - 2)) + 1;
  return end;
}
