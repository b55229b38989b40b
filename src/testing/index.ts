/**
 * fast-check arbitraries for property tests of systems that embed pace-rules
 * (`import { arbMember, arbPurchase } from 'pace-rules/testing'`). fast-check is an optional peer
 * dependency: install it beside pace-rules to use this entry.
 *
 * Every generated value passes the library's schemas. Amounts and dates lean toward the edges that
 * break procurement code: exactly on a threshold, one cent under and one cent over; the day a
 * figure changes and the day before.
 */
import fc from 'fast-check';
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../dates/calendar-date.js';
import { formatCents } from '../money/format-cents.js';
import type { Contract } from '../model/contract.js';
import type { Member, MemberKind } from '../model/member.js';
import type { PriceRule, PriceSchedule, PriceScheduleItem } from '../model/price-schedule.js';
import type { Purchase, PurchaseSupplyKind } from '../model/purchase.js';
import { Dec } from '../money/decimal.js';
import { californiaLaw } from '../packs/bundled.js';

const MEMBER_KINDS: readonly MemberKind[] = ['school-district', 'county-office', 'charter-school', 'community-college-district', 'joint-powers-authority', 'other-public-agency'];
const CATEGORIES = ['classroom-materials', 'technology', 'curriculum', 'furniture', 'facility-services'] as const;
const SUPPLY_KINDS: readonly PurchaseSupplyKind[] = ['goods', 'services', 'public-works', 'professional-services'];

const DAY0 = toDayNumber('2013-01-01');
const DAY1 = toDayNumber('2027-12-31');



/** The dollar thresholds and change dates of the bundled California pack, for boundary bias. */
export function thresholdBoundaries(): { amounts: string[]; dates: string[] } {
  const thresholds = californiaLaw().thresholds ?? [];
  const amounts = new Set<string>();
  const dates = new Set<string>();
  for (const t of thresholds) {
    if (t.amount !== null) amounts.add(new Dec(String(t.amount)).toFixed(2));
    dates.add(t.effectiveFrom);
  }
  return { amounts: [...amounts].sort(), dates: [...dates].sort() };
}

/** Options of {@link arbCalendarDate}. */
export interface ArbCalendarDateOptions {
  /** Earliest date (default 2013-01-01). */
  from?: string;
  /** Latest date (default 2027-12-31). */
  to?: string;
  /** Dates to favour, with the day before each (default: the days thresholds change). */
  boundaries?: readonly string[];
}

/**
 * Calendar dates `YYYY-MM-DD`, favouring the days a threshold changes and the day before.
 *
 * @example
 * ```ts
 * fc.sample(arbCalendarDate({ from: '2025-01-01', to: '2025-12-31' }), 1); // => ['2025-10-01'] (for example)
 * ```
 */
