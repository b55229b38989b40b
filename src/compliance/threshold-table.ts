import { toDayNumber } from '../dates/calendar-date.js';
import type { CalendarDate } from '../dates/calendar-date.js';
import { formatMoney, parseMoney } from '../money/money.js';
import type { Confidence, ProcurementMethodName, Threshold, ThresholdAppliesTo } from '../model/rules-pack.js';
import type { FromPack } from '../packs/layer-packs.js';
import { MemberKindSchema } from '../model/member.js';
import { PublicWorksKindSchema, PurchaseSupplyKindSchema } from '../model/purchase.js';

/** One period of a threshold series, with its amount in integer cents (computed once, at load). @internal */
export interface ThresholdPeriod {
  readonly id: string;
  readonly series: string;
  readonly pack: string;
  readonly title: string | undefined;
  /** Money string with two decimals, or null when the figure is unknown. */
  readonly amount: string | null;
  readonly amountCents: number | null;
  readonly comparison: '>' | '>=' | '<=';
  readonly effectiveFrom: CalendarDate;
  readonly effectiveTo: CalendarDate | undefined;
  readonly fromDay: number;
  readonly toDay: number;
  readonly citation: string;
  readonly confidence: Confidence;
  readonly level: 'state' | 'federal' | 'local' | undefined;
  readonly method: ProcurementMethodName | undefined;
  readonly role: 'limit' | 'micro-purchase' | 'self-certification-ceiling';
  readonly appliesTo: ThresholdAppliesTo | undefined;
  /** `appliesTo.memberKinds` as bits of {@link kindBit} (every bit set when not limited). */
  readonly memberKindBits: number;
  /** `appliesTo.supplyKinds` as bits of {@link kindBit} over the supply kinds (every bit set when not limited). */
  readonly supplyKindBits: number;
  /** `appliesTo.publicWorksKinds` as bits of {@link kindBit} over the kinds of public work (-1 when not limited). */
  readonly publicWorksKindBits: number;
  /** The pack's parameters of the period (e.g. `splittingCitation`). */
  readonly params: Readonly<Record<string, unknown>> | undefined;
}

/** A series of periods sorted by date, with the periods whose figure is known. @internal */
export interface ThresholdSeries {
  readonly id: string;
  readonly periods: readonly ThresholdPeriod[];
  readonly known: readonly ThresholdPeriod[];
}

/** What a lookup found for a date. @internal */
export interface ThresholdLookup {
  /** The period whose figure is used. */
  readonly used: ThresholdPeriod;
  /** The period in force on the date when its figure is unknown, or undefined when none covers the date. */
  readonly inForce: ThresholdPeriod | undefined;
  /** True when `used` is not the period in force: the latest known figure stands in. */
  readonly fallback: boolean;
}

/** Thresholds grouped by series. @internal */
export interface ThresholdTable {
  readonly series: readonly ThresholdSeries[];
  readonly byId: ReadonlyMap<string, ThresholdSeries>;
  /** Lookups of every series by day number, filled on demand (bounded). */
  readonly byDay: Map<number, readonly (ThresholdLookup | undefined)[]>;
}

/**
 * Converts a money string or number of at most two decimals (already validated) to integer
 * cents, reading the digits directly: this runs once per purchase, a million times in a split
 * search. Values beyond 2^53 cents lose precision but keep their order against any threshold.
 * @internal
 */
export function moneyToCents(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value;
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let fraction = 0;
  let fractionDigits = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      fractionDigits = 0;
      continue;
    }
    if (fractionDigits < 0) whole = whole * 10 + (c - 48);
    else if (fractionDigits < 2) {
      fraction = fraction * 10 + (c - 48);
      fractionDigits++;
    }
  }
  if (fractionDigits === 1) fraction *= 10;
  const cents = whole * 100 + fraction;
  return negative ? 0 - cents : cents;
}

/** Builds the table from layered thresholds. @internal */
const MEMBER_KINDS: readonly string[] = MemberKindSchema.options;
const SUPPLY_KINDS: readonly string[] = PurchaseSupplyKindSchema.options;
const PUBLIC_WORKS_KINDS: readonly string[] = PublicWorksKindSchema.options;
const KIND_LISTS = { member: MEMBER_KINDS, supply: SUPPLY_KINDS, work: PUBLIC_WORKS_KINDS } as const;

/**
 * The bit of a member kind, supply kind or kind of public work (`publicWorks.kind`) in the kind
 * bits of a period: comparing bits spares a list search per period and purchase. 0 for a kind no
 * schema knows.
 * @internal
 */
export function kindBit(kind: string, of: keyof typeof KIND_LISTS): number {
  const i = KIND_LISTS[of].indexOf(kind);
  return i < 0 ? 0 : 1 << i;
}

