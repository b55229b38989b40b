import { afterEach, describe, expect, it } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { createPace, isPreparedContract } from '../../src/index.js';
import { arbQuantityFor, arbTierTable, contractWith, deepFreeze, scheduleOf } from './fixtures.js';
import { thrownPaceError as errorOf } from '../support/thrown-pace-error.js';

const pace = createPace();
const LADDER = [
  { upTo: 5, unitPrice: '7.00' },
  { upTo: 10, unitPrice: '6.50' },
  { upTo: null, unitPrice: '6.00' },
];
const contract = contractWith([
  scheduleOf(
    [
      { sku: 'VOL', description: 'Chair (volume)', listPrice: '8.00', price: { kind: 'tiered', mode: 'volume', tiers: LADDER } },
      { sku: 'GRAD', description: 'Chair (graduated)', price: { kind: 'tiered', mode: 'graduated', tiers: LADDER } },
      {
        sku: 'KIT',
        description: 'Kit with a setup fee in the bulk tier',
        price: { kind: 'tiered', mode: 'volume', tiers: [{ upTo: 10, unitPrice: '10.00' }, { upTo: null, unitPrice: '8.00', flatFee: '500.00' }] },
      },
      { sku: 'PAPER', description: 'Copy paper', listPrice: '5.00', price: { kind: 'fixed', unitPrice: '4.25' } },
      { sku: 'HEADSET', description: 'Headset', listPrice: '19.99', price: { kind: 'discount', percentOffList: '12.5' } },
    ],
    { effectiveTo: '2025-06-30' },
  ),
  { ...scheduleOf([{ sku: 'PAPER', description: 'Copy paper', price: { kind: 'fixed', unitPrice: '4.40' } }]), id: 'fy26', effectiveFrom: '2025-07-01' },
]);


