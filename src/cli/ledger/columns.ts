// Compact per-row storage for millions of ledger rows: typed-array columns grown in fixed pages
// (no copy of everything when they grow), and purchase ids as UTF-8 bytes with an open-addressing
// hash index, so that five million ids cost tens of megabytes, not the hundreds that a Map of
// strings would.

const PAGE_BITS = 16;
const PAGE_ROWS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_ROWS - 1;

type TypedArray = Int32Array<ArrayBufferLike> | Uint32Array<ArrayBufferLike> | Uint16Array<ArrayBufferLike> | Uint8Array<ArrayBufferLike>;
type TypedArrayType<T extends TypedArray> = { new (buffer: ArrayBufferLike): T; readonly BYTES_PER_ELEMENT: number };

/**
 * A page of a column: in shared memory when the ledger's worker threads may read the columns (they
 * share the split check on large ledgers: split-buckets.ts), else private. (Shared memory is not
 * counted as the isolate's external memory, so the heap is collected later: kept private where
 * it is not needed.)
 */
function newPage<T extends TypedArray>(Type: TypedArrayType<T>, length: number, shared: boolean): T {
  return shared ? new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT)) : new Type(new ArrayBuffer(length * Type.BYTES_PER_ELEMENT) as never);
}

/** A growable column of numbers in pages of 65,536 rows. */
export class Column<T extends TypedArray> {
  constructor(
    private readonly Type: TypedArrayType<T>,
    private readonly shared = false,
    private readonly pages: T[] = [],
  ) {}
  get(row: number): number {
    return this.pages[row >>> PAGE_BITS]![row & PAGE_MASK]!;
  }
  set(row: number, value: number): void {
    const at = row >>> PAGE_BITS;
    while (this.pages.length <= at) this.pages.push(newPage(this.Type, PAGE_ROWS, this.shared));
    this.pages[at]![row & PAGE_MASK] = value;
  }
  /** The pages (in shared memory), to read the column in another thread: `new Column(Type, true, pages)`. */
  share(): T[] {
    if (!this.shared) throw new Error('Column: not in shared memory');
    return this.pages;
  }
}

const BYTE_PAGE = 1 << 20;
/** FNV-1a's offset basis and prime: IdIndex hashes ids with them, and heap.ts a ledger sample's groups. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a continued from `hash` over bytes [start, end). */
export function fnv1a(hash: number, bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash;
}

/** An empty slot of IdIndex's hash index. */
const EMPTY = -1;
/** Ids are rebuilt from blocks of 2^BLOCK_BITS rows (see IdIndex). */
const BLOCK_BITS = 2;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The text of `n` ASCII bytes (the bytes are the characters), eight characters a call: a short id
 * built one character at a time was a chain of one-character strings, slower to build and to
 * flatten when it was compared or hashed (measured: 200,000 ids 65 against 105 ms, Map.set included).
 */
function asciiText(bytes: Uint8Array, n: number): string {
  let text = '';
  let i = 0;
  for (; i + 8 <= n; i += 8) text += String.fromCharCode(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!, bytes[i + 4]!, bytes[i + 5]!, bytes[i + 6]!, bytes[i + 7]!);
  switch (n - i) {
    case 7:
      return text + String.fromCharCode(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!, bytes[i + 4]!, bytes[i + 5]!, bytes[i + 6]!);
    case 6:
      return text + String.fromCharCode(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!, bytes[i + 4]!, bytes[i + 5]!);
    case 5:
      return text + String.fromCharCode(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!, bytes[i + 4]!);
    case 4:
      return text + String.fromCharCode(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!);
    case 3:
      return text + String.fromCharCode(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!);
    case 2:
      return text + String.fromCharCode(bytes[i]!, bytes[i + 1]!);
    case 1:
      return text + String.fromCharCode(bytes[i]!);
    default:
      return text;
  }
}

/**
 * Purchase ids by row, in 1 MB pages, and a hash index from id to row. Ids are front-coded: each
 * is stored as how many of its first UTF-8 bytes it shares with the id before it (ledgers number
 * their POs, so most share all but the last few) and the bytes after those, except every 4th,
 * which is stored whole; where those start is kept, so an id is rebuilt from the start of its
 * block of 4 (blocks of 16 took twice the steps of blocks of 8, when rebuilding ids was 14% of the
 * split check; blocks of 4 took the bench's split phase from a median of 335 to 298 ms, for about
 * 1.5 bytes a row more).
 * `add` refuses an id already present by returning the earlier row. A slot of the index holds the
 * row and, in the bits a row never needs, the high bits of its id's hash (the low bits chose the
 * slot), so a probe rebuilds an id only when they match. (They were a byte array beside the rows:
 * 8 MB of the 42 MB that 5,000,000 rows' index took.)
 *
 * An entry: the shared length (a byte, at most 255), the length of the rest (a byte; 255: two more
 * bytes hold it), the rest.
 */
