// The HTML ledger report lists the first split groups in a table; when there are more, it says how
// many more and that the JSON report lists them all (it used to stop silently at 200).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as runCliAsync } from '../../src/cli/main.js';
import { SPLIT_ROWS } from '../../src/cli/html/report-html.js';

const scratch = mkdtempSync(join(tmpdir(), 'pace-html-splits-'));
const members = join(import.meta.dirname, '..', '..', 'examples', 'data', 'members.json');
async function runCli(argv: string[]): Promise<{ stdout: string; exitCode: number }> {
  let stdout = '';
  const exitCode = await runCliAsync(argv, { stdout: (t) => (stdout += t), stderr: () => {} });
  return { stdout, exitCode };
}

/** A ledger of `groups` split purchases: per vendor, two goods POs of $60,000.00 in FY 2024-25 (each under the $114,500.00 limit, together over it). */
function splitLedger(name: string, groups: number): string {
  const rows = ['id,memberId,date,amount,supplyKind,vendorId'];
  for (let g = 1; g <= groups; g++) {
    const vendor = `v-${String(g).padStart(4, '0')}`;
    rows.push(`PO-25-${String(2 * g - 1).padStart(5, '0')},alder-usd,2024-08-${String(1 + (g % 28)).padStart(2, '0')},60000.00,goods,${vendor}`);
    rows.push(`PO-25-${String(2 * g).padStart(5, '0')},alder-usd,2024-10-${String(1 + (g % 28)).padStart(2, '0')},60000.00,goods,${vendor}`);
  }
  const path = join(scratch, name);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

async function html(ledger: string): Promise<{ page: string; json: { splitPurchases: unknown[] } }> {
  const out = join(scratch, `${ledger.split('/').at(-1)}.html`);
  expect((await runCli(['audit-ledger', ledger, '--members', members, '--format', 'html', '--out', out])).exitCode).toBe(1);
  const json = JSON.parse((await runCli(['audit-ledger', ledger, '--members', members, '--format', 'json'])).stdout) as { splitPurchases: unknown[] };
  return { page: readFileSync(out, 'utf8'), json };
}
const splitTableRows = (page: string): number => {
  const table = /<h2>Possible split purchases[\s\S]*?<table>([\s\S]*?)<\/table>/.exec(page)![1]!;
  return (table.match(/<tr><td>/g) ?? []).length;
};

describe('--format html: the split-purchases table', () => {
  it(`lists ${SPLIT_ROWS} of 210 groups and says that 10 more are in --format json`, async () => {
    const { page, json } = await html(splitLedger('splits-210.csv', 210));
    expect(json.splitPurchases).toHaveLength(210);
    expect(page).toContain('<div class="card"><b>210</b>possible split groups</div>');
    expect(splitTableRows(page)).toBe(SPLIT_ROWS);
    expect(page).toContain('<p class="meta status-missing">… and 10 more split groups not listed here: <code>--format json</code> lists all 210.</p>');
  });
  it('says "1 more split group" for 201, and nothing more when the table holds them all', async () => {
    const one = await html(splitLedger('splits-201.csv', 201));
    expect(one.page).toContain('… and 1 more split group not listed here: <code>--format json</code> lists all 201.');
    const all = await html(splitLedger('splits-200.csv', SPLIT_ROWS));
    expect(all.json.splitPurchases).toHaveLength(SPLIT_ROWS);
    expect(splitTableRows(all.page)).toBe(SPLIT_ROWS);
    expect(all.page).not.toContain('more split group');
  });
});
