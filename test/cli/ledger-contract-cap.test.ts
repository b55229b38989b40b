// audit-ledger and a contract's cap per member (maxAmountPerMember, the contract's own terms that
// PCC § 20118 binds a piggybacking member to): a PO that the member's earlier POs under the
// contract carry over the cap is judged as the library judges it given that earlier spend
// (`spentUnderContract`). Before, each PO was decided alone, and three $120,000 POs under a
// $150,000 cap passed clear.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPace, type Member } from '../../src/index.js';
import { runCli, scratchFiles } from '../support/cli-in-process.js';

const data = (name: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', name);
const { file } = scratchFiles('pace-ledger-cap-');
const members = JSON.parse(readFileSync(data('members.json'), 'utf8')) as Member[];
const tech = (JSON.parse(readFileSync(data('contracts.json'), 'utf8')) as { id: string }[]).find((c) => c.id === 'pace-tech-2024')!;
// The technology contract as a lead agency lets it with a not-to-exceed of $150,000 per member.
const capped = { ...tech, maxAmountPerMember: '150000.00' };
const contracts = file('contracts.json', JSON.stringify([capped]));
const DOCS = 'board-authorization;lead-agency-solicitation;lead-agency-award;cooperative-use-clause;po-cites-contract;price-verification;board-ratification;receiving-record;conflict-of-interest;records-retention';
const HEADER = 'id,memberId,date,amount,supplyKind,category,contractId,vendorId,documents';
// Alder USD's Chromebook refresh in three POs (exported out of date order), and one PO of Cedar
// Valley's under the same contract: the cap is per member.
const rows = [
  ['PO-C3', 'alder-usd', '2025-10-01', '120000.00'],
  ['PO-C1', 'alder-usd', '2025-08-01', '120000.00'],
  ['PO-C2', 'alder-usd', '2025-09-01', '20000.00'],
  ['PO-C4', 'alder-usd', '2025-09-01', '5000.00'],
  ['PO-E1', 'cedar-charter', '2025-09-15', '140000.00'],
];
const ledger = file('cap.csv', `${HEADER}\n${rows.map(([id, member, date, amount]) => [id, member, date, amount, 'goods', 'technology', 'pace-tech-2024', 'v-northwind', DOCS].join(',')).join('\n')}\n`);

interface Entry {
  purchaseId: string;
  where: string;
  spentUnderContract?: string;
  findings?: string[];
  missing?: string[];
  method?: string;
}

describe('audit-ledger: a contract with a cap per member', () => {
  it("judges each PO with the member's earlier spend under the contract, as the library does", async () => {
    const { stdout, exitCode } = await runCli(['audit-ledger', ledger, '--members', data('members.json'), '--contracts', contracts, '--format', 'json']);
    expect(exitCode).toBe(1);
    const r = JSON.parse(stdout) as { blockedPurchases: Entry[]; neededBid: Entry[]; missingDocuments: Entry[]; members: { memberId: string; blockedPurchases: number }[] };
    // By date: C1 $120,000 (alone under the cap), C2 and C4 the same day ($140,000, then $145,000:
    // by line, C2 first), C3 $120,000 on $145,000 spent: over.
    const pace = createPace();
    const contract = pace.prepareContract(capped);
    const expected = (id: string, spent: string) => {
      const [, memberId, date, amount] = rows.find((row) => row[0] === id)!;
      const purchase = { id, memberId: memberId!, date: date!, amount: amount!, supplyKind: 'goods' as const, category: 'technology', contractId: 'pace-tech-2024', vendorId: 'v-northwind', documents: DOCS.split(';').map((kind) => ({ kind })) };
      const d = pace.checkPurchase({ member: members.find((m) => m.id === memberId)!, purchase, contract, spentUnderContract: spent });
      const blocks = [...(d.eligibility?.findings ?? []), ...d.procurementMethod.findings, ...d.auditChecklist.findings].filter((f) => f.severity === 'block').map((f) => f.code);
      return { blocks: [...new Set(blocks)], missing: d.auditChecklist.missing, method: d.procurementMethod.method };
    };
    const c3 = expected('PO-C3', '145000.00');
    expect(c3.blocks).toContain('contract-max-amount-per-member-exceeded');
    expect(r.blockedPurchases.map((e) => [e.purchaseId, e.where, e.spentUnderContract, e.findings])).toEqual([['PO-C3', 'line 2', '145000.00', c3.blocks]]);
    expect(r.neededBid.map((e) => [e.purchaseId, e.method, e.spentUnderContract])).toEqual([['PO-C3', c3.method, '145000.00']]);
    expect(r.missingDocuments.map((e) => [e.purchaseId, e.missing, e.spentUnderContract])).toEqual([['PO-C3', c3.missing, '145000.00']]);
    // within the cap with what came before them: as decided alone
    for (const [id, spent] of [['PO-C1', '0.00'], ['PO-C2', '120000.00'], ['PO-C4', '140000.00']] as const) expect(expected(id, spent).blocks, id).toEqual([]);
    expect(r.members.map((m) => [m.memberId, m.blockedPurchases])).toEqual([['alder-usd', 1], ['cedar-charter', 0]]);
    const text = (await runCli(['audit-ledger', ledger, '--members', data('members.json'), '--contracts', contracts])).stdout;
    expect(text).toContain('PO-C3 (line 2) alder-usd $120,000.00 with $145,000.00 spent before it under its contract: contract-max-amount-per-member-exceeded');
  });

  it('counts what the contract could cover, as it happened: not a PO bought outside it or over the cap, and a change order on its own date', async () => {
    const run = async (name: string, lines: (string | undefined)[][]) => {
      const csv = file(name, `${HEADER},revisionOf\n${lines.map(([id, date, amount, vendor, revisionOf]) => [id, 'alder-usd', date, amount, 'goods', 'technology', 'pace-tech-2024', vendor ?? 'v-northwind', DOCS, revisionOf ?? ''].join(',')).join('\n')}\n`);
      const r = JSON.parse((await runCli(['audit-ledger', csv, '--members', data('members.json'), '--contracts', contracts, '--format', 'json'])).stdout) as { blockedPurchases: Entry[] };
      return r.blockedPurchases.map((e) => [e.purchaseId, e.findings, e.spentUnderContract]);
    };
    // $120,000 from a reseller the contract does not authorize, bought outside it: the $100,000
    // Northwind PO after it is within the cap (before, it was blocked on a spend of $120,000).
    expect(await run('reseller.csv', [['PO-X', '2025-08-01', '120000.00', 'v-acme'], ['PO-OK', '2025-09-01', '100000.00']])).toEqual([['PO-X', ['vendor-not-authorized'], undefined]]);
    // $100,000, $100,000 (over the cap: bought outside it) and $40,000: the third is within it.
    expect(await run('over-cap.csv', [['PO-1', '2025-08-01', '100000.00'], ['PO-2', '2025-09-01', '100000.00'], ['PO-3', '2025-10-01', '40000.00']])).toEqual([['PO-2', ['contract-max-amount-per-member-exceeded'], '100000.00']]);
    // $100,000 in August, $40,000 in September ($140,000), then in October a change order adds
    // $20,000 to the August PO: that raise carried the member over the cap, not the September PO.
    expect(await run('late-change.csv', [['PO-1', '2025-08-01', '100000.00'], ['PO-2', '2025-09-01', '40000.00'], ['CO-1', '2025-10-01', '20000.00', undefined, 'PO-1']])).toEqual([['PO-1', ['contract-max-amount-per-member-exceeded'], '40000.00']]);
    // ... and that PO is bought outside the contract from then on: a $100,000 PO in November is
    // within the cap with the September one.
    expect(await run('late-change-then.csv', [['PO-1', '2025-08-01', '100000.00'], ['PO-2', '2025-09-01', '40000.00'], ['CO-1', '2025-10-01', '20000.00', undefined, 'PO-1'], ['PO-3', '2025-11-01', '100000.00']])).toEqual([['PO-1', ['contract-max-amount-per-member-exceeded'], '40000.00']]);
    // A raise over the cap on its own: that PO is blocked at its total, and leaves the spend.
    expect(await run('raised-alone.csv', [['PO-1', '2025-08-01', '100000.00'], ['CO-1', '2025-09-01', '100000.00', undefined, 'PO-1'], ['PO-2', '2025-10-01', '40000.00']])).toEqual([['PO-1', ['contract-max-amount-per-member-exceeded'], undefined]]);
    // A change order exported above its PO on the PO's day still counts (sorted by date, then
    // document number, CO- comes before PO-): $110,000 with it, so the $60,000 PO is over.
    expect(await run('co-above.csv', [['CO-1', '2025-08-01', '60000.00', undefined, 'PO-1'], ['PO-1', '2025-08-01', '50000.00'], ['PO-2', '2025-09-01', '60000.00']])).toEqual([['PO-2', ['contract-max-amount-per-member-exceeded'], '110000.00']]);
    // Two change orders put right after their PO (one above it on its day, one dated before it)
    // count in file order: -$90,000 then +$100,000, $110,000 in all, so the $100,000 PO after is
    // over (before, the later line came first, sent the PO over on its own and out of the spend).
    expect(await run('two-right-after.csv', [['CO-A', '2025-08-01', '-90000.00', undefined, 'PO-1'], ['PO-1', '2025-08-01', '100000.00'], ['CO-B', '2025-07-15', '100000.00', undefined, 'PO-1'], ['PO-2', '2025-09-01', '100000.00']])).toEqual([['PO-2', ['contract-max-amount-per-member-exceeded'], '110000.00']]);
    // $100,000 less $150,000 plus $60,000 is $10,000 spent: a $100,000 PO after it is within the cap.
    expect(await run('down-up.csv', [['PO-1', '2025-08-01', '100000.00'], ['CO-1', '2025-09-01', '-150000.00', undefined, 'PO-1'], ['CO-2', '2025-10-01', '60000.00', undefined, 'PO-1'], ['PO-2', '2025-11-01', '100000.00']])).toEqual([]);
  });
});
