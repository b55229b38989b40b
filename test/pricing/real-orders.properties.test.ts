// Invariants of priced orders with repeated skus, charges, covered devices and tax, and of the
// fast input path against the schemas it is derived from.
import { afterEach, describe, expect } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import * as z from 'zod/mini';
import { createPace, type Quote } from '../../src/index.js';
import { QuoteInputSchema, GroupBuyInputSchema, InvoiceVerificationInputSchema } from '../../src/model/pricing-input.js';
import { REFUSED, fastChecked, inputParser } from '../../src/model/fast-parse.js';
import { UnitPriceSchema } from '../../src/model/price-schedule.js';
import { PercentSchema, QuantitySchema } from '../../src/model/primitives.js';
import { arbTierTable, cents, contractWith, scheduleOf } from './fixtures.js';

const pace = createPace();
const D = Decimal.clone({ precision: 80 });
const sum = (xs: readonly string[]): Decimal => xs.reduce((s, x) => s.plus(x), new D(0));

const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Apia'];
const originalZone = process.env['TZ'];
afterEach(() => {
  if (originalZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalZone;
});

/** A contract with a volume item (fees possible), a sub-cent item, a covered device, a service and charge terms. */
const arbContract = fc
  .record({
    volume: arbTierTable({ fees: true }),
    subCent: fc.integer({ min: 1, max: 999_999 }),
    screen: fc.constantFrom(3.5, 4, 4.1, 11.6, 15, 23.8, 34.9, 35, 75),
    rounding: fc.constantFrom<'half-up' | 'half-even'>('half-up', 'half-even'),
    roundAt: fc.constantFrom<'line' | 'unit'>('line', 'unit'),
    freightPercent: fc.integer({ min: 0, max: 15 }),
  })
  .map(({ volume, subCent, screen, rounding, roundAt, freightPercent }) => ({
    contract: {
      ...contractWith([
        scheduleOf(
          [
            { sku: 'V', description: 'volume item', price: { kind: 'tiered', mode: 'volume', tiers: volume } },
            { sku: 'COPY', description: 'per copy', price: { kind: 'fixed', unitPrice: new D(subCent).dividedBy(1_000_000).toFixed() } },
            { sku: 'TV', description: 'display', price: { kind: 'fixed', unitPrice: '199.99' }, coveredElectronicDevice: { screenSizeInches: screen } },
            { sku: 'HOUR', description: 'service hour', supplyKind: 'services', price: { kind: 'fixed', unitPrice: '87.50' } },
          ],
          { rounding, roundAt },
        ),
      ]),
      charges: [
        { kind: 'freight', basis: 'percent', percent: String(freightPercent) },
        { kind: 'installation', basis: 'per-unit', amount: '12.00', taxable: true },
      ],
    },
    rounding,
    screen,
  }));

const arbLines = fc.array(
  fc.record({ sku: fc.constantFrom('V', 'COPY', 'TV', 'HOUR'), quantity: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom('2.5', '0.25', 10, 11, 100, 101)) }),
  { minLength: 1, maxLength: 12 },
);
const arbCharges = fc.array(fc.record({ kind: fc.constantFrom('freight', 'installation', 'fuel-surcharge'), amount: fc.integer({ min: 0, max: 100_000 }).map(cents) }), { maxLength: 3 });
const arbTaxRate = fc.option(fc.integer({ min: 0, max: 1500 }).map((n) => new D(n).dividedBy(100).toFixed()), { nil: undefined });
const arbDate = fc.constantFrom('2024-07-01', '2025-09-02', '2025-12-31', '2026-01-01', '2027-06-30', '2027-07-01');

function quoteOf(contract: unknown, lines: unknown[], asOf: string, taxRate: string | undefined, charges: unknown[]): Quote {
  return pace.quote({ contract: contract as never, asOf, lines: lines as never, charges: charges as never, ...(taxRate === undefined ? {} : { taxRate }) });
}