export function arbCalendarDate(options: ArbCalendarDateOptions = {}): fc.Arbitrary<string> {
  const lo = options.from ? toDayNumber(options.from) : DAY0;
  const hi = options.to ? toDayNumber(options.to) : DAY1;
  const edges = (options.boundaries ?? thresholdBoundaries().dates)
    .flatMap((d) => [d, addDays(d, -1)])
    .filter((d) => (!options.from || d >= options.from) && (!options.to || d <= options.to));
  const uniform = fc.integer({ min: lo, max: hi }).map(fromDayNumber);
  return edges.length === 0 ? uniform : fc.oneof({ arbitrary: uniform, weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
}

/** Options of {@link arbMoney}. */
export interface ArbMoneyOptions {
  /** Smallest amount (default "0.00"). */
  min?: string;
  /** Largest amount (default "1000000.00"). */
  max?: string;
  /** Amounts to favour, each with one cent under and one cent over (default: the pack's thresholds). */
  boundaries?: readonly string[];
  /** Share of values drawn from the boundaries, 0 to 1 (default 0.3). */
  boundaryBias?: number;
}

const toCents = (s: string): bigint => BigInt(new Dec(s).times(100).toFixed(0));

/**
 * Money strings with two decimals, a share of them exactly on a threshold, one cent under or over.
 *
 * @example
 * ```ts
 * fc.sample(arbMoney({ boundaries: ['114800.00'], boundaryBias: 1 }), 3); // => ['114799.99', '114800.00', '114800.01'] (for example)
 * ```
 */
export function arbMoney(options: ArbMoneyOptions = {}): fc.Arbitrary<string> {
  const min = toCents(options.min ?? '0');
  const max = toCents(options.max ?? '1000000');
  const bias = Math.min(1, Math.max(0, options.boundaryBias ?? 0.3));
  const edges = [...new Set((options.boundaries ?? thresholdBoundaries().amounts).flatMap((b) => {
    const c = toCents(b);
    return [c - 1n, c, c + 1n];
  }))].filter((c) => c >= min && c <= max);
  const uniform = fc.bigInt({ min, max }).map(formatCents);
  if (edges.length === 0 || bias === 0) return uniform;
  if (bias === 1) return fc.constantFrom(...edges).map(formatCents);
  const weight = Math.max(1, Math.round((bias / (1 - bias)) * 10));
  return fc.oneof({ arbitrary: uniform, weight: 10 }, { arbitrary: fc.constantFrom(...edges).map(formatCents), weight });
}

/** Options of {@link arbMember}. */
export interface ArbMemberOptions {
  /** One kind or a list to choose from (default: every kind). */
  kind?: MemberKind | readonly MemberKind[];
  /** The program id of the membership (default "pace"). */
  programId?: string;
  /** Only active, in-state members with a current membership (default false: anything valid). */
  eligible?: boolean;
}

/**
 * Members of every kind, with or without memberships, board authorizations and CUPCCAA elections.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbMember({ kind: 'charter-school' }), (m) => m.kind === 'charter-school'));
 * ```
 */
export function arbMember(options: ArbMemberOptions = {}): fc.Arbitrary<Member> {
  const kinds = options.kind === undefined ? MEMBER_KINDS : typeof options.kind === 'string' ? [options.kind] : options.kind;
  const programId = options.programId ?? 'pace';
  const eligible = options.eligible ?? false;
  const date = arbCalendarDate({ from: '2013-01-01', to: '2026-12-31' });
  return fc
    .record({
      n: fc.integer({ min: 1, max: 99_999 }),
      kind: fc.constantFrom(...kinds),
      districtType: fc.option(fc.constantFrom('elementary' as const, 'high-school' as const, 'unified' as const), { nil: undefined }),
      state: eligible ? fc.constant('CA') : fc.oneof({ arbitrary: fc.constant('CA'), weight: 9 }, { arbitrary: fc.constantFrom('NV', 'OR', 'AZ'), weight: 1 }),
      ada: fc.option(fc.oneof(fc.integer({ min: 0, max: 600_000 }), fc.constantFrom(2499, 2500, 2501)), { nil: undefined }),
      status: eligible ? fc.constant('active' as const) : fc.constantFrom('active' as const, 'active' as const, 'pending' as const, 'suspended' as const, 'withdrawn' as const),
      hasMembership: eligible ? fc.constant(true) : fc.boolean(),
      since: date,
      sinceOffset: fc.integer({ min: 0, max: 3000 }),
      feesPaid: fc.option(fc.integer({ min: -400, max: 800 }), { nil: undefined }),
      authorizations: fc.array(
        fc.record({
          adoptedOffset: fc.integer({ min: 0, max: 2000 }),
          years: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
          scope: fc.record({
            programIds: fc.option(fc.constant([programId]), { nil: undefined }),
            categories: fc.option(fc.subarray([...CATEGORIES], { minLength: 1 }), { nil: undefined }),
          }),
        }),
        { maxLength: 2 },
      ),
      cupccaa: fc.option(fc.record({ optedIn: fc.boolean(), since: fc.option(date, { nil: undefined }) }), { nil: undefined }),
      mpt: fc.option(fc.record({ amount: fc.constantFrom('10000.00', '15000.00', '25000.00', '50000.00'), selfCertifiedOn: date }), { nil: undefined }),
      // A JPA's designated member kind (Gov. Code § 6509), or none (its regime then unknown).
      regimeOf: fc.option(fc.constantFrom('school-district' as const, 'county-office' as const, 'community-college-district' as const, 'charter-school' as const), { nil: undefined }),
    })
    .map((r) => {
      const member: Member = { id: `member-${r.n}`, name: `Member ${r.n}`, kind: r.kind, state: r.state };
      if (r.districtType !== undefined && r.kind === 'school-district') member.districtType = r.districtType;
      if (r.ada !== undefined) member.averageDailyAttendance = r.ada;
      if (r.hasMembership) {
        const since = eligible ? addDays('2013-01-01', r.sinceOffset % 1000) : r.since;
        member.membership = { programId, status: r.status, since };
        if (r.feesPaid !== undefined) member.membership.feesPaidThrough = addDays(addMonths(since, 12 * 5), Math.abs(r.feesPaid));
      }
      if (r.authorizations.length > 0) {
        member.boardAuthorizations = r.authorizations.map((a, i) => {
          const adoptedOn = addDays('2013-01-01', a.adoptedOffset);
          const auth: NonNullable<Member['boardAuthorizations']>[number] = { id: `auth-${r.n}-${i}`, adoptedOn, scope: {} };
          if (a.years !== undefined) auth.expiresOn = addMonths(adoptedOn, 12 * a.years);
          if (a.scope.programIds !== undefined) auth.scope.programIds = [...a.scope.programIds];
          if (a.scope.categories !== undefined) auth.scope.categories = [...a.scope.categories];
          return auth;
        });
      }
      if (r.cupccaa !== undefined) {
        member.cupccaa = { optedIn: r.cupccaa.optedIn };
        if (r.cupccaa.since !== undefined) member.cupccaa.since = r.cupccaa.since;
      }
      if (r.mpt !== undefined) member.federalMicroPurchaseThreshold = r.mpt;
      if (r.regimeOf !== undefined && r.kind === 'joint-powers-authority') member.regimeOf = r.regimeOf;
      return member;
    });
}

/** Options of {@link arbPriceSchedule}. */
export interface ArbPriceScheduleOptions {
  /** Which price rules to use (default: all four). */
  kinds?: readonly ('fixed' | 'discount' | 'volume' | 'graduated')[];
  /** How many items (default 1 to 5). */
  items?: { min?: number; max?: number };
  /** Schedule id (default "schedule-1"). */
  id?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  rounding?: 'half-up' | 'half-even';
}

const arbUnitPrice = fc.bigInt({ min: 1n, max: 999_999n }).map(formatCents);

function arbPriceRule(kind: 'fixed' | 'discount' | 'volume' | 'graduated'): fc.Arbitrary<{ rule: PriceRule; listPrice?: string }> {
  switch (kind) {
    case 'fixed':
      return fc.record({ rule: arbUnitPrice.map((unitPrice): PriceRule => ({ kind: 'fixed', unitPrice })), listPrice: fc.option(arbUnitPrice, { nil: undefined }) }).map(({ rule, listPrice }) => (listPrice === undefined ? { rule } : { rule, listPrice }));
    case 'discount':
      return fc.record({ pct: fc.integer({ min: 0, max: 10_000 }), listPrice: arbUnitPrice }).map(({ pct, listPrice }) => ({ rule: { kind: 'discount', percentOffList: new Dec(pct).dividedBy(100).toString() }, listPrice }));
    case 'volume':
    case 'graduated':
      return fc
        .record({
          bounds: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 0, maxLength: 4 }).map((b) => [...b].sort((x, y) => x - y)),
          prices: fc.array(arbUnitPrice, { minLength: 5, maxLength: 5 }),
          fees: fc.array(fc.option(fc.constantFrom('0.00', '25.00', '99.99'), { nil: undefined }), { minLength: 5, maxLength: 5 }),
        })
        .map(({ bounds, prices, fees }) => {
          // Prices fall (or stay) as tiers rise, as real volume discounts do.
          const sorted = [...prices].sort((a, b) => new Dec(b).comparedTo(new Dec(a)));
          const tiers = [...bounds, null].map((upTo, i) => {
            const tier: { upTo: number | null; unitPrice: string; flatFee?: string } = { upTo, unitPrice: sorted[i]! };
            if (fees[i] !== undefined) tier.flatFee = fees[i]!;
            return tier;
          });
          return { rule: { kind: 'tiered', mode: kind, tiers } };
        });
  }
}

