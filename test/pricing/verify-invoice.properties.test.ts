// Invariants of the invoice match: an invoice that bills exactly the quote of its PO verifies; one
// cent more on one line is caught on that line alone; a credit at the price the order billed is no
// overcharge; and splitting an invoice's lines between two partial invoices (the second with the
// first as previousInvoices; a line's quantity is not split: each part would be rounded on its own,
// see docs/pricing.md) never changes the total overcharge,
// the co-op's admin fee added to the prices included (an allowance per order, as a charge's is).
// fast-check prints the seed and path of a failing run; replay with { seed, path } in the options.
import { describe, expect } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { createPace, type InvoiceVerificationInput, type Quote } from '../../src/index.js';
import { arbTierTable, cents, contractWith, scheduleOf } from './fixtures.js';

const pace = createPace();
const D = Decimal.clone({ precision: 80 });

/**
 * The co-op's admin fee: none, included in the prices, or added on top at a percent that is often
 * one a contract states (1.5, 2), one that makes a half-cent tie likely (0.5, 2.5), 0, 100, or any
 * of up to three decimals.
 */
const arbAdminPercent = fc.oneof(fc.constantFrom('1.5', '2', '0.5', '2.5', '0', '100', '0.125'), fc.integer({ min: 0, max: 15_000 }).map((n) => new D(n).dividedBy(1000).toFixed()));
const arbAdminFee = fc.oneof(fc.constant(undefined), fc.constant({ percent: '2', includedInPrice: true }), fc.record({ percent: arbAdminPercent, includedInPrice: fc.constant(false) }));

/**
 * The admin fee a vendor bills over an order, in cents off the quote's figure (`null`: none at all;
 * often exactly it, a cent over or under), and how it is split over two partial invoices: all on the
 * first, all on the second, or `split` cents (modulo the fee) on the first and the rest on the second.
 */
const arbAdminBilling = fc.record({
  off: fc.oneof(fc.constantFrom<number | null>(null, 0, 0, 1, -1), fc.integer({ min: -5_000, max: 50_000 })),
  split: fc.oneof(fc.constantFrom<'first' | 'second'>('first', 'second'), fc.nat()),
});

/** A contract with fixed, discount, volume (no flat fees: a vendor bills a flat fee as its own line), sub-cent, covered-device and service items, charge terms and maybe an admin fee. */
const arbContract = fc
  .record({
    volume: arbTierTable(),
    subCent: fc.integer({ min: 1, max: 999_999 }),
    rounding: fc.constantFrom<'half-up' | 'half-even'>('half-up', 'half-even'),
    roundAt: fc.constantFrom<'line' | 'unit'>('line', 'unit'),
    freight: fc.oneof(fc.record({ kind: fc.constant('freight'), basis: fc.constant('percent'), percent: fc.integer({ min: 0, max: 15 }).map(String) }), fc.record({ kind: fc.constant('freight'), basis: fc.constant('flat'), amount: fc.integer({ min: 0, max: 90_000 }).map(cents) }), fc.constant({ kind: 'freight', basis: 'included' })),
    tolerance: fc.option(fc.integer({ min: 0, max: 50 }).map(cents), { nil: undefined }),
    adminFee: arbAdminFee,
  })
  .map(({ volume, subCent, rounding, roundAt, freight, tolerance, adminFee }) => ({
    ...contractWith([
      scheduleOf(
        [
          { sku: 'V', description: 'volume item', price: { kind: 'tiered', mode: 'volume', tiers: volume } },
          { sku: 'COPY', description: 'per copy', price: { kind: 'fixed', unitPrice: new D(subCent).dividedBy(1_000_000).toFixed() } },
          { sku: 'DISC', description: 'discount off list', listPrice: '19.99', price: { kind: 'discount', percentOffList: '12.5' } },
          { sku: 'TV', description: 'display', price: { kind: 'fixed', unitPrice: '199.99' }, coveredElectronicDevice: { screenSizeInches: 23.8 } },
          { sku: 'HOUR', description: 'service hour', supplyKind: 'services', price: { kind: 'fixed', unitPrice: '87.50' } },
        ],
        { rounding, roundAt },
      ),
    ]),
    charges: [freight, { kind: 'installation', basis: 'per-unit', amount: '12.00', taxable: true }],
    ...(tolerance === undefined ? {} : { invoiceTerms: { lineTolerance: tolerance } }),
    ...(adminFee === undefined ? {} : { adminFee }),
  }));

