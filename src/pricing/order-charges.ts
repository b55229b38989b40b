// Charges, fees and tax on a priced order: the three steps after the lines are priced, as
// functions the invoice match can reuse (it computes the expected charges, fees and tax of a PO).
import type { Finding } from '../decision.js';
import type { ChargeKind, ChargeTerm, Contract } from '../model/contract.js';
import { Dec } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { addCents, decToCents, formatCents, moneyCents, percentOfCents, type Cents } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { bandOf, feeOn, type PricingTables } from './pricing-law.js';
import type { PreparedItem } from '../contracts/price-index.js';
import { compareQty, qtyText, qtyToDec, type Qty } from '../contracts/quantity.js';

/** A charge the vendor proposed, checked against the contract. */
export interface QuoteCharge {
  kind: ChargeKind;
  amount: Money;
  description?: string;
  /** Whether sales tax applies to it (the contract's term, else the law pack's rule for its kind). */
  taxable: boolean;
  /** Whether the contract allows it at this amount. */
  allowed: boolean;
  /** The most the contract allows for it, when the contract caps it. */
  maxAllowed?: Money;
}

/** A per-device fee the law adds to the order. */
export interface QuoteFee {
  kind: 'ca-ewaste-recycling-fee';
  sku: string;
  lineId?: string;
  quantity: string;
  unitFee: Money;
  amount: Money;
  citation: string;
  /** The screen size band's figure came from an earlier period (the figure in force is unknown). */
  figureFrom?: string;
}

/**
 * The cooperative's administrative fee when the contract adds it to the prices
 * (`adminFee.includedInPrice: false`): `percent` of the order's subtotal, half-up, as verifyInvoice
 * expects it billed. Not taxed (verifyInvoice leaves it out of the taxable base too).
 */
export interface QuoteAdminFee {
  kind: 'admin-fee';
  percent: string;
  /** The subtotal the percent is taken of. */
  basis: Money;
  amount: Money;
  citation: string;
}

/**
 * The co-op's admin fee a contract adds to its prices, on a subtotal: `percent` of it, half-up;
 * 0 when the prices include it or the contract states none. The quote adds it and verifyInvoice
 * allows it by this one figure. @internal
 */
export function adminFeeOnTopCents(adminFee: Contract['adminFee'], subtotalCents: Cents): Cents {
  return adminFee === undefined || adminFee.includedInPrice ? 0 : percentOfCents(subtotalCents, adminFee.percent, 'half-up');
}

/** What {@link computeCharges} needs to know of the priced order. @internal */
export interface OrderBasis {
  /** The sum of the priced lines, in cents. */
  readonly subtotalCents: Cents;
  /** Units ordered over all lines (for per-unit charges). */
  readonly units: Qty;
  /**
   * The goods returned on the order (credited, at the contract price, and their units): what a
   * `restocking` charge is a percent of, or counts units of. Absent: nothing was returned, as on a
   * new order (a quote, a group buy).
   */
  readonly returned?: { readonly cents: Cents; readonly units: Qty } | undefined;
}

/** How {@link computeCharges} reports and what it counts as already billed. @internal */
export interface ChargeOptions {
  /** The code of a charge over the terms (default `charge-not-allowed`). */
  readonly code?: string;
  /** Per kind, what earlier invoices of the same order billed: it uses up the order's allowance. */
  readonly spent?: ReadonlyMap<ChargeKind, Cents>;
  /** How findings name proposed charge `i` (default `Charge 1`, data `{ charge: 0 }`). */
  readonly name?: (i: number) => readonly [label: string, data: Readonly<Record<string, number>>];
}

/** The charges of an order with their totals in cents. @internal */
export interface ComputedCharges {
  readonly charges: QuoteCharge[];
  readonly cents: Cents;
  readonly taxableCents: Cents;
  readonly findings: Finding[];
}

const centsOfMoney = moneyCents;

/**
 * What a term's `percent` and `per-unit` bases count: the order (its subtotal and units), or, for a
 * restocking charge, the goods returned on it (a restocking fee is charged on what comes back).
 */
