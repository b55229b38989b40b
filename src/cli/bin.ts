#!/usr/bin/env node
// The `pace-rules` command. The same file is the body of audit-ledger's threads.
import { setFlagsFromString } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

type Role = { role: 'pace-rules-ledger-main'; argv: string[]; stderrIsTTY: boolean } | { role: 'pace-rules-ledger-worker' } | { role: 'pace-rules-batch-worker' };
const self = new URL(import.meta.url);

if (isMainThread) {
  // Less inlining in optimized code (V8's default cumulative budget is 920 bytes of bytecode): the
  // command's run is short, and optimizing compiles were a quarter of audit-ledger's instructions on
  // a 200,000-row ledger (callgrind, --jobs 0 single-threaded: 90,542 -> 81,911 a row), while the
  // decisions run as fast (2.5-2.8 us a row either way). The flag is the process's: the threads
  // started below share it. A `node` flag of the caller's own still wins (it is not overridden).
  if (!process.execArgv.some((a) => a.startsWith('--max-inlined-bytecode-size-cumulative'))) setFlagsFromString('--max-inlined-bytecode-size-cumulative=230');
  // Node 20's V8 (11.3) miscompiles audit-ledger's row loop with TurboFan's load elimination on
  // ledgers of many distinct vendors (10,000 rows or more, each with a vendor of its own): the
  // process died of a segmentation fault (exit 139), with one thread or several, in whichever
  // function the inliner happened to gather the loop into. Without the pass it never did (31 runs
  // over 10,000-300,000 rows); the bench's 200,000-row run costs 4.4% more instructions (callgrind,
  // 11.32 -> 11.81 billion). Only audit-ledger, where it was seen, goes without it; a caller's own
  // `node --turbo-load-elimination` still wins.
  const argv = process.argv.slice(2);
  if (argv[0] === 'audit-ledger' && !process.execArgv.some((a) => /^--(no-)?turbo-load-elimination$/.test(a))) setFlagsFromString('--no-turbo-load-elimination');
  // From the sources (tsx), a thread cannot load this .ts file: the command then runs in-process.
  // audit-ledger on a large ledger runs in a thread with a bounded heap: V8 grows the main
  // thread's heap lazily (80 MB of garbage at a million rows), and a thread's heap limit makes it
  // collect instead. Everything stays in this process, so its peak RSS is the command's. The rows
  // are kept in typed arrays outside the heap, and split groups go to a spill file as they are
  // found, so the heap holds what grows with distinct members, vendors and supply kinds, not with
  // rows: the limit grows only a little with the ledger (it was 160 MB + 0.6 × the file's size
  // while the report held every split group; at 5,000,000 rows the heap then grew lazily to its
  // limit). A file under IN_PROCESS_MB runs here, on the main thread: the thread costs 75-95 ms
  // (starting it and loading this file again), and the heap such a file lets grow is small (peak
  // RSS 140-148 MB for the bench's 200,000 rows, 14 MB, against 119-122 MB in a thread). A JSON
  // document is read as a stream too (json-document.ts). Standard input, of unknown size, takes the
  // thread.
  const IN_PROCESS_MB = 32;
  let megabytes: number | undefined;
  let membersFile: string | undefined;
  let ledgerFile: string | undefined;
  if (argv[0] === 'audit-ledger' && !self.pathname.endsWith('.ts')) {
    const { statSync } = await import('node:fs');
    const { parseArgs, stringFlag } = await import('./args.js');
    try {
      const parsed = parseArgs(argv);
      membersFile = stringFlag(parsed, '--members');
      const file = parsed.positional[0] !== undefined && parsed.positional[0] !== '-' ? parsed.positional[0] : undefined;
      const stat = file === undefined ? undefined : statSync(file);
      // (a pipe named as the file is not opened here: opening and closing it would end its writer)
      ledgerFile = stat?.isFile() ? file : undefined;
      megabytes = stat?.isFile() && stat.size < IN_PROCESS_MB * 2 ** 20 ? undefined : (stat?.size ?? 0) / 2 ** 20;
    } catch {
      // bad arguments or an unreadable ledger: the command reports them
      megabytes = undefined;
    }
  }
  if (megabytes !== undefined) {
    const { groupsHeapMb, membersHeapMb } = await import('./ledger/heap.js');
    const membersHeap = membersHeapMb(membersFile);
    // (plus what grows with the members file and with the ledger's vendors: heap.ts)
    const groupsHeap = ledgerFile === undefined ? 0 : groupsHeapMb(ledgerFile, megabytes * 2 ** 20);
    const heapMb = Math.ceil(64 + megabytes * 0.1) + membersHeap + groupsHeap;
    const thread = new Worker(self, {
      workerData: { role: 'pace-rules-ledger-main', argv, stderrIsTTY: process.stderr.isTTY === true } satisfies Role,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 },
    });
    process.exitCode = await new Promise<number>((resolve) => {
      thread.on('message', (code: number) => resolve(code));
      thread.on('error', (e) => {
        // The heap given is too small for this ledger and members file (heap.ts): say what it was.
        const detail = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the ledger's thread ran out of its ${heapMb} MB heap (${Math.round(megabytes)} MB ledger, ${membersHeap} MB for the members file, ${groupsHeap} MB for its member, supply kind and vendor groups)` : e instanceof Error ? (e.stack ?? e.message) : String(e);
        process.stderr.write(`pace-rules: internal error (please report it): ${detail}\n`);
        resolve(3);
      });
      thread.on('exit', () => resolve(3));
    });
  } else {
    const { main } = await import('./main.js');
    // (from the sources, no worker threads either: they could not load this .ts file)
    process.exitCode = await main(argv, self.pathname.endsWith('.ts') ? undefined : self);
  }
} else {
  const data = workerData as Role | null;
  if (data?.role === 'pace-rules-ledger-main') {
    const { main } = await import('./main.js');
    parentPort!.postMessage(await main(data.argv, self, data.stderrIsTTY));
  } else if (data?.role === 'pace-rules-ledger-worker') {
    const { serveLedgerChunks } = await import('./ledger/worker.js');
    serveLedgerChunks(workerData as import('./ledger/pool.js').LedgerWorkerData);
  } else if (data?.role === 'pace-rules-batch-worker') {
    const { serveBatchLines } = await import('./batch-pool.js');
    serveBatchLines(workerData as import('./batch-pool.js').BatchWorkerData);
  }
}
