import type { Finding } from '../decision.js';
import { toDayNumber } from '../dates/calendar-date.js';
import { fiscalStartYearOf } from '../dates/fiscal-year.js';
import { PaceError } from '../errors/pace-error.js';
import { parseSplitPurchaseOptions } from './split-purchase-options.js';
import { ASSUMED, Limits, Regimes, figureOn, lower, type Regime } from './member-regimes.js';
import { formatCents } from '../money/format-cents.js';
import { Dec } from '../money/decimal.js';
import { formatMoney } from '../money/money.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import { parsePurchase } from '../compliance/parse-input.js';
import { readInput, readList } from '../model/read-input.js';
import { complianceContext } from '../compliance/rule-sets.js';
import { isExceeded, moneyToCents, type ThresholdPeriod, type ThresholdTable } from '../compliance/threshold-table.js';

/**
 * Options of `pace.findSplitPurchases`.
 * @example
 * ```ts
 * const options: SplitPurchaseOptions = { window: { days: 30 }, members: [district], acrossVendors: true };
 * ```
 */
export interface SplitPurchaseOptions {
  /**
   * How purchases are grouped in time: `'fiscal-year'` (the default: July 1 - June 30), or
   * `{ days }`: purchases chained while each follows the previous one by at most `days` days.
   */
  window?: 'fiscal-year' | { days: number };
  /**
   * The members whose purchases these are: each member's own regime then decides the limit (its
   * kind, a JPA's `regimeOf`, its CUPCCAA election). Without them every purchaser is taken to be a
   * school district that did not elect CUPCCAA, and each group says so in an `info` finding.
   */
  members?: readonly Member[];
  /** Group the same category across vendors (PCC § 20116 speaks of "any work, project, service, or purchase"). */
  acrossVendors?: boolean;
}

/**
 * What a group reports: `split` (purchases that together pass the bid limit each stays under),
 * `fiscal-year-boundary` (the same, but just across July 1: a warning), `federal-micro-purchase`
 * (federal-money purchases from one vendor, each a micro-purchase, together over the threshold:
 * a warning) or `change-orders` (a PO whose change orders carry it over the limit it was under).
 */
export type SplitPurchaseGroupKind = 'split' | 'fiscal-year-boundary' | 'federal-micro-purchase' | 'change-orders';

/**
 * A group of purchases that look split to stay under the bid limit.
 * @example
 * ```ts
 * const [g] = pace.findSplitPurchases(purchases);
 * g?.total;     // => '120000.00'
 * g?.threshold; // => '114800.00'
 * g?.limitId;   // => 'ca.pcc20111a.k12'
 * ```
 */
export interface SplitPurchaseGroup {
  kind: SplitPurchaseGroupKind;
  memberId: string;
  /** The vendor, when every purchase of the group has the same one. */
  vendorId?: string;
  /** The category the group was formed on (with `acrossVendors`). */
  category?: string;
  supplyKind: Purchase['supplyKind'];
  /** In date order (then id); a PO's change orders follow it. */
  purchaseIds: string[];
  /** Their total, e.g. `"120000.00"` (change orders included). */
  total: string;
  /** The limit the group is judged against: the lowest in force on the purchases' dates. */
  threshold: string;
  citation: string;
  /** First and last purchase dates. */
  from: string;
  to: string;
  /** The threshold period used, e.g. `ca.pcc20111a.k12.2025`. */
  thresholdId: string;
  /** The series of that period (the limit), e.g. `ca.pcc20111a.k12`. */
  limitId: string;
  /** The comparison of that limit (`>`: over it; `>=`: at or over it). */
  comparison: '>' | '>=' | '<=';
  /** What the group means, and what the regimes or figures behind it leave open. */
  findings: Finding[];
}

const SPLIT_KINDS: ReadonlySet<string> = new Set(['goods', 'services', 'public-works', 'professional-services']);

/** Twelve months less a day: purchases at most this many days apart fit in one rolling year. */
const ROLLING_YEAR_DAYS = 364;

