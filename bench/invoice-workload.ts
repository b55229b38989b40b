/**
 * The invoice-match workload of issue #11, shared by bench/pricing.bench.ts and the callgrind entry
 * that counts its instructions: 64 invoices of 20 lines against the pricing benchmark's contract,
 * each with its purchase order and one receipt. Each invoice bills its PO's quote (freight, the
 * e-waste fee on the covered displays, tax, total), at the contract price except every fourth
 * invoice, which bills one line a dollar over; so the lines, charges, fees, tax and total are all
 * checked, and some findings are built.
 */
import type { InvoiceVerificationInput, Pace, PreparedContract } from '../src/index.js';

export const INVOICE_LINES = 20;

/** `"18.49"` → `"19.49"`, on the text (no float arithmetic on money). */
const dollarMore = (price: string): string => price.replace(/^\d+/, (whole) => String(Number(whole) + 1));

export function invoiceInputs(pace: Pace, contract: PreparedContract, skus: number): InvoiceVerificationInput[] {
  return Array.from({ length: 64 }, (_, seed) => {
    const lines = Array.from({ length: INVOICE_LINES }, (_, j) => ({ lineId: String(j + 1), sku: `SKU-${String((seed * 7 + j * 13) % skus).padStart(4, '0')}`, quantity: 1 + ((seed * 31 + j * 17) % 260) }));
    const purchaseOrder = { id: `PO-${seed}`, date: '2025-08-15', lines, taxRate: '7.75' };
    const q = pace.quote({ contract, asOf: purchaseOrder.date, lines, taxRate: '7.75', charges: [{ kind: 'freight', amount: '120.00' }] });
    const invoice: InvoiceVerificationInput['invoice'] = {
      date: '2025-09-02',
      lines: q.lines.map((l, j) => ({ lineId: l.lineId!, sku: l.sku, quantity: l.quantity, unitPrice: seed % 4 === 0 && j === 3 ? dollarMore(l.unitPrice) : l.unitPrice })),
      charges: q.charges.map((c) => ({ kind: c.kind, amount: c.amount })),
      fees: q.fees.map((f) => ({ kind: f.kind, sku: f.sku, amount: f.amount })),
      tax: q.tax,
      total: q.total,
    };
    return { contract, purchaseOrder, receipts: [{ date: '2025-09-01', lines }], invoice };
  });
}
