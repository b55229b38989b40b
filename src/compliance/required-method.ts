import type { Finding, TraceStep } from '../decision.js';
import type { CalendarDate } from '../dates/calendar-date.js';
import { monthsLaterWithin, toDayNumber } from '../dates/calendar-date.js';
import { formatMoney } from '../money/money.js';
import { formatCents } from '../money/format-cents.js';
import { Dec } from '../money/decimal.js';
import type { Member } from '../model/member.js';
import type { ProcurementMethodName } from '../model/rules-pack.js';
import type { Purchase } from '../model/purchase.js';
import { isExceeded, kindBit, lookupAllThresholds, moneyToCents, strictestKnown, type ThresholdPeriod, type ThresholdTable } from './threshold-table.js';

/**
 * A procurement method the law can require, least to most strict.
 * @example
 * ```ts
 * const m: RequiredMethod = 'informal-bid';
 * ```
 */
export type RequiredMethod = ProcurementMethodName;

/** How strict a method is (none 0 … formal-bid 3). @internal */
export function methodRank(method: RequiredMethod): number {
  // A switch, not a lookup table: a table read with a varying key is a megamorphic load.
  switch (method) {
    case 'none':
      return 0;
    case 'quotes':
      return 1;
    case 'informal-bid':
      return 2;
    default:
      return 3;
  }
}

/** The stricter of two methods. @internal */
export function stricter(a: RequiredMethod, b: RequiredMethod): RequiredMethod {
  return methodRank(b) > methodRank(a) ? b : a;
}

/**
 * One threshold consulted for a purchase, as `procurementMethod` reports it.
 * @example
 * ```ts
 * const t: ThresholdCheck = { id: 'ca.pcc20111b.k12.public-project', amount: '15000.00', comparison: '>=',
 *   citation: 'Cal. Pub. Cont. Code § 20111(b)', applies: true, exceeded: true, series: 'ca.pcc20111b.k12',
 *   level: 'state', method: 'formal-bid', pack: 'california-law', confidence: 'high', latestKnownUsed: false };
 * ```
 */
export interface ThresholdCheck {
  /** The threshold period (or `member.federalMicroPurchaseThreshold` for a self-certified one). */
  id: string;
  /** The figure compared, e.g. `"114800.00"`; null only when no figure is known at all. */
  amount: string | null;
  comparison: '>' | '>=' | '<=';
  citation: string;
  /** Whether the threshold binds this member and purchase. */
  applies: boolean;
  /** Whether the purchase amount is past it, by its own comparison. */
  exceeded: boolean;
  /** The series it belongs to, e.g. `ca.pcc20111a.k12`. */
  series: string;
  level: 'state' | 'federal' | 'local';
  /** The method required once exceeded. */
  method: RequiredMethod;
  pack: string;
  confidence: string;
  /** True when the figure in force is unknown and the latest known one stood in. */
  latestKnownUsed: boolean;
}

/** The methods the state, federal and local thresholds require, and what was compared. @internal */
export interface RequiredMethods {
  state: RequiredMethod;
  federal: RequiredMethod;
  local: RequiredMethod;
  overall: RequiredMethod;
  thresholds: ThresholdCheck[];
  /**
   * The member's self-certified micro-purchase threshold made the purchase a micro-purchase: the
   * federal figure it replaced is exceeded, the member's own applies and is not.
   */
  bySelfCert: boolean;
  /** A self-certified micro-purchase threshold of the member, in force on the date, replaced the federal one for this purchase. */
  selfCertified: boolean;
}

/** The facts the threshold logic needs about a purchase, computed once. @internal */
export interface ThresholdSubject {
  readonly member: Member;
  readonly purchase: Purchase;
  readonly date: CalendarDate;
  readonly cents: number;
  readonly hasFederalFunds: boolean;
  readonly cupccaaInForce: boolean;
}

