// The body of an audit-ledger worker thread (started by WorkerPool with the CLI's own script): it
// decides chunks, then checks the split buckets and decides the raised POs it is asked for.
import { parentPort } from 'node:worker_threads';
import { paceContextOf } from '../../pace.js';
import { decideChunkBytes } from './decide-rows.js';
import { type ChunkResult } from './chunk-result.js';
import type { LedgerWorkerData, SplitRequest } from './pool.js';
import { raisedServer, type RaisedRequest } from './raised-pos.js';
import { buildLedgerSetup, type BuiltSetup } from './setup.js';
import { BucketSplitter, splitColumnsOf, type BucketGroup } from './split-buckets.js';

/** Serves chunks and split buckets until the pool terminates the thread. */
export function serveLedgerChunks(data: LedgerWorkerData): void {
  const port = parentPort!;
  let built: BuiltSetup | undefined;
  let splitter: BucketSplitter | undefined;
  let order: Int32Array | undefined;
  const serveRaised = raisedServer(() => (built ??= buildLedgerSetup(data.files)).setup);
  const errorOf = (e: unknown) => {
    const error = e as Error;
    return { name: error?.name ?? 'Error', message: error?.message ?? String(e), stack: error?.stack };
  };
  port.on('message', (message: { seq: number; bytes: Uint8Array } | SplitRequest | RaisedRequest) => {
    if ('raised' in message) {
      try {
        const outcomes = serveRaised(message);
        if (outcomes !== undefined && message.raised === 'end') port.postMessage({ raised: message.seq, outcomes });
      } catch (e) {
        if (message.raised === 'end') port.postMessage({ raised: message.seq, error: errorOf(e) });
      }
      return;
    }
    if ('split' in message) {
      // The ledger's columns (shared memory) for the split check; this thread's own setup gives
      // the Pace's packs and the members, numbered as in the ledger's thread (the same file).
      built ??= buildLedgerSetup(data.files);
      splitter = new BucketSplitter(splitColumnsOf(message.split.columns), paceContextOf(built.setup.pace)!, built.memberList, message.split.window);
      order = message.split.order;
      return;
    }
    if ('bucket' in message) {
      try {
        const groups: BucketGroup[] = [];
        splitter!.split(order!.subarray(message.from, message.to), message.member, message.vendor, () => message.keep, (group) => groups.push(group));
        port.postMessage({ bucket: message.bucket, groups });
      } catch (e) {
        port.postMessage({ bucket: message.bucket, error: errorOf(e) });
      }
      return;
    }
    const { seq, bytes } = message;
    try {
      built ??= buildLedgerSetup(data.files);
      const result: ChunkResult = decideChunkBytes(built.setup, bytes);
      port.postMessage({ seq, result }, [result.lines.buffer, result.members.buffer, result.groups.buffer, result.dates.buffer, result.cents.buffer, result.flags.buffer, result.missingListOf.buffer] as ArrayBuffer[]);
    } catch (e) {
      port.postMessage({ seq, error: errorOf(e) });
    }
  });
}
