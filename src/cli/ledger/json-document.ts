// A JSON document ledger (an array of purchases, or `{ "purchases": [...] }`) read as a stream:
// the array's elements are cut from the bytes as they come and each is parsed on its own, so that
// memory holds one element at a time, not the document. What surrounds them (the brackets, the
// commas, the object's other members) is checked here; what is inside them, by JSON.parse.
import { firstNonUtf8, notUtf8Message } from './utf8.js';
import { InputError, jsonSyntaxError } from '../input-error.js';
import { boundedMessage } from '../safe-text.js';

/** Deeper than this, an element is "nested too deeply to read" (as JSON.parse's own limit says). */
const MAX_DEPTH = 5_000;
/**
 * The longest value read (as audit-ledger's longest CSV record): an unclosed string would
 * otherwise hold the rest of the file in memory, and run the ledger's thread out of it.
 */
export const MAX_VALUE_BYTES = 64 << 20;

/** Reads at most `length` bytes into `into` at `offset`: how many (0 at the end). */
export type ReadBytes = (into: Buffer, offset: number, length: number) => number;

export class JsonDocumentReader {
  /** The bytes read and not yet dropped: buf[0..len). */
  private buf: Buffer;
  private len: number;
  private pos = 0;
  private eof = false;
  /** Where buf starts in the document, in bytes. */
  private base = 0;
  // The line buf's start is on (from 1), and that line's UTF-16 units before buf's start.
  private line = 1;
  private unitsBeforeBuf = 0;
  /** `$` for an array, `$.purchases` for the member of an object. */
  prefix: '$' | '$.purchases' = '$';
  private index = 0;
  private state: 'start' | 'elements' | 'done' = 'start';
  private seenPurchases = false;

