import { describe, expect } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { allocate, createPace, type Quote } from '../../src/index.js';
import { Dec } from '../../src/money/decimal.js';
import { contractIndex } from '../../src/contracts/prepare-contract.js';
import { amountCents } from '../../src/pricing/price-line.js';
import { normaliseQty } from '../../src/contracts/quantity.js';
import { arbQuantityFor, arbTierTable, cents, contractWith, scheduleOf, type TierInput } from './fixtures.js';

const pace = createPace();
const D = Decimal.clone({ precision: 80 });

/** An independent, deliberately naive reference: exact decimals, unit by tier, no shortcuts. */
function referenceTier(tiers: readonly TierInput[], t: Decimal): number {
  const i = tiers.findIndex((x) => x.upTo === null || t.lte(new D(x.upTo)));
  return i;
}
function referenceLadder(tiers: readonly TierInput[], t: Decimal): Decimal {
  let total = new D(0);
  let lower = new D(0);
  for (const tier of tiers) {
    if (!t.gt(lower)) break;
    const top = tier.upTo === null ? t : D.min(t, new D(tier.upTo));
    total = total.plus(top.minus(lower).times(tier.unitPrice)).plus(tier.flatFee ?? 0);
    if (tier.upTo === null) break;
    lower = new D(tier.upTo);
  }
  return total;
}
function referenceExtended(mode: 'volume' | 'graduated', tiers: readonly TierInput[], q: Decimal, t: Decimal, rounding: 'half-up' | 'half-even'): string {
  const r = rounding === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN;
  if (q.isZero() || t.isZero()) return '0.00';
  let amount: Decimal;
  if (mode === 'volume') {
    const tier = tiers[referenceTier(tiers, t)]!;
    amount = q.times(tier.unitPrice).plus(new D(tier.flatFee ?? 0).times(q).dividedBy(t));
  } else amount = referenceLadder(tiers, t).times(q).dividedBy(t);
  return amount.toDecimalPlaces(2, r).toFixed(2);
}

function tieredContract(mode: 'volume' | 'graduated', tiers: TierInput[], rounding?: 'half-up' | 'half-even') {
  return contractWith([scheduleOf([{ sku: 'X', description: 'x', price: { kind: 'tiered', mode, tiers } }], rounding ? { rounding } : {})]);
}
function quoteOne(contract: unknown, quantity: number | string, tierQuantity?: number | string): Quote {
  return pace.quote({ contract: contract as never, asOf: '2025-09-02', lines: [{ sku: 'X', quantity }], ...(tierQuantity === undefined ? {} : { tierQuantities: { X: tierQuantity } }) });
}
const arbMode = fc.constantFrom<'volume' | 'graduated'>('volume', 'graduated');
const arbRounding = fc.constantFrom<'half-up' | 'half-even'>('half-up', 'half-even');

