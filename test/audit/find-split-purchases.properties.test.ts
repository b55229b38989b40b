// Invariants of findSplitPurchases with each member's own regime and with change orders. Failing
// runs print their seed (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createPace, type Member, type Purchase } from '../../src/index.js';

type PublicWorksKind = NonNullable<Purchase['publicWorks']>['kind'];
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
  fc.tuple(fc.constantFrom(7500, 15000, 57400, 60000, 75000, 110000, 114800, 220000), fc.constantFrom(-1, 0, 1)).map(([d, c]) => d * 100 + c),
  fc.integer({ min: 0, max: 24_000_000 }),
);

const arbRows = fc.array(
  fc.record({
    member: fc.constantFrom(...MEMBERS.map((m) => m.id)),
    vendor: fc.constantFrom('v-1', 'v-2'),
    category: fc.constantFrom('technology', 'furniture'),
    kind: fc.constantFrom<Purchase['supplyKind']>('goods', 'services', 'public-works'),
    // The kind of work a public-works purchase names, if any: maintenance has the § 20111(a)
    // limit, the others the public-project limits.
    work: fc.option(fc.constantFrom<PublicWorksKind>('maintenance', 'maintenance', 'repair', 'construction'), { nil: undefined }),
    date: arbDate,
    cents: arbAmountCents,
    federal: fc.boolean(),
  }),
  { maxLength: 30 },
);

interface GeneratedRow { member: string; vendor: string; category: string; kind: Purchase['supplyKind']; work?: PublicWorksKind | undefined; date: string; cents: number; federal: boolean }

const toPurchases = (rows: readonly GeneratedRow[]): Purchase[] =>
  rows.map((r, i) => ({
    id: `po-${i}`, memberId: r.member, date: r.date, amount: centsToMoney(r.cents), supplyKind: r.kind, vendorId: r.vendor, category: r.category,
    ...(r.kind === 'public-works' && r.work !== undefined ? { publicWorks: { kind: r.work } } : {}),
    ...(r.federal ? { funding: [{ source: 'federal' as const, amount: centsToMoney(r.cents) }] } : {}),
  }));

/**
 * The lowest state bid limit procurementMethod applies to the member's own regime for a purchase:
 * a formal-bid limit, or CUPCCAA's force-account limit, above which work is bid informally (PCC §
 * 22032(a); splitting to stay under it is unlawful too, § 22033).
 */
function ownLowestLimit(member: Member, purchase: Purchase): number | undefined {
  const judgedAs: Member = member.kind === 'joint-powers-authority' && member.regimeOf ? { ...member, kind: member.regimeOf } : member;
  const { funding: _funding, ...withoutFederal } = purchase;
  const d = pace.procurementMethod({ member: judgedAs, purchase: withoutFederal });
  const limits = d.thresholds.filter((t) => t.applies && t.level === 'state' && (t.method === 'formal-bid' || t.method === 'informal-bid') && t.amount !== null).map((t) => cents(t.amount!));
  return limits.length === 0 ? undefined : Math.min(...limits);
}

/** Rows on a few days (before and after a CUPCCAA election, across July 1): members share days. */
const arbRowsOnFewDays = arbRows.filter((rows) => rows.length >= 8).chain((rows) =>
  fc.array(fc.constantFrom('2024-09-03', '2025-03-03', '2025-07-01'), { minLength: rows.length, maxLength: rows.length }).map((days) => rows.map((r, i) => ({ ...r, date: days[i]! }))),
);

