// The UTF-8 bytes of batch's answer lines, exactly `JSON.stringify(answer) + '\n'`, without
// re-serializing what the answer before already had.
//
// Why: a traced procurement-method answer is 8.8 KB, and JSON.stringify plus UTF-8 encoding of it
// was about 300,000 of a request's 382,000 instructions (callgrind; V8 escapes every character of
// every key and value, every time). Consecutive answers are mostly the same text: the same
// threshold entries, trace steps, citations and messages, with a few booleans and numbers changed.
// So the encoder keeps, for each position in the answer tree (root, root.result,
// root.result.trace[3], ...), the last value's keys and its encoded bytes; a position whose keys
// and children's bytes are unchanged reuses its bytes, and only the positions above a changed leaf
// are copied together again (memcpy, no escaping). The answer then costs about 127,500
// instructions. Answers whose shape changes every time (procurement-method, audit-checklist and
// check-purchase in turn) cost 1,062,870 against 1,251,110 for JSON.stringify and encoding.
//
// Exactness: the bytes are those of JSON.stringify for plain data, the only data batch answers
// hold (objects from literals and JSON.parse, arrays, strings, finite numbers, booleans, null,
// undefined). Anything else (a prototype other than Object's or Array's, a `toJSON` anywhere,
// a bigint) makes the whole answer go through JSON.stringify itself. Strings that need escaping
// (quotes, backslashes, control characters, surrogates) are quoted by JSON.stringify. Memory is
// bounded: subtrees deeper than MAX_DEPTH or wider than MAX_WIDTH are serialized whole each time,
// and an answer that needs more than MAX_POSITIONS positions, or any part of more than
// MAX_PART_BYTES, is written by JSON.stringify and the positions are dropped.

const MAX_POSITIONS = 20_000;
const MAX_DEPTH = 12;
const MAX_WIDTH = 1024;
const MAX_PART_BYTES = 1 << 18;
/** A string JSON.stringify would escape: `"`, `\`, a control character, or any surrogate. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Thrown (never escapes this module) when a value is not plain data or an answer is too large to
 * keep: JSON.stringify answers.
 */
const STRINGIFY: unique symbol = Symbol('JSON.stringify answers');

const EMPTY = new Uint8Array(0);

/** One position of the answer tree: its last value's text as UTF-8 bytes. */
class Position {
  /**
   * The leaf value (string, number, boolean or null) whose text `bytes` are, while the position is
   * that leaf; undefined otherwise.
   */
  value: unknown = undefined;
  /** Bytes of the last value's JSON text; `omitted` when the value has no text (undefined). */
  bytes: Uint8Array = EMPTY;
  /** Whether `bytes` belong to this position alone (then they may be rewritten in place). */
  owned = false;
  omitted = false;
  /** Bumped whenever `bytes` change (an object's parent compares versions, not bytes). */
  version = 0;
  /** An object's keys, or undefined for an array (its length in `length`) or a primitive. */
  keys: string[] | undefined = undefined;
  /** For each key: `"key":` encoded. */
  keyBytes: Uint8Array[] = [];
  length = -1;
  /** The children's versions when `bytes` were built. */
  seen: number[] = [];
  children: Position[] = [];
}

function utf8Length(text: string): number {
  let size = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) size += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdbff ? 0 : 2; // a pair: 4 bytes for 2 units
  }
  return size;
}

/**
 * UTF-8 of a JSON text. JSON.stringify escapes lone surrogates, so every surrogate here is half
 * of a pair.
 */
