// A ledger with no rows at all is most likely an export that failed (a query that returned nothing,
// a disk that filled): it is refused, naming the file and what was expected, and not reported as
// "clear" with exit 0. An explicit empty list ([] or { "purchases": [] }, a CSV header alone) is a
// ledger of no purchases, and stays valid.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { data, inputError, runCli, scratchFiles } from '../support/cli-in-process.js';

const { dir, file } = scratchFiles('pace-cli-empty-');
const members = ['--members', data('members.json')];
const noJson = (path: string): string => `${path}: the file holds no JSON (it is empty or blank); expected an array of purchases or { "purchases": [...] } ([] for a ledger with none)`;
const noLines = (path: string): string => `${path}: the file holds no purchase (it is empty or blank); expected JSON Lines, one purchase a line`;

describe('audit-ledger of an empty file', () => {
  it('refuses an empty .json ledger, naming the file and the document expected (exit 2)', async () => {
    const empty = file('empty.json', '');
    expect(await inputError(['audit-ledger', empty, ...members])).toBe(noJson(empty));
  });
  it('refuses a .json ledger of white space only, or of a byte order mark alone', async () => {
    const blank = file('blank.json', ' \r\n\t\n');
    expect(await inputError(['audit-ledger', blank, ...members])).toBe(noJson(blank));
    const bom = file('bom.json', '\uFEFF\n');
    expect(await inputError(['audit-ledger', bom, ...members])).toBe(noJson(bom));
  });
  it('writes no HTML page for an empty .json ledger', async () => {
    const empty = file('for-html.json', '');
    const out = join(dir, 'empty.html');
    expect(await inputError(['audit-ledger', empty, ...members, '--format', 'html', '--out', out])).toBe(noJson(empty));
    expect(readdirSync(dir).filter((f) => f.endsWith('.html') || f.endsWith('.tmp'))).toEqual([]);
  });
  it('refuses an empty .jsonl ledger, or one of blank lines only, as an empty CSV is refused (no header row)', async () => {
    const empty = file('empty.jsonl', '');
    expect(await inputError(['audit-ledger', empty, ...members])).toBe(noLines(empty));
    const blank = file('blank.jsonl', '\n\r\n  \n');
    expect(await inputError(['audit-ledger', blank, ...members, '--format', 'json'])).toBe(noLines(blank));
    const ndjson = file('empty.ndjson', '');
    expect(await inputError(['audit-ledger', ndjson, ...members])).toBe(noLines(ndjson));
    expect(await inputError(['audit-ledger', file('empty.csv', ''), ...members])).toMatch(/empty\.csv: line 1: expected a header row/);
  });
  it('keeps an explicit empty list valid: [], { "purchases": [] } and a CSV header alone are ledgers of no purchases (exit 0)', async () => {
    for (const [name, text] of [['array.json', '[]\n'], ['object.json', '{ "purchases": [] }'], ['header.csv', 'id,memberId,date,amount,supplyKind\n']] as const) {
      const { stdout, exitCode } = await runCli(['audit-ledger', file(name, text), ...members, '--format', 'json']);
      expect([name, exitCode, (JSON.parse(stdout) as { purchaseCount: number }).purchaseCount]).toEqual([name, 0, 0]);
    }
  });
  it('still reads a JSON Lines ledger whose blank lines surround its purchases', async () => {
    const row = JSON.stringify({ id: 'P1', memberId: 'alder-usd', date: '2025-08-12', amount: '100.00', supplyKind: 'goods' });
    const { stdout, exitCode } = await runCli(['audit-ledger', file('padded.jsonl', `\n\n${row}\n\n`), ...members, '--format', 'json']);
    expect([exitCode, (JSON.parse(stdout) as { purchaseCount: number }).purchaseCount]).toEqual([0, 1]);
  });
});