interface Row {
  readonly purchase: Purchase;
  readonly day: number;
  /** The year its fiscal year starts in (2024 for FY 2024-25). */
  readonly fy: number;
  /** The PO's own amount and, folded, with its change orders. */
  readonly ownCents: number;
  cents: number;
  changeOrders: readonly Purchase[];
  limit: ThresholdPeriod | null;
  limitFallback: boolean;
  regime: Regime;
}

/**
 * Finds purchases that look split to evade the bid limit (PCC § 20116; § 22033 for CUPCCAA
 * public projects; § 20657 for community college districts): purchases of the same member, vendor
 * (or, with `acrossVendors`, category) and supply kind in one fiscal year (or chained with gaps of
 * at most `days`), each within the limit the group is judged against, whose total is over it. The
 * limit is the lowest of the member's own regime in force on the purchases' dates. Change orders
 * (`revisionOf`) fold into their PO; a PO they carry over its limit is reported on its own
 * (`change-orders`). Purchases under a cooperative contract are left out, and so is a PO that is
 * itself over its limit (its own procurement). With the default window, purchases just across July 1
 * that would be a split within a rolling year are a `fiscal-year-boundary` warning; purchases with
 * federal money from one vendor, each a micro-purchase, together over the threshold, a
 * `federal-micro-purchase` warning. Ids are taken as given (a repeated id is not an error).
 *
 * @param context - The layered packs (bid limits: thresholds with `method: 'formal-bid'`).
 * @param purchases - The purchases (validated; bad ones throw a PaceError naming `$.purchases[i]`).
 * @param options - `{ window?, members?, acrossVendors? }`.
 * @returns The groups, sorted by member, vendor, supply kind, first date and kind.
 * @internal
 */
