#!/usr/bin/env node
// The `pace-rules` command. The same file is the body of audit-ledger's worker threads.
import { isMainThread, workerData } from 'node:worker_threads';

if (isMainThread) {
  const { main } = await import('./main.js');
  process.exitCode = await main(process.argv.slice(2), new URL(import.meta.url));
} else if ((workerData as { role?: unknown } | null)?.role === 'pace-rules-ledger-worker') {
  const { serveLedgerChunks } = await import('./ledger/worker.js');
  serveLedgerChunks(workerData as import('./ledger/pool.js').LedgerWorkerData);
}
