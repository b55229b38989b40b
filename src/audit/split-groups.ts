// The groups findSplitPurchases reports and how a window of purchases becomes one: which
// purchases a group keeps (those within the lowest limit among them), its total, its findings.
import type { Finding } from '../decision.js';
import { formatCents } from '../money/format-cents.js';
import { Dec } from '../money/decimal.js';
import { formatMoney } from '../money/money.js';
import type { Purchase } from '../model/purchase.js';
import { ascendingLimits, lower, type Regime } from './member-regimes.js';
import { isExceeded, type ThresholdPeriod } from '../compliance/threshold-table.js';

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

/** Twelve months less a day: purchases at most this many days apart fit in one rolling year. */
export const ROLLING_YEAR_DAYS = 364;

export interface Row {
  readonly purchase: Purchase;
  readonly day: number;
  /** The year its fiscal year starts in (2024 for FY 2024-25). */
  readonly fy: number;
  /** The PO's own amount and, folded, with its change orders. */
  readonly ownCents: number;
  cents: number;
  changeOrders: readonly Purchase[];
  limit: ThresholdPeriod | null;
  /**
   * When `limit` asks only for an informal bid (CUPCCAA's force account), the formal-bid limit above
   * it on the row's date: purchases within force account together over it escaped a formal bid.
   */
  upper: ThresholdPeriod | null;
  limitFallback: boolean;
  regime: Regime;
}

/**
 * The purchases of a window a group holds, and the limit it is judged against: the lowest limit of
 * the purchases' dates and the purchases within it (each purchase is within the limit of its own
 * date: a bucket holds no other). When those are not over it, the next higher limit of their
 * dates and the purchases within that, and so on: the strictest limit under which purchases within
 * it together pass it (formal-bid limits before informal ones, a row's `upper` among them: see
 * {@link triedLimits}, {@link keeps}). Four $60,000 roof repairs of a CUPCCAA district, each within
 * force account, are a split against the $220,000 formal-bidding limit they pass together. Null when fewer than two have a limit; when none passes, the lowest limit
 * and the purchases within it (not over it: no group). Before, only the lowest was tried: a fiscal
 * year's $60,000 in October under 2024's $114,500 and $114,600 in February under 2025's $114,800
 * were no group (the February PO is over $114,500), while $114,500 in February made one: a larger
 * purchase hid the split.
 */
export function withinLowestLimit(rows: readonly Row[]): { kept: Row[]; limit: ThresholdPeriod } | null {
  const limited = rows.filter((r) => r.limit !== null);
  if (limited.length < 2) return null;
  const limits: ThresholdPeriod[] = [];
  for (const r of limited) {
    if (!limits.includes(r.limit!)) limits.push(r.limit!);
    if (r.upper !== null && !limits.includes(r.upper)) limits.push(r.upper);
  }
  limits.sort(triedLimits);
  let first: { kept: Row[]; limit: ThresholdPeriod } | null = null;
  for (const limit of limits) {
    const kept = keptWithin(limited, limit);
    if (kept.length < 2) continue;
    if (isOver(sumCents(kept), limit)) return { kept, limit };
    first ??= { kept, limit };
  }
  return first;
}

/** The rows with a limit that are within `limit` (what a group judged against it keeps), in order. */
export function keptWithin(rows: readonly Row[], limit: ThresholdPeriod): Row[] {
  return rows.filter((r) => keeps(r, limit));
}

/**
 * Whether a group judged against `limit` keeps the row: it has a limit and is within this one, and
 * when this one asks only for an informal bid (CUPCCAA's force account), the row was within such a
 * limit on its own date too. A row judged against a formal-bid limit was over the informal one of
 * its date, bid informally: no part of a split that escaped informal bidding ($65,000 in 2024, over
 * that year's $60,000, with $70,000 in 2025 is no split against 2025's $75,000).
 */