  constructor(
    private readonly file: string,
    private readonly read: ReadBytes,
    first: Buffer,
    private readonly chunkBytes = 1 << 18,
    /** (tests: a smaller limit) */
    private readonly maxValueBytes = MAX_VALUE_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(first.length, chunkBytes) + chunkBytes);
    first.copy(this.buf);
    this.len = first.length;
  }

  /** Bytes of the document read so far (for progress). */
  get offset(): number {
    return this.base + this.pos;
  }

  /** The next purchase as parsed, or undefined after the last; throws an InputError when the JSON is not valid. */
  next(): { value: unknown; index: number } | undefined {
    if (this.state === 'start') this.start();
    if (this.state === 'done') return undefined;
    this.skipSpace();
    if (this.peek() === undefined) this.fail('Unexpected end of JSON input');
    if (this.peek() === 0x5d) {
      // ]: the end of the purchases
      this.pos++;
      this.afterArray();
      return undefined;
    }
    if (this.index > 0) {
      if (this.peek() !== 0x2c) this.fail(`expected "," or "]" after ${this.prefix}[${this.index - 1}]`);
      this.pos++;
      this.skipSpace();
    }
    const value = this.value();
    return { value, index: this.index++ };
  }

  /** Up to the purchases array: `[`, or `{` and the object's members before `"purchases": [`. */
  private start(): void {
    if (this.peek() === 0xef && this.byteAt(1) === 0xbb && this.byteAt(2) === 0xbf) this.pos += 3;
    this.skipSpace();
    const c = this.peek();
    if (c === 0x5b) {
      this.pos++;
      this.state = 'elements';
      return;
    }
    if (c !== 0x7b) this.notAList();
    this.pos++;
    this.prefix = '$.purchases';
    if (!this.membersUntilPurchases(true)) this.notAList();
  }

  /**
   * The object's members (after `{` or after the purchases array), checked and skipped up to
   * `"purchases": [` (true) or to the closing `}` (false). A second "purchases" is refused:
   * JSON.parse would take the last, after the first had been decided.
   */
  private membersUntilPurchases(first: boolean): boolean {
    this.skipSpace();
    if (first && this.peek() === 0x7d) {
      this.pos++;
      this.end();
      return false;
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== 0x22) this.fail('expected a property name in double quotes');
      // (where the key starts, from the document's start: reading on moves the buffer)
      const keyAt = this.base + this.pos;
      const key = this.value();
      // (the key's bytes are still in the buffer: reading its value dropped only bytes before it)
      if (key === 'purchases' && this.seenPurchases) this.failAt(keyAt - this.base, '"purchases" is given twice');
      this.skipSpace();
      if (this.peek() !== 0x3a) this.fail('expected ":" after a property name');
      this.pos++;
      this.skipSpace();
      if (key === 'purchases') {
        this.seenPurchases = true;
        if (this.peek() === 0x5b) {
          this.pos++;
          this.state = 'elements';
          return true;
        }
        this.value();
        this.notAList();
      }
      this.value();
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c === 0x7d) {
        this.end();
        return false;
      }
      if (c !== 0x2c) {
        this.pos--;
        this.fail('expected "," or "}" after a property value');
      }
    }
  }

  private afterArray(): void {
    if (this.prefix === '$.purchases') {
      this.skipSpace();
      const c = this.peek();
      if (c === 0x2c) {
        this.pos++;
        this.membersUntilPurchases(false);
        return;
      }
      if (c !== 0x7d) this.fail('expected "," or "}" after the purchases');
      this.pos++;
    }
    this.end();
  }

  /** After the document: only white space. */
  private end(): void {
    this.skipSpace();
    if (this.atEnd()) {
      this.state = 'done';
      return;
    }
    // An object, then another: one purchase a line, which a .json name does not announce.
    const jsonLines = this.prefix === '$.purchases' && !this.seenPurchases && this.peek() === 0x7b;
    this.fail(`unexpected text after the end of the JSON document${jsonLines ? ' (one purchase a line is JSON Lines: name the file .jsonl)' : ''}`);
  }

  private notAList(): never {
    throw new InputError(`${this.file}: $: expected a JSON array of purchases (or { "purchases": [...] })`);
  }

  /** The JSON value that starts here, parsed (its extent found by scanning, its text by JSON.parse). */
  private value(): unknown {
    // Offsets from pos, which stays at the value's start while more bytes are read (reading more
    // drops only the bytes before pos).
    let rel = 0;
    const first = this.byteAt(0);
    if (first === undefined) this.fail('Unexpected end of JSON input');
    if (first === 0x22 || first === 0x7b || first === 0x5b) {
      let depth = 0;
      let inString = false;
      for (;;) {
        if (this.pos + rel >= this.len) {
          if (rel > this.maxValueBytes) this.fail(`a value longer than ${sizeText(this.maxValueBytes)} (an unclosed string or bracket?)`);
          if (!this.more()) this.failAt(this.pos + rel, 'Unexpected end of JSON input');
        }
        const b = this.buf[this.pos + rel]!;
        rel++;
        if (inString) {
          if (b === 0x5c) {
            if (this.pos + rel >= this.len && !this.more()) this.failAt(this.pos + rel, 'Unexpected end of JSON input');
            rel++;
          } else if (b === 0x22) {
            inString = false;
            if (depth === 0) break;
          }
        } else if (b === 0x22) inString = true;
        else if (b === 0x7b || b === 0x5b) {
          if (++depth > MAX_DEPTH) throw new InputError(`${this.file}: the JSON is nested too deeply to read`);
        } else if ((b === 0x7d || b === 0x5d) && --depth === 0) break;
      }
    } else {
      // A number, true, false or null: up to the next delimiter.
      for (;;) {
        if (this.pos + rel >= this.len) {
          if (rel > this.maxValueBytes) this.fail(`a value longer than ${sizeText(this.maxValueBytes)}`);
          if (!this.more()) break;
        }
        const b = this.buf[this.pos + rel]!;
        if (b === 0x2c || b === 0x5d || b === 0x7d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
        rel++;
      }
    }
    const start = this.pos;
    // (a structural character where a value should start: JSON.parse would name it)
    if (rel === 0 && first !== undefined) this.fail(`Unexpected token '${String.fromCharCode(first)}'`);
    const text = this.buf.toString('utf8', start, start + rel);
    // (U+FFFD: where bytes that are not UTF-8 were replaced, or one written as such)
    if (text.includes('\uFFFD')) {
      const bad = firstNonUtf8(this.buf, start, start + rel);
      if (bad >= 0) this.failAt(bad, notUtf8Message(this.buf[bad]!, false));
    }
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (e) {
      if (e instanceof RangeError) throw new InputError(`${this.file}: the JSON is nested too deeply to read`);
      const { what, position } = jsonSyntaxError(e as Error);
      // (JSON.parse names no position for an unexpected token: then where the value starts)
      this.failAt(position !== undefined ? start + Buffer.byteLength(text.slice(0, position)) : /^Unexpected end/.test(what) ? start + rel : start, what);
    }
    this.pos = start + rel;
    return value;
  }

  private skipSpace(): void {
    for (;;) {
      if (this.pos >= this.len && !this.more()) return;
      const b = this.buf[this.pos]!;
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return;
      this.pos++;
    }
  }

  private peek(): number | undefined {
    return this.byteAt(0);
  }

  private byteAt(offset: number): number | undefined {
    while (this.pos + offset >= this.len) if (!this.more()) return undefined;
    return this.buf[this.pos + offset];
  }

  private atEnd(): boolean {
    return this.pos >= this.len && !this.more();
  }

  /**
   * Reads more bytes after the buffer's, dropping those before `pos` (counting their lines); the
   * buffer doubles when a value longer than it is read. False at the end of the file.
   */
  private more(): boolean {
    if (this.eof) return false;
    let drop = this.pos;
    // A CR read last is kept, so that an LF read after it makes one line end with it, not two.
    if (drop > 0 && drop === this.len && this.buf[drop - 1] === 0x0d) drop--;
    if (drop > 0) {
      this.account(drop);
      this.buf.copyWithin(0, drop, this.len);
      this.base += drop;
      this.len -= drop;
      this.pos -= drop;
    }
    if (this.buf.length - this.len < this.chunkBytes) {
      const grown = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    const n = this.read(this.buf, this.len, this.buf.length - this.len);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.len += n;
    return true;
  }

  /** Counts the lines and UTF-16 units of buf[0..to), which is about to be dropped. */
  private account(to: number): void {
    const { count, after } = this.lineEnds(to);
    this.line += count;
    this.unitsBeforeBuf = (count > 0 ? 0 : this.unitsBeforeBuf) + units(this.buf, count > 0 ? after : 0, to);
  }

  /**
   * The line ends (LF, or a CR not before an LF) in buf[0..to): how many, and where the text after
   * the last one starts. Found by Buffer.indexOf: this runs over every byte of the document, for
   * the positions of errors only.
   */
  private lineEnds(to: number): { count: number; after: number } {
    const view = this.buf.subarray(0, to);
    let count = 0;
    let after = 0;
    for (let i = view.indexOf(0x0a); i >= 0; i = view.indexOf(0x0a, i + 1)) {
      count++;
      after = i + 1;
    }
    for (let i = view.indexOf(0x0d); i >= 0; i = view.indexOf(0x0d, i + 1)) {
      if (i + 1 < this.len && this.buf[i + 1] === 0x0a) continue;
      count++;
      if (i + 1 > after) after = i + 1;
    }
    return { count, after };
  }

  private fail(what: string): never {
    this.failAt(this.pos, what);
  }

  /** An InputError at a position of buf: its line and column (in UTF-16 units, as an editor counts them). */
  private failAt(at: number, what: string): never {
    const stop = Math.min(at, this.len);
    const { count, after } = this.lineEnds(stop);
    const line = this.line + count;
    const column = (count > 0 ? 0 : this.unitsBeforeBuf) + units(this.buf, count > 0 ? after : 0, stop) + 1;
    const where = at >= this.len && this.eof ? 'end of file' : `line ${line}, column ${column}`;
    throw new InputError(`${this.file}: invalid JSON at ${where}: ${boundedMessage(what, 120)}`);
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1 << 20 ? `${bytes >> 20} MB` : `${bytes} bytes`;
}

/** The UTF-16 units of the UTF-8 text in bytes[from..to): a character each, two for one of four bytes. */
function units(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}