/**
 * Valid price schedules: fixed, discount-off-list, and volume or graduated tier tables with
 * strictly ascending bounds and one open top tier.
 *
 * @example
 * ```ts
 * fc.sample(arbPriceSchedule({ kinds: ['volume'] }), 1)[0].items[0].price.kind; // => 'tiered'
 * ```
 */
export function arbPriceSchedule(options: ArbPriceScheduleOptions = {}): fc.Arbitrary<PriceSchedule> {
  const kinds = options.kinds ?? ['fixed', 'discount', 'volume', 'graduated'];
  const item = fc.constantFrom(...kinds).chain(arbPriceRule);
  return fc.array(item, { minLength: options.items?.min ?? 1, maxLength: options.items?.max ?? 5 }).map((rules) => {
    const schedule: PriceSchedule = {
      id: options.id ?? 'schedule-1',
      effectiveFrom: options.effectiveFrom ?? '2024-07-01',
      currency: 'USD',
      items: rules.map(({ rule, listPrice }, i) => {
        const entry: PriceScheduleItem = { sku: `SKU-${i + 1}`, description: `Item ${i + 1}`, price: rule };
        if (listPrice !== undefined) entry.listPrice = listPrice;
        return entry;
      }),
    };
    if (options.effectiveTo !== undefined) schedule.effectiveTo = options.effectiveTo;
    if (options.rounding !== undefined) schedule.rounding = options.rounding;
    return schedule;
  });
}

