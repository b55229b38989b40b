import type { PaceErrorIssue } from '../errors/pace-error.js';
import type { PricingLaw } from '../model/rules-pack.js';
import { addDays } from '../dates/calendar-date.js';

/**
 * The problems of a pack's `pricing` section its schema cannot see: duplicate fee ids, fee periods
 * of one kind and state that overlap or leave a gap, an unknown figure (`null`) whose confidence is
 * not `unknown`, bands without a lower bound, and sources the pack does not list.
 * @internal
 */
export function findPricingLawIssues(pricing: PricingLaw | undefined, sourceIds: ReadonlySet<string>): PaceErrorIssue[] {
  const issues: PaceErrorIssue[] = [];
  if (pricing === undefined) return issues;
  const fees = pricing.fees ?? [];
  const ids = new Map<string, number>();
  const series = new Map<string, number[]>();
  fees.forEach((fee, i) => {
    const at = `$.pricing.fees[${i}]`;
    const first = ids.get(fee.id);
    if (first !== undefined) issues.push({ path: `${at}.id`, message: `duplicate fee id "${fee.id}" (also at $.pricing.fees[${first}])` });
    else ids.set(fee.id, i);
    if (fee.effectiveTo !== undefined && fee.effectiveTo < fee.effectiveFrom) issues.push({ path: `${at}.effectiveTo`, message: `ends (${fee.effectiveTo}) before it starts (${fee.effectiveFrom})` });
    fee.sources?.forEach((id, k) => {
      if (!sourceIds.has(id)) issues.push({ path: `${at}.sources[${k}]`, message: `no source with id "${id}" in this pack's "sources"` });
    });
    fee.bands.forEach((band, b) => {
      const bandAt = `${at}.bands[${b}]`;
      if ((band.over === undefined) === (band.atLeast === undefined)) issues.push({ path: bandAt, message: 'a band needs exactly one lower bound: "over" (exclusive) or "atLeast" (inclusive)' });
      if (band.amount === null && fee.confidence !== 'unknown') issues.push({ path: `${bandAt}.amount`, message: 'an unknown amount (null) must have confidence "unknown"' });
    });
    const key = `${fee.kind}/${fee.state}`;
    series.set(key, [...(series.get(key) ?? []), i]);
  });
  for (const [key, members] of series) {
    const sorted = [...members].sort((a, b) => (fees[a]!.effectiveFrom < fees[b]!.effectiveFrom ? -1 : 1));
    for (let k = 1; k < sorted.length; k++) {
      const prev = fees[sorted[k - 1]!]!;
      const cur = fees[sorted[k]!]!;
      const at = `$.pricing.fees[${sorted[k]!}].effectiveFrom`;
      if (prev.effectiveTo === undefined || prev.effectiveTo >= cur.effectiveFrom) issues.push({ path: at, message: `fee ${key}: this period (from ${cur.effectiveFrom}) overlaps "${prev.id}"` });
      else if (addDays(prev.effectiveTo, 1) !== cur.effectiveFrom) issues.push({ path: at, message: `fee ${key}: gap between "${prev.id}" (ends ${prev.effectiveTo}) and this period (starts ${cur.effectiveFrom})` });
    }
  }
  (pricing.chargeTaxability ?? []).forEach((rule, i) => {
    rule.sources?.forEach((id, k) => {
      if (!sourceIds.has(id)) issues.push({ path: `$.pricing.chargeTaxability[${i}].sources[${k}]`, message: `no source with id "${id}" in this pack's "sources"` });
    });
  });
  return issues;
}
