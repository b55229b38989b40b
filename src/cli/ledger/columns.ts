// Compact per-row storage for millions of ledger rows: typed-array columns grown in fixed pages
// (no copy of everything when they grow), and purchase ids as UTF-8 bytes with an open-addressing
// hash index, so that five million ids cost tens of megabytes, not the hundreds that a Map of
// strings would.

const PAGE_BITS = 16;
const PAGE_ROWS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_ROWS - 1;

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** A growable column of numbers in pages of 65,536 rows. */
export class Column<T extends TypedArray> {
  private readonly pages: T[] = [];
  constructor(private readonly make: (length: number) => T) {}
  get(row: number): number {
    return this.pages[row >>> PAGE_BITS]![row & PAGE_MASK]!;
  }
  set(row: number, value: number): void {
    const page = row >>> PAGE_BITS;
    while (this.pages.length <= page) this.pages.push(this.make(PAGE_ROWS));
    this.pages[page]![row & PAGE_MASK] = value;
  }
}

const BYTE_PAGE = 1 << 20;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Purchase ids by row: each id's UTF-8 bytes (after a two-byte length) in 1 MB pages, and a hash
 * index from id to row. `add` refuses an id already present by returning the earlier row. Where
 * an id starts is kept for every 16th row only while rows are added (an id is found by stepping
 * over the ones before it in its block): a quarter of a byte a row instead of four.
 */
export class IdIndex {
  private readonly pages: Uint8Array[] = [];
  /** Bytes used in each full page (the last page's are `used`). */
  private readonly pageUsed: number[] = [];
  private used = BYTE_PAGE;
  // Where the id of every 16th row starts: page × 1 MB + offset (ids up to 4 GB in all).
  private readonly blockStart = new Column(() => new Uint32Array(PAGE_ROWS));
  private slots = new Int32Array(1 << 16).fill(-1);
  /** The top byte of the hash of each slot's id: a probe compares ids only when it matches. */
  private tags = new Uint8Array(1 << 16);
  /** Where each row's id starts, once {@link freeze} has built it (the index is gone then). */
  private starts: Uint32Array | undefined;
  private count = 0;
  private scratch = new Uint8Array(256);
  /** Whether every id so far is ASCII (then an id's bytes are its characters). */
  private ascii = true;

  get size(): number {
    return this.count;
  }

  private encode(id: string): number {
    if (id.length * 3 > this.scratch.length) this.scratch = new Uint8Array(id.length * 3);
    return encoder.encodeInto(id, this.scratch).written;
  }

  private static hash(bytes: Uint8Array, length: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h >>> 0;
  }

  /** A position past the bytes used in its page is the start of the next page. */
  private settle(at: number): number {
    const page = Math.floor(at / BYTE_PAGE);
    const used = page === this.pages.length - 1 ? this.used : this.pageUsed[page]!;
    return at % BYTE_PAGE >= used ? (page + 1) * BYTE_PAGE : at;
  }

  /** Where the id after the one at `at` starts. */
  private after(at: number): number {
    const page = this.pages[Math.floor(at / BYTE_PAGE)]!;
    const offset = at % BYTE_PAGE;
    return this.settle(at + 2 + (page[offset]! | (page[offset + 1]! << 8)));
  }

  /** Where the id of a row starts. */
  private at(row: number): number {
    let at = this.settle(this.blockStart.get(row >>> 4));
    for (let k = row & 15; k > 0; k--) at = this.after(at);
    return at;
  }

  private equals(row: number, bytes: Uint8Array, length: number): boolean {
    const at = this.at(row);
    const page = this.pages[Math.floor(at / BYTE_PAGE)]!;
    const offset = at % BYTE_PAGE;
    if ((page[offset]! | (page[offset + 1]! << 8)) !== length) return false;
    for (let i = 0; i < length; i++) if (page[offset + 2 + i] !== bytes[i]) return false;
    return true;
  }

