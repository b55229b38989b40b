// Worker threads for audit-ledger: each builds its own setup from the same files, decides the
// chunks it is given, and posts back compact columns (transferred, not copied). Results are handed
// on in input order; at most two chunks per worker are in flight, so memory stays bounded.
import { Worker } from 'node:worker_threads';
import { InputError } from '../files.js';
import type { ChunkResult } from './chunk-result.js';
import { membersHeapMb } from './heap.js';
import type { LedgerFiles } from './setup.js';
import type { BucketGroup, SharedSplitColumns, SplitHelpers } from './split-buckets.js';
import type { RaisedHelper, RaisedOutcomes, RaisedRequest } from './raised-pos.js';

/** What a ledger worker receives as workerData. */
export interface LedgerWorkerData {
  role: 'pace-rules-ledger-worker';
  files: LedgerFiles;
}

type ErrorReply = { name: string; message: string; stack?: string };
type Reply = { seq: number; result: ChunkResult } | { seq: number; error: ErrorReply };
type BucketReply = { bucket: number; groups: BucketGroup[] } | { bucket: number; error: ErrorReply };
type RaisedReply = { raised: number; outcomes: RaisedOutcomes } | { raised: number; error: ErrorReply };

/** What a ledger worker is asked besides chunks: the split check's columns once, then buckets. */
export type SplitRequest = { split: { columns: SharedSplitColumns; order: Int32Array; window: 'fiscal-year' | { days: number } } } | { bucket: number; from: number; to: number; member: number; vendor: string; keep: boolean };

type Pending<T> = { resolve: (value: T) => void; reject: (e: Error) => void };

export class WorkerPool implements SplitHelpers {
  private readonly workers: Worker[] = [];
  /** The handler of chunk replies while `run` runs. */
  private onChunk: ((worker: Worker, reply: Reply) => void) | undefined;
  private readonly buckets = new Map<number, Pending<BucketGroup[]>>();
  private readonly raised = new Map<number, Pending<RaisedOutcomes>>();
  /** Numbers the buckets and raised POs asked of the workers (their replies name them). */
  private askedSeq = 0;