function utf8(text: string): Uint8Array {
  const out = new Uint8Array(utf8Length(text));
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) out[at++] = c;
    else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[at++] = 0xf0 | (c >> 18);
      out[at++] = 0x80 | ((c >> 12) & 0x3f);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    } else {
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

const TRUE = utf8('true');
const FALSE = utf8('false');
const NULL = utf8('null');
const COMMA = 0x2c;

/**
 * Whether Object.prototype and Array.prototype have neither an enumerable property (for-in would
 * walk it) nor a toJSON (JSON.stringify would call it).
 */
function prototypesArePlain(): boolean {
  for (const _ in Object.prototype) return false;
  return !('toJSON' in Array.prototype);
}

/** Writes answers as JSON lines; one per thread (it keeps the last answer's positions). */
export class AnswerEncoder {
  private root = new Position();
  private positions = 0;
  private out: Uint8Array<ArrayBufferLike> = new Uint8Array(1 << 16);
  private size = 0;
  private readonly spare: Uint8Array<ArrayBufferLike>[] = [];

  /** Appends `JSON.stringify(answer) + '\n'` as UTF-8. */
  add(answer: object): void {
    if (this.positions > MAX_POSITIONS) {
      this.root = new Position();
      this.positions = 0;
    }
    let bytes: Uint8Array;
    try {
      if (!prototypesArePlain()) throw STRINGIFY;
      this.encode(answer, this.root, 0);
      bytes = this.root.bytes;
    } catch (e) {
      // The positions may be half updated (keys rewritten, bytes not): none is kept.
      this.root = new Position();
      this.positions = 0;
      if (e !== STRINGIFY) throw e;
      // (JSON.stringify writes no lone surrogate, so these are the bytes of its text)
      bytes = Buffer.from(JSON.stringify(answer), 'utf8');
    }
    this.reserve(bytes.length + 1);
    this.out.set(bytes, this.size);
    this.size += bytes.length;
    this.out[this.size++] = 0x0a;
  }

  /** Drops the bytes added since the last take (the answers of a piece that failed). */
  discard(): void {
    this.size = 0;
  }

  /**
   * The bytes added since the last take, in a buffer the encoder no longer writes to (it may be
   * transferred to another thread). Give the buffer back when it has been written.
   */
  take(): Uint8Array {
    const taken = this.out.subarray(0, this.size);
    // A fresh buffer of a piece's size (hundreds of KB) costs page faults or zeroing every time;
    // one given back does not.
    this.out = this.spare.pop() ?? new Uint8Array(this.out.length);
    this.size = 0;
    return taken;
  }

  /** A buffer that `take` returned, written and no longer used, for the encoder to write into again. */
  give(buffer: ArrayBufferLike): void {
    if (this.spare.length < 4 && buffer.byteLength >= this.out.length) this.spare.push(new Uint8Array(buffer));
  }

  private reserve(more: number): void {
    if (this.size + more <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.size + more));
    grown.set(this.out.subarray(0, this.size));
    this.out = grown;
  }

  private child(at: Position, i: number): Position {
    let child = at.children[i];
    if (child === undefined) {
      if (++this.positions > MAX_POSITIONS) throw STRINGIFY;
      child = at.children[i] = new Position();
    }
    return child;
  }

  /** Brings `at` up to date with `value` (bumping its version if its bytes change). */
  private encode(value: unknown, at: Position, depth: number): void {
    if (typeof value === 'string') {
      if (value !== at.value || at.keys !== undefined || at.length !== -1 || at.omitted) this.leaf(at, quote(value), value);
    } else if (typeof value === 'object') {
      if (value === null) this.constant(at, NULL, null);
      else if (Array.isArray(value)) this.array(value, at, depth);
      else this.object(value, at, depth);
    } else if (typeof value === 'boolean') {
      this.constant(at, value ? TRUE : FALSE, value);
    } else if (typeof value === 'number') {
      if (value !== at.value || at.keys !== undefined || at.length !== -1 || at.omitted) this.leaf(at, Number.isFinite(value) ? String(value) : 'null', value);
    } else if (typeof value === 'undefined' || typeof value === 'function' || typeof value === 'symbol') {
      if (!at.omitted) {
        at.omitted = true;
        at.value = undefined;
        at.keys = undefined;
        at.length = -1;
        at.version++;
      }
    } else {
      throw STRINGIFY; // a bigint: JSON.stringify decides (it throws)
    }
  }

  private leaf(at: Position, text: string, value: unknown): void {
    if (text.length > MAX_PART_BYTES) throw STRINGIFY;
    at.bytes = utf8(text);
    at.owned = true;
    at.value = text.length <= 1024 ? value : undefined;
    at.omitted = false;
    at.keys = undefined;
    at.length = -1;
    at.version++;
  }

  private constant(at: Position, bytes: Uint8Array, value: boolean | null): void {
    if (at.bytes === bytes && !at.omitted) return;
    at.bytes = bytes;
    at.owned = false;
    at.value = value;
    at.omitted = false;
    at.keys = undefined;
    at.length = -1;
    at.version++;
  }

  /** A subtree too deep or wide to keep positions for: its JSON text whole (it is plain data). */
  private whole(value: object, at: Position): void {
    this.leaf(at, JSON.stringify(value), undefined);
  }

  private array(value: unknown[], at: Position, depth: number): void {
    if (Object.getPrototypeOf(value) !== Array.prototype || 'toJSON' in value) throw STRINGIFY;
    const n = value.length;
    if (depth >= MAX_DEPTH || n > MAX_WIDTH) return this.whole(value, at);
    let same = at.keys === undefined && at.length === n && !at.omitted;
    if (!same) {
      at.keys = undefined;
      at.length = n;
      at.seen = new Array<number>(n).fill(-1);
    }
    const seen = at.seen;
    let size = n === 0 ? 2 : n + 1; // brackets and commas
    for (let i = 0; i < n; i++) {
      const child = this.child(at, i);
      const item = value[i];
      // (a position holds `value` only while it is that leaf: then its bytes are up to date)
      if (item !== child.value || item === undefined) this.encode(item, child, depth + 1);
      size += child.omitted ? 4 : child.bytes.length;
      if (seen[i] !== child.version) {
        seen[i] = child.version;
        same = false;
      }
    }
    if (same) return;
    const bytes = this.buffer(at, size);
    bytes[0] = 0x5b;
    let pos = 1;
    for (let i = 0; i < n; i++) {
      if (i > 0) bytes[pos++] = COMMA;
      const child = at.children[i]!;
      const part = child.omitted ? NULL : child.bytes;
      bytes.set(part, pos);
      pos += part.length;
    }
    bytes[pos] = 0x5d;
    this.built(at, bytes);
  }

  private object(value: object, at: Position, depth: number): void {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw STRINGIFY;
    if (depth >= MAX_DEPTH) return this.whole(value, at);
    const o = value as Record<string, unknown>;
    // for-in walks the own enumerable keys in Object.keys' order here (add() checked that
    // Object.prototype has no enumerable property), and reads each value without a lookup.
    let keys = at.keys;
    let keysChanged = keys === undefined || at.omitted;
    if (keys === undefined) keys = [];
    let same = !keysChanged;
    const seen = at.seen;
    let i = 0;
    for (const key in o) {
      if (i === MAX_WIDTH) return this.whole(value, at);
      if (keys[i] !== key) {
        keys[i] = key;
        keysChanged = true;
      }
      const child = this.child(at, i);
      const item = o[key];
      if (item !== child.value || item === undefined) this.encode(item, child, depth + 1);
      if (seen[i] !== child.version) {
        seen[i] = child.version;
        same = false;
      }
      i++;
    }
    if (keys.length !== i) {
      keys.length = i;
      keysChanged = true;
    }
    if (keysChanged) {
      // An own toJSON is enumerable here (plain data): JSON.stringify calls it.
      if (keys.includes('toJSON')) throw STRINGIFY;
      at.keys = keys;
      at.length = -1;
      at.keyBytes = keys.map((k) => utf8(`${quote(k)}:`));
      seen.length = i;
    } else if (same) return;
    const n = i;
    const children = at.children;
    const keyBytes = at.keyBytes;
    let size = 2;
    for (let j = 0; j < n; j++) {
      const child = children[j]!;
      if (!child.omitted) size += keyBytes[j]!.length + child.bytes.length + 1;
    }
    if (size > 2) size--; // one comma fewer than parts
    const bytes = this.buffer(at, size);
    bytes[0] = 0x7b;
    let pos = 1;
    for (let j = 0; j < n; j++) {
      const child = children[j]!;
      if (child.omitted) continue;
      if (pos > 1) bytes[pos++] = COMMA;
      bytes.set(keyBytes[j]!, pos);
      pos += keyBytes[j]!.length;
      bytes.set(child.bytes, pos);
      pos += child.bytes.length;
    }
    bytes[pos] = 0x7d;
    this.built(at, bytes);
  }

  /** A buffer for `size` bytes: the position's own when it is that size. */
  private buffer(at: Position, size: number): Uint8Array {
    if (size > MAX_PART_BYTES) throw STRINGIFY;
    return at.owned && at.bytes.length === size ? at.bytes : new Uint8Array(size);
  }

  private built(at: Position, bytes: Uint8Array): void {
    at.bytes = bytes;
    at.owned = true;
    at.omitted = false;
    at.value = undefined;
    at.version++;
  }
}
