// Purchases just across July 1 (fiscal-year-boundary groups of findSplitPurchases): the best
// rolling year over its limit for each pair of consecutive fiscal years, found in linear time.
import { lower } from './member-regimes.js';
import { isExceeded, type ThresholdPeriod } from '../compliance/threshold-table.js';
import { ROLLING_YEAR_DAYS, isOver, keeps, keptWithin, reportSplit, reported, sumCents, triedLimits, withinLowestLimit, type InSplits, type Row, type SplitPurchaseGroup } from './split-groups.js';

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
 * purchases took seconds.) In a larger bucket, once several rolling years were judged in full, the
 * others are judged from prefix sums per limit ({@link KeptSums}), exactly as in full and in time
 * that does not grow with the rolling year; only the best one's purchases are then taken (the
 * bench's 200,000-row ledger judged 7,971 rolling years of 453 purchases on average in full).
 */
export function reportBoundaries(rows: readonly Row[], inSplits: InSplits | undefined, acrossVendors: boolean, out: SplitPurchaseGroup[]): void {
  const n = rows.length;
  // What a group keeps has a limit and is within the one it is judged against, which is no
  // higher than the highest limit of the bucket: only such purchases can count toward its total.
  let highest = -Infinity;
  for (const r of rows) {
    if (r.limit !== null && r.limit.amountCents! > highest) highest = r.limit.amountCents!;
    if (r.upper !== null && r.upper.amountCents! > highest) highest = r.upper.amountCents!;
  }
  // Prefix counts of such purchases outside split groups, and prefix sums of their positive amounts.
  const outside = new Int32Array(n + 1);
  const positive = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    const keepable = r.limit !== null && r.cents <= highest;
    // (a purchase in a force-account split may still count toward a formal-bid group)
    outside[k + 1] = outside[k]! + (keepable && inSplits?.get(r)?.method !== 'formal-bid' ? 1 : 0);
    positive[k + 1] = positive[k]! + (keepable && r.cents > 0 ? r.cents : 0);
  }
  // Prefix sums per limit: built for a larger bucket once several rolling years were judged in
  // full (most buckets need few; a large one with purchases over its limits, many).
  let kept: KeptSums | undefined | null = keptSumsMode === 'always' || (keptSumsMode === 'auto' && n >= 32) ? null : undefined;
  let judged = 0;
  for (let i = 0; i < n; i++) {
    const fy = rows[i]!.fy;
    if (i > 0 && rows[i - 1]!.fy === fy) continue;
    // rows[i] starts fiscal year fy; rows[i..b) are in it, rows[b..) later.
    let b = i;
    while (b < n && rows[b]!.fy === fy) b++;
    if (b >= n || rows[b]!.fy !== fy + 1) continue;
    // The best rolling year rows[s..e), the limit it is judged against and its total (its
    // purchases are taken once, at the end).
    let best: { s: number; e: number; limit: ThresholdPeriod; cents: number } | undefined;
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
      // What the rolling year keeps, judged from prefix sums per limit (exactly as withinLowestLimit
      // judges its rows): for a larger bucket once several rolling years were judged in full.
      if (kept === null && (judged >= 8 || keptSumsMode === 'always')) kept = KeptSums.of(rows, inSplits);
      if (kept) {
        const judgedHere = kept.judge(s, b, e, inSplits !== undefined);
        if (judgedHere !== undefined && (best === undefined || judgedHere.cents > best.cents)) best = { s, e, ...judgedHere };
        continue;
      }
      judged++;
      const within = withinLowestLimit(rows.slice(s, e));
      if (!within) continue;
      const spans = within.kept.some((r) => r.fy === fy) && within.kept.some((r) => r.fy !== fy);
      if (!spans || (inSplits !== undefined && within.kept.every((r) => reported(inSplits, r, within.limit)))) continue;
      const cents = sumCents(within.kept);
      if (!isOver(cents, within.limit)) continue;
      if (best === undefined || cents > best.cents) best = { s, e, limit: within.limit, cents };
    }
    // (what withinLowestLimit keeps of the rolling year: its purchases with a limit within the one it passes)
    if (best) reportSplit(keptWithin(rows.slice(best.s, best.e), best.limit), 'fiscal-year-boundary', acrossVendors, out);
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
 * limit: for each limit of the bucket, prefix counts of the purchases whose limit it is, and
 * prefix counts and sums of the purchases with a limit within it (what a group judged against it
 * keeps), and counts of those outside the split groups. withinLowestLimit tries the limits of a
 * run in ascending order and takes the first that at least two purchases within it together pass:
 * {@link KeptSums.judge} does the same from the prefix sums, in time that does not grow with the
 * run. Undefined when the bucket has many limits, or sums that are not exact.
 */
