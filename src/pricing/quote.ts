import type { CalendarDate } from '../dates/calendar-date.js';
import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import { MemberSchema } from '../model/member.js';
import { parseWith } from '../model/parse.js';
import type { QuantityInput } from '../model/primitives.js';
import type { Dec } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { addCents, formatCents, type Cents } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { PreparedItem, PreparedSchedule, PreparedTier } from '../contracts/price-index.js';
import { amountCents, findVolumeCliff, graduatedAverageText, selectTier, unitCents } from './price-line.js';
import { compareQty, qtyText, qtyToDec, type Qty } from '../contracts/quantity.js';
import { readContract, readDate, readLines, readObject, readTierQuantities, resolveItems, scheduleInForce, type OrderLine } from './read-pricing-input.js';

/** What the pricing capabilities need from a {@link Pace}: the rules version they stamp on decisions. */
export interface PricingContext {
  readonly rulesVersion: string;
}

/** One line to price. */
export interface QuoteLineInput {
  sku: string;
  /** Units, or a fractional amount such as hours (`"7.5"`): a non-negative number or decimal string. */
  quantity: QuantityInput;
  /** Your own data; carried by the caller, never read. */
  meta?: Record<string, unknown>;
}

/** The input of {@link Pace.quote}. */
export interface QuoteInput {
  /** A raw contract, or one returned by `prepareContract` (faster, same result). */
  contract: Contract | PreparedContract;
  /** At least one line; each sku at most once (put a sku's whole quantity on one line). */
  lines: readonly QuoteLineInput[];
  /** The date whose price schedule applies. */
  asOf: CalendarDate;
  /** The buying member; validated and named in the trace. Prices do not depend on it. */
  member?: Member;
  /**
   * Per sku, the quantity that selects the tier when volume is pooled beyond this order (a group
   * buy). It must be at least the line's own quantity. Entries for skus not in the order are ignored.
   */
  tierQuantities?: Readonly<Record<string, QuantityInput>>;
}

/** One tier of a graduated ladder as it was used. */
export interface GraduatedSlice {
  index: number;
  upTo: string | null;
  /** Units of the ladder that fell in this tier. */
  quantity: string;
  unitPrice: Money;
  /** `quantity × unitPrice`, exact (not rounded). */
  amount: string;
  flatFee?: Money;
}

/** The tier that priced a tiered line. */
export interface QuoteTier {
  /** Position in the schedule's tier table (0 = first). Graduated: the highest tier reached. */
  index: number;
  /** The tier's inclusive upper bound; `null` for the open top tier. */
  upTo: string | null;
  mode: 'volume' | 'graduated';
  /** The quantity that selected the tier: the line's own quantity, or the pooled one. */
  tierQuantity: string;
  /** The pooled quantity asked for in `tierQuantities`, when it was given for this sku. */
  pooledQuantity?: string;
  /** The tier's own unit price. */
  unitPrice: Money;
  /** The tier's flat fee, when it has one. Volume: shared by quantity, `flatFee × quantity / tierQuantity`. */
  flatFee?: Money;
  /** Graduated: the exact ladder total at `tierQuantity` (every slice plus the fees of the tiers reached). */
  ladderTotal?: string;
  /** Graduated: the ladder, tier by tier. */
  slices?: GraduatedSlice[];
}

/**
 * One priced line. How an auditor recomputes `extended` (rounded once, per line, with the
 * schedule's rounding mode):
 * - fixed, discount: `round(unitPrice × quantity)`;
 * - volume: `round(unitPrice × quantity + flatFee × quantity / tierQuantity)` (unpooled: `+ flatFee`);
 * - graduated: `round(ladderTotal × quantity / tierQuantity)` (unpooled: `round(ladderTotal)`).
 */