/** The subject's member kind, supply kind and kind of public work as {@link kindBit}s, computed once per purchase. */
interface KindBits {
  readonly member: number;
  readonly supply: number;
  /** The kind of work of a public-works purchase that names it; 0 for any other purchase. */
  readonly work: number;
}

function applies(period: ThresholdPeriod, s: ThresholdSubject, bits: KindBits): boolean {
  const a = period.appliesTo;
  if (!a) return true;
  if (period.memberKindBits !== -1 && (period.memberKindBits & bits.member) === 0) return false;
  if (a.memberIds && !a.memberIds.includes(s.member.id)) return false;
  // A public-works purchase that names its kind of work is covered by the kinds a period lists
  // (appliesTo.publicWorksKinds), whatever its supply kinds; any other by its supply kinds.
  if (period.publicWorksKindBits !== -1 && bits.work !== 0) {
    if ((period.publicWorksKindBits & bits.work) === 0) return false;
  } else if (period.supplyKindBits !== -1 && (period.supplyKindBits & bits.supply) === 0) return false;
  if (a.cupccaa !== undefined && a.cupccaa !== s.cupccaaInForce) return false;
  if (a.federalFunds !== undefined && a.federalFunds !== s.hasFederalFunds) return false;
  return true;
}

function fallbackFinding(period: ThresholdPeriod, inForce: ThresholdPeriod | undefined, date: CalendarDate): Finding {
  // Name the period that is in force but has no figure (e.g. the 2026 bid limit), not the one used.
  const label = inForce ? `${inForce.id}${inForce.title ? ` (${inForce.title})` : ''}` : `series ${period.series}`;
  return {
    code: 'threshold-figure-unknown',
    severity: 'warn',
    message: `No figure is known for ${label} on ${date}; the latest known figure, ${period.amount} in force from ${period.effectiveFrom} (${period.id}), was used. Check the figure announced for the date and update the pack.`,
    citation: (inForce ?? period).citation,
    ruleId: inForce?.id ?? period.series,
    pack: (inForce ?? period).pack,
    data: { series: period.series, date, usedThresholdId: period.id, usedAmount: period.amount },
  };
}

/**
 * The member kind whose thresholds bind a member: its own, or for a joint powers authority the
 * kind its agreement designates (Gov. Code § 6509); without one, a school district's, the strictest
 * reading, with `unknown` set so that a warning says so.
 * @internal
 */
export function regimeKindOf(member: Member): { kind: Member['kind']; unknown: boolean } {
  if (member.kind !== 'joint-powers-authority') return { kind: member.kind, unknown: false };
  if (member.regimeOf !== undefined && member.regimeOf !== 'joint-powers-authority') return { kind: member.regimeOf, unknown: false };
  return { kind: 'school-district', unknown: true };
}

/** What comparing a purchase with the thresholds gives: the methods, what it found, its trace. @internal */
export interface RequiredMethodsResult {
  readonly methods: RequiredMethods;
  /** Figures unknown for the date, a self-certified threshold above its ceiling (a fresh array). */
  readonly findings: Finding[];
  /** One `threshold` step per comparison, in table order (a fresh array; empty without trace). */
  readonly steps: TraceStep[];
}

/**
 * A member's self-certified federal micro-purchase threshold (2 CFR 200.320(a)(1)(iv)) on a date:
 * in force (its amount in cents, capped at the self-certification ceiling in force, with
 * `aboveCeiling` when it was capped), not in force (`lapsed`: `validForMonths` after it was
 * certified, when the ceiling's period says so; or `beforeRule`: certified before the first
 * ceiling's period began, when no recipient could self-certify, so it was not made under the
 * rule), or undefined (none certified by the date, or no ceiling in force). The federal
 * micro-purchase threshold applies unless it is in force. @internal
 */