describe('priced orders', () => {
  prop.prop([arbContract, arbLines, arbTaxRate, arbCharges, arbDate], { numRuns: 300 })(
    'lines + charges + fees + tax = total exactly; the taxable base is the taxable lines and charges; tax only with a rate',
    ({ contract, screen }, lines, taxRate, charges, asOf) => {
      const q = quoteOf(contract, lines, asOf, taxRate, charges);
      expect(sum(q.lines.map((l) => l.extended)).toFixed(2)).toBe(q.subtotal);
      const total = sum([q.subtotal, ...q.charges.map((c) => c.amount), ...q.fees.map((f) => f.amount), q.tax]);
      expect(total.toFixed(2)).toBe(q.total);
      const taxable = sum([...q.lines.filter((l) => l.taxable).map((l) => l.extended), ...q.charges.filter((c) => c.taxable).map((c) => c.amount)]);
      expect(taxable.toFixed(2)).toBe(q.taxableAmount);
      if (taxRate === undefined) {
        expect(q.tax).toBe('0.00');
        expect(q.taxRate).toBeUndefined();
        expect(q.findings.some((f) => f.code === 'tax-rate-not-given')).toBe(taxable.gt(0));
      } else {
        expect(q.tax).toBe(taxable.times(taxRate).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
      }
      // every covered display over four inches carries a fee line, and nothing else does
      const displays = q.lines.filter((l) => l.sku === 'TV');
      expect(q.fees.length).toBe(screen > 4 ? displays.length : 0);
    },
  );

  prop.prop([arbContract, arbLines.filter((ls) => ls.length >= 2)], { numRuns: 300 })(
    'a sku split over lines costs what one merged line costs at the same tier, within half a cent per line (per-line rounding)',
    ({ contract }, lines) => {
      const split = quoteOf(contract, lines, '2025-09-02', undefined, []);
      const skus = [...new Set(lines.map((l) => l.sku))];
      const merged = quoteOf(contract, skus.map((sku) => ({ sku, quantity: lines.filter((l) => l.sku === sku).reduce((s, l) => s.plus(l.quantity), new D(0)).toFixed() })), '2025-09-02', undefined, []);
      for (const sku of skus) {
        const parts = split.lines.filter((l) => l.sku === sku);
        const whole = merged.lines.find((l) => l.sku === sku)!;
        // the same tier on every line of the sku
        if (whole.tier !== undefined) for (const p of parts) expect(p.tier?.index).toBe(whole.tier.index);
        const diffCents = sum(parts.map((p) => p.extended)).minus(whole.extended).abs().times(100);
        expect(diffCents.lte(Math.floor((parts.length + 1) / 2))).toBe(true);
      }
    },
  );

  prop.prop([arbContract, arbLines, arbTaxRate, arbCharges, arbDate], { numRuns: 40 })('the same result under every time zone tested', ({ contract }, lines, taxRate, charges, asOf) => {
    process.env['TZ'] = 'UTC';
    const reference = JSON.stringify(quoteOf(contract, lines, asOf, taxRate, charges));
    for (const zone of ZONES) {
      process.env['TZ'] = zone;
      expect(JSON.stringify(quoteOf(contract, lines, asOf, taxRate, charges))).toBe(reference);
    }
  });
});

describe('the fast input path, derived from the schemas', () => {
  const prepared = pace.prepareContract(contractWith([scheduleOf([{ sku: 'A', description: 'a', price: { kind: 'fixed', unitPrice: '1.00' } }])]));
  const arbMeta = fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { nil: undefined });
  const arbQuantity = fc.oneof(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }).map(String), fc.constantFrom('7.5', '0.25', 2.5, '007', -1, 'x', Number.NaN, 1e21, null));
  const arbLine = fc.record(
    { sku: fc.oneof(fc.constantFrom('A', ''), fc.string({ maxLength: 3 })), quantity: arbQuantity, lineId: fc.constantFrom('1', ''), shipTo: fc.string({ maxLength: 3 }), account: fc.constant('01-0000'), meta: arbMeta, extra: fc.constant(1) },
    { requiredKeys: ['sku', 'quantity'] },
  );
  const arbQuoteInput = fc.record(
    {
      contract: fc.constant(prepared),
      lines: fc.array(arbLine, { maxLength: 4 }),
      asOf: fc.constantFrom('2025-09-02', '2025-02-30', '2025/09/02', 20250902),
      taxRate: fc.constantFrom('7.25', '101', '9', ''),
      charges: fc.array(fc.record({ kind: fc.constantFrom('freight', 'handling'), amount: fc.constantFrom('10.00', '-1', 5, '1.005') }), { maxLength: 2 }),
      tierQuantities: fc.dictionary(fc.constantFrom('A', 'B'), arbQuantity, { maxKeys: 2 }),
    },
    { requiredKeys: ['contract', 'lines', 'asOf'] },
  );
  prop.prop([arbQuoteInput], { numRuns: 1000 })('accepts exactly what the schema accepts, with the same validated value, and takes the fast path for the common valid input', (input) => {
    const fast = inputParser(QuoteInputSchema)(input);
    const slow = z.safeParse(QuoteInputSchema, input);
    if (fast === REFUSED) expect(slow.success).toBe(false);
    else {
      expect(slow.success).toBe(true);
      expect(fast).toEqual(slow.data);
    }
  });
  prop.prop([fc.array(fc.record({ sku: fc.constantFrom('A', 'B'), quantity: fc.nat({ max: 500 }), lineId: fc.string({ minLength: 1, maxLength: 3 }), meta: arbMeta }, { requiredKeys: ['sku', 'quantity'] }), { minLength: 1, maxLength: 5 })], { numRuns: 300 })(
    'every valid order of whole quantities (with meta) takes the fast path',
    (lines) => {
      expect(inputParser(QuoteInputSchema)({ contract: prepared, asOf: '2025-09-02', lines, taxRate: '7.25' })).not.toBe(REFUSED);
      expect(inputParser(GroupBuyInputSchema)({ contract: prepared, asOf: '2025-09-02', orders: [{ memberId: 'm', lines }] })).not.toBe(REFUSED);
      expect(inputParser(InvoiceVerificationInputSchema)({ contract: prepared, invoice: { date: '2025-09-02', lines: lines.map((l) => ({ ...l, unitPrice: '1.005' })) } })).not.toBe(REFUSED);
    },
  );
});