export function findSplitPurchases(context: PaceContext, input: unknown, options?: unknown): SplitPurchaseGroup[] {
  // The list is read once, under a guard (a getter or Proxy trap that throws is a PaceError naming
  // it, a list over MAX_INPUT_ARRAY_LENGTH is refused before it is walked); each purchase is then
  // read once by its parser. The options are read once into a private copy.
  const purchases = readList(input, '$.purchases', 'purchases');
  if (purchases === undefined) {
    throw new PaceError('invalid-input', 'findSplitPurchases expects an array of purchases', [{ path: '$.purchases', message: 'expected an array of purchases' }]);
  }
  const parsedOptions = parseSplitPurchaseOptions(readInput(options, '$.options', 'options'));
  const { days: windowDays, members, acrossVendors } = parsedOptions;
  const table = complianceContext(context).thresholds;
  const limits = new Limits(table);
  const rule = context.rules.find((r) => r.event.params?.['code'] === 'member-regime-unknown');
  const regimes = new Regimes(members, rule && { id: rule.id, pack: rule.pack, citation: rule.citation });

  const n = purchases.length;
  const parsed: Purchase[] = new Array<Purchase>(n);
  // The ids change orders name, and where each first occurs: only those are looked up.
  let revised: Set<string> | undefined;
  for (let i = 0; i < n; i++) {
    const p = parsePurchase(purchases[i], `$.purchases[${i}]`);
    parsed[i] = p;
    if (p.revisionOf !== undefined) (revised ??= new Set()).add(p.revisionOf);
  }
  const firstById = new Map<string, number>();
  if (revised) {
    for (let i = 0; i < n; i++) if (revised.has(parsed[i]!.id) && !firstById.has(parsed[i]!.id)) firstById.set(parsed[i]!.id, i);
  }

  // Change orders fold into the PO at the root of their revisionOf chain (when it is given).
  const rootOf = (i: number): number => {
    let at = i;
    for (let steps = 0; steps <= n; steps++) {
      const parent = parsed[at]!.revisionOf;
      const next = parent === undefined ? undefined : firstById.get(parent);
      if (next === undefined || next === at) return at;
      at = next;
    }
    return i; // a cycle of change orders: each stands alone
  };
  const rows: (Row | undefined)[] = new Array<Row | undefined>(n);
  const dayCache = new Map<string, number>();
  const dayOf = (date: string): number => {
    let day = dayCache.get(date);
    if (day === undefined) dayCache.set(date, (day = toDayNumber(date)));
    return day;
  };
  const changeOrdersOf = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = revised ? rootOf(i) : i;
    if (root !== i) {
      const list = changeOrdersOf.get(root);
      if (list) list.push(i);
      else changeOrdersOf.set(root, [i]);
      continue;
    }
    const p = parsed[i]!;
    if (p.contractId !== undefined) continue;
    const cents = moneyToCents(p.amount);
    rows[i] = { purchase: p, day: dayOf(p.date), fy: fiscalStartYearOf(p.date), ownCents: cents, cents, changeOrders: NO_CHANGE_ORDERS, limit: null, limitFallback: false, regime: ASSUMED_REGIME };
  }
  for (const [root, list] of changeOrdersOf) {
    const row = rows[root];
    if (!row) continue;
    list.sort((a, b) => dayOf(parsed[a]!.date) - dayOf(parsed[b]!.date) || compareText(parsed[a]!.id, parsed[b]!.id));
    row.changeOrders = list.map((i) => parsed[i]!);
    for (const i of list) row.cents += moneyToCents(parsed[i]!.amount);
  }

  const out: SplitPurchaseGroup[] = [];
  // member → vendor or category → supply kind → row indexes
  const buckets = new Map<string, Map<string | undefined, Map<string, number[]>>>();
  const federalBuckets = new Map<string, Map<string | undefined, number[]>>();
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!row) continue;
    const p = row.purchase;
    if (!SPLIT_KINDS.has(p.supplyKind)) continue;
    row.regime = regimes.of(p.memberId, p.date);
    if (p.vendorId !== undefined && hasFederalMoney(p)) pushTo(federalBuckets, p.memberId, p.vendorId, i);
    const hit = limits.on(row.regime, p.supplyKind, row.day);
    if (hit === null) continue;
    row.limit = hit.used;
    row.limitFallback = hit.fallback;
    if (isExceeded(row.ownCents, hit.used)) continue;
    if (isExceeded(row.cents, hit.used)) {
      out.push(changeOrderGroup(row, hit.used, hit.fallback));
      continue;
    }
    let byKey = buckets.get(p.memberId);
    if (!byKey) buckets.set(p.memberId, (byKey = new Map()));
    const key = acrossVendors ? p.category : p.vendorId;
    let byKind = byKey.get(key);
    if (!byKind) byKey.set(key, (byKind = new Map()));
    const list = byKind.get(p.supplyKind);
    if (list) list.push(i);
    else byKind.set(p.supplyKind, [i]);
  }

  const rowAt = (i: number): Row => rows[i]!;
  const byDateThenId = (a: number, b: number): number => rows[a]!.day - rows[b]!.day || compareText(rows[a]!.purchase.id, rows[b]!.purchase.id);
  for (const byKey of buckets.values()) {
    for (const byKind of byKey.values()) {
      for (const list of byKind.values()) {
        if (list.length < 2) continue;
        list.sort(byDateThenId);
        const rowsOf = list.map(rowAt);
        // No window of the bucket can pass the lowest limit of its purchases when all of them together do not.
        if (!couldBeOver(rowsOf)) continue;
        let inSplits: Set<Row> | undefined;
        for (const [start, end] of windows(rowsOf, windowDays)) {
          if (end - start > 1) reportSplit(rowsOf.slice(start, end), 'split', acrossVendors, out)?.forEach((r) => (inSplits ??= new Set()).add(r));
        }
        if (windowDays === undefined && rowsOf[0]!.fy !== rowsOf[rowsOf.length - 1]!.fy) reportBoundaries(rowsOf, inSplits, acrossVendors, out);
      }
    }
  }
  for (const byVendor of federalBuckets.values()) {
    for (const list of byVendor.values()) {
      if (list.length < 2) continue;
      list.sort(byDateThenId);
      const rowsOf = list.map(rowAt);
      for (const [start, end] of windows(rowsOf, windowDays)) {
        if (end - start > 1) reportFederal(rowsOf.slice(start, end), table, out);
      }
    }
  }
  out.sort(compareGroups);
  return out;
}

