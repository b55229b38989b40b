// The pricing index a prepared contract carries: every decimal constant parsed once, items keyed
// by sku, schedules ordered by date, tier tables checked. Quotes read only this.
import type { Contract } from '../model/contract.js';
import { Dec } from '../money/decimal.js';
import { parseDecimal, roundMoney, type RoundingMode } from '../money/money.js';
import { findTierTableIssues } from './find-tier-table-issues.js';
import type { CodedIssue } from '../errors/coded-issues.js';
import { QUANTITY_DECIMALS, normaliseQty, type Qty } from './quantity.js';

/** A price parsed once: exact value, its display text, and whole cents when it has at most two decimals. @internal */
export interface PreparedPrice {
  readonly dec: Dec;
  /** `"12.00"`, or the exact value when it has more decimals (`"17.49125"`). */
  readonly text: string;
  /** Whole cents, when the price is a whole number of cents in the safe range. */
  readonly cents: number | undefined;
}

/** @internal */
export interface PreparedTier {
  readonly index: number;
  /** Inclusive upper bound; `null` for the open top tier. */
  readonly upTo: Qty | null;
  readonly upToText: string | null;
  /** The previous tier's bound (0 for the first tier): this tier holds quantities above it. */
  readonly lower: Qty;
  readonly unitPrice: PreparedPrice;
  readonly flatFee: PreparedPrice | undefined;
  /** Graduated: the cost of every tier below this one in full plus the flat fees of tiers 0..index. */
  readonly base: Dec;
  /** `base` in whole cents, when the whole ladder up to here is in integers. */
  readonly baseCents: number | undefined;
}

/** @internal */
export type PreparedRule =
  | { readonly kind: 'fixed' | 'discount'; readonly unitPrice: PreparedPrice }
  | { readonly kind: 'tiered'; readonly mode: 'volume' | 'graduated'; readonly tiers: readonly PreparedTier[] };

/** @internal */
export interface PreparedItem {
  readonly sku: string;
  readonly description: string;
  readonly unit: string | undefined;
  readonly listPrice: PreparedPrice | undefined;
  readonly rule: PreparedRule;
  /** The item's own supply kind, or the contract's. */
  readonly supplyKind: 'goods' | 'services' | 'public-works';
  /** May a line order a fraction of a unit? */
  readonly fractional: boolean;
  readonly minimumOrderQuantity: Qty | undefined;
  readonly orderMultiple: Qty | undefined;
  readonly taxable: boolean;
  /** Whether the item is a covered electronic device (the California e-waste fee applies). */
  readonly covered: boolean;
  /** Its screen size in inches, when it is a covered device and the size is given. */
  readonly screenSizeInches: number | undefined;
}

/** @internal */
export interface PreparedSchedule {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | undefined;
  readonly rounding: RoundingMode;
  /** `unit`: every unit price was rounded to cents (with `rounding`) when the contract was prepared. */
  readonly roundAt: 'line' | 'unit';
  /** The schedule it inherits unlisted items from, when it names one. */
  readonly basedOn: string | undefined;
  /** Its own items and the inherited ones. */
  readonly items: ReadonlyMap<string, PreparedItem>;
}

/** @internal */
export interface PricingIndex {
  /** Ordered by `effectiveFrom`; no two overlap. */
  readonly schedules: readonly PreparedSchedule[];
}

/** Parses a price (exact, any decimals) once. @internal */
export function preparePrice(value: Dec): PreparedPrice {
  const twoPlaces = value.decimalPlaces() <= 2;
  const centsDec = value.times(100);
  return {
    dec: value,
    text: twoPlaces ? value.toFixed(2) : value.toFixed(),
    cents: twoPlaces && centsDec.abs().lte(Number.MAX_SAFE_INTEGER) ? centsDec.toNumber() : undefined,
  };
}

const money = (v: unknown): Dec => parseDecimal(v, '$', 2);
/** The most decimals a unit price carries (`"0.0089"` per copy). @internal */
export const UNIT_PRICE_DECIMALS = 6;
const unitPriceOf = (v: unknown): Dec => parseDecimal(v, '$', UNIT_PRICE_DECIMALS);

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function isNegativeMoney(v: unknown): boolean {
  try {
    return unitPriceOf(v).isNegative();
  } catch {
    return false;
  }
}

/**
 * Finds the pricing problems of a contract that its schema cannot see, all at once: tier tables
 * (`invalid-tier-table`), discounts without a list price, negative prices, a sku listed twice in a
 * schedule, two schedules with one id (`basedOn` and the results could not tell them apart), and
 * schedules whose dates overlap (an ambiguous price) — the last five `invalid-input`.
 * Runs on the raw value so it can be reported together with schema problems.
 * @internal
 */
