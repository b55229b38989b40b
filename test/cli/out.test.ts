// --out: a report is written through a temporary file renamed into place at the end. A target it
// cannot be written to is bad input (exit 2, one line naming --out and why), never an internal
// error, and no temporary file is left beside it.
import { linkSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/cli/files.js';
import { runCli as runCliAsync } from '../../src/cli/main.js';
import { Output } from '../../src/cli/output.js';
import { data, inputError, runCli } from '../support/cli-in-process.js';
import { scratchFiles } from '../support/cli-in-process.js';

const ledgerArgs = ['audit-ledger', data('ledger.csv'), '--members', data('members.json'), '--contracts', data('contracts.json')];

/** A folder of its own, holding a folder `somedir` that --out names. */
function folderWithDirectory(): { dir: string; target: string } {
  const { dir } = scratchFiles('pace-cli-out-');
  const target = join(dir, 'somedir');
  mkdirSync(target);
  return { dir, target };
}

describe('--out naming a directory', () => {
  const commands: [string, string[]][] = [
    ['check', ['check', data('purchase.json')]],
    ['check --format html', ['check', data('purchase.json'), '--format', 'html']],
    ['check-invoice', ['check-invoice', data('invoice.json')]],
    ['quote', ['quote', data('order.json')]],
    ['audit-ledger', ledgerArgs],
    ['audit-ledger --format json', [...ledgerArgs, '--format', 'json']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: one line naming --out and that it is a directory (exit 2), and no temporary file beside it`, async () => {
      const { dir, target } = folderWithDirectory();
      expect(await inputError([...args, '--out', target])).toBe(`--out ${target}: cannot write there (a directory: name a file in it)`);
      expect(readdirSync(dir)).toEqual(['somedir']);
      expect(readdirSync(target)).toEqual([]);
    });
  }
  it('is refused with a trailing slash too', async () => {
    const { dir, target } = folderWithDirectory();
    expect(await inputError(['check', data('purchase.json'), '--out', `${target}/`])).toBe(`--out ${target}/: cannot write there (a directory: name a file in it)`);
    expect(readdirSync(dir)).toEqual(['somedir']);
  });
  it('names a folder that is not there, or a file where a folder should be, before the command does its work', async () => {
    const { dir, target } = folderWithDirectory();
    expect(await inputError([...ledgerArgs, '--out', join(dir, 'nodir', 'x.txt')])).toBe(`--out ${join(dir, 'nodir', 'x.txt')}: cannot write there (ENOENT)`);
    const report = join(dir, 'report.txt');
    expect((await runCli(['check', data('purchase.json'), '--out', report])).exitCode).toBe(0);
    expect(await inputError(['quote', data('order.json'), '--out', join(report, 'x.txt')])).toBe(`--out ${join(report, 'x.txt')}: cannot write there (ENOTDIR)`);
    expect(await inputError(['check', data('purchase.json'), '--out='])).toBe('--out needs a file name');
    expect(readdirSync(dir).sort()).toEqual(['report.txt', 'somedir']);
    expect(readdirSync(target)).toEqual([]);
  });
  it('audit-ledger: a directory made at --out while the ledger is read is named as bad input at the end, and the temporary file goes', async () => {
    const { dir } = scratchFiles('pace-cli-out-');
    const target = join(dir, 'report.txt');
    // The progress display reads the clock once the --out check is done: the directory appears then.
    let now = 0;
    const clock = (): number => {
      mkdirSync(target, { recursive: true });
      return (now += 2500);
    };
    const run = runCliAsync([...ledgerArgs, '--progress', '--out', target], { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, clock });
    await expect(run).rejects.toThrow(new InputError(`--out ${target}: cannot write there (a directory: name a file in it)`));
    expect(readdirSync(dir)).toEqual(['report.txt']);
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('--out naming an input', () => {
  // The report renamed into place at the end would have replaced the ledger (or the members,
  // contracts or packs) it was made from: a user's only copy of a ledger export, gone.
  it('refuses the ledger, the members file and the contracts file of audit-ledger, and leaves each as it was', async () => {
    const { file } = scratchFiles('pace-cli-out-');
    const ledger = file('ledger.csv', readFileSync(data('ledger.csv')));
    const members = file('members.json', readFileSync(data('members.json')));
    const contracts = file('contracts.json', readFileSync(data('contracts.json')));
    const args = ['audit-ledger', ledger, '--members', members, '--contracts', contracts];
    expect(await inputError([...args, '--out', ledger])).toBe(`--out ${ledger}: that is the input file; the report would replace it: name another file`);
    expect(await inputError([...args, '--format', 'json', '--out', members])).toBe(`--out ${members}: that is the --members file; the report would replace it: name another file`);
    expect(await inputError([...args, '--format', 'html', '--out', contracts])).toBe(`--out ${contracts}: that is the --contracts file; the report would replace it: name another file`);
    expect(readFileSync(ledger)).toEqual(readFileSync(data('ledger.csv')));
    expect(readFileSync(members)).toEqual(readFileSync(data('members.json')));
    expect(readFileSync(contracts)).toEqual(readFileSync(data('contracts.json')));
  });
  it('refuses the input of check, check-invoice and quote, a pack, and another name of the same file (a hard link)', async () => {
    const { dir, file } = scratchFiles('pace-cli-out-');
    const purchase = file('purchase.json', readFileSync(data('purchase.json')));
    const invoice = file('invoice.json', readFileSync(data('invoice.json')));
    const order = file('order.json', readFileSync(data('order.json')));
    const pack = file('district.json', JSON.stringify({ id: 'district', version: '1', kind: 'program', rules: [] }));
    expect(await inputError(['check', purchase, '--out', purchase])).toBe(`--out ${purchase}: that is the input file; the report would replace it: name another file`);
    expect(await inputError(['check-invoice', invoice, '--format', 'json', '--out', invoice])).toBe(`--out ${invoice}: that is the input file; the report would replace it: name another file`);
    expect(await inputError(['quote', order, '--out', order])).toBe(`--out ${order}: that is the input file; the report would replace it: name another file`);
    expect(await inputError(['check', data('purchase.json'), '--packs', `${data('purchase.json')}, ${pack}`, '--out', pack])).toBe(`--out ${pack}: that is the --packs file; the report would replace it: name another file`);
    const link = join(dir, 'same-purchase.json');
    linkSync(purchase, link);
    expect(await inputError(['check', purchase, '--out', link])).toBe(`--out ${link}: that is the input file; the report would replace it: name another file`);
    expect(readFileSync(purchase)).toEqual(readFileSync(data('purchase.json')));
    expect(readFileSync(order)).toEqual(readFileSync(data('order.json')));
    // A file that is no input is replaced as before.
    const report = join(dir, 'report.txt');
    expect((await runCli(['check', purchase, '--out', report])).exitCode).toBe(0);
    expect((await runCli(['check', purchase, '--out', report])).exitCode).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['district.json', 'invoice.json', 'order.json', 'purchase.json', 'report.txt', 'same-purchase.json']);
  });
});

describe('Output', () => {
  const io = { stdout: (): void => undefined, stderr: (): void => undefined };
  it('turns a rename that fails at the end into bad input naming --out, and removes its temporary file', () => {
    const { dir, target } = folderWithDirectory();
    const out = new Output(target, io);
    out.write('the report\n');
    expect(() => out.commit()).toThrow(new InputError(`--out ${target}: cannot write there (a directory: name a file in it)`));
    expect(readdirSync(dir)).toEqual(['somedir']);
    // Abandoning it afterwards (as audit-ledger does on any error) is harmless.
    out.abandon();
    expect(readdirSync(dir)).toEqual(['somedir']);
  });
  it('renames its temporary file into place when the run succeeded, and leaves nothing else', () => {
    const { dir } = scratchFiles('pace-cli-out-');
    const target = join(dir, 'report.txt');
    const out = new Output(target, io);
    out.write('the ');
    out.write('report\n');
    expect(readdirSync(dir)).toEqual([]);
    out.commit();
    expect(readdirSync(dir)).toEqual(['report.txt']);
    expect(readFileSync(target, 'utf8')).toBe('the report\n');
  });
});
