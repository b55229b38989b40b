// How much heap audit-ledger's threads get for what grows with the members file: each member (and
// each contract it buys under) has a purchase classifier and the decisions kept for its classes,
// and the ledger keeps its spending by vendor and supply kind, whatever the ledger's length.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { fnv1a, FNV_OFFSET, FNV_PRIME } from './columns.js';

/** Heap for each member (see membersHeapMb). */
const KB_A_MEMBER = 100;
/** Heap for each megabyte of members JSON (see membersHeapMb). */
const MB_A_MEMBERS_MB = 400;

/**
 * Megabytes of heap for the members of a members file: 100 KB a member, or 400 MB a megabyte of
 * the file when that is more (a member's dates, board authorizations and the like give its
 * classifier more to hold). Measured with the bench's 1,000,000 rows spread over the members:
 * - a 0.31 MB file of 1,000 members needed a worker's old generation of 96 MB where 4 members
 *   need 32, and the ledger's own thread, deciding alone, 128 MB where they need 64;
 * - a 0.91 MB file of 3,000 members held 237 MB live in the ledger's thread deciding alone after
 *   the rows were read (the members' classifiers, about 9 KB each, their kept decisions, and the
 *   ledger's spending by member, vendor and supply kind): at 200 MB a megabyte it ran out of
 *   memory with `--jobs 0`; at 400, 24 s and 471 MB peak RSS (the default jobs: 527 MB);
 * - 3,000 members of a few fields each (id, name, kind, state: a 0.35 MB file) ran the ledger's
 *   thread out of memory at 400 MB a megabyte (142 MB), with `--jobs 0` and with the default jobs:
 *   what a member costs hardly depends on its size, hence the room for each member.
 * Below that the command ended in "internal error". 0 when the file cannot be read or parsed (the
 * command reports it).
 */
export function membersHeapMb(membersFile: string | undefined): number {
  if (membersFile === undefined) return 0;
  try {
    const bytes = statSync(membersFile).size;
    const json = JSON.parse(readFileSync(membersFile, 'utf8').replace(/^\uFEFF/, '')) as unknown;
    const list = Array.isArray(json) ? json : json !== null && typeof json === 'object' ? (json as { members?: unknown }).members : undefined;
    const count = Array.isArray(list) ? list.length : 0;
    return Math.ceil(Math.max((count * KB_A_MEMBER) / 1024, (bytes / 2 ** 20) * MB_A_MEMBERS_MB));
  } catch {
    return 0;
  }
}

/**
 * Heap for each (member, supply kind, vendor) group of a ledger (see groupsHeapMb): about 260 bytes
 * live while rows are read, and the report's spending by vendor built and written at the end.
 */
const BYTES_A_GROUP = 800;
/** The ledger's first bytes that groupsHeapMb reads. */
const SAMPLE_BYTES = 2 << 20;

/**
 * Megabytes of heap for what grows with a ledger's groups (member, supply kind, vendor): its
 * spending by group and fiscal year, its split-check buckets and the report's spending by vendor:
 * 800 bytes a group. Most ledgers buy from a few hundred vendors, and their groups stop growing
 * early; one that buys from a new vendor on nearly every row (300,000 vendors in a 41 MB ledger)
 * ran the ledger's thread out of its heap (with this room: 11 s, 436 MB peak RSS). Estimated from
 * the first 2 MB of a CSV or JSON Lines ledger: the groups new in the sample's second half, per
 * row, over the rows of the rest of the file. 0 when it cannot tell.
 *
 * Read as bytes, a group as a hash of its fields: the estimate runs on the command's main thread,
 * which then only waits for the ledger's thread. As strings (a line's fields, each JSON line
 * parsed) it grew that thread's young generation from 4 to 16 MB and left 16 MB of garbage that
 * nothing collected, since the thread allocates nothing more: part of a 5,000,000-row run's peak
 * RSS unless V8's memory reducer happened to run first.
 */
