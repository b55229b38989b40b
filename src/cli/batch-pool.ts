// Worker threads for `pace-rules batch --jobs N`: each thread builds its own Pace and contracts
// from the same files and answers the request lines it is given; the main thread reads stdin,
// hands each piece's lines on at once (split between the threads), and writes the answers in
// input order (serveBatchConcurrently).
import { parentPort, Worker } from 'node:worker_threads';
import { answerLines } from './batch.js';
import { AnswerEncoder } from './batch-json.js';
import { paceFromPackFiles, prepareContracts } from './files.js';

/** What a batch worker receives as workerData. */
export interface BatchWorkerData {
  role: 'pace-rules-batch-worker';
  packs: string | undefined;
  contracts: string | undefined;
}

type Reply = { seq: number; bytes: Uint8Array } | { seq: number; error: { name: string; message: string; stack?: string } };

/** Batch worker threads, answering request lines in parts. */
export class BatchPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (e: unknown) => void }>();
  private readonly owners = new Map<ArrayBufferLike, Worker>();
  private seq = 0;
  private turn = 0;
  private failure: unknown;

  constructor(script: URL, size: number, packs: string | undefined, contracts: string | undefined) {
    const workerData: BatchWorkerData = { role: 'pace-rules-batch-worker', packs, contracts };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData, stdout: false, stderr: false });
      worker.on('message', (reply: Reply) => {
        const waiter = this.waiting.get(reply.seq);
        if (!waiter) return;
        this.waiting.delete(reply.seq);
        if ('bytes' in reply) waiter.resolve(reply.bytes);
        else {
          const error = new Error(reply.error.message);
          error.name = reply.error.name;
          if (reply.error.stack) error.stack = reply.error.stack;
          waiter.reject(error);
        }
      });
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => this.fail(new Error(`a batch worker thread exited (code ${code})`)));
      this.workers.push(worker);
    }
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }

  /**
   * The answers of request lines, in order, as UTF-8 bytes in parts: the lines are split in
   * contiguous parts between the threads. Give each part back (`recycle`) once it is written.
   */
  answer = (lines: readonly string[]): Promise<Uint8Array[]> => {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const parts = Math.min(this.workers.length, lines.length);
    const size = Math.ceil(lines.length / parts);
    const answers: Promise<Uint8Array>[] = [];
    for (let from = 0; from < lines.length; from += size) answers.push(this.send(lines.slice(from, from + size)));
    return Promise.all(answers);
  };

  /** Hands a written part's buffer back to the thread that filled it, to write into again. */
  recycle(part: Uint8Array): void {
    const worker = this.owners.get(part.buffer);
    if (worker === undefined) return;
    this.owners.delete(part.buffer);
    if (this.failure === undefined) worker.postMessage({ recycle: part.buffer }, [part.buffer as ArrayBuffer]);
  }

  private send(lines: string[]): Promise<Uint8Array> {
    const seq = this.seq++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, {
        resolve: (bytes) => {
          this.owners.set(bytes.buffer, worker);
          resolve(bytes);
        },
        reject,
      });
      worker.postMessage({ seq, lines });
    });
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The body of a batch worker thread: answers the lines it is given until it is terminated. */
export function serveBatchLines(data: BatchWorkerData): void {
  const port = parentPort!;
  const pace = paceFromPackFiles(data.packs);
  const contracts = data.contracts !== undefined ? prepareContracts(pace, data.contracts) : new Map();
  // The answers go back encoded, their buffer transferred: the main thread then only writes them
  // (copying 8.8 KB strings through the port and encoding them there took as much of its time as
  // the answering left to it).
  const encoder = new AnswerEncoder();
  port.on('message', (message: { seq: number; lines: string[] } | { recycle: ArrayBuffer }) => {
    if ('recycle' in message) {
      encoder.give(message.recycle);
      return;
    }
    const { seq, lines } = message;
    try {
      const bytes = answerLines(pace, contracts, lines, encoder);
      port.postMessage({ seq, bytes }, [bytes.buffer as ArrayBuffer]);
    } catch (e) {
      const error = e as Error;
      port.postMessage({ seq, error: { name: error?.name ?? 'Error', message: error?.message ?? String(e), stack: error?.stack } });
    }
  });
}