const ASSUMED_REGIME: Regime = { key: '*', kind: undefined, cupccaa: false, memberId: '', finding: ASSUMED, limits: new Map() };
const NO_CHANGE_ORDERS: readonly Purchase[] = [];

function hasFederalMoney(p: Purchase): boolean {
  return p.funding?.some((f) => f.source === 'federal') ?? false;
}

function pushTo(map: Map<string, Map<string | undefined, number[]>>, a: string, b: string | undefined, i: number): void {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  const list = inner.get(b);
  if (list) list.push(i);
  else inner.set(b, [i]);
}

/** The time windows of a date-sorted list: [start, end) index pairs. */
function windows(rows: readonly Row[], windowDays: number | undefined): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    if (windowDays === undefined) {
      const fy = rows[start]!.fy;
      while (end < rows.length && rows[end]!.fy === fy) end++;
    } else {
      while (end < rows.length && rows[end]!.day - rows[end - 1]!.day <= windowDays) end++;
    }
    out.push([start, end]);
    start = end;
  }
  return out;
}

const KIND_ORDER: Record<SplitPurchaseGroupKind, number> = { split: 0, 'fiscal-year-boundary': 1, 'change-orders': 2, 'federal-micro-purchase': 3 };

function compareGroups(a: SplitPurchaseGroup, b: SplitPurchaseGroup): number {
  return (
    compareText(a.memberId, b.memberId) ||
    compareOptional(a.vendorId, b.vendorId) ||
    compareText(a.supplyKind, b.supplyKind) ||
    compareText(a.from, b.from) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.purchaseIds[0]!, b.purchaseIds[0]!)
  );
}