export function findPricingIssues(contract: unknown, root: string): CodedIssue[] {
  const issues: CodedIssue[] = [];
  const schedules = asArray(asRecord(contract)?.['priceSchedules']);
  const ids = new Map<string, number>();
  schedules.forEach((rawSchedule, s) => {
    const schedule = asRecord(rawSchedule);
    if (!schedule) return;
    const sPath = `${root}.priceSchedules[${s}]`;
    const id = schedule['id'];
    if (typeof id === 'string') {
      const first = ids.get(id);
      if (first !== undefined) issues.push({ code: 'invalid-input', path: `${sPath}.id`, message: `schedule id "${id}" is already used at ${root}.priceSchedules[${first}]; a schedule id may appear once per contract` });
      else ids.set(id, s);
    }
    const seen = new Map<string, number>();
    asArray(schedule['items']).forEach((rawItem, i) => {
      const item = asRecord(rawItem);
      if (!item) return;
      const iPath = `${sPath}.items[${i}]`;
      const sku = item['sku'];
      if (typeof sku === 'string') {
        const first = seen.get(sku);
        if (first !== undefined) issues.push({ code: 'invalid-input', path: `${iPath}.sku`, message: `sku "${sku}" is already priced at ${sPath}.items[${first}]; a sku may appear once per schedule` });
        else seen.set(sku, i);
      }
      if (item['listPrice'] !== undefined && isNegativeMoney(item['listPrice'])) issues.push({ code: 'invalid-input', path: `${iPath}.listPrice`, message: 'a list price must be zero or more' });
      const price = asRecord(item['price']);
      if (price?.['kind'] === 'fixed' && isNegativeMoney(price['unitPrice'])) issues.push({ code: 'invalid-input', path: `${iPath}.price.unitPrice`, message: 'a unit price must be zero or more' });
      if (price?.['kind'] === 'discount' && item['listPrice'] === undefined) {
        issues.push({ code: 'invalid-input', path: `${iPath}.listPrice`, message: `sku ${JSON.stringify(sku)} is priced as a discount off list, so it needs a listPrice` });
      }
      if (price?.['kind'] === 'tiered') issues.push(...findTierTableIssues(price['tiers'], `${iPath}.price.tiers`));
    });
  });
  // Overlapping schedules: compared only where both have well-formed dates (the schema reports the rest).
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const dated = schedules
    .map((raw, s) => ({ s, r: asRecord(raw) }))
    .filter((x): x is { s: number; r: Record<string, unknown> } => x.r !== undefined && typeof x.r['effectiveFrom'] === 'string' && DATE.test(x.r['effectiveFrom']) && (x.r['effectiveTo'] === undefined || (typeof x.r['effectiveTo'] === 'string' && DATE.test(x.r['effectiveTo']))));
  for (let a = 0; a < dated.length; a++) {
    for (let b = a + 1; b < dated.length; b++) {
      const x = dated[a]!;
      const y = dated[b]!;
      const xFrom = x.r['effectiveFrom'] as string;
      const yFrom = y.r['effectiveFrom'] as string;
      const xTo = x.r['effectiveTo'] as string | undefined;
      const yTo = y.r['effectiveTo'] as string | undefined;
      if ((xTo === undefined || yFrom <= xTo) && (yTo === undefined || xFrom <= yTo)) {
        const range = (from: string, to: string | undefined): string => `${from} to ${to ?? 'open end'}`;
        issues.push({
          code: 'invalid-input',
          path: `${root}.priceSchedules[${y.s}].effectiveFrom`,
          message: `schedule ${JSON.stringify(y.r['id'])} (${range(yFrom, yTo)}) overlaps schedule ${JSON.stringify(x.r['id'])} at ${root}.priceSchedules[${x.s}] (${range(xFrom, xTo)}); a price must be unambiguous on every date`,
        });
      }
    }
  }
  return issues;
}

type RawItem = Contract['priceSchedules'][number]['items'][number];

function prepareRule(item: RawItem, listPrice: PreparedPrice | undefined, unit: (exact: Dec) => PreparedPrice): PreparedRule {
  const price = item.price;
  switch (price.kind) {
    case 'fixed':
      return { kind: 'fixed', unitPrice: unit(unitPriceOf(price.unitPrice)) };
    case 'discount': {
      // listPrice is present: findPricingIssues refused the contract otherwise.
      const off = new Dec(price.percentOffList);
      return { kind: 'discount', unitPrice: unit(listPrice!.dec.times(new Dec(100).minus(off)).dividedBy(100)) };
    }
    case 'tiered': {
      const tiers: PreparedTier[] = [];
      let lower: Qty = 0;
      let base = new Dec(0);
      let baseCents: number | undefined = 0;
      price.tiers.forEach((t, index) => {
        const upTo = t.upTo === null ? null : normaliseQty(parseDecimal(t.upTo, '$', QUANTITY_DECIMALS, 'invalid-quantity'));
        const unitPrice = unit(unitPriceOf(t.unitPrice));
        const flatFee = t.flatFee === undefined ? undefined : preparePrice(money(t.flatFee));
        if (flatFee) {
          base = base.plus(flatFee.dec);
          baseCents = baseCents === undefined || flatFee.cents === undefined ? undefined : baseCents + flatFee.cents;
        }
        const tierBase = base;
        const tierBaseCents = baseCents !== undefined && Number.isSafeInteger(baseCents) ? baseCents : undefined;
        tiers.push({ index, upTo, upToText: upTo === null ? null : typeof upTo === 'number' ? String(upTo) : upTo.toFixed(), lower, unitPrice, flatFee, base: tierBase, baseCents: tierBaseCents });
        if (upTo !== null) {
          const width = new Dec(upTo).minus(lower);
          base = base.plus(width.times(unitPrice.dec));
          baseCents = tierBaseCents !== undefined && unitPrice.cents !== undefined && typeof upTo === 'number' && typeof lower === 'number' ? tierBaseCents + unitPrice.cents * (upTo - lower) : undefined;
          lower = upTo;
        }
      });
      return { kind: 'tiered', mode: price.mode, tiers };
    }
    default: {
      const never: never = price;
      return never;
    }
  }
}

