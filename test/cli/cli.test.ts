import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as runCliAsync } from '../../src/cli/main.js';
import { createPace, type Member } from '../../src/index.js';
import { data, inputError, readJson as require_, runCli, scratchFiles } from '../support/cli-in-process.js';

const { dir: scratch, file } = scratchFiles('pace-cli-');

const ledgerArgs = ['audit-ledger', data('ledger.csv'), '--members', data('members.json'), '--contracts', data('contracts.json')];

describe('pace-rules check', async () => {
  it('reports eligibility, the method with its thresholds, and the audit file; exit 0 when nothing blocks', async () => {
    const { stdout, exitCode } = (await runCli(['check', data('purchase.json')]));
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Eligibility: ELIGIBLE');
    expect(stdout).toContain('Procurement method: none');
    expect(stdout).toContain('$114,800.00 (more than; Cal. Pub. Cont. Code § 20111(a), adjusted under § 20111(e) [formerly (d)]) [ca.pcc20111a.k12.2025]: applies; this purchase is within it');
    expect(stdout).toContain('[ ] Board approval or ratification of the contract or purchase order (and the 60-day review of delegated purchases) (Cal. Educ. Code §§ 17604, 17605 (community college districts: §§ 81655, 81656)) [board-ratification] MISSING');
    expect(stdout).toContain('Result: clear: no finding blocks this purchase (exit 0).\n        The audit file is not complete: 5 required documents missing');
  });
  it('prints the decisions as JSON with --json', async () => {
    const { stdout } = (await runCli(['check', data('purchase.json'), '--json']));
    const json = JSON.parse(stdout) as { eligibility: { eligible: boolean }; procurementMethod: { method: string }; auditChecklist: { missing: string[] }; blocked: boolean };
    expect(json.eligibility.eligible).toBe(true);
    expect(json.procurementMethod.method).toBe('none');
    // The example's file holds the cooperative documents; the items every purchase needs (issue #12) are still missing.
    expect(json.auditChecklist.missing).toEqual(['board-ratification', 'receiving-record', 'conflict-of-interest', 'records-retention', 'cooperative-ada-evidence']);
    expect(json.blocked).toBe(false);
  });
  it('exits 1 when a finding blocks (a suspended member)', async () => {
    const members = JSON.parse(JSON.stringify(require_(data('members.json')))) as { id: string }[];
    const input = require_(data('purchase.json')) as Record<string, unknown>;
    const suspended = members.find((m) => m.id === 'dogwood-coe')!;
    const path = file('suspended.json', JSON.stringify({ ...input, member: suspended, purchase: { ...(input['purchase'] as object), memberId: 'dogwood-coe' } }));
    const { stdout, exitCode } = (await runCli(['check', path]));
    expect(exitCode).toBe(1);
    expect(stdout).toContain('Eligibility: NOT ELIGIBLE');
    expect(stdout).toContain('BLOCKED');
  });
});

describe('pace-rules quote', async () => {
  it('prices an order line by line', async () => {
    const { stdout, exitCode } = (await runCli(['quote', data('order.json')]));
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/CB-11\s+480\s+274\.00\s+\$131,520\.00\s+\$26,400\.00/);
    expect(stdout).toMatch(/^Subtotal: +\$168,528\.50$/m);
  });
  it('prints what --json has: each line with its ship-to, the charges, the fees, the tax and the total; savings only with a list price', async () => {
    const order = require_(data('order.json')) as { contract: Record<string, unknown> };
    const item = (sku: string, description: string, unitPrice: string, extra: object = {}) => ({ sku, description, price: { kind: 'fixed', unitPrice }, ...extra });
    const contract = { ...order.contract, priceSchedules: [{ id: 'fy26', effectiveFrom: '2025-07-01', currency: 'USD', items: [item('CB', 'Chromebook', '339.00', { coveredElectronicDevice: { screenSizeInches: 11.6 } }), item('INSTALL', 'Install hour', '90.00', { supplyKind: 'services' })] }] };
    const path = file('ship-to.json', JSON.stringify({ contract, asOf: '2025-08-01', taxRate: '9.25', lines: [{ sku: 'CB', quantity: 40, shipTo: 'Oak MS' }, { sku: 'CB', quantity: 70, shipTo: 'Elm ES' }, { sku: 'INSTALL', quantity: '2.5' }], charges: [{ kind: 'freight', amount: '450.00' }] }));
    const { stdout, exitCode } = await runCli(['quote', path]);
    const json = JSON.parse((await runCli(['quote', path, '--json'])).stdout) as { subtotal: string; tax: string; total: string; fees: unknown[] };
    expect(exitCode).toBe(0);
    expect([json.subtotal, json.fees.length, json.tax, json.total]).toEqual(['37515.00', 2, '3449.33', '41854.33']);
    expect(stdout).toMatch(/^ +1 +CB +Oak MS +40 +339\.00 +\$13,560\.00$/m);
    expect(stdout).toMatch(/^ +2 +CB +Elm ES +70 +339\.00 +\$23,730\.00$/m);
    expect(stdout).toMatch(/^Subtotal: +\$37,515\.00$/m);
    expect(stdout).toMatch(/^Charge 1 \(freight; not taxed\): +\$450\.00$/m);
    expect(stdout).toMatch(/^E-waste fee, line 1 \(CB, ship to Oak MS; 40 × \$4\.00\): +\$160\.00$/m);
    expect(stdout).toMatch(/^E-waste fee, line 2 \(CB, ship to Elm ES; 70 × \$4\.00\): +\$280\.00$/m);
    expect(stdout).toMatch(/^Tax \(9\.25 % of \$37,290\.00\): +\$3,449\.33$/m);
    expect(stdout).toMatch(/^Total: +\$41,854\.33$/m);
    // No item has a list price: no savings to speak of.
    expect(stdout).not.toMatch(/savings/i);
  });
  it('prints the admin fee a contract adds to its prices, untaxed, in the total', async () => {
    const order = require_(data('order.json')) as { contract: Record<string, unknown> };
    const contract = { ...order.contract, adminFee: { percent: '1.5', includedInPrice: false }, priceSchedules: [{ id: 'fy26', effectiveFrom: '2025-07-01', currency: 'USD', items: [{ sku: 'DSK', description: 'Student desk', price: { kind: 'fixed', unitPrice: '189.40' } }] }] };
    // 28 desks: 5,303.20; 1.5 % = 79.548, half-up 79.55; tax 7.75 % of the desks only: 411.00
    const path = file('admin-fee-on-top.json', JSON.stringify({ contract, asOf: '2025-10-14', taxRate: '7.75', lines: [{ sku: 'DSK', quantity: 28 }] }));
    const { stdout, exitCode } = await runCli(['quote', path]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^Admin fee \(1\.5 % of \$5,303\.20; not taxed\): +\$79\.55$/m);
    expect(stdout).toMatch(/^Tax \(7\.75 % of \$5,303\.20\): +\$411\.00$/m);
    expect(stdout).toMatch(/^Total: +\$5,793\.75$/m);
  });
  it('taxes each member\'s share of a taxable shared cost with its order, and shows that tax in the group buy', async () => {
    const order = require_(data('group-order.json')) as { contract: Record<string, unknown> };
    const contract = { ...order.contract, charges: [{ kind: 'other', basis: 'flat', amount: '300.00', taxable: true, description: 'Handling' }] };
    const path = file('group-handling.json', JSON.stringify({ ...order, contract, sharedCosts: [{ kind: 'other', amount: '265.00', basis: 'equal' }] }));
    const json = JSON.parse((await runCli(['quote', path, '--json'])).stdout) as { sharedCostsTax: string; total: string; quotesTotal: string; members: { sharedCostsTax: string; total: string }[] };
    // Alder's share, 88.34, taxed with its 90,741.00 of taxable goods: 90,829.34 x 7.75 % = 7,039.27, less 7,032.43
    expect(json.members[0]).toMatchObject({ sharedCostsTax: '6.84', total: '99068.61' });
    // The group's tax on shared costs is the members' (265.00 x 7.75 % = 20.5375, each order rounded once)
    expect(json.sharedCostsTax).toBe('20.54');
    expect(json.members.reduce((cents, m) => cents + Math.round(Number(m.sharedCostsTax) * 100), 0)).toBe(2054);
    const { stdout } = await runCli(['quote', path]);
    expect(stdout).toMatch(/^alder-usd +\$90,741\.00 +\$1,200\.00 +\$7,039\.27 +other \$88\.34 +\$99,068\.61 /m);
    expect(stdout).toMatch(/^Tax on shared costs: +\$20\.54$/m);
  });
  it('quotes a group buy when the file has orders', async () => {
    const { stdout } = (await runCli(['quote', data('group-order.json'), '--json']));
    const group = JSON.parse(stdout) as { total: string; tierQuantities: Record<string, unknown>; members: { memberId: string; total: string; savingsVsSolo: string }[] };
    expect(group.tierQuantities['CB-11']).toBe('530');
    // e-waste fees on the Chromebooks and 7.75 % tax in each member's total; no admin-fee shared cost
    expect(group.total).toBe('173746.04');
    expect(group.members.map((m) => m.savingsVsSolo)).toEqual(['2909.25', '1454.63', '2068.80']);
  });
  it('prints each member\'s fees and tax in a group buy, and what the group total is made of', async () => {
    const { stdout } = await runCli(['quote', data('group-order.json')]);
    expect(stdout).toMatch(/^member +subtotal +fees +tax +shared costs +total +alone +saved$/m);
    expect(stdout).toMatch(/^alder-usd +\$90,741\.00 +\$1,200\.00 +\$7,032\.43 +shipping \$823\.62 +\$99,797\.05 +\$102,706\.30 +\$2,909\.25$/m);
    expect(stdout).toMatch(/^Subtotal: +\$157,936\.00$/m);
    expect(stdout).toMatch(/^Fees and tax: +\$14,360\.04$/m);
    expect(stdout).toMatch(/^Shared costs: +\$1,450\.00$/m);
    expect(stdout).toMatch(/^Group total: +\$173,746\.04$/m);
  });
});