function counted(term: ChargeTerm, basis: OrderBasis): { readonly cents: Cents; readonly units: Qty } {
  return term.kind !== 'restocking' ? { cents: basis.subtotalCents, units: basis.units } : (basis.returned ?? { cents: 0, units: 0 });
}

/** The most the contract's term allows for a charge on this order, or `undefined` when uncapped. */
function allowance(term: ChargeTerm, basis: OrderBasis): Cents | undefined {
  const cap = term.maxAmount === undefined ? undefined : centsOfMoney(term.maxAmount);
  const { cents, units } = counted(term, basis);
  let limit: Cents | undefined;
  switch (term.basis) {
    case 'included':
      limit = 0;
      break;
    case 'flat':
      // (a flat restocking fee is charged on a return: with nothing returned, none)
      limit = term.amount === undefined ? undefined : term.kind === 'restocking' && compareQty(units, 0) === 0 ? 0 : centsOfMoney(term.amount);
      break;
    case 'percent':
      limit = term.percent === undefined ? undefined : percentOfCents(cents, term.percent, 'half-up');
      break;
    case 'per-unit':
      limit = term.amount === undefined ? undefined : typeof units === 'number' && Number.isSafeInteger(moneyCents(term.amount) * units) ? moneyCents(term.amount) * units : decToCents(new Dec(String(term.amount)).times(qtyToDec(units)), 'half-up');
      break;
    case 'actual':
      limit = undefined;
      break;
    default: {
      const never: never = term.basis;
      return never;
    }
  }
  if (cap === undefined) return limit;
  return limit === undefined ? cap : Math.min(limit, cap);
}

/**
 * Checks each proposed charge against the contract's `charges` terms and decides its taxability.
 * A kind the contract's terms do not list is not allowed (block `charge-not-allowed`), and neither
 * is a charge the contract includes in its prices or one above the term's allowance (an allowance
 * is per order: charges of one kind, here and in `options.spent`, share it); a contract with no `charges` terms at all leaves charges unchecked (allowed, info `charge-terms-not-stated`).
 * A `restocking` term in `percent` or `per-unit` counts the goods returned on the order
 * (`basis.returned`), not the order, and a `flat` one is charged on a return: with nothing
 * returned, none allows anything.
 * Taxable: the term's `taxable`, else the law pack's rule for the kind, else taxed with an info
 * finding saying so. Every proposed charge counts in the totals, allowed or not: the quote shows
 * what the vendor proposed, and the findings say what to strike.
 * @internal
 */