export function keeps(r: Row, limit: ThresholdPeriod): boolean {
  return r.limit !== null && !isExceeded(r.cents, limit) && (limit.method === 'formal-bid' || r.limit.method !== 'formal-bid');
}

/**
 * The purchases of split groups, each with the limit of its group: a purchase in a split against an
 * informal-bid limit (force account) is not yet reported for a group against a formal-bid limit.
 */
export type InSplits = ReadonlyMap<Row, ThresholdPeriod>;

/** Whether a purchase is in a split group that a group against `limit` would only repeat. */
export function reported(inSplits: InSplits | undefined, r: Row, limit: ThresholdPeriod): boolean {
  const split = inSplits?.get(r);
  return split !== undefined && (limit.method !== 'formal-bid' || split.method === 'formal-bid');
}


/**
 * The order a window's limits are tried in: formal-bid limits first, then limits of an informal bid
 * (CUPCCAA's force account), each ascending ({@link ascendingLimits}). Purchases that together pass
 * the formal-bidding limit are reported against it, the stricter finding, even when some of them
 * together pass the force-account limit too: before, the force-account pair hid the split that
 * escaped formal bidding.
 */
export function triedLimits(a: ThresholdPeriod, b: ThresholdPeriod): number {
  return (a.method === 'formal-bid' ? 0 : 1) - (b.method === 'formal-bid' ? 0 : 1) || ascendingLimits(a, b);
}

/** Whether the rows together pass the lowest limit among them: else no group of them can. */
export function couldBeOver(rows: readonly Row[]): boolean {
  let lowest: ThresholdPeriod | undefined;
  for (const r of rows) if (r.limit !== null) lowest = lowest === undefined ? r.limit : lower(lowest, r.limit);
  return lowest !== undefined && isOver(sumCents(rows), lowest);
}

export function sumCents(rows: readonly Row[]): number {
  let total = 0;
  for (const r of rows) total += r.cents;
  return total;
}

/** The exact total of rows (with their change orders) as money text. */
export function totalText(rows: readonly Row[], cents: number): string {
  if (Number.isSafeInteger(cents)) return formatCents(cents);
  let sum = new Dec(0);
  for (const r of rows) {
    sum = sum.plus(String(r.purchase.amount));
    for (const c of r.changeOrders) sum = sum.plus(String(c.amount));
  }
  return formatMoney(sum);
}

export function isOver(cents: number, limit: ThresholdPeriod): boolean {
  // Beyond exact float range a total is certainly over any limit.
  return !Number.isSafeInteger(cents) || isExceeded(cents, limit);
}

export function citationOf(limit: ThresholdPeriod): string {
  // The anti-splitting section the pack names for this limit, then the limit's own citation.
  const splitting = limit.params?.['splittingCitation'];
  if (typeof splitting !== 'string' || limit.citation.startsWith(splitting)) return limit.citation;
  return `${splitting}; limit: ${limit.citation}`;
}

/** The ids of rows, each followed by its change orders'. */
function idsOf(rows: readonly Row[]): string[] {
  const ids: string[] = [];
  for (const r of rows) {
    ids.push(r.purchase.id);
    for (const c of r.changeOrders) ids.push(c.id);
  }
  return ids;
}

export function groupOf(kind: SplitPurchaseGroupKind, rows: readonly Row[], limit: ThresholdPeriod, cents: number, acrossVendors: boolean): SplitPurchaseGroup {
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
    purchaseIds: idsOf(rows),
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
export function regimeAndFigureFindings(rows: readonly Row[], limit: ThresholdPeriod, group: SplitPurchaseGroup): void {
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

/** Reports the window as a group when it is one; returns the purchases of the group and its limit. */
export function reportSplit(window: readonly Row[], kind: 'split' | 'fiscal-year-boundary', acrossVendors: boolean, out: SplitPurchaseGroup[]): { kept: readonly Row[]; limit: ThresholdPeriod } | undefined {
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
  return within;
}