describe('pace-rules audit-ledger', async () => {
  it('finds the split purchases, the purchases that needed a bid, and missing documents', async () => {
    const { stdout, exitCode } = (await runCli([...ledgerArgs, '--json']));
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as { purchaseCount: number; total: string; splitPurchases: { purchaseIds: string[]; total: string; threshold: string; citation: string }[]; neededBid: { purchaseId: string }[]; members: { memberId: string; splitGroups: number }[] };
    expect(report.purchaseCount).toBe(8);
    expect(report.total).toBe('527100.00');
    expect(report.splitPurchases).toEqual([expect.objectContaining({ purchaseIds: ['PO-25-0031', 'PO-25-0047', 'PO-25-0052'], total: '133600.00', threshold: '114800.00' })]);
    expect(report.splitPurchases[0]!.citation).toMatch(/^Cal\. Pub\. Cont\. Code § 20116; limit: Cal\. Pub\. Cont\. Code § 20111\(a\)/);
    expect(report.neededBid.map((p) => p.purchaseId)).toEqual(['PO-25-0071', 'PO-26-0019']);
    expect(report.members.find((m) => m.memberId === 'alder-usd')?.splitGroups).toBe(1);
  });
  it('prints a summary table, and no split group with a 14-day window', async () => {
    expect((await runCli(ledgerArgs)).stdout).toMatch(/alder-usd\s+Alder Unified School District\s+6\s+\$498,900\.00\s+0\s+2\s+6\s+1/);
    const chained = JSON.parse((await runCli([...ledgerArgs, '--json', '--window', '14'])).stdout) as { splitPurchases: unknown[] };
    expect(chained.splitPurchases).toEqual([]);
  });
  it('reads the same purchases from JSON', async () => {
    const csv = JSON.parse((await runCli([...ledgerArgs, '--json'])).stdout) as { splitPurchases: unknown };
    const purchases = [{ id: 'A', memberId: 'alder-usd', date: '2025-08-12', amount: '48200.00', supplyKind: 'goods', vendorId: 'v-oakline' }, { id: 'B', memberId: 'alder-usd', date: '2025-09-03', amount: '46900.00', supplyKind: 'goods', vendorId: 'v-oakline' }, { id: 'C', memberId: 'alder-usd', date: '2025-09-29', amount: '38500.00', supplyKind: 'goods', vendorId: 'v-oakline' }];
    const json = JSON.parse((await runCli(['audit-ledger', file('ledger.json', JSON.stringify(purchases)), '--members', data('members.json'), '--json'])).stdout) as { splitPurchases: { purchaseIds: string[] }[] };
    expect(json.splitPurchases.map((g) => g.purchaseIds)).toEqual([['A', 'B', 'C']]);
    expect(csv.splitPurchases).toHaveLength(1);
  });
});

describe('bad input: one line naming the file, the line or path, and what was expected', async () => {
  it('names a missing file', async () => {
    expect(await inputError(['check', join(scratch, 'nope.json')])).toMatch(/nope\.json: cannot read the file \(no such file\)/);
  });
  it('names the line and column of invalid JSON', async () => {
    expect(await inputError(['check', file('broken.json', '{\n  "member": {,\n}')])).toMatch(/broken\.json: invalid JSON at line 2, column 14/);
  });
  it('names the JSON path of an invalid field', async () => {
    const input = require_(data('purchase.json')) as Record<string, Record<string, unknown>>;
    const bad = file('bad-amount.json', JSON.stringify({ ...input, purchase: { ...input['purchase'], amount: '41100.005' } }));
    expect(await inputError(['check', bad])).toMatch(/bad-amount\.json: \$\.purchase\.amount: /);
  });
  it("names a bad contract's field under $.contract", async () => {
    const input = require_(data('purchase.json')) as Record<string, Record<string, unknown>>;
    const bad = file('bad-contract.json', JSON.stringify({ ...input, contract: { ...input['contract'], id: 5 } }));
    expect(await inputError(['check', bad])).toMatch(/bad-contract\.json: \$\.contract\.id: expected string/);
  });
  it('refuses an input file that is not UTF-8 at its first such byte (Windows-1252), with its line and column', async () => {
    const input = require_(data('purchase.json')) as Record<string, Record<string, unknown>>;
    const text = JSON.stringify({ ...input, purchase: { ...input['purchase'], description: 'Caf\u00e9 tables' } }, null, 2);
    const bad = file('windows-1252.json', Buffer.from(text, 'latin1'));
    const at = text.split('\n').findIndex((l) => l.includes('Caf'));
    const column = text.split('\n')[at]!.indexOf('\u00e9') + 1;
    expect(await inputError(['check', bad])).toBe(`${bad}: line ${at + 1}, column ${column}: not UTF-8 text (the byte 0xE9): save the file as UTF-8`);
    expect((await runCli(['check', file('utf-8.json', text)])).exitCode).toBe(0);
    // After a byte order mark, columns are counted without it (as for a syntax error).
    const withBom = file('bom-windows-1252.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"id":"\u00e9"}]', 'latin1')]));
    expect(await inputError(['audit-ledger', data('ledger.csv'), '--members', withBom])).toMatch(/bom-windows-1252\.json: line 1, column 9: not UTF-8 text \(the byte 0xE9\)/);
  });
  it('names the CSV line of a bad row, and refuses unknown columns', async () => {
    const csv = file('bad.csv', 'id,memberId,date,amount,supplyKind\nP1,alder-usd,2025-08-12,100.00,goods\nP2,alder-usd,2025-02-30,100.00,goods\n');
    expect(await inputError(['audit-ledger', csv, '--members', data('members.json')])).toMatch(/bad\.csv: line 3, column date: not a real calendar date\n.*bad\.csv: 1 bad row; nothing was written$/);
    const columns = file('columns.csv', 'id,memberId,date,amount,supplyKind,amont\n');
    expect(await inputError(['audit-ledger', columns, '--members', data('members.json')])).toMatch(/columns\.csv: line 1: unknown column "amont"; expected columns from: id, memberId/);
    const member = file('member.csv', 'id,memberId,date,amount,supplyKind\nP1,nobody,2025-08-12,100.00,goods\n');
    expect(await inputError(['audit-ledger', member, '--members', data('members.json')])).toMatch(/member\.csv: line 2, column memberId: member "nobody" is not in the members file/);
  });
  it('says that one purchase a line in a .json file is JSON Lines, and not for any other bad JSON', async () => {
    const line = (id: string): string => JSON.stringify({ id, memberId: 'alder-usd', date: '2025-08-12', amount: '100.00', supplyKind: 'goods' });
    const lines = file('lines.json', `\uFEFF${line('P1')}\r\n${line('P2')}\n`);
    expect(await inputError(['audit-ledger', lines, '--members', data('members.json')])).toMatch(/lines\.json: invalid JSON at line 2, column 1: .*\(one purchase a line is JSON Lines: name the file \.jsonl\)$/);
    const broken = file('broken-ledger.json', `[${line('P1')},\n{"id": }]\n`);
    expect(await inputError(['audit-ledger', broken, '--members', data('members.json')])).not.toMatch(/JSON Lines/);
    const two = file('two-arrays.json', `[${line('P1')}]\n[${line('P2')}]\n`);
    expect(await inputError(['audit-ledger', two, '--members', data('members.json')])).not.toMatch(/JSON Lines/);
  });
  it('refuses a pack nested too deeply with a message naming the file (exit 2), never a stack trace', async () => {
    const leaf = JSON.stringify({ fact: 'purchase.amount', operator: 'greaterThan', value: 1 });
    const deep = `${'{"not":'.repeat(50_000)}${leaf}${'}'.repeat(50_000)}`;
    const pack = file('deep-pack.json', `{"id":"deep","version":"1.0.0","title":"d","kind":"policy","rules":[{"id":"r","capability":"procurement","conditions":{"all":[${deep}]},"event":{"type":"finding","params":{"code":"x","severity":"warn","message":"m"}}}]}`);
    const message = await inputError(['check', data('purchase.json'), '--packs', pack]);
    expect(message).toMatch(/deep-pack\.json: /);
    expect(message).not.toMatch(/\n\s+at /);
    expect(message.length).toBeLessThan(2000);
  });
  it('refuses unknown commands and options', async () => {
    expect(await inputError(['chek', 'x.json'])).toMatch(/unknown command "chek"/);
    expect(await inputError(['check', 'x.json', '--jsn'])).toMatch(/unknown option --jsn/);
    expect(await inputError([])).toMatch(/no command given/);
  });
  it('prints help and the version', async () => {
    expect((await runCli(['--help'])).stdout).toContain('Exit codes: 0 all clear; 1 findings that block');
    expect((await runCli(['--version'])).stdout).toMatch(/^pace-rules \S+\nrules california-law@/);
  });
});