function compareOptional(a: string | undefined, b: string | undefined): number {
  return a === undefined ? (b === undefined ? 0 : -1) : b === undefined ? 1 : compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


/**
 * The purchases of a window that are within the limit the group is judged against: the lowest
 * limit of the purchases kept, dropping any purchase over it until none is (dropping one can only
 * raise the lowest limit, so this ends). Null when fewer than two remain.
 */
function withinLowestLimit(rows: readonly Row[]): { kept: Row[]; limit: ThresholdPeriod } | null {
  let kept = rows.filter((r) => r.limit !== null);
  for (;;) {
    if (kept.length < 2) return null;
    let limit = kept[0]!.limit!;
    for (const r of kept) limit = lower(limit, r.limit!);
    const next = kept.filter((r) => !isExceeded(r.cents, limit));
    if (next.length === kept.length) return { kept, limit };
    kept = next;
  }
}

/** Whether the rows together pass the lowest limit among them: else no group of them can. */
function couldBeOver(rows: readonly Row[]): boolean {
  let lowest: ThresholdPeriod | undefined;
  for (const r of rows) if (r.limit !== null) lowest = lowest === undefined ? r.limit : lower(lowest, r.limit);
  return lowest !== undefined && isOver(sumCents(rows), lowest);
}

function sumCents(rows: readonly Row[]): number {
  let total = 0;
  for (const r of rows) total += r.cents;
  return total;
}

/** The exact total of rows (with their change orders) as money text. */
function totalText(rows: readonly Row[], cents: number): string {
  if (Number.isSafeInteger(cents)) return formatCents(cents);
  let sum = new Dec(0);
  for (const r of rows) {
    sum = sum.plus(String(r.purchase.amount));
    for (const c of r.changeOrders) sum = sum.plus(String(c.amount));
  }
  return formatMoney(sum);
}

function isOver(cents: number, limit: ThresholdPeriod): boolean {
  // Beyond exact float range a total is certainly over any limit.
  return !Number.isSafeInteger(cents) || isExceeded(cents, limit);
}

function citationOf(limit: ThresholdPeriod): string {
  // The anti-splitting section the pack names for this limit, then the limit's own citation.
  const splitting = limit.params?.['splittingCitation'];
  if (typeof splitting !== 'string' || limit.citation.startsWith(splitting)) return limit.citation;
  return `${splitting}; limit: ${limit.citation}`;
}

function groupOf(kind: SplitPurchaseGroupKind, rows: readonly Row[], limit: ThresholdPeriod, cents: number, acrossVendors: boolean): SplitPurchaseGroup {
  const first = rows[0]!.purchase;
  let last = first.date;
  for (const r of rows) {
    if (r.purchase.date > last) last = r.purchase.date;
    for (const c of r.changeOrders) if (c.date > last) last = c.date;
  }
  const group: SplitPurchaseGroup = {
    kind,
    memberId: first.memberId,
    supplyKind: first.supplyKind,
    purchaseIds: rows.flatMap((r) => [r.purchase.id, ...r.changeOrders.map((c) => c.id)]),
    total: totalText(rows, cents),
    threshold: limit.amount!,
    citation: citationOf(limit),
    from: first.date,
    to: last,
    thresholdId: limit.id,
    limitId: limit.series,
    comparison: limit.comparison,
    findings: [],
  };
  if (first.vendorId !== undefined && rows.every((r) => r.purchase.vendorId === first.vendorId)) group.vendorId = first.vendorId;
  if (acrossVendors && first.category !== undefined) group.category = first.category;
  return group;
}

/** The findings every group of state limits carries: open regimes and unknown figures. */
function regimeAndFigureFindings(rows: readonly Row[], limit: ThresholdPeriod, group: SplitPurchaseGroup): void {
  const seen = new Set<string>();
  for (const r of rows) {
    const f = r.regime.finding;
    if (f && !seen.has(f.code)) {
      seen.add(f.code);
      group.findings.push({ ...f, ruleId: f.ruleId ?? limit.id, pack: f.pack ?? limit.pack });
    }
  }
  if (limit.confidence === 'low' || limit.confidence === 'unknown') {
    group.findings.push({
      code: 'threshold-confidence-low',
      severity: 'warn',
      message: `The limit the group was judged against (${limit.amount}, ${limit.id}) is known only with ${limit.confidence} confidence; verify it before relying on the group.`,
      citation: limit.citation,
      ruleId: limit.id,
      pack: limit.pack,
    });
  }
  const unknown = rows.filter((r) => r.limitFallback).map((r) => r.purchase.date);
  if (unknown.length > 0) {
    group.findings.push({
      code: 'threshold-figure-unknown',
      severity: 'warn',
      message: `The limit in force on ${unknown.join(', ')} is not known: the group was judged against ${limit.amount} (${limit.id}), the strictest known figure that stands in for it. Check the figure for that period.`,
      citation: limit.citation,
      ruleId: limit.series,
      pack: limit.pack,
      data: { dates: unknown },
    });
  }
}

/** Reports the window as a group when it is one; returns the purchases of the group. */
function reportSplit(window: readonly Row[], kind: 'split' | 'fiscal-year-boundary', acrossVendors: boolean, out: SplitPurchaseGroup[]): readonly Row[] | undefined {
  const within = withinLowestLimit(window);
  if (!within) return undefined;
  const cents = sumCents(within.kept);
  if (!isOver(cents, within.limit)) return undefined;
  const group = groupOf(kind, within.kept, within.limit, cents, acrossVendors);
  const { limit } = within;
  group.findings.push(
    kind === 'split'
      ? {
          code: 'split-purchase',
          severity: 'block',
          message: `${within.kept.length} purchases, each within the limit, total ${group.total}: over the limit of ${limit.amount}. Splitting a purchase to evade competitive bidding is unlawful.`,
          citation: group.citation,
          ruleId: limit.id,
          pack: limit.pack,
        }
      : {
          code: 'split-purchase-across-fiscal-years',
          severity: 'warn',
          message: `${within.kept.length} purchases across July 1, within twelve months of each other, total ${group.total}: over the limit of ${limit.amount}. Within one fiscal year they would be a split; check that they are separate needs.`,
          citation: group.citation,
          ruleId: limit.id,
          pack: limit.pack,
        },
  );
  regimeAndFigureFindings(within.kept, limit, group);
  out.push(group);
  return within.kept;
}

/**
 * Purchases just across a fiscal-year boundary: for each pair of consecutive fiscal years, the
 * rolling year (purchases at most {@link ROLLING_YEAR_DAYS} days apart) with the largest total that
 * is over its limit, reported when it holds a purchase no `split` group holds already (otherwise
 * it would only repeat them).
 *
 * Each rolling year starting at `s` is judged by {@link withinLowestLimit} only when it could be
 * reported. What it keeps is a subset of the purchases it can keep (those with a limit, within
 * the highest limit of the bucket), so: one of those must be outside the split groups, and the
 * sum of their positive amounts must be over its lowest limit and over the best total so far
 * (what it keeps sums to no more, and is judged against a limit no lower). These checks are exact
 * and cost O(1) each from prefix sums, so a bucket of n purchases costs O(n) when nothing is left
 * to report, instead of O(n²) windows sliced and judged. (Counting every purchase, those over
 * every limit included, judged most rolling years of a large bucket in full: a bucket of 16,000
 * purchases took seconds.)
 */
function reportBoundaries(rows: readonly Row[], inSplits: ReadonlySet<Row> | undefined, acrossVendors: boolean, out: SplitPurchaseGroup[]): void {
  const n = rows.length;
  // What a group keeps has a limit and is within the one it is judged against, which is no
  // higher than the highest limit of the bucket: only such purchases can count toward its total.
  let highest = -Infinity;
  for (const r of rows) if (r.limit !== null && r.limit.amountCents! > highest) highest = r.limit.amountCents!;
  // Prefix counts of such purchases outside split groups, and prefix sums of their positive amounts.
  const outside = new Int32Array(n + 1);
  const positive = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    const keepable = r.limit !== null && r.cents <= highest;
    outside[k + 1] = outside[k]! + (keepable && (inSplits === undefined || !inSplits.has(r)) ? 1 : 0);
    positive[k + 1] = positive[k]! + (keepable && r.cents > 0 ? r.cents : 0);
  }
  // Prefix sums of what a rolling year keeps: built for a larger bucket once several rolling years
  // were judged in full (most buckets need few; a large one with purchases over its limits, many).
  let kept: KeptSums | undefined | null = keptSumsMode === 'always' || (keptSumsMode === 'auto' && n >= 32) ? null : undefined;
  let judged = 0;
  for (let i = 0; i < n; i++) {
    const fy = rows[i]!.fy;
    if (i > 0 && rows[i - 1]!.fy === fy) continue;
    // rows[i] starts fiscal year fy; rows[i..b) are in it, rows[b..) later.
    let b = i;
    while (b < n && rows[b]!.fy === fy) b++;
    if (b >= n || rows[b]!.fy !== fy + 1) continue;
    let best: { kept: Row[]; limit: ThresholdPeriod; cents: number } | undefined;
    const lowest = new LowestLimits();
    let e = b;
    // lowest counts the limits of rows[lo..hi).
    let lo = i;
    let hi = i;
    for (let s = i; s < b; s++) {
      if (rows[b]!.day - rows[s]!.day > ROLLING_YEAR_DAYS) continue;
      // The rolling year of s is rows[s..e): e only moves forward as s does.
      while (e < n && rows[e]!.day - rows[s]!.day <= ROLLING_YEAR_DAYS) e++;
      while (hi < e) lowest.add(rows[hi++]!.limit);
      while (lo < s) lowest.remove(rows[lo++]!.limit);
      if (outside[e]! - outside[s]! === 0) continue;
      const bound = positive[e]! - positive[s]!;
      if (Number.isSafeInteger(bound)) {
        const limit = lowest.lowest();
        if (limit === undefined || !isExceeded(bound, limit) || (best !== undefined && bound <= best.cents)) continue;
      }
      // What the rolling year keeps, counted from prefix sums: judged in full only when it could
      // be reported and beat the best total (the exact judgement below decides).
      if (kept === null && (judged >= 8 || keptSumsMode === 'always')) kept = KeptSums.of(rows, inSplits);
      const low = kept ? lowest.lowest() : undefined;
      if (kept && low !== undefined) {
        const j = kept.index.get(low)!;
        const count = kept.count[j]!;
        const inYear = count[b]! - count[s]!;
        if (count[e]! - count[s]! < 2 || inYear === 0 || inYear === count[e]! - count[s]!) continue;
        if (inSplits !== undefined && kept.outside[j]![e]! - kept.outside[j]![s]! === 0) continue;
        if (best !== undefined && kept.sum[j]![e]! - kept.sum[j]![s]! <= best.cents) continue;
      }
      judged++;
      const within = withinLowestLimit(rows.slice(s, e));
      if (!within) continue;
      const spans = within.kept.some((r) => r.fy === fy) && within.kept.some((r) => r.fy !== fy);
      if (!spans || (inSplits !== undefined && within.kept.every((r) => inSplits.has(r)))) continue;
      const cents = sumCents(within.kept);
      if (!isOver(cents, within.limit)) continue;
      if (!best || cents > best.cents) best = { ...within, cents };
    }
    if (best) reportSplit(best.kept, 'fiscal-year-boundary', acrossVendors, out);
  }
}

