// The POs change orders raise are decided again at their totals once the ledger is read. With
// worker threads alive (a ledger of 32-160 MB, default jobs) the first worker decides them from the
// rows the ledger's thread reads again (WorkerPool.raisedHelper): its decisions' code is warm, and
// the ledger's thread never decided a row. The report must not depend on where they are decided.
// Here a stand-in helper (its own setup, every message structured-cloned) against this thread; the
// package test on 1,000,000 rows compares a real worker's report with one thread's.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLedger } from '../../bench/fixtures/generate-ledger.js';
import { NEEDED_BID } from '../../src/cli/ledger/chunk-result.js';
import { raisedServer } from '../../src/cli/ledger/raised-pos.js';
import { buildLedgerSetup } from '../../src/cli/ledger/setup.js';
import { ledgerOutput } from '../support/ledger-output.js';
import { threadLikeRaisedHelper, type RaisedHelperLog } from '../support/raised-helper.js';

const data = (name: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', name);
const scratch = mkdtempSync(join(tmpdir(), 'pace-ledger-raised-helper-'));

describe('audit-ledger: raised POs decided by a helper thread', () => {
  it('gives the same report as when this thread decides them, the rows sent in batches', async () => {
    // 30,000 rows of the bench's generator: a change order in fifty rows, a contract with a cap.
    const file = join(scratch, 'ledger-30k.csv');
    writeLedger(file, 30_000);
    const options = { file, packs: undefined, members: data('members.json'), contracts: data('contracts.json'), window: 'fiscal-year' as const, maxErrors: 20, jobs: 0 };
    const here = await ledgerOutput(options);
    const log: RaisedHelperLog = { starts: 0, batches: 0, rows: 0 };
    const helped = await ledgerOutput({ ...options, raisedHelper: threadLikeRaisedHelper(log) });
    expect(helped).toBe(here);
    // Every raised PO's row went to the helper, in batches of at most 256.
    expect(log.starts).toBe(1);
    expect(log.rows).toBeGreaterThan(256);
    expect(log.batches).toBe(Math.ceil(log.rows / 256));
    const report = (JSON.parse(here) as { report: { missingDocumentsCount: number } }).report;
    expect(report.missingDocumentsCount).toBeGreaterThan(0);
  });

  it("gives the same report for POs judged again with the member's spend under a capped contract", async () => {
    // The technology contract with a cap of $150,000 per member: POs the member's earlier spend
    // carries over it are judged again with that spend (spentUnderContract), raised or not.
    const tech = (JSON.parse(readFileSync(data('contracts.json'), 'utf8')) as { id: string }[]).find((c) => c.id === 'pace-tech-2024')!;
    const contracts = join(scratch, 'capped.json');
    writeFileSync(contracts, JSON.stringify([{ ...tech, maxAmountPerMember: '150000.00' }]));
    const docs = 'board-authorization;lead-agency-solicitation;lead-agency-award;cooperative-use-clause;po-cites-contract;price-verification';
    const rows = [
      ['PO-1', '2025-08-01', '100000.00', ''],
      ['PO-2', '2025-09-01', '40000.00', ''],
      ['CO-1', '2025-10-01', '20000.00', 'PO-1'],
      ['PO-3', '2025-11-01', '100000.00', ''],
      ['PO-4', '2025-12-01', '120000.00', ''],
      ['CO-2', '2026-01-15', '5000.00', 'PO-4'],
    ];
    const file = join(scratch, 'capped.csv');
    writeFileSync(file, `id,memberId,date,amount,supplyKind,category,contractId,vendorId,documents,revisionOf\n${rows.map(([id, date, amount, revisionOf]) => [id, 'alder-usd', date, amount, 'goods', 'technology', 'pace-tech-2024', 'v-northwind', docs, revisionOf].join(',')).join('\n')}\n`);
    const options = { file, packs: undefined, members: data('members.json'), contracts, window: 'fiscal-year' as const, maxErrors: 20, jobs: 0 };
    const here = await ledgerOutput(options);
    const log: RaisedHelperLog = { starts: 0, batches: 0, rows: 0 };
    expect(await ledgerOutput({ ...options, raisedHelper: threadLikeRaisedHelper(log) })).toBe(here);
    expect(log.rows).toBeGreaterThanOrEqual(2);
    expect(here).toContain('contract-max-amount-per-member-exceeded');
    expect(here).toContain('spentUnderContract');
  });

  it('answers the end with what failed since the start, and starts anew after it', () => {
    const files = { packs: undefined, members: data('members.json'), contracts: undefined, format: 'json' as const, reuseDecisions: true };
    const serve = raisedServer(() => buildLedgerSetup(files).setup);
    expect(() => serve({ raised: 'end', seq: 1 })).toThrow('raised POs: the end came before the start');
    const po = { line: 2, id: 'PO-1', latestLine: 3, changeCents: 2_000_000, funding: undefined };
    serve({ raised: 'start', pos: [po], paths: ['$[2]'] });
    // (a row the thread cannot read: its failure waits for the end)
    expect(serve({ raised: 'rows', rows: [[0, { purchase: null } as never]] })).toBeUndefined();
    expect(() => serve({ raised: 'end', seq: 2 })).toThrow(TypeError);
    serve({ raised: 'start', pos: [po], paths: ['$[2]'] });
    const row = { purchase: { id: 'PO-1', memberId: 'alder-usd', date: '2025-08-04', amount: '100000.00', supplyKind: 'goods', vendorId: 'v-1' } };
    serve({ raised: 'rows', rows: [[0, row as never]] });
    const outcomes = serve({ raised: 'end', seq: 3 })!;
    // $100,000 raised by $20,000 to $120,000: decided again, over the formal bid limit ($114,800 in 2025-26).
    expect(outcomes.flags[0]! & NEEDED_BID).toBe(NEEDED_BID);
    expect(outcomes.flags[0]! & 0x100).toBe(0x100);
  });
});