  constructor(script: URL, size: number, files: LedgerFiles) {
    const workerData: LedgerWorkerData = { role: 'pace-rules-ledger-worker', files };
    // A worker keeps little between chunks (the decisions it reuses, a quarter of its heap at
    // most): a small old generation makes it collect early instead of growing (three isolates
    // each growing lazily took 376 MB at a million rows). Its young generation holds a chunk's
    // rows while they are decided: at 4 MB they outlived scavenges and were promoted, and the
    // one worker of the default jobs, which the ledger's thread waits for, spent a fifth of its
    // time collecting garbage at 5,000,000 rows. At 16 MB: 5,000,000 rows in 33.3 s against 39.3
    // (peak RSS 252 MB against 249), 1,000,000 rows in 6.35-7.20 s against 6.77-7.51.
    // The old generation grows with the members file (heap.ts): a cooperative's 1,000 members ran
    // a 32 MB worker out of memory.
    const resourceLimits = { maxOldGenerationSizeMb: 32 + membersHeapMb(files.members), maxYoungGenerationSizeMb: 16 };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData, stdout: false, stderr: false, resourceLimits });
      worker.on('message', (reply: Reply | BucketReply | RaisedReply) => {
        if ('bucket' in reply) this.settle(this.buckets, reply.bucket, 'error' in reply ? reply : { value: reply.groups });
        else if ('raised' in reply) this.settle(this.raised, reply.raised, 'error' in reply ? reply : { value: reply.outcomes });
        else this.onChunk?.(worker, reply);
      });
      // A thread that fails fails the buckets and raised POs asked of it (a chunk in flight fails the run: see run).
      worker.on('error', (e) => this.failAsked(e));
      this.workers.push(worker);
    }
  }

  get count(): number {
    return this.workers.length;
  }

  /** Gives every worker the split check's columns (shared memory) and the buckets' rows. */
  start(columns: SharedSplitColumns, order: Int32Array, window: 'fiscal-year' | { days: number }): void {
    for (const worker of this.workers) worker.postMessage({ split: { columns, order, window } } satisfies SplitRequest);
  }

  /** The groups of a bucket (rows `order[from..to)`), checked by worker `helper` (with what the ledger keeps of them when `keep`). */
  split(helper: number, from: number, to: number, member: number, vendor: string, keep: boolean): Promise<BucketGroup[]> {
    const bucket = this.askedSeq++;
    return new Promise((resolve, reject) => {
      this.buckets.set(bucket, { resolve, reject });
      this.workers[helper]!.postMessage({ bucket, from, to, member, vendor, keep } satisfies SplitRequest);
    });
  }

  /**
   * Decides raised POs in the first worker (RaisedHelper): its decisions' code is warm from the
   * ledger's chunks, where the ledger's thread never decided a row. On the bench's 1,000,000 rows
   * (about 20,000 raised POs) the ledger's thread took about 0.7 s to decide them itself.
   */
  readonly raisedHelper: RaisedHelper = {
    start: (pos, paths) => this.workers[0]!.postMessage({ raised: 'start', pos, paths } satisfies RaisedRequest),
    rows: (rows) => this.workers[0]!.postMessage({ raised: 'rows', rows } satisfies RaisedRequest),
    end: () => {
      const seq = this.askedSeq++;
      return new Promise((resolve, reject) => {
        this.raised.set(seq, { resolve, reject });
        this.workers[0]!.postMessage({ raised: 'end', seq } satisfies RaisedRequest);
      });
    },
  };

  private settle<T>(pending: Map<number, Pending<T>>, seq: number, reply: { value: T } | { error: ErrorReply }): void {
    const asked = pending.get(seq);
    if (!asked) return;
    pending.delete(seq);
    if ('error' in reply) asked.reject(errorOf(reply.error));
    else asked.resolve(reply.value);
  }

  private failAsked(e: Error): void {
    for (const { reject } of [...this.buckets.values(), ...this.raised.values()]) reject(e);
    this.buckets.clear();
    this.raised.clear();
  }

  /** Feeds every chunk from `next` to the workers and calls `take` with each result, in order. */
  run(next: () => Buffer | undefined, take: (result: ChunkResult) => void, stop: () => boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const results = new Map<number, ChunkResult>();
      let sent = 0;
      let taken = 0;
      let done = false;
      let failed = false;
      const inFlight = new Map<Worker, number>();
      const fail = (e: unknown): void => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const feed = (worker: Worker): void => {
        while (!done && !failed && (inFlight.get(worker) ?? 0) < 2 && sent - taken < this.workers.length * 3) {
          if (stop()) {
            done = true;
            break;
          }
          let chunk: Buffer | undefined;
          try {
            chunk = next();
          } catch (e) {
            fail(e);
            return;
          }
          if (!chunk) {
            done = true;
            break;
          }
          // A copy the worker owns (the read buffer is reused).
          const bytes = new Uint8Array(chunk.length);
          bytes.set(chunk);
          worker.postMessage({ seq: sent++, bytes }, [bytes.buffer]);
          inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
        }
        if (done && taken === sent) resolve();
      };
      this.onChunk = (worker, reply) => {
        inFlight.set(worker, inFlight.get(worker)! - 1);
        if ('error' in reply) {
          fail(errorOf(reply.error));
          return;
        }
        results.set(reply.seq, reply.result);
        try {
          while (results.has(taken)) {
            const result = results.get(taken)!;
            results.delete(taken);
            taken++;
            take(result);
          }
        } catch (e) {
          fail(e);
          return;
        }
        for (const w of this.workers) feed(w);
      };
      for (const worker of this.workers) worker.on('error', fail);
      for (const worker of this.workers) feed(worker);
    }).finally(() => {
      this.onChunk = undefined;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The error a worker reported, rebuilt (an InputError stays one: its message is for the user). */
function errorOf(reply: ErrorReply): Error {
  const error = reply.name === 'InputError' ? new InputError(reply.message) : new Error(reply.message);
  if (!(error instanceof InputError)) error.name = reply.name;
  if (reply.stack) error.stack = reply.stack;
  return error;
}