function kindBits(kinds: readonly string[] | undefined, of: keyof typeof KIND_LISTS): number {
  return kinds === undefined ? -1 : kinds.reduce((bits, k) => bits | kindBit(k, of), 0);
}

export function buildThresholdTable(thresholds: readonly FromPack<Threshold>[]): ThresholdTable {
  const groups = new Map<string, ThresholdPeriod[]>();
  for (const t of thresholds) {
    const period: ThresholdPeriod = {
      id: t.id,
      series: t.series,
      pack: t.pack,
      title: t.title,
      amount: t.amount === null ? null : formatMoney(parseMoney(t.amount)),
      amountCents: t.amount === null ? null : moneyToCents(formatMoney(parseMoney(t.amount))),
      comparison: t.comparison,
      effectiveFrom: t.effectiveFrom,
      effectiveTo: t.effectiveTo,
      fromDay: toDayNumber(t.effectiveFrom),
      toDay: t.effectiveTo === undefined ? Number.POSITIVE_INFINITY : toDayNumber(t.effectiveTo),
      citation: t.citation,
      confidence: t.confidence,
      level: t.level,
      method: t.method,
      role: t.role ?? 'limit',
      appliesTo: t.appliesTo,
      memberKindBits: kindBits(t.appliesTo?.memberKinds, 'member'),
      supplyKindBits: kindBits(t.appliesTo?.supplyKinds, 'supply'),
      publicWorksKindBits: kindBits(t.appliesTo?.publicWorksKinds, 'work'),
      params: t.params,
    };
    const list = groups.get(t.series) ?? [];
    list.push(period);
    groups.set(t.series, list);
  }
  const series = [...groups].map(([id, periods]) => {
    const sorted = [...periods].sort((a, b) => a.fromDay - b.fromDay);
    // The arrays of the table are not frozen (the table is internal and never handed out): V8 does
    // not inline element loads from frozen arrays, and computeRequiredMethods reads them per decision.
    return Object.freeze({ id, periods: sorted, known: sorted.filter((p) => p.amountCents !== null) });
  });
  return Object.freeze({ series, byId: new Map(series.map((s) => [s.id, s])), byDay: new Map() });
}

/**
 * The figure of a series to use on a day: the period in force, or, when its figure is unknown or
 * the day is past the last period, the latest known figure before the day (`fallback: true`).
 * Undefined when the day is before every known figure.
 * @internal
 */
export function lookupThreshold(series: ThresholdSeries, day: number): ThresholdLookup | undefined {
  let inForce: ThresholdPeriod | undefined;
  for (const p of series.periods) {
    if (p.fromDay <= day && day <= p.toDay) {
      inForce = p;
      break;
    }
  }
  if (inForce && inForce.amountCents !== null) return { used: inForce, inForce, fallback: false };
  let latest: ThresholdPeriod | undefined;
  for (const p of series.known) if (p.fromDay <= day) latest = p;
  if (!latest) return undefined;
  return { used: latest, inForce, fallback: true };
}

/** The strictest of known figures: the lowest (every comparison is exceeded above its figure). @internal */
export function strictestKnown(known: readonly ThresholdPeriod[]): ThresholdPeriod | undefined {
  let strictest: ThresholdPeriod | undefined;
  for (const p of known) if (strictest === undefined || p.amountCents! < strictest.amountCents!) strictest = p;
  return strictest;
}

/**
 * The figure of a series on a day, or the strictest known one (`fallback`) when none is known for
 * it: what a decision compares a purchase with (required-method.ts). @internal
 */
export function figureOn(series: ThresholdSeries, day: number): { used: ThresholdPeriod; fallback: boolean } | undefined {
  const hit = lookupThreshold(series, day);
  if (hit) return { used: hit.used, fallback: hit.fallback };
  const strictest = strictestKnown(series.known);
  return strictest && { used: strictest, fallback: true };
}

/**
 * The lookup of every series of the table (in table order) for a day, cached: most decisions
 * fall on a few thousand distinct dates.
 * @internal
 */
export function lookupAllThresholds(table: ThresholdTable, day: number): readonly (ThresholdLookup | undefined)[] {
  let found = table.byDay.get(day);
  if (found) return found;
  found = table.series.map((s) => lookupThreshold(s, day));
  if (table.byDay.size >= 8192) table.byDay.clear();
  table.byDay.set(day, found);
  return found;
}

/** Whether an amount in cents exceeds a threshold, by the threshold's own comparison. @internal */
export function isExceeded(cents: number, period: ThresholdPeriod): boolean {
  const limit = period.amountCents!;
  switch (period.comparison) {
    case '>':
      return cents > limit;
    case '>=':
      return cents >= limit;
    case '<=':
      return cents > limit;
    default: {
      const never: never = period.comparison;
      return never;
    }
  }
}
