// The body of an audit-ledger worker thread (started by WorkerPool with the CLI's own script).
import { parentPort } from 'node:worker_threads';
import { decideChunk, type ChunkResult } from './decide-rows.js';
import type { LedgerWorkerData } from './pool.js';
import { buildLedgerSetup } from './setup.js';

/** Serves chunks until the pool terminates the thread. */
export function serveLedgerChunks(data: LedgerWorkerData): void {
  const port = parentPort!;
  let setup: ReturnType<typeof buildLedgerSetup>['setup'] | undefined;
  const decoder = new TextDecoder();
  port.on('message', ({ seq, bytes }: { seq: number; bytes: Uint8Array }) => {
    try {
      setup ??= buildLedgerSetup(data.files).setup;
      const result: ChunkResult = decideChunk(setup, decoder.decode(bytes));
      port.postMessage({ seq, result }, [result.lines.buffer, result.members.buffer, result.groups.buffer, result.dates.buffer, result.cents.buffer, result.flags.buffer, result.missingListOf.buffer] as ArrayBuffer[]);
    } catch (e) {
      const error = e as Error;
      port.postMessage({ seq, error: { name: error?.name ?? 'Error', message: error?.message ?? String(e), stack: error?.stack } });
    }
  });
}