describe('quote', () => {
  it('prices pooled graduated lines as their share by quantity of the pooled ladder', () => {
    // ladder(11) = 5 × 7.00 + 5 × 6.50 + 1 × 6.00 = 73.50; 3 units carry 3/11 of it, 8 units 8/11
    const a = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'GRAD', quantity: 3 }], tierQuantities: { GRAD: 11 } });
    const b = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'GRAD', quantity: 8 }], tierQuantities: { GRAD: 11 } });
    expect(a.lines[0]!.extended).toBe('20.05'); // 20.0454…
    expect(b.lines[0]!.extended).toBe('53.45'); // 53.4545…
    expect(a.lines[0]!.unitPrice).toBe('6.681818');
    expect(a.lines[0]!.tier).toMatchObject({ index: 2, tierQuantity: '11', pooledQuantity: '11', ladderTotal: '73.50' });
  });

  it('prices a volume line at the pooled tier when pooling lowers its price', () => {
    const q = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'VOL', quantity: 3 }], tierQuantities: { VOL: 40 } });
    expect(q.lines[0]).toMatchObject({ unitPrice: '6.00', extended: '18.00', listExtended: '24.00', savings: '6.00' });
  });

  it('never prices a line above its own quantity when a pooled tier adds a flat fee', () => {
    // pooled at 100: 8.00 + 500.00 × 1/100 = 13.00, more than 10.00 alone
    const q = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'KIT', quantity: 1 }], tierQuantities: { KIT: 100 } });
    expect(q.lines[0]!.extended).toBe('10.00');
    expect(q.lines[0]!.tier).toMatchObject({ index: 0, tierQuantity: '1', pooledQuantity: '100' });
    expect(q.findings).toMatchObject([{ code: 'pooled-tier-not-better', severity: 'info', data: { pooledTotal: '13.00', total: '10.00' } }, { code: 'tax-rate-not-given', severity: 'info' }]);
    // pooled far enough, the fee's share is small and pooling wins: 10 units alone cost 100.00
    const big = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'KIT', quantity: 10 }], tierQuantities: { KIT: 1000 } });
    expect(big.lines[0]!.extended).toBe('85.00'); // 10 × 8.00 + 500 × 10/1000
  });

  it('reports the exact discounted unit price, list total only when every line has a list price, and savings', () => {
    const q = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'HEADSET', quantity: 1 }, { sku: 'PAPER', quantity: 10 }] });
    expect(q.lines.map((l) => [l.unitPrice, l.extended, l.savings])).toEqual([
      ['17.49125', '17.49', '2.50'],
      ['4.25', '42.50', '7.50'],
    ]);
    expect(q).toMatchObject({ subtotal: '59.99', listTotal: '69.99', savings: '10.00', priceScheduleId: 'fy25', contractId: 'pace-furn-2024' });
    const mixed = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'GRAD', quantity: 1 }, { sku: 'PAPER', quantity: 1 }] });
    expect(mixed.listTotal).toBeUndefined();
    expect(mixed.savings).toBe('0.75');
  });

  it('stamps the rules version and traces the schedule and each tier', () => {
    const q = pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'VOL', quantity: 6 }] });
    expect(q.rulesVersion).toBe(pace.rulesVersion);
    expect(q.trace).toEqual([
      { step: 'schedule', id: 'fy25', detail: { asOf: '2025-01-15', effectiveFrom: '2024-07-01', effectiveTo: '2025-06-30', rounding: 'half-up', roundAt: 'line' } },
      { step: 'tier', id: 'VOL', detail: { line: 0, mode: 'volume', tierQuantity: '6', index: 1, upTo: '10' } },
    ]);
  });

  it('names the date and the schedules when no price is in force, and the sku and schedule when a sku is unknown', () => {
    const none = errorOf(() => pace.quote({ contract: contract as never, asOf: '2024-06-30', lines: [{ sku: 'PAPER', quantity: 1 }] }));
    expect(none.code).toBe('no-price-in-force');
    expect(none.message).toContain('2024-06-30');
    expect(none.message).toContain('fy25: 2024-07-01 to 2025-06-30');
    expect(none.message).toContain('fy26: 2025-07-01 to open end');
    const unknown = errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-07-01', lines: [{ sku: 'VOL', quantity: 1 }] }));
    expect(unknown).toMatchObject({ code: 'unknown-sku', issues: [{ path: '$.lines[0].sku' }] });
    expect(unknown.message).toContain('"VOL"');
    expect(unknown.message).toContain('"fy26"');
  });

  it('reports every bad line at once, with the common code or invalid-input when the kinds differ', () => {
    const quantities = errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'VOL', quantity: -1 }, { sku: 'GRAD', quantity: 'ten' }, { sku: 'PAPER', quantity: Number.NaN }] }));
    expect(quantities.code).toBe('invalid-quantity');
    expect(quantities.issues.map((i) => i.path)).toEqual(['$.lines[0].quantity', '$.lines[1].quantity', '$.lines[2].quantity']);
    const mixed = errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-13-01', lines: [{ sku: '', quantity: 1, qty: 2 } as never] }));
    expect(mixed.code).toBe('invalid-input');
    expect(mixed.issues.map((i) => i.path).sort()).toEqual(['$.asOf', '$.lines[0].qty', '$.lines[0].sku']);
    const member = errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'VOL', quantity: 1 }], member: { id: 'm', name: 'M', kind: 'school', state: 'CA' } as never }));
    expect(member.issues.map((i) => i.path)).toEqual(['$.member.kind']);
    const contractError = errorOf(() => pace.quote({ contract: { ...contract, id: '' } as never, asOf: '2025-01-15', lines: [{ sku: 'VOL', quantity: 1 }] }));
    expect(contractError.issues.map((i) => i.path)).toEqual(['$.contract.id']);
  });

  it('says where "meta" goes when an object takes none (it refused "meta" while telling the caller to use it)', () => {
    const e = errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'VOL', quantity: 1, meta: { row: 1 } }], meta: { po: '1' } } as never));
    expect(e.issues).toEqual([{ path: '$.meta', message: 'unknown field "meta": this object takes none (members, contracts, purchases, purchase orders, invoices, receipts, group-buy orders and their lines do: put your own data under theirs)' }]);
    const typo = errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'VOL', quantity: 1, qty: 1 }] } as never));
    expect(typo.issues).toEqual([{ path: '$.lines[0].qty', message: 'unknown field "qty" (check the spelling; put your own data under "meta")' }]);
  });
});