let keptSumsMode: 'auto' | 'always' | 'off' = 'auto';

/**
 * When {@link reportBoundaries} uses prefix sums: `'auto'` (the default: for larger buckets once
 * they are needed), `'always'` or `'off'`; for the test that they change no group (they only
 * spare judging rolling years in full).
 * @internal
 */
export function useKeptSums(mode: 'auto' | 'always' | 'off'): void {
  keptSumsMode = mode;
}

/**
 * What {@link withinLowestLimit} keeps of any run of a bucket's purchases, from prefix sums per
 * limit: it keeps the purchases with a limit that do not exceed the lowest limit among them (a
 * second pass judges them against the lowest limit of those kept, which is no lower, so keeps
 * them all). For each limit of the bucket: prefix counts and sums of the purchases within it, and
 * counts of those outside the split groups. Undefined when the bucket has many limits, or sums
 * that are not exact.
 */
class KeptSums {
  private constructor(
    readonly index: ReadonlyMap<ThresholdPeriod, number>,
    readonly count: readonly Int32Array[],
    readonly outside: readonly Int32Array[],
    readonly sum: readonly Float64Array[],
  ) {}

  static of(rows: readonly Row[], inSplits: ReadonlySet<Row> | undefined): KeptSums | undefined {
    const index = new Map<ThresholdPeriod, number>();
    let absolute = 0;
    for (const r of rows) {
      if (r.limit !== null && !index.has(r.limit)) index.set(r.limit, index.size);
      absolute += Math.abs(r.cents);
    }
    if (index.size === 0 || index.size > 8 || !Number.isSafeInteger(absolute)) return undefined;
    const n = rows.length;
    const count: Int32Array[] = [];
    const outside: Int32Array[] = [];
    const sum: Float64Array[] = [];
    for (const limit of index.keys()) {
      const c = new Int32Array(n + 1);
      const o = new Int32Array(n + 1);
      const t = new Float64Array(n + 1);
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        const within = r.limit !== null && !isExceeded(r.cents, limit);
        c[k + 1] = c[k]! + (within ? 1 : 0);
        o[k + 1] = o[k]! + (within && (inSplits === undefined || !inSplits.has(r)) ? 1 : 0);
        t[k + 1] = t[k]! + (within ? r.cents : 0);
      }
      count.push(c);
      outside.push(o);
      sum.push(t);
    }
    return new KeptSums(index, count, outside, sum);
  }
}