describe('tier pricing invariants (quantities on the tier boundaries on purpose)', () => {
  prop.prop([arbTierTable({ fractionalBounds: true }).chain((t) => fc.tuple(fc.constant(t), arbQuantityFor(t), arbQuantityFor(t)))], { numRuns: 300 })(
    'volume: the unit price never rises as the quantity rises',
    ([tiers, a, b]) => {
      const contract = tieredContract('volume', tiers);
      const [lo, hi] = new D(a).lte(new D(b)) ? [a, b] : [b, a];
      expect(new D(quoteOne(contract, hi).lines[0]!.unitPrice).lte(new D(quoteOne(contract, lo).lines[0]!.unitPrice))).toBe(true);
    },
  );

  prop.prop([arbTierTable({ fees: true, fractionalBounds: true }).chain((t) => fc.tuple(fc.constant(t), arbQuantityFor(t), arbQuantityFor(t))), arbRounding], { numRuns: 300 })(
    'graduated: the total never falls as the quantity rises, and equals the rounded sum over its tiers',
    ([tiers, a, b], rounding) => {
      const contract = tieredContract('graduated', tiers, rounding);
      const [lo, hi] = new D(a).lte(new D(b)) ? [a, b] : [b, a];
      const low = quoteOne(contract, lo).lines[0]!;
      const high = quoteOne(contract, hi).lines[0]!;
      expect(new D(high.extended).gte(new D(low.extended))).toBe(true);
      const slices = high.tier!.slices!;
      const sum = slices.reduce((s, x) => s.plus(x.amount).plus(x.flatFee ?? 0), new D(0));
      expect(sum.toFixed()).toBe(new D(high.tier!.ladderTotal!).toFixed());
      expect(high.extended).toBe(sum.toDecimalPlaces(2, rounding === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN).toFixed(2));
      expect(slices.reduce((s, x) => s.plus(x.quantity), new D(0)).toFixed()).toBe(new D(hi).toFixed());
    },
  );

  prop.prop([arbTierTable({ fractionalBounds: true }).chain((t) => fc.tuple(fc.constant(t), arbQuantityFor(t))), arbRounding, fc.integer({ min: 1, max: 999_99 }), fc.integer({ min: 0, max: 1000 })], { numRuns: 300 })(
    'fixed and volume: extended is the unit price times the quantity, rounded once',
    ([tiers, q], rounding, fixedCents, percentTenths) => {
      const list = `${Math.floor(fixedCents / 100)}.${String(fixedCents % 100).padStart(2, '0')}`;
      const contract = contractWith([
        scheduleOf(
          [
            { sku: 'X', description: 'x', price: { kind: 'tiered', mode: 'volume', tiers } },
            { sku: 'F', description: 'f', price: { kind: 'fixed', unitPrice: list } },
            { sku: 'D', description: 'd', listPrice: list, price: { kind: 'discount', percentOffList: new D(percentTenths).dividedBy(10).toFixed() } },
          ],
          { rounding },
        ),
      ]);
      const r = pace.quote({ contract: contract as never, asOf: '2025-09-02', lines: [{ sku: 'X', quantity: q }, { sku: 'F', quantity: q }, { sku: 'D', quantity: q }] });
      const mode = rounding === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN;
      for (const line of r.lines) expect(line.extended).toBe(new D(line.unitPrice).times(line.quantity).toDecimalPlaces(2, mode).toFixed(2));
      // the discounted unit price is exact: list × (100 − percent) / 100, never rounded
      const discounted = new D(list).times(new D(1000).minus(percentTenths)).dividedBy(1000);
      expect(new D(r.lines[2]!.unitPrice).equals(discounted)).toBe(true);
      expect(r.subtotal).toBe(r.lines.reduce((s, l) => s.plus(l.extended), new D(0)).toFixed(2));
    },
  );

  prop.prop(
    [arbMode, arbRounding, arbTierTable({ fees: true, fractionalBounds: true }).chain((t) => fc.tuple(fc.constant(t), arbQuantityFor(t), arbQuantityFor(t)))],
    { numRuns: 500 },
  )('every tiered line (integer fast path or Decimal path, pooled or not) equals an independent exact reference', (mode, rounding, [tiers, a, b]) => {
    const contract = tieredContract(mode, tiers, rounding);
    const [q, t] = new D(a).lte(new D(b)) ? [a, b] : [b, a];
    const own = quoteOne(contract, q).lines[0]!;
    expect(own.extended).toBe(referenceExtended(mode, tiers, new D(q), new D(q), rounding));
    const pooled = quoteOne(contract, q, t).lines[0]!;
    const reference = referenceExtended(mode, tiers, new D(q), new D(t), rounding);
    // pooled unless pooling would cost more than the line's own quantity (contract prices are ceilings)
    expect(pooled.extended).toBe(new D(reference).lte(own.extended) ? reference : own.extended);
    expect(new D(pooled.extended).lte(own.extended)).toBe(true);
    // the integer fast path and the exact Decimal path agree on the same numbers
    const item = contractIndex(pace.prepareContract(contract)).pricing.schedules[0]!.items.get('X')!;
    for (const [x, y] of [[q, q], [q, t]] as const) {
      const fast = amountCents(item, normaliseQty(new Dec(x)), normaliseQty(new Dec(y)), rounding);
      expect(amountCents(item, new Dec(x), new Dec(y), rounding)).toBe(fast);
    }
  });

  prop.prop([arbTierTable({ fees: true }).chain((t) => fc.tuple(fc.constant(t), arbQuantityFor(t)))], { numRuns: 200 })(
    'volume cliff: a reported cheaper quantity is larger and really costs what the finding says',
    ([tiers, q]) => {
      const contract = tieredContract('volume', tiers);
      const r = quoteOne(contract, q);
      const cliff = r.findings.find((f) => f.code === 'volume-cliff');
      if (cliff === undefined) {
        // no boundary above is cheaper
        for (const t of tiers) {
          if (t.upTo === null || new D(t.upTo).lt(new D(q))) continue;
          const bigger = new D(t.upTo).floor().plus(1);
          if (bigger.lte(new D(q))) continue;
          expect(new D(quoteOne(contract, bigger.toFixed()).subtotal).gte(r.subtotal)).toBe(true);
        }
        return;
      }
      const data = cliff.data as { cheaperQuantity: string; cheaperTotal: string };
      expect(new D(data.cheaperQuantity).gt(new D(q))).toBe(true);
      expect(quoteOne(contract, data.cheaperQuantity).subtotal).toBe(data.cheaperTotal);
      expect(new D(data.cheaperTotal).lt(r.subtotal)).toBe(true);
    },
  );
});