describe('an amount too large to price exactly', () => {
  // 14,500,000,000,000 graduated chairs (6.00 past the tenth) come to 87 trillion dollars, within what
  // pace-rules prices exactly (2^53 - 1 cents); the tax, a billed tax or another order on top of
  // them is not. Each refusal names where it came from, never the whole request ($).
  const huge = '14500000000000';
  it('names the order\'s lines when only its total with tax is out of range', () => {
    expect(pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'GRAD', quantity: huge }] }).subtotal).toBe('87000000000007.50');
    const e = errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'GRAD', quantity: huge }], taxRate: '7.25' }));
    expect(e).toMatchObject({ code: 'invalid-quantity', issues: [{ path: '$.lines', message: 'amount too large to price exactly' }] });
    expect(e.message).toMatch(/^\$\.lines: /);
    // a line whose own amount is out of range is named by its quantity
    expect(errorOf(() => pace.quote({ contract: contract as never, asOf: '2025-01-15', lines: [{ sku: 'GRAD', quantity: 1 }, { sku: 'GRAD', quantity: `${huge}0` }] })).issues).toEqual([{ path: '$.lines[1].quantity', message: 'amount too large to price exactly' }]);
  });

  it('names the orders of a group buy whose members together are out of range', () => {
    const orders = [{ memberId: 'a', lines: [{ sku: 'GRAD', quantity: huge }] }, { memberId: 'b', lines: [{ sku: 'GRAD', quantity: huge }] }];
    expect(errorOf(() => pace.quoteGroupBuy({ contract: contract as never, asOf: '2025-01-15', orders })).issues.map((i) => i.path)).toEqual(['$.orders']);
  });

  it('names the invoice when its billed lines and tax together are out of range', () => {
    const invoice = { date: '2025-01-15', lines: [{ sku: 'GRAD', quantity: huge, unitPrice: '6.00' }], tax: '9000000000000.00' };
    expect(errorOf(() => pace.verifyInvoice({ contract: contract as never, invoice })).issues.map((i) => i.path)).toEqual(['$.invoice']);
  });
});

describe('prepareContract', () => {
  it('returns a frozen prepared contract, and the same object when given one', () => {
    const prepared = pace.prepareContract(contract);
    expect(isPreparedContract(prepared)).toBe(true);
    expect(isPreparedContract(contract)).toBe(false);
    expect(Object.isFrozen(prepared.priceSchedules[0]!.items[0])).toBe(true);
    expect(pace.prepareContract(prepared)).toBe(prepared);
  });

  it('reports every tier-table problem at once, and invalid-input when mixed with other problems', () => {
    const bad = contractWith([
      scheduleOf([
        { sku: 'A', description: 'a', price: { kind: 'tiered', mode: 'volume', tiers: [{ upTo: 0, unitPrice: '1.00' }, { upTo: null, unitPrice: '1.00', flatFee: '-5.00' }] } },
        { sku: 'B', description: 'b', price: { kind: 'tiered', mode: 'graduated', tiers: [{ upTo: '10.5', unitPrice: '1.00' }, { upTo: 10, unitPrice: '1.00' }, { upTo: null, unitPrice: '1.00' }] } },
      ]),
    ]);
    const e = errorOf(() => pace.prepareContract(bad));
    expect(e.code).toBe('invalid-tier-table');
    expect(e.issues.map((i) => i.path)).toEqual([
      '$.priceSchedules[0].items[0].price.tiers[0].upTo',
      '$.priceSchedules[0].items[0].price.tiers[1].flatFee',
      '$.priceSchedules[0].items[1].price.tiers[1].upTo',
    ]);
    const mixed = errorOf(() => pace.prepareContract({ ...bad, title: '' }));
    expect(mixed.code).toBe('invalid-input');
    expect(mixed.issues).toHaveLength(4);
  });

  it('refuses a sku listed twice in one schedule', () => {
    const e = errorOf(() => pace.prepareContract(contractWith([scheduleOf([{ sku: 'A', description: 'a', price: { kind: 'fixed', unitPrice: '1.00' } }, { sku: 'A', description: 'a', price: { kind: 'fixed', unitPrice: '2.00' } }])])));
    expect(e).toMatchObject({ code: 'invalid-input', issues: [{ path: '$.priceSchedules[0].items[1].sku' }] });
  });
});

