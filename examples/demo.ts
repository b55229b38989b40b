/**
 * `npm run demo`: the four capabilities on the bundled rules, through the runnable examples.
 *
 *   1. eligibility, 2. procurement method, 4. audit file   examples/erp-pre-po-check.ts
 *   3. price: quote, group buy, invoice check               examples/vendor-quote.ts
 *   4. split purchases over a year of POs                   (below)
 *   a district's own policy layered on the bundled packs    examples/district-policy.ts
 *   a property test of an integration (pace-rules/testing)  examples/integration-property-test.ts
 */
import { createPace, type Purchase } from 'pace-rules';
import { main as erpPrePoCheck } from './erp-pre-po-check.js';
import { main as vendorQuote } from './vendor-quote.js';
import { main as districtPolicy } from './district-policy.js';
import { main as integrationPropertyTest } from './integration-property-test.js';

function section(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 92 - title.length))}`);
}

section('1, 2, 4. An ERP checks a requisition before it issues the PO (examples/erp-pre-po-check.ts)');
erpPrePoCheck();

section('3. A vendor prices an order, a group buy and an invoice (examples/vendor-quote.ts)');
vendorQuote();

section('4. Were purchases split to stay under the bid limit? (PCC § 20116)');
const pace = createPace();
const purchases: Purchase[] = [
  { id: 'PO-25-0031', memberId: 'alder-usd', vendorId: 'v-oakline', date: '2025-08-12', amount: '48200.00', supplyKind: 'goods' },
  { id: 'PO-25-0047', memberId: 'alder-usd', vendorId: 'v-oakline', date: '2025-09-03', amount: '46900.00', supplyKind: 'goods' },
  { id: 'PO-25-0052', memberId: 'alder-usd', vendorId: 'v-oakline', date: '2025-09-29', amount: '38500.00', supplyKind: 'goods' },
  { id: 'PO-25-0060', memberId: 'alder-usd', vendorId: 'v-northwind', date: '2025-10-14', amount: '99000.00', supplyKind: 'goods', contractId: 'pace-tech-2024' },
  { id: 'PO-26-0004', memberId: 'birch-esd', vendorId: 'v-oakline', date: '2026-01-13', amount: '9800.00', supplyKind: 'goods' },
];
for (const g of pace.findSplitPurchases(purchases)) {
  console.log(`  ${g.memberId} / ${g.vendorId ?? '-'}: ${g.purchaseIds.join(' + ')} = ${g.total} > ${g.threshold} between ${g.from} and ${g.to} (${g.citation})`);
}
console.log('  (PO-25-0060 is under a cooperative contract and is left out; Birch buys once.)');

section("A district's own policy on top of the bundled packs (examples/district-policy.ts)");
districtPolicy();

section('A property test of an integration with pace-rules/testing (examples/integration-property-test.ts)');
integrationPropertyTest();

console.log('\nMore: `npx pace-rules --help` after `npm run build`, docs/ for the guides, `npm test` for the suite.');
