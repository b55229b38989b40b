/**
 * What a vendor quoting tool does: price an order under the contract's schedule in force, pool a
 * group order to reach a better volume tier with shared costs split to the cent, and check an
 * invoice against the contract price.
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
  const quote = pace.quote({ contract, asOf: '2026-02-10', lines: [{ sku: 'CB-11', quantity: 480 }, { sku: 'PD-HOUR', quantity: '24.5' }] });
  for (const line of quote.lines) console.log(`  ${line.sku.padEnd(8)} ${String(line.quantity).padStart(5)} x ${String(line.unitPrice).padStart(10)} = ${line.extended.padStart(10)}  (saves ${line.savings ?? '-'} off list)`);
  console.log(`  subtotal ${quote.subtotal}, savings ${quote.savings}, schedule ${quote.priceScheduleId}`);

  // Buying more can cost less under volume tiers: the quote says so.
  const cliff = pace.quote({ contract, asOf: '2026-02-10', lines: [{ sku: 'CB-11', quantity: 97 }] });
  for (const f of cliff.findings) console.log(`  ${f.severity} ${f.code}: ${f.message}`);

  // A group buy: three members pool 530 units into the 500-999 tier; shipping split by quantity,
  // the cooperative's fee split equally, every share to the cent and adding up exactly.
  const group = pace.quoteGroupBuy(data('group-order.json') as Parameters<typeof pace.quoteGroupBuy>[0]);
  for (const m of group.members) {
    console.log(`  ${m.memberId.padEnd(14)} pays ${m.total.padStart(10)} (alone ${m.soloTotal}, saves ${m.savingsVsSolo}); shared: ${m.sharedCosts.map((c) => `${c.kind} ${c.amount}`).join(', ')}`);
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