describe('verifyInvoice', () => {
  it('checks split lines of one sku at the tier of their combined quantity, or the pooled one', () => {
    const invoice = { date: '2025-01-15', lines: [{ sku: 'VOL', quantity: 4, unitPrice: '6.50' }, { sku: 'VOL', quantity: 4, unitPrice: '6.50' }] };
    const own = pace.verifyInvoice({ contract: contract as never, invoice });
    expect(own.ok).toBe(true); // 8 units: tier 6-10 at 6.50
    expect(own.lines.map((l) => l.tier?.tierQuantity)).toEqual(['8', '8']);
    const pooled = pace.verifyInvoice({ contract: contract as never, invoice, tierQuantities: { VOL: 30 } });
    expect(pooled.ok).toBe(false); // pooled to 30: 6.00 a unit
    expect(pooled.lines.map((l) => [l.contractUnitPrice, l.overcharge, l.ok])).toEqual([
      ['6.00', '2.00', false],
      ['6.00', '2.00', false],
    ]);
    expect(pooled.overchargeTotal).toBe('4.00');
    expect(pooled.findings.map((f) => [f.code, f.severity, f.citation])).toEqual([
      ['invoice-overcharge', 'block', 'Cal. Pub. Cont. Code § 20118'],
      ['invoice-overcharge', 'block', 'Cal. Pub. Cont. Code § 20118'],
    ]);
  });

  it('compares extended amounts: a fraction of a cent over the unit price that rounds away is not an overcharge', () => {
    const v = pace.verifyInvoice({ contract: contract as never, invoice: { date: '2025-01-15', lines: [{ sku: 'HEADSET', quantity: 1, unitPrice: '17.4913' }, { sku: 'HEADSET', quantity: 100, unitPrice: '17.4913' }] } });
    expect(v.lines.map((l) => [l.billedExtended, l.contractExtended, l.overcharge])).toEqual([
      ['17.49', '17.49', '0.00'],
      ['1749.13', '1749.13', '0.00'], // 17.49125 × 100 = 1749.125 → 1749.13
    ]);
    expect(v.ok).toBe(true);
  });

  it('uses the schedule in force on the invoice date', () => {
    const v = pace.verifyInvoice({ contract: contract as never, invoice: { date: '2025-07-01', lines: [{ sku: 'PAPER', quantity: 1, unitPrice: '4.40' }] } });
    expect(v).toMatchObject({ ok: true, priceScheduleId: 'fy26', lines: [{ contractUnitPrice: '4.40', overcharge: '0.00' }] });
  });
});

