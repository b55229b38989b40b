// audit-ledger and a member that elected CUPCCAA: a public project in the informal band (over the
// force-account limit, up to the informal limit: PCC § 22032(b)) needed an informal bid under the
// member's ordinance (§ 22034). Without an informal (or formal) bid file on record it is listed in
// neededBid with "method": "informal-bid", as a formal bid is, and the informal bid file is among
// its missing documents; change orders that carry it past the informal limit list it again as a
// formal bid, counted once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, scratchFiles } from '../support/cli-in-process.js';

const { file } = scratchFiles('pace-informal-bid-');

const members = file(
  'members.json',
  JSON.stringify([
    {
      id: 'pine-usd', name: 'Pine Unified School District', kind: 'school-district', districtType: 'unified', state: 'CA', averageDailyAttendance: 8000,
      membership: { programId: 'pace', status: 'active', since: '2023-07-01' },
      cupccaa: { optedIn: true, since: '2019-01-01' },
    },
  ]),
);
// 2025 CUPCCAA bands: force account $75,000 or less; informal $220,000 or less; formal above.
const ledger = file(
  'ledger.csv',
  [
    'id,memberId,date,amount,supplyKind,vendorId,documents,revisionOf',
    'PO-25-0417,pine-usd,2025-06-09,148500.00,public-works,v-summit-roofing,,',
    'PO-25-0418,pine-usd,2025-06-10,148500.00,public-works,v-bayside-paving,informal-bid-file,',
    'PO-25-0420,pine-usd,2025-06-11,74000.00,public-works,v-coast-electric,,',
    'PO-25-0430,pine-usd,2025-06-12,240000.00,public-works,v-valley-builders,,',
    'PO-25-0440,pine-usd,2025-06-13,150000.00,public-works,v-delta-mechanical,formal-bid-file,',
    'PO-25-0450,pine-usd,2025-06-16,200000.00,public-works,v-ridge-hvac,,',
    'PO-25-0460,pine-usd,2025-06-17,70000.00,public-works,v-north-glass,,',
    'CO-25-0450-1,pine-usd,2025-08-04,30000.00,public-works,v-ridge-hvac,,PO-25-0450',
    'CO-25-0460-1,pine-usd,2025-08-05,30000.00,public-works,v-north-glass,,PO-25-0460',
  ].join('\n') + '\n',
);

interface Report {
  blocked: boolean;
  neededBidCount: number;
  neededInformalBidCount: number;
  neededBid: { purchaseId: string; method: string; byChangeOrder?: boolean }[];
  missingDocuments: { purchaseId: string; missing: string[]; byChangeOrder?: boolean }[];
  members: { memberId: string; neededBid: number }[];
}

describe('audit-ledger: a CUPCCAA member\'s public projects in the informal band', () => {
  it('lists those with no bid file as needing an informal bid, and one raised past the informal limit as needing a formal one, counted once', async () => {
    const { stdout, exitCode } = await runCli(['audit-ledger', ledger, '--members', members, '--format', 'json']);
    expect(exitCode).toBe(1);
    const r = JSON.parse(stdout) as Report;
    expect(r.neededBid.map((e) => [e.purchaseId, e.method, e.byChangeOrder ?? false])).toEqual([
      ['PO-25-0417', 'informal-bid', false],
      ['PO-25-0430', 'formal-bid', false],
      ['PO-25-0450', 'informal-bid', false],
      // at its total of $230,000, over the informal limit
      ['PO-25-0450', 'formal-bid', true],
      // issued at $70,000 (force account), at $100,000 with its change order
      ['PO-25-0460', 'informal-bid', true],
    ]);
    expect(r.neededBidCount).toBe(4);
    // PO-25-0417 and PO-25-0460; PO-25-0450 is counted as the formal bid it needed at its total
    expect(r.neededInformalBidCount).toBe(2);
    expect(r.members[0]!.neededBid).toBe(4);
    expect(r.blocked).toBe(true);
    const missing = new Map(r.missingDocuments.filter((e) => !e.byChangeOrder).map((e) => [e.purchaseId, e.missing]));
    expect(missing.get('PO-25-0417')).toContain('informal-bid-file');
    expect(missing.get('PO-25-0417')).not.toContain('formal-bid-file');
    expect(missing.get('PO-25-0418') ?? []).not.toContain('informal-bid-file');
    expect(missing.get('PO-25-0420') ?? []).not.toContain('informal-bid-file');
    expect(missing.get('PO-25-0430')).toContain('formal-bid-file');
    expect(missing.get('PO-25-0430')).not.toContain('informal-bid-file');
  });

  it('says so in words in the text and HTML reports', async () => {
    const text = (await runCli(['audit-ledger', ledger, '--members', members])).stdout;
    expect(text).toContain('Purchases that needed a bid (formal, or informal under a CUPCCAA election) (no usable cooperative contract, no bid on file):');
    expect(text).toMatch(/PO-25-0417 \(line 2\) pine-usd \$148,500\.00 \(informal bid\)/);
    expect(text).toContain('Result: needs action: 4 purchase(s) needed a bid (2 formal, 2 informal under a CUPCCAA election)');
    const out = file('report.html', '');
    await runCli(['audit-ledger', ledger, '--members', members, '--format', 'html', '--out', out]);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('4 purchase(s) needed a bid (2 formal, 2 informal under a CUPCCAA election)');
    expect(page).toContain('needed a bid (formal, or informal under a CUPCCAA election)</div>');
  });
});

describe('audit-ledger: bid files under their older names', () => {
  it('takes informal-bid and formal-bid as the bid on file, not as kinds that satisfy nothing, and still asks for the checklist item', async () => {
    // As an ERP that predates the checklist's item ids labels the bid files. Before, informal-bid
    // counted as the bid a project needed and was also listed as a kind that satisfies nothing.
    const older = file(
      'older-names.csv',
      ['id,memberId,date,amount,supplyKind,vendorId,documents', 'PO-25-0510,pine-usd,2025-06-09,148500.00,public-works,v-summit-roofing,informal-bid', 'PO-25-0511,pine-usd,2025-06-10,240000.00,public-works,v-valley-builders,formal-bid;board-aproval'].join('\n') + '\n',
    );
    const r = JSON.parse((await runCli(['audit-ledger', older, '--members', members, '--format', 'json'])).stdout) as Report & { unknownDocumentKinds: { kind: string; count: number }[] };
    expect(r.neededBid).toEqual([]);
    expect(r.unknownDocumentKinds).toEqual([{ kind: 'board-aproval', count: 1 }]);
    const missing = new Map(r.missingDocuments.map((e) => [e.purchaseId, e.missing]));
    expect(missing.get('PO-25-0510')).toContain('informal-bid-file');
    expect(missing.get('PO-25-0511')).toContain('formal-bid-file');
  });
});
