// The split check's buckets dealt out: the ledger's thread checks its own, and with worker threads
// and many rows, each worker checks some from the columns in shared memory (LedgerBook.findSplitPurchases
// counts and reports the groups).
import type { PaceContext } from '../../pace-context.js';
import { BucketSplitter, bucketsOf, shareSplitColumns, type BucketGroup, type SplitColumns, type SplitHelpers } from './split-buckets.js';

/** Rows to check for split purchases from which worker threads check some of the buckets (see findSplitPurchases). */
export const SHARED_SPLIT_ROWS = 500_000;

/**
 * The largest bucket a worker checks: its heap is small (32 MB old generation, see pool.ts), and a
 * bucket's purchases are objects while it is checked (measured: 229 bytes a row for the purchases,
 * 567 with all the check allocates, garbage included: 23 MB for 40,000 rows); larger ones are
 * checked by the ledger's thread, whose heap grows with the ledger.
 */
export const HELPER_BUCKET_ROWS = 40_000;

/**
 * The most (member, supply kind, vendor) groups with which worker threads check buckets: each
 * receives the groups' list (about 80 bytes a group, copied), and a cooperative's ledger of
 * 186,000 groups ran a worker's 33 MB heap out of memory (exit 3). Past it, the ledger's thread,
 * whose heap is sized for its groups (heap.ts), checks every bucket.
 */
export const HELPER_GROUPS = 50_000;

/** When worker threads check buckets: from how many rows to check, the largest bucket, the most groups. */
export interface SplitDealLimits {
  sharedFrom: number;
  helperBucketRows: number;
  helperGroups: number;
}

/**
 * Checks every bucket of the ledger's columns for split purchases (`shared`: the columns are in
 * shared memory), each group to `onGroup` in bucket order (`keep`: whether the group is still kept
 * whole, see KeptSplitGroup).
 */
export async function checkSplitBuckets(
  columns: SplitColumns,
  context: PaceContext,
  memberList: readonly { id: string; member: unknown }[],
  shared: boolean,
  window: 'fiscal-year' | { days: number },
  helpers: SplitHelpers | undefined,
  limits: SplitDealLimits,
  keep: () => boolean,
  onGroup: (member: number, group: BucketGroup) => void,
): Promise<void> {
    const { bucketKeys, sizes, order, buckets } = bucketsOf(columns, memberList, shared);
    const here = new BucketSplitter(columns, context, memberList, window);
    // (a bucket of one PO may still hold a change-orders group: one its change orders carried over its limit)
    const work = buckets.filter((b) => sizes[b + 1]! - sizes[b]! >= 2 || (sizes[b + 1]! - sizes[b]! === 1 && columns.issuedCents.has(order[sizes[b]!]!)));
    // With worker threads and many rows, buckets are dealt in turn to this thread and to each
    // worker, which reads the columns in shared memory; a worker is asked a few buckets ahead, so
    // that it checks its buckets while this thread checks its own, and the groups still go to the
    // sink in bucket order. With one worker (two cores) the split phase took 1.43-1.48 s against
    // 1.85-1.89 s on the bench's 1,000,000 rows (881,545 to check); on 400,000 rows 580-598 ms
    // against 576-607 ms, and on 200,000 rows a median of 390 ms against 345 (each thread
    // compiling the split check's code competes for the two cores): below SHARED_SPLIT_ROWS rows
    // to check, and when the columns are private (see SHARED_COLUMNS_BYTES in audit-ledger.ts),
    // this thread checks them all.
    const threads = shared && helpers !== undefined && work.length > 1 && order.length >= limits.sharedFrom && columns.groups.length <= limits.helperGroups ? helpers.count : 0;
    if (threads > 0) helpers!.start(shareSplitColumns(columns), order, window);
    // Who checks each bucket: 0 this thread, i a worker (i - 1). A bucket too large for a worker's
    // small heap (its purchases are objects while it is checked) stays here.
    let dealt = 0;
    const turns = work.map((b) => (threads === 0 || sizes[b + 1]! - sizes[b]! > limits.helperBucketRows ? 0 : dealt++ % (threads + 1)));
    const ahead = 8 * threads;
    const asked = new Map<number, Promise<BucketGroup[]>>();
    let next = 0;
    for (let k = 0; k < work.length; k++) {
      for (; next < work.length && next <= k + ahead; next++) {
        const turn = turns[next]!;
        if (turn === 0) continue;
        const b = work[next]!;
        asked.set(next, helpers!.split(turn - 1, sizes[b]!, sizes[b + 1]!, bucketKeys[b]!.member, bucketKeys[b]!.vendor, keep()));
      }
      const b = work[k]!;
      const { member, vendor } = bucketKeys[b]!;
      const take = (group: BucketGroup): void => onGroup(member, group);
      // Groups found here go to the sink as they are found; a worker's, as it sends them.
      if (turns[k] === 0) here.split(order.subarray(sizes[b]!, sizes[b + 1]!), member, vendor, keep, take);
      else {
        for (const group of await asked.get(k)!) take(group);
        asked.delete(k);
      }
    }
}