describe('audit-ledger as a stream', () => {
  const members = data('members.json');
  const header = 'id,memberId,date,amount,supplyKind,vendorId,revisionOf\n';
  it('reports every bad row (line, column, what was expected), exits 2, and writes nothing to --out', async () => {
    const csv = file('several-bad.csv', `${header}P1,alder-usd,2025-08-12,100.00,goods,v1,\nP2,alder-usd,2025-02-30,100.00,goods,v1,\nP3,alder-usd,2025-08-12,12.345,goods,v1,\nP4,nobody,2025-08-12,1.00,goods,v1,\nP1,alder-usd,2025-08-13,5.00,goods,v1,\n`);
    const out = join(scratch, 'never.json');
    const message = await inputError(['audit-ledger', csv, '--members', members, '--format', 'json', '--out', out]);
    const lines = message.split('\n');
    expect(lines[0]).toMatch(/several-bad\.csv: line 3, column date: /);
    expect(lines[1]).toMatch(/several-bad\.csv: line 4, column amount: /);
    expect(lines[2]).toMatch(/several-bad\.csv: line 5, column memberId: member "nobody" is not in the members file/);
    expect(lines[3]).toMatch(/several-bad\.csv: line 6, column id: purchase id "P1" is used twice \(also on line 2\)/);
    expect(lines[4]).toMatch(/4 bad rows; nothing was written/);
    expect(existsSync(out)).toBe(false);
  });
  it('refuses a row of fewer cells than the header (an export cut off in a row), as one of more; empty cells past the header are no data', async () => {
    // (a short row was read with its last cells empty: PO-2 lost its vendor and escaped the split check)
    const csv = file('short-row.csv', `${header}P1,alder-usd,2025-08-12,60000.00,goods,v1,\nP2,alder-usd,2025-08-13,60000.00,goods\nP3,alder-usd,2025-08-14,1.00,goods,v1,,x\nP4,alder-usd,2025-08-15,1.00,goods,v1,,,\n`);
    const lines = (await inputError(['audit-ledger', csv, '--members', members])).split('\n');
    expect(lines[0]).toMatch(/short-row\.csv: line 3, the row: 5 cells, but the header has 7 columns/);
    expect(lines[1]).toMatch(/short-row\.csv: line 4, the row: 8 cells, but the header has 7 columns/);
    expect(lines[2]).toMatch(/2 bad rows; nothing was written/);
  });
  it('refuses an id that holds half of a surrogate pair (two such ids were one, reported as a duplicate)', async () => {
    const row = (id: string): string => `{"id":"${id}","memberId":"alder-usd","date":"2025-08-12","amount":"1.00","supplyKind":"goods"}`;
    const lines = (await inputError(['audit-ledger', file('surrogates.jsonl', `${row('PO-\\ud800')}\n${row('PO-\\udc00')}\n${row('PO-\\ud83d\\ude00')}\n`), '--members', members])).split('\n');
    expect(lines[0]).toMatch(/surrogates\.jsonl: line 1, \$\.id: expected text: the id holds half of a UTF-16 surrogate pair/);
    expect(lines[1]).toMatch(/surrogates\.jsonl: line 2, \$\.id: expected text/);
    expect(lines[2]).toMatch(/2 bad rows; nothing was written/);
  });
  it('reports a PO dated in fiscal year 9999-10000 (or before 0000-07-01) as a bad row, with the rows after it', async () => {
    // (it was a message naming no file and no line, `$: the fiscal year of 9999-12-31 does not lie
    // within the years 0000-9999`, and the bad rows after it went unreported)
    const csv = file('year-9999.csv', `${header}P1,alder-usd,2025-08-12,100.00,goods,v1,\nP2,alder-usd,9999-07-01,100.00,goods,v1,\nP3,alder-usd,2025-13-01,100.00,goods,v1,\nP4,alder-usd,0000-06-30,1.00,goods,v1,\nP5,alder-usd,9999-06-30,1.00,goods,v1,\n`);
    const lines = (await inputError(['audit-ledger', csv, '--members', members])).split('\n');
    expect(lines[0]).toMatch(/year-9999\.csv: line 3, column date: "9999-07-01" is in a fiscal year \(July 1 - June 30\) that does not lie within the years 0000-9999/);
    expect(lines[1]).toMatch(/year-9999\.csv: line 4, column date: /);
    expect(lines[2]).toMatch(/year-9999\.csv: line 5, column date: "0000-06-30" is in a fiscal year/);
    expect(lines[3]).toMatch(/3 bad rows; nothing was written/);
    const jsonl = file('year-9999.jsonl', `${JSON.stringify({ id: 'P1', memberId: 'alder-usd', date: '9999-12-31', amount: '1.00', supplyKind: 'goods' })}\n`);
    expect(await inputError(['audit-ledger', jsonl, '--members', members])).toMatch(/year-9999\.jsonl: line 1, \$\.date: "9999-12-31" is in a fiscal year/);
  });
  it('reports every problem of a bad row, not only its first (an unknown member, a bad cell)', async () => {
    const csv = file(
      'two-problems.csv',
      'id,memberId,date,amount,supplyKind,publicWorksKind,emergency\nP1,alder-usd,2025-08-12,1.00,goods,WWW,maybe\nP2,nobody,2025-08-12,abc,goods,,\nP3,alder-usd,2025-08-12,5.00,goods,,\n',
    );
    const lines = (await inputError(['audit-ledger', csv, '--members', members])).split('\n');
    expect(lines[0]).toMatch(/two-problems\.csv: line 2, column emergency: expected true or false/);
    expect(lines[1]).toMatch(/two-problems\.csv: line 2, column publicWorksKind: expected one of "construction"/);
    expect(lines[2]).toMatch(/two-problems\.csv: line 3, column memberId: member "nobody" is not in the members file/);
    expect(lines[3]).toMatch(/two-problems\.csv: line 3, column amount: expected a decimal string/);
    expect(lines[4]).toMatch(/2 bad rows; nothing was written/);
    // JSON Lines: the member and the supply kind
    const jsonl = file('two-problems.jsonl', `${JSON.stringify({ id: 'P1', memberId: 'nobody', date: '2025-08-12', amount: '1.00', supplyKind: 'gods' })}\n`);
    expect(await inputError(['audit-ledger', jsonl, '--members', members])).toMatch(/line 1, \$\.memberId: member "nobody".*\n.*line 1, \$\.supplyKind: expected one of/);
  });
  it("lists a change-orders group (a PO its change orders carry over the limit) as pace.findSplitPurchases does, a PO alone with its vendor too", async () => {
    const rows = [
      ['PO-10', '2025-09-10', '100000.00', 'v-paper', ''],
      ['PO-10-CO1', '2025-10-10', '20000.00', 'v-paper', 'PO-10'],
      ['PO-20', '2025-08-01', '50000.00', 'v-desk', ''],
      ['PO-20-CO1', '2025-08-15', '10000.00', 'v-desk', 'PO-20'],
      ['PO-21', '2025-09-01', '60000.00', 'v-desk', ''],
    ];
    const csv = file('change-order-group.csv', `id,memberId,date,amount,supplyKind,vendorId,revisionOf\n${rows.map(([id, date, amount, vendor, of]) => `${id},alder-usd,${date},${amount},goods,${vendor},${of}`).join('\n')}\n`);
    const out = join(scratch, 'change-order-group.json');
    await runCli(['audit-ledger', csv, '--members', members, '--json', '--out', out]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { splitPurchases: { kind: string; purchaseIds: string[]; total: string; threshold: string; findings: { code: string }[] }[]; members: { splitGroups: number }[] };
    const memberList = require_(members) as Member[];
    const purchases = rows.map(([id, date, amount, vendor, of]) => ({ id: id!, memberId: 'alder-usd', date: date!, amount: amount!, supplyKind: 'goods' as const, vendorId: vendor!, ...(of ? { revisionOf: of } : {}) }));
    const library = createPace().findSplitPurchases(purchases, { members: memberList });
    const shape = (g: { kind: string; purchaseIds: readonly string[]; total: string; threshold: string; findings: readonly { code: string }[] }) => ({ kind: g.kind, ids: g.purchaseIds.filter((i) => !i.includes('-CO')), total: g.total, threshold: g.threshold, codes: g.findings.map((f) => f.code) });
    expect(report.splitPurchases.map(shape)).toEqual(library.map(shape));
    expect(report.splitPurchases.map((g) => g.kind)).toEqual(['split', 'change-orders']);
    expect(report.members[0]!.splitGroups).toBe(2);
  });
  it('reports every bad member of the members file before reading a row', async () => {
    const list = JSON.parse(JSON.stringify(require_(members))) as Record<string, unknown>[];
    list[1]!['averageDailyAttendance'] = 'lots';
    list[2]!['kind'] = 'nope';
    const bad = file('bad-members.json', JSON.stringify(list));
    const lines = (await inputError(['audit-ledger', data('ledger.csv'), '--members', bad])).split('\n');
    expect(lines).toEqual([expect.stringMatching(/bad-members\.json: \$\[1\]\.averageDailyAttendance: expected number/), expect.stringMatching(/bad-members\.json: \$\[2\]\.kind: expected one of/)]);
  });
  it("takes a deductive change order's negative funding lines, and refuses a PO's", async () => {
    const funded = 'id,memberId,date,amount,supplyKind,vendorId,federalAmount,localAmount,revisionOf\n';
    const ok = file('deductive-funding.csv', `${funded}PO-1,alder-usd,2025-08-12,20000.00,goods,v-1,20000.00,,\nCO-1,alder-usd,2025-09-12,-3000.00,goods,v-1,-3000.00,,PO-1\nCO-2,alder-usd,2025-10-12,5000.00,goods,v-1,,5000.00,PO-1\n`);
    const out = join(scratch, 'deductive-funding.json');
    expect((await runCli(['audit-ledger', ok, '--members', members, '--format', 'json', '--out', out])).exitCode).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { purchaseCount: number; changeOrders: number; total: string };
    expect([report.purchaseCount, report.changeOrders, report.total]).toEqual([1, 2, '22000.00']);
    const bad = file('negative-funding.csv', `${funded}PO-1,alder-usd,2025-08-12,1000.00,goods,v-1,-5.00,1005.00,\n`);
    expect(await inputError(['audit-ledger', bad, '--members', members])).toMatch(/line 2, column federalAmount\/stateAmount\/localAmount: expected funding amounts of zero or more/);
  });
  it('writes no temporary files for a text or HTML report (they print the first details; only the JSON lists them all)', async () => {
    // A TMPDIR that is a file: no temporary folder can be made in it.
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = file('not-a-folder', '');
    try {
      const text = await runCli([...ledgerArgs, '--format', 'text']);
      expect(text.stdout).toContain('Possible split purchases');
      const html = join(scratch, 'no-temp.html');
      await runCli([...ledgerArgs, '--format', 'html', '--out', html]);
      expect(readFileSync(html, 'utf8')).toContain('<html');
      // The JSON report needs them, and says so.
      expect(await inputError([...ledgerArgs, '--format', 'json'])).toMatch(/^cannot write temporary files in .*not-a-folder \(ENOTDIR\): the JSON report keeps its detail lists there until it is written; set TMPDIR/);
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });
  it('stops after --max-errors bad rows', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `B${i},alder-usd,2025-13-01,1.00,goods,v1,`).join('\n');
    const message = await inputError(['audit-ledger', file('many-bad.csv', `${header}${rows}\n`), '--members', members, '--max-errors', '3']);
    expect(message.split('\n')).toHaveLength(4);
    expect(message).toMatch(/stopped after 3 bad rows \(--max-errors 3\); nothing was written/);
  });
  it('says it stopped when rows after the last one listed were not checked (a CSV of several chunks, a JSON document)', async () => {
    // Bad on its first row and its last: --max-errors 1 stops before the last chunk is decided.
    const rows = Array.from({ length: 15_000 }, (_, i) => `S${i},alder-usd,2025-09-02,10.00,goods,v1,`);
    rows[0] = 'S0,nobody,2025-09-02,10.00,goods,v1,';
    rows[rows.length - 1] = 'S-last,nobody,2025-09-02,10.00,goods,v1,';
    const csv = file('two-chunks.csv', `${header}${rows.join('\n')}\n`);
    // Two chunks (the first read until 256 KB are pending, about 512 KB): reading the second reaches the end of the file.
    expect(statSync(csv).size).toBeGreaterThan(2 * 256 * 1024);
    expect(statSync(csv).size).toBeLessThan(3 * 256 * 1024);
    expect(await inputError(['audit-ledger', csv, '--members', members, '--max-errors', '1', '--jobs', '0'])).toMatch(/two-chunks\.csv: stopped after 1 bad row \(--max-errors 1\); nothing was written$/);
    expect(await inputError(['audit-ledger', csv, '--members', members, '--max-errors', '2', '--jobs', '0'])).toMatch(/two-chunks\.csv: 2 bad rows; nothing was written$/);
    const purchases = Array.from({ length: 5_001 }, (_, i) => ({ id: `J${i}`, memberId: i === 0 || i === 5_000 ? 'nobody' : 'alder-usd', date: '2025-09-02', amount: '10.00', supplyKind: 'goods' }));
    const json = file('document.json', JSON.stringify(purchases));
    expect(await inputError(['audit-ledger', json, '--members', members, '--max-errors', '1'])).toMatch(/document\.json: stopped after 1 bad row \(--max-errors 1\); nothing was written$/);
    expect(await inputError(['audit-ledger', json, '--members', members, '--max-errors', '2'])).toMatch(/document\.json: 2 bad rows; nothing was written$/);
  });
  it('counts bad rows, not problems: a row with two bad cells is one bad row, listed with both, and --max-errors counts rows', async () => {
    // As a database export gives them: a timestamp for a date, an amount with a dollar sign.
    const rows = ['T1,alder-usd,2025-09-02 00:00:00,"$1,200.00",goods,v1,', 'T2,alder-usd,2025-09-03,1200.000,goods,v1,', 'T3,alder-usd,2025-09-04,1200.00,goods,v1,', 'T4,alder-usd,09/05/2025,1200.00,goods,v1,'];
    const csv = file('two-problems.csv', `${header}${rows.join('\n')}\n`);
    const all = (await inputError(['audit-ledger', csv, '--members', members])).split('\n');
    expect(all).toHaveLength(5);
    expect(all[0]).toMatch(/line 2, column date: expected a date as YYYY-MM-DD$/);
    expect(all[1]).toMatch(/line 2, column amount: expected a decimal string/);
    expect(all[2]).toMatch(/line 3, column amount: /);
    expect(all[3]).toMatch(/line 5, column date: expected a date as YYYY-MM-DD$/);
    expect(all[4]).toMatch(/two-problems\.csv: 3 bad rows; nothing was written$/);
    const first = (await inputError(['audit-ledger', csv, '--members', members, '--max-errors', '1'])).split('\n');
    expect(first).toHaveLength(3);
    expect(first.slice(0, 2).every((l) => /line 2, /.test(l))).toBe(true);
    expect(first[2]).toMatch(/stopped after 1 bad row \(--max-errors 1\); nothing was written$/);
  });
  it('refuses text that is not UTF-8 (a spreadsheet saved in Windows-1252), naming each line, and accepts a real U+FFFD', async () => {
    // Excel's "CSV" on Windows: ’ is 0x92 and É 0xC9; decoded as UTF-8 they became U+FFFD, ids included.
    const cp1252 = (text: string): Buffer => Buffer.from(text.replace(/’/g, '\x92').replace(/É/g, '\xc9').replace(/é/g, '\xe9'), 'latin1');
    const rows = ['W1,alder-usd,2025-09-02,1200.00,goods,v1,', 'W2É,alder-usd,2025-09-03,1300.00,goods,v1,', 'W3,alder-usd,2025-09-04,1400.00,goods,v1,'];
    const csv = file('windows-1252.csv', cp1252(`id,memberId,date,amount,supplyKind,vendorId,revisionOf,description\n${rows.map((r, i) => `${r},Teacher’s desk ${i}`).join('\r\n')}\r\n`));
    const lines = (await inputError(['audit-ledger', csv, '--members', members])).split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/windows-1252\.csv: line 2, the row: not UTF-8 text \(the byte 0x92\): save the file as UTF-8 \(in Excel: "CSV UTF-8"\)$/),
      expect.stringMatching(/windows-1252\.csv: line 3, the row: not UTF-8 text \(the byte 0xC9\)/),
      expect.stringMatching(/windows-1252\.csv: line 4, the row: not UTF-8 text \(the byte 0x92\)/),
      expect.stringMatching(/windows-1252\.csv: 3 bad rows; nothing was written$/),
    ]);
    const jsonl = file('windows-1252.jsonl', cp1252('{"id":"J1","memberId":"alder-usd","date":"2025-09-02","amount":"10.00","supplyKind":"goods"}\n{"id":"J2","memberId":"alder-usd","date":"2025-09-02","amount":"10.00","supplyKind":"goods","description":"Café"}\n'));
    expect(await inputError(['audit-ledger', jsonl, '--members', members])).toMatch(/windows-1252\.jsonl: line 2, the row: not UTF-8 text \(the byte 0xE9\): save the file as UTF-8\n/);
    const json = file('windows-1252.json', cp1252('[\n  {"id":"D1","memberId":"alder-usd","date":"2025-09-02","amount":"10.00","supplyKind":"goods","description":"Café"}\n]\n'));
    expect(await inputError(['audit-ledger', json, '--members', members])).toMatch(/windows-1252\.json: invalid JSON at line 2, column 113: not UTF-8 text \(the byte 0xE9\): save the file as UTF-8$/);
    // A header not UTF-8 (a Spanish column title), and standard input asked for twice.
    const header1252 = file('header-1252.csv', Buffer.from(`id,memberId,date,amount,supplyKind,descripci\u00f3n\n`, 'latin1'));
    expect(await inputError(['audit-ledger', header1252, '--members', members])).toMatch(/header-1252\.csv: line 1: not UTF-8 text \(the byte 0xF3\)/);
    expect(await inputError(['audit-ledger', '-', '--members', '-'])).toMatch(/^standard input \(-\) can be read once/);
    // A quoted field over two lines, not UTF-8 on its second, in a row with another problem: one
    // bad row, both problems on the line the row starts on.
    const quoted = file('quoted-lines.csv', Buffer.concat([Buffer.from(`id,memberId,date,amount,supplyKind,vendorId,revisionOf,description\nQ1,alder-usd,2025-09-02,10.00,goods,v1,,ok\nQ2,nobody,2025-09-02,10.00,goods,v1,,"two\nlin`), Buffer.from([0xe9]), Buffer.from('s"\n')]));
    const both = (await inputError(['audit-ledger', quoted, '--members', members])).split('\n');
    expect(both).toHaveLength(3);
    expect(both.slice(0, 2).every((l) => /quoted-lines\.csv: line 3, /.test(l))).toBe(true);
    expect(both.join('\n')).toMatch(/not UTF-8 text \(the byte 0xE9\)/);
    expect(both[2]).toMatch(/1 bad row; nothing was written$/);
    // U+FFFD written as such (EF BF BD) is text like any other.
    const real = file('replacement.json', '[{"id":"R1","memberId":"alder-usd","date":"2025-09-02","amount":"10.00","supplyKind":"goods","description":"scanned \ufffd"}]');
    expect((await runCli(['audit-ledger', real, '--members', members])).exitCode).toBe(0);
    const realCsv = file('replacement.csv', `${header}R\ufffd1,alder-usd,2025-09-02,10.00,goods,v1,\n`);
    const report = JSON.parse((await runCli(['audit-ledger', realCsv, '--members', members, '--format', 'json'])).stdout) as { missingDocuments: { purchaseId: string }[] };
    expect(report.missingDocuments.map((m) => m.purchaseId)).toEqual(['R\ufffd1']);
  });
  it('folds change orders into their PO: never a split with it, and a PO raised over the bid limit needed a bid', async () => {
    const csv = file('changes.csv', `${header}C1,alder-usd,2025-08-12,60000.00,goods,v9,\nC1-a,alder-usd,2025-09-01,30000.00,goods,v9,C1\nC1-b,alder-usd,2025-10-01,30000.00,goods,v9,C1\n`);
    const out = join(scratch, 'changes.json');
    const { exitCode } = await runCli(['audit-ledger', csv, '--members', members, '--format', 'json', '--out', out]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { purchaseCount: number; changeOrders: number; total: string; splitPurchases: { kind: string; purchaseIds: string[]; total: string }[]; neededBid: { purchaseId: string; amount: string; byChangeOrder: boolean; where: string }[] };
    expect(exitCode).toBe(1);
    expect(report.purchaseCount).toBe(1);
    expect(report.changeOrders).toBe(2);
    expect(report.total).toBe('120000.00');
    // No split of the PO with its change orders: the change-orders group the library finds (a PO
    // within the limit as issued, carried over it by its change orders), listed by the PO's id.
    expect(report.splitPurchases.map((g) => [g.kind, g.purchaseIds, g.total])).toEqual([['change-orders', ['C1'], '120000.00']]);
    expect(report.neededBid).toEqual([{ where: 'line 4', purchaseId: 'C1', memberId: 'alder-usd', amount: '120000.00', method: 'formal-bid', byChangeOrder: true }]);
  });
  it('takes a bid file listed as the checklist names it (formal-bid-file) as the bid a purchase needed', async () => {
    // Three $128,400 POs with no cooperative contract: one with its bid file on record as the
    // audit checklist names it, one with the older kind, one with none.
    const csv = file('bid-files.csv', 'id,memberId,date,amount,supplyKind,vendorId,documents\nB1,alder-usd,2025-08-12,128400.00,goods,v1,formal-bid-file;board-ratification\nB2,alder-usd,2025-08-13,128400.00,goods,v2,formal-bid\nB3,alder-usd,2025-08-14,128400.00,goods,v3,\n');
    const report = JSON.parse((await runCli(['audit-ledger', csv, '--members', members, '--format', 'json'])).stdout) as { neededBid: { purchaseId: string }[]; missingDocuments: { purchaseId: string; missing: string[] }[] };
    expect(report.neededBid.map((p) => p.purchaseId)).toEqual(['B3']);
    const missing = new Map(report.missingDocuments.map((m) => [m.purchaseId, m.missing]));
    expect(missing.get('B1')).not.toContain('formal-bid-file');
    expect(missing.get('B3')).toContain('formal-bid-file');
  });
  it('judges a PO with its change orders at its total, in any order: raised and lowered back within the limit, it needed no bid', async () => {
    // A $100,000 PO, $20,000 added (past the $114,800 limit), $10,000 taken off: $110,000. Then
    // the same with the deduction first, a PO with its bid file on record, and one below zero.
    const judged = async (name: string, rows: string) => JSON.parse((await runCli(['audit-ledger', file(name, `${header}${rows}`), '--members', members, '--format', 'json'])).stdout) as { total: string; neededBid: { purchaseId: string; where: string; amount: string }[] };
    const upDown = await judged('up-down.csv', 'U1,alder-usd,2025-08-12,100000.00,goods,v9,\nU1-a,alder-usd,2025-09-01,20000.00,goods,v9,U1\nU1-b,alder-usd,2025-10-01,-10000.00,goods,v9,U1\n');
    expect([upDown.total, upDown.neededBid]).toEqual(['110000.00', []]);
    const downUp = await judged('down-up.csv', 'U1-b,alder-usd,2025-10-01,-10000.00,goods,v9,U1\nU1,alder-usd,2025-08-12,100000.00,goods,v9,\nU1-a,alder-usd,2025-09-01,20000.00,goods,v9,U1\n');
    expect([downUp.total, downUp.neededBid]).toEqual(['110000.00', []]);
    const up = await judged('up.csv', 'U1,alder-usd,2025-08-12,100000.00,goods,v9,\nU1-a,alder-usd,2025-09-01,20000.00,goods,v9,U1\n');
    expect(up.neededBid.map((p) => [p.purchaseId, p.where, p.amount])).toEqual([['U1', 'line 3', '120000.00']]);
    const withBidFile = file('bid-file-then-change.csv', 'id,memberId,date,amount,supplyKind,vendorId,revisionOf,documents\nW1,alder-usd,2025-08-12,150000.00,goods,v9,,formal-bid-file\nW1-a,alder-usd,2025-09-01,1000.00,goods,v9,W1,\n');
    expect((JSON.parse((await runCli(['audit-ledger', withBidFile, '--members', members, '--format', 'json'])).stdout) as { neededBid: unknown[] }).neededBid).toEqual([]);
    const below = file('below-zero.csv', `${header}Z1,alder-usd,2025-08-12,1000.00,goods,v9,\nZ1-a,alder-usd,2025-09-01,-1500.00,goods,v9,Z1\nZ1-b,alder-usd,2025-09-02,600.00,goods,v9,Z1\nZ2,alder-usd,2025-08-12,1000.00,goods,v9,\nZ2-a,alder-usd,2025-09-01,-1500.00,goods,v9,Z2\n`);
    expect(await inputError(['audit-ledger', below, '--members', members])).toMatch(/^[^\n]*below-zero\.csv: line 6, column amount: the change orders bring PO "Z2" below zero \(-500\.00\)\n[^\n]*1 bad row/);
  });
  it('judges a PO a deduction and then an increase raised, funding lines and all, as the library does', async () => {
    // A $60,000 Title I PO for classroom furniture: -$10,000 of Title I when a room was dropped,
    // then +$80,000 of Title I for a second site: $130,000, over 2025's $114,800. The ERP exports
    // each change order's funding line; the deduction's is negative. Before, the folded PO's
    // negative line failed validation and the PO was judged as issued, silently: no bid needed.
    const columns = 'id,memberId,date,amount,supplyKind,vendorId,federalAmount,fundingProgram,documents,revisionOf';
    const rows = [
      'PO-410,alder-usd,2025-08-04,60000.00,goods,v-desks,60000.00,Title I,conflict-of-interest;records-retention,',
      'CO-410-1,alder-usd,2025-09-02,-10000.00,goods,v-desks,-10000.00,Title I,,PO-410',
      'CO-410-2,alder-usd,2025-10-06,80000.00,goods,v-desks,80000.00,Title I,,PO-410',
    ];
    const report = JSON.parse((await runCli(['audit-ledger', file('deduction.csv', `${columns}\n${rows.join('\n')}\n`), '--members', members, '--format', 'json'])).stdout) as { neededBid: { purchaseId: string; amount: string; method: string }[]; missingDocuments: { purchaseId: string; amount?: string; missing: string[]; byChangeOrder?: boolean }[] };
    const alder = (JSON.parse(readFileSync(members, 'utf8')) as Member[]).find((m) => m.id === 'alder-usd')!;
    const title1 = (amount: string) => [{ source: 'federal' as const, program: 'Title I', amount }];
    const po = { id: 'PO-410', memberId: 'alder-usd', date: '2025-08-04', amount: '60000.00', supplyKind: 'goods' as const, vendorId: 'v-desks', funding: title1('60000.00'), documents: [{ kind: 'conflict-of-interest' }, { kind: 'records-retention' }] };
    const changes = [
      { id: 'CO-410-1', memberId: 'alder-usd', date: '2025-09-02', amount: '-10000.00', supplyKind: 'goods' as const, vendorId: 'v-desks', funding: title1('-10000.00'), revisionOf: 'PO-410' },
      { id: 'CO-410-2', memberId: 'alder-usd', date: '2025-10-06', amount: '80000.00', supplyKind: 'goods' as const, vendorId: 'v-desks', funding: title1('80000.00'), revisionOf: 'PO-410' },
    ];
    const library = createPace().auditChecklist({ member: alder, purchase: po, changeOrders: changes });
    expect(library.missing).toContain('formal-bid-file');
    expect(report.neededBid.map((p) => [p.purchaseId, p.amount, p.method])).toEqual([['PO-410', '130000.00', 'formal-bid']]);
    expect(report.missingDocuments.filter((m) => m.byChangeOrder).map((m) => [m.purchaseId, m.amount, m.missing])).toEqual([['PO-410', '130000.00', library.missing]]);
  });
  it("judges a PO raised by change orders with its own fields and its change orders' funding, as the library does", async () => {
    // As an ERP exports change orders: the amount added, and little else. Before, the PO was
    // judged with its latest change order's category, funding and documents, and only for a bid:
    // the paving PO at $30,000 was not asked for its payment bond, the Title I PO at $160,000 not
    // for its clean-air clause, and the technology PO raised to $130,000 under its contract was
    // listed as needing a bid because the change order named another category.
    const { createPace } = await import('../../src/index.js');
    const { prepareContracts } = await import('../../src/cli/files.js');
    const pace = createPace();
    const contracts = prepareContracts(pace, data('contracts.json'));
    const alder = (JSON.parse(readFileSync(members, 'utf8')) as { id: string }[]).find((m) => m.id === 'alder-usd')!;
    const columns = 'id,memberId,date,amount,supplyKind,category,contractId,vendorId,federalAmount,fundingProgram,documents,revisionOf';
    const rows = [
      'PO-1,alder-usd,2025-09-02,20000.00,public-works,,,v-paving,,,conflict-of-interest;records-retention;dir-registration;prevailing-wage;pwc-100-notice,',
      'CO-1,alder-usd,2025-10-15,10000.00,public-works,,,v-paving,,,,PO-1',
      'PO-2,alder-usd,2025-09-03,140000.00,goods,,,v-buses,140000.00,Title I,conflict-of-interest;records-retention,',
      'CO-2,alder-usd,2025-11-01,20000.00,goods,,,v-buses,,,,PO-2',
      'PO-7,alder-usd,2025-09-02,100000.00,goods,technology,pace-tech-2024,v-northwind,,,board-authorization;po-cites-contract,',
      'CO-7,alder-usd,2025-10-15,30000.00,goods,furniture,pace-tech-2024,v-northwind,,,,PO-7',
      // Desks bought with local money, then $20,000 more from Title I: federal money at its total.
      'PO-3,alder-usd,2025-09-04,140000.00,goods,,,v-desks,,,conflict-of-interest;records-retention;formal-bid-file,',
      'CO-3,alder-usd,2025-11-02,20000.00,goods,,,v-desks,20000.00,Title I,,PO-3',
    ];
    const csv = file('raised.csv', `${columns}\n${rows.join('\n')}\n`);
    type Entry = { where: string; purchaseId: string; amount?: string; missing: string[]; byChangeOrder?: boolean };
    const run = async (args: string[]) => JSON.parse((await runCli(['audit-ledger', ...args, '--members', members, '--contracts', data('contracts.json'), '--format', 'json'])).stdout) as { neededBid: { purchaseId: string }[]; missingDocuments: Entry[]; missingDocumentsCount: number; checklistItems: Record<string, { missingOn: number }> };
    const report = await run([csv]);
    // The library, each PO given with its change order.
    const library = (po: Record<string, unknown>, co: Record<string, unknown>, contractId?: string) => {
      const input = { member: alder, purchase: po, changeOrders: [co], ...(contractId ? { contract: contracts.get(contractId)! } : {}) } as never;
      return { missing: pace.auditChecklist(input).items.filter((i) => i.status === 'missing').map((i) => i.id), method: pace.procurementMethod(input).method };
    };
    const doc = (kinds: string) => kinds.split(';').map((kind) => ({ kind }));
    const paving = library({ id: 'PO-1', memberId: 'alder-usd', date: '2025-09-02', amount: '20000.00', supplyKind: 'public-works', vendorId: 'v-paving', documents: doc('conflict-of-interest;records-retention;dir-registration;prevailing-wage;pwc-100-notice') }, { id: 'CO-1', memberId: 'alder-usd', date: '2025-10-15', amount: '10000.00', supplyKind: 'public-works', vendorId: 'v-paving', revisionOf: 'PO-1' });
    const buses = library({ id: 'PO-2', memberId: 'alder-usd', date: '2025-09-03', amount: '140000.00', supplyKind: 'goods', vendorId: 'v-buses', funding: [{ source: 'federal', program: 'Title I', amount: '140000.00' }], documents: doc('conflict-of-interest;records-retention') }, { id: 'CO-2', memberId: 'alder-usd', date: '2025-11-01', amount: '20000.00', supplyKind: 'goods', vendorId: 'v-buses', revisionOf: 'PO-2' });
    const laptops = library({ id: 'PO-7', memberId: 'alder-usd', date: '2025-09-02', amount: '100000.00', supplyKind: 'goods', category: 'technology', contractId: 'pace-tech-2024', vendorId: 'v-northwind', documents: doc('board-authorization;po-cites-contract') }, { id: 'CO-7', memberId: 'alder-usd', date: '2025-10-15', amount: '30000.00', supplyKind: 'goods', category: 'furniture', contractId: 'pace-tech-2024', vendorId: 'v-northwind', revisionOf: 'PO-7' }, 'pace-tech-2024');
    const desks = library({ id: 'PO-3', memberId: 'alder-usd', date: '2025-09-04', amount: '140000.00', supplyKind: 'goods', vendorId: 'v-desks', documents: doc('conflict-of-interest;records-retention;formal-bid-file') }, { id: 'CO-3', memberId: 'alder-usd', date: '2025-11-02', amount: '20000.00', supplyKind: 'goods', vendorId: 'v-desks', funding: [{ source: 'federal', program: 'Title I', amount: '20000.00' }], revisionOf: 'PO-3' });
    expect(desks.missing).toContain('federal-clause-clean-air-water');
    expect(paving.missing).toContain('payment-bond');
    expect(buses.missing).toContain('federal-clause-clean-air-water');
    // (the library's method is the PO's as issued, with a finding for the total: at its total, the contract's)
    expect(laptops.method).toBe('none');
    const laptopsAtTotal = { id: 'PO-7', memberId: 'alder-usd', date: '2025-09-02', amount: '130000.00', supplyKind: 'goods', category: 'technology', contractId: 'pace-tech-2024', vendorId: 'v-northwind', documents: doc('board-authorization;po-cites-contract') };
    expect(pace.procurementMethod({ member: alder, purchase: laptopsAtTotal, contract: contracts.get('pace-tech-2024')! } as never).method).toBe('cooperative-contract');
    const byChange = report.missingDocuments.filter((m) => m.byChangeOrder);
    expect(byChange).toEqual([
      { where: 'line 3', purchaseId: 'PO-1', memberId: 'alder-usd', amount: '30000.00', missing: paving.missing, byChangeOrder: true },
      { where: 'line 5', purchaseId: 'PO-2', memberId: 'alder-usd', amount: '160000.00', missing: buses.missing, byChangeOrder: true },
      { where: 'line 9', purchaseId: 'PO-3', memberId: 'alder-usd', amount: '160000.00', missing: desks.missing, byChangeOrder: true },
    ]);
    // PO-7 raised to $130,000 stays under its contract: no bid, and its missing documents at its
    // total are those it missed as issued (so no second entry).
    expect(report.neededBid.map((p) => p.purchaseId)).toEqual(['PO-1', 'PO-2']);
    expect(report.missingDocuments.filter((m) => m.purchaseId === 'PO-7')).toHaveLength(1);
    expect(report.missingDocuments.find((m) => m.purchaseId === 'PO-7')!.missing).toEqual(laptops.missing);
    // A purchase is counted once; an item it misses only at its total counts on it.
    expect(report.missingDocumentsCount).toBe(4);
    expect(report.checklistItems['payment-bond']!.missingOn).toBe(1);
    expect(report.checklistItems['federal-clause-clean-air-water']!.missingOn).toBe(2);
    // The same ledger as JSON Lines, and as a JSON document with its change orders first (piped
    // in: the package tests).
    const objects = rows.map((r) => {
      const [id, memberId, date, amount, supplyKind, category, contractId, vendorId, federalAmount, fundingProgram, documents, revisionOf] = r.split(',');
      return { id, memberId, date, amount, supplyKind, category: category || undefined, contractId: contractId || undefined, vendorId, ...(federalAmount ? { funding: [{ source: 'federal', program: fundingProgram, amount: federalAmount }] } : {}), ...(documents ? { documents: doc(documents!) } : {}), revisionOf: revisionOf || undefined };
    });
    const jsonl = await run([file('raised.jsonl', `${objects.map((o) => JSON.stringify(o)).join('\r\n')}\r\n`)]);
    expect(jsonl.missingDocuments.filter((m) => m.byChangeOrder).map((m) => [m.where, m.missing])).toEqual([['line 2', paving.missing], ['line 4', buses.missing], ['line 8', desks.missing]]);
    const reordered = [1, 3, 5, 7, 0, 2, 4, 6].map((i) => objects[i]);
    const document = await run([file('raised.json', JSON.stringify({ exportedAt: '2026-07-02', purchases: reordered }, null, 2))]);
    expect(document.missingDocuments.filter((m) => m.byChangeOrder).map((m) => [m.where, m.missing])).toEqual([['$.purchases[0]', paving.missing], ['$.purchases[1]', buses.missing], ['$.purchases[3]', desks.missing]]);
    expect(document.neededBid.map((p) => p.purchaseId)).toEqual(['PO-1', 'PO-2']);
  });
  it('reads change orders listed at the end of the ledger, after all the POs, as those listed beside their POs', async () => {
    // An ERP that exports POs, then change orders: every raised PO waits for its change order.
    const pos: string[] = [];
    const cos: string[] = [];
    for (let i = 0; i < 300; i++) {
      pos.push(`P${i},alder-usd,2025-09-02,${i % 3 === 0 ? '20000.00,public-works' : '100000.00,goods'},v${i % 7},,conflict-of-interest;records-retention`);
      cos.push(`C${i},alder-usd,2025-10-01,${i % 2 ? '20000.00' : '-500.00'},goods,v${i % 7},P${i},`);
    }
    const head = 'id,memberId,date,amount,supplyKind,vendorId,revisionOf,documents\n';
    const entries = async (name: string, rows: string[]) => {
      const report = JSON.parse((await runCli(['audit-ledger', file(name, head + rows.join('\n') + '\n'), '--members', members, '--format', 'json'])).stdout) as { neededBid: { purchaseId: string; byChangeOrder?: boolean }[]; missingDocuments: { purchaseId: string; missing: string[]; byChangeOrder?: boolean }[] };
      return [report.neededBid.filter((e) => e.byChangeOrder).map((e) => e.purchaseId).sort(), report.missingDocuments.filter((e) => e.byChangeOrder).map((e) => `${e.purchaseId} ${e.missing.join(',')}`).sort()];
    };
    const atEnd = await entries('cos-at-end.csv', [...pos, ...cos]);
    expect(atEnd[1]!.length).toBeGreaterThan(100);
    expect(atEnd).toEqual(await entries('cos-beside.csv', pos.flatMap((p, i) => [p, cos[i]!])));
  });
  it('counts the entries of missing documents in the text report, a PO raised by change orders listed twice', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 60; i++) rows.push(`W${i},alder-usd,2025-09-02,20000.00,public-works,v${i},,conflict-of-interest;records-retention`, `W${i}-a,alder-usd,2025-10-01,10000.00,public-works,v${i},W${i},`);
    const { stdout } = await runCli(['audit-ledger', file('sixty.csv', `id,memberId,date,amount,supplyKind,vendorId,revisionOf,documents\n${rows.join('\n')}\n`), '--members', members]);
    expect(stdout).toContain('... and 70 more (use --format json for all)');
  });
  it('counts documents of kinds no checklist item has (a typo, a label): they satisfy nothing', async () => {
    // A clerk's CSV: "board ratification" for board-ratification, "quote" for nothing on the checklist,
    // and 150 scanned file names as kinds; one row lists its kinds right.
    const rows = ['D1,alder-usd,2025-08-12,4200.00,goods,v1,board ratification;quote', 'D2,alder-usd,2025-08-13,4200.00,goods,v1,board ratification', 'D3,alder-usd,2025-08-14,4200.00,goods,v1,board-ratification;conflict-of-interest'];
    for (let i = 0; i < 150; i++) rows.push(`S${i},alder-usd,2025-08-15,10.00,goods,v1,scan-${String(i).padStart(3, '0')}.pdf`);
    const csv = file('kinds.csv', `id,memberId,date,amount,supplyKind,vendorId,documents\n${rows.join('\n')}\n`);
    const report = JSON.parse((await runCli(['audit-ledger', csv, '--members', members, '--format', 'json'])).stdout) as { unknownDocumentCount: number; unknownDocumentKinds: { kind: string; count: number }[]; missingDocuments: { purchaseId: string; missing: string[] }[] };
    expect(report.unknownDocumentCount).toBe(153);
    expect(report.unknownDocumentKinds).toHaveLength(100);
    expect(report.unknownDocumentKinds.slice(0, 3)).toEqual([{ kind: 'board ratification', count: 2 }, { kind: 'quote', count: 1 }, { kind: 'scan-000.pdf', count: 1 }]);
    const missing = new Map(report.missingDocuments.map((m) => [m.purchaseId, m.missing]));
    expect(missing.get('D1')).toContain('board-ratification');
    expect(missing.get('D3') ?? []).not.toContain('board-ratification');
    const text = (await runCli(['audit-ledger', csv, '--members', members])).stdout;
    expect(text).toContain('153 document(s) are of a kind no checklist item has, so they satisfy nothing');
    // Counted in every chunk (16 KB here): a kind the report keeps is counted wherever it comes
    // again, past 100 other kinds; a change order's documents count too.
    const late = [`L0,alder-usd,2025-08-12,10.00,goods,v1,,board ratification`];
    for (let i = 0; i < 99; i++) late.push(`L${i + 1},alder-usd,2025-08-12,10.00,goods,v1,,first-${i}`);
    for (let i = 0; i < 400; i++) late.push(`F${i},alder-usd,2025-08-12,10.00,goods,v1,,board-ratification`);
    for (let i = 0; i < 100; i++) late.push(`M${i},alder-usd,2025-08-12,10.00,goods,v1,,more-${i}`);
    for (let i = 0; i < 50; i++) late.push(`R${i},alder-usd,2025-08-12,10.00,goods,v1,,board ratification`);
    late.push('R0-a,alder-usd,2025-09-01,1.00,goods,v1,R0,board ratification');
    const lateCsv = file('late-kinds.csv', `id,memberId,date,amount,supplyKind,vendorId,revisionOf,documents\n${late.join('\n')}\n`);
    const counted = new Map<string, number>();
    const { auditLedger } = await import('../../src/cli/ledger/audit-ledger.js');
    const sink = { neededBid: () => {}, missingDocuments: () => {}, blockedPurchases: () => {}, splitGroup: () => {} };
    const run = await auditLedger({ file: lateCsv, packs: undefined, members, contracts: undefined, window: 'fiscal-year', maxErrors: 20, jobs: 0, sink, chunkBytes: 1 << 14 });
    for (const k of run.report.unknownDocumentKinds) counted.set(k.kind, k.count);
    expect(run.report.unknownDocumentCount).toBe(52 + 99 + 100);
    expect(counted.get('board ratification')).toBe(52);
    expect(text).toContain('"board ratification" (2), "quote" (1)');
  });
  it('judges a PO its change orders took more off than they added as issued: over the limit on its own, it is in no split', async () => {
    // A1 was issued at $120,000 (its own bid), $20,000 came off; A2 is $50,000 to the same vendor.
    const csv = file('own-over.csv', `${header}A1,alder-usd,2025-08-12,120000.00,goods,v9,\nA1-a,alder-usd,2025-09-01,-20000.00,goods,v9,A1\nA2,alder-usd,2025-10-01,50000.00,goods,v9,\n`);
    const report = JSON.parse((await runCli(['audit-ledger', csv, '--members', members, '--format', 'json'])).stdout) as { total: string; splitPurchases: unknown[]; neededBid: { purchaseId: string }[] };
    expect(report.total).toBe('150000.00');
    expect(report.splitPurchases).toEqual([]);
    expect(report.neededBid.map((p) => p.purchaseId)).toEqual(['A1']);
    // On the PO's date, whatever order its change orders come in (one of them after January 1).
    const rows = ['E1,alder-usd,2023-12-01,105000.00,goods,v9,', 'E1-a,alder-usd,2023-12-15,3500.00,goods,v9,E1', 'E1-b,alder-usd,2024-02-01,3500.00,goods,v9,E1'];
    const needed = async (name: string, lines: string[]) => (JSON.parse((await runCli(['audit-ledger', file(name, `${header}${lines.join('\n')}\n`), '--members', members, '--format', 'json'])).stdout) as { neededBid: { purchaseId: string; amount: string }[] }).neededBid;
    expect(await needed('ord1.csv', rows)).toEqual(await needed('ord2.csv', [rows[0]!, rows[2]!, rows[1]!]));
    // A change order that does not repeat its PO's contract is judged under the PO's contract.
    const underContract = file('contract-change.csv', 'id,memberId,date,amount,supplyKind,category,contractId,vendorId,revisionOf,documents\nK1,alder-usd,2025-10-14,212000.00,goods,technology,pace-tech-2024,v-northwind,,board-authorization;po-cites-contract\nK1-a,alder-usd,2025-11-14,5000.00,goods,technology,,v-northwind,K1,\n');
    const contractReport = JSON.parse((await runCli(['audit-ledger', underContract, '--members', members, '--contracts', data('contracts.json'), '--format', 'json'])).stdout) as { total: string; neededBid: unknown[] };
    expect([contractReport.total, contractReport.neededBid]).toEqual(['217000.00', []]);
    // Listed in the order of their latest change orders' lines, one that came before its PO too.
    const raised = ['P1,alder-usd,2025-08-12,100000.00,goods,v1,', 'C2,alder-usd,2025-09-01,20000.00,goods,v2,P2', 'P2,alder-usd,2025-08-13,100000.00,goods,v2,', 'C1,alder-usd,2025-09-02,20000.00,goods,v1,P1'];
    expect((await needed('raised.csv', raised)).map((p) => [p.purchaseId, (p as unknown as { where: string }).where])).toEqual([['P2', 'line 3'], ['P1', 'line 5']]);
  });
  it('says it stopped when --max-errors left changed POs unjudged', async () => {
    // A bad row reaches --max-errors 1 before Z2's change orders are judged at its total.
    const csv = file('stopped-changes.csv', `${header}BAD,nobody,2025-08-12,1.00,goods,v9,\nZ2,alder-usd,2025-08-12,1000.00,goods,v9,\nZ2-a,alder-usd,2025-09-01,-1500.00,goods,v9,Z2\n`);
    expect(await inputError(['audit-ledger', csv, '--members', members, '--max-errors', '1'])).toMatch(/stopped after 1 bad row \(--max-errors 1\); nothing was written$/);
    expect(await inputError(['audit-ledger', csv, '--members', members])).toMatch(/line 4, column amount: the change orders bring PO "Z2" below zero[\s\S]*2 bad rows; nothing was written$/);
  });
  it("validates a change order as the library does, whatever its place, and refuses one of another member's PO", async () => {
    const po = JSON.stringify({ id: 'PO-1', memberId: 'alder-usd', date: '2025-08-12', amount: '130000.00', supplyKind: 'goods', vendorId: 'v1' });
    const bad = JSON.stringify({ id: 'CO-1', memberId: 'alder-usd', date: '2025-09-01', amount: '500.00', supplyKind: 'goods', category: 7, revisionOf: 'PO-1' });
    const good = JSON.stringify({ id: 'CO-2', memberId: 'alder-usd', date: '2025-09-02', amount: '-300.00', supplyKind: 'goods', revisionOf: 'PO-1' });
    for (const [name, lines] of [['co-bad-first.jsonl', [po, bad, good]], ['co-bad-last.jsonl', [po, good, bad]]] as const) {
      expect(await inputError(['audit-ledger', file(name, `${lines.join('\n')}\n`), '--members', members]), name).toMatch(/\$\.category: expected string, got 7[\s\S]*1 bad row; nothing was written$/);
    }
    // PO-1 needed a bid on its own; a change order naming another member is still a bad row.
    const other = JSON.stringify({ id: 'CO-3', memberId: 'birch-esd', date: '2025-09-01', amount: '20000.00', supplyKind: 'goods', revisionOf: 'PO-1' });
    expect(await inputError(['audit-ledger', file('co-member.jsonl', `${po}\n${other}\n`), '--members', members])).toMatch(/line 2, \$\.memberId: a change order of PO "PO-1" must be its member's, "alder-usd"/);
  });
  it('refuses a change order of a PO that is not in the ledger', async () => {
    const csv = file('orphan.csv', `${header}C2-a,alder-usd,2025-09-01,100.00,goods,v9,C2\n`);
    expect(await inputError(['audit-ledger', csv, '--members', members])).toMatch(/orphan\.csv: line 2, column revisionOf: change order of "C2", but no purchase order or change order of one in the ledger has that id/);
    // Change orders naming each other and no PO: bad rows, each named.
    const loop = file('co-loop.csv', `${header}CO-A,alder-usd,2025-09-01,100.00,goods,v1,CO-B\nCO-B,alder-usd,2025-09-02,100.00,goods,v1,CO-A\n`);
    expect(await inputError(['audit-ledger', loop, '--members', members])).toMatch(/line 2, column revisionOf: change order of "CO-B", a change order \(line 3\) that changes no purchase order of the ledger[\s\S]*line 3, column revisionOf: change order of "CO-A"[\s\S]*2 bad rows/);
    // Amendments numbered per PO: two "A1"s, and an "A2" naming "A1" could change either PO.
    const perPo = file('co-ambiguous.csv', `${header}A1,alder-usd,2025-09-01,10000.00,goods,v-acme,PO-100\nPO-200,alder-usd,2025-08-05,60000.00,goods,v-bolt,\nA1,alder-usd,2025-09-02,10000.00,goods,v-bolt,PO-200\nA2,alder-usd,2025-10-01,50000.00,goods,v-bolt,A1\nPO-100,alder-usd,2025-08-01,60000.00,goods,v-acme,\n`);
    expect(await inputError(['audit-ledger', perPo, '--members', members])).toMatch(/line 5, column revisionOf: change order of "A1", an id two change orders have \(line 2 and line 4\): name the PO it changes\n[\s\S]*1 bad row; nothing was written$/);
    // A chain whose first change order is another member's: that one is the bad row, and the next one says what it names.
    const otherMember = file('co-member-chain.csv', `${header}PO-100,alder-usd,2025-08-01,60000.00,goods,v-acme,\nCO-1,birch-esd,2025-09-01,10000.00,goods,v-acme,PO-100\nCO-2,alder-usd,2025-09-02,60000.00,goods,v-acme,CO-1\n`);
    expect(await inputError(['audit-ledger', otherMember, '--members', members])).toMatch(/line 3, column memberId: a change order of PO "PO-100" must be its member's[\s\S]*line 4, column revisionOf: change order of "CO-1", a change order \(line 3\) that changes no purchase order of the ledger/);
  });
  it('refuses an id longer than 65,535 bytes, a PO\'s or a change order\'s, as a bad row', async () => {
    const long = 'X'.repeat(70_000);
    const csv = file('long-ids.csv', `${header}${long},alder-usd,2025-08-01,100.00,goods,v1,\nPO-1,alder-usd,2025-08-02,100.00,goods,v1,\nCO-${long},alder-usd,2025-09-01,10.00,goods,v1,PO-1\n`);
    expect(await inputError(['audit-ledger', csv, '--members', members])).toMatch(/line 2, column id: the id is longer than 65,535 bytes\n[\s\S]*line 4, column id: the id is longer than 65,535 bytes\n[\s\S]*2 bad rows/);
    // JSON Lines: the field named by its path (it said "column id").
    const rows = [{ id: long }, { id: 'PO-1' }, { id: `CO-${long}`, revisionOf: 'PO-1' }].map((r) => JSON.stringify({ ...r, memberId: 'alder-usd', date: '2025-08-01', amount: '100.00', supplyKind: 'goods', vendorId: 'v1' }));
    const jsonl = file('long-ids.jsonl', `${rows.join('\n')}\n`);
    expect(await inputError(['audit-ledger', jsonl, '--members', members])).toMatch(/line 1, \$\.id: the id is longer than 65,535 bytes\n[\s\S]*line 3, \$\.id: the id is longer than 65,535 bytes\n[\s\S]*2 bad rows/);
  });
  it('folds a chain of change orders into its PO, as the library does, whatever order the rows come in', async () => {
    // Some ERPs number amendments against the one before: Amendment 2 names Amendment 1. A $50,000
    // furniture PO, +$10,000, then +$70,000: $130,000, over 2025's $114,800 (before, the ledger
    // refused the chain as a bad row; the library folds it).
    const rows = ['PO-1,alder-usd,2025-08-12,50000.00,goods,v1,', 'CO-1,alder-usd,2025-09-01,10000.00,goods,v1,PO-1', 'CO-2,alder-usd,2025-09-22,70000.00,goods,v1,CO-1'];
    const purchases = rows.map((r) => {
      const [id, memberId, date, amount, supplyKind, vendorId, revisionOf] = r.split(',');
      return { id: id!, memberId: memberId!, date: date!, amount: amount!, supplyKind: supplyKind as 'goods', vendorId: vendorId!, ...(revisionOf ? { revisionOf } : {}) };
    });
    const memberList = JSON.parse(readFileSync(members, 'utf8')) as Member[];
    const pace = createPace();
    // findSplitPurchases folds the chain (a change-orders group); procurementMethod takes each change order naming the PO
    const groups = pace.findSplitPurchases(purchases, { members: memberList });
    expect(groups.map((g) => [g.kind, g.purchaseIds, g.total])).toEqual([['change-orders', ['PO-1', 'CO-1', 'CO-2'], '130000.00']]);
    type Report = { file?: string; total: string; changeOrders: number; splitPurchases: { kind: string; purchaseIds: string[]; total: string }[]; neededBid: { purchaseId: string; amount: string; method: string; byChangeOrder?: boolean }[] };
    const audit = async (name: string, lines: readonly string[]): Promise<Report> => {
      const { file: _file, ...report } = JSON.parse((await runCli(['audit-ledger', file(name, `${header}${lines.join('\n')}\n`), '--members', members, '--format', 'json'])).stdout) as Report;
      return report;
    };
    // the same ledger with Amendment 2 naming the PO
    const direct = await audit('co-direct.csv', [rows[0]!, rows[1]!, rows[2]!.replace(/CO-1$/, 'PO-1')]);
    expect(direct.neededBid.map((p) => [p.purchaseId, p.amount, p.method, p.byChangeOrder])).toEqual([['PO-1', '130000.00', 'formal-bid', true]]);
    // (the ledger's groups name the POs, not their change orders)
    expect(direct.splitPurchases.map((g) => [g.kind, g.purchaseIds, g.total])).toEqual(groups.map((g) => [g.kind, g.purchaseIds.filter((id) => !id.startsWith('CO-')), g.total]));
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]]) {
      const report = await audit(`co-chain-${order.join('')}.csv`, order.map((i) => rows[i]!));
      expect([report.total, report.changeOrders], order.join('')).toEqual(['130000.00', 2]);
      expect(report.neededBid.map((p) => [p.purchaseId, p.amount, p.method, p.byChangeOrder]), order.join('')).toEqual([['PO-1', '130000.00', 'formal-bid', true]]);
      expect(report.splitPurchases, order.join('')).toEqual(direct.splitPurchases);
      if (order.join('') === '012') expect(report).toEqual(direct);
    }
  });
  it('reads JSON Lines with CR-only line ends, quoted CSV header names, and a UTF-8 BOM', async () => {
    const p = (id: string, amount: string): string => JSON.stringify({ id, memberId: 'alder-usd', date: '2025-08-12', amount, supplyKind: 'goods', vendorId: 'v1' });
    const jsonl = await runCli(['audit-ledger', file('cr.jsonl', `\uFEFF${p('J1', '60000.00')}\r${p('J2', '60000.00')}\r`), '--members', members, '--json']);
    expect((JSON.parse(jsonl.stdout) as { splitPurchases: { purchaseIds: string[] }[] }).splitPurchases.map((g) => g.purchaseIds)).toEqual([['J1', 'J2']]);
    const csv = await runCli(['audit-ledger', file('quoted.csv', '\uFEFF"id","memberId","date","amount","supplyKind","vendorId"\r"Q1",alder-usd,2025-08-12,"60000.00",goods,v1\rQ2,alder-usd,2025-08-13,60000.00,goods,v1\r'), '--members', members, '--json']);
    expect((JSON.parse(csv.stdout) as { purchaseCount: number; splitPurchases: unknown[] }).purchaseCount).toBe(2);
    expect((JSON.parse(csv.stdout) as { splitPurchases: unknown[] }).splitPurchases).toHaveLength(1);
    const bomJson = await runCli(['check', file('bom.json', `\uFEFF${readFileSync(data('purchase.json'), 'utf8')}`), '--json']);
    expect(bomJson.exitCode).toBe(0);
  });
  it('refuses a duplicate column, and quotes at most a bounded part of a huge header', async () => {
    expect(await inputError(['audit-ledger', file('dup.csv', 'id,memberId,date,amount,supplyKind,amount\n'), '--members', members])).toMatch(/dup\.csv: line 1: column "amount" appears twice \(columns 4 and 6\)/);
    const huge = await inputError(['audit-ledger', file('huge.csv', `id,memberId,date,amount,supplyKind,${'x'.repeat(2_000_000)}\n`), '--members', members]);
    expect(huge.length).toBeLessThan(600);
    expect(huge).toMatch(/unknown column "x{40}"… \(\d+ more characters\)/);
  });
  it('escapes control characters of untrusted strings in the text report', async () => {
    const csv = file('ansi.csv', `id,memberId,date,amount,supplyKind,vendorId\n"\u001b]8;;http://evil\u0007X\u001b[31m",alder-usd,2025-08-12,60000.00,goods,"=cmd|' /C calc'!A0"\nZ2,alder-usd,2025-08-13,60000.00,goods,"=cmd|' /C calc'!A0"\n`);
    const { stdout } = await runCli(['audit-ledger', csv, '--members', members]);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(stdout).toContain('\\u{1b}]8;;http://evil\\u{7}X\\u{1b}[31m');
  });
  it('shows bidirectional overrides, DEL and C1 controls of untrusted strings in the HTML report, in its text and in its charts\' data', async () => {
    // (U+202E kept, "PO-\u202e9100-52" with vendor "v-\u202ekcab" read as PO-25-0019 from v-back:
    // ids that are not in the ledger)
    const csv = file('bidi.csv', `id,memberId,date,amount,supplyKind,vendorId\nPO-1,alder-usd,2025-08-12,60000.00,goods,v-\u202ekcab\nPO-\u202e9100-52,alder-usd,2025-08-13,60000.00,goods,v-\u202ekcab\nPO-3\u007f\u009b,alder-usd,2025-08-14,1.00,goods,v-\u2066x\n`);
    const out = join(scratch, 'bidi.html');
    expect((await runCli(['audit-ledger', csv, '--members', members, '--format', 'html', '--out', out])).exitCode).toBe(1);
    const page = readFileSync(out, 'utf8');
    expect(page).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(page).toContain('PO-\\u{202e}9100-52');
    expect(page).toContain('v-\\u{202e}kcab');
    expect(page).toContain('v-\\u{2066}x');
  });
});