export class IdIndex {
  private readonly pages: Uint8Array[] = [];
  /** Bytes used in each full page (the last page's are `used`). */
  private readonly pageUsed: number[] = [];
  private used = BYTE_PAGE;
  // Where the id of every 4th row starts: page × 1 MB + offset (ids up to 4 GB in all).
  private blockStart: Column<Uint32Array<ArrayBufferLike>>;
  /**
   * EMPTY, or a row with its id's hash above it: `(hash & ~mask) | row`. A row is below the slot
   * count less one (the index is at most three quarters full), so it fits in the mask's bits and a
   * slot never reads EMPTY by chance.
   */
  private slots = new Int32Array(1 << 16).fill(EMPTY);
  private count = 0;
  /** The UTF-8 bytes of the id being added or looked up, their hash, and whether they are ASCII. */
  private key = new Uint8Array(256);
  private keyLength = 0;
  private keyHash = 0;
  private keyAscii = true;
  /** The bytes of the last id added: the next one is stored as what it shares with them. */
  private last = new Uint8Array(256);
  private lastLength = 0;
  /** An id rebuilt from its block. */
  private read = new Uint8Array(256);
  private readLength = 0;
  /** Whether every id added is ASCII (then an id's bytes are its characters). */
  private ascii = true;

  /** `shared`: ids in shared memory (see Column). */
  constructor(private readonly shared = false) {
    this.blockStart = new Column<Uint32Array<ArrayBufferLike>>(Uint32Array, shared);
  }

  get size(): number {
    return this.count;
  }

  private static hash(bytes: Uint8Array, length: number): number {
    return fnv1a(FNV_OFFSET, bytes, 0, length) >>> 0;
  }

