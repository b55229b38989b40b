// How much heap audit-ledger's threads get for what grows with the members file: each member (and
// each contract it buys under) has a purchase classifier and the decisions kept for its classes,
// and the ledger keeps its spending by vendor and supply kind, whatever the ledger's length.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

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
 */
export function groupsHeapMb(file: string, bytes: number): number {
  try {
    const sample = Buffer.alloc(Math.min(bytes, SAMPLE_BYTES));
    const fd = openSync(file, 'r');
    try {
      readSync(fd, sample, 0, sample.length, 0);
    } finally {
      closeSync(fd);
    }
    const lines = sample.toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    if (sample.length < bytes) lines.pop(); // (cut short)
    let groupOf: (line: string) => string | undefined;
    if (/\.csv$/i.test(file)) {
      // (an estimate: a quoted comma shifts a row's fields, and the row then counts once more)
      const header = lines.shift()!.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
      const [m, k, v] = ['memberId', 'supplyKind', 'vendorId'].map((c) => header.indexOf(c));
      groupOf = (line) => {
        const f = line.split(',');
        return `${f[m!]}\u0000${f[k!]}\u0000${v! < 0 ? '' : f[v!]}`;
      };
    } else if (/\.(jsonl|ndjson)$/i.test(file)) {
      groupOf = (line) => {
        try {
          const p = JSON.parse(line) as { memberId?: unknown; supplyKind?: unknown; vendorId?: unknown };
          return `${String(p.memberId)}\u0000${String(p.supplyKind)}\u0000${String(p.vendorId)}`;
        } catch {
          return undefined;
        }
      };
    } else return 0;
    const rows = lines.filter((l) => l.trim() !== '');
    const half = rows.length >> 1;
    if (half === 0) return 0;
    const groups = new Set<string | undefined>();
    for (let i = 0; i < half; i++) groups.add(groupOf(rows[i]!));
    const before = groups.size;
    for (let i = half; i < rows.length; i++) groups.add(groupOf(rows[i]!));
    const perRow = (groups.size - before) / (rows.length - half);
    const rowsAfter = (bytes / sample.length - 1) * rows.length;
    return Math.min(2048, Math.ceil((perRow * rowsAfter * BYTES_A_GROUP) / 2 ** 20));
  } catch {
    return 0;
  }
}