describe('progress', () => {
  it('prints progress lines on stderr with --progress when stderr is not a terminal, and nothing without it', async () => {
    let now = 0;
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t), stderrIsTTY: false, clock: () => (now += 2500) };
    await runCliAsync([...ledgerArgs, '--progress'], io);
    expect(stderr).toMatch(/^pace-rules: \d+ rows read \(100% of 0\.0 MB\), [\d,]+ rows\/s\npace-rules: 8 purchase orders read and decided\n$/);
    stderr = '';
    await runCliAsync(ledgerArgs, io);
    expect(stderr).toBe('');
  });
  it('draws a bar on a terminal', async () => {
    let now = 0;
    let stderr = '';
    await runCliAsync(ledgerArgs, { stdout: () => undefined, stderr: (t: string) => (stderr += t), stderrIsTTY: true, clock: () => (now += 1500) });
    expect(stderr).toMatch(/^\r\[#{30}\] \d+ rows read \(100% of 0\.0 MB\)/);
    expect(stderr).toMatch(/\r8 rows read\u001b\[K\n$/);
  });
});

describe('--format html', () => {
  it('writes one self-contained page: the data the charts draw, nothing loaded from elsewhere', async () => {
    const out = join(scratch, 'report.html');
    const { exitCode } = await runCli([...ledgerArgs, '--format', 'html', '--out', out]);
    expect(exitCode).toBe(1);
    const page = readFileSync(out, 'utf8');
    expect(page).not.toMatch(/<(?:script|link|img|iframe)[^>]+(?:src|href)=/i);
    expect(page).toContain('Chart.js v4');
    expect(page).toMatch(/@media print/);
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as { charts: { memberId: string; vendors: string[]; outside: number[]; bidLimit: number }[]; timeline: { labels: string[] } };
    const alder = data.charts.find((c) => c.memberId === 'alder-usd')!;
    expect(alder.vendors[0]).toBe('v-oakline');
    expect(alder.outside[0]).toBe(133600);
    expect(alder.bidLimit).toBe(114800);
    expect(data.timeline.labels).toEqual(['alder-usd / v-oakline / goods']);
    expect(page).toContain('Board approval or ratification of the contract or purchase order');
  });
  it('judges each supply kind against its own limit: public works over $15,000 is flagged, professional services never', async () => {
    // Alder's $24,900 of public works with v-greenleaf, outside any contract: under the goods
    // limit ($114,800), over the public-project limit ($15,000, Cal. Pub. Cont. Code § 20111(b)).
    const json = JSON.parse((await runCli([...ledgerArgs, '--format', 'json'])).stdout) as { memberYears: { memberId: string; bidLimit: string; bidLimitsBySupplyKind: { supplyKind: string; bidLimit: string | null; bidLimitCitation: string | null }[]; vendors: { vendorId: string; outsideContracts: string; bySupplyKind: { supplyKind: string; outsideContracts: string; underContracts: string; purchases: number }[] }[] }[] };
    const alder = json.memberYears.find((y) => y.memberId === 'alder-usd')!;
    expect(alder.bidLimitsBySupplyKind).toEqual([
      { supplyKind: 'goods', bidLimit: '114800.00', bidLimitCitation: alder.bidLimitsBySupplyKind[0]!.bidLimitCitation },
      { supplyKind: 'public-works', bidLimit: '15000.00', bidLimitCitation: 'Cal. Pub. Cont. Code § 20111(b)' },
    ]);
    expect(alder.vendors.find((v) => v.vendorId === 'v-greenleaf')!.bySupplyKind).toEqual([{ supplyKind: 'public-works', outsideContracts: '24900.00', underContracts: '0.00', purchases: 1 }]);
    // Each vendor's kinds add up to its totals.
    for (const y of json.memberYears) for (const v of y.vendors) expect(v.bySupplyKind.reduce((a, k) => a + Number(k.outsideContracts.replace('.', '')), 0)).toBe(Number(v.outsideContracts.replace('.', '')));
    const out = join(scratch, 'kinds.html');
    await runCli([...ledgerArgs, '--format', 'html', '--out', out]);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/<td>v-greenleaf<\/td>.*?<span class="status-missing">public works over the \$15,000\.00 limit in total<\/span>/);
    expect(page).toContain('; public works: $15,000.00 (Cal. Pub. Cont. Code § 20111(b))</p>');
    const pageData = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as { charts: { memberId: string; vendors: string[]; outside: number[]; otherKinds: { label: string; data: number[] } | null }[] };
    const chart = pageData.charts.find((c) => c.memberId === 'alder-usd')!;
    const at = chart.vendors.indexOf('v-greenleaf');
    expect([chart.outside[at], chart.otherKinds!.data[at]]).toEqual([0, 24900]);
    expect(chart.otherKinds!.label).toBe('Outside contracts: public works (limits of their own: see the table)');

    // A $140,000 professional-services engagement (no PCC bid limit) and $40,000 of public works
    // by one vendor: only the public works are flagged; before, neither was (all kinds together
    // were held against the goods limit, and professional services would have been flagged alone).
    const ledger = join(scratch, 'kinds.csv');
    writeFileSync(ledger, 'id,memberId,date,amount,supplyKind,vendorId\nPO-1,alder-usd,2025-08-04,140000.00,professional-services,v-archplan\nPO-2,alder-usd,2025-09-15,40000.00,public-works,v-archplan\nPO-3,alder-usd,2025-10-01,9000.00,goods,v-archplan\n');
    await runCli(['audit-ledger', ledger, '--members', data('members.json'), '--format', 'html', '--out', out]);
    const second = readFileSync(out, 'utf8');
    expect(second).toMatch(/<td>v-archplan<\/td><td class="num">3<\/td><td class="num">\$189,000\.00<\/td><td class="num">\$0\.00<\/td><td><span class="status-missing">public works over the \$15,000\.00 limit in total<\/span><\/td>/);
    expect(second).toContain('; professional services: none');
  });
  it('check: the decisions as a page, with the checklist titles, citations and status', async () => {
    const out = join(scratch, 'check.html');
    expect((await runCli(['check', data('purchase.json'), '--format', 'html', '--out', out])).exitCode).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('Board approval or ratification of the contract or purchase order');
    expect(page).toMatch(/<td class="status-missing">missing<\/td>/);
    const data_ = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as { thresholds: { id: string; amount: number }[]; amount: number };
    expect(data_.thresholds).toEqual([{ id: 'ca.pcc20111a.k12.2025', amount: 114800 }]);
    expect(data_.amount).toBe(Number((require_(data('purchase.json')) as { purchase: { amount: string } }).purchase.amount));
  });
  it('needs --out', async () => {
    expect(await inputError([...ledgerArgs, '--format', 'html'])).toMatch(/--format html needs --out FILE/);
  });
  it('is refused beside --json, which asks for another format (a script passing both got the page, or text, without a word)', async () => {
    const out = join(scratch, 'both.html');
    expect(await inputError(['check', data('purchase.json'), '--json', '--format', 'html', '--out', out])).toBe('--json and --format "html" ask for two formats: give one of them');
    expect(await inputError([...ledgerArgs, '--format', 'text', '--json'])).toBe('--json and --format "text" ask for two formats: give one of them');
    expect(existsSync(out)).toBe(false);
    // (the same format twice is no conflict)
    expect((await runCli(['check', data('purchase.json'), '--json', '--format', 'json'])).exitCode).toBe(0);
  });
});
