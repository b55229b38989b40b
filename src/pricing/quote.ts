import type { CalendarDate } from '../dates/calendar-date.js';
import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import type { ChargeKind, Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import { QuoteInputSchema } from '../model/pricing-input.js';
import type { MoneyInput, QuantityInput } from '../model/primitives.js';
import type { Dec } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { addCents, formatCents, tooLargeAt, type Cents } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { PreparedItem, PreparedSchedule, PreparedTier } from '../contracts/price-index.js';
import { amountCents, findVolumeCliff, graduatedAverageText, selectTier, unitCents } from './price-line.js';
import { addQty, compareQty, qtyText, qtyToDec, type Qty } from '../contracts/quantity.js';
import { parsePricingInput, resolveItems, scheduleInForce, tierQuantitiesOf, toOrderLines, toTierQuantities, type OrderLine } from './read-pricing-input.js';
import { adminFeeOnTopCents, computeCharges, eWasteFees, taxOf, type QuoteAdminFee, type QuoteCharge, type QuoteFee } from './order-charges.js';
import { pricingTables, type PricingContext } from './pricing-law.js';
import { contractNotInForce } from './contract-in-force.js';

export type { PricingContext } from './pricing-law.js';
export type { QuoteAdminFee, QuoteCharge, QuoteFee } from './order-charges.js';

/** One line to price. */
export interface QuoteLineInput {
  sku: string;
  /** Units, or a fractional amount such as hours (`"7.5"`): a non-negative number or decimal string. */
  quantity: QuantityInput;
  /** Your line number, echoed on the priced line. */
  lineId?: string;
  /** The ship-to site, echoed on the priced line. */
  shipTo?: string;
  /** The account the line is charged to, echoed on the priced line. */
  account?: string;
  /** Your own data; carried by the caller, never read. */
  meta?: Record<string, unknown>;
}

/** A charge the vendor proposes for the order. */
export interface QuoteChargeInput {
  kind: ChargeKind;
  /** Zero or more. */
  amount: MoneyInput;
  description?: string;
}

/** The input of {@link Pace.quote}. */
export interface QuoteInput {
  /** A raw contract, or one returned by `prepareContract` (faster, same result). */
  contract: Contract | PreparedContract;
  /**
   * At least one line. A sku may appear on several lines (ship-to sites, accounts): its tier
   * quantity is the order's total of it, and every line of it is priced at that tier.
   */
  lines: readonly QuoteLineInput[];
  /** The date whose price schedule applies. */
  asOf: CalendarDate;
  /**
   * The buying member; validated and named in the trace. Prices do not depend on it; its `state`
   * decides the e-waste fee (none outside the fee's state; California when no member is given).
   */
  member?: Member;
  /**
   * Per sku, the quantity that selects the tier when volume is pooled beyond this order (a group
   * buy). It must be at least the order's own total of the sku. Entries for skus not in the order are ignored.
   */
  tierQuantities?: Readonly<Record<string, QuantityInput>>;
  /** The sales tax rate in percent (`"9.25"`), the ship-to rate the caller knows; none: no tax. */
  taxRate?: string;
  /** The vendor's proposed charges (freight, installation, ...), checked against the contract. */
  charges?: readonly QuoteChargeInput[];
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
  lineId?: string;
  shipTo?: string;
  account?: string;
  /** Whether sales tax applies to the line (the item's `taxable`, default: goods only). */
  taxable: boolean;
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
  /** The proposed charges, each checked against the contract. */
  charges: QuoteCharge[];
  /** The fees the law adds (the California e-waste fee per covered device). */
  fees: QuoteFee[];
  /**
   * The cooperative's admin fee, when the contract adds it to the prices
   * (`adminFee.includedInPrice: false`): `percent` of the subtotal, half-up, as verifyInvoice
   * expects it billed. Absent when the prices include it or the contract states none.
   */
  adminFee?: QuoteAdminFee;
  /** The base sales tax is computed on: taxable lines and charges (fees as the law pack says). */
  taxableAmount: Money;
  /** The tax rate used, when one was given. */
  taxRate?: string;
  /** `round(taxableAmount × taxRate / 100)`; `"0.00"` when no rate was given. */
  tax: Money;
  /** `subtotal + charges + fees + adminFee + tax`, exactly (`adminFee` when present). */
  total: Money;
}

/** A quote with its totals in cents, for the group buy. @internal */
export interface PricedOrder {
  readonly quote: Quote;
  readonly subtotalCents: Cents;
  /** What the same lines cost with each sku's tier chosen by the order's own total of it. */
  readonly soloCents: Cents;
  /** The taxable part of `subtotalCents`, and of `soloCents`. */
  readonly taxableCents: Cents;
  readonly soloTaxableCents: Cents;
  /**
   * Units over the lines of the contract's own supply kind (what `per-unit` charges count): a
   * device contract's training hours are not units that ship or install.
   */
  readonly units: Qty;
  /** The lines of covered devices with their items and positions, for the fees. */
  readonly lines: readonly (OrderLine & { readonly item: PreparedItem; readonly index: number })[];
}

function lineLabel(i: number, line: OrderLine): string {
  return `Line ${i + 1}${line.lineId !== undefined ? ` (${line.lineId})` : ''}`;
}

function isWhole(q: Qty): boolean {
  return typeof q === 'number' || q.isInteger();
}

/** Block findings for a line's quantity against its item's units, minimum and multiple. */
function quantityFindings(findings: Finding[], i: number, line: OrderLine, item: PreparedItem, skuTotal: Qty, firstOfSku: boolean): void {
  const q = line.quantity;
  const notWhole = !item.fractional && !isWhole(q);
  const multiple = item.orderMultiple;
  const offMultiple = multiple !== undefined && !qtyToDec(q).modulo(qtyToDec(multiple)).isZero();
  const minimum = item.minimumOrderQuantity;
  const belowMinimum = firstOfSku && minimum !== undefined && compareQty(skuTotal, minimum) < 0;
  if (!notWhole && !offMultiple && !belowMinimum) return;
  const data = { sku: line.sku, line: i, quantity: qtyText(q), ...(line.lineId !== undefined ? { lineId: line.lineId } : {}) };
  if (notWhole) {
    findings.push({ code: 'quantity-not-whole', severity: 'block', message: `${lineLabel(i, line)}: ${qtyText(q)} of ${line.sku}, sold in whole units.`, ruleId: 'pricing.quantity', pack: PRICING_SOURCE, data });
  }
  if (offMultiple) {
    findings.push({ code: 'quantity-not-order-multiple', severity: 'block', message: `${lineLabel(i, line)}: ${qtyText(q)} of ${line.sku}, sold in multiples of ${qtyText(multiple)}.`, ruleId: 'pricing.quantity', pack: PRICING_SOURCE, data: { ...data, orderMultiple: qtyText(multiple) } });
  }
  if (belowMinimum) {
    findings.push({ code: 'quantity-below-minimum', severity: 'block', message: `${lineLabel(i, line)}: ${qtyText(skuTotal)} of ${line.sku} in the order, below its minimum of ${qtyText(minimum)}.`, ruleId: 'pricing.quantity', pack: PRICING_SOURCE, data: { ...data, orderTotal: qtyText(skuTotal), minimumOrderQuantity: qtyText(minimum) } });
  }
}

/**
 * Prices validated lines against a schedule. `own` gives each sku's total over the lines (its tier
 * quantity), `pooled` the pooled one where given; every line of a sku is priced at the same tier.
 * A sku is never priced above what the order's own total would cost (contract prices are
 * ceilings): when pooling would cost more, as flat fees can make it, the own total prices it and an
 * info finding says so.
 * @internal
 */
export function priceOrder(
  context: PricingContext,
  contractId: string,
  schedule: PreparedSchedule,
  asOf: CalendarDate,
  lines: readonly OrderLine[],
  items: readonly PreparedItem[],
  own: ReadonlyMap<string, Qty>,
  pooled: ReadonlyMap<string, Qty> | undefined,
  memberId: string | undefined,
  contractKind: PreparedItem['supplyKind'],
): PricedOrder {
  const mode = schedule.rounding;
  const findings: Finding[] = [];
  const trace: TraceStep[] = [
    { step: 'schedule', id: schedule.id, detail: { asOf, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: mode, roundAt: schedule.roundAt, ...(schedule.basedOn !== undefined ? { basedOn: schedule.basedOn } : {}) } },
  ];
  if (memberId !== undefined) trace.push({ step: 'member', id: memberId });
  const out: QuoteLine[] = new Array<QuoteLine>(lines.length);
  const withItems: (OrderLine & { item: PreparedItem; index: number })[] = [];
  // The tier quantity of each sku, decided once: pooled unless that costs the order's total more.
  const tierOf = new Map<string, Qty>();
  const repeated = own.size < lines.length;
  let subtotal = 0;
  let solo = 0;
  let taxable = 0;
  let soloTaxable = 0;
  let units: Qty = 0;
  let listTotal: number | undefined = 0;
  let savings = 0;
  // An amount out of range is the line's doing: its quantity (with the lines before it, for the sums).
  let i = 0;
  try {
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      const item = items[i]!;
      const q = line.quantity;
      const rule = item.rule;
      const skuTotal = own.get(line.sku)!;
      // Plain orders (each sku once, nothing pooled) need no per-sku bookkeeping.
      let tierQuantity = repeated || pooled !== undefined ? tierOf.get(line.sku) : undefined;
      const firstOfSku = tierQuantity === undefined;
      if (tierQuantity === undefined) {
        tierQuantity = skuTotal;
        const pooledQuantity = pooled?.get(line.sku);
        if (pooledQuantity !== undefined && rule.kind === 'tiered' && compareQty(pooledQuantity, skuTotal) !== 0) {
          const pooledCents = amountCents(item, skuTotal, pooledQuantity, mode);
          const ownCents = amountCents(item, skuTotal, skuTotal, mode);
          if (pooledCents <= ownCents) tierQuantity = pooledQuantity;
          else {
            findings.push({
              code: 'pooled-tier-not-better',
              severity: 'info',
              message: `${lineLabel(i, line)} (${line.sku}): the pooled quantity ${qtyText(pooledQuantity)} would price the order's ${qtyText(skuTotal)} at ${formatCents(pooledCents)}, more than ${formatCents(ownCents)} at its own quantity (the flat fees differ); it is priced at its own quantity, since contract prices are ceilings.`,
              ruleId: 'pricing.pooled-tier',
              pack: PRICING_SOURCE,
              data: { sku: line.sku, line: i, pooledQuantity: qtyText(pooledQuantity), pooledTotal: formatCents(pooledCents), quantity: qtyText(skuTotal), total: formatCents(ownCents) },
            });
          }
        }
        if (repeated || pooled !== undefined) tierOf.set(line.sku, tierQuantity);
      }
      const cents = amountCents(item, q, tierQuantity, mode);
      const ownCents = tierQuantity === skuTotal ? cents : amountCents(item, q, skuTotal, mode);
      subtotal = addCents(subtotal, cents);
      solo = addCents(solo, ownCents);
      if (item.taxable) {
        taxable = addCents(taxable, cents);
        soloTaxable = addCents(soloTaxable, ownCents);
      }
      if (item.supplyKind === contractKind) units = typeof units === 'number' && typeof q === 'number' && Number.isSafeInteger(units + q) ? units + q : addQty(units, q);
      const quoteLine: QuoteLine = { sku: line.sku, description: item.description, kind: rule.kind, quantity: qtyText(q), unitPrice: '', extended: formatCents(cents), taxable: item.taxable };
      if (line.lineId !== undefined) quoteLine.lineId = line.lineId;
      if (line.shipTo !== undefined) quoteLine.shipTo = line.shipTo;
      if (line.account !== undefined) quoteLine.account = line.account;
      if (item.unit !== undefined) quoteLine.unit = item.unit;
      if ((!item.fractional && typeof q !== 'number') || item.orderMultiple !== undefined || item.minimumOrderQuantity !== undefined) quantityFindings(findings, i, line, item, skuTotal, firstOfSku);
      switch (rule.kind) {
        case 'fixed':
        case 'discount':
          quoteLine.unitPrice = rule.unitPrice.text;
          break;
        case 'tiered': {
          const tier = selectTier(rule.tiers, tierQuantity);
          const described: QuoteTier = { index: tier.index, upTo: tier.upToText, mode: rule.mode, tierQuantity: qtyText(tierQuantity), unitPrice: tier.unitPrice.text };
          const pooledQuantity = pooled?.get(line.sku);
          if (pooledQuantity !== undefined) described.pooledQuantity = qtyText(pooledQuantity);
          if (tier.flatFee !== undefined) described.flatFee = tier.flatFee.text;
          if (rule.mode === 'volume') {
            quoteLine.unitPrice = tier.unitPrice.text;
            // Once per sku, on its first line, on the order's total of it (the line's own amount when
            // that line holds the whole total, as it does when the sku is on one line).
            const skuCents = !firstOfSku ? undefined : !repeated || compareQty(skuTotal, q) === 0 ? cents : amountCents(item, skuTotal, tierQuantity, mode);
            const cliff = skuCents === undefined ? undefined : findVolumeCliff(rule.tiers, skuTotal, tierQuantity, skuCents, mode);
            if (cliff !== undefined && skuCents !== undefined) {
              findings.push({
                code: 'volume-cliff',
                severity: 'info',
                message: `${lineLabel(i, line)} (${line.sku}): buying ${qtyText(cliff.quantity)} instead of ${qtyText(skuTotal)} would cost ${formatCents(cliff.cents)} instead of ${formatCents(skuCents)}, because the tier quantity ${qtyText(cliff.tierQuantity)} reaches tier ${cliff.tier.index + 1} of the table (${cliff.tier.upToText === null ? 'the open top tier' : `up to ${cliff.tier.upToText}`}) at ${cliff.tier.unitPrice.text} a unit.`,
                ruleId: 'pricing.volume-cliff',
                pack: PRICING_SOURCE,
                data: {
                  sku: line.sku,
                  line: i,
                  quantity: qtyText(skuTotal),
                  total: formatCents(skuCents),
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
      // Field by field: a spread of the line cost more than the rest of the line's pricing (profiled).
      if (item.covered) withItems.push({ sku: line.sku, quantity: q, path: line.path, lineId: line.lineId, shipTo: line.shipTo, account: line.account, item, index: i });
    }
  } catch (e) {
    throw tooLargeAt(e, `${lines[i]!.path}.quantity`);
  }
  const result: Quote = {
    contractId,
    priceScheduleId: schedule.id,
    currency: 'USD',
    asOf,
    lines: out,
    subtotal: formatCents(subtotal),
    savings: formatCents(savings),
    charges: [],
    fees: [],
    taxableAmount: formatCents(taxable),
    tax: '0.00',
    total: formatCents(subtotal),
    findings,
    trace,
    rulesVersion: context.rulesVersion,
  };
  if (listTotal !== undefined) result.listTotal = formatCents(listTotal);
  return { quote: result, subtotalCents: subtotal, soloCents: solo, taxableCents: taxable, soloTaxableCents: soloTaxable, units, lines: withItems };
}

/** The totals in cents that {@link completeQuote} adds to a priced order. @internal */
export interface CompletedTotals {
  readonly totalCents: Cents;
  /** The total had every sku been priced at the order's own quantity (same charges, fees, tax rate). */
  readonly soloTotalCents: Cents;
  /** The base the tax was computed on, and the tax (0 without a rate); the same for the solo total. */
  readonly taxableCents: Cents;
  readonly taxCents: Cents;
  readonly soloTaxableCents: Cents;
  readonly soloTaxCents: Cents;
}

/**
 * Adds to a priced order its charges (checked against the contract), the per-device fees and the
 * tax at `taxRate` (none without a rate: an info finding says so), and sets `total`.
 * @internal
 */
export function completeQuote(
  context: PricingContext,
  contract: Pick<Contract, 'charges' | 'adminFee' | 'number'>,
  priced: PricedOrder,
  options: { taxRate?: string | undefined; charges?: readonly { kind: ChargeKind; amount: number | string; description?: string | undefined }[] | undefined; state: string },
): CompletedTotals {
  const q = priced.quote;
  const tables = pricingTables(context);
  const proposed = options.charges ?? [];
  const charges = proposed.length === 0 && contract.charges === undefined ? undefined : computeCharges(contract.charges, proposed, { subtotalCents: priced.subtotalCents, units: priced.units }, tables);
  const fees = priced.lines.length === 0 ? undefined : eWasteFees(tables, priced.lines, q.asOf, options.state);
  // The co-op's fee when the contract adds it to the prices: on the subtotal, as verifyInvoice
  // expects it billed (an order priced at its own quantity pays it on its own subtotal).
  const admin = contract.adminFee;
  const onTop = admin !== undefined && !admin.includedInPrice && q.lines.length > 0 ? admin.percent : undefined;
  const adminCents = onTop === undefined ? 0 : adminFeeOnTopCents(admin, priced.subtotalCents);
  const soloAdminCents = onTop === undefined ? 0 : adminFeeOnTopCents(admin, priced.soloCents);
  const chargeCents = charges?.cents ?? 0;
  const feeCents = addCents(fees?.cents ?? 0, adminCents);
  const extraTaxable = addCents(charges?.taxableCents ?? 0, fees?.taxableCents ?? 0);
  const taxable = addCents(priced.taxableCents, extraTaxable);
  const tax = taxOf(taxable, options.taxRate);
  const soloTaxable = addCents(priced.soloTaxableCents, extraTaxable);
  const soloTax = taxOf(soloTaxable, options.taxRate);
  if (charges !== undefined) {
    q.charges = charges.charges;
    q.findings.push(...charges.findings);
  }
  if (fees !== undefined) {
    q.fees = fees.fees;
    q.findings.push(...fees.findings);
  }
  if (onTop !== undefined) {
    const fee: QuoteAdminFee = { kind: 'admin-fee', percent: onTop, basis: q.subtotal, amount: formatCents(adminCents), citation: `Contract ${contract.number}, adminFee` };
    q.adminFee = fee;
    q.trace.push({ step: 'admin-fee', id: 'order', detail: { percent: onTop, basis: q.subtotal, amount: fee.amount } });
  }
  q.taxableAmount = formatCents(taxable);
  if (tax === undefined) {
    if (taxable > 0) {
      q.findings.push({ code: 'tax-rate-not-given', severity: 'info', message: `No taxRate given: no sales tax computed on the taxable ${formatCents(taxable)}.`, ruleId: 'pricing.tax', pack: PRICING_SOURCE, data: { taxableAmount: formatCents(taxable) } });
    }
  } else {
    q.taxRate = options.taxRate!;
    q.tax = formatCents(tax);
  }
  const extras = addCents(addCents(chargeCents, feeCents), tax ?? 0);
  const total = addCents(priced.subtotalCents, extras);
  q.total = formatCents(total);
  if (extras !== 0 || tax !== undefined) q.trace.push({ step: 'totals', id: 'order', detail: { subtotal: q.subtotal, charges: formatCents(chargeCents), fees: formatCents(fees?.cents ?? 0), ...(onTop !== undefined ? { adminFee: formatCents(adminCents) } : {}), taxableAmount: q.taxableAmount, taxRate: options.taxRate ?? null, tax: q.tax, total: q.total } });
  const soloFeeCents = addCents(fees?.cents ?? 0, soloAdminCents);
  return {
    totalCents: total,
    soloTotalCents: addCents(addCents(priced.soloCents, addCents(chargeCents, soloFeeCents)), soloTax ?? 0),
    taxableCents: taxable,
    taxCents: tax ?? 0,
    soloTaxableCents: soloTaxable,
    soloTaxCents: soloTax ?? 0,
  };
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

/**
 * Prices an order under the contract's price schedule in force on `asOf`, exact to the cent, with
 * its charges, fees, tax and total.
 *
 * Fixed and discount-off-list prices apply per unit; tiered prices by volume (every unit at the
 * price of the tier the tier quantity falls in, plus that tier's flat fee) or graduated (each unit
 * at the price of the tier it falls in, plus a flat fee for every tier reached). Unit prices may
 * carry six decimals (`"0.0089"` a copy). Each line is rounded once, to cents, half-up unless the
 * schedule says half-even; under `roundAt: 'unit'` the unit price is rounded to cents first. A sku
 * on several lines is priced at the tier of the order's total of it (pooled further by
 * `tierQuantities`; see {@link QuoteLine}); a sku is never priced above its own total's price.
 *
 * Then: the vendor's `charges`, each checked against the contract's terms (`allowed`; a
 * `restocking` term in percent or per unit counts the goods returned, and a new order has returned
 * none, so it allows nothing: restocking is billed with the credit, on the order returned to); the
 * California e-waste fee per covered device, from the law pack's dated fee table; sales tax at
 * `taxRate` on the taxable lines and charges (no rate: no tax); `total`.
 *
 * Findings: block `contract-not-in-force` (the date is outside the term and exercised renewals;
 * the lines are still priced), block `quantity-not-whole` / `quantity-not-order-multiple` /
 * `quantity-below-minimum`, block `charge-not-allowed`, warn `fee-figure-unknown` and
 * `covered-device-screen-size-missing`, info `volume-cliff`, `pooled-tier-not-better`,
 * `tax-rate-not-given` and the charge notes.
 *
 * @param context - The Pace context (its `rulesVersion` goes on the quote; its packs give fees and citations).
 * @param input - The contract (raw or prepared), lines, date, and optional pooled quantities, tax rate and charges.
 * @returns The quote: lines, subtotal, charges, fees, taxable amount, tax, total, findings, trace, rulesVersion.
 * @throws PaceError naming each JSON path: `invalid-input` (bad shape, several kinds of problem),
 *   `invalid-quantity`, `invalid-date`, `invalid-money`, `no-price-in-force`, `unknown-sku`, and
 *   the contract's own `invalid-input` / `invalid-tier-table`.
 * @example
 * ```ts
 * // tiers 1-5 @ 7.00, 6-10 @ 6.50, 11+ @ 6.00, volume
 * const q = pace.quote({ contract, asOf: '2025-09-01', lines: [{ sku: 'CHAIR', quantity: 11 }], taxRate: '7.25' });
 * q.lines[0].unitPrice; // => '6.00'
 * q.subtotal;           // => '66.00'
 * q.tax;                // => '4.79'
 * q.total;              // => '70.79'
 * ```
 */
export function quote(context: PricingContext, input: QuoteInput): Quote {
  const { input: request, contract, pricing } = parsePricingInput(QuoteInputSchema, input, 'Invalid quote request');
  const lines = toOrderLines(request.lines, '$.lines');
  const issues: CodedIssue[] = [];
  const given = toTierQuantities(request.tierQuantities, '$.tierQuantities');
  const { own } = tierQuantitiesOf(lines, given, issues);
  if (issues.length > 0) throwIssues('Invalid quote request', issues);
  const pooled = given === undefined ? undefined : new Map([...given].map(([sku, entry]) => [sku, entry.quantity] as const));
  const schedule = scheduleInForce(pricing, contract.id, request.asOf, '$.asOf');
  const items = resolveItems(schedule, lines, issues);
  if (issues.length > 0) throwIssues('Unknown sku', issues);
  try {
    const priced = priceOrder(context, contract.id, schedule, request.asOf, lines, items, own, pooled, request.member?.id, contract.supplyKind);
    const notInForce = contractNotInForce(contract, request.asOf, pricingTables(context), 'quote');
    if (notInForce !== undefined) priced.quote.findings.unshift(notInForce);
    completeQuote(context, contract, priced, { taxRate: request.taxRate, charges: request.charges, state: request.member?.state ?? 'CA' });
    return priced.quote;
  } catch (e) {
    // The order's total with its charges, fees and tax out of range: its lines together.
    throw tooLargeAt(e, '$.lines');
  }
}
