// Each command takes the options docs/cli.md lists for it, and refuses any other (exit 2, naming
// the option and the command): an option accepted and ignored loses a scripted caller's output
// (`batch --out answers.jsonl` wrote the answers to stdout and never made the file).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_OPTIONS } from '../../src/cli/args.js';
import { data, inputError, readJson as require_, runCli, scratchFiles } from '../support/cli-in-process.js';

const { dir, file } = scratchFiles('pace-cli-options-');
const ledgerArgs = ['audit-ledger', data('ledger.csv'), '--members', data('members.json')];

describe('an option the command does not take', () => {
  it('batch --out: refused, and no file is made (batch writes its answers to stdout)', async () => {
    const out = join(dir, 'answers.jsonl');
    expect(await inputError(['batch', '--out', out])).toBe('batch does not take --out (it takes --contracts, --jobs, --packs; batch writes its answers to stdout: redirect it to a file; see pace-rules --help)');
    expect(existsSync(out)).toBe(false);
  });
  it('batch --format html, batch --json: refused (its answers are JSON Lines)', async () => {
    expect(await inputError(['batch', '--format', 'html'])).toBe('batch does not take --format (it takes --contracts, --jobs, --packs; see pace-rules --help)');
    expect(await inputError(['batch', '--json'])).toMatch(/^batch does not take --json \(/);
  });
  it("check --window 30 --max-errors 3: refused, naming both (they are audit-ledger's)", async () => {
    expect(await inputError(['check', data('purchase.json'), '--window', '30', '--max-errors', '3'])).toBe('check does not take --window, --max-errors (it takes --format, --json, --out, --packs; see pace-rules --help)');
  });
  it('refused before the command reads its input or writes anything', async () => {
    const out = join(dir, 'never.txt');
    expect(await inputError(['quote', join(dir, 'no-such-order.json'), '--members', data('members.json'), '--out', out])).toMatch(/^quote does not take --members \(/);
    expect(existsSync(out)).toBe(false);
  });
  it('refuses, for every command, each option the table does not give it', async () => {
    const all = [...new Set([...COMMAND_OPTIONS.values()].flat())];
    const value = (option: string): string[] => (['--json', '--progress'].includes(option) ? [] : ['x']);
    for (const [command, takes] of COMMAND_OPTIONS) {
      for (const option of all.filter((o) => !takes.includes(o))) {
        expect(await inputError([command, 'x.json', option, ...value(option)]), `${command} ${option}`).toMatch(new RegExp(`^${command} does not take ${option} \\(`));
      }
    }
  });
  it('leaves an unknown command and an unknown option to their own messages', async () => {
    expect(await inputError(['chek', 'x.json', '--window', '3'])).toMatch(/^unknown command "chek"/);
    expect(await inputError(['batch', '--bogus'])).toMatch(/^unknown option --bogus/);
  });
});

describe('the options a command takes', () => {
  it('check, check-invoice and quote take --format, --json, --out and --packs', async () => {
    const out = join(dir, 'quote.json');
    expect((await runCli(['quote', data('order.json'), '--json', '--out', out, '--packs', data('oak-valley-policy.json')])).exitCode).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { total: string }).total).toBe('183483.37');
    expect((await runCli(['check', data('purchase.json'), '--format', 'json', '--packs', data('oak-valley-policy.json')])).exitCode).toBe(0);
    expect((await runCli(['check-invoice', data('invoice.json'), '--json', '--out', join(dir, 'invoice.json')])).exitCode).toBe(1);
  });
  it('audit-ledger takes all of its own', async () => {
    const { exitCode } = await runCli([...ledgerArgs, '--contracts', data('contracts.json'), '--format', 'json', '--out', join(dir, 'ledger.json'), '--max-errors', '5', '--window', '30', '--jobs', '0', '--packs', data('oak-valley-policy.json')]);
    expect(exitCode).toBe(1);
    expect((JSON.parse(readFileSync(join(dir, 'ledger.json'), 'utf8')) as { purchaseCount: number }).purchaseCount).toBe(8);
  });
  it('batch takes --contracts, --jobs and --packs', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: unknown };
    const request = JSON.stringify({ id: 'a', op: 'procurement-method', input: { member: input.member, purchase: input.purchase } });
    const { stdout, exitCode } = await runCli(['batch', '--contracts', data('contracts.json'), '--jobs', '0', '--packs', data('oak-valley-policy.json')], `${request}\n`);
    expect(exitCode).toBe(0);
    expect((JSON.parse(stdout) as { ok: boolean }).ok).toBe(true);
  });
  it('--help and --version go with any command', async () => {
    expect((await runCli(['batch', '--help'])).stdout).toContain('pace-rules batch [--contracts');
    expect((await runCli(['check', '--version'])).stdout).toMatch(/^pace-rules \S+\nrules /);
  });
  it('docs/cli.md gives each option the commands the command line takes it with', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
    const table = doc.slice(doc.indexOf('| option | commands | meaning |'));
    const rows = table.split('\n').slice(2).filter((l) => l.startsWith('| `--'));
    const documented = new Map(rows.map((row) => {
      const [option, commands] = row.split(/ \| /);
      const names = /every command/.test(commands!) ? [...COMMAND_OPTIONS.keys()] : [...commands!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
      return [/`(--[a-z-]+)/.exec(option!)![1]!, names.sort()];
    }));
    const taken = new Map<string, string[]>();
    for (const [command, options] of COMMAND_OPTIONS) for (const option of options) taken.set(option, [...(taken.get(option) ?? []), command].sort());
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(taken));
  });
});