/** Options of {@link arbContract}. */
export interface ArbContractOptions {
  supplyKind?: Contract['supplyKind'];
  programId?: string;
  /** Only contracts usable as a piggyback (public lead agency, cooperative-use clause, federal-compliant). */
  usable?: boolean;
  priceSchedule?: ArbPriceScheduleOptions;
}

/**
 * Cooperative contracts with terms, renewals, eligibility and a price schedule. A term of 1 to 3
 * years and each one-year renewal run in calendar years: each ends the day before an anniversary of
 * the start (3 years and two renewals from 2024-07-01 end 2029-06-30).
 *
 * @example
 * ```ts
 * fc.sample(arbContract({ usable: true }), 1)[0].solicitation.cooperativeUseClause; // => true
 * ```
 */
export function arbContract(options: ArbContractOptions = {}): fc.Arbitrary<Contract> {
  const usable = options.usable ?? false;
  const bool = (v: boolean): fc.Arbitrary<boolean> => (usable ? fc.constant(v) : fc.oneof({ arbitrary: fc.constant(v), weight: 4 }, { arbitrary: fc.constant(!v), weight: 1 }));
  return fc
    .record({
      n: fc.integer({ min: 1, max: 99_999 }),
      start: arbCalendarDate({ from: '2018-01-01', to: '2026-06-30' }),
      years: fc.integer({ min: 1, max: 3 }),
      renewals: fc.array(fc.boolean(), { maxLength: 2 }),
      categories: fc.subarray([...CATEGORIES], { minLength: 1 }),
      supplyKind: options.supplyKind ? fc.constant(options.supplyKind) : fc.constantFrom('goods' as const, 'goods' as const, 'services' as const, 'public-works' as const),
      kinds: fc.subarray([...MEMBER_KINDS], { minLength: 1 }),
      isPublic: bool(true),
      clause: bool(true),
      federal: bool(true),
      excluded: usable ? fc.constant(false) : fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
      schedule: arbPriceSchedule(options.priceSchedule),
      dealers: fc.integer({ min: 0, max: 2 }),
      // A cap per member only on contracts that need not be usable: a cap can make a purchase ineligible.
      cap: usable ? fc.constant(undefined) : fc.option(fc.constantFrom('25000.00', '100000.00', '250000.00'), { nil: undefined }),
    })
    .map((r) => {
      // Calendar years from the start, each ending the day before an anniversary of it (a 365-day
      // year would end a day early across a leap day: 5 years from 2024-07-01 end 2029-06-30).
      const endOfYear = (years: number): string => addDays(addMonths(r.start, 12 * years), -1);
      const end = endOfYear(r.years);
      const renewals = r.renewals.map((exercised, i) => ({ start: addDays(endOfYear(r.years + i), 1), end: endOfYear(r.years + i + 1), exercised }));
      const contract: Contract = {
        id: `contract-${r.n}`,
        number: `PACE-${r.n}`,
        title: `Contract ${r.n}`,
        programId: options.programId ?? 'pace',
        leadAgency: { name: 'Lead County Office of Education', isPublicAgency: r.isPublic, state: 'CA' },
        solicitation: { number: `RFP-${r.n}`, kind: 'request-for-proposals', awardedOn: addDays(r.start, -30), cooperativeUseClause: r.clause, federalProcurementCompliant: r.federal },
        vendor: { id: `vendor-${r.n % 50}`, name: `Vendor ${r.n % 50}`, excludedFromFederalAwards: r.excluded },
        categories: r.categories,
        supplyKind: r.supplyKind,
        term: renewals.length > 0 ? { start: r.start, end, renewals } : { start: r.start, end },
        eligibleMemberKinds: usable ? [...MEMBER_KINDS] : r.kinds,
        priceSchedules: [{ ...r.schedule, effectiveFrom: r.start }],
      };
      if (r.dealers > 0) contract.authorizedDealers = Array.from({ length: r.dealers }, (_, i) => ({ id: `dealer-${r.n % 50}-${i}`, name: `Dealer ${r.n % 50}-${i}` }));
      if (r.cap !== undefined) contract.maxAmountPerMember = r.cap;
      return contract;
    });
}

