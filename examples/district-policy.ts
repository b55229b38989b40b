/**
 * A district layers its own policy on the bundled California law and PACE program packs:
 * three written quotes above $15,000 for goods and services, and board approval above $50,000.
 * The decisions reflect it, and the trace names the pack each rule came from.
 *
 * Run: npx tsx examples/district-policy.ts
 */
import { pathToFileURL } from 'node:url';
import { californiaLaw, createPace, paceProgram } from 'pace-rules';

/** Oak Valley USD's purchasing policy as a rules pack (kind "policy"). */
export const oakValleyPolicy = {
  id: 'oak-valley-policy',
  version: '1.0.0',
  title: 'Oak Valley USD purchasing policy (Board Policy 3300)',
  kind: 'policy',
  sources: [{ id: 'bp-3300', title: 'Oak Valley USD Board Policy 3300, Expenditures and Purchases', date: '2024-06-15' }],
  thresholds: [
    {
      id: 'oak.three-quotes.2024',
      series: 'oak.three-quotes',
      title: 'Three written quotes above $15,000',
      amount: '15000.00',
      comparison: '>',
      effectiveFrom: '2024-07-01',
      citation: 'Oak Valley USD BP 3300',
      confidence: 'high',
      sources: ['bp-3300'],
      level: 'local',
      method: 'quotes',
      appliesTo: { memberIds: ['m-oak'], supplyKinds: ['goods', 'services'] },
    },
  ],
  rules: [
    {
      id: 'oak.board-approval',
      capability: 'procurement',
      description: 'Purchases above $50,000 go to the board for approval before the PO is issued.',
      citation: 'Oak Valley USD BP 3300',
      sources: ['bp-3300'],
      conditions: {
        all: [
          { fact: 'member', path: '$.id', operator: 'equal', value: 'm-oak' },
          { fact: 'purchase', path: '$.amountCents', operator: 'greaterThan', value: 5_000_000 },
        ],
      },
      event: { type: 'finding', params: { code: 'board-approval-required', severity: 'warn', message: 'District policy: a purchase above $50,000 needs board approval before the PO is issued.' } },
    },
  ],
};

export function main(): void {
  const law = createPace();
  const withPolicy = createPace({ packs: [californiaLaw(), paceProgram(), oakValleyPolicy] });
  const member = {
    id: 'm-oak', name: 'Oak Valley Unified School District', kind: 'school-district' as const, state: 'CA',
    membership: { programId: 'pace', status: 'active' as const, since: '2023-07-01' },
  };
  const purchase = { id: 'po-77', memberId: 'm-oak', date: '2025-03-01', amount: '60000.00', supplyKind: 'goods' as const };

  const a = law.procurementMethod({ member, purchase });
  const b = withPolicy.procurementMethod({ member, purchase });
  console.log(`California law alone: ${a.method}`); // => none
  console.log(`With the district policy: ${b.method} (local: ${b.required.local})`); // => quotes (local: quotes)
  for (const f of b.findings) console.log(`  ${f.severity} ${f.code} [${f.pack}/${f.ruleId}]: ${f.message}`);
  console.log(`Rules version: ${withPolicy.rulesVersion}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
