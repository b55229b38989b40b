/**
 * A district layers its own policy on the bundled California law and PACE program packs:
 * three written quotes above $15,000 for goods and services, and board approval above $50,000.
 * The decisions reflect it, and the trace names the pack each rule came from. The pack is the JSON
 * file examples/data/oak-valley-policy.json.
 *
 * Run: npx tsx examples/district-policy.ts
 */
import { pathToFileURL } from 'node:url';
import { californiaLaw, createPace, paceProgram } from 'pace-rules';
import oakValleyPolicyJson from './data/oak-valley-policy.json' with { type: 'json' };

/**
 * Oak Valley USD's purchasing policy as a rules pack (kind "policy"): plain JSON, in
 * examples/data/oak-valley-policy.json, as a district would keep it beside its ERP. A pack is data,
 * so it can be loaded from a file (`JSON.parse(readFileSync(...))`, as docs/integration-erp.md
 * shows), a database or a JSON import as here; `createPace` validates it either way.
 */
export const oakValleyPolicy = oakValleyPolicyJson;

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