/** A PO: 1-8 lines with lineIds (a sku may repeat), a tax rate or none, the vendor's proposed charges, and its date. */
const arbOrder = fc.record({
  lines: fc.array(fc.record({ sku: fc.constantFrom('V', 'COPY', 'DISC', 'TV', 'HOUR'), quantity: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constantFrom(1, 10, 11, 100, 101)) }), { minLength: 1, maxLength: 8 }).map((ls) => ls.map((l, i) => ({ ...l, lineId: String((i + 1) * 10) }))),
  taxRate: fc.option(fc.integer({ min: 0, max: 1500 }).map((n) => new D(n).dividedBy(100).toFixed()), { nil: undefined }),
  charges: fc.array(fc.record({ kind: fc.constantFrom('freight', 'installation', 'fuel-surcharge'), amount: fc.integer({ min: 0, max: 100_000 }).map(cents) }), { maxLength: 3 }),
  date: fc.integer({ min: 0, max: 150 }).map((d) => new Date(Date.UTC(2025, 6, 1 + d)).toISOString().slice(0, 10)),
});

type Order = typeof arbOrder extends fc.Arbitrary<infer T> ? T : never;
type Invoice = InvoiceVerificationInput['invoice'];

const purchaseOrderOf = (o: Order) => ({ id: 'PO-1', date: o.date, lines: o.lines, ...(o.taxRate === undefined ? {} : { taxRate: o.taxRate }) });

/** The quote of the PO with only the charges the contract allows (the vendor dropped the others). */
function quoteOf(contract: unknown, o: Order): Quote {
  const ask = (charges: unknown[]): Quote => pace.quote({ contract: contract as never, asOf: o.date, lines: o.lines, charges: charges as never, ...(o.taxRate === undefined ? {} : { taxRate: o.taxRate }) });
  const first = ask(o.charges);
  return ask(first.charges.filter((c) => c.allowed).map((c) => ({ kind: c.kind, amount: c.amount })));
}