export function groupsHeapMb(file: string, bytes: number): number {
  try {
    const csv = /\.csv$/i.test(file);
    if (!csv && !/\.(jsonl|ndjson)$/i.test(file)) return 0;
    const sample = Buffer.alloc(Math.min(bytes, SAMPLE_BYTES));
    const fd = openSync(file, 'r');
    try {
      readSync(fd, sample, 0, sample.length, 0);
    } finally {
      closeSync(fd);
    }
    const lines = linesOf(sample, sample.length < bytes);
    let group: (start: number, end: number) => number;
    let first = 0;
    if (csv) {
      if (lines.count === 0) return 0;
      // (an estimate: a quoted comma shifts a row's fields, and the row then counts once more)
      const header = sample.toString('utf8', lines.start[0], lines.end[0]).split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
      const [m, k, v] = ['memberId', 'supplyKind', 'vendorId'].map((c) => header.indexOf(c)) as [number, number, number];
      group = (start, end) => csvGroup(sample, start, end, m, k, v);
      first = 1;
    } else group = (start, end) => jsonGroup(sample, start, end);
    const rows = new Int32Array(lines.count);
    let rowCount = 0;
    for (let i = first; i < lines.count; i++) if (!blank(sample, lines.start[i]!, lines.end[i]!)) rows[rowCount++] = i;
    const half = rowCount >> 1;
    if (half === 0) return 0;
    const groups = new Set<number>();
    for (let r = 0; r < half; r++) groups.add(group(lines.start[rows[r]!]!, lines.end[rows[r]!]!));
    const before = groups.size;
    for (let r = half; r < rowCount; r++) groups.add(group(lines.start[rows[r]!]!, lines.end[rows[r]!]!));
    const perRow = (groups.size - before) / (rowCount - half);
    const rowsAfter = (bytes / sample.length - 1) * rowCount;
    return Math.min(2048, Math.ceil((perRow * rowsAfter * BYTES_A_GROUP) / 2 ** 20));
  } catch {
    return 0;
  }
}

const CR = 13;
const LF = 10;
const COMMA = 44;
const QUOTE = 34;

/** The lines of `bytes` (after a UTF-8 BOM; CR LF, LF or CR ends one); the last is dropped when `cut` (the sample ends inside it). */
function linesOf(bytes: Uint8Array, cut: boolean): { start: Int32Array; end: Int32Array; count: number } {
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let breaks = 0;
  for (let i = from; i < bytes.length; i++) if (bytes[i] === LF || bytes[i] === CR) breaks++;
  const start = new Int32Array(breaks + 1);
  const end = new Int32Array(breaks + 1);
  let count = 0;
  let at = from;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== LF && c !== CR) continue;
    start[count] = at;
    end[count++] = i;
    if (c === CR && bytes[i + 1] === LF) i++;
    at = i + 1;
  }
  start[count] = at;
  end[count++] = bytes.length;
  return { start, end, count: cut ? count - 1 : count };
}

/** Whether a line is only spaces and tabs. */
function blank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 32 && bytes[i] !== 9) return false;
  return true;
}

/** `hash` (FNV-1a) continued over bytes [start, end), then a separator; a field that is not there (start < 0) hashes as a byte UTF-8 never has. */
function hashOn(hash: number, bytes: Uint8Array, start: number, end: number): number {
  return start < 0 ? Math.imul(hash ^ 0xff, FNV_PRIME) : Math.imul(fnv1a(hash, bytes, start, end), FNV_PRIME);
}

/** A CSV row's group: its fields number m, k and v (v < 0: no vendor column). */
function csvGroup(bytes: Uint8Array, start: number, end: number, m: number, k: number, v: number): number {
  let mFrom = -1;
  let mTo = -1;
  let kFrom = -1;
  let kTo = -1;
  let vFrom = v < 0 ? 0 : -1;
  let vTo = vFrom;
  let field = 0;
  let fieldStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && bytes[i] !== COMMA) continue;
    if (field === m) (mFrom = fieldStart), (mTo = i);
    if (field === k) (kFrom = fieldStart), (kTo = i);
    if (field === v) (vFrom = fieldStart), (vTo = i);
    field++;
    fieldStart = i + 1;
  }
  return hashOn(hashOn(hashOn(FNV_OFFSET, bytes, mFrom, mTo), bytes, kFrom, kTo), bytes, vFrom, vTo) | 0;
}

const JSON_KEYS = ['"memberId"', '"supplyKind"', '"vendorId"'].map((key) => Buffer.from(key));

/** A JSON line's group: the text of its memberId, supplyKind and vendorId values (a value that is not there hashes as such). */
function jsonGroup(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (const key of JSON_KEYS) {
    let at = find(bytes, key, start, end);
    if (at < 0) {
      hash = hashOn(hash, bytes, -1, -1);
      continue;
    }
    at += key.length;
    while (at < end && (bytes[at] === 32 || bytes[at] === 9 || bytes[at] === 58)) at++; // (spaces and the colon)
    let to = at;
    if (bytes[at] === QUOTE) {
      at++;
      for (to = at; to < end && bytes[to] !== QUOTE; to++) if (bytes[to] === 92) to++; // (a backslash escapes the next byte)
    } else while (to < end && bytes[to] !== COMMA && bytes[to] !== 125) to++; // (to a comma or the closing brace)
    hash = hashOn(hash, bytes, at, Math.min(to, end));
  }
  return hash | 0;
}

/** Where `pattern` starts in bytes [start, end), or -1. */
function find(bytes: Uint8Array, pattern: Uint8Array, start: number, end: number): number {
  const last = end - pattern.length;
  outer: for (let i = start; i <= last; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}
