/**
 * What a vendor quoting tool does: price an order under the contract's schedule in force, with the
 * vendor's freight checked against the contract, the California e-waste fee on the Chromebooks and
 * sales tax at the ship-to rate; pool a group order to reach a better volume tier with shared costs
 * split to the cent (the co-op's admin fee is in the contract prices, so it is not a shared cost);
 * and check an invoice against the contract price.
 *
 * Run: npx tsx examples/vendor-quote.ts
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createPace } from 'pace-rules';

const data = (file: string): unknown => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as unknown;

export function main(): void {
  const pace = createPace();
  const contract = pace.prepareContract((data('contracts.json') as unknown[])[0]);

  // One district's order. 480 Chromebooks sit in the 100-499 tier; the quote says what list price saves.
  // The PO ships the Chromebooks to two schools; the sku's total (480) selects the tier of both lines.
  const quote = pace.quote({
    contract,
    asOf: '2026-02-10',
    lines: [
      { sku: 'CB-11', quantity: 300, lineId: '1', shipTo: 'Alder Middle' },
      { sku: 'CB-11', quantity: 180, lineId: '2', shipTo: 'Alder High' },
      { sku: 'PD-HOUR', quantity: '24.5', lineId: '3' },
    ],
    charges: [{ kind: 'freight', amount: '250.00' }],
    taxRate: '7.75', // the ship-to rate: the library never guesses one
  });
  for (const line of quote.lines) console.log(`  ${line.sku.padEnd(8)} ${String(line.quantity).padStart(5)} x ${String(line.unitPrice).padStart(10)} = ${line.extended.padStart(10)}  (saves ${line.savings ?? '-'} off list)${line.shipTo ? ` to ${line.shipTo}` : ''}`);
  console.log(`  subtotal ${quote.subtotal}, savings ${quote.savings}, schedule ${quote.priceScheduleId}`);
  for (const c of quote.charges) console.log(`  charge ${c.kind} ${c.amount} (allowed: ${c.allowed}, taxable: ${c.taxable})`);
  for (const f of quote.fees) console.log(`  fee ${f.kind} ${f.sku} ${f.quantity} x ${f.unitFee} = ${f.amount} (${f.citation})`);
  if (quote.adminFee) console.log(`  admin fee ${quote.adminFee.percent} % of ${quote.adminFee.basis} = ${quote.adminFee.amount} (${quote.adminFee.citation})`);
  console.log(`  taxable ${quote.taxableAmount}, tax ${quote.tax} at ${quote.taxRate ?? '-'} %, total ${quote.total}`);
  for (const f of quote.findings) console.log(`  ${f.severity} ${f.code}: ${f.message}`);

  // Buying more can cost less under volume tiers: the quote says so.
  const cliff = pace.quote({ contract, asOf: '2026-02-10', lines: [{ sku: 'CB-11', quantity: 97 }] });
  for (const f of cliff.findings) console.log(`  ${f.severity} ${f.code}: ${f.message}`);

  // A group buy: three members pool 530 units into the 500-999 tier; shipping split by quantity,
  // every share to the cent and adding up exactly. The co-op's 2 % admin fee is included in the
  // contract prices (the vendor pays it), so it is not charged to the members as a shared cost.
  const group = pace.quoteGroupBuy(data('group-order.json') as Parameters<typeof pace.quoteGroupBuy>[0]);
  for (const m of group.members) {
    const q = m.quote;
    console.log(`  ${m.memberId.padEnd(14)} pays ${m.total.padStart(10)} (lines ${q.subtotal}, e-waste fees ${q.fees.map((f) => f.amount).join(' + ') || '0.00'}, tax ${q.tax}; alone ${m.soloTotal}, saves ${m.savingsVsSolo}); shared: ${m.sharedCosts.map((c) => `${c.kind} ${c.amount}`).join(', ')}`);
  }
  console.log(`  group total ${group.total}`);

  // An invoice checked against the contract: one line billed above the contract price.
  const invoice = pace.verifyInvoice({
    contract,
    invoice: { date: '2026-02-20', lines: [{ sku: 'CB-11', quantity: 150, unitPrice: '274.00' }, { sku: 'CART-36', quantity: 5, unitPrice: '1299.00' }] },
  });
  console.log(`  invoice ok: ${invoice.ok}; overcharge ${invoice.overchargeTotal}`);
  for (const f of invoice.findings) console.log(`  ${f.severity} ${f.code}: ${f.message}${f.citation ? ` (${f.citation})` : ''}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