describe('quoteGroupBuy', () => {
  it('falls back to an equal split, with a finding, when every weight is zero', () => {
    const g = pace.quoteGroupBuy({
      contract: contract as never,
      asOf: '2025-01-15',
      orders: [
        { memberId: 'a', lines: [{ sku: 'PAPER', quantity: 0 }] },
        { memberId: 'b', lines: [{ sku: 'PAPER', quantity: 0 }] },
      ],
      sharedCosts: [{ kind: 'freight', amount: '0.03', basis: 'amount' }],
    });
    expect(g.members.map((m) => m.total)).toEqual(['0.02', '0.01']);
    // The contract states no charge terms: the freight is checked against none, as in a quote, and
    // is not taxed when separately stated (the law pack's rule), as a quote says.
    expect(g.findings).toMatchObject([{ code: 'charge-not-taxable', data: { sharedCost: 0 } }, { code: 'charge-terms-not-stated', data: { sharedCost: 0 } }, { code: 'shared-cost-basis-zero' }]);
  });

  it('gives a cent left over between equal remainders to the larger weight, then to the first member id, wherever the order is listed', () => {
    // 2 cents of freight by quantity, 1 and 3 units: exactly 0.5 and 1.5 cents, one cent left over
    // and both remainders half a cent. Before, the first-listed member got it.
    const split = (orders: { memberId: string; quantity: number }[], amount: string): Record<string, string> =>
      Object.fromEntries(
        pace
          .quoteGroupBuy({ contract: contract as never, asOf: '2025-01-15', orders: orders.map((o) => ({ memberId: o.memberId, lines: [{ sku: 'PAPER', quantity: o.quantity }] })), sharedCosts: [{ kind: 'freight', amount, basis: 'quantity' }] })
          .members.map((m) => [m.memberId, m.sharedCosts[0]!.amount]),
      );
    const larger = { 'birch-esd': '0.00', 'alder-usd': '0.02' };
    expect(split([{ memberId: 'birch-esd', quantity: 1 }, { memberId: 'alder-usd', quantity: 3 }], '0.02')).toEqual(larger);
    expect(split([{ memberId: 'alder-usd', quantity: 3 }, { memberId: 'birch-esd', quantity: 1 }], '0.02')).toEqual(larger);
    // Equal weights: the first member id, listed first or not.
    const first = { 'alder-usd': '0.01', 'birch-esd': '0.00' };
    expect(split([{ memberId: 'birch-esd', quantity: 2 }, { memberId: 'alder-usd', quantity: 2 }], '0.01')).toEqual(first);
    expect(split([{ memberId: 'alder-usd', quantity: 2 }, { memberId: 'birch-esd', quantity: 2 }], '0.01')).toEqual(first);
    // The trace says how a tie is broken.
    const g = pace.quoteGroupBuy({ contract: contract as never, asOf: '2025-01-15', orders: [{ memberId: 'b', lines: [{ sku: 'PAPER', quantity: 1 }] }, { memberId: 'a', lines: [{ sku: 'PAPER', quantity: 1 }] }], sharedCosts: [{ kind: 'freight', amount: '0.01', basis: 'equal' }] });
    expect(g.trace.find((t) => t.step === 'allocation')?.detail).toMatchObject({ method: 'largest-remainder', tieBreak: 'larger-weight-then-member-id', shares: [{ memberId: 'b', amount: '0.00' }, { memberId: 'a', amount: '0.01' }] });
  });

  it('checks shared costs of a charge kind against the contract\'s terms on the pooled order, each named by its place in sharedCosts', () => {
    const terms = { ...contract, charges: [{ kind: 'installation', basis: 'per-unit', amount: '2.00' }, { kind: 'restocking', basis: 'percent', percent: '15' }] };
    const g = pace.quoteGroupBuy({
      contract: terms as never,
      asOf: '2025-01-15',
      orders: [
        { memberId: 'a', lines: [{ sku: 'VOL', quantity: 4 }] },
        { memberId: 'b', lines: [{ sku: 'VOL', quantity: 7 }] },
      ],
      sharedCosts: [
        { kind: 'pallets', amount: '5.00', basis: 'equal' },
        { kind: 'installation', amount: '22.00', basis: 'quantity' },
        { kind: 'restocking', amount: '1.00', basis: 'equal' },
        { kind: 'installation', amount: '0.01', basis: 'equal' },
      ],
    });
    // 11 units pooled at 2.00 allow 22.00 of installation, shared by both installation costs: the
    // members' own orders (4 and 7 units) would not tell. A new order has returned nothing to restock.
    // Neither the terms nor the law pack say installation or restocking is not taxable: taxable, as
    // in a quote (no tax rate here, so no tax), each with the note that says so.
    expect(g.charges).toEqual([
      { sharedCost: 1, kind: 'installation', amount: '22.00', taxable: true, allowed: true, maxAllowed: '22.00' },
      { sharedCost: 2, kind: 'restocking', amount: '1.00', taxable: true, allowed: false, maxAllowed: '0.00' },
      { sharedCost: 3, kind: 'installation', amount: '0.01', taxable: true, allowed: false, maxAllowed: '0.00' },
    ]);
    expect(g.findings.map((f) => [f.code, f.severity, f.data?.['sharedCost']])).toEqual([
      ['shared-cost-not-checked', 'info', 0],
      ['charge-taxability-assumed', 'info', 1],
      ['charge-taxability-assumed', 'info', 2],
      ['charge-not-allowed', 'block', 2],
      ['charge-taxability-assumed', 'info', 3],
      ['charge-not-allowed', 'block', 3],
    ]);
    expect(g.members.every((m) => m.sharedCostsTax === undefined)).toBe(true);
    expect(g.findings[3]!.message).toBe("Shared cost 3 (restocking, 1.00) is over the contract's terms: the contract allows at most 0.00 (percent: 15 % of the goods returned, and no goods were returned on the order; restocking is billed with the credit for the goods returned).");
    // Still split in full: the result shows what the vendor proposed.
    expect(g.sharedCostsTotal).toBe('28.01');
  });

  it('keeps graduated pooled totals equal to the ladder of the pooled quantity (up to per-line rounding)', () => {
    const g = pace.quoteGroupBuy({ contract: contract as never, asOf: '2025-01-15', orders: [3, 8].map((q, i) => ({ memberId: `m${i}`, lines: [{ sku: 'GRAD', quantity: q }] })) });
    expect(g.members.map((m) => [m.subtotal, m.soloSubtotal, m.savingsVsSolo])).toEqual([
      ['20.05', '21.00', '0.95'],
      ['53.45', '54.50', '1.05'],
    ]);
    expect(g.total).toBe('73.50');
  });
});

