// pace-rules check-invoice: the invoice match on a file, with the exit codes of the other commands.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli as runCliAsync } from '../../src/cli/main.js';
import { InputError } from '../../src/cli/files.js';

const example = join(import.meta.dirname, '..', '..', 'examples', 'data', 'invoice.json');
const scratch = mkdtempSync(join(tmpdir(), 'pace-cli-invoice-'));
const input = JSON.parse(readFileSync(example, 'utf8')) as { invoice: { fees: { kind: string; amount: string }[]; total: string; lines: { quantity: unknown }[] } };
function file(name: string, value: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}
async function run(argv: string[]): Promise<{ stdout: string; exitCode: number }> {
  let stdout = '';
  const exitCode = await runCliAsync(argv, { stdout: (t) => (stdout += t), stderr: () => undefined });
  return { stdout, exitCode };
}

describe('pace-rules check-invoice', () => {
  it('holds an invoice that bills the admin fee the contract includes in its prices (exit 1), naming the finding', async () => {
    const { stdout, exitCode } = await run(['check-invoice', example]);
    expect(exitCode).toBe(EXIT.blocked);
    expect(stdout).toContain('BLOCK An admin fee of 1441.52 is billed');
    expect(stdout).toMatch(/Result: HOLD: \$1,441\.52 overcharged/);
  });

  it('clears the same invoice without the admin fee (exit 0), and gives the decision as JSON', async () => {
    const fixed = { ...input, invoice: { ...input.invoice, fees: input.invoice.fees.filter((f) => f.kind !== 'admin-fee'), total: '78871.89' } };
    const { stdout, exitCode } = await run(['check-invoice', file('fixed.json', fixed), '--json']);
    expect(exitCode).toBe(EXIT.clear);
    const v = JSON.parse(stdout) as { ok: boolean; overchargeTotal: string; billed: { total: string }; expected: { total: string } };
    expect(v).toMatchObject({ ok: true, overchargeTotal: '0.00', billed: { total: '78871.89' }, expected: { total: '78871.89' } });
  });

  it('writes an HTML page with both sides and the findings', async () => {
    const out = join(scratch, 'invoice.html');
    expect((await run(['check-invoice', example, '--format', 'html', '--out', out])).exitCode).toBe(EXIT.blocked);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<td class="num">$80,313.41</td>');
    expect(page).toContain('[admin-fee-billed-to-member]');
  });

  it('names the JSON path of a bad field (exit 2 from the process)', async () => {
    const bad = { ...input, invoice: { ...input.invoice, lines: [{ ...input.invoice.lines[0], quantity: 'ten' }] } };
    await expect(run(['check-invoice', file('bad.json', bad)])).rejects.toThrow(InputError);
    await expect(run(['check-invoice', file('bad.json', bad)])).rejects.toThrow(/\$\.invoice\.lines\[0\]\.quantity/);
  });
});
