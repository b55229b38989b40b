// LedgerBook.expectRows: an estimate from a ledger's first chunk makes room in the id index for at
// most EXPECTED_ROWS_LIMIT rows (a first chunk of short rows cannot make a smaller ledger's index
// larger); an estimate measured from at least that many rows read, for up to MEASURED_ROWS_LIMIT.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED_ROWS_LIMIT, LedgerBook, MEASURED_ROWS_LIMIT } from '../../src/cli/ledger/ledger-book.js';
import { buildLedgerSetup } from '../../src/cli/ledger/setup.js';

const data = (f: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', f);

describe('LedgerBook.expectRows', () => {
  it('makes room for at most EXPECTED_ROWS_LIMIT rows on a first estimate, and up to MEASURED_ROWS_LIMIT on a measured one', () => {
    const { setup, memberList } = buildLedgerSetup({ packs: undefined, members: data('members.json'), contracts: data('contracts.json'), format: 'jsonl', reuseDecisions: true });
    const book = new LedgerBook(setup, memberList, { neededBid: () => {}, missingDocuments: () => {}, blockedPurchases: () => {}, splitGroup: () => {} }, 1, (line) => `line ${line}`, (_line, field) => field, false);
    // (the index's own reserve is replaced: the sizes asked for, without allocating them)
    const asked: number[] = [];
    (book as unknown as { ids: { reserve: (rows: number) => void } }).ids.reserve = (rows) => asked.push(rows);
    book.expectRows(1_000_000);
    book.expectRows(20_000_000);
    book.expectRows(20_000_000, true);
    book.expectRows(100_000_000, true);
    expect(asked).toEqual([1_000_000, EXPECTED_ROWS_LIMIT, 20_000_000, MEASURED_ROWS_LIMIT]);
    expect(EXPECTED_ROWS_LIMIT).toBeLessThan(MEASURED_ROWS_LIMIT);
  });
});