/**
 * The limits of the purchases in a sliding window, counted by period, and the lowest of them (by
 * {@link lower}; periods of equal amount and comparison are exceeded by the same amounts).
 */
class LowestLimits {
  private readonly counts = new Map<ThresholdPeriod, number>();
  add(limit: ThresholdPeriod | null): void {
    if (limit !== null) this.counts.set(limit, (this.counts.get(limit) ?? 0) + 1);
  }
  remove(limit: ThresholdPeriod | null): void {
    if (limit === null) return;
    const left = this.counts.get(limit)! - 1;
    if (left === 0) this.counts.delete(limit);
    else this.counts.set(limit, left);
  }
  lowest(): ThresholdPeriod | undefined {
    let low: ThresholdPeriod | undefined;
    for (const limit of this.counts.keys()) low = low === undefined ? limit : lower(low, limit);
    return low;
  }
}

function changeOrderGroup(row: Row, limit: ThresholdPeriod, fallback: boolean): SplitPurchaseGroup {
  const group = groupOf('change-orders', [row], limit, row.cents, false);
  group.findings.push({
    code: 'change-orders-exceed-limit',
    severity: 'warn',
    message: `Purchase order ${row.purchase.id} (${formatCents(row.ownCents)}) was within the limit of ${limit.amount}; with its ${row.changeOrders.length} change order(s) it comes to ${group.total}, over it. A change order past the limit needs its own justification or a new procurement.`,
    citation: limit.citation,
    ruleId: limit.id,
    pack: limit.pack,
  });
  regimeAndFigureFindings([{ ...row, limitFallback: fallback }], limit, group);
  return group;
}