const arbOrders = (skus: readonly string[]) =>
  fc.array(
    fc.record({
      lines: fc.subarray([...skus], { minLength: 1 }).chain((chosen) => fc.tuple(...chosen.map((sku) => fc.record({ sku: fc.constant(sku), quantity: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.constantFrom(5, 10, 50, 51, 100, '2.5')) })))),
    }),
    { minLength: 1, maxLength: 8 },
  );

describe('group buy invariants', () => {
  prop.prop(
    [
      arbTierTable({ fees: true }),
      arbTierTable({ fees: true, fractionalBounds: true }),
      arbRounding,
      arbOrders(['V', 'G', 'F']),
      fc.array(fc.record({ kind: fc.constantFrom('freight', 'setup', 'admin'), amount: fc.integer({ min: 0, max: 5000_00 }), basis: fc.constantFrom<'quantity' | 'amount' | 'equal'>('quantity', 'amount', 'equal') }), { maxLength: 3 }),
    ],
    { numRuns: 200 },
  )('member totals add up to the group total exactly; nobody pays more pooled than alone; shares within a cent of pro rata', (volumeTiers, gradTiers, rounding, orders, costs) => {
    const contract = contractWith([
      scheduleOf(
        [
          { sku: 'V', description: 'v', price: { kind: 'tiered', mode: 'volume', tiers: volumeTiers } },
          { sku: 'G', description: 'g', price: { kind: 'tiered', mode: 'graduated', tiers: gradTiers } },
          { sku: 'F', description: 'f', listPrice: '9.99', price: { kind: 'discount', percentOffList: '12.5' } },
        ],
        { rounding },
      ),
    ]);
    const sharedCosts = costs.map((c) => ({ ...c, amount: new D(c.amount).dividedBy(100).toFixed(2) }));
    const g = pace.quoteGroupBuy({ contract: contract as never, asOf: '2025-09-02', orders: orders.map((o, i) => ({ memberId: `m${i}`, lines: o.lines })), sharedCosts });
    const sum = (xs: string[]): string => xs.reduce((s, x) => s.plus(x), new D(0)).toFixed(2);
    expect(sum(g.members.map((m) => m.total))).toBe(g.total);
    expect(sum([g.subtotal, g.sharedCostsTotal])).toBe(g.total);
    expect(g.sharedCostsTotal).toBe(sum(sharedCosts.map((c) => c.amount)));
    for (const m of g.members) {
      expect(sum([m.quote.subtotal, ...m.sharedCosts.map((s) => s.amount)])).toBe(m.total);
      expect(new D(m.total).lte(m.soloTotal)).toBe(true);
      expect(m.savingsVsSolo).toBe(new D(m.soloTotal).minus(m.total).toFixed(2));
      // the solo subtotal is what the member's lines cost quoted alone
      const alone = pace.quote({ contract: contract as never, asOf: '2025-09-02', lines: orders[Number(m.memberId.slice(1))]!.lines });
      expect(m.soloSubtotal).toBe(alone.subtotal);
    }
    // pooled quantities are the sums of the orders
    for (const [sku, pooled] of Object.entries(g.tierQuantities)) {
      expect(pooled).toBe(orders.flatMap((o) => o.lines).filter((l) => l.sku === sku).reduce((s, l) => s.plus(l.quantity), new D(0)).toFixed());
    }
    sharedCosts.forEach((cost, c) => {
      const weights = g.members.map((m, i) =>
        cost.basis === 'equal' ? new D(1) : cost.basis === 'amount' ? new D(m.subtotal) : orders[i]!.lines.reduce((s, l) => s.plus(l.quantity), new D(0)),
      );
      const total = weights.reduce((s, w) => s.plus(w), new D(0));
      const shares = g.members.map((m) => m.sharedCosts[c]!.amount);
      expect(sum(shares)).toBe(cost.amount);
      shares.forEach((share, i) => {
        const exact = total.isZero() ? new D(cost.amount).dividedBy(g.members.length) : new D(cost.amount).times(weights[i]!).dividedBy(total);
        expect(exact.minus(share).abs().lt('0.01')).toBe(true);
      });
    });
    // Listed in the other order, every member pays the same: a cent left over between equal
    // remainders goes to the larger weight, then to the first member id, never by position.
    const reversed = pace.quoteGroupBuy({ contract: contract as never, asOf: '2025-09-02', orders: orders.map((o, i) => ({ memberId: `m${i}`, lines: o.lines })).reverse(), sharedCosts });
    const byMember = (q: typeof g): Record<string, unknown> => Object.fromEntries(q.members.map((m) => [m.memberId, [m.total, m.quote.total, m.sharedCosts.map((s) => s.amount)]]));
    expect(byMember(reversed)).toEqual(byMember(g));
    expect(reversed.total).toBe(g.total);
  });
});

