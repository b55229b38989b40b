// audit-ledger starts worker threads by default only for ledgers long enough to repay them (each
// loads the command and compiles its code again): how many rows a ledger holds is estimated from
// its size and its first lines, so that rows with long descriptions count as the rows they are.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimatedRows } from '../../src/cli/main.js';

describe('audit-ledger: how many rows a ledger holds, for the default number of worker threads', () => {
  it('estimates them from the file size and the length of its first lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pace-rows-'));
    // 200,000 rows of 70 bytes (the bench's ledger: one thread is quicker) and of 150 bytes (rows with descriptions)
    const short = join(dir, 'short.csv');
    writeFileSync(short, `${'x'.repeat(69)}\n`.repeat(200_000));
    expect(estimatedRows(short, statSync(short).size)).toBe(200_000);
    const long = join(dir, 'long.csv');
    writeFileSync(long, `${'y'.repeat(148)}\r\n`.repeat(1_000));
    expect(estimatedRows(long, statSync(long).size)).toBe(1_000);
    // Old Mac line ends (CR only) count too; a JSON document on one line counts as its bytes.
    const cr = join(dir, 'cr.csv');
    writeFileSync(cr, 'a,b\rc,d\re,f\r');
    expect(estimatedRows(cr, statSync(cr).size)).toBe(3);
    const oneLine = join(dir, 'ledger.json');
    writeFileSync(oneLine, JSON.stringify([{ id: 'PO-1' }]));
    expect(estimatedRows(oneLine, statSync(oneLine).size)).toBe(statSync(oneLine).size);
    expect(estimatedRows('-', Infinity)).toBe(Infinity);
  });
});