  /** Puts an id's UTF-8 bytes in `key` (characters as bytes when it is ASCII) and hashes them. */
  private setKey(id: string): void {
    const n = id.length;
    if (this.key.length < n) this.key = new Uint8Array(Math.max(n, this.key.length * 2));
    const key = this.key;
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i);
      if (c >= 0x80) {
        if (this.key.length < n * 3) this.key = new Uint8Array(n * 3);
        this.keyLength = encoder.encodeInto(id, this.key).written;
        this.keyHash = IdIndex.hash(this.key, this.keyLength);
        this.keyAscii = false;
        return;
      }
      key[i] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    this.keyLength = n;
    this.keyHash = h >>> 0;
    this.keyAscii = true;
  }

  /** A position past the bytes used in its page is the start of the next page. */
  private settle(at: number): number {
    const page = Math.floor(at / BYTE_PAGE);
    const used = page === this.pages.length - 1 ? this.used : this.pageUsed[page]!;
    return at % BYTE_PAGE >= used ? (page + 1) * BYTE_PAGE : at;
  }

  /** Applies the entry at `at` to `read` (the id before it there); returns where the next entry starts. */
  private step(at: number): number {
    const page = this.pages[Math.floor(at / BYTE_PAGE)]!;
    const offset = at % BYTE_PAGE;
    const shared = page[offset]!;
    let rest = page[offset + 1]!;
    let from = offset + 2;
    if (rest === 255) {
      rest = page[from]! | (page[from + 1]! << 8);
      from += 2;
    }
    const length = shared + rest;
    if (this.read.length < length) {
      const grown = new Uint8Array(Math.max(length, this.read.length * 2));
      grown.set(this.read.subarray(0, shared));
      this.read = grown;
    }
    const read = this.read;
    if (rest <= 16) for (let i = 0; i < rest; i++) read[shared + i] = page[from + i]!;
    else read.set(page.subarray(from, from + rest), shared);
    this.readLength = length;
    return this.settle(at + (from - offset) + rest);
  }

  /** Rebuilds the id of a row in `read`. */
  private load(row: number): void {
    let at = this.settle(this.blockStart.get(row >>> BLOCK_BITS));
    for (let k = row & BLOCK_MASK; k >= 0; k--) at = this.step(at);
  }

  /** Whether a row's id is the one in `key`. */
  private equalsKey(row: number): boolean {
    this.load(row);
    const n = this.keyLength;
    if (this.readLength !== n) return false;
    const read = this.read;
    const key = this.key;
    for (let i = 0; i < n; i++) if (read[i] !== key[i]) return false;
    return true;
  }

  /** The slot of the id in `key`: where it is, or the empty slot where it would go. */
  private slotOfKey(): number {
    const mask = this.slots.length - 1;
    const hash = this.keyHash;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY || (((entry ^ hash) & ~mask) === 0 && this.equalsKey(entry & mask))) return slot;
    }
  }

  /** The row in a slot, or -1. */
  private rowAt(slot: number): number {
    const entry = this.slots[slot]!;
    return entry === EMPTY ? -1 : entry & (this.slots.length - 1);
  }

  /**
   * Drops the hash index (the larger part of what the ids cost): afterwards `id(row)` still
   * works, but `find` and `add` throw. For the end of a run, when every row is in.
   */
  dropIndex(): void {
    this.slots = new Int32Array(0);
  }

  /** The row of an id, or -1. */
  find(id: string): number {
    if (this.slots.length === 0) throw new Error('IdIndex: the index was dropped');
    this.setKey(id);
    return this.rowAt(this.slotOfKey());
  }

  /**
   * Adds the id of the next row (rows are numbered 0, 1, 2, … in the order added). Returns -1, or
   * the earlier row with the same id (then nothing is added).
   */
  add(id: string): number {
    if (this.slots.length === 0) throw new Error('IdIndex: the index was dropped');
    this.setKey(id);
    const length = this.keyLength;
    if (length > 0xffff) throw new RangeError('an id longer than 65,535 bytes');
    const slot = this.slotOfKey();
    const earlier = this.rowAt(slot);
    if (earlier >= 0) return earlier;
    const row = this.count++;
    const key = this.key;
    let shared = 0;
    if ((row & BLOCK_MASK) !== 0) {
      const last = this.last;
      const most = Math.min(255, this.lastLength, length);
      while (shared < most && last[shared] === key[shared]) shared++;
    }
    const rest = length - shared;
    const size = (rest >= 255 ? 4 : 2) + rest;
    if (this.used + size > BYTE_PAGE) {
      if (this.pages.length > 0) this.pageUsed.push(this.used);
      this.pages.push(newPage(Uint8Array, BYTE_PAGE, this.shared));
      this.used = 0;
    }
    const pageIndex = this.pages.length - 1;
    const page = this.pages[pageIndex]!;
    const at = this.used;
    page[at] = shared;
    let to = at + 2;
    if (rest >= 255) {
      page[at + 1] = 255;
      page[to] = rest & 0xff;
      page[to + 1] = rest >>> 8;
      to += 2;
    } else page[at + 1] = rest;
    if (rest <= 16) for (let i = 0; i < rest; i++) page[to + i] = key[shared + i]!;
    else page.set(key.subarray(shared, length), to);
    if ((row & BLOCK_MASK) === 0) this.blockStart.set(row >>> BLOCK_BITS, pageIndex * BYTE_PAGE + at);
    this.used += size;
    if (!this.keyAscii) this.ascii = false;
    // The key becomes the last id (the buffers trade places).
    this.key = this.last;
    this.last = key;
    this.lastLength = length;
    this.slots[slot] = (this.keyHash & ~(this.slots.length - 1)) | row;
    if (this.count * 4 > this.slots.length * 3) this.grow();
    return -1;
  }

  /** The stored ids (in shared memory), for a reader in another thread: IdIndex.reader. The index is not shared. */
  share(): SharedIds {
    if (!this.shared) throw new Error('IdIndex: not in shared memory');
    return { pages: this.pages, pageUsed: this.pageUsed, used: this.used, blockStart: this.blockStart.share(), ascii: this.ascii, count: this.count };
  }

  /** The ids of another thread's IdIndex (its share()): `id(row)` only. */
  static reader(ids: SharedIds): IdIndex {
    const reader = new IdIndex(true);
    reader.dropIndex();
    reader.pages.push(...ids.pages);
    reader.pageUsed.push(...ids.pageUsed);
    reader.used = ids.used;
    reader.blockStart = new Column<Uint32Array<ArrayBufferLike>>(Uint32Array, true, ids.blockStart);
    reader.ascii = ids.ascii;
    reader.count = ids.count;
    return reader;
  }

  /** The id of a row. */
  id(row: number): string {
    this.load(row);
    const n = this.readLength;
    const read = this.read;
    if (!this.ascii || n > 64) return decoder.decode(read.subarray(0, n));
    return asciiText(read, n);
  }

  /**
   * Makes room in the index for `rows` ids in all (a ledger's estimate from its first chunk), so
   * that it is not rebuilt as it fills: each rebuild rehashes every id so far, rebuilt from its
   * block (a 200,000-row ledger rebuilt it three times, from 49,152, 98,304 and 196,608 ids).
   */
  reserve(rows: number): void {
    if (this.slots.length === 0) throw new Error('IdIndex: the index was dropped');
    let size = this.slots.length;
    while (rows * 4 > size * 3) size *= 2;
    if (size > this.slots.length) this.grow(size);
  }

  private grow(size = this.slots.length * 2): void {
    const slots = new Int32Array(size).fill(EMPTY);
    const mask = slots.length - 1;
    // The ids in row order, each rebuilt from the one before it.
    let at = this.count > 0 ? this.settle(this.blockStart.get(0)) : 0;
    for (let row = 0; row < this.count; row++) {
      at = this.step(at);
      const hash = IdIndex.hash(this.read, this.readLength);
      let slot = hash & mask;
      while (slots[slot]! !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = (hash & ~mask) | row;
    }
    this.slots = slots;
  }
}