describe('quoteGroupBuy: each member its own state and tax rate', () => {
  const devices = {
    ...contractWith([scheduleOf([{ sku: 'CB', description: 'Chromebook', coveredElectronicDevice: { screenSizeInches: 11.6 }, price: { kind: 'tiered', mode: 'volume', tiers: [{ upTo: 99, unitPrice: '279.00' }, { upTo: null, unitPrice: '269.00' }] } }])]),
    eligibleStates: ['CA', 'NV'],
  };
  const nevada = { id: 'tahoe', name: 'Tahoe Basin Charter School', kind: 'charter-school' as const, state: 'NV' };
  const group = (tahoe: Record<string, unknown>) =>
    pace.quoteGroupBuy({ contract: devices as never, asOf: '2025-09-02', taxRate: '7.75', orders: [{ memberId: 'alder', lines: [{ sku: 'CB', quantity: 60 }] }, { memberId: 'tahoe', lines: [{ sku: 'CB', quantity: 40 }], ...tahoe }] });

  it("a Nevada member pays no e-waste fee, and its soloTotal is its own pace.quote's total", () => {
    const g = group({ member: nevada, taxRate: '8.265' });
    const alone = pace.quote({ contract: devices as never, asOf: '2025-09-02', member: nevada, lines: [{ sku: 'CB', quantity: 40 }], taxRate: '8.265' });
    const tahoe = g.members[1]!;
    expect(tahoe.quote.fees).toEqual([]);
    // 40 × 279.00 = 11,160.00, tax 8.265 % = 922.37 (922.374): 12,082.37, no fee
    expect(alone.total).toBe('12082.37');
    expect(tahoe.soloTotal).toBe(alone.total);
    // pooled 100 at 269.00: 10,760.00 + 889.31 (889.314) = 11,649.31
    expect([tahoe.quote.taxRate, tahoe.total, tahoe.savingsVsSolo]).toEqual(['8.265', '11649.31', '433.06']);
    // Alder names no member (California, as before) and takes the group's rate: 60 × 4.00 of fee.
    expect([g.members[0]!.quote.fees.map((f) => f.amount), g.members[0]!.quote.taxRate]).toEqual([['240.00'], '7.75']);
  });

  it('without a member or a rate on the order, a member is in California at the group\'s rate, as before', () => {
    const plain = group({});
    expect(plain.members[1]!.quote.fees.map((f) => f.amount)).toEqual(['160.00']);
    expect(plain.members[1]!.quote.taxRate).toBe('7.75');
    expect(group({ member: { ...nevada, state: 'CA' }, taxRate: '7.75' })).toEqual(plain);
  });

  it("refuses an order whose member is not the order's memberId", () => {
    const e = errorOf(() => group({ member: { ...nevada, id: 'birch' } }));
    expect(e).toMatchObject({ code: 'invalid-input', issues: [{ path: '$.orders[1].member.id' }] });
    expect(e.issues[0]!.message).toContain('"birch" but its memberId is "tahoe"');
  });
});