describe('the pricing leaves checked by hand-written predicates', () => {
  // Decimal text around the limits the schemas draw: six decimals for a unit price, none for a
  // quantity, 100 for a percentage; and numbers whose text is in exponent notation.
  const decimalLike = fc.oneof(
    fc.stringMatching(/^-?\d{0,4}(?:\.\d{0,8})?$/u),
    fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', ' ', '\n'), maxLength: 12 }),
    fc.constantFrom('', '.', '0', '00', '0.', '.5', '0.000001', '0.0000001', '1.123456', '1.1234567', '01', '100', '100.0', '100.01', '99.999999', '1e3', '١', '7.5', '0.0089'),
    fc.constantFrom(-0, 0, 1, 2.5, 0.0089, 1.123456, 1.1234567, 1e-7, 1e21, 2 ** 53, 2 ** 53 - 1, -1, Number.NaN, Infinity, 0.1 + 0.2),
    fc.double(),
    fc.anything(),
  );
  prop('quantity, unit price and percent are registered with fastCheck', () => {
    const registered = new Set(fastChecked.map((c) => c.schema));
    for (const schema of [QuantitySchema, UnitPriceSchema, PercentSchema]) expect(registered.has(schema)).toBe(true);
  });
  prop.prop([decimalLike], { numRuns: 4000 })('each predicate accepts exactly what its schema accepts', (value) => {
    for (const { schema, predicate } of fastChecked) expect(predicate(value)).toBe(z.safeParse(schema, value).success);
  });
});
