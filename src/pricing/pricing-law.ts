// The pricing law of the layered packs (fee tables, charge taxability, finding citations), read
// once per Pace and kept beside it.
import type { FeePeriod, PricingLaw } from '../model/rules-pack.js';
import type { ChargeKind } from '../model/contract.js';
import { Dec } from '../money/decimal.js';
import { moneyCents } from './cents.js';

/** What pricing needs from a Pace: its rules version, and the packs it reads fees and citations from. */
export interface PricingContext {
  readonly rulesVersion: string;
  /** The layered packs (their `pricing` sections); none: no fees, no citations. */
  readonly packs?: readonly { readonly id: string; readonly pricing?: PricingLaw | undefined }[];
}

/** A fee band with its bounds and amount parsed. @internal */
export interface PreparedFeeBand {
  readonly over: number | undefined;
  readonly atLeast: number | undefined;
  readonly below: number | undefined;
  readonly amount: Dec | null;
  /** `amount` in whole cents. */
  readonly amountCents: number | null;
}

/** A fee period of one pack. @internal */
export interface PreparedFeePeriod {
  readonly period: FeePeriod;
  readonly pack: string;
  readonly bands: readonly PreparedFeeBand[];
}

/** @internal */
export interface ChargeTaxRule {
  readonly taxable: boolean;
  readonly citation: string;
  readonly pack: string;
}

/** @internal */
export interface PricingTables {
  /** Fee periods, latest pack last, each pack's in date order. */
  readonly fees: readonly PreparedFeePeriod[];
  readonly chargeTaxability: ReadonlyMap<ChargeKind, ChargeTaxRule>;
  readonly citations: ReadonlyMap<string, { readonly citation: string; readonly pack: string }>;
}

const tables = new WeakMap<object, PricingTables>();

/** The pricing tables of a context, built on first use (later packs override earlier ones). @internal */
export function pricingTables(context: PricingContext): PricingTables {
  const cached = tables.get(context);
  if (cached !== undefined) return cached;
  const fees: PreparedFeePeriod[] = [];
  const chargeTaxability = new Map<ChargeKind, ChargeTaxRule>();
  const citations = new Map<string, { citation: string; pack: string }>();
  for (const pack of context.packs ?? []) {
    const law = pack.pricing;
    if (law === undefined) continue;
    const periods = [...(law.fees ?? [])].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    for (const period of periods) {
      fees.push({ period, pack: pack.id, bands: period.bands.map((b) => ({ over: b.over, atLeast: b.atLeast, below: b.below, amount: b.amount === null ? null : new Dec(String(b.amount)), amountCents: b.amount === null ? null : moneyCents(b.amount) })) });
    }
    for (const rule of law.chargeTaxability ?? []) chargeTaxability.set(rule.kind, { taxable: rule.taxable, citation: rule.citation, pack: pack.id });
    for (const [code, citation] of Object.entries(law.citations ?? {})) citations.set(code, { citation, pack: pack.id });
  }
  const built: PricingTables = { fees, chargeTaxability, citations };
  tables.set(context, built);
  return built;
}

/** The band a screen size falls in, or undefined when none covers it (four inches or less). @internal */
export function bandOf(bands: readonly PreparedFeeBand[], inches: number): PreparedFeeBand | undefined {
  for (const band of bands) {
    const aboveLower = band.over !== undefined ? inches > band.over : inches >= band.atLeast!;
    if (aboveLower && (band.below === undefined || inches < band.below)) return band;
  }
  return undefined;
}

/**
 * The fee period in force on a date (the latest pack's, when several packs give one), and, when
 * its figure for `inches` is unknown, the last earlier period whose figure is known.
 * @internal
 */
export function feeOn(feeTables: PricingTables, state: string, date: string): { inForce: PreparedFeePeriod; lastKnown: PreparedFeePeriod | undefined } | undefined {
  let inForce: PreparedFeePeriod | undefined;
  for (const fee of feeTables.fees) {
    const p = fee.period;
    if (p.state === state && p.effectiveFrom <= date && (p.effectiveTo === undefined || date <= p.effectiveTo)) inForce = fee;
  }
  if (inForce === undefined) return undefined;
  let lastKnown: PreparedFeePeriod | undefined;
  for (const fee of feeTables.fees) {
    const p = fee.period;
    if (p.state === state && p.kind === inForce.period.kind && p.effectiveFrom < inForce.period.effectiveFrom && fee.bands.every((b) => b.amount !== null)) {
      if (lastKnown === undefined || lastKnown.period.effectiveFrom < p.effectiveFrom) lastKnown = fee;
    }
  }
  return { inForce, lastKnown };
}
