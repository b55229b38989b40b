// The four-way invoice match, case by case (the realistic documents are scenario files under
// test/scenarios/pricing/invoice-*.json; the invariants are in verify-invoice.properties.test.ts).
import { describe, expect, it } from 'vitest';
import { createPace, type InvoiceVerificationInput } from '../../src/index.js';
import { contractWith, scheduleOf } from './fixtures.js';
import { thrownPaceError as errorOf } from '../support/thrown-pace-error.js';

const pace = createPace();
const base = contractWith([
  scheduleOf([
    { sku: 'CB', description: 'Chromebook', price: { kind: 'tiered', mode: 'volume', tiers: [{ upTo: 199, unitPrice: '300.00' }, { upTo: 499, unitPrice: '285.00' }, { upTo: null, unitPrice: '270.00' }] }, coveredElectronicDevice: { screenSizeInches: 11.6 } },
    { sku: 'CASE', description: 'Sleeve', price: { kind: 'fixed', unitPrice: '12.00' } },
  ]),
]);
const contract = { ...base, charges: [{ kind: 'freight', basis: 'included' }], adminFee: { percent: '1.5', includedInPrice: true } };
const po = { id: 'PO-7', date: '2025-09-01', lines: [{ lineId: '1', sku: 'CB', quantity: 600 }, { lineId: '2', sku: 'CASE', quantity: 600 }], taxRate: '8.25' };
const line = (sku: string, quantity: number | string, unitPrice: string, lineId?: string) => ({ sku, quantity, unitPrice, ...(lineId ? { lineId } : {}) });
const verify = (input: Partial<InvoiceVerificationInput> & { invoice: InvoiceVerificationInput['invoice'] }) => pace.verifyInvoice({ contract: contract as never, ...input });
const codes = (v: { findings: { code: string; severity: string }[] }) => v.findings.map((f) => `${f.severity} ${f.code}`);

