import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createPace, isPaceError, type Purchase } from '../../src/index.js';
import { arbCents, arbDate, arbMember, arbSupplyKind, centsToMoney, contract, district, federal } from './arbitraries.js';

const pace = createPace();
/** Raise locally to run the split-purchase properties on many seeds: FC_NUM_RUNS=20000. */
const SPLIT_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 100);
const RANK = { none: 0, quotes: 1, 'informal-bid': 2, 'formal-bid': 3, 'cooperative-contract': -1 } as const;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const po = (date: string, cents: number, supplyKind: Purchase['supplyKind'], funding?: Purchase['funding']): Purchase => ({
  id: 'po-1', memberId: 'm-oak', date, amount: centsToMoney(cents), supplyKind, ...(funding ? { funding } : {}),
});

describe('procurementMethod invariants', () => {
  test.prop([arbMember, arbDate, arbSupplyKind, arbCents, arbCents, fc.boolean()], { numRuns: 400 })(
    'never gets less strict as the amount grows',
    (member, date, kind, x, y, withFederal) => {
      const [low, high] = x <= y ? [x, y] : [y, x];
      const funding = withFederal ? federal('1.00') : undefined;
      const a = pace.procurementMethod({ member, purchase: po(date, low, kind, funding) });
      const b = pace.procurementMethod({ member, purchase: po(date, high, kind, funding) });
      expect(RANK[b.method]).toBeGreaterThanOrEqual(RANK[a.method]);
    },
  );

  test.prop([arbMember, arbDate, arbSupplyKind, arbCents], { numRuns: 400 })('adding federal money never makes it less strict', (member, date, kind, cents) => {
    const without = pace.procurementMethod({ member, purchase: po(date, cents, kind) });
    const withFederal = pace.procurementMethod({ member, purchase: po(date, cents, kind, federal(centsToMoney(cents))) });
    expect(RANK[withFederal.method]).toBeGreaterThanOrEqual(RANK[without.method]);
  });

  it('flips exactly at the boundary: $114,800.00 none, $114,800.01 formal bid in 2025', () => {
    expect(pace.procurementMethod({ member: district, purchase: po('2025-05-01', 11_480_000, 'goods') }).method).toBe('none');
    expect(pace.procurementMethod({ member: district, purchase: po('2025-05-01', 11_480_001, 'goods') }).method).toBe('formal-bid');
  });
});

const arbSplitPurchases = fc
  .array(
    fc.record({
      member: fc.constantFrom('m-1', 'm-2'),
      vendor: fc.option(fc.constantFrom('v-1', 'v-2'), { nil: undefined }),
      kind: fc.constantFrom<Purchase['supplyKind']>('goods', 'services', 'public-works'),
      date: arbDate,
      cents: fc.integer({ min: 0, max: 12_000_000 }),
      coop: fc.boolean(),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i): Purchase => ({
      id: `po-${i}`, memberId: r.member, date: r.date, amount: centsToMoney(r.cents), supplyKind: r.kind,
      ...(r.vendor ? { vendorId: r.vendor } : {}), ...(r.coop && i % 3 === 0 ? { contractId: 'c-1' } : {}),
    })),
  );

describe('findSplitPurchases invariants', () => {
  test.prop([arbSplitPurchases, fc.integer(), fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined })], { numRuns: Math.max(200, SPLIT_RUNS) })(
    'the order of the purchases never changes the findings',
    (purchases, seed, days) => {
      const shuffled = fc.sample(fc.shuffledSubarray(purchases, { minLength: purchases.length, maxLength: purchases.length }), { seed, numRuns: 1 })[0]!;
      const options = days === undefined ? undefined : { window: { days } };
      expect(pace.findSplitPurchases(shuffled, options)).toEqual(pace.findSplitPurchases(purchases, options));
    },
  );

  test.prop([arbSplitPurchases], { numRuns: SPLIT_RUNS })('every reported group: each purchase within the limit, total over it', (purchases) => {
    for (const g of pace.findSplitPurchases(purchases)) {
      expect(g.purchaseIds.length).toBeGreaterThan(1);
      const cents = (m: string) => Math.round(Number(m) * 100);
      for (const id of g.purchaseIds) expect(cents(purchases.find((p) => p.id === id)!.amount as string)).toBeLessThanOrEqual(cents(g.threshold));
      if (g.comparison === '>=') expect(cents(g.total)).toBeGreaterThanOrEqual(cents(g.threshold));
      else expect(cents(g.total)).toBeGreaterThan(cents(g.threshold));
    }
  });
});