describe('group buy members: each its own state, tax rate and units', () => {
  // Tax as the library rounds it: once per order, half-up (an independent reference).
  const taxAt = (taxable: string, rate: string | undefined): string => (rate === undefined ? '0.00' : new D(taxable).times(rate).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
  const arbMemberOrder = (tiers: TierInput[]) =>
    fc.record({
      devices: fc.oneof(arbQuantityFor(tiers).map((q) => Math.floor(Number(q))), fc.constant(0)),
      hours: fc.constantFrom(0, 0, 1, 12, 280, '7.5'),
      state: fc.constantFrom<'CA' | 'NV' | undefined>('CA', 'NV', undefined),
      taxRate: fc.constantFrom<string | undefined>(undefined, '0', '7.25', '9.25', '10.75'),
    });
  prop.prop(
    [
      arbTierTable({ fees: true }).chain((tiers) => fc.tuple(fc.constant(tiers), fc.array(arbMemberOrder(tiers), { minLength: 1, maxLength: 5 }))),
      fc.constantFrom<string | undefined>(undefined, '8.265'),
      fc.integer({ min: 0, max: 2000_00 }),
      fc.integer({ min: 0, max: 500_00 }),
    ],
    { numRuns: 200 },
  )("a member's soloTotal is its own pace.quote (same member, same rate) plus its shares taxed at its rate; quantity splits count only the contract's own supply kind", ([tiers, members], groupRate, freight, handling) => {
    const contract = {
      ...contractWith([
        scheduleOf([
          { sku: 'DEV', description: 'Chromebook', coveredElectronicDevice: { screenSizeInches: 11.6 }, price: { kind: 'tiered', mode: 'volume', tiers } },
          { sku: 'HOUR', description: 'Training hour', supplyKind: 'services', price: { kind: 'fixed', unitPrice: '150.00' } },
        ]),
      ]),
      charges: [{ kind: 'freight', basis: 'actual' }, { kind: 'other', basis: 'actual', taxable: true }],
    };
    const sharedCosts = [
      { kind: 'freight', amount: cents(freight), basis: 'quantity' as const },
      { kind: 'other', amount: cents(handling), basis: 'quantity' as const },
    ];
    const orders = members.map((o, i) => {
      const lines = [{ sku: 'DEV', quantity: o.devices }, ...(o.hours === 0 ? [] : [{ sku: 'HOUR', quantity: o.hours }])];
      const member = o.state === undefined ? undefined : { id: `m${i}`, name: `Member ${i}`, kind: 'charter-school' as const, state: o.state };
      return { memberId: `m${i}`, lines, ...(member ? { member } : {}), ...(o.taxRate !== undefined ? { taxRate: o.taxRate } : {}) };
    });
    const asOf = '2025-09-02';
    const g = pace.quoteGroupBuy({ contract: contract as never, asOf, orders, sharedCosts, ...(groupRate !== undefined ? { taxRate: groupRate } : {}) });
    const sum = (xs: string[]): string => xs.reduce((t, x) => t.plus(x), new D(0)).toFixed(2);
    expect(sum(g.members.map((m) => m.total))).toBe(g.total);
    const devices = members.map((o) => o.devices);
    const allZero = devices.every((d) => d === 0);
    g.members.forEach((m, i) => {
      const order = orders[i]!;
      const rate = members[i]!.taxRate ?? groupRate;
      const alone = pace.quote({ contract: contract as never, asOf, lines: order.lines, ...(order.member ? { member: order.member } : {}), ...(rate !== undefined ? { taxRate: rate } : {}) });
      // No e-waste fee outside California; the California fee (4.00 under 15 inches, 2025) inside it.
      expect(m.quote.fees.map((f) => f.amount)).toEqual(members[i]!.state === 'NV' ? [] : [cents(devices[i]! * 400)]);
      expect(m.quote.taxRate).toBe(rate);
      expect(m.soloSubtotal).toBe(alone.subtotal);
      // Its shares of the quantity splits: by its devices (the hours do not ship), equally when nobody has any.
      m.sharedCosts.forEach((share, c) => {
        const exact = allZero ? new D(sharedCosts[c]!.amount).dividedBy(members.length) : new D(sharedCosts[c]!.amount).times(devices[i]!).dividedBy(devices.reduce((a, b) => a + b, 0));
        expect(exact.minus(share.amount).abs().lt('0.01')).toBe(true);
      });
      // The handling is taxable: taxed with the member's own order at its own rate, rounded once.
      const handlingShare = m.sharedCosts[1]!.amount;
      const soloShareTax = new D(taxAt(sum([alone.taxableAmount, handlingShare]), rate)).minus(alone.tax).toFixed(2);
      expect(m.soloTotal).toBe(sum([alone.total, ...m.sharedCosts.map((s) => s.amount), soloShareTax]));
      const shareTax = new D(taxAt(sum([m.quote.taxableAmount, handlingShare]), rate)).minus(m.quote.tax).toFixed(2);
      expect(m.sharedCostsTax ?? '0.00').toBe(shareTax);
      expect(m.total).toBe(sum([m.quote.total, ...m.sharedCosts.map((s) => s.amount), shareTax]));
    });
    // Naming a California member and the group's own rate on an order changes nothing.
    const spelledOut = orders.map((o, i) => (members[i]!.state === 'NV' ? o : { ...o, member: { id: o.memberId, name: 'CA member', kind: 'charter-school' as const, state: 'CA' }, ...(members[i]!.taxRate === undefined && groupRate !== undefined ? { taxRate: groupRate } : {}) }));
    const again = pace.quoteGroupBuy({ contract: contract as never, asOf, orders: spelledOut, sharedCosts, ...(groupRate !== undefined ? { taxRate: groupRate } : {}) });
    expect(again.members.map((m) => [m.total, m.soloTotal, m.sharedCosts, m.quote.fees, m.quote.tax])).toEqual(g.members.map((m) => [m.total, m.soloTotal, m.sharedCosts, m.quote.fees, m.quote.tax]));
    expect(again.total).toBe(g.total);
  });
});

describe('allocate with whole-number weights (the group buy fast path)', () => {
  prop.prop([fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }), fc.array(fc.oneof(fc.nat({ max: 10_000_000 }), fc.constantFrom(0, 1, 2, 3)), { minLength: 1, maxLength: 40 }).filter((w) => w.some((x) => x > 0))], { numRuns: 500 })(
    'gives exactly what the Decimal path gives for the same weights',
    (totalCents, weights) => {
      const total = new D(totalCents).dividedBy(100).toFixed(2);
      expect(allocate(total, weights)).toEqual(allocate(total, weights.map((w) => `${w}.0`)));
    },
  );
});