export function selfCertifiedMicroPurchase(
  member: Member,
  date: CalendarDate,
  table: ThresholdTable,
  lookups: readonly (ReturnType<typeof lookupAllThresholds>[number])[],
): { lapsed: false; cents: number; ceiling: ThresholdPeriod; aboveCeiling: boolean } | { lapsed: true; ceiling: ThresholdPeriod; months: number; selfCertifiedOn: CalendarDate; beforeRule: CalendarDate | undefined } | undefined {
  const selfCertified = member.federalMicroPurchaseThreshold;
  if (!selfCertified || selfCertified.selfCertifiedOn > date) return undefined;
  let ceiling: ThresholdPeriod | undefined;
  let firstCeiling: ThresholdPeriod | undefined;
  table.series.forEach((series, index) => {
    const found = lookups[index];
    if (series.periods[0]?.role === 'self-certification-ceiling' && found && !found.fallback) {
      ceiling = found.used;
      firstCeiling = series.periods[0];
    }
  });
  if (ceiling === undefined) return undefined;
  const months = ceiling.params?.['validForMonths'];
  const beforeRule = firstCeiling!.effectiveFrom;
  if (selfCertified.selfCertifiedOn < beforeRule) return { lapsed: true, ceiling, months: typeof months === 'number' ? months : 0, selfCertifiedOn: selfCertified.selfCertifiedOn, beforeRule };
  // (a lapse past 9999-12-31 is never reached)
  const lapse = typeof months === 'number' ? monthsLaterWithin(selfCertified.selfCertifiedOn, months) : undefined;
  if (typeof months === 'number' && lapse !== undefined && date >= lapse) return { lapsed: true, ceiling, months, selfCertifiedOn: selfCertified.selfCertifiedOn, beforeRule: undefined };
  const cents = moneyToCents(selfCertified.amount);
  return cents > ceiling.amountCents! ? { lapsed: false, cents: ceiling.amountCents!, ceiling, aboveCeiling: true } : { lapsed: false, cents, ceiling, aboveCeiling: false };
}

/**
 * Compares a purchase with every threshold of the table in force on its date: for each level
 * (state, federal, local) the strictest method of the thresholds that apply and are exceeded,
 * and overall the strictest of the three. Pure: what it finds and (with `trace`) traces is returned.
 * @internal
 */
