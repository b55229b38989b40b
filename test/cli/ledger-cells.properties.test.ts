// audit-ledger decides a CSV row whose cells, but for its id, date and amount, are an earlier
// row's from what that row left (cell-classes.ts), reading only those three cells. The report must
// be the one deciding every row in full gives, whatever the three cells hold: a real export has a
// mistyped date (2025-02-30, 2025-13-01), an amount with a thousands separator or three decimals,
// "-0.00", a negative PO, an empty id, a date outside the years the report counts, a row cut short
// or with empty cells after the header's; rows come in any column order, with or without funding
// and change orders. Failing runs print their seed (fast-check's report); FC_NUM_RUNS raises the
// number of runs locally.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ledgerOutput } from '../support/ledger-output.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 100);
const scratch = mkdtempSync(join(tmpdir(), 'pace-ledger-cells-'));
const data = join(import.meta.dirname, '..', '..', 'examples', 'data');

const COLUMNS = ['id', 'memberId', 'date', 'amount', 'supplyKind', 'category', 'contractId', 'vendorId', 'federalAmount', 'fundingProgram', 'emergency', 'documents', 'description', 'revisionOf', 'publicWorksKind'] as const;
type Column = (typeof COLUMNS)[number];

/** Mostly one of `good`, sometimes one of `bad` (a tuple with a bad cell is never learnt: most must be good). */
const mostly = (good: string[], bad: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });

/** The cells rows share: a few tuples, as a real ledger repeats a few kinds of purchase. */
const arbTuple = fc.record({
  memberId: mostly(['alder-usd', 'birch-esd', 'cedar-charter'], ['no-such-member']),
  supplyKind: mostly(['goods', 'goods', 'services', 'public-works'], ['Goods']),
  category: fc.constantFrom('', '', 'technology', 'furniture'),
  contractId: mostly(['', '', 'pace-tech-2024', 'pace-facility-2025'], ['no-such-contract']),
  vendorId: fc.constantFrom('', 'v-northwind', 'v-brightway', 'v-9'),
  emergency: mostly(['', '', '', 'yes', 'no'], ['maybe']),
  documents: fc.constantFrom('', '', 'quotes', 'formal-bid-file', 'board-authorization; po-cites-contract', 'informal-bid;made-up-kind'),
  publicWorksKind: mostly(['', '', '', 'maintenance', 'new-construction'], ['tunnel']),
});

// (each bad date falls among good ones, so that a row with it would find a decision to reuse:
// 0001-03-01 and 0000-01-15 before every figure, 9999-07-01 after them, 2025-13-01 among December's)
const GOOD_DATES = ['2024-07-01', '2024-12-31', '2025-01-20', '2025-02-27', '2025-06-30', '2025-07-01', '2025-10-01', '2025-12-30', '2026-02-28', '0001-03-01', '0000-07-01', '9999-06-30'];
const BAD_DATES = ['2025-02-30', '2025-02-29', '2025-13-01', '2025-1-01', '', '0000-01-15', '0000-06-30', '9999-07-01', '20250701', '2025-07-01 '];
const GOOD_AMOUNTS = ['0.00', '12.34', '99.99', '9999.99', '10000.00', '114800.00', '114800.01', '250000', '1500000.5'];
const BAD_AMOUNTS = ['-0.00', '-0', '-5.00', '1,250.00', '12.345', '1e3', '', ' 5.00', '00.5', '+5.00', '99999999999999'];

const arbRow = fc.record({
  tuple: fc.nat(),
  id: fc.oneof({ arbitrary: fc.constant('fresh'), weight: 8 }, { arbitrary: fc.constantFrom('', 'PO-dup'), weight: 1 }),
  date: fc.oneof({ arbitrary: fc.constantFrom(...GOOD_DATES), weight: 4 }, { arbitrary: fc.constantFrom(...BAD_DATES), weight: 1 }),
  amount: fc.oneof({ arbitrary: fc.constantFrom(...GOOD_AMOUNTS), weight: 4 }, { arbitrary: fc.constantFrom(...BAD_AMOUNTS), weight: 1 }),
  description: fc.constantFrom('', 'Chromebooks room 12', 'x'),
  federal: fc.oneof({ arbitrary: fc.constant(''), weight: 6 }, { arbitrary: fc.constant('half'), weight: 1 }),
  /** A change order of an earlier row, or none. */
  revisionOf: fc.option(fc.nat(), { freq: 8 }),
  /** Cells missing at the end, or empty ones after the header's. */
  width: fc.oneof({ arbitrary: fc.constant(0), weight: 12 }, { arbitrary: fc.constantFrom(-1, 1, 2), weight: 1 }),
});

const arbLedger = fc.record({
  /** The header's columns, in some order (the required ones always in). */
  order: fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
  dropped: fc.subarray(['category', 'emergency', 'publicWorksKind', 'description', 'federalAmount', 'fundingProgram', 'revisionOf'] as Column[]),
  tuples: fc.array(arbTuple, { minLength: 1, maxLength: 4 }),
  rows: fc.array(arbRow, { minLength: 5, maxLength: 120 }),
});
type Ledger = typeof arbLedger extends fc.Arbitrary<infer T> ? T : never;

function ledgerCsv(ledger: Ledger): string {
  const columns = ledger.order.filter((c) => !ledger.dropped.includes(c));
  let out = `${columns.join(',')}\n`;
  ledger.rows.forEach((row, i) => {
    const tuple = ledger.tuples[row.tuple % ledger.tuples.length]!;
    const cents = /^\d+(\.\d+)?$/.test(row.amount) ? Math.round(Number(row.amount) * 100) : 0;
    const cell: Record<Column, string> = {
      ...tuple,
      id: row.id === 'fresh' ? `PO-${i}` : row.id,
      date: row.date,
      amount: row.amount,
      description: row.description,
      federalAmount: row.federal === 'half' ? (Math.floor(cents / 2) / 100).toFixed(2) : '',
      fundingProgram: row.federal === 'half' ? 'Title I' : '',
      revisionOf: row.revisionOf !== null && i > 0 ? `PO-${row.revisionOf % i}` : '',
    };
    const cells = columns.map((c) => (/[",]/.test(cell[c]) ? `"${cell[c].replace(/"/g, '""')}"` : cell[c]));
    if (row.width < 0) cells.length += row.width;
    for (let k = 0; k < row.width; k++) cells.push('');
    out += `${cells.join(',')}\n`;
  });
  return out;
}

describe('audit-ledger: rows decided from an earlier row with the same cells', () => {
  let n = 0;
  test.prop([arbLedger], { numRuns: RUNS })('give the report deciding every row in full gives', async (ledger) => {
    const file = join(scratch, `ledger-${n++}.csv`);
    writeFileSync(file, ledgerCsv(ledger));
    const options = { file, packs: undefined, members: join(data, 'members.json'), contracts: join(data, 'contracts.json'), window: 'fiscal-year' as const, maxErrors: 100_000, jobs: 0 };
    const reused = await ledgerOutput({ ...options, reuseDecisions: true });
    expect(reused).toBe(await ledgerOutput({ ...options, reuseDecisions: false }));
  });
});
