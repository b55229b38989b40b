// audit-ledger and the findings that block a purchase: a ledger row is blocked exactly when
// `pace-rules check` (pace.checkPurchase) would block that purchase, whatever its amount; and of
// the split groups, only those whose finding blocks (kind `split`) make the run need action.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPace } from '../../src/index.js';
import { runCli, scratchFiles } from '../support/cli-in-process.js';

const data = (file: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', file);
const { dir: scratch, file } = scratchFiles('pace-ledger-blocked-');

const members = JSON.parse(readFileSync(data('members.json'), 'utf8')) as { id: string }[];
const contracts = JSON.parse(readFileSync(data('contracts.json'), 'utf8')) as { id: string }[];
const HEADER = 'id,memberId,date,amount,supplyKind,category,contractId,vendorId,localAmount,documents,description';
const DOCS = 'board-authorization;board-ratification;lead-agency-solicitation;lead-agency-award;cooperative-use-clause;contract-in-force;po-cites-contract;price-verification;receiving-record;conflict-of-interest;records-retention';

// Chromebook orders under the PACE technology contract, as a district's ERP exports them: one by a
// county office whose membership is suspended, one bought from a reseller that is not the
// contract's vendor, one as it should be, and one of a small elementary district without its
// county membership certificate; all under the bid limit.
const rows = [
  ['PO-2025-00601', 'dogwood-coe', '2025-10-14', '48000.00', 'goods', 'technology', 'pace-tech-2024', 'v-northwind', '48000.00', DOCS, 'Chromebooks (suspended member)'],
  ['PO-2025-00602', 'alder-usd', '2025-10-20', '52000.00', 'goods', 'technology', 'pace-tech-2024', 'v-cdw-g', '52000.00', DOCS, 'Chromebooks bought from a reseller'],
  ['PO-2025-00603', 'alder-usd', '2025-10-21', '31250.00', 'goods', 'technology', 'pace-tech-2024', 'v-northwind', '31250.00', DOCS, 'Chromebook carts'],
  ['PO-2025-00604', 'birch-esd', '2025-11-03', '9800.00', 'goods', 'technology', 'pace-tech-2024', 'v-northwind', '9800.00', DOCS, 'Tablets'],
];
const ledger = file('blocked.csv', `${HEADER}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
const args = ['audit-ledger', ledger, '--members', data('members.json'), '--contracts', data('contracts.json')];

/** The codes of the findings that block a purchase, as pace.checkPurchase finds them (each once, in order). */
function libraryBlocks(row: string[]): string[] {
  const pace = createPace();
  const [id, memberId, date, amount, supplyKind, category, contractId, vendorId, local, documents] = row as [string, string, string, string, string, string, string, string, string, string];
  const purchase = { id, memberId, date, amount, supplyKind, ...(category ? { category } : {}), contractId, vendorId, funding: [{ source: 'local', amount: local }], documents: documents.split(';').map((kind) => ({ kind })) };
  const decided = pace.checkPurchase({ member: members.find((m) => m.id === memberId), purchase, contract: contracts.find((c) => c.id === contractId) } as never, { trace: false });
  const codes: string[] = [];
  for (const f of [...(decided.eligibility?.findings ?? []), ...decided.procurementMethod.findings, ...decided.auditChecklist.findings]) if (f.severity === 'block' && !codes.includes(f.code)) codes.push(f.code);
  return codes;
}

describe('audit-ledger: purchases a finding blocks', () => {
  it('lists each purchase pace.checkPurchase blocks, with the codes of its findings, and exits 1', async () => {
    const { stdout, exitCode } = await runCli([...args, '--json']);
    const report = JSON.parse(stdout) as { blocked: boolean; blockedPurchaseCount: number; blockedPurchases: { purchaseId: string; where: string; amount: string; findings: string[] }[]; blockingFindings: Record<string, { message: string; citation: string; on: number }>; members: { memberId: string; blockedPurchases: number }[] };
    const expected = rows.map((r) => ({ id: r[0]!, codes: libraryBlocks(r) })).filter((e) => e.codes.length > 0);
    // The ledger has the three the library blocks, and not the one it does not.
    expect(expected.map((e) => e.id)).toEqual(['PO-2025-00601', 'PO-2025-00602', 'PO-2025-00604']);
    expect(report.blockedPurchases.map((p) => ({ id: p.purchaseId, codes: p.findings }))).toEqual(expected);
    expect(report.blockedPurchases[0]).toMatchObject({ where: 'line 2', amount: '48000.00' });
    expect(report.blockedPurchases[0]!.findings).toContain('membership-not-active');
    expect(report.blockedPurchases[1]!.findings).toEqual(['vendor-not-authorized']);
    expect(report.blockedPurchaseCount).toBe(3);
    expect(report.blockingFindings['vendor-not-authorized']).toMatchObject({ on: 1 });
    expect(report.blockingFindings['vendor-not-authorized']!.citation).toContain('20118');
    expect(report.members.find((m) => m.memberId === 'alder-usd')?.blockedPurchases).toBe(1);
    expect(report.blocked).toBe(true);
    expect(exitCode).toBe(1);
  });

  it('blocks a PO that names no category under a technology-only board authorization, as checkPurchase does', async () => {
    // Birch ESD's resolution covers PACE technology only; its tablets PO names no category.
    const uncategorized = ['PO-2025-00605', 'birch-esd', '2025-11-03', '9800.00', 'goods', '', 'pace-tech-2024', 'v-northwind', '9800.00', `${DOCS};county-membership-certificate`, 'Tablets (no category)'];
    const { stdout } = await runCli(['audit-ledger', file('uncategorized.csv', `${HEADER}\n${uncategorized.join(',')}\n`), '--members', data('members.json'), '--contracts', data('contracts.json'), '--json']);
    const report = JSON.parse(stdout) as { blockedPurchases: { purchaseId: string; findings: string[] }[] };
    expect(libraryBlocks(uncategorized)).toEqual(['board-authorization-category-out-of-scope']);
    expect(report.blockedPurchases).toEqual([expect.objectContaining({ purchaseId: 'PO-2025-00605', findings: ['board-authorization-category-out-of-scope'] })]);
    expect(libraryBlocks(uncategorized.map((cell, i) => (i === 5 ? 'technology' : cell)))).toEqual([]);
  });

  it("reports Birch ESD's board authorization missing on the POs it does not cover, deciding each by its own class", async () => {
    // Birch ESD's resolution covers PACE technology only. Tablets on the same day at the same amount
    // with and without a category, in either order: a decision reused across the two (a class key
    // without the category) would show the resolution on file for the PO it does not cover.
    const docs = `${DOCS};county-membership-certificate;cooperative-ada-evidence`;
    const tablets = (id: string, category: string) => [id, 'birch-esd', '2025-11-03', '9800.00', 'goods', category, 'pace-tech-2024', 'v-northwind', '9800.00', docs, 'Tablets'];
    for (const order of [['technology', ''], ['', 'technology']]) {
      const csv = `${HEADER}\n${order.map((c, i) => tablets(`PO-2025-0061${i}`, c).join(',')).join('\n')}\n`;
      const { stdout } = await runCli(['audit-ledger', file('birch-tablets.csv', csv), '--members', data('members.json'), '--contracts', data('contracts.json'), '--json']);
      const report = JSON.parse(stdout) as { missingDocuments: { purchaseId: string; missing: string[] }[]; blockedPurchases: { purchaseId: string }[] };
      const uncategorized = `PO-2025-0061${order.indexOf('')}`;
      expect(report.missingDocuments).toEqual([expect.objectContaining({ purchaseId: uncategorized, missing: ['board-authorization'] })]);
      expect(report.blockedPurchases.map((p) => p.purchaseId)).toEqual([uncategorized]);
    }
  });

  it('says so in the text and HTML reports', async () => {
    const text = (await runCli(args)).stdout;
    expect(text).toContain('Purchases a finding blocks (as pace-rules check would block each):\n  PO-2025-00601 (line 2) dogwood-coe $48,000.00: membership-not-active');
    expect(text).toContain('  PO-2025-00602 (line 3) alder-usd $52,000.00: vendor-not-authorized\n');
    expect(text).toMatch(/vendor-not-authorized \(on 1\): The purchase's vendor is neither the contract's vendor nor one of its authori[sz]ed dealers\./);
    expect(text).toContain('Result: needs action: 3 purchase(s) blocked by a finding, 0 purchase(s) needed a formal bid, 0 possible split group(s) (exit 1)');
    const out = join(scratch, 'blocked.html');
    await runCli([...args, '--format', 'html', '--out', out]);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('Needs action: 3 purchase(s) blocked by a finding');
    expect(page).toContain('<td>PO-2025-00602</td><td>line 3</td><td>alder-usd</td><td class="num">$52,000.00</td><td>vendor-not-authorized</td>');
  });

  it('is clear when nothing blocks: the same orders, bought as they should be', async () => {
    const clean = file('clean.csv', `${HEADER}\n${rows[2]!.join(',')}\n`);
    const { stdout, exitCode } = await runCli(['audit-ledger', clean, '--members', data('members.json'), '--contracts', data('contracts.json'), '--json']);
    const report = JSON.parse(stdout) as { blockedPurchaseCount: number; blockedPurchases: unknown[]; blocked: boolean };
    expect(report).toMatchObject({ blockedPurchaseCount: 0, blockedPurchases: [], blocked: false });
    expect(exitCode).toBe(0);
  });
});

describe('audit-ledger: split groups that are warnings', () => {
  // Two furniture orders from one vendor, each under the limit, together over it, one in June and
  // one in July: across July 1 the library warns (check that they are separate needs), it does
  // not block.
  const acrossJuly = file('across-july.csv', 'id,memberId,date,amount,supplyKind,vendorId,documents\nPO-2025-00301,alder-usd,2025-06-16,60000.00,goods,v-oakline,board-ratification;conflict-of-interest;records-retention\nPO-2025-00302,alder-usd,2025-07-15,60000.00,goods,v-oakline,board-ratification;conflict-of-interest;records-retention\n');
  it('lists a fiscal-year-boundary group with its warning, apart from splits, and exits 0', async () => {
    const json = await runCli(['audit-ledger', acrossJuly, '--members', data('members.json'), '--json']);
    const report = JSON.parse(json.stdout) as { splitPurchases: { kind: string }[]; blockingSplitGroupCount: number; blocked: boolean; members: { splitGroups: number }[] };
    expect(report.splitPurchases.map((g) => g.kind)).toEqual(['fiscal-year-boundary']);
    expect(report).toMatchObject({ blockingSplitGroupCount: 0, blocked: false });
    expect(report.members[0]!.splitGroups).toBe(1);
    expect(json.exitCode).toBe(0);
    const { stdout, exitCode } = await runCli(['audit-ledger', acrossJuly, '--members', data('members.json')]);
    expect(stdout).not.toContain('Possible split purchases');
    expect(stdout).toContain('Groups to check (warnings; they do not block):\n  alder-usd / v-oakline / goods (across July 1): PO-2025-00301, PO-2025-00302 = $120,000.00 over $114,800.00');
    expect(stdout).toContain('    warning: 2 purchases across July 1, within twelve months of each other, total 120000.00');
    expect(stdout).toContain('Result: clear: no finding blocks a purchase, no purchase needed a formal bid and no split purchases were found (exit 0); 1 group(s) to check (warnings)');
    expect(exitCode).toBe(0);
    // The HTML page's card counts splits as its verdict does, and names the warning apart.
    const out = join(scratch, 'across-july.html');
    await runCli(['audit-ledger', acrossJuly, '--members', data('members.json'), '--format', 'html', '--out', out]);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<div class="card"><b>0</b>possible split groups (and 1 to check)</div>');
    expect(page).toContain('(a warning: across July 1)');
  });

  it('still blocks on a split within one fiscal year', async () => {
    const within = file('within.csv', 'id,memberId,date,amount,supplyKind,vendorId\nPO-2025-00401,alder-usd,2025-08-12,60000.00,goods,v-oakline\nPO-2025-00402,alder-usd,2025-09-15,60000.00,goods,v-oakline\n');
    const { stdout, exitCode } = await runCli(['audit-ledger', within, '--members', data('members.json'), '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ blockingSplitGroupCount: 1, blocked: true });
    expect(exitCode).toBe(1);
  });
});

describe('audit-ledger: spending under contracts', () => {
  it('counts a PO under a contract not in the file, or under one it may not use, as outside contracts', async () => {
    // Library furniture on a CMAS number the contracts file does not have, custodial services on
    // the PACE facility contract (a goods piggyback may not buy services over the bid limit), a
    // roof repair with no contract, and Chromebook carts as they should be bought.
    const spending = file('spending.csv', `${HEADER}
PO-2025-00401,alder-usd,2025-09-10,180000.00,goods,furniture,cmas-4-21-70-0123,v-woodcraft,180000.00,,Library furniture (CMAS)
PO-2025-00402,alder-usd,2025-10-10,140000.00,services,facility-services,pace-facility-2025,v-brightway,140000.00,board-authorization;lead-agency-solicitation;lead-agency-award;cooperative-use-clause;po-cites-contract;price-verification,Custodial services
PO-2025-00403,alder-usd,2025-11-10,40000.00,public-works,,,v-summit-roofing,40000.00,,Roof repair bldg C
${rows[2]!.join(',')}
`);
    const { stdout } = await runCli(['audit-ledger', spending, '--members', data('members.json'), '--contracts', data('contracts.json'), '--json']);
    const report = JSON.parse(stdout) as { memberYears: { vendors: { vendorId: string; outsideContracts: string; underContracts: string }[] }[]; blockedPurchases: { purchaseId: string; findings: string[] }[] };
    const byVendor = Object.fromEntries(report.memberYears[0]!.vendors.map((v) => [v.vendorId, [v.outsideContracts, v.underContracts]]));
    expect(byVendor).toEqual({ 'v-woodcraft': ['180000.00', '0.00'], 'v-brightway': ['140000.00', '0.00'], 'v-summit-roofing': ['40000.00', '0.00'], 'v-northwind': ['0.00', '31250.00'] });
    expect(report.blockedPurchases).toEqual([expect.objectContaining({ purchaseId: 'PO-2025-00402', findings: ['cooperative-contract-not-for-services'] })]);
  });
});

describe('audit-ledger: a PO its change orders carry past what its contract allows', () => {
  it('is blocked at its total, and its spending moves outside contracts, wherever the change order is in the file', async () => {
    // Custodial services on the PACE facility contract, $100,000 as issued; a change order adds
    // $40,000 of buildings, past what a piggyback may buy of services.
    const HEAD = 'id,memberId,date,amount,supplyKind,category,contractId,vendorId,localAmount,documents,description,revisionOf';
    const po = 'PO-2025-00402,alder-usd,2025-10-10,100000.00,services,facility-services,pace-facility-2025,v-brightway,100000.00,board-authorization;lead-agency-solicitation;lead-agency-award;cooperative-use-clause;po-cites-contract;price-verification,Custodial services,';
    const co = 'PO-2025-00402-CO1,alder-usd,2025-12-01,40000.00,services,facility-services,pace-facility-2025,v-brightway,40000.00,,Custodial services: added buildings,PO-2025-00402';
    const direct = 'PO-2025-00402,alder-usd,2025-10-10,140000.00,services,facility-services,pace-facility-2025,v-brightway,140000.00,board-authorization;lead-agency-solicitation;lead-agency-award;cooperative-use-clause;po-cites-contract;price-verification,Custodial services,';
    const run = async (name: string, lines: string[]) => {
      const { stdout } = await runCli(['audit-ledger', file(name, `${HEAD}\n${lines.join('\n')}\n`), '--members', data('members.json'), '--contracts', data('contracts.json'), '--json']);
      return JSON.parse(stdout) as { blockedPurchaseCount: number; blockedPurchases: { findings: string[]; byChangeOrder?: boolean }[]; memberYears: { vendors: { vendorId: string; outsideContracts: string; underContracts: string; purchases: number }[] }[] };
    };
    const issued = await run('issued-at-total.csv', [direct]);
    expect(issued.blockedPurchases.map((p) => p.findings)).toEqual([['cooperative-contract-not-for-services']]);
    for (const [name, lines] of [['raised.csv', [po, co]], ['raised-co-first.csv', [co, po]]] as const) {
      const raised = await run(name, [...lines]);
      expect(raised.blockedPurchaseCount).toBe(1);
      expect(raised.blockedPurchases).toEqual([expect.objectContaining({ findings: ['cooperative-contract-not-for-services'], byChangeOrder: true })]);
      expect(raised.memberYears.flatMap((y) => y.vendors)).toEqual(issued.memberYears.flatMap((y) => y.vendors));
      expect(raised.memberYears[0]!.vendors).toEqual([{ vendorId: 'v-brightway', outsideContracts: '140000.00', underContracts: '0.00', purchases: 1, bySupplyKind: [{ supplyKind: 'services', outsideContracts: '140000.00', underContracts: '0.00', purchases: 1 }] }]);
    }
  });
});

describe('a services PO under a contract that covers goods only', () => {
  // Alder USD orders custodial services on a furniture piggyback contract (goods only: no item of it
  // is a service), the PO tagged with the contract's category. pace-rules check, batch and
  // audit-ledger must all say no, as checkEligibility and checkPurchase do: PCC § 20118 covers
  // personal property only.
  const furniture = { ...contracts.find((c) => c.id === 'pace-tech-2024')!, id: 'pace-furniture-2025', number: 'PACE-25-011', title: 'Classroom and office furniture', vendor: { id: 'v-woodcraft', name: 'Woodcraft School Furniture' }, categories: ['furniture'], supplyKind: 'goods', term: { start: '2025-07-01', end: '2028-06-30' }, priceSchedules: [{ id: '2025-28', effectiveFrom: '2025-07-01', currency: 'USD', items: [{ sku: 'DESK-S', description: 'Student desk', price: { kind: 'fixed', unitPrice: '118.00' } }] }] };
  const contractsFile = file('with-furniture.json', JSON.stringify([...contracts, furniture]));
  const row = ['PO-2025-00711', 'alder-usd', '2025-10-06', '128000.00', 'services', 'furniture', 'pace-furniture-2025', 'v-woodcraft', '128000.00', DOCS, 'Custodial services (summer deep clean)'];
  const member = members.find((m) => m.id === 'alder-usd')!;
  const purchase = { id: row[0], memberId: row[1], date: row[2], amount: row[3], supplyKind: row[4], category: row[5], contractId: row[6], vendorId: row[7], funding: [{ source: 'local', amount: row[8] }], documents: DOCS.split(';').map((kind) => ({ kind })) };

  it('is not eligible in checkEligibility and checkPurchase, with the block finding and its citation', () => {
    const pace = createPace();
    const eligibility = pace.checkEligibility({ member, contract: furniture, asOf: row[2], purchase } as never);
    expect(eligibility.eligible).toBe(false);
    expect(eligibility.findings).toEqual([expect.objectContaining({ code: 'cooperative-contract-not-for-services', severity: 'block', ruleId: 'goods-contract-not-for-services', citation: expect.stringContaining('§ 20118') })]);
    expect(eligibility.findings[0]!.message).toMatch(/covers goods only .* this purchase is for services/);
    const checked = pace.checkPurchase({ member, contract: furniture, purchase } as never);
    expect(checked.eligibility).toEqual(eligibility);
    expect([checked.procurementMethod.method, checked.procurementMethod.contractUsable]).toEqual(['formal-bid', false]);
  });

  it('is blocked by pace-rules check, batch and audit-ledger alike', async () => {
    const input = file('custodial.json', JSON.stringify({ member, purchase, contract: furniture }));
    const checked = await runCli(['check', input]);
    expect(checked.exitCode).toBe(1);
    expect(checked.stdout).toContain('Eligibility: NOT ELIGIBLE');
    expect(checked.stdout).toContain('[cooperative-contract-not-for-services]');
    const batch = await runCli(['batch', '--contracts', contractsFile], `${JSON.stringify({ id: 'e', op: 'check-eligibility', input: { member, contractId: furniture.id, asOf: row[2], purchase } })}\n`);
    const answer = JSON.parse(batch.stdout) as { ok: boolean; result: { eligible: boolean; findings: { code: string }[] } };
    expect([answer.ok, answer.result.eligible, answer.result.findings.map((f) => f.code)]).toEqual([true, false, ['cooperative-contract-not-for-services']]);
    const ledgerFile = file('custodial.csv', `${HEADER}\n${row.join(',')}\n`);
    const { stdout, exitCode } = await runCli(['audit-ledger', ledgerFile, '--members', data('members.json'), '--contracts', contractsFile, '--json']);
    const report = JSON.parse(stdout) as { blockedPurchases: { purchaseId: string; findings: string[] }[] };
    expect(report.blockedPurchases).toEqual([expect.objectContaining({ purchaseId: 'PO-2025-00711', findings: ['cooperative-contract-not-for-services'] })]);
    expect(exitCode).toBe(1);
  });
});