/** What IdIndex.share gives another thread. */
export interface SharedIds {
  pages: Uint8Array[];
  pageUsed: number[];
  used: number;
  blockStart: Uint32Array[];
  ascii: boolean;
  count: number;
}

/** Numbers kept by (member, supply kind, vendor): the ledger's spending groups. */
export class GroupIndex {
  /** member → supply kind → vendor → number. */
  private readonly byMember = new Map<number, Map<string, Map<string, number>>>();
  get(member: number, supplyKind: string, vendor: string): number | undefined {
    return this.byMember.get(member)?.get(supplyKind)?.get(vendor);
  }
  set(member: number, supplyKind: string, vendor: string, value: number): void {
    let byKind = this.byMember.get(member);
    if (!byKind) this.byMember.set(member, (byKind = new Map()));
    let byVendor = byKind.get(supplyKind);
    if (!byVendor) byKind.set(supplyKind, (byVendor = new Map()));
    byVendor.set(vendor, value);
  }
}

/** A fresh flat copy of a string: a substring would keep the whole text it was cut from (a chunk) alive. */
export function flatCopy(value: string): string {
  return decoder.decode(encoder.encode(value));
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
      this.values.push(flatCopy(value));
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
  constructor(
    shared = false,
    private readonly small = new Column<Int32Array<ArrayBufferLike>>(Int32Array, shared),
    private readonly large = new Map<number, number>(),
  ) {}
  /** The column for another thread (its four-byte pages shared, the few large amounts copied): `CentsColumn.reader`. */
  share(): { small: Int32Array[]; large: [number, number][] } {
    return { small: this.small.share(), large: [...this.large] };
  }
  static reader(cents: ReturnType<CentsColumn['share']>): CentsColumn {
    return new CentsColumn(true, new Column<Int32Array<ArrayBufferLike>>(Int32Array, true, cents.small), new Map(cents.large));
  }
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
  // (in pages: a change order every 50 rows put 200,000 numbers in two arrays at 5,000,000 rows)
  private readonly rows = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
  private readonly lines = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
  private runs = 0;
  private next = -1;
  private nextLine = -1;
  /** Adds the line of the next row (`row` must be the row after the last one added). */
  add(row: number, line: number): void {
    if (row !== this.next || line !== this.nextLine) {
      this.rows.set(this.runs, row);
      this.lines.set(this.runs++, line);
    }
    this.next = row + 1;
    this.nextLine = line + 1;
  }
  get(row: number): number {
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.rows.get(mid) <= row) lo = mid;
      else hi = mid - 1;
    }
    return this.lines.get(lo) + (row - this.rows.get(lo));
  }
}

/**
 * A column of small non-negative integers (group numbers): two bytes a row while every value fits,
 * four from the first that does not (the pages are widened then, once).
 */
export class SmallIntColumn {
  constructor(
    private readonly shared = false,
    private pages: (Uint16Array<ArrayBufferLike> | Int32Array<ArrayBufferLike>)[] = [],
    private wide = false,
  ) {}
  /** The pages (in shared memory) for another thread: `new SmallIntColumn(true, pages, wide)`. */
  share(): { pages: (Uint16Array<ArrayBufferLike> | Int32Array<ArrayBufferLike>)[]; wide: boolean } {
    if (!this.shared) throw new Error('SmallIntColumn: not in shared memory');
    return { pages: this.pages, wide: this.wide };
  }
  get(row: number): number {
    return this.pages[row >>> PAGE_BITS]![row & PAGE_MASK]!;
  }
  set(row: number, value: number): void {
    if (!this.wide && value > 0xffff) {
      this.pages = this.pages.map((narrow) => {
        const wide = newPage(Int32Array, narrow.length, this.shared);
        wide.set(narrow);
        return wide;
      });
      this.wide = true;
    }
    const at = row >>> PAGE_BITS;
    while (this.pages.length <= at) this.pages.push(this.wide ? newPage(Int32Array, PAGE_ROWS, this.shared) : newPage(Uint16Array, PAGE_ROWS, this.shared));
    this.pages[at]![row & PAGE_MASK] = value;
  }
}

/**
 * JSON.stringify of a string: an id with nothing to escape (no quote, backslash, control
 * character or surrogate) is quoted as it is, found by a loop rather than a call into the runtime
 * for every row's detail.
 */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}
