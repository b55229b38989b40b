// audit-ledger and public works that name their kind of work (column publicWorksKind, or
// publicWorks.kind in JSON): maintenance (PCC § 20115) is not a public project (§ 22002(d)); it is
// judged against the § 20111(a) bid limit, both when each PO is decided and in the split check,
// where it is grouped apart from the vendor's public projects.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputError, runCli, scratchFiles } from '../support/cli-in-process.js';

const { file } = scratchFiles('pace-maintenance-');

const members = file(
  'members.json',
  JSON.stringify([
    {
      id: 'oak-usd', name: 'Oak Valley Unified School District', kind: 'school-district', districtType: 'unified', state: 'CA', averageDailyAttendance: 12000,
      membership: { programId: 'pace', status: 'active', since: '2023-07-01' },
    },
  ]),
);
// A facilities department's FY 2025-26 POs to two contractors: quarterly HVAC preventive
// maintenance ($12,400 each, $49,600 together), a $20,000 chiller service, and from the roofer a
// $9,000 repair beside $9,000 of gutter maintenance; then three floor-care POs, $119,850 together.
const ledger = file(
  'ledger.csv',
  [
    'id,memberId,date,amount,supplyKind,vendorId,publicWorksKind,description',
    'PO-26-0412,oak-usd,2025-07-15,12400.00,public-works,v-coastal-mechanical,maintenance,"HVAC preventive maintenance, Q1, 14 sites"',
    'PO-26-1187,oak-usd,2025-10-14,12400.00,public-works,v-coastal-mechanical,maintenance,"HVAC preventive maintenance, Q2"',
    'PO-26-1930,oak-usd,2026-01-13,12400.00,public-works,v-coastal-mechanical,maintenance,"HVAC preventive maintenance, Q3"',
    'PO-26-2655,oak-usd,2026-04-14,12400.00,public-works,v-coastal-mechanical,maintenance,"HVAC preventive maintenance, Q4"',
    'PO-26-0800,oak-usd,2025-09-22,20000.00,public-works,v-bay-chillers,maintenance,Annual chiller service',
    'PO-26-0690,oak-usd,2025-09-02,9000.00,public-works,v-summit-roofing,repair,Repair storm damage to gym roof',
    'PO-26-0702,oak-usd,2025-09-04,9000.00,public-works,v-summit-roofing,maintenance,"Clean gutters and roof drains, all sites"',
    'PO-26-0233,oak-usd,2025-07-28,41200.00,public-works,v-brightline-floors,maintenance,"Strip and refinish VCT floors, elementary"',
    'PO-26-0518,oak-usd,2025-08-19,39750.00,public-works,v-brightline-floors,maintenance,"Strip and refinish VCT floors, middle"',
    'PO-26-0847,oak-usd,2025-09-09,38900.00,public-works,v-brightline-floors,maintenance,"Strip and refinish VCT floors, high"',
  ].join('\n') + '\n',
);

interface Report {
  splitPurchases: { purchaseIds: string[]; total: string; threshold: string; limitId: string; supplyKind: string }[];
  neededBid: { purchaseId: string }[];
  memberYears: {
    bidLimitsBySupplyKind: { supplyKind: string; publicWorksKind?: string; bidLimit: string | null }[];
    vendors: { vendorId: string; bySupplyKind: { supplyKind: string; publicWorksKind?: string; outsideContracts: string; purchases: number }[] }[];
  }[];
}

describe('audit-ledger: maintenance is judged against § 20111(a), apart from public projects', () => {
  it('finds only the floor-care split, needs no bid for the $20,000 chiller service, and reports spending as public works', async () => {
    const { stdout, exitCode } = await runCli(['audit-ledger', ledger, '--members', members, '--format', 'json']);
    expect(exitCode).toBe(1);
    const r = JSON.parse(stdout) as Report;
    expect(r.splitPurchases.map((g) => [g.purchaseIds, g.total, g.threshold, g.limitId, g.supplyKind])).toEqual([
      [['PO-26-0233', 'PO-26-0518', 'PO-26-0847'], '119850.00', '114800.00', 'ca.pcc20111a.k12', 'public-works'],
    ]);
    // Before: the HVAC POs ($49,600) and the roofer's two ($18,000) were splits of the $15,000
    // public-project limit, and the $20,000 chiller service needed a formal bid.
    expect(r.neededBid).toEqual([]);
    // Spending and limits: maintenance is an entry of its own, against its own limit.
    const year = r.memberYears[0]!;
    expect(year.bidLimitsBySupplyKind.map((l) => [l.supplyKind, l.publicWorksKind, l.bidLimit])).toEqual([
      ['public-works', undefined, '15000.00'],
      ['public-works', 'maintenance', '114800.00'],
    ]);
    const roofer = year.vendors.find((v) => v.vendorId === 'v-summit-roofing')!;
    expect(roofer.bySupplyKind).toEqual([
      { supplyKind: 'public-works', outsideContracts: '9000.00', underContracts: '0.00', purchases: 1 },
      { supplyKind: 'public-works', publicWorksKind: 'maintenance', outsideContracts: '9000.00', underContracts: '0.00', purchases: 1 },
    ]);
  });

  it('does not flag maintenance spending against the $15,000 public-project limit on the HTML page', async () => {
    const out = file('report.html', '');
    await runCli(['audit-ledger', ledger, '--members', members, '--format', 'html', '--out', out]);
    const page = readFileSync(out, 'utf8');
    // The HVAC contractor's $49,600 and the roofer's $9,000 + $9,000 are each within their kind's limit.
    expect(page).not.toContain('over the $15,000.00 limit in total');
    expect(page).toContain('Bid limit (state, goods and public works (maintenance)): $114,800.00');
    expect(page).toContain('; public works: $15,000.00 (Cal. Pub. Cont. Code § 20111(b))');
  });

  it('finds the same groups in a JSON Lines ledger naming publicWorks.kind', async () => {
    const rows = [
      { id: 'PO-26-0233', amount: '41200.00', date: '2025-07-28' },
      { id: 'PO-26-0518', amount: '39750.00', date: '2025-08-19' },
      { id: 'PO-26-0847', amount: '38900.00', date: '2025-09-09' },
    ].map((p) => JSON.stringify({ ...p, memberId: 'oak-usd', supplyKind: 'public-works', publicWorks: { kind: 'maintenance' }, vendorId: 'v-brightline-floors' }));
    const jsonl = file('ledger.jsonl', `${rows.join('\n')}\n`);
    const r = JSON.parse((await runCli(['audit-ledger', jsonl, '--members', members, '--format', 'json'])).stdout) as Report;
    expect(r.splitPurchases.map((g) => [g.total, g.limitId])).toEqual([['119850.00', 'ca.pcc20111a.k12']]);
  });

  it('refuses a kind of work it does not know, naming the line and the column', async () => {
    const bad = file('bad.csv', 'id,memberId,date,amount,supplyKind,publicWorksKind\nPO-1,oak-usd,2025-09-02,9000.00,public-works,custodial\n');
    expect(await inputError(['audit-ledger', bad, '--members', members])).toMatch(/bad\.csv: line 2, column publicWorksKind: expected one of "construction", .*"painting".*, got "custodial"/);
  });
});
