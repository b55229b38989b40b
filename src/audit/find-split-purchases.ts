import { toDayNumber } from '../dates/calendar-date.js';
import { PaceError } from '../errors/pace-error.js';
import { Dec } from '../money/decimal.js';
import { formatMoney } from '../money/money.js';
import type { Purchase } from '../model/purchase.js';
import { PurchaseSupplyKindSchema } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import { parsePurchase } from '../compliance/parse-input.js';
import { complianceContext } from '../compliance/rule-sets.js';
import { isExceeded, lookupThreshold, moneyToCents, type ThresholdPeriod, type ThresholdSeries } from '../compliance/threshold-table.js';

/**
 * Options of `pace.findSplitPurchases`.
 * @example
 * ```ts
 * const options: SplitPurchaseOptions = { window: { days: 30 } };
 * ```
 */
export interface SplitPurchaseOptions {
  /**
   * How purchases are grouped in time: `'fiscal-year'` (the default: July 1 - June 30), or
   * `{ days }`: purchases chained while each follows the previous one by at most `days` days.
   */
  window?: 'fiscal-year' | { days: number };
}

/**
 * A group of purchases that look split to stay under the bid limit.
 * @example
 * ```ts
 * const [g] = pace.findSplitPurchases(purchases);
 * g?.total;     // => '120000.00'
 * g?.threshold; // => '114800.00'
 * ```
 */
export interface SplitPurchaseGroup {
  memberId: string;
  vendorId?: string;
  supplyKind: Purchase['supplyKind'];
  /** In date order (then id). */
  purchaseIds: string[];
  /** Their total, e.g. `"120000.00"`. */
  total: string;
  /** The lowest bid limit in force on the purchases' dates. */
  threshold: string;
  citation: string;
  /** First and last purchase dates. */
  from: string;
  to: string;
  /** The threshold period used, e.g. `ca.pcc20111a.k12.2025`. */
  thresholdId: string;
  /** The comparison of that limit (`>`: over it; `>=`: at or over it). */
  comparison: '>' | '>=' | '<=';
}

const SUPPLY_KINDS: ReadonlySet<string> = new Set(PurchaseSupplyKindSchema.options);


function parseOptions(options: unknown): { days: number | undefined } {
  if (options === undefined) return { days: undefined };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new PaceError('invalid-input', 'findSplitPurchases: options must be an object { window? }', [{ path: '$.options', message: 'expected an object { window?: "fiscal-year" | { days } }' }]);
  }
  const o = options as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'window') throw new PaceError('invalid-input', `findSplitPurchases: unknown option "${k}"`, [{ path: `$.options.${k}`, message: 'unknown option (expected window)' }]);
  }
  const w = o['window'];
  if (w === undefined || w === 'fiscal-year') return { days: undefined };
  if (w !== null && typeof w === 'object' && !Array.isArray(w)) {
    const keys = Object.keys(w);
    const days = (w as Record<string, unknown>)['days'];
    if (keys.length === 1 && typeof days === 'number' && Number.isSafeInteger(days) && days >= 0) return { days };
    throw new PaceError('invalid-input', 'findSplitPurchases: window.days must be a whole number of days, zero or more', [{ path: '$.options.window.days', message: 'expected a whole number of days, zero or more' }]);
  }
  throw new PaceError('invalid-input', 'findSplitPurchases: window must be "fiscal-year" or { days }', [{ path: '$.options.window', message: 'expected "fiscal-year" or { days: number }' }]);
}

function centsToMoney(cents: number): string {
  if (Number.isSafeInteger(cents)) {
    const whole = Math.floor(cents / 100);
    const frac = cents - whole * 100;
    return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
  }
  return formatMoney(new Dec(cents).dividedBy(100));
}

/** The lower of two limits; at equal amounts the one that binds at the limit itself (`>=`). */
function lower(a: ThresholdPeriod, b: ThresholdPeriod): ThresholdPeriod {
  if (b.amountCents! < a.amountCents!) return b;
  if (b.amountCents! === a.amountCents! && b.comparison === '>=' && a.comparison !== '>=') return b;
  return a;
}

/**
 * Finds purchases that look split to evade the bid limit (PCC § 20116): purchases of the same
 * member, vendor and supply kind in one fiscal year (or chained with gaps of at most `days`),
 * each within the bid limit in force on its date, whose total is over the lowest limit in force
 * on their dates. Purchases under a cooperative contract (`contractId`) are left out, and so is a
 * purchase that is itself over the limit (it is its own procurement). Ids are taken as given (a
 * repeated id is not an error). O(n log n).
 *
 * @param context - The layered packs (the state bid-limit thresholds with `method: 'formal-bid'`).
 * @param purchases - The purchases (validated; bad ones throw a PaceError naming `$.purchases[i]`).
 * @param options - `{ window?: 'fiscal-year' | { days } }`.
 * @returns The groups, sorted by member, vendor, supply kind and first date.
 * @internal
 */
