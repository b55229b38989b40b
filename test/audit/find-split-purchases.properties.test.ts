// Invariants of findSplitPurchases with each member's own regime and with change orders. Failing
// runs print their seed (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createPace, type Member, type Purchase } from '../../src/index.js';
import { arbDate, centsToMoney, district, moneyCents } from '../compliance/arbitraries.js';

const pace = createPace();
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 100);
const cents = moneyCents;

/** Members of every regime: a district with and without CUPCCAA, a charter school, a college district, JPAs. */
const MEMBERS: Member[] = [
  { ...district, id: 'm-district' },
  { ...district, id: 'm-cupccaa', cupccaa: { optedIn: true, since: '2019-01-01' } },
  { ...district, id: 'm-cupccaa-late', cupccaa: { optedIn: true, since: '2025-03-01' } },
  { id: 'm-charter', name: 'Sunrise Charter', kind: 'charter-school', state: 'CA' },
  { id: 'm-ccd', name: 'Coastline CCD', kind: 'community-college-district', state: 'CA' },
  { id: 'm-jpa-district', name: 'JPA (district)', kind: 'joint-powers-authority', regimeOf: 'school-district', state: 'CA' },
  { id: 'm-jpa-charter', name: 'JPA (charter)', kind: 'joint-powers-authority', regimeOf: 'charter-school', state: 'CA' },
];

/** Amounts near each limit a group can be judged against, and anywhere up to $240,000. */
const arbAmountCents = fc.oneof(
  fc.tuple(fc.constantFrom(7500, 15000, 57400, 60000, 110000, 114800, 220000), fc.constantFrom(-1, 0, 1)).map(([d, c]) => d * 100 + c),
  fc.integer({ min: 0, max: 24_000_000 }),
);

const arbRows = fc.array(
  fc.record({
    member: fc.constantFrom(...MEMBERS.map((m) => m.id)),
    vendor: fc.constantFrom('v-1', 'v-2'),
    category: fc.constantFrom('technology', 'furniture'),
    kind: fc.constantFrom<Purchase['supplyKind']>('goods', 'services', 'public-works'),
    date: arbDate,
    cents: arbAmountCents,
    federal: fc.boolean(),
  }),
  { maxLength: 30 },
);

interface GeneratedRow { member: string; vendor: string; category: string; kind: Purchase['supplyKind']; date: string; cents: number; federal: boolean }

const toPurchases = (rows: readonly GeneratedRow[]): Purchase[] =>
  rows.map((r, i) => ({
    id: `po-${i}`, memberId: r.member, date: r.date, amount: centsToMoney(r.cents), supplyKind: r.kind, vendorId: r.vendor, category: r.category,
    ...(r.federal ? { funding: [{ source: 'federal' as const, amount: centsToMoney(r.cents) }] } : {}),
  }));

/** The lowest state formal-bid limit procurementMethod applies to the member's own regime for a purchase. */
function ownLowestLimit(member: Member, purchase: Purchase): number | undefined {
  const judgedAs: Member = member.kind === 'joint-powers-authority' && member.regimeOf ? { ...member, kind: member.regimeOf } : member;
  const { funding: _funding, ...withoutFederal } = purchase;
  const d = pace.procurementMethod({ member: judgedAs, purchase: withoutFederal });
  const limits = d.thresholds.filter((t) => t.applies && t.level === 'state' && t.method === 'formal-bid' && t.amount !== null).map((t) => cents(t.amount!));
  return limits.length === 0 ? undefined : Math.min(...limits);
}

/** Rows on a few days (before and after a CUPCCAA election, across July 1): members share days. */
const arbRowsOnFewDays = arbRows.filter((rows) => rows.length >= 8).chain((rows) =>
  fc.array(fc.constantFrom('2024-09-03', '2025-03-03', '2025-07-01'), { minLength: rows.length, maxLength: rows.length }).map((days) => rows.map((r, i) => ({ ...r, date: days[i]! }))),
);