  private hashAt(at: number): number {
    const page = this.pages[Math.floor(at / BYTE_PAGE)]!;
    const offset = at % BYTE_PAGE;
    const length = page[offset]! | (page[offset + 1]! << 8);
    return IdIndex.hash(page.subarray(offset + 2, offset + 2 + length), length);
  }

  /**
   * Drops the hash index (a third of what the ids cost) and keeps where each id starts instead (4
   * bytes a row, so that `id(row)` in any order costs no walk): afterwards `id(row)` works, but
   * `find` and `add` throw. For the end of a run, when every row is in.
   */
  freeze(): void {
    this.slots = new Int32Array(0);
    this.tags = new Uint8Array(0);
    const starts = new Uint32Array(this.count);
    let at = this.count > 0 ? this.settle(this.blockStart.get(0)) : 0;
    for (let row = 0; row < this.count; row++) {
      starts[row] = at;
      if (row + 1 < this.count) at = this.after(at);
    }
    this.starts = starts;
  }

  /** The hash {@link hashOf} computed last. */
  private lastHash = 0;

  /**
   * Hashes an id (into `lastHash`). Returns -1 when it is ASCII (its bytes are its characters),
   * else the number of its UTF-8 bytes, which are then in `scratch`.
   */
  private hashOf(id: string): number {
    let h = 0x811c9dc5;
    const n = id.length;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i);
      if (c >= 0x80) {
        const length = this.encode(id);
        this.ascii = false;
        this.lastHash = IdIndex.hash(this.scratch, length);
        return length;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.lastHash = h >>> 0;
    return -1;
  }

  private equalsText(row: number, id: string): boolean {
    const at = this.at(row);
    const page = this.pages[Math.floor(at / BYTE_PAGE)]!;
    const offset = at % BYTE_PAGE;
    const n = id.length;
    if ((page[offset]! | (page[offset + 1]! << 8)) !== n) return false;
    for (let i = 0; i < n; i++) if (page[offset + 2 + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  /** The slot of an id (where it is, or the empty slot where it would go), found by its hash. */
  private slotOf(id: string, hash: number, length: number): number {
    const mask = this.slots.length - 1;
    const tag = hash >>> 24;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot]!;
      if (row < 0) return slot;
      if (this.tags[slot] === tag && (length < 0 ? this.equalsText(row, id) : this.equals(row, this.scratch, length))) return slot;
    }
  }

  /** The row of an id, or -1. */
  find(id: string): number {
    if (this.slots.length === 0) throw new Error('IdIndex: the index was dropped');
    const length = this.hashOf(id);
    return this.slots[this.slotOf(id, this.lastHash, length)]!;
  }

  /**
   * Adds the id of the next row (rows are numbered 0, 1, 2, … in the order added). Returns -1, or
   * the earlier row with the same id (then nothing is added).
   */
  add(id: string): number {
    if (this.slots.length === 0) throw new Error('IdIndex: the index was dropped');
    const encoded = this.hashOf(id);
    const hash = this.lastHash;
    const length = encoded < 0 ? id.length : encoded;
    if (length > 0xffff) throw new RangeError('an id longer than 65,535 bytes');
    const slot = this.slotOf(id, hash, encoded);
    const earlier = this.slots[slot]!;
    if (earlier >= 0) return earlier;
    if (this.used + 2 + length > BYTE_PAGE) {
      if (this.pages.length > 0) this.pageUsed.push(this.used);
      this.pages.push(new Uint8Array(BYTE_PAGE));
      this.used = 0;
    }
    const pageIndex = this.pages.length - 1;
    const page = this.pages[pageIndex]!;
    const at = this.used;
    page[at] = length & 0xff;
    page[at + 1] = length >>> 8;
    if (encoded < 0) for (let i = 0; i < length; i++) page[at + 2 + i] = id.charCodeAt(i);
    else page.set(this.scratch.subarray(0, length), at + 2);
    const row = this.count++;
    if ((row & 15) === 0) this.blockStart.set(row >>> 4, pageIndex * BYTE_PAGE + at);
    this.used += 2 + length;
    this.slots[slot] = row;
    this.tags[slot] = hash >>> 24;
    if (this.count * 4 > this.slots.length * 3) this.grow();
    return -1;
  }

  /** The id of a row. */
  id(row: number): string {
    const at = this.starts !== undefined ? this.starts[row]! : this.at(row);
    const page = this.pages[Math.floor(at / BYTE_PAGE)]!;
    const offset = at % BYTE_PAGE;
    const length = page[offset]! | (page[offset + 1]! << 8);
    if (!this.ascii || length > 64) return decoder.decode(page.subarray(offset + 2, offset + 2 + length));
    // ASCII: the bytes are the characters.
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(page[offset + 2 + i]!);
    return text;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const tags = new Uint8Array(slots.length);
    const mask = slots.length - 1;
    // The ids in row order, stepping from one to the next.
    let at = this.count > 0 ? this.settle(this.blockStart.get(0)) : 0;
    for (let row = 0; row < this.count; row++) {
      const hash = this.hashAt(at);
      let slot = hash & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = row;
      tags[slot] = hash >>> 24;
      if (row + 1 < this.count) at = this.after(at);
    }
    this.slots = slots;
    this.tags = tags;
  }
}

/** A string table: each distinct string once, by number. */
export class Interner {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];
  intern(value: string): number {
    let n = this.index.get(value);
    if (n === undefined) {
      n = this.values.length;
      // A fresh flat copy: a substring would keep the whole chunk it was cut from alive.
      this.values.push(decoder.decode(encoder.encode(value)));
      this.index.set(this.values[n]!, n);
    }
    return n;
  }
}

