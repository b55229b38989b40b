/**
 * What a district ERP does before it issues a purchase order: may the member use the contract
 * today, what does the law require for this purchase, and what must be in the audit file? Every
 * answer carries its findings, citations and the rules version to store beside the PO.
 *
 * Run: npx tsx examples/erp-pre-po-check.ts
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createPace, isPaceError, type Finding, type Member } from 'pace-rules';

const data = (file: string): unknown => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as unknown;

function show(findings: readonly Finding[]): void {
  for (const f of findings) console.log(`    ${f.severity.padEnd(5)} ${f.code}: ${f.message}${f.citation ? ` (${f.citation})` : ''}`);
}

export function main(): void {
  const pace = createPace(); // the bundled California law and PACE program packs
  const [techContract] = data('contracts.json') as unknown[];
  const contract = pace.prepareContract(techContract); // validated once, reused for every PO
  const members = data('members.json') as Member[]; // parsed JSON; every call validates it
  const alder = members.find((m) => m.id === 'alder-usd')!;

  // A requisition for 420 Chromebooks, partly paid with federal Title IV money.
  const purchase = {
    id: 'REQ-26-0311',
    memberId: 'alder-usd',
    date: '2026-03-02',
    amount: '115080.00',
    supplyKind: 'goods' as const,
    category: 'technology',
    contractId: 'pace-tech-2024',
    vendorId: 'v-northwind',
    funding: [
      { source: 'federal' as const, program: 'Title IV-A', amount: '40000.00' },
      { source: 'local' as const, amount: '75080.00' },
    ],
    documents: [{ kind: 'lead-agency-solicitation' }, { kind: 'lead-agency-award' }, { kind: 'cooperative-use-clause' }],
  };

  const eligibility = pace.checkEligibility({ member: alder, contract, asOf: purchase.date, purchase });
  console.log(`Eligible to use ${contract.number}: ${eligibility.eligible}`);
  show(eligibility.findings);

  const method = pace.procurementMethod({ member: alder, purchase, contract });
  console.log(`Procurement method: ${method.method} (without the contract a formal bid would ${method.requiresFormalBid ? '' : 'not '}be required)`);
  for (const t of method.thresholds.filter((t) => t.applies)) {
    console.log(`    ${t.exceeded ? 'over ' : 'under'} ${t.id}: ${t.amount ?? 'unknown'} (${t.comparison}) ${t.citation}`);
  }
  show(method.findings);

  const checklist = pace.auditChecklist({ member: alder, purchase, contract });
  console.log(`Audit file complete: ${checklist.complete}; missing: ${checklist.missing.join(', ') || 'nothing'}`);

  console.log(`Store with the PO: rulesVersion ${method.rulesVersion}`);

  // Misuse is an exception with the JSON path of each problem, never a silent wrong answer.
  try {
    pace.procurementMethod({ member: alder, purchase: { ...purchase, amount: '115080.005' } });
  } catch (e) {
    if (isPaceError(e)) console.log(`Bad input refused: ${e.code} at ${e.issues.map((i) => i.path).join(', ')}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