/**
 * The raw items of each schedule with the ones it inherits (`basedOn`, followed through chains):
 * its own items replace the inherited ones of the same sku. A `basedOn` that names no schedule
 * inherits nothing further; every schedule on a loop (a → c → b → a, or a schedule based on
 * itself) inherits nothing at all, whatever order the schedules are listed in. A schedule outside
 * the loop that is based on one in it inherits what that one resolves to (its own items).
 * `checkContract` reports both.
 * @internal
 */
export function resolveScheduleItems(schedules: readonly Contract['priceSchedules'][number][]): Map<string, RawItem>[] {
  const byId = new Map<string, number>();
  schedules.forEach((s, i) => {
    if (!byId.has(s.id)) byId.set(s.id, i);
  });
  const baseOf = (i: number): number | undefined => {
    const basedOn = schedules[i]!.basedOn;
    return basedOn === undefined ? undefined : byId.get(basedOn);
  };
  // The schedules on a loop, found before anything is resolved: each schedule has at most one base,
  // so a walk from any schedule either ends or comes back to a schedule of its own walk, and the
  // part of the walk from there on is a loop.
  const onLoop = new Set<number>();
  const walked = new Set<number>();
  schedules.forEach((_, start) => {
    const path: number[] = [];
    const inPath = new Set<number>();
    let at: number | undefined = start;
    while (at !== undefined && !walked.has(at)) {
      path.push(at);
      inPath.add(at);
      walked.add(at);
      at = baseOf(at);
      if (at !== undefined && inPath.has(at)) {
        for (const k of path.slice(path.indexOf(at))) onLoop.add(k);
        break;
      }
    }
  });
  const resolved: (Map<string, RawItem> | undefined)[] = [];
  const resolve = (i: number): Map<string, RawItem> => {
    const done = resolved[i];
    if (done !== undefined) return done;
    const base = onLoop.has(i) ? undefined : baseOf(i);
    // Off a loop, following bases never comes back to i, so this recursion ends.
    const items = base === undefined ? new Map<string, RawItem>() : new Map(resolve(base));
    for (const item of schedules[i]!.items) items.set(item.sku, item);
    resolved[i] = items;
    return items;
  };
  return schedules.map((_, i) => resolve(i));
}

function prepareItem(item: RawItem, contractKind: Contract['supplyKind'], unit: (exact: Dec) => PreparedPrice): PreparedItem {
  const listPrice = item.listPrice === undefined ? undefined : preparePrice(unitPriceOf(item.listPrice));
  const supplyKind = item.supplyKind ?? contractKind;
  const quantity = (v: number | string | undefined): Qty | undefined => (v === undefined ? undefined : normaliseQty(parseDecimal(v, '$', QUANTITY_DECIMALS, 'invalid-quantity')));
  return {
    sku: item.sku,
    description: item.description,
    unit: item.unit,
    listPrice,
    rule: prepareRule(item, listPrice, unit),
    supplyKind,
    fractional: item.fractional ?? supplyKind !== 'goods',
    minimumOrderQuantity: quantity(item.minimumOrderQuantity),
    orderMultiple: quantity(item.orderMultiple),
    taxable: item.taxable ?? supplyKind === 'goods',
    covered: item.coveredElectronicDevice !== undefined,
    screenSizeInches: item.coveredElectronicDevice?.screenSizeInches,
  };
}

/**
 * Builds the pricing index of a contract that passed its schema and {@link findPricingIssues}.
 * Under `roundAt: 'unit'` every unit price (a discount's net price included) is rounded to cents
 * here, once, with the schedule's rounding mode; the line arithmetic then multiplies exact cents.
 * @internal
 */
export function buildPricingIndex(contract: Contract): PricingIndex {
  const raw = resolveScheduleItems(contract.priceSchedules);
  const schedules = contract.priceSchedules
    .map((s, index): PreparedSchedule => {
      const rounding = s.rounding ?? 'half-up';
      const roundAt = s.roundAt ?? 'line';
      const unit = roundAt === 'unit' ? (exact: Dec): PreparedPrice => preparePrice(roundMoney(exact, rounding)) : preparePrice;
      const items = new Map<string, PreparedItem>();
      for (const [sku, item] of raw[index]!) items.set(sku, prepareItem(item, contract.supplyKind, unit));
      return { id: s.id, effectiveFrom: s.effectiveFrom, effectiveTo: s.effectiveTo, rounding, roundAt, basedOn: s.basedOn, items };
    })
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  return { schedules };
}
