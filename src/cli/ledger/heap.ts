// How much heap audit-ledger's threads get for what grows with the members file: each member (and
// each contract it buys under) has a purchase classifier and the decisions kept for its classes,
// whatever the ledger's length.
import { statSync } from 'node:fs';

/**
 * Megabytes of heap for the members of a members file, by its size: 200 MB a megabyte of members
 * JSON (measured: a 0.31 MB file of 1,000 members, with the bench's 1,000,000 rows spread over
 * them, needed a worker's old generation of 96 MB where 4 members need 32, and the ledger's own
 * thread, deciding alone, 128 MB where they need 64; both ran out of memory below that and the
 * command ended in "internal error"). 0 when the file cannot be read (reported when it is opened).
 */
export function membersHeapMb(membersFile: string | undefined): number {
  if (membersFile === undefined) return 0;
  try {
    return Math.ceil((statSync(membersFile).size / 2 ** 20) * 200);
  } catch {
    return 0;
  }
}