/**
 * Amounts in cents by row, four bytes each: an amount beyond ±21 million dollars is kept aside
 * (a PO that large is rare; its cents are exact either way).
 */
export class CentsColumn {
  private readonly small = new Column(() => new Int32Array(PAGE_ROWS));
  private readonly large = new Map<number, number>();
  private static readonly ASIDE = -0x80000000;
  get(row: number): number {
    const cents = this.small.get(row);
    return cents === CentsColumn.ASIDE ? this.large.get(row)! : cents;
  }
  set(row: number, cents: number): void {
    if (cents > CentsColumn.ASIDE && cents <= 0x7fffffff) {
      this.small.set(row, cents);
      this.large.delete(row);
    } else {
      this.small.set(row, CentsColumn.ASIDE);
      this.large.set(row, cents);
    }
  }
}

/**
 * The input line of each row, for rows added in order: rows mostly follow one another line by
 * line, so only where that breaks (a change order or bad row between them, a quoted line break) a
 * (row, line) pair is kept, and a row's line is found by binary search.
 */
export class LineColumn {
  private readonly rows: number[] = [];
  private readonly lines: number[] = [];
  private next = -1;
  private nextLine = -1;
  /** Adds the line of the next row (`row` must be the row after the last one added). */
  add(row: number, line: number): void {
    if (row !== this.next || line !== this.nextLine) {
      this.rows.push(row);
      this.lines.push(line);
    }
    this.next = row + 1;
    this.nextLine = line + 1;
  }
  get(row: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.rows[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return this.lines[lo]! + (row - this.rows[lo]!);
  }
}

/**
 * A column of small non-negative integers (group numbers): two bytes a row while every value fits,
 * four from the first that does not (the pages are widened then, once).
 */
export class SmallIntColumn {
  private pages: (Uint16Array | Int32Array)[] = [];
  private wide = false;
  get(row: number): number {
    return this.pages[row >>> PAGE_BITS]![row & PAGE_MASK]!;
  }
  set(row: number, value: number): void {
    if (!this.wide && value > 0xffff) {
      this.pages = this.pages.map((page) => Int32Array.from(page));
      this.wide = true;
    }
    const page = row >>> PAGE_BITS;
    while (this.pages.length <= page) this.pages.push(this.wide ? new Int32Array(PAGE_ROWS) : new Uint16Array(PAGE_ROWS));
    this.pages[page]![row & PAGE_MASK] = value;
  }
}
