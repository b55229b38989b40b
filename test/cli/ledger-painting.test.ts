// audit-ledger and painting (column publicWorksKind): painting and repainting are a public project
// (PCC § 22002(c)), and painting other than touch-up is not maintenance (§ 20115). A painting
// contractor's POs are grouped with the member's other public projects of that contractor under
// the § 20111(b) limit; touch-up painting written as maintenance stays apart (§ 20111(a)).
import { describe, expect, it } from 'vitest';
import { runCli, scratchFiles } from '../support/cli-in-process.js';

const { file } = scratchFiles('pace-painting-');

const members = file(
  'members.json',
  JSON.stringify([
    {
      id: 'oak-usd', name: 'Oak Valley Unified School District', kind: 'school-district', districtType: 'unified', state: 'CA', averageDailyAttendance: 12000,
      membership: { programId: 'pace', status: 'active', since: '2023-07-01' },
    },
  ]),
);
// A facilities department's summer 2025 POs to one painting contractor: two $9,000 classroom
// repaints and a $9,000 dry-rot repair of the same wing ($27,000 together), and $9,000 of
// touch-up painting in the hallways, written as maintenance.
const ledger = file(
  'ledger.csv',
  [
    'id,memberId,date,amount,supplyKind,vendorId,publicWorksKind,description',
    'PO-26-0301,oak-usd,2025-07-08,9000.00,public-works,v-valley-painting,painting,"Repaint classrooms 1-6, Lincoln ES"',
    'PO-26-0342,oak-usd,2025-07-22,9000.00,public-works,v-valley-painting,painting,"Repaint classrooms 7-12, Lincoln ES"',
    'PO-26-0377,oak-usd,2025-08-05,9000.00,public-works,v-valley-painting,repair,"Repair dry rot at eaves and fascia, Lincoln ES north wing"',
    'PO-26-0390,oak-usd,2025-08-11,9000.00,public-works,v-valley-painting,maintenance,"Touch-up painting, hallways, all sites"',
  ].join('\n') + '\n',
);

interface Report {
  splitPurchases: { purchaseIds: string[]; total: string; threshold: string; limitId: string; supplyKind: string }[];
  neededBid: { purchaseId: string }[];
}

describe('audit-ledger: painting is a public project (PCC § 22002(c))', () => {
  it('groups two $9,000 repaints and a $9,000 repair of one contractor as a split of the $15,000 limit, touch-up maintenance apart', async () => {
    const { stdout, exitCode } = await runCli(['audit-ledger', ledger, '--members', members, '--format', 'json']);
    expect(exitCode).toBe(1);
    const r = JSON.parse(stdout) as Report;
    expect(r.splitPurchases.map((g) => [g.purchaseIds, g.total, g.threshold, g.limitId, g.supplyKind])).toEqual([
      [['PO-26-0301', 'PO-26-0342', 'PO-26-0377'], '27000.00', '15000.00', 'ca.pcc20111b.k12', 'public-works'],
    ]);
    expect(r.neededBid).toEqual([]);
  });
});