export function findSplitPurchases(context: PaceContext, purchases: unknown, options?: unknown): SplitPurchaseGroup[] {
  if (!Array.isArray(purchases)) {
    throw new PaceError('invalid-input', 'findSplitPurchases expects an array of purchases', [{ path: '$.purchases', message: 'expected an array of purchases' }]);
  }
  const { days: windowDays } = parseOptions(options);
  const table = complianceContext(context).thresholds;

  // The state bid limits that bind a purchase on its own, by supply kind (not CUPCCAA bands, not federal).
  const seriesByKind = new Map<string, ThresholdSeries[]>();
  for (const kind of SUPPLY_KINDS) {
    seriesByKind.set(
      kind,
      table.series.filter((s) =>
        s.periods.some((p) => p.level === 'state' && p.method === 'formal-bid' && p.appliesTo?.cupccaa !== true && p.appliesTo?.federalFunds !== true && p.appliesTo?.memberIds === undefined && (p.appliesTo?.supplyKinds?.includes(kind as Purchase['supplyKind']) ?? true)),
      ),
    );
  }
  const limitCaches = new Map<string, Map<number, ThresholdPeriod | null>>();
  const limitOn = (kind: string, day: number): ThresholdPeriod | null => {
    let cache = limitCaches.get(kind);
    if (!cache) limitCaches.set(kind, (cache = new Map()));
    let found = cache.get(day);
    if (found !== undefined) return found;
    found = null;
    for (const s of seriesByKind.get(kind) ?? []) {
      const hit = lookupThreshold(s, day);
      if (hit) found = found === null ? hit.used : lower(found, hit.used);
    }
    cache.set(day, found);
    return found;
  };

  // Columns rather than one object per purchase: a million purchases allocate little.
  const n = purchases.length;
  const rows: Purchase[] = new Array<Purchase>(n);
  const dayOf = new Int32Array(n);
  const centsOf = new Float64Array(n);
  const limitOf: ThresholdPeriod[] = new Array<ThresholdPeriod>(n);
  const dayCache = new Map<string, number>();
  // member → vendor (undefined: none given) → supply kind → purchase indexes
  const buckets = new Map<string, Map<string | undefined, Map<string, number[]>>>();
  for (let i = 0; i < n; i++) {
    const p = parsePurchase(purchases[i], `$.purchases[${i}]`);
    if (p.contractId !== undefined) continue;
    let day = dayCache.get(p.date);
    if (day === undefined) {
      day = toDayNumber(p.date);
      dayCache.set(p.date, day);
    }
    const limit = limitOn(p.supplyKind, day);
    if (limit === null) continue;
    const cents = moneyToCents(p.amount);
    if (isExceeded(cents, limit)) continue;
    rows[i] = p;
    dayOf[i] = day;
    centsOf[i] = cents;
    limitOf[i] = limit;
    let byVendor = buckets.get(p.memberId);
    if (!byVendor) buckets.set(p.memberId, (byVendor = new Map()));
    let byKind = byVendor.get(p.vendorId);
    if (!byKind) byVendor.set(p.vendorId, (byKind = new Map()));
    const list = byKind.get(p.supplyKind);
    if (list) list.push(i);
    else byKind.set(p.supplyKind, [i]);
  }

  const out: SplitPurchaseGroup[] = [];
  const byDateThenId = (a: number, b: number): number => dayOf[a]! - dayOf[b]! || compareText(rows[a]!.id, rows[b]!.id);
  for (const memberId of [...buckets.keys()].sort(compareText)) {
    const byVendor = buckets.get(memberId)!;
    const vendors = [...byVendor.keys()].sort((a, b) => (a === undefined ? (b === undefined ? 0 : -1) : b === undefined ? 1 : compareText(a, b)));
    for (const vendorId of vendors) {
      const byKind = byVendor.get(vendorId)!;
      for (const kind of [...byKind.keys()].sort(compareText)) {
        const list = byKind.get(kind)!;
        if (list.length < 2) continue;
        list.sort(byDateThenId);
        let start = 0;
        while (start < list.length) {
          let end = start + 1;
          if (windowDays === undefined) {
            const fy = fiscalStartYear(rows[list[start]!]!.date);
            while (end < list.length && fiscalStartYear(rows[list[end]!]!.date) === fy) end++;
          } else {
            while (end < list.length && dayOf[list[end]!]! - dayOf[list[end - 1]!]! <= windowDays) end++;
          }
          if (end - start > 1) report(list.slice(start, end), rows, centsOf, limitOf, out);
          start = end;
        }
      }
    }
  }
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fiscalStartYear(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  return month >= 7 ? year : year - 1;
}

function report(group: readonly number[], rows: readonly Purchase[], centsOf: Float64Array, limitOf: readonly ThresholdPeriod[], out: SplitPurchaseGroup[]): void {
  let total = 0;
  let limit = limitOf[group[0]!]!;
  for (const i of group) {
    total += centsOf[i]!;
    limit = lower(limit, limitOf[i]!);
  }
  let totalText: string;
  if (Number.isSafeInteger(total)) {
    if (!isExceeded(total, limit)) return;
    totalText = centsToMoney(total);
  } else {
    // Beyond exact float range: sum the amounts exactly (it is certainly over any limit).
    let sum = new Dec(0);
    for (const i of group) sum = sum.plus(String(rows[i]!.amount));
    totalText = formatMoney(sum);
  }
  const first = rows[group[0]!]!;
  const group_: SplitPurchaseGroup = {
    memberId: first.memberId,
    supplyKind: first.supplyKind,
    purchaseIds: group.map((i) => rows[i]!.id),
    total: totalText,
    threshold: limit.amount!,
    // The anti-splitting section the pack names for this limit, then the limit's own citation.
    citation: typeof limit.params?.['splittingCitation'] === 'string' ? `${limit.params['splittingCitation'] as string}; limit: ${limit.citation}` : limit.citation,
    from: first.date,
    to: rows[group[group.length - 1]!]!.date,
    thresholdId: limit.id,
    comparison: limit.comparison,
  };
  if (first.vendorId !== undefined) group_.vendorId = first.vendorId;
  out.push(group_);
}
