// audit-ledger's missing documents follow the audit checklist on whether a cooperative contract
// covers a purchase (purchase.coveredByCooperativeContract): a public-works PO naming a goods
// contract, which PCC § 20118 cannot cover, lacks the member's own formal bid file and bidders'
// security; a goods PO with installation (a public project from 2025, PCC § 22002(c)) lacks them
// for the installation part; a maintenance PO (not a public project, § 22002(d)) under the
// § 20111(a) limit needs neither.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPace } from '../../src/index.js';
import { runCli, scratchFiles } from '../support/cli-in-process.js';

const data = (file: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', file);
const { file } = scratchFiles('pace-own-bid-file-');
const members = JSON.parse(readFileSync(data('members.json'), 'utf8')) as { id: string }[];
const contracts = JSON.parse(readFileSync(data('contracts.json'), 'utf8')) as { id: string }[];

const purchases = [
  { id: 'PO-25-0733', memberId: 'alder-usd', date: '2025-07-14', amount: '500000.00', supplyKind: 'public-works', contractId: 'pace-tech-2024', vendorId: 'v-northwind', description: 'Gymnasium roof replacement', publicWorks: { kind: 'construction' } },
  { id: 'PO-25-0810', memberId: 'alder-usd', date: '2025-09-02', amount: '60000.00', supplyKind: 'goods', category: 'technology', contractId: 'pace-tech-2024', vendorId: 'v-northwind', description: 'Interactive displays, wall-mounted and installed', publicWorks: { kind: 'installation' } },
  { id: 'PO-25-0812', memberId: 'alder-usd', date: '2025-09-02', amount: '20000.00', supplyKind: 'public-works', vendorId: 'v-coolair', description: 'HVAC preventive maintenance, FY 2025-26', publicWorks: { kind: 'maintenance' } },
];
const ledger = file('ledger.jsonl', purchases.map((p) => JSON.stringify(p)).join('\n') + '\n');

/** The audit checklist's missing items for a purchase, as pace.checkPurchase gives them. */
function libraryMissing(p: (typeof purchases)[number]): string[] {
  const contract = 'contractId' in p ? contracts.find((c) => c.id === p.contractId) : undefined;
  return createPace().checkPurchase({ member: members.find((m) => m.id === p.memberId), purchase: p, ...(contract ? { contract } : {}) } as never, { trace: false }).auditChecklist.missing;
}

describe('audit-ledger: the member\'s own bid file where no cooperative contract covers the purchase', () => {
  it('lists the missing documents the audit checklist finds, the bid file of a blocked contract and of an installation part among them', async () => {
    const { stdout } = await runCli(['audit-ledger', ledger, '--members', data('members.json'), '--contracts', data('contracts.json'), '--format', 'json']);
    const report = JSON.parse(stdout) as { missingDocuments: { purchaseId: string; missing: string[] }[]; neededBid: { purchaseId: string; method: string }[] };
    const missing = new Map(report.missingDocuments.map((e) => [e.purchaseId, e.missing]));
    for (const p of purchases) expect(missing.get(p.id) ?? [], p.id).toEqual(libraryMissing(p));
    expect(missing.get('PO-25-0733')).toEqual(expect.arrayContaining(['formal-bid-file', 'bid-security', 'contractor-licence']));
    expect(missing.get('PO-25-0810')).toEqual(expect.arrayContaining(['formal-bid-file', 'bid-security', 'contractor-licence']));
    expect(missing.get('PO-25-0812')).not.toContain('formal-bid-file');
    expect(missing.get('PO-25-0812')).not.toContain('bid-security');
    expect(missing.get('PO-25-0812')).toContain('prevailing-wage');
    // The roof needed a formal bid (procurementMethod); the HVAC maintenance needed none.
    expect(report.neededBid.map((e) => [e.purchaseId, e.method])).toEqual([['PO-25-0733', 'formal-bid']]);
  });
});