export interface QuoteLine {
  sku: string;
  description: string;
  unit?: string;
  kind: 'fixed' | 'discount' | 'tiered';
  /** The quantity, echoed in canonical form (`"7.5"`). */
  quantity: string;
  /**
   * The exact unit price, not rounded (`"17.49125"` for 12.5 % off 19.99). Graduated lines: the
   * average price per unit of the ladder (`ladderTotal / tierQuantity`, flat fees included), to
   * at most six decimals; the exact figures are in `tier.slices` and `tier.ladderTotal`.
   */
  unitPrice: string;
  extended: Money;
  listUnitPrice?: Money;
  /** `round(listPrice × quantity)`, where the schedule gives a list price. */
  listExtended?: Money;
  /** `listExtended − extended`, where a list price is known. */
  savings?: Money;
  tier?: QuoteTier;
}

/** The result of {@link Pace.quote}. */
export interface Quote extends DecisionBase {
  contractId: string;
  priceScheduleId: string;
  currency: 'USD';
  asOf: CalendarDate;
  lines: QuoteLine[];
  /** The sum of the lines' `extended`. */
  subtotal: Money;
  /** The sum of the lines' `listExtended`, present only when every line has a list price. */
  listTotal?: Money;
  /** The sum of the known line savings (`"0.00"` when none is known). */
  savings: Money;
}

/** A quote with its totals in cents, for the group buy. @internal */
export interface PricedOrder {
  readonly quote: Quote;
  readonly subtotalCents: Cents;
  /** What the same lines cost with each line's tier chosen by its own quantity. */
  readonly soloCents: Cents;
}

/**
 * Prices validated lines against a schedule. `tierQuantity` gives, per sku, the quantity that
 * selects the tier; a line is never priced above what its own quantity would cost (contract prices
 * are ceilings): when pooling would cost more, as flat fees can make it, the own quantity prices it
 * and an info finding says so.
 * @internal
 */
