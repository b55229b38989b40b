// audit-ledger starts worker threads by default only for ledgers long enough to repay them (each
// loads the command and compiles its code again): how many rows a ledger holds is estimated from
// its size and its first lines, so that rows with long descriptions count as the rows they are.
import { execFileSync } from 'node:child_process';
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
    expect(estimatedRows(short)).toBe(200_000);
    const long = join(dir, 'long.csv');
    writeFileSync(long, `${'y'.repeat(148)}\r\n`.repeat(1_000));
    expect(estimatedRows(long)).toBe(1_000);
    // Old Mac line ends (CR only) count too; a JSON document on one line counts as its bytes.
    const cr = join(dir, 'cr.csv');
    writeFileSync(cr, 'a,b\rc,d\re,f\r');
    expect(estimatedRows(cr)).toBe(3);
    const oneLine = join(dir, 'ledger.json');
    writeFileSync(oneLine, JSON.stringify([{ id: 'PO-1' }]));
    expect(estimatedRows(oneLine)).toBe(statSync(oneLine).size);
    expect(estimatedRows('-')).toBe(Infinity);
  });
  it('takes a named pipe as long, without opening it (with no writer, opening it would wait for one forever)', () => {
    // (opened and closed to sample its first lines, a pipe lost its writer or what it had written,
    // and the ledger then waited forever: a package test's fifo run hung, 1 run in many)
    const fifo = join(mkdtempSync(join(tmpdir(), 'pace-rows-')), 'ledger.csv');
    execFileSync('mkfifo', [fifo]);
    expect(estimatedRows(fifo)).toBe(Infinity);
    expect(estimatedRows(join(tmpdir(), 'pace-no-such-ledger.csv'))).toBe(0);
  });
});