export function computeCharges(terms: readonly ChargeTerm[] | undefined, proposed: readonly { kind: ChargeKind; amount: number | string; description?: string | undefined }[], basis: OrderBasis, tables: PricingTables, options: ChargeOptions = {}): ComputedCharges {
  const charges: QuoteCharge[] = [];
  const findings: Finding[] = [];
  const code = options.code ?? 'charge-not-allowed';
  // What each kind has used of its allowance: earlier invoices of the order, then earlier charges here.
  const used = new Map(options.spent);
  let cents = 0;
  let taxableCents = 0;
  for (let i = 0; i < proposed.length; i++) {
    const p = proposed[i]!;
    const amount = centsOfMoney(p.amount);
    const [label, at] = options.name?.(i) ?? [`Charge ${i + 1}`, { charge: i }];
    let term: ChargeTerm | undefined;
    if (terms !== undefined) {
      for (const t of terms) {
        if (t.kind === p.kind) {
          term = t;
          break;
        }
      }
    }
    const lawRule = tables.chargeTaxability.get(p.kind);
    const taxable = term?.taxable ?? lawRule?.taxable ?? true;
    if (term?.taxable === undefined && lawRule === undefined && amount > 0) {
      findings.push({ code: 'charge-taxability-assumed', severity: 'info', message: `${label} (${p.kind}): taxed, since neither the contract nor the law pack says it is not; state "taxable" on the charge term.`, ruleId: 'pricing.charges', pack: PRICING_SOURCE, data: { ...at, kind: p.kind } });
    } else if (term?.taxable === undefined && lawRule !== undefined && !lawRule.taxable && amount > 0) {
      findings.push({ code: 'charge-not-taxable', severity: 'info', message: `${label} (${p.kind}) is not taxed when separately stated (the law pack's rule); handling, or delivery by the vendor before title passes, is.`, citation: lawRule.citation, ruleId: 'pricing.charges', pack: lawRule.pack, data: { ...at, kind: p.kind } });
    }
    let allowed = true;
    let limit: Cents | undefined;
    if (terms === undefined) {
      findings.push({ code: 'charge-terms-not-stated', severity: 'info', message: `${label} (${p.kind}): the contract states no charge terms to check it against.`, ruleId: 'pricing.charges', pack: PRICING_SOURCE, data: { ...at, kind: p.kind } });
    } else if (term === undefined) {
      allowed = amount <= 0;
      if (!allowed) findings.push({ code, severity: 'block', message: `${label} (${p.kind}, ${formatCents(amount)}) is not among the contract's charge terms (${terms.map((t) => t.kind).join(', ') || 'none'}); it may not be billed.`, ruleId: 'pricing.charges', pack: PRICING_SOURCE, data: { ...at, kind: p.kind, amount: formatCents(amount) } });
    } else {
      const full = allowance(term, basis);
      const before = used.get(p.kind) ?? 0;
      used.set(p.kind, before + amount);
      limit = full === undefined ? undefined : Math.max(0, full - before);
      allowed = limit === undefined || amount <= limit;
      if (!allowed) {
        // A restocking charge in percent or per unit counts the goods returned, and a flat one is
        // charged on a return: say what was returned.
        const restocking = term.kind === 'restocking' ? counted(term, basis) : undefined;
        const nothingBack = restocking !== undefined && compareQty(restocking.units, 0) === 0;
        const back = restocking !== undefined && (term.basis === 'percent' || term.basis === 'per-unit' || (term.basis === 'flat' && nothingBack)) ? restocking : undefined;
        const rate = term.basis === 'percent' ? `${term.percent!} % of the goods returned` : term.basis === 'flat' ? `${String(term.amount)} a return` : `${String(term.amount)} a unit returned`;
        const onReturns = back === undefined ? '' : `: ${rate}, ${nothingBack ? 'and no goods were returned on the order; restocking is billed with the credit for the goods returned' : `${formatCents(back.cents)} for ${qtyText(back.units)} units returned on the order`}`;
        const why = term.basis === 'included' ? 'the contract includes it in the prices' : `the contract allows at most ${formatCents(full!)} (${term.basis}${onReturns}${term.maxAmount !== undefined ? `, capped at ${String(term.maxAmount)}` : ''})`;
        findings.push({ code, severity: 'block', message: `${label} (${p.kind}, ${formatCents(amount)}) is over the contract's terms: ${why}${before !== 0 ? `, of which ${formatCents(before)} was billed before` : ''}.`, ruleId: 'pricing.charges', pack: PRICING_SOURCE, data: { ...at, kind: p.kind, amount: formatCents(amount), basis: term.basis, maxAllowed: formatCents(limit!), ...(back !== undefined ? { returned: formatCents(back.cents) } : {}) } });
      }
    }
    const charge: QuoteCharge = { kind: p.kind, amount: formatCents(amount), taxable, allowed };
    if (p.description !== undefined) charge.description = p.description;
    if (limit !== undefined) charge.maxAllowed = formatCents(limit);
    charges.push(charge);
    cents = addCents(cents, amount);
    if (taxable) taxableCents = addCents(taxableCents, amount);
  }
  return { charges, cents, taxableCents, findings };
}

/** The e-waste fees of an order with their totals in cents. @internal */
export interface ComputedFees {
  readonly fees: QuoteFee[];
  readonly cents: Cents;
  readonly taxableCents: Cents;
  readonly findings: Finding[];
}

/**
 * The per-device fees of the covered electronic devices on an order, from the packs' dated fee
 * table: one fee line per order line of a covered device, `unitFee × quantity`. When the figure in
 * force on the date is unknown, the last known figure is used and a warn finding
 * `fee-figure-unknown` says so; a covered device without a screen size gets no fee and a warn
 * finding `covered-device-screen-size-missing`. `state` is the buyer's (no fee outside the state
 * whose law imposes it).
 * @internal
 */
