import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { InputError } from '../../src/cli/input.js';

const data = (file: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', file);
const scratch = mkdtempSync(join(tmpdir(), 'pace-cli-'));
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}
function inputError(argv: string[]): string {
  try {
    runCli(argv);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

const ledgerArgs = ['audit-ledger', data('ledger.csv'), '--members', data('members.json'), '--contracts', data('contracts.json')];

describe('pace-rules check', () => {
  it('reports eligibility, the method with its thresholds, and the audit file; exit 0 when nothing blocks', () => {
    const { stdout, exitCode } = runCli(['check', data('purchase.json')]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Eligibility: ELIGIBLE');
    expect(stdout).toContain('Procurement method: none');
    expect(stdout).toMatch(/ca\.pcc20111a\.k12\.2025\s+\$114,800\.00\s+>\s+yes\s+no/);
    expect(stdout).toContain('[ ] board-ratification');
    expect(stdout).toContain('Result: clear (exit 0)');
  });
  it('prints the decisions as JSON with --json', () => {
    const { stdout } = runCli(['check', data('purchase.json'), '--json']);
    const json = JSON.parse(stdout) as { eligibility: { eligible: boolean }; procurementMethod: { method: string }; auditChecklist: { missing: string[] }; blocked: boolean };
    expect(json.eligibility.eligible).toBe(true);
    expect(json.procurementMethod.method).toBe('none');
    // The example's file holds the cooperative documents; the items every purchase needs (issue #12) are still missing.
    expect(json.auditChecklist.missing).toEqual(['board-ratification', 'receiving-record', 'conflict-of-interest', 'records-retention', 'cooperative-ada-evidence']);
    expect(json.blocked).toBe(false);
  });
  it('exits 1 when a finding blocks (a suspended member)', () => {
    const members = JSON.parse(JSON.stringify(require_(data('members.json')))) as { id: string }[];
    const input = require_(data('purchase.json')) as Record<string, unknown>;
    const suspended = members.find((m) => m.id === 'dogwood-coe')!;
    const path = file('suspended.json', JSON.stringify({ ...input, member: suspended, purchase: { ...(input['purchase'] as object), memberId: 'dogwood-coe' } }));
    const { stdout, exitCode } = runCli(['check', path]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('Eligibility: NOT ELIGIBLE');
    expect(stdout).toContain('BLOCKED');
  });
});

function require_(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

describe('pace-rules quote', () => {
  it('prices an order line by line', () => {
    const { stdout, exitCode } = runCli(['quote', data('order.json')]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/CB-11\s+480\s+274\.00\s+\$131,520\.00\s+\$26,400\.00/);
    expect(stdout).toContain('Subtotal: $168,528.50');
  });
  it('quotes a group buy when the file has orders', () => {
    const { stdout } = runCli(['quote', data('group-order.json'), '--json']);
    const group = JSON.parse(stdout) as { total: string; tierQuantities: Record<string, unknown>; members: { memberId: string; total: string; savingsVsSolo: string }[] };
    expect(group.tierQuantities['CB-11']).toBe('530');
    // e-waste fees on the Chromebooks and 7.75 % tax in each member's total; no admin-fee shared cost
    expect(group.total).toBe('173746.04');
    expect(group.members.map((m) => m.savingsVsSolo)).toEqual(['2909.25', '1454.63', '2068.80']);
  });
});

describe('pace-rules audit-ledger', () => {
  it('finds the split purchases, the purchases that needed a bid, and missing documents', () => {
    const { stdout, exitCode } = runCli([...ledgerArgs, '--json']);
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as { purchaseCount: number; total: string; splitPurchases: { purchaseIds: string[]; total: string; threshold: string; citation: string }[]; neededBid: { purchaseId: string }[]; members: { memberId: string; splitGroups: number }[] };
    expect(report.purchaseCount).toBe(8);
    expect(report.total).toBe('527100.00');
    expect(report.splitPurchases).toEqual([expect.objectContaining({ purchaseIds: ['PO-25-0031', 'PO-25-0047', 'PO-25-0052'], total: '133600.00', threshold: '114800.00' })]);
    expect(report.splitPurchases[0]!.citation).toMatch(/^Cal\. Pub\. Cont\. Code § 20116; limit: Cal\. Pub\. Cont\. Code § 20111\(a\)/);
    expect(report.neededBid.map((p) => p.purchaseId)).toEqual(['PO-25-0071', 'PO-26-0019']);
    expect(report.members.find((m) => m.memberId === 'alder-usd')?.splitGroups).toBe(1);
  });
  it('prints a summary table, and no split group with a 14-day window', () => {
    expect(runCli(ledgerArgs).stdout).toMatch(/alder-usd\s+Alder Unified School District\s+6\s+\$498,900\.00\s+2\s+6\s+1/);
    const chained = JSON.parse(runCli([...ledgerArgs, '--json', '--window', '14']).stdout) as { splitPurchases: unknown[] };
    expect(chained.splitPurchases).toEqual([]);
  });
  it('reads the same purchases from JSON', () => {
    const csv = JSON.parse(runCli([...ledgerArgs, '--json']).stdout) as { splitPurchases: unknown };
    const purchases = [{ id: 'A', memberId: 'alder-usd', date: '2025-08-12', amount: '48200.00', supplyKind: 'goods', vendorId: 'v-oakline' }, { id: 'B', memberId: 'alder-usd', date: '2025-09-03', amount: '46900.00', supplyKind: 'goods', vendorId: 'v-oakline' }, { id: 'C', memberId: 'alder-usd', date: '2025-09-29', amount: '38500.00', supplyKind: 'goods', vendorId: 'v-oakline' }];
    const json = JSON.parse(runCli(['audit-ledger', file('ledger.json', JSON.stringify(purchases)), '--members', data('members.json'), '--json']).stdout) as { splitPurchases: { purchaseIds: string[] }[] };
    expect(json.splitPurchases.map((g) => g.purchaseIds)).toEqual([['A', 'B', 'C']]);
    expect(csv.splitPurchases).toHaveLength(1);
  });
});

describe('bad input: one line naming the file, the line or path, and what was expected', () => {
  it('names a missing file', () => {
    expect(inputError(['check', join(scratch, 'nope.json')])).toMatch(/nope\.json: cannot read the file \(no such file\)/);
  });
  it('names the line and column of invalid JSON', () => {
    expect(inputError(['check', file('broken.json', '{\n  "member": {,\n}')])).toMatch(/broken\.json: invalid JSON at line 2, column 14/);
  });
  it('names the JSON path of an invalid field', () => {
    const input = require_(data('purchase.json')) as Record<string, Record<string, unknown>>;
    const bad = file('bad-amount.json', JSON.stringify({ ...input, purchase: { ...input['purchase'], amount: '41100.005' } }));
    expect(inputError(['check', bad])).toMatch(/bad-amount\.json: \$\.purchase\.amount: /);
  });
  it('names the CSV line of a bad row, and refuses unknown columns', () => {
    const csv = file('bad.csv', 'id,memberId,date,amount,supplyKind\nP1,alder-usd,2025-08-12,100.00,goods\nP2,alder-usd,2025-02-30,100.00,goods\n');
    expect(inputError(['audit-ledger', csv, '--members', data('members.json')])).toMatch(/bad\.csv: line 3: \$\.purchase\.date: /);
    const columns = file('columns.csv', 'id,memberId,date,amount,supplyKind,amont\n');
    expect(inputError(['audit-ledger', columns, '--members', data('members.json')])).toMatch(/columns\.csv: line 1: unknown column amont/);
    const member = file('member.csv', 'id,memberId,date,amount,supplyKind\nP1,nobody,2025-08-12,100.00,goods\n');
    expect(inputError(['audit-ledger', member, '--members', data('members.json')])).toMatch(/member\.csv: line 2: memberId "nobody" is not in /);
  });
  it('refuses unknown commands and options', () => {
    expect(inputError(['chek', 'x.json'])).toMatch(/unknown command "chek"/);
    expect(inputError(['check', 'x.json', '--jsn'])).toMatch(/unknown option --jsn/);
    expect(inputError([])).toMatch(/no command given/);
  });
  it('prints help and the version', () => {
    expect(runCli(['--help']).stdout).toContain('Exit codes: 0 all clear; 1 findings that block');
    expect(runCli(['--version']).stdout).toMatch(/^pace-rules \S+\nrules california-law@/);
  });
});