/**
 * Federal money: purchases from one vendor in a window, each at or under the micro-purchase
 * threshold, together over the lowest of them (2 CFR 200.320(a)(1): micro-purchases may not be
 * split to stay under the threshold).
 */
function reportFederal(window: readonly Row[], table: ThresholdTable, out: SplitPurchaseGroup[]): void {
  const micro: { row: Row; limit: ThresholdPeriod }[] = [];
  for (const row of window) {
    let limit: ThresholdPeriod | undefined;
    for (const s of table.series) {
      const hit = figureOn(s, row.day);
      if (hit && hit.used.role === 'micro-purchase' && hit.used.level === 'federal') limit = limit === undefined ? hit.used : lower(limit, hit.used);
    }
    if (limit && !isExceeded(row.cents, limit)) micro.push({ row, limit });
  }
  if (micro.length < 2) return;
  let limit = micro[0]!.limit;
  for (const m of micro) limit = lower(limit, m.limit);
  const rows = micro.map((m) => m.row);
  const cents = sumCents(rows);
  if (!isOver(cents, limit)) return;
  const group = groupOf('federal-micro-purchase', rows, limit, cents, false);
  if (new Set(rows.map((r) => r.purchase.supplyKind)).size > 1) group.findings.push({ code: 'mixed-supply-kinds', severity: 'info', message: 'The purchases are of more than one supply kind; supplyKind names the first.', ruleId: limit.id, pack: limit.pack });
  group.findings.unshift({
    code: 'federal-micro-purchase-aggregate',
    severity: 'warn',
    message: `${rows.length} purchases with federal money from one vendor, each a micro-purchase, total ${group.total}: over the micro-purchase threshold of ${limit.amount}. Micro-purchases may not be split to stay under the threshold.`,
    citation: citationOf(limit),
    ruleId: limit.id,
    pack: limit.pack,
  });
  out.push(group);
}
