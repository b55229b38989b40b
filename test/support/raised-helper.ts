import { raisedServer, type RaisedHelper } from '../../src/cli/ledger/raised-pos.js';
import { buildLedgerSetup, type LedgerFiles } from '../../src/cli/ledger/setup.js';

/** What a stand-in helper was sent. */
export interface RaisedHelperLog {
  starts: number;
  batches: number;
  rows: number;
}

/**
 * A stand-in for the worker thread that decides raised POs (WorkerPool.raisedHelper): its own
 * setup built from the same files, the same server as worker.ts, and every request and answer
 * structured-cloned as postMessage clones them.
 */
export function threadLikeRaisedHelper(log?: RaisedHelperLog): (files: LedgerFiles) => RaisedHelper {
  return (files) => {
    const serve = raisedServer(() => buildLedgerSetup(structuredClone(files)).setup);
    return {
      start: (pos, paths) => {
        if (log) log.starts++;
        serve(structuredClone({ raised: 'start', pos, paths }));
      },
      rows: (rows) => {
        if (log) {
          log.batches++;
          log.rows += rows.length;
        }
        serve(structuredClone({ raised: 'rows', rows }));
      },
      end: async () => {
        // (answered later, as a thread's answer comes)
        await new Promise((resolve) => setImmediate(resolve));
        return structuredClone(serve({ raised: 'end', seq: 0 })!);
      },
    };
  };
}