/** The invoice that bills exactly the quote: same lines and prices, charges, fees (the admin fee too), tax and total. */
function invoiceOf(q: Quote, date: string): Invoice {
  return {
    date,
    lines: q.lines.map((l) => ({ lineId: l.lineId!, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
    charges: q.charges.map((c) => ({ kind: c.kind, amount: c.amount })),
    fees: [...q.fees.map((f) => ({ kind: f.kind, sku: f.sku, lineId: f.lineId!, amount: f.amount })), ...(q.adminFee === undefined ? [] : [{ kind: 'admin-fee', amount: q.adminFee.amount }])],
    ...(q.taxRate === undefined ? {} : { tax: q.tax }),
    total: q.total,
  };
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('verifyInvoice', () => {
  prop.prop([arbContract, arbOrder, fc.integer({ min: 0, max: 20 })], { numRuns: Number(process.env["FC_NUM_RUNS"] ?? 200) })('an invoice that bills exactly the quote of its PO verifies ok, with nothing overcharged and both sides equal', (contract, order, days) => {
    const q = quoteOf(contract, order);
    const v = pace.verifyInvoice({ contract: contract as never, invoice: invoiceOf(q, addDays(order.date, days)), purchaseOrder: purchaseOrderOf(order) });
    expect(v.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.overchargeTotal).toBe('0.00');
    expect(v.billed).toEqual({ subtotal: q.subtotal, charges: sum(q.charges.map((c) => c.amount)), fees: sum([...q.fees.map((f) => f.amount), q.adminFee?.amount ?? '0']), tax: q.tax, total: q.total });
    expect(v.expected).toEqual(v.billed);
    expect(v.lines.map((l) => l.contractExtended)).toEqual(q.lines.map((l) => l.extended));
  });

  prop.prop([arbContract, arbOrder, fc.nat()], { numRuns: Number(process.env["FC_NUM_RUNS"] ?? 200) })('raising one billed unit price by a cent makes the invoice not ok, with exactly that line overcharged', (contract, order, pick) => {
    const q = quoteOf(contract, order);
    const invoice = invoiceOf(q, order.date);
    const i = pick % invoice.lines.length;
    const { total: _dropped, ...rest } = invoice; // the total would be off too; this is about the line
    const lines = invoice.lines.map((l, k) => (k === i ? { ...l, unitPrice: new D(l.unitPrice).plus('0.01').toFixed() } : l));
    const v = pace.verifyInvoice({ contract: contract as never, invoice: { ...rest, lines }, purchaseOrder: purchaseOrderOf(order) });
    const tolerance = new D((contract as { invoiceTerms?: { lineTolerance: string } }).invoiceTerms?.lineTolerance ?? '0');
    // Whole units: the line bills exactly a cent a unit more, after rounding.
    const raised = new D(order.lines[i]!.quantity).times('0.01');
    if (raised.gt(tolerance)) {
      expect(v.ok).toBe(false);
      expect(v.lines.flatMap((l, k) => (l.overcharge !== '0.00' ? [k] : []))).toEqual([i]);
      expect(v.findings.filter((f) => f.severity === 'block').map((f) => f.code)).toEqual(['invoice-overcharge']);
      expect(v.overchargeTotal).toBe(v.lines[i]!.overcharge);
    } else {
      expect(v.ok).toBe(true);
      expect(v.overchargeTotal).toBe('0.00');
      expect(v.findings.map((f) => f.code)).toContain('invoice-within-tolerance');
    }
  });

  prop.prop([arbContract, arbOrder, fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 8, maxLength: 8 }), fc.nat(), fc.nat()], { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200) })(
    'a credit that refunds returned units at the price the order billed them at, at or below the contract, is never an overcharge',
    (contract, order, discounts, pick, returned) => {
      const q = quoteOf(contract, order);
      // The order billed below (or at) the contract, then a credit memo returns some units of one
      // line at the price that line was billed at.
      const lines = q.lines.map((l, k) => ({ lineId: l.lineId!, sku: l.sku, quantity: l.quantity, unitPrice: D.max(0, new D(l.unitPrice).minus(new D(discounts[k]!).dividedBy(10_000))).toFixed() }));
      const i = pick % lines.length;
      const units = 1 + (returned % Number(lines[i]!.quantity));
      const invoice = { number: 'INV-1', date: addDays(order.date, 5), lines };
      const memo = { number: 'CM-1', date: addDays(order.date, 9), lines: [{ ...lines[i]!, quantity: `-${units}` }] };
      const v = pace.verifyInvoice({ contract: contract as never, invoice: memo, purchaseOrder: purchaseOrderOf(order), previousInvoices: [invoice] });
      expect(v.lines[0]!.overcharge).toBe('0.00');
      expect(v.findings.filter((f) => f.code === 'invoice-overcharge')).toEqual([]);
    },
  );

  prop.prop(
    [
      arbContract,
      arbOrder,
      fc.array(fc.integer({ min: -300, max: 3000 }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      fc.array(fc.record({ kind: fc.constantFrom('freight', 'installation', 'fuel-surcharge'), amount: fc.integer({ min: 0, max: 100_000 }).map(cents) }), { maxLength: 3 }),
      fc.boolean(),
      arbAdminBilling,
    ],
    { numRuns: Number(process.env["FC_NUM_RUNS"] ?? 200) },
  )("splitting an invoice's lines between two partial invoices never changes the total overcharge", (contract, order, bumps, firstPart, charges, offContract, adminBilling) => {
    const q = quoteOf(contract, order);
    // The admin fee billed in all (the quote's, when the contract adds one, give or take; billed
    // under a contract that does not, it is overcharged in full), and its parts.
    const adminTotal = adminBilling.off === null ? 0 : Math.max(0, moneyCents(q.adminFee?.amount ?? '0') + adminBilling.off);
    const adminFirst = adminBilling.split === 'first' ? adminTotal : adminBilling.split === 'second' ? 0 : adminBilling.split % (adminTotal + 1);
    const taxable = new Set(['V', 'COPY', 'DISC', 'TV', 'NOT-ON-CONTRACT']);
    // The vendor's invoice, with some prices off the contract (either way), its own charges and maybe a sku not on the contract.
    const lines = q.lines.map((l, k) => ({ lineId: l.lineId!, sku: l.sku, quantity: l.quantity, unitPrice: D.max(0, new D(l.unitPrice).plus(new D(bumps[k]!).dividedBy(100))).toFixed() }));
    if (offContract) lines.push({ lineId: '999', sku: 'NOT-ON-CONTRACT', quantity: '3', unitPrice: '12.34' });
    const chargeTaxable = (kind: string): boolean => kind === 'installation' || kind === 'fuel-surcharge';
    const rounding = (contract as unknown as { priceSchedules: { rounding: 'half-up' | 'half-even' }[] }).priceSchedules[0]!.rounding;
    const extended = (l: (typeof lines)[number]): Decimal => new D(l.unitPrice).times(l.quantity).toDecimalPlaces(2, rounding === 'half-even' ? Decimal.ROUND_HALF_EVEN : Decimal.ROUND_HALF_UP);
    // Each part bills its own lines' fees, and tax on its own billed base at the PO's rate, correctly.
    const invoice = (date: string, part: typeof lines, partCharges: typeof charges, adminFee: number): Invoice => {
      const base = [...part.filter((l) => taxable.has(l.sku)).map(extended), ...partCharges.filter((c) => chargeTaxable(c.kind)).map((c) => new D(c.amount))].reduce((s, x) => s.plus(x), new D(0));
      const ids = new Set(part.map((l) => l.lineId));
      return {
        date,
        lines: part,
        charges: partCharges as NonNullable<Invoice['charges']>,
        fees: [...q.fees.filter((f) => ids.has(f.lineId!)).map((f) => ({ kind: f.kind, sku: f.sku, amount: f.amount })), ...(adminFee > 0 ? [{ kind: 'admin-fee', amount: cents(adminFee) }] : [])],
        ...(order.taxRate === undefined ? {} : { tax: base.times(order.taxRate).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) }),
      };
    };
    const purchaseOrder = purchaseOrderOf(order);
    const whole = pace.verifyInvoice({ contract: contract as never, invoice: invoice(addDays(order.date, 10), lines, charges, adminTotal), purchaseOrder });
    const inFirst = (k: number): boolean => firstPart[k % firstPart.length]!;
    const a = invoice(addDays(order.date, 5), lines.filter((_, k) => inFirst(k)), charges.filter((_, k) => inFirst(k + 3)), adminFirst);
    const b = invoice(addDays(order.date, 10), lines.filter((_, k) => !inFirst(k)), charges.filter((_, k) => !inFirst(k + 3)), adminTotal - adminFirst);
    if (a.lines.length === 0 || b.lines.length === 0) return;
    const first = pace.verifyInvoice({ contract: contract as never, invoice: a, purchaseOrder });
    const second = pace.verifyInvoice({ contract: contract as never, invoice: b, purchaseOrder, previousInvoices: [a] });
    expect(new D(first.overchargeTotal).plus(second.overchargeTotal).toFixed(2)).toBe(whole.overchargeTotal);
  });

  prop.prop([arbContract, arbAdminPercent, arbOrder, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.nat(), fc.constantFrom(0, 1)], { numRuns: Number(process.env["FC_NUM_RUNS"] ?? 200) })(
    "the quote's admin fee, billed in any parts over two partial invoices of the order, is allowed, and a cent more in all is a cent overcharged",
    (contract, percent, order, firstPart, split, extra) => {
      const onTop = { ...contract, adminFee: { percent, includedInPrice: false } };
      const q = quoteOf(onTop, order);
      const fee = moneyCents(q.adminFee!.amount);
      const whole = invoiceOf(q, addDays(order.date, 10));
      const part = (first: boolean, adminFee: number): Invoice => {
        const keep = whole.lines.map((_, k) => firstPart[k % firstPart.length] === first);
        const ids = new Set(whole.lines.filter((_, k) => keep[k]).map((l) => l.lineId));
        return {
          date: addDays(order.date, first ? 5 : 10),
          lines: whole.lines.filter((_, k) => keep[k]),
          fees: [...q.fees.filter((f) => ids.has(f.lineId!)).map((f) => ({ kind: f.kind, amount: f.amount })), ...(adminFee !== 0 ? [{ kind: 'admin-fee', amount: cents(adminFee) }] : [])],
        };
      };
      const onFirst = split % (fee + 1);
      const a = part(true, onFirst);
      const b = part(false, fee - onFirst + extra);
      if (a.lines.length === 0 || b.lines.length === 0) return;
      const purchaseOrder = purchaseOrderOf(order);
      const first = pace.verifyInvoice({ contract: onTop as never, invoice: a, purchaseOrder });
      const second = pace.verifyInvoice({ contract: onTop as never, invoice: b, purchaseOrder, previousInvoices: [a] });
      expect(first.overchargeTotal).toBe('0.00');
      expect(first.findings.filter((f) => f.data?.['kind'] === 'admin-fee')).toEqual([]);
      expect(first.expected.fees).toBe(first.billed.fees); // what it billed of the fee, no more
      expect(second.overchargeTotal).toBe(cents(extra));
      expect(second.findings.filter((f) => f.data?.['kind'] === 'admin-fee').map((f) => [f.severity, f.data?.['expected']])).toEqual(extra === 0 ? [] : [['block', cents(fee - onFirst)]]);
    },
  );
});

/** Whole cents of a money string ("12.34" -> 1234). */
function moneyCents(x: string): number {
  return new D(x).times(100).toNumber();
}

function sum(xs: readonly string[]): string {
  return xs.reduce((s, x) => s.plus(x), new D(0)).toFixed(2);
}
