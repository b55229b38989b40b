import type { CalendarDate } from '../dates/calendar-date.js';
import { addMonths } from '../dates/calendar-date.js';
import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import type { Contract } from '../model/contract.js';
import { CheckContractInputSchema } from '../model/pricing-input.js';
import { Dec } from '../money/decimal.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { PreparedItem, PreparedSchedule } from '../contracts/price-index.js';
import { qtyText, type Qty } from '../contracts/quantity.js';
import { formatCents, tooLargeAt } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { findVolumeCliff, volumeCents } from './price-line.js';
import { parsePricingInput } from './read-pricing-input.js';
import type { PricingContext } from './pricing-law.js';

/** The input of {@link Pace.checkContract}. */
export interface CheckContractInput {
  /** A raw contract (a vendor's price file) or a prepared one. */
  contract: Contract | PreparedContract;
  /** Schedules that ended before this date are history and are not checked. */
  asOf?: CalendarDate;
}

/** The result of {@link Pace.checkContract}. */
export interface ContractCheck extends DecisionBase {
  /** True when no finding blocks publishing the price file. */
  ok: boolean;
  contractId: string;
}

/** The unit prices of an item that a later schedule can be compared on: one per tier, or the one price. */
function comparablePrices(item: PreparedItem): Dec[] {
  const rule = item.rule;
  return rule.kind === 'tiered' ? rule.tiers.map((t) => t.unitPrice.dec) : [rule.unitPrice.dec];
}

/**
 * Checks a contract's price file before a cooperative publishes it, and reports what it finds:
 * - `schedule-based-on-missing` (block): a schedule's `basedOn` names no schedule of the contract,
 *   or the chain loops; its unlisted items are then not priced;
 * - `price-increase-over-cap` (block): with `priceIncreaseCap`, an item whose unit price (each
 *   tier's, for tiered items with the same number of tiers) rises from one schedule to the next by
 *   more than the cap compounded over the whole calendar years between their start dates (at
 *   least one);
 * - `schedule-outside-term` (warn): a schedule that starts before the term, or after its end and
 *   every listed renewal;
 * - `covered-device-screen-size-missing` (warn): a covered electronic device without a screen
 *   size, so its e-waste fee cannot be computed;
 * - `volume-cliff` (info): a volume tier table where buying one tier's top quantity costs more
 *   than the next tier's first whole quantity, as quotes report it.
 *
 * @param context - The Pace context (its `rulesVersion` goes on the result).
 * @param input - The contract, and optionally the date before which schedules are history.
 * @returns `ok` (no block finding), the findings and a trace of the schedules checked.
 * @throws PaceError `invalid-input` / `invalid-tier-table` when the contract fails its schema or
 *   its price checks (every problem with its path), `invalid-date` for a bad `asOf`.
 * @example
 * ```ts
 * // fy26 raises DESK from 100.00 to 110.00 under a 5 % a year cap
 * const check = pace.checkContract({ contract });
 * check.ok;                // => false
 * check.findings[0].code;  // => 'price-increase-over-cap'
 * ```
 */