describe('findSplitPurchases: each member is judged by its own regime', () => {
  /** No group of the purchases uses a limit lower than procurementMethod's for one of them. */
  const expectOwnLimits = (purchases: Purchase[], acrossVendors: boolean): void => {
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
  };

  test.prop([arbRows, fc.boolean()], { numRuns: RUNS })("a group never uses a limit lower than the member's own regime on its dates", (rows, acrossVendors) => {
    expectOwnLimits(toPurchases(rows), acrossVendors);
  });

  // One vendor's public works within a fiscal year, around the $15,000 public-project limit:
  // maintenance (PCC § 20111(a)) beside repairs and construction (§ 20111(b), CUPCCAA's bands).
  const arbPublicWorks = fc.array(
    fc.record({
      member: fc.constantFrom('m-district', 'm-cupccaa', 'm-ccd', 'm-jpa-district'),
      vendor: fc.constant('v-1'),
      category: fc.constant('facilities'),
      kind: fc.constant<Purchase['supplyKind']>('public-works'),
      work: fc.option(fc.constantFrom<PublicWorksKind>('maintenance', 'repair', 'construction'), { nil: undefined }),
      date: fc.constantFrom('2025-08-04', '2025-10-15', '2026-01-20', '2026-05-11'),
      cents: fc.oneof(fc.integer({ min: 100_000, max: 2_000_000 }), arbAmountCents),
      federal: fc.constant(false),
    }),
    { minLength: 2, maxLength: 12 },
  );
  test.prop([arbPublicWorks], { numRuns: RUNS })("a public work's group uses its own kind of work's limit (maintenance: § 20111(a), not the public-project limit)", (rows) => {
    expectOwnLimits(toPurchases(rows), false);
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

describe('findSplitPurchases: a CUPCCAA election without a date', () => {
  // The member's word (the election in force on every date) and the stricter reading (no election).
  const undated: Member = { ...district, id: 'm-u', cupccaa: { optedIn: true } };
  const elected: Member = { ...undated, cupccaa: { optedIn: true, since: '1900-01-01' } };
  const none: Member = { ...undated, cupccaa: { optedIn: false } };
  const keyOf = (g: { kind: string; supplyKind: string; purchaseIds: string[] }): string => `${g.kind}|${g.supplyKind}|${g.purchaseIds.join(',')}`;
  // Mostly public works (the only kind the election changes), between the readings' limits
  // ($15,000 without it; $60,000-$75,000 force account and $220,000 formal with it), on a few days.
  const arbUndatedRows = fc.array(
    fc.record({
      member: fc.constant('m-u'),
      vendor: fc.constantFrom('v-1', 'v-2'),
      category: fc.constantFrom('technology', 'furniture'),
      kind: fc.constantFrom<Purchase['supplyKind']>('public-works', 'public-works', 'goods'),
      date: fc.constantFrom('2024-09-03', '2025-03-03', '2025-07-01', '2025-10-01'),
      cents: fc.oneof(arbAmountCents, fc.integer({ min: 500_000, max: 8_000_000 })),
      federal: fc.boolean(),
    }),
    { maxLength: 12 },
  );
  // Groups that only one reading finds, over the runs (checked below: the property tests something).
  let oneReadingOnly = 0;
  test.prop([arbUndatedRows, fc.boolean()], { numRuns: RUNS })(
    'its groups are those of either reading; a split blocks only when the election on its word finds it; a group only one reading finds says so',
    (rows, acrossVendors) => {
      const purchases = toPurchases(rows.map((r) => ({ ...r, member: 'm-u' })));
      const groups = pace.findSplitPurchases(purchases, { members: [undated], acrossVendors });
      const withElection = new Set(pace.findSplitPurchases(purchases, { members: [elected], acrossVendors }).map(keyOf));
      const without = new Set(pace.findSplitPurchases(purchases, { members: [none], acrossVendors }).map(keyOf));
      expect(new Set(groups.map(keyOf))).toEqual(new Set([...withElection, ...without]));
      expect(groups.length).toBe(new Set(groups.map(keyOf)).size);
      for (const g of groups) {
        const key = keyOf(g);
        const split = g.findings.find((f) => f.code === 'split-purchase');
        if (split) expect(split.severity, key).toBe(withElection.has(key) ? 'block' : 'warn');
        const onlyOne = withElection.has(key) !== without.has(key);
        expect(g.findings.some((f) => f.code === 'cupccaa-election-date-unknown'), key).toBe(onlyOne);
        if (onlyOne) oneReadingOnly++;
      }
    },
  );

  test('the readings differed on some of those worlds, and on two that each finds alone', () => {
    expect(oneReadingOnly).toBeGreaterThan(RUNS / 10);
    // Two $10,000 repairs (a split only without the election) and four $60,000 ones from another contractor (only with it).
    const repairs = (amount: string, n: number, vendorId: string): Purchase[] =>
      Array.from({ length: n }, (_, i) => ({ id: `po-${amount}-${i}`, memberId: 'm-u', date: `2025-0${8 + (i % 2)}-1${i}`, amount, supplyKind: 'public-works', vendorId }));
    const groups = pace.findSplitPurchases([...repairs('10000.00', 2, 'v-1'), ...repairs('60000.00', 4, 'v-2')], { members: [undated] });
    expect(groups.map((g) => [g.total, g.findings.map((f) => `${f.code}:${f.severity}`)])).toEqual([
      ['20000.00', ['split-purchase:warn', 'cupccaa-election-date-unknown:warn']],
      ['240000.00', ['split-purchase:block', 'cupccaa-election-date-unknown:warn']],
    ]);
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

describe('findSplitPurchases with acrossVendors', () => {
  // One member's purchases from three vendors, some naming a category and some none.
  const arbMixed = fc.array(
    fc.record({
      member: fc.constantFrom('m-district', 'm-cupccaa'),
      vendor: fc.constantFrom('v-1', 'v-2', 'v-3'),
      category: fc.option(fc.constantFrom('paper', 'technology'), { nil: undefined }),
      kind: fc.constantFrom<Purchase['supplyKind']>('goods', 'public-works'),
      date: fc.constantFrom('2025-05-12', '2025-06-20', '2025-08-04', '2025-10-15', '2026-01-20'),
      cents: arbAmountCents,
    }),
    { minLength: 2, maxLength: 16 },
  );
  const mixed = (rows: readonly { member: string; vendor: string; category?: string | undefined; kind: Purchase['supplyKind']; date: string; cents: number }[]): Purchase[] =>
    rows.map((r, i) => ({ id: `po-${i}`, memberId: r.member, date: r.date, amount: centsToMoney(r.cents), supplyKind: r.kind, vendorId: r.vendor, ...(r.category !== undefined ? { category: r.category } : {}) }));

  test.prop([arbMixed], { numRuns: RUNS * 5 })("finds every group it finds without the option, and adds only groups of a category that take more than one vendor's purchases, none twice", (rows) => {
    const purchases = mixed(rows);
    const keyOf = (g: { kind: string; memberId: string; supplyKind: string; purchaseIds: string[] }) => JSON.stringify([g.kind, g.memberId, g.supplyKind, g.purchaseIds]);
    const across = pace.findSplitPurchases(purchases, { members: MEMBERS, acrossVendors: true });
    const without = pace.findSplitPurchases(purchases, { members: MEMBERS });
    const acrossKeys = across.map(keyOf);
    const withoutKeys = new Set(without.map(keyOf));
    for (const g of without) expect(acrossKeys, keyOf(g)).toContain(keyOf(g));
    expect(new Set(acrossKeys).size).toBe(acrossKeys.length);
    const vendorOf = new Map(purchases.map((p) => [p.id, p.vendorId]));
    for (const g of across) {
      if (withoutKeys.has(keyOf(g))) continue;
      expect(g.category, keyOf(g)).toBeDefined();
      expect(new Set(g.purchaseIds.map((id) => vendorOf.get(id)).filter((v) => v !== undefined)).size, keyOf(g)).toBeGreaterThan(1);
    }
  });
});