describe('group buy input errors', () => {
  it('names every bad order, line and shared cost at once', () => {
    const e = errorOf(() =>
      pace.quoteGroupBuy({
        contract: contract as never,
        asOf: '2025-01-15',
        orders: [{ memberId: '', lines: [{ sku: 'VOL', quantity: 1 }] }, { memberId: 'b', lines: [] }],
        sharedCosts: [{ kind: 'freight', amount: '-1.00', basis: 'weight' as never }],
      }),
    );
    expect(e.code).toBe('invalid-input');
    expect(e.issues.map((i) => i.path).sort()).toEqual(['$.orders[0].memberId', '$.orders[1].lines', '$.sharedCosts[0].amount', '$.sharedCosts[0].basis']);
  });
  it('names the member line whose sku is unknown', () => {
    const e = errorOf(() => pace.quoteGroupBuy({ contract: contract as never, asOf: '2025-01-15', orders: [{ memberId: 'a', lines: [{ sku: 'VOL', quantity: 1 }] }, { memberId: 'b', lines: [{ sku: 'VOL', quantity: 1 }, { sku: 'NOPE', quantity: 1 }] }] }));
    expect(e).toMatchObject({ code: 'unknown-sku', issues: [{ path: '$.orders[1].lines[1].sku' }] });
  });
});

describe('purity', () => {
  const original = process.env['TZ'];
  afterEach(() => {
    if (original === undefined) delete process.env['TZ'];
    else process.env['TZ'] = original;
  });

  // Every input deep-frozen: a capability that wrote to its input would throw (ES modules are strict).
  function battery(c: unknown): unknown[] {
    const f = deepFreeze;
    return [
      pace.quote(f({ contract: c as never, asOf: '2025-06-30', lines: [{ sku: 'VOL', quantity: 6 }, { sku: 'GRAD', quantity: '7.5' }, { sku: 'HEADSET', quantity: 3 }], tierQuantities: { VOL: 12 } })),
      pace.quote(f({ contract: c as never, asOf: '2025-07-01', lines: [{ sku: 'PAPER', quantity: 2 }] })),
      pace.quoteGroupBuy(f({ contract: c as never, asOf: '2025-01-15', orders: [{ memberId: 'a', lines: [{ sku: 'KIT', quantity: 8 }] }, { memberId: 'b', lines: [{ sku: 'KIT', quantity: 5 }] }], sharedCosts: [{ kind: 'freight', amount: '10.00', basis: 'quantity' as const }] })),
      pace.verifyInvoice(f({ contract: c as never, invoice: { date: '2025-06-30', lines: [{ sku: 'PAPER', quantity: 3, unitPrice: '4.30' }] } })),
    ];
  }

  it('gives the same results under TZ=UTC and TZ=Pacific/Kiritimati', () => {
    process.env['TZ'] = 'UTC';
    const utc = battery(contract);
    process.env['TZ'] = 'Pacific/Kiritimati';
    expect(new Date(2025, 0, 1).getTimezoneOffset()).toBe(-840); // the zone really changed
    expect(battery(contract)).toEqual(utc);
  });

  it('never mutates its inputs (deep-frozen inputs work, and stay equal to a snapshot)', () => {
    const frozen = deepFreeze(structuredClone(contract));
    const snapshot = structuredClone(frozen);
    const results = battery(frozen);
    expect(frozen).toEqual(snapshot);
    expect(results).toEqual(battery(contract));
  });

  it('gives identical results for a raw and a prepared contract, and for a JSON round-tripped input', () => {
    const raw = battery(contract);
    expect(battery(pace.prepareContract(contract))).toEqual(raw);
    expect(battery(JSON.parse(JSON.stringify(contract)))).toEqual(raw);
    expect(JSON.parse(JSON.stringify(raw))).toEqual(raw); // results are plain JSON
  });

  prop.prop([arbTierTable({ fees: true, fractionalBounds: true }).chain((t) => fc.tuple(fc.constant(t), fc.array(arbQuantityFor(t), { minLength: 1, maxLength: 3 }))), fc.constantFrom('volume', 'graduated')], { numRuns: 100 })(
    'raw vs prepared and JSON round trip agree on generated tier tables',
    ([tiers, quantities], mode) => {
      const c = contractWith([scheduleOf(quantities.map((_, i) => ({ sku: `S${i}`, description: 's', price: { kind: 'tiered', mode, tiers } })))]);
      const input = { contract: c, asOf: '2025-01-01', lines: quantities.map((quantity, i) => ({ sku: `S${i}`, quantity })) };
      const raw = pace.quote(input as never);
      expect(pace.quote({ ...input, contract: pace.prepareContract(c) } as never)).toEqual(raw);
      expect(pace.quote(JSON.parse(JSON.stringify(input)) as never)).toEqual(raw);
    },
  );
});