export function priceOrder(
  context: PricingContext,
  contractId: string,
  schedule: PreparedSchedule,
  asOf: CalendarDate,
  lines: readonly OrderLine[],
  items: readonly PreparedItem[],
  pooled: ReadonlyMap<string, Qty> | undefined,
  memberId: string | undefined,
): PricedOrder {
  const mode = schedule.rounding;
  const findings: Finding[] = [];
  const trace: TraceStep[] = [
    { step: 'schedule', id: schedule.id, detail: { asOf, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: mode } },
  ];
  if (memberId !== undefined) trace.push({ step: 'member', id: memberId });
  const out: QuoteLine[] = new Array<QuoteLine>(lines.length);
  let subtotal = 0;
  let solo = 0;
  let listTotal: number | undefined = 0;
  let savings = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const item = items[i]!;
    const q = line.quantity;
    const rule = item.rule;
    const pooledQuantity = pooled?.get(line.sku);
    const ownCents = amountCents(item, q, q, mode);
    let cents = ownCents;
    let tierQuantity: Qty = q;
    if (pooledQuantity !== undefined && rule.kind === 'tiered' && compareQty(pooledQuantity, q) !== 0) {
      const pooledCents = amountCents(item, q, pooledQuantity, mode);
      if (pooledCents <= ownCents) {
        cents = pooledCents;
        tierQuantity = pooledQuantity;
      } else {
        findings.push({
          code: 'pooled-tier-not-better',
          severity: 'info',
          message: `Line ${i + 1} (${line.sku}): the pooled quantity ${qtyText(pooledQuantity)} would price it at ${formatCents(pooledCents)}, more than ${formatCents(ownCents)} at its own quantity ${qtyText(q)} (the flat fees differ); it is priced at its own quantity, since contract prices are ceilings.`,
          ruleId: 'pricing.pooled-tier',
          pack: PRICING_SOURCE,
          data: { sku: line.sku, line: i, pooledQuantity: qtyText(pooledQuantity), pooledTotal: formatCents(pooledCents), quantity: qtyText(q), total: formatCents(ownCents) },
        });
      }
    }
    subtotal = addCents(subtotal, cents);
    solo = addCents(solo, ownCents);
    const quoteLine: QuoteLine = { sku: line.sku, description: item.description, kind: rule.kind, quantity: qtyText(q), unitPrice: '', extended: formatCents(cents) };
    if (item.unit !== undefined) quoteLine.unit = item.unit;
    switch (rule.kind) {
      case 'fixed':
      case 'discount':
        quoteLine.unitPrice = rule.unitPrice.text;
        break;
      case 'tiered': {
        const tier = selectTier(rule.tiers, tierQuantity);
        const described: QuoteTier = { index: tier.index, upTo: tier.upToText, mode: rule.mode, tierQuantity: qtyText(tierQuantity), unitPrice: tier.unitPrice.text };
        if (pooledQuantity !== undefined) described.pooledQuantity = qtyText(pooledQuantity);
        if (tier.flatFee !== undefined) described.flatFee = tier.flatFee.text;
        if (rule.mode === 'volume') {
          quoteLine.unitPrice = tier.unitPrice.text;
          const cliff = findVolumeCliff(rule.tiers, q, tierQuantity, cents, mode);
          if (cliff !== undefined) {
            findings.push({
              code: 'volume-cliff',
              severity: 'info',
              message: `Line ${i + 1} (${line.sku}): buying ${qtyText(cliff.quantity)} instead of ${qtyText(q)} would cost ${formatCents(cliff.cents)} instead of ${formatCents(cents)}, because the tier quantity ${qtyText(cliff.tierQuantity)} reaches tier ${cliff.tier.index + 1} of the table (${cliff.tier.upToText === null ? 'the open top tier' : `up to ${cliff.tier.upToText}`}) at ${cliff.tier.unitPrice.text} a unit.`,
              ruleId: 'pricing.volume-cliff',
              pack: PRICING_SOURCE,
              data: {
                sku: line.sku,
                line: i,
                quantity: qtyText(q),
                total: formatCents(cents),
                cheaperQuantity: qtyText(cliff.quantity),
                cheaperTotal: formatCents(cliff.cents),
                tierQuantity: qtyText(cliff.tierQuantity),
                tierIndex: cliff.tier.index,
              },
            });
          }
        } else {
          quoteLine.unitPrice = graduatedAverageText(rule.tiers, tierQuantity);
          describeLadder(described, rule.tiers, tierQuantity);
        }
        quoteLine.tier = described;
        trace.push({ step: 'tier', id: line.sku, detail: { line: i, mode: rule.mode, tierQuantity: described.tierQuantity, index: tier.index, upTo: tier.upToText } });
        break;
      }
      default: {
        const never: never = rule;
        return never;
      }
    }
    if (item.listPrice !== undefined) {
      const listCents = unitCents(item.listPrice, q, mode);
      quoteLine.listUnitPrice = item.listPrice.text;
      quoteLine.listExtended = formatCents(listCents);
      quoteLine.savings = formatCents(listCents - cents);
      if (listTotal !== undefined) listTotal = addCents(listTotal, listCents);
      savings = addCents(savings, listCents - cents);
    } else listTotal = undefined;
    out[i] = quoteLine;
  }
  const result: Quote = {
    contractId,
    priceScheduleId: schedule.id,
    currency: 'USD',
    asOf,
    lines: out,
    subtotal: formatCents(subtotal),
    savings: formatCents(savings),
    findings,
    trace,
    rulesVersion: context.rulesVersion,
  };
  if (listTotal !== undefined) result.listTotal = formatCents(listTotal);
  return { quote: result, subtotalCents: subtotal, soloCents: solo };
}

function describeLadder(described: QuoteTier, tiers: readonly PreparedTier[], tierQuantity: Qty): void {
  const slices: GraduatedSlice[] = [];
  const t = qtyToDec(tierQuantity);
  let total = qtyToDec(0);
  for (const tier of tiers) {
    const lower = qtyToDec(tier.lower);
    if (!t.greaterThan(lower)) break;
    const top = tier.upTo === null || t.lessThan(qtyToDec(tier.upTo)) ? t : qtyToDec(tier.upTo);
    const units = top.minus(lower);
    const amount = units.times(tier.unitPrice.dec);
    total = total.plus(amount);
    const slice: GraduatedSlice = { index: tier.index, upTo: tier.upToText, quantity: units.toFixed(), unitPrice: tier.unitPrice.text, amount: exactText(amount) };
    if (tier.flatFee !== undefined) {
      slice.flatFee = tier.flatFee.text;
      total = total.plus(tier.flatFee.dec);
    }
    slices.push(slice);
  }
  described.slices = slices;
  described.ladderTotal = exactText(total);
}