describe('decisions are the same for a JSON round-tripped, deep-frozen input', () => {
  test.prop([arbMember, arbDate, arbSupplyKind, arbCents, fc.boolean(), fc.boolean()], { numRuns: 150 })(
    'all four capabilities',
    (member, date, kind, cents, withFederal, withContract) => {
      const purchase: Purchase = { ...po(date, cents, kind, withFederal ? federal(centsToMoney(cents)) : undefined), category: 'technology', ...(withContract ? { contractId: contract.id } : {}) };
      const input = { member, purchase, ...(withContract ? { contract } : {}) };
      const frozen = deepFreeze(structuredClone(input));
      const copy = JSON.parse(JSON.stringify(input)) as typeof input;
      expect(pace.procurementMethod(frozen)).toEqual(pace.procurementMethod(copy));
      expect(pace.auditChecklist(frozen)).toEqual(pace.auditChecklist(copy));
      expect(pace.checkEligibility({ member: frozen.member, contract, asOf: date, purchase: frozen.purchase })).toEqual(pace.checkEligibility({ member: copy.member, contract: JSON.parse(JSON.stringify(contract)), asOf: date, purchase: copy.purchase }));
      expect(pace.findSplitPurchases([frozen.purchase])).toEqual(pace.findSplitPurchases([copy.purchase]));
      expect(frozen).toEqual(input);
    },
  );
});

describe('bad input of every kind is a PaceError naming the path', () => {
  const purchase = po('2025-04-01', 100_000, 'goods');
  const cases: [string, () => unknown, string][] = [
    ['no argument', () => pace.procurementMethod(undefined as never), '$'],
    ['member missing', () => pace.procurementMethod({ purchase } as never), '$.member'],
    ['unknown argument field', () => pace.procurementMethod({ member: district, purchase, extra: 1 } as never), '$.extra'],
    ['member kind', () => pace.procurementMethod({ member: { ...district, kind: 'school' }, purchase } as never), '$.member.kind'],
    ['membership status', () => pace.checkEligibility({ member: { ...district, membership: { ...district.membership!, status: 'paused' } }, contract, asOf: '2025-01-01' } as never), '$.member.membership.status'],
    ['board authorization date', () => pace.checkEligibility({ member: { ...district, boardAuthorizations: [{ id: 'r', adoptedOn: '2025-02-30', scope: {} }] }, contract, asOf: '2025-01-01' }), '$.member.boardAuthorizations[0].adoptedOn'],
    ['state code', () => pace.procurementMethod({ member: { ...district, state: 'California' }, purchase }), '$.member.state'],
    ['amount with three decimals', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '1.005' } }), '$.purchase.amount'],
    ['amount NaN', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: Number.NaN } }), '$.purchase.amount'],
    ['amount in exponent notation', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '1e6' } }), '$.purchase.amount'],
    ['negative amount', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '-5.00' } }), '$.purchase.amount'],
    ['PO date', () => pace.procurementMethod({ member: district, purchase: { ...purchase, date: '2025-13-01' } }), '$.purchase.date'],
    ['supply kind', () => pace.procurementMethod({ member: district, purchase: { ...purchase, supplyKind: 'stuff' } } as never), '$.purchase.supplyKind'],
    ['funding source', () => pace.procurementMethod({ member: district, purchase: { ...purchase, funding: [{ source: 'grant', amount: '1' }] } } as never), '$.purchase.funding[0].source'],
    ['purchase of another member', () => pace.procurementMethod({ member: district, purchase: { ...purchase, memberId: 'm-x' } }), '$.purchase.memberId'],
    ['contract term', () => pace.checkEligibility({ member: district, contract: { ...contract, term: { start: '2025-01-01', end: '2024-01-01' } }, asOf: '2025-01-01' }), '$.contract.term.end'],
    ['contract lead agency', () => pace.checkEligibility({ member: district, contract: { ...contract, leadAgency: { name: 'X', state: 'CA' } }, asOf: '2025-01-01' } as never), '$.contract.leadAgency.isPublicAgency'],
    ['asOf', () => pace.checkEligibility({ member: district, contract, asOf: '01/02/2025' }), '$.asOf'],
    ['purchase cites another contract', () => pace.auditChecklist({ member: district, purchase: { ...purchase, contractId: 'c-other' }, contract }), '$.purchase.contractId'],
    ['purchases not an array', () => pace.findSplitPurchases({} as never), '$.purchases'],
    ['one bad purchase among many', () => pace.findSplitPurchases([purchase, { ...purchase, id: 'po-2', amount: 'abc' }]), '$.purchases[1].amount'],
    ['window', () => pace.findSplitPurchases([], { window: 'month' } as never), '$.options.window'],
    ['window days', () => pace.findSplitPurchases([], { window: { days: -1 } }), '$.options.window.days'],
  ];
  for (const [name, call, path] of cases) {
    it(`${name} → ${path}`, () => {
      let caught: unknown;
      try {
        call();
      } catch (e) {
        caught = e;
      }
      expect(isPaceError(caught), String(caught)).toBe(true);
      const issues = (caught as { issues: { path: string }[] }).issues;
      expect(issues.map((i) => i.path)).toContain(path);
    });
  }
});