describe('findSplitPurchases: each member is judged by its own regime', () => {
  test.prop([arbRows, fc.boolean()], { numRuns: RUNS })('a group never uses a limit lower than the member\'s own regime on its dates', (rows, acrossVendors) => {
    const purchases = toPurchases(rows);
    const byId = new Map(purchases.map((p) => [p.id, p]));
    const members = new Map(MEMBERS.map((m) => [m.id, m]));
    for (const g of pace.findSplitPurchases(purchases, { members: MEMBERS, acrossVendors })) {
      if (g.kind === 'federal-micro-purchase') continue;
      const member = members.get(g.memberId)!;
      const own = g.purchaseIds.map((id) => ownLowestLimit(member, byId.get(id)!));
      // A member with no state bid limit (a charter school, a JPA designating one) has no state group.
      expect(own.every((l) => l !== undefined), `${g.memberId} has a limit on every date`).toBe(true);
      expect(cents(g.threshold)).toBeGreaterThanOrEqual(Math.min(...(own as number[])));
      for (const id of g.purchaseIds) expect(cents(byId.get(id)!.amount)).toBeLessThanOrEqual(cents(g.threshold));
    }
  });

  test.prop([arbRows, arbRowsOnFewDays, fc.shuffledSubarray(MEMBERS.map((m) => m.id), { minLength: MEMBERS.length })], { numRuns: RUNS })(
    "one pace's groups are each member's own: they depend neither on other members' purchases nor on earlier calls (the limits it keeps by regime and day)",
    (earlier, rows, ids) => {
      // The same member ids under other regimes in the later call.
      const renamed = MEMBERS.map((m, i) => ({ ...m, id: ids[i]! }));
      const shared = createPace();
      shared.findSplitPurchases(toPurchases(earlier), { members: MEMBERS });
      const purchases = toPurchases(rows);
      const alone = [...new Set(purchases.map((p) => p.memberId))]
        .sort()
        .flatMap((id) => createPace().findSplitPurchases(purchases.filter((p) => p.memberId === id), { members: renamed }));
      expect(shared.findSplitPurchases(purchases, { members: renamed })).toEqual(alone);
    },
  );

  test.prop([arbRows], { numRuns: RUNS })('with the members given, no group says its regime was assumed or unknown', (rows) => {
    for (const g of pace.findSplitPurchases(toPurchases(rows), { members: MEMBERS })) {
      expect(g.findings.map((f) => f.code)).not.toContain('member-regimes-assumed');
      expect(g.findings.map((f) => f.code)).not.toContain('member-regime-unknown');
    }
  });
});

describe('findSplitPurchases: change orders fold into their PO', () => {
  const arbWithChangeOrders = fc
    .tuple(arbRows, fc.array(fc.record({ of: fc.nat(), cents: arbAmountCents, days: fc.integer({ min: 0, max: 400 }) }), { maxLength: 10 }))
    .map(([rows, changes]) => {
      // Every PO alone in its bucket: its own member, vendor and category.
      const pos = toPurchases(rows).map((p, i) => ({ ...p, vendorId: `v-${i}`, category: `cat-${i}` }));
      const changeOrders: Purchase[] =
        pos.length === 0
          ? []
          : changes.map((c, j) => {
              const of = pos[c.of % pos.length]!;
              const date = new Date(Date.parse(`${of.date}T00:00:00Z`) + c.days * 86_400_000).toISOString().slice(0, 10);
              return { ...of, id: `co-${j}`, date, amount: centsToMoney(c.cents), revisionOf: of.id };
            });
      return { pos, changeOrders };
    });

  test.prop([arbWithChangeOrders, fc.boolean()], { numRuns: RUNS })('folding change orders never creates a split group', ({ pos, changeOrders }, withMembers) => {
    const options = withMembers ? { members: MEMBERS } : undefined;
    const groups = pace.findSplitPurchases([...pos, ...changeOrders], options);
    for (const g of groups) {
      expect(g.kind, g.purchaseIds.join(',')).toBe('change-orders');
      // A PO followed by its own change orders only.
      const [root, ...rest] = g.purchaseIds;
      for (const id of rest) expect(changeOrders.find((c) => c.id === id)?.revisionOf).toBe(root);
    }
    // Without the change orders the POs, each alone, are never a group.
    expect(pace.findSplitPurchases(pos, options)).toEqual([]);
  });

  test.prop([arbRows, fc.array(fc.record({ of: fc.nat(), cents: arbAmountCents }), { maxLength: 8 })], { numRuns: RUNS })(
    'every split group holds at least two POs, never a PO with only its change orders',
    (rows, changes) => {
      const pos = toPurchases(rows);
      const changeOrders: Purchase[] = pos.length === 0 ? [] : changes.map((c, j) => ({ ...pos[c.of % pos.length]!, id: `co-${j}`, amount: centsToMoney(c.cents), revisionOf: pos[c.of % pos.length]!.id }));
      for (const g of pace.findSplitPurchases([...pos, ...changeOrders])) {
        if (g.kind === 'change-orders') continue;
        expect(g.purchaseIds.filter((id) => id.startsWith('po-')).length).toBeGreaterThanOrEqual(2);
      }
    },
  );
});

// Order-independence and the defining property of a group, on purchases of any supply kind.
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
  test.prop([arbSplitPurchases, fc.integer(), fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined })], { numRuns: Math.max(200, RUNS) })(
    'the order of the purchases never changes the findings',
    (purchases, seed, days) => {
      const shuffled = fc.sample(fc.shuffledSubarray(purchases, { minLength: purchases.length, maxLength: purchases.length }), { seed, numRuns: 1 })[0]!;
      const options = days === undefined ? undefined : { window: { days } };
      expect(pace.findSplitPurchases(shuffled, options)).toEqual(pace.findSplitPurchases(purchases, options));
    },
  );

  test.prop([arbSplitPurchases], { numRuns: RUNS })('every reported group: each purchase within the limit, total over it', (purchases) => {
    for (const g of pace.findSplitPurchases(purchases)) {
      expect(g.purchaseIds.length).toBeGreaterThan(1);
      for (const id of g.purchaseIds) expect(cents(purchases.find((p) => p.id === id)!.amount as string)).toBeLessThanOrEqual(cents(g.threshold));
      if (g.comparison === '>=') expect(cents(g.total)).toBeGreaterThanOrEqual(cents(g.threshold));
      else expect(cents(g.total)).toBeGreaterThan(cents(g.threshold));
    }
  });
});