export function eWasteFees(tables: PricingTables, lines: readonly { readonly sku: string; readonly quantity: Qty; readonly lineId?: string | undefined; readonly item: PreparedItem; readonly index?: number }[], date: string, state: string): ComputedFees {
  const fees: QuoteFee[] = [];
  const findings: Finding[] = [];
  let cents = 0;
  let taxableCents = 0;
  let found: ReturnType<typeof feeOn> | null = null; // looked up once, on the first covered line
  let warnedUnknown: Set<string> | undefined; // made when a figure is first found unknown
  for (let position = 0; position < lines.length; position++) {
    const line = lines[position]!;
    if (!line.item.covered) continue;
    const i = line.index ?? position; // the line's position in the order
    if (found === null) found = feeOn(tables, state, date);
    const inches = line.item.screenSizeInches;
    if (inches === undefined) {
      findings.push({ code: 'covered-device-screen-size-missing', severity: 'warn', message: `Line ${i + 1} (${line.sku}): a covered device without screenSizeInches; no e-waste fee computed.`, ruleId: 'pricing.ewaste-fee', pack: PRICING_SOURCE, data: { sku: line.sku, line: i } });
      continue;
    }
    if (found === undefined) continue; // no fee period for this state and date: no fee
    const { inForce, lastKnown } = found;
    let band = bandOf(inForce.bands, inches);
    if (band === undefined) continue; // four inches or less: not a covered device
    let source = inForce;
    if (band.amount === null) {
      const earlier = lastKnown === undefined ? undefined : bandOf(lastKnown.bands, inches);
      if (lastKnown === undefined || earlier?.amount == null) {
        findings.push({ code: 'fee-figure-unknown', severity: 'warn', message: `Line ${i + 1} (${line.sku}): the e-waste fee on ${date} is not known; no fee added.`, citation: inForce.period.citation, ruleId: inForce.period.id, pack: inForce.pack, data: { sku: line.sku, line: i } });
        continue;
      }
      band = earlier!;
      source = lastKnown;
      warnedUnknown ??= new Set<string>();
      if (!warnedUnknown.has(inForce.period.id)) {
        warnedUnknown.add(inForce.period.id);
        findings.push({
          code: 'fee-figure-unknown',
          severity: 'warn',
          message: `The e-waste fee on ${date} (${inForce.period.id}) is not known; the last known figures (${lastKnown.period.id}) were used. Confirm them with CalRecycle or CDTFA.`,
          citation: inForce.period.citation,
          ruleId: inForce.period.id,
          pack: inForce.pack,
          data: { date, period: inForce.period.id, usedPeriod: lastKnown.period.id },
        });
      }
    }
    const unit = band.amountCents!;
    const q = line.quantity;
    const amount = typeof q === 'number' && Number.isSafeInteger(unit * q) ? unit * q : decToCents(band.amount!.times(qtyToDec(q)), 'half-up');
    const fee: QuoteFee = { kind: inForce.period.kind, sku: line.sku, quantity: qtyText(line.quantity), unitFee: formatCents(unit), amount: formatCents(amount), citation: source.period.citation };
    if (line.lineId !== undefined) fee.lineId = line.lineId;
    if (source !== inForce) fee.figureFrom = source.period.id;
    fees.push(fee);
    cents = addCents(cents, amount);
    if (inForce.period.taxable) taxableCents = addCents(taxableCents, amount);
  }
  return { fees, cents, taxableCents, findings };
}

/**
 * Sales tax on a taxable base at the caller's rate (percent), rounded half-up to the cent once, on
 * the order. No rate: no tax (`undefined`); the library never guesses a rate.
 * @internal
 */
export function taxOf(taxableCents: Cents, taxRate: string | undefined): Cents | undefined {
  if (taxRate === undefined) return undefined;
  return percentOfCents(taxableCents, taxRate, 'half-up');
}