export function checkContract(context: PricingContext, input: CheckContractInput): ContractCheck {
  const { input: request, contract, pricing } = parsePricingInput(CheckContractInputSchema, input, 'Invalid contract check');
  const findings: Finding[] = [];
  const trace: TraceStep[] = [];
  const asOf = request.asOf;
  const ids = new Set(contract.priceSchedules.map((s) => s.id));
  // basedOn chains: a missing target or a loop.
  contract.priceSchedules.forEach((s, i) => {
    if (s.basedOn === undefined) return;
    const seen = new Set<string>([s.id]);
    let at: string | undefined = s.basedOn;
    let problem: string | undefined;
    // What the schedule then inherits (see resolveScheduleItems): nothing when the break is its own
    // basedOn or it is on the loop itself; else what the schedules before the break list.
    while (at !== undefined) {
      if (!ids.has(at)) {
        problem = at === s.basedOn ? `names "${at}", which is not a schedule of the contract: it inherits nothing, and its unlisted items have no price` : `chain names "${at}", which is not a schedule of the contract: it inherits only what the schedules before it list, and other items have no price`;
        break;
      }
      if (seen.has(at)) {
        problem = at === s.id ? `leads back to "${at}" (a loop): it inherits nothing, and its unlisted items have no price` : `leads into a loop at "${at}": it inherits only what the schedules up to "${at}" list themselves, and other items have no price`;
        break;
      }
      seen.add(at);
      at = contract.priceSchedules.find((x) => x.id === at)?.basedOn;
    }
    if (problem !== undefined) {
      findings.push({ code: 'schedule-based-on-missing', severity: 'block', message: `Schedule "${s.id}": basedOn ${problem}.`, ruleId: 'pricing.price-file', pack: PRICING_SOURCE, data: { schedule: s.id, basedOn: s.basedOn, path: `$.contract.priceSchedules[${i}].basedOn` } });
    }
  });
  const current = pricing.schedules.filter((s) => asOf === undefined || s.effectiveTo === undefined || s.effectiveTo >= asOf);
  const term = contract.term;
  const lastEnd = [term.end, ...(term.renewals ?? []).map((r) => r.end)].sort().pop()!;
  for (const s of current) {
    trace.push({ step: 'schedule', id: s.id, detail: { effectiveFrom: s.effectiveFrom, effectiveTo: s.effectiveTo ?? null, items: s.items.size, ...(s.basedOn !== undefined ? { basedOn: s.basedOn } : {}) } });
    if (s.effectiveFrom < term.start || s.effectiveFrom > lastEnd) {
      findings.push({ code: 'schedule-outside-term', severity: 'warn', message: `Schedule "${s.id}" starts ${s.effectiveFrom}, outside the term and renewals (${term.start} to ${lastEnd}).`, ruleId: 'pricing.price-file', pack: PRICING_SOURCE, data: { schedule: s.id, effectiveFrom: s.effectiveFrom, termStart: term.start, termEnd: lastEnd } });
    }
    for (const item of s.items.values()) {
      if (item.covered && item.screenSizeInches === undefined) {
        findings.push({ code: 'covered-device-screen-size-missing', severity: 'warn', message: `Schedule "${s.id}", ${item.sku}: a covered device without screenSizeInches (no e-waste fee).`, ruleId: 'pricing.price-file', pack: PRICING_SOURCE, data: { schedule: s.id, sku: item.sku } });
      }
      try {
        reportCliffs(findings, s, item);
      } catch (e) {
        // A tier's top too large to price exactly: the item's tier table (inherited: the basedOn it comes by).
        const i = contract.priceSchedules.findIndex((x) => x.id === s.id);
        const k = contract.priceSchedules[i]!.items.findIndex((x) => x.sku === item.sku);
        throw tooLargeAt(e, `$.contract.priceSchedules[${i}].${k < 0 ? 'basedOn' : `items[${k}].price.tiers`}`);
      }
    }
  }
  const cap = contract.priceIncreaseCap;
  if (cap !== undefined) {
    const rate = new Dec(cap.percentPerYear).dividedBy(100).plus(1);
    // Each schedule against every earlier one, not only the one before it: rises in steps less than
    // a year apart (100.00, then 105.00 six months later, then 110.25) each count as a year, and
    // together pass a 5 % cap over the year they span. A price is reported once, against the
    // earliest schedule it rose too far from.
    for (let k = 1; k < pricing.schedules.length; k++) {
      const after = pricing.schedules[k]!;
      if (!current.includes(after)) continue;
      const reported = new Set<string>();
      for (let j = 0; j < k; j++) {
        const before = pricing.schedules[j]!;
        const years = Math.max(1, wholeYearsBetween(before.effectiveFrom, after.effectiveFrom));
        const factor = rate.pow(years);
        for (const item of after.items.values()) {
          const old = before.items.get(item.sku);
          if (old === undefined) continue;
          const was = comparablePrices(old);
          const now = comparablePrices(item);
          if (was.length !== now.length) continue;
          now.forEach((price, t) => {
            const limit = was[t]!.times(factor);
            if (price.greaterThan(limit) && !reported.has(`${item.sku}\u0000${t}`)) {
              reported.add(`${item.sku}\u0000${t}`);
              const percent = was[t]!.isZero() ? 'from zero' : `${price.dividedBy(was[t]!).minus(1).times(100).toDecimalPlaces(2).toFixed()} %`;
              findings.push({
                code: 'price-increase-over-cap',
                severity: 'block',
                message: `${item.sku}${now.length > 1 ? ` (tier ${t + 1})` : ''}: "${after.id}" (from ${after.effectiveFrom}) raises ${was[t]!.toFixed()}, the price of "${before.id}" (from ${before.effectiveFrom}), to ${price.toFixed()} (${percent}), over the cap of ${cap.percentPerYear} % a year compounded over ${years} year${years === 1 ? '' : 's'} (at most ${limit.toDecimalPlaces(6).toFixed()}).`,
                ruleId: 'pricing.price-increase-cap',
                pack: PRICING_SOURCE,
                data: { sku: item.sku, tier: t, from: before.id, to: after.id, previousPrice: was[t]!.toFixed(), price: price.toFixed(), years, capPercentPerYear: cap.percentPerYear },
              });
            }
          });
        }
      }
    }
  }
  return { ok: !findings.some((f) => f.severity === 'block'), contractId: contract.id, findings, trace, rulesVersion: context.rulesVersion };
}

/**
 * The whole calendar years from `from` to `to` (`to` not earlier): the most years whose anniversary
 * of `from` falls on or before `to`, counted by year, month and day (2023-07-01 to 2024-07-01 is
 * one, leap day or not; 2024-07-01 to 2025-08-01 is one). A 29 February start has its anniversary
 * on 28 February in other years, as {@link addMonths} counts it.
 */
function wholeYearsBetween(from: CalendarDate, to: CalendarDate): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (years > 0 && addMonths(from, 12 * years) > to) years--;
  return years;
}

/** Each tier top of a volume table from which a larger whole quantity costs less. */
function reportCliffs(findings: Finding[], schedule: PreparedSchedule, item: PreparedItem): void {
  const rule = item.rule;
  if (rule.kind !== 'tiered' || rule.mode !== 'volume') return;
  for (const tier of rule.tiers) {
    if (tier.upTo === null) continue;
    const top: Qty = tier.upTo;
    const cents = volumeCents(tier, top, top, schedule.rounding);
    const cliff = findVolumeCliff(rule.tiers, top, top, cents, schedule.rounding);
    if (cliff === undefined) continue;
    findings.push({
      code: 'volume-cliff',
      severity: 'info',
      message: `Schedule "${schedule.id}", ${item.sku}: ${qtyText(top)} units cost ${formatCents(cents)}, ${qtyText(cliff.quantity)} cost ${formatCents(cliff.cents)}.`,
      ruleId: 'pricing.volume-cliff',
      pack: PRICING_SOURCE,
      data: { schedule: schedule.id, sku: item.sku, quantity: qtyText(top), total: formatCents(cents), cheaperQuantity: qtyText(cliff.quantity), cheaperTotal: formatCents(cliff.cents) },
    });
  }
}