class KeptSums {
  private constructor(
    /** The bucket's limits, in the order withinLowestLimit tries them. */
    readonly limits: readonly ThresholdPeriod[],
    readonly has: readonly Int32Array[],
    readonly count: readonly Int32Array[],
    readonly outside: readonly Int32Array[],
    readonly sum: readonly Float64Array[],
  ) {}

  static of(rows: readonly Row[], inSplits: InSplits | undefined): KeptSums | undefined {
    const limits: ThresholdPeriod[] = [];
    let absolute = 0;
    for (const r of rows) {
      if (r.limit !== null && !limits.includes(r.limit)) limits.push(r.limit);
      if (r.upper !== null && !limits.includes(r.upper)) limits.push(r.upper);
      absolute += Math.abs(r.cents);
    }
    if (limits.length === 0 || limits.length > 8 || !Number.isSafeInteger(absolute)) return undefined;
    limits.sort(triedLimits);
    const n = rows.length;
    const has: Int32Array[] = [];
    const count: Int32Array[] = [];
    const outside: Int32Array[] = [];
    const sum: Float64Array[] = [];
    for (const limit of limits) {
      const h = new Int32Array(n + 1);
      const c = new Int32Array(n + 1);
      const o = new Int32Array(n + 1);
      const t = new Float64Array(n + 1);
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        const within = keeps(r, limit);
        h[k + 1] = h[k]! + (r.limit === limit || r.upper === limit ? 1 : 0);
        c[k + 1] = c[k]! + (within ? 1 : 0);
        o[k + 1] = o[k]! + (within && !reported(inSplits, r, limit) ? 1 : 0);
        t[k + 1] = t[k]! + (within ? r.cents : 0);
      }
      has.push(h);
      count.push(c);
      outside.push(o);
      sum.push(t);
    }
    return new KeptSums(limits, has, count, outside, sum);
  }

  /**
   * The rolling year rows[s..e) (rows[s..b) in one fiscal year, rows[b..e) the next) as
   * reportBoundaries judges it with withinLowestLimit: the limit it is judged against (the first of
   * its own limits, ascending, that at least two purchases within it together pass) and their
   * total, when those purchases span both fiscal years and (`splits`: there are split groups) one
   * is outside the split groups; else undefined.
   */
  judge(s: number, b: number, e: number, splits: boolean): { limit: ThresholdPeriod; cents: number } | undefined {
    for (let j = 0; j < this.limits.length; j++) {
      if (this.has[j]![e]! - this.has[j]![s]! === 0) continue;
      const count = this.count[j]!;
      if (count[e]! - count[s]! < 2) continue;
      const limit = this.limits[j]!;
      const cents = this.sum[j]![e]! - this.sum[j]![s]!;
      if (!isOver(cents, limit)) continue;
      // The limit the rolling year is judged against: reported or not, no other is tried.
      const inYear = count[b]! - count[s]!;
      if (inYear === 0 || inYear === count[e]! - count[s]!) return undefined;
      if (splits && this.outside[j]![e]! - this.outside[j]![s]! === 0) return undefined;
      return { limit, cents };
    }
    return undefined;
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