export function computeRequiredMethods(table: ThresholdTable, s: ThresholdSubject, trace = true): RequiredMethodsResult {
  const findings: Finding[] = [];
  const steps: TraceStep[] = [];
  const day = toDayNumber(s.date);
  // A JPA whose regime is unknown is judged as a district; the pack's rule on member.regimeKnown warns.
  const judgedAs = regimeKindOf(s.member).kind;
  const purchase = s.purchase;
  const work = purchase.supplyKind === 'public-works' && purchase.publicWorks !== undefined ? kindBit(purchase.publicWorks.kind, 'work') : 0;
  const bits: KindBits = { member: kindBit(judgedAs, 'member'), supply: kindBit(purchase.supplyKind, 'supply'), work };
  const lookups = lookupAllThresholds(table, day);
  const out: RequiredMethods = { state: 'none', federal: 'none', local: 'none', overall: 'none', thresholds: [], bySelfCert: false, selfCertified: false };
  // The first period bound to a CUPCCAA election that applied: the member's election decided it.
  let electionPeriod: ThresholdPeriod | undefined;

  // A self-certified micro-purchase threshold replaces the federal one, up to the ceiling in force.
  let selfCertifiedCents: number | undefined;
  let ceiling: ThresholdPeriod | undefined;
  const certified = selfCertifiedMicroPurchase(s.member, s.date, table, lookups);
  if (certified?.lapsed === true) {
    // The certification is made on an annual basis: once lapsed, the federal figure applies.
    // One made before recipients could self-certify was not made under the rule: it applies neither.
    if (s.hasFederalFunds && certified.beforeRule !== undefined) {
      findings.push({
        code: 'self-certified-threshold-before-rule',
        severity: 'warn',
        message: `The member's self-certified micro-purchase threshold was certified on ${certified.selfCertifiedOn}, before a recipient could self-certify one (from ${certified.beforeRule}); the federal micro-purchase threshold was used. Self-certify again under the rule.`,
        citation: certified.ceiling.citation,
        ruleId: certified.ceiling.id,
        pack: certified.ceiling.pack,
        data: { selfCertifiedOn: certified.selfCertifiedOn, ruleFrom: certified.beforeRule },
      });
    } else if (s.hasFederalFunds) {
      findings.push({
        code: 'self-certified-threshold-lapsed',
        severity: 'warn',
        message: `The member's self-certified micro-purchase threshold, certified on ${certified.selfCertifiedOn}, is made on an annual basis and lapsed ${certified.months} months later; the federal micro-purchase threshold was used. Renew the self-certification.`,
        citation: certified.ceiling.citation,
        ruleId: certified.ceiling.id,
        pack: certified.ceiling.pack,
        data: { selfCertifiedOn: certified.selfCertifiedOn, validForMonths: certified.months },
      });
    }
  } else if (certified !== undefined) {
    ceiling = certified.ceiling;
    selfCertifiedCents = certified.cents;
    if (certified.aboveCeiling && s.hasFederalFunds) {
      findings.push({
        code: 'self-certified-threshold-above-ceiling',
        severity: 'warn',
        message: `The member's self-certified micro-purchase threshold (${formatMoney(new Dec(String(s.member.federalMicroPurchaseThreshold!.amount)))}) is above the most a recipient may self-certify (${ceiling.amount}) without the cognizant agency's approval; the ceiling was used.`,
        citation: ceiling.citation,
        ruleId: ceiling.id,
        pack: ceiling.pack,
      });
    }
  }

  for (let index = 0; index < table.series.length; index++) {
    const series = table.series[index]!;
    let found = lookups[index];
    if (!found) {
      // Before the first known figure of a series that would bind this purchase: the strictest
      // known figure stands in (never `none` for want of a figure), and a warning says so.
      const strictest = strictestKnown(series.known);
      if (!strictest || strictest.level === undefined || strictest.method === undefined || strictest.role === 'self-certification-ceiling' || !applies(strictest, s, bits)) continue;
      findings.push({
        code: 'threshold-figure-unknown',
        severity: 'warn',
        message: `No figure of "${strictest.title ?? series.id}" is known for ${s.date} (the earliest is in force from ${series.known[0]!.effectiveFrom}); the strictest known figure, ${strictest.amount} (${strictest.id}), was used. Check the figure in force on the date.`,
        citation: strictest.citation,
        ruleId: series.id,
        pack: strictest.pack,
        data: { series: series.id, date: s.date, usedThresholdId: strictest.id, usedAmount: strictest.amount },
      });
      found = { used: strictest, inForce: undefined, fallback: false };
    }
    const period = found.used;
    if (period.level === undefined || period.method === undefined || period.role === 'self-certification-ceiling') continue;
    const doesApply = applies(period, s, bits);
    let amount = period.amount;
    let cents = period.amountCents!;
    let id = period.id;
    let citation = period.citation;
    // With a self-certified threshold: whether the federal figure it replaces is exceeded.
    let replacedExceeded = false;
    if (period.role === 'micro-purchase' && selfCertifiedCents !== undefined && ceiling) {
      // Report the federal figure as replaced, then the member's own.
      replacedExceeded = isExceeded(s.cents, period);
      out.thresholds.push({
        id, amount, comparison: period.comparison, citation, applies: false, exceeded: replacedExceeded, series: series.id,
        level: period.level, method: period.method, pack: period.pack, confidence: period.confidence, latestKnownUsed: found.fallback,
      });
      id = 'member.federalMicroPurchaseThreshold';
      cents = selfCertifiedCents;
      amount = formatCents(cents);
      citation = ceiling.citation;
    }
    const exceeded = period.comparison === '>=' ? s.cents >= cents : s.cents > cents;
    if (replacedExceeded && doesApply && !exceeded) out.bySelfCert = true;
    if (id === 'member.federalMicroPurchaseThreshold' && doesApply) out.selfCertified = true;
    const check: ThresholdCheck = {
      id, amount, comparison: period.comparison, citation, applies: doesApply, exceeded, series: series.id,
      level: period.level, method: period.method, pack: period.pack, confidence: period.confidence, latestKnownUsed: found.fallback,
    };
    out.thresholds.push(check);
    if (doesApply && period.appliesTo?.cupccaa === true) electionPeriod ??= period;
    if (doesApply && found.fallback) findings.push(fallbackFinding(period, found.inForce, s.date));
    if (doesApply && exceeded) {
      if (period.level === 'state') out.state = stricter(out.state, period.method);
      else if (period.level === 'federal') out.federal = stricter(out.federal, period.method);
      else out.local = stricter(out.local, period.method);
    }
    // The trace step shows the same comparison (one object, also listed in `thresholds`).
    if (trace) steps.push({ step: 'threshold', id, pack: period.pack, passed: exceeded, detail: check as unknown as Record<string, unknown> });
  }
  out.overall = stricter(stricter(out.state, out.federal), out.local);
  if (electionPeriod !== undefined && s.member.cupccaa?.since === undefined) findings.push(electionDateUnknownFinding(table, s, out, electionPeriod));
  return { methods: out, findings, steps };
}

