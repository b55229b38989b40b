// Purchases just across July 1 (fiscal-year-boundary groups of findSplitPurchases): the best
// rolling year over its limit for each pair of consecutive fiscal years, found in linear time.
import { lower } from './member-regimes.js';
import { isExceeded, type ThresholdPeriod } from '../compliance/threshold-table.js';
import { ROLLING_YEAR_DAYS, isOver, reportSplit, sumCents, withinLowestLimit, type Row, type SplitPurchaseGroup } from './split-groups.js';

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
export function reportBoundaries(rows: readonly Row[], inSplits: ReadonlySet<Row> | undefined, acrossVendors: boolean, out: SplitPurchaseGroup[]): void {
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
      if (kept && low !== undefined && !kept.couldBeReported(s, b, e, low, inSplits !== undefined, best?.cents)) continue;
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

  /**
   * Whether what {@link withinLowestLimit} keeps of rows[s..e) could be reported (rows[s..b) in
   * one fiscal year, rows[b..e) the next): for a limit of the bucket no lower than `low` (the
   * lowest of the rolling year; withinLowestLimit tries it and the higher ones of the rolling
   * year, a subset of these), at least two purchases within it in both fiscal years, one outside
   * the split groups (`splits`: there are some), and together over it and over `best`.
   */
  couldBeReported(s: number, b: number, e: number, low: ThresholdPeriod, splits: boolean, best: number | undefined): boolean {
    for (const [limit, j] of this.index) {
      if (limit.amountCents! < low.amountCents!) continue;
      const count = this.count[j]!;
      const inYear = count[b]! - count[s]!;
      const all = count[e]! - count[s]!;
      if (all < 2 || inYear === 0 || inYear === all) continue;
      if (splits && this.outside[j]![e]! - this.outside[j]![s]! === 0) continue;
      const sum = this.sum[j]![e]! - this.sum[j]![s]!;
      if (!isExceeded(sum, limit) || (best !== undefined && sum <= best)) continue;
      return true;
    }
    return false;
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
