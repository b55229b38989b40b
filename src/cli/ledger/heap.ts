// How much heap audit-ledger's threads get for what grows with the members file: each member (and
// each contract it buys under) has a purchase classifier and the decisions kept for its classes,
// and the ledger keeps its spending by vendor and supply kind, whatever the ledger's length.
import { readFileSync, statSync } from 'node:fs';

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