/**
 * The state method a public project of the purchase's amount would need from the member on its
 * date: what the thresholds require of a public-works purchase (PCC § 20111(b), § 20651(b), or the
 * bands of a CUPCCAA election in force). For the public-works part of a purchase of another kind
 * (a goods PO with installation) the input gives no amount of its own: the whole amount bounds
 * it. With a CUPCCAA election of no date, the stricter of the answers with and without the
 * election: the part may have to be bid under either, and this only decides whether to say so.
 * @internal
 */
export function publicProjectMethod(table: ThresholdTable, s: ThresholdSubject): RequiredMethod {
  const asProject: ThresholdSubject = { ...s, purchase: { ...s.purchase, supplyKind: 'public-works' } };
  const method = computeRequiredMethods(table, asProject, false).methods.state;
  if (!s.cupccaaInForce || s.member.cupccaa?.since !== undefined) return method;
  return stricter(method, computeRequiredMethods(table, { ...asProject, cupccaaInForce: false }, false).methods.state);
}

/**
 * A member that says it elected CUPCCAA but gives no date (`cupccaa.since`): its word is taken
 * (the CUPCCAA bands applied), and a warning says so, with the answer the thresholds give without
 * the election in force (as for an election dated after the PO) when that one is stricter.
 */
function electionDateUnknownFinding(table: ThresholdTable, s: ThresholdSubject, applied: RequiredMethods, period: ThresholdPeriod): Finding {
  const without = computeRequiredMethods(table, { ...s, cupccaaInForce: false }, false).methods;
  let otherwise: string;
  if (methodRank(without.overall) > methodRank(applied.overall)) {
    const limits = without.thresholds.filter((t) => t.applies && t.exceeded && t.method === without.overall).map((t) => `${t.comparison === '>=' ? 'at or over' : 'over'} ${t.amount} (${t.id}, ${t.citation})`);
    otherwise = ` Without the election in force on that date the purchase would need ${without.overall}, not ${applied.overall}: it is ${limits.join(' and ')}.`;
  } else otherwise = ` Without the election the answer would be no stricter (${without.overall}).`;
  const electionCitation = period.params?.['electionCitation'];
  return {
    code: 'cupccaa-election-date-unknown',
    severity: 'warn',
    message: `The member says it elected CUPCCAA but gives no date for the election (cupccaa.since). CUPCCAA applies only once the governing board has elected it by resolution and notified the State Controller; the CUPCCAA bands were applied on ${s.date} on the member's word.${otherwise} Add the date of the board's resolution to the member record.`,
    citation: typeof electionCitation === 'string' ? electionCitation : period.citation,
    ruleId: period.id,
    pack: period.pack,
    data: { date: s.date, method: applied.overall, methodWithoutElection: without.overall },
  };
}