/** An exact amount: two decimals at least (`"35.00"`), more when it has them (`"16.125"`). */
function exactText(amount: Dec): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed();
}

const QUOTE_FIELDS = new Set(['contract', 'lines', 'asOf', 'member', 'tierQuantities']);

/**
 * Prices an order under the contract's price schedule in force on `asOf`, exact to the cent.
 *
 * Fixed and discount-off-list prices apply per unit; tiered prices by volume (every unit at the
 * price of the tier the tier quantity falls in, plus that tier's flat fee) or graduated (each unit
 * at the price of the tier it falls in, plus a flat fee for every tier reached). Each line is
 * rounded once, to cents, half-up unless the schedule says half-even. With `tierQuantities` the
 * pooled quantity selects the tier and the member's units carry their share by quantity of the
 * pooled price (see {@link QuoteLine}); a line is never priced above its own quantity's price.
 *
 * Findings (info): `volume-cliff` when buying more units, up to a higher tier, would cost less in
 * total (the cheapest such quantity is given); `pooled-tier-not-better` when pooling would cost a
 * line more than its own quantity.
 *
 * @param context - The Pace context (its `rulesVersion` goes on the quote).
 * @param input - The contract (raw or prepared), lines, date and optional pooled quantities.
 * @returns The quote: lines, subtotal, list total and savings, findings, trace, rulesVersion.
 * @throws PaceError naming each JSON path: `invalid-input` (bad shape, a sku twice, several kinds
 *   of problem), `invalid-quantity`, `invalid-date`, `no-price-in-force`, `unknown-sku`, and the
 *   contract's own `invalid-input` / `invalid-tier-table`.
 * @example
 * ```ts
 * // tiers 1-5 @ 7.00, 6-10 @ 6.50, 11+ @ 6.00, volume
 * const q = pace.quote({ contract, asOf: '2025-09-01', lines: [{ sku: 'CHAIR', quantity: 11 }] });
 * q.lines[0].unitPrice; // => '6.00'
 * q.subtotal;           // => '66.00'
 * ```
 */
export function quote(context: PricingContext, input: QuoteInput): Quote {
  const issues: CodedIssue[] = [];
  const root = readObject(input, '$', QUOTE_FIELDS, 'a quote request { contract, lines, asOf }', issues);
  if (!root) throwIssues('Invalid quote request', issues);
  const { contract, pricing } = readContract(root['contract']);
  const asOf = readDate(root['asOf'], '$.asOf', issues);
  const lines = readLines(root['lines'], '$.lines', issues, 'order');
  const given = readTierQuantities(root['tierQuantities'], '$.tierQuantities', issues);
  let memberId: string | undefined;
  if (root['member'] !== undefined) {
    try {
      memberId = parseWith(MemberSchema, root['member'], '$.member', 'member').id;
    } catch (e) {
      for (const issue of (e as { issues: readonly { path: string; message: string }[] }).issues) issues.push({ code: 'invalid-input', ...issue });
    }
  }
  if (given !== undefined) {
    for (const line of lines) {
      const entry = given.get(line.sku);
      if (entry !== undefined && compareQty(entry.quantity, line.quantity) < 0) {
        issues.push({ code: 'invalid-quantity', path: entry.path, message: `the tier quantity ${qtyText(entry.quantity)} of sku "${line.sku}" is smaller than the ${qtyText(line.quantity)} ordered at ${line.path}.quantity; a pooled quantity includes this order's own units` });
      }
    }
  }
  if (issues.length > 0 || asOf === undefined) throwIssues('Invalid quote request', issues);
  const schedule = scheduleInForce(pricing, contract.id, asOf, '$.asOf');
  const items = resolveItems(schedule, lines, issues);
  if (issues.length > 0) throwIssues('Unknown sku', issues);
  const pooled = given === undefined ? undefined : new Map([...given].map(([sku, entry]) => [sku, entry.quantity] as const));
  return priceOrder(context, contract.id, schedule, asOf, lines, items, pooled, memberId).quote;
}
