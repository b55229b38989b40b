import { toDayNumber } from '../dates/calendar-date.js';
import { PaceError } from '../errors/pace-error.js';
import { Dec } from '../money/decimal.js';
import { formatMoney } from '../money/money.js';
import type { Purchase } from '../model/purchase.js';
import { PurchaseSupplyKindSchema } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import { parsePurchase } from '../eligibility/parse-input.js';
import { complianceContext } from '../eligibility/rule-sets.js';
import { isExceeded, lookupThreshold, moneyToCents, type ThresholdPeriod, type ThresholdSeries } from '../thresholds/threshold-table.js';

/** Options of `pace.findSplitPurchases`. */
export interface SplitPurchaseOptions {
  /**
   * How purchases are grouped in time: `'fiscal-year'` (the default: July 1 - June 30), or
   * `{ days }`: purchases chained while each follows the previous one by at most `days` days.
   */
  window?: 'fiscal-year' | { days: number };
}

/** A group of purchases that look split to stay under the bid limit. */
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

interface Row {
  id: string;
  memberId: string;
  vendorId: string | undefined;
  supplyKind: Purchase['supplyKind'];
  date: string;
  day: number;
  cents: number;
  amount: string;
  limit: ThresholdPeriod;
}

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
 * purchase that is itself over the limit (it is its own procurement). O(n log n).
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
  const limitCache = new Map<string, ThresholdPeriod | null>();
  const limitOn = (kind: string, day: number): ThresholdPeriod | null => {
    const key = `${kind}|${day}`;
    let found = limitCache.get(key);
    if (found !== undefined) return found;
    found = null;
    for (const s of seriesByKind.get(kind) ?? []) {
      const hit = lookupThreshold(s, day);
      if (hit) found = found === null ? hit.used : lower(found, hit.used);
    }
    limitCache.set(key, found);
    return found;
  };

  const dayOf = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const buckets = new Map<string, Row[]>();
  for (let i = 0; i < purchases.length; i++) {
    const raw: unknown = purchases[i];
    const p = parsePurchase(raw, `$.purchases[${i}]`);
    const first = seenIds.get(p.id);
    if (first !== undefined) {
      throw new PaceError('invalid-input', `$.purchases[${i}].id: duplicate purchase id "${p.id}" (also at $.purchases[${first}])`, [{ path: `$.purchases[${i}].id`, message: `duplicate purchase id (also at $.purchases[${first}])` }]);
    }
    seenIds.set(p.id, i);
    if (p.contractId !== undefined) continue;
    let day = dayOf.get(p.date);
    if (day === undefined) {
      day = toDayNumber(p.date);
      dayOf.set(p.date, day);
    }
    const limit = limitOn(p.supplyKind, day);
    if (limit === null) continue;
    const cents = moneyToCents(p.amount);
    if (isExceeded(cents, limit)) continue;
    const key = `${p.memberId}\u0000${p.vendorId === undefined ? '' : `v${p.vendorId}`}\u0000${p.supplyKind}`;
    const row: Row = { id: p.id, memberId: p.memberId, vendorId: p.vendorId, supplyKind: p.supplyKind, date: p.date, day, cents, amount: String(p.amount), limit };
    const bucket = buckets.get(key);
    if (bucket) bucket.push(row);
    else buckets.set(key, [row]);
  }

  const keys = [...buckets.keys()].filter((k) => buckets.get(k)!.length > 1).sort();
  const out: SplitPurchaseGroup[] = [];
  const byDateThenId = (a: Row, b: Row): number => a.day - b.day || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const key of keys) {
    const rows = buckets.get(key)!.sort(byDateThenId);
    let start = 0;
    while (start < rows.length) {
      let end = start + 1;
      if (windowDays === undefined) {
        const fy = fiscalStartYear(rows[start]!.date);
        while (end < rows.length && fiscalStartYear(rows[end]!.date) === fy) end++;
      } else {
        while (end < rows.length && rows[end]!.day - rows[end - 1]!.day <= windowDays) end++;
      }
      if (end - start > 1) report(rows, start, end, out);
      start = end;
    }
  }
  return out;
}

function fiscalStartYear(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  return month >= 7 ? year : year - 1;
}

function report(rows: Row[], start: number, end: number, out: SplitPurchaseGroup[]): void {
  let total = 0;
  let limit = rows[start]!.limit;
  for (let k = start; k < end; k++) {
    total += rows[k]!.cents;
    limit = lower(limit, rows[k]!.limit);
  }
  let totalText: string;
  if (Number.isSafeInteger(total)) {
    if (!isExceeded(total, limit)) return;
    totalText = centsToMoney(total);
  } else {
    // Beyond exact float range: sum the decimal strings exactly (it is certainly over any limit).
    let sum = new Dec(0);
    for (let k = start; k < end; k++) sum = sum.plus(rows[k]!.amount);
    totalText = formatMoney(sum);
  }
  const first = rows[start]!;
  const group: SplitPurchaseGroup = {
    memberId: first.memberId,
    supplyKind: first.supplyKind,
    purchaseIds: rows.slice(start, end).map((r) => r.id),
    total: totalText,
    threshold: limit.amount!,
    citation: limit.citation,
    from: first.date,
    to: rows[end - 1]!.date,
    thresholdId: limit.id,
    comparison: limit.comparison,
  };
  if (first.vendorId !== undefined) group.vendorId = first.vendorId;
  out.push(group);
}
