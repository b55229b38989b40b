// How much heap audit-ledger's threads get for what grows with the members file: each member (and
// each contract it buys under) has a purchase classifier and the decisions kept for its classes,
// whatever the ledger's length.
import { statSync } from 'node:fs';

/**
 * Megabytes of heap for the members of a members file, by its size: 400 MB a megabyte of members
 * JSON. Measured with the bench's 1,000,000 rows spread over the members:
 * - a 0.31 MB file of 1,000 members needed a worker's old generation of 96 MB where 4 members
 *   need 32, and the ledger's own thread, deciding alone, 128 MB where they need 64 (both ran out
 *   of memory below that: "internal error");
 * - a 0.91 MB file of 3,000 members ran the ledger's thread out of memory at 200 MB a megabyte
 *   with `--jobs 0` (254 MB; the same run, unbounded, held 237 MB live after the rows were read:
 *   the members' classifiers, about 9 KB each, their kept decisions, and the ledger's spending by
 *   member, vendor and supply kind). At 400: 24 s, 471 MB peak RSS; with the default jobs 527 MB
 *   (472 at 200). A cooperative's 1,000 members with the default jobs: 320 MB (288 at 200).
 * 0 when the file cannot be read (reported when it is opened).
 */
export function membersHeapMb(membersFile: string | undefined): number {
  if (membersFile === undefined) return 0;
  try {
    return Math.ceil((statSync(membersFile).size / 2 ** 20) * 400);
  } catch {
    return 0;
  }
}