describe('verifyInvoice with a purchase order', () => {
  it('prices 200 units of a 600-unit PO at the 600-unit tier: billed at the 200-unit tier is an overcharge', () => {
    const v = verify({ purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CB', 200, '285.00', '1')] } });
    expect(v.lines[0]).toMatchObject({ contractUnitPrice: '270.00', overcharge: '3000.00', tier: { tierQuantity: '600' } });
    expect(v.ok).toBe(false);
    // without the PO the invoice's own 200 units choose the tier, and the same invoice passes
    expect(verify({ invoice: { date: '2025-09-20', lines: [line('CB', 200, '285.00')] } }).lines[0]!.overcharge).toBe('0.00');
  });

  it('counts earlier invoices and credits against the ordered and received quantities', () => {
    const earlier = [{ date: '2025-09-10', lines: [line('CB', 500, '270.00', '1')] }];
    const over = verify({ purchaseOrder: po, previousInvoices: earlier, invoice: { date: '2025-09-20', lines: [line('CB', 150, '270.00', '1')] } });
    expect(over.findings.find((f) => f.code === 'invoice-quantity-exceeds-order')).toMatchObject({ severity: 'block', citation: 'Purchase order PO-7', data: { sku: 'CB', billed: '650', previouslyBilled: '500', ordered: '600' } });
    // a return of 50 on the earlier invoice brings the order back within 600
    const withCredit = [...earlier, { date: '2025-09-15', lines: [line('CB', -50, '270.00', '1')] }];
    expect(codes(verify({ purchaseOrder: po, previousInvoices: withCredit, invoice: { date: '2025-09-20', lines: [line('CB', 150, '270.00', '1')] } }))).not.toContain('block invoice-quantity-exceeds-order');
    const receipts = [{ date: '2025-09-18', lines: [{ sku: 'CB', quantity: 600 }] }];
    const notReceived = verify({ purchaseOrder: po, receipts: [{ date: '2025-09-18', lines: [{ sku: 'CB', quantity: 100 }] }], invoice: { date: '2025-09-20', lines: [line('CB', 150, '270.00', '1')] } });
    expect(notReceived.findings.find((f) => f.code === 'invoice-quantity-exceeds-receipt')).toMatchObject({ severity: 'block', citation: 'Cal. Pub. Cont. Code § 20118', data: { billed: '150', received: '100' } });
    expect(codes(verify({ purchaseOrder: po, receipts, invoice: { date: '2025-09-20', lines: [line('CB', 150, '270.00', '1')] } }))).not.toContain('block invoice-quantity-exceeds-receipt');
  });

  it('matches a line to its PO line by lineId, so one line over its own quantity is found although the sku is within the order', () => {
    const twoSites = { ...po, lines: [{ lineId: 'A', sku: 'CASE', quantity: 100 }, { lineId: 'B', sku: 'CASE', quantity: 100 }] };
    const v = verify({ purchaseOrder: twoSites, invoice: { date: '2025-09-20', lines: [line('CASE', 120, '12.00', 'A')] } });
    expect(v.findings.filter((f) => f.code === 'invoice-quantity-exceeds-order').map((f) => f.data)).toEqual([{ sku: 'CASE', lineId: 'A', billed: '120', previouslyBilled: '0', ordered: '100' }]);
  });

  it('allows a credit only against a PO line', () => {
    const v = verify({ purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CASE', -2, '12.00', '2'), line('CB', -1, '270.00', '9')] } });
    expect(codes(v)).not.toContain('block invoice-credit-not-on-order'); // line 9 is not on the PO, but its sku is
    const noPo = verify({ invoice: { date: '2025-09-20', lines: [line('CASE', -2, '12.00')] } });
    expect(codes(noPo)).toContain('block invoice-credit-not-on-order');
    expect(noPo.billed.subtotal).toBe('-24.00');
  });

  it('refuses freight the contract includes, and an admin fee the contract includes in its prices', () => {
    const v = verify({ purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CASE', 10, '12.00', '2')], charges: [{ kind: 'freight', amount: '45.00' }], fees: [{ kind: 'admin-fee', amount: '1.80' }] } });
    expect(v.charges).toEqual([{ kind: 'freight', amount: '45.00', taxable: false, allowed: false, maxAllowed: '0.00', overcharge: '45.00' }]);
    expect(v.findings.find((f) => f.code === 'admin-fee-billed-to-member')).toMatchObject({ severity: 'block', citation: 'Contract PACE-24-017, adminFee' });
    expect(v.overchargeTotal).toBe('46.80');
    expect(v.expected).toMatchObject({ subtotal: '120.00', charges: '0.00', fees: '0.00' });
  });

  it('allows an admin fee the contract adds to the prices, up to its percent of the contract subtotal', () => {
    const onTop = { ...contract, adminFee: { percent: '1.5', includedInPrice: false } };
    const invoice = (amount: string) => ({ date: '2025-09-20', lines: [line('CASE', 100, '12.00', '2')], fees: [{ kind: 'admin-fee' as const, amount }] });
    expect(pace.verifyInvoice({ contract: onTop as never, invoice: invoice('18.00') }).ok).toBe(true);
    const over = pace.verifyInvoice({ contract: onTop as never, invoice: invoice('24.00') });
    expect(over.findings.find((f) => f.code === 'invoice-fee-mismatch')).toMatchObject({ severity: 'block', data: { kind: 'admin-fee', billed: '24.00', expected: '18.00' } });
    expect(over.overchargeTotal).toBe('6.00');
  });

  it('passes an invoice that bills what the quote said, admin fee added to the prices included: the quote and the invoice agree to the cent', () => {
    const onTop = { ...base, adminFee: { percent: '1.5', includedInPrice: false } };
    // 37 sleeves: 444.00, 1.5 % = 6.66; 3 Chromebooks: 900.00 (e-waste fee per device), 1.5 % = 13.50
    const q = pace.quote({ contract: onTop as never, asOf: '2025-09-01', lines: [{ sku: 'CASE', quantity: 37 }, { sku: 'CB', quantity: 3 }], taxRate: '8.25' });
    expect(q.adminFee).toMatchObject({ kind: 'admin-fee', percent: '1.5', basis: '1344.00', amount: '20.16' });
    expect(q.taxableAmount).toBe('1344.00'); // the admin fee is not taxed
    const fees = [...q.fees.map((f) => ({ kind: f.kind, amount: f.amount })), { kind: 'admin-fee' as const, amount: q.adminFee!.amount }];
    // The PO the quote became, and the vendor's invoice for all of it.
    const purchaseOrder = { id: 'PO-12', date: '2025-09-01', lines: q.lines.map((l, i) => ({ lineId: String(i + 1), sku: l.sku, quantity: l.quantity })), taxRate: '8.25' };
    const invoice = { date: '2025-09-20', lines: q.lines.map((l, i) => line(l.sku, l.quantity, l.unitPrice, String(i + 1))), fees, tax: q.tax, total: q.total };
    const v = pace.verifyInvoice({ contract: onTop as never, purchaseOrder, invoice });
    expect(codes(v)).toEqual([]);
    expect(v.expected.total).toBe(q.total);
    expect(v.billed.total).toBe(q.total);
    // The same order under a contract whose prices include the fee: no admin fee in the quote.
    expect(pace.quote({ contract: base as never, asOf: '2025-09-01', lines: [{ sku: 'CASE', quantity: 37 }] }).adminFee).toBeUndefined();
  });

  it('recomputes the e-waste fee per covered device: over is an overcharge, under a warning', () => {
    const over = verify({ purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CB', 10, '270.00', '1')], fees: [{ kind: 'ca-ewaste-recycling-fee', amount: '50.00' }] } });
    expect(over.findings.find((f) => f.code === 'invoice-fee-mismatch')).toMatchObject({ severity: 'block', citation: 'Cal. Pub. Res. Code § 42464', data: { billed: '50.00', expected: '40.00' } });
    expect(over.overchargeTotal).toBe('10.00');
    const under = verify({ purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CB', 10, '270.00', '1')], tax: '222.75' } });
    expect(codes(under)).toEqual(['warn invoice-fee-mismatch']);
    expect(under.ok).toBe(true);
  });

  it('notes a fee the packs know no figure for, in both sides as billed, without refusing the invoice', () => {
    const v = verify({ purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CASE', 10, '12.00', '2')], fees: [{ kind: 'ca-battery-fee', amount: '1.80' }], tax: '9.90', total: '131.70' } });
    expect(v.findings.map((f) => [f.severity, f.code, f.data?.['kind']])).toEqual([['warn', 'invoice-fee-not-checked', 'ca-battery-fee']]);
    expect([v.billed.fees, v.expected.fees, v.billed.total, v.expected.total, v.ok]).toEqual(['1.80', '1.80', '131.70', '131.70', true]);
  });

  it('prices by the invoice date when the contract says so', () => {
    const schedule = (base['priceSchedules'] as object[])[0]!;
    const raised = { ...contract, invoiceTerms: { pricesAsOf: 'invoice-date' }, priceSchedules: [{ ...schedule, effectiveTo: '2025-09-14' }, { ...schedule, id: 'fy26b', effectiveFrom: '2025-09-15' }] };
    const v = pace.verifyInvoice({ contract: raised as never, purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CASE', 1, '12.00', '2')] } });
    expect(v.priceScheduleId).toBe('fy26b');
  });
});

  it('allows restocking in percent of the goods returned: the order\'s credits with a PO, the invoice\'s own without one', () => {
    const restocking = { ...contract, charges: [{ kind: 'restocking', basis: 'percent', percent: '10', taxable: false }] };
    const credit = (restock: string, lineId?: string) => ({ date: '2025-09-20', lines: [line('CASE', -5, '12.00', lineId), line('NOPE', -1, '50.00', lineId)], charges: [{ kind: 'restocking' as const, amount: restock }] });
    const earlier = [{ date: '2025-09-10', lines: [line('CASE', 600, '12.00', '2')] }, { date: '2025-09-12', lines: [line('CASE', -10, '12.00', '2')] }];
    // With the PO: 10 % of the 5 + 10 sleeves returned on the order (180.00); the sku not on the contract is no goods of it.
    const order = pace.verifyInvoice({ contract: restocking as never, purchaseOrder: po, previousInvoices: earlier, invoice: credit('18.01', '2') });
    expect(order.charges).toEqual([{ kind: 'restocking', amount: '18.01', taxable: false, allowed: false, maxAllowed: '18.00', overcharge: '0.01' }]);
    // Without one, the allowance is the invoice's own (as for every charge): its 5 sleeves, 60.00.
    const alone = pace.verifyInvoice({ contract: restocking as never, previousInvoices: earlier, invoice: credit('6.00') });
    expect(alone.charges).toEqual([{ kind: 'restocking', amount: '6.00', taxable: false, allowed: true, maxAllowed: '6.00', overcharge: '0.00' }]);
    // A flat restocking term: at most its amount on a return, whatever came back; with nothing returned, nothing.
    const flat = { ...contract, charges: [{ kind: 'restocking', basis: 'flat', amount: '25.00', taxable: false }] };
    expect(pace.verifyInvoice({ contract: flat as never, purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CASE', -1, '12.00', '2')], charges: [{ kind: 'restocking', amount: '25.00' }] } }).charges[0]).toMatchObject({ allowed: true, maxAllowed: '25.00' });
    const notReturned = pace.verifyInvoice({ contract: flat as never, purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CASE', 1, '12.00', '2')], charges: [{ kind: 'restocking', amount: '25.00' }] } });
    expect(notReturned.charges[0]).toMatchObject({ allowed: false, maxAllowed: '0.00', overcharge: '25.00' });
    expect(notReturned.findings.find((f) => f.code === 'invoice-charge-not-allowed')?.message).toContain('25.00 a return, and no goods were returned on the order');
  });

describe('verifyInvoice input', () => {
  it('names the JSON path of each bad field, in the invoice, the PO, the receipts and the earlier invoices', () => {
    const e = errorOf(() =>
      verify({
        invoice: { date: '2025-09-20', lines: [line('CB', 'ten', '270.00')] },
        purchaseOrder: { ...po, date: '2025-02-30' },
        receipts: [{ date: '2025-09-18', lines: [{ sku: 'CB', quantity: -1 }] }],
        previousInvoices: [{ date: '2025-09-10', lines: [line('CB', 1, '270.001234567')] }],
      } as never),
    );
    expect(e.code).toBe('invalid-input');
    expect(e.issues.map((i) => i.path).sort()).toEqual(['$.invoice.lines[0].quantity', '$.previousInvoices[0].lines[0].unitPrice', '$.purchaseOrder.date', '$.receipts[0].lines[0].quantity']);
  });

  it('never changes the caller’s objects', () => {
    const input = { contract, purchaseOrder: po, invoice: { date: '2025-09-20', lines: [line('CB', 200, '285.00', '1')], charges: [{ kind: 'freight' as const, amount: '45.00' }] } };
    const copy = structuredClone(input);
    pace.verifyInvoice(input as never);
    expect(input).toEqual(copy);
    expect(Object.isFrozen(input.invoice)).toBe(false);
  });
});

describe('verifyInvoice: which invoice it is', () => {
  const first = { number: 'INV-4410', id: 'AP-0091', purchaseOrderId: 'PO-7', date: '2025-09-10', lines: [line('CB', 100, '270.00', '1')] };
  const again = (invoice: Record<string, unknown>) => codes(verify({ purchaseOrder: po, previousInvoices: [first], invoice: { date: '2025-09-20', lines: [line('CB', 100, '270.00', '1')], ...invoice } as never }));
  it('blocks an invoice whose number or id an earlier invoice of the order has', () => {
    expect(again({ number: 'INV-4410' })).toContain('block invoice-duplicate');
    expect(again({ number: ' INV-4410 ' })).toContain('block invoice-duplicate');
    // (a number against an id alone, as an ERP that keys invoices by its own id exports them)
    expect(again({ id: 'AP-0091' })).toContain('block invoice-duplicate');
    expect(again({ number: '', id: 'AP-0091' })).toContain('block invoice-duplicate');
    expect(again({ number: 'INV-4411', id: 'AP-0092' })).not.toContain('block invoice-duplicate');
    expect(again({ number: 'inv-4410' })).not.toContain('block invoice-duplicate');
    expect(again({ number: '' })).not.toContain('block invoice-duplicate');
  });
  it('takes a credit memo for no duplicate, on either side', () => {
    const credit = { number: 'INV-4410', date: '2025-09-20', lines: [line('CB', -10, '270.00', '1')] };
    expect(codes(verify({ purchaseOrder: po, previousInvoices: [first], invoice: credit }))).not.toContain('block invoice-duplicate');
    expect(codes(verify({ purchaseOrder: po, previousInvoices: [{ ...credit, date: '2025-09-15' }], invoice: { number: 'INV-4410', date: '2025-09-20', lines: [line('CB', 100, '270.00', '1')] } }))).not.toContain('block invoice-duplicate');
  });
  it('blocks an invoice that names another purchase order', () => {
    const other = verify({ purchaseOrder: po, invoice: { purchaseOrderId: 'PO-8', date: '2025-09-20', lines: [line('CB', 100, '270.00', '1')] } });
    expect(other.findings.find((f) => f.code === 'invoice-po-mismatch')).toMatchObject({ severity: 'block', citation: 'Purchase order PO-7', data: { invoicePurchaseOrderId: 'PO-8', purchaseOrderId: 'PO-7' } });
    expect(codes(verify({ purchaseOrder: po, invoice: { purchaseOrderId: ' PO-7', date: '2025-09-20', lines: [line('CB', 100, '270.00', '1')] } }))).not.toContain('block invoice-po-mismatch');
    expect(codes(verify({ invoice: { purchaseOrderId: 'PO-8', date: '2025-09-20', lines: [line('CB', 100, '270.00', '1')] } }))).not.toContain('block invoice-po-mismatch');
  });
});

describe('verifyInvoice: negative zero is zero', () => {
  // A vendor's billing export prints a backordered line as "-0" or "-0.00" (a zero that went
  // through a subtraction): nothing shipped and nothing returned on it.
  it('takes a line of "-0" for a line of nothing, not for a credit that references no PO line', () => {
    for (const zero of ['-0', '-0.00', '-0.0']) {
      const v = verify({ invoice: { date: '2025-09-20', lines: [line('CB', 100, '300.00'), line('CASE', zero, '12.00')] } });
      expect(codes(v)).not.toContain('block invoice-credit-not-on-order');
      expect(v.lines[1]).toMatchObject({ quantity: '0', billedExtended: '0.00', contractExtended: '0.00', overcharge: '0.00', ok: true });
      expect(v.billed.subtotal).toBe('30000.00');
      expect(v.ok).toBe(true);
    }
  });

  it('takes an invoice whose lines all read "-0.00" for no credit memo: re-sent under an earlier number, it is a duplicate', () => {
    const first = { number: 'INV-4410', purchaseOrderId: 'PO-7', date: '2025-09-10', lines: [line('CB', 100, '270.00', '1')] };
    const resent = verify({ purchaseOrder: po, previousInvoices: [first], invoice: { number: 'INV-4410', date: '2025-09-20', lines: [line('CB', '-0.00', '270.00', '1'), line('CASE', '-0', '12.00', '2')] } });
    expect(codes(resent)).toContain('block invoice-duplicate');
    // and an earlier one of them is an invoice too, not a credit memo
    const zeroFirst = { ...first, lines: [line('CB', '-0', '270.00', '1')] };
    expect(codes(verify({ purchaseOrder: po, previousInvoices: [zeroFirst], invoice: { number: 'INV-4410', date: '2025-09-20', lines: [line('CB', 100, '270.00', '1')] } }))).toContain('block invoice-duplicate');
  });
});
