// RFC 4180 CSV, record by record: quoted fields (with "" for a quote, and line breaks inside
// quotes), and line ends of any kind (CRLF, LF, or a lone CR as old spreadsheet exports write).

/** A malformed record: an unclosed quote, or text after a closing quote. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** Where the text can be read on from: after the line end that ends the bad record (undefined: it runs to the end). */
    readonly resumeAt?: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Calls `onRecord` for each record of `text` (a whole number of records) with its fields and the
 * line it starts on. Blank lines are skipped. Fields are trimmed of spaces and tabs outside quotes.
 * The fields array is the same one for every record (no array per row): it is valid only during
 * the call; copy it to keep it. `onRecord` returning true stops the reading there.
 * `characterByCharacter` reads records without quotes as quoted ones are read (tests: the two ways
 * agree).
 */
export function forEachCsvRecord(text: string, onRecord: (fields: string[], line: number) => boolean | void, characterByCharacter = false): void {
  const n = text.length;
  let i = 0;
  let line = 0;
  const fields: string[] = [];
  // The next line feed, carriage return, quote and comma at or after i (n: none), found by
  // indexOf (a native scan) and looked for again only once passed.
  let nextLf = -1;
  let nextCr = -1;
  let nextQuote = -1;
  let nextComma = -1;
  while (i < n) {
    const startLine = line;
    fields.length = 0;
    let blank = true;
    if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
    if (nextCr < i) nextCr = indexOrEnd(text, '\r', i);
    if (nextQuote < i) nextQuote = indexOrEnd(text, '"', i);
    const lineEnd = nextLf < nextCr ? nextLf : nextCr;
    if (nextQuote >= lineEnd && !characterByCharacter) {
      // A record without quotes (most are): its fields are what lies between its commas, trimmed.
      for (let start = i; ; ) {
        if (nextComma < start) nextComma = indexOrEnd(text, ',', start);
        let comma = nextComma;
        if (comma >= lineEnd) comma = lineEnd;
        else blank = false;
        let a = start;
        let b = comma;
        while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
        while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
        if (b > a) blank = false;
        fields.push(text.slice(a, b));
        if (comma === lineEnd) break;
        start = comma + 1;
      }
      i = lineEnd;
      if (i < n) {
        if (text.charCodeAt(i) === CR) i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
        line++;
      }
      if (!blank && onRecord(fields, startLine) === true) return;
      continue;
    }
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
        if (c !== COMMA && c !== LF && c !== CR) throw new CsvSyntaxError('text after the closing quote of a field (a quote inside a field is written "")', startLine, afterRecordEnd(text, i));
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
    if (!blank && onRecord(fields, startLine) === true) return;
  }
}

/**
 * After the line end that ends the record `from` is in (a CRLF is one), or the end of the text:
 * quotes taken as the reader takes them (see lastCsvRecordEnd), so that a line end inside a later
 * quoted field of the record does not end it.
 */
function afterRecordEnd(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      if (!quoted) quoted = opensFieldAt(text, i);
      else if (text.charCodeAt(i + 1) === QUOTE) i++;
      else quoted = false;
    } else if (!quoted && (c === LF || c === CR)) return c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return text.length;
}

/** Whether the quote at `q` starts a field (see opensField). */
function opensFieldAt(text: string, q: number): boolean {
  let k = q - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k < 0 || text.charCodeAt(k) === COMMA || text.charCodeAt(k) === LF || text.charCodeAt(k) === CR;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

/**
 * Where the last whole record of `bytes` ends (just after its line end), given whether the bytes
 * start inside a quoted field; -1 when no record ends in them. Also returns the quote state at the
 * end of the bytes, for the next call. Works on UTF-8 bytes: quotes and line ends are ASCII.
 */
export function lastCsvRecordEnd(bytes: Uint8Array, inQuotes: boolean): { end: number; inQuotesAtEnd: boolean } {
  // Where a field is quoted decides whether a line end is inside it; quotes are rare in ledgers,
  // so hop from quote to quote. The quotes are taken as forEachCsvRecord takes them: outside a
  // quoted field, a quote opens one only at a field's start, and elsewhere is text (an ERP's
  // `Dell 27" monitor`: counting every quote, such a row flipped the rest of the chunk into a
  // quoted field, and the chunk was cut inside a real one); inside, "" is a quote.
  let quoted = inQuotes;
  let end = -1;
  let pos = 0;
  const n = bytes.length;
  for (;;) {
    let q = bytes.indexOf(QUOTE, pos);
    if (!quoted) while (q >= 0 && !opensField(bytes, q)) q = bytes.indexOf(QUOTE, q + 1);
    const stop = q < 0 ? n : q;
    if (!quoted) {
      // The last line end before the next quote ends a record.
      for (let k = stop - 1; k >= pos; k--) {
        const c = bytes[k]!;
        if (c === LF || c === CR) {
          // A CR at the very end may be the first half of a CRLF that the next bytes complete.
          if (c === CR && k === n - 1) continue;
          end = k + 1;
          break;
        }
      }
    }
    if (q < 0) break;
    if (quoted && bytes[q + 1] === QUOTE) {
      // "" inside a quoted field.
      pos = q + 2;
      continue;
    }
    quoted = !quoted;
    pos = q + 1;
  }
  return { end, inQuotesAtEnd: quoted };
}

/** Whether the quote at `q` starts a field: after a comma or a line end (or at the start), and spaces or tabs. */
export function opensField(bytes: Uint8Array, q: number): boolean {
  let k = q - 1;
  while (k >= 0 && (bytes[k] === 32 || bytes[k] === 9)) k--;
  return k < 0 || bytes[k] === COMMA || bytes[k] === LF || bytes[k] === CR;
}