/** Options of {@link arbPurchase}. */
export interface ArbPurchaseOptions {
  memberId?: string;
  /** Amount range and boundary bias (default: $0 to $1,000,000, leaning to the pack's thresholds). */
  amount?: ArbMoneyOptions;
  supplyKind?: PurchaseSupplyKind | readonly PurchaseSupplyKind[];
  /** Whether federal money is spent: true, false, or undefined for either. */
  federal?: boolean;
  date?: ArbCalendarDateOptions;
  contractId?: string;
  vendorId?: string;
  /** Make it a change order of this purchase id. */
  revisionOf?: string;
}

/**
 * Purchases with amounts on and around thresholds, dates on and around the days figures change,
 * and optional federal funding (Title I, or now and then E-Rate) that adds up to the amount.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbPurchase({ federal: true }), (p) => p.funding?.some((f) => f.source === 'federal') === true));
 * ```
 */
export function arbPurchase(options: ArbPurchaseOptions = {}): fc.Arbitrary<Purchase> {
  const kinds = options.supplyKind === undefined ? SUPPLY_KINDS : typeof options.supplyKind === 'string' ? [options.supplyKind] : options.supplyKind;
  return fc
    .record({
      n: fc.integer({ min: 1, max: 9_999_999 }),
      amount: arbMoney(options.amount),
      date: arbCalendarDate(options.date),
      supplyKind: fc.constantFrom(...kinds),
      category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
      federal: options.federal === undefined ? fc.boolean() : fc.constant(options.federal),
      federalShare: fc.integer({ min: 1, max: 100 }),
      // E-Rate now and then: its program decides the E-Rate items and rules.
      program: fc.constantFrom('Title I', 'Title I', 'Title I', 'E-Rate'),
      publicWorks: fc.option(fc.constantFrom('construction' as const, 'alteration' as const, 'demolition' as const, 'repair' as const, 'maintenance' as const, 'installation' as const, 'painting' as const), { nil: undefined }),
    })
    .map((r) => {
      const purchase: Purchase = { id: `po-${r.n}`, memberId: options.memberId ?? 'member-1', date: r.date, amount: r.amount, supplyKind: r.supplyKind };
      if (r.category !== undefined) purchase.category = r.category;
      if (options.contractId !== undefined) purchase.contractId = options.contractId;
      if (options.vendorId !== undefined) purchase.vendorId = options.vendorId;
      if (options.revisionOf !== undefined) purchase.revisionOf = options.revisionOf;
      // The kind of public work on public-works purchases, and installation on some goods orders.
      if (r.publicWorks !== undefined && (r.supplyKind === 'public-works' || (r.supplyKind === 'goods' && r.publicWorks === 'installation'))) purchase.publicWorks = { kind: r.publicWorks };
      if (r.federal) {
        const amount = new Dec(r.amount);
        const federal = amount.times(r.federalShare).dividedBy(100).toDecimalPlaces(2, Dec.ROUND_DOWN);
        const local = amount.minus(federal);
        purchase.funding = [{ source: 'federal', program: r.program, amount: federal.toFixed(2) }];
        if (!local.isZero()) purchase.funding.push({ source: 'local', amount: local.toFixed(2) });
      }
      return purchase;
    });
}
