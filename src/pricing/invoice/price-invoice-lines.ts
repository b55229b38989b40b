// The price side of the match, line by line: what the contract allows for each billed line (the
// schedule and tier the caller chose), against what the line bills, within the contract's tolerance.
import type { Finding, TraceStep } from '../../decision.js';
import type { Money, RoundingMode } from '../../money/money.js';
import { Dec } from '../../money/decimal.js';
import { addCents, decToCents, formatCents, moneyCents, tooLargeAt, type Cents } from '../cents.js';
import { isMoneyText } from '../../model/primitives.js';
import type { PreparedItem, PreparedSchedule } from '../../contracts/price-index.js';
import { preparePrice } from '../../contracts/price-index.js';
import { amountCents, graduatedAverageText, ladderTotal, selectTier, unitCents } from '../price-line.js';
import { compareQty, qtyText, qtyToDec, type Qty } from '../../contracts/quantity.js';
import { invoiceFinding, type Citer } from './cite.js';

/** One billed line checked against the contract. */
export interface InvoiceLineVerification {
  sku: string;
  lineId?: string;
  /** The billed quantity; negative for a credit (a return). */
  quantity: string;
  /** The billed unit price, exact. */
  billedUnitPrice: string;
  /** The contract's unit price for this line (graduated: the ladder's average, see `QuoteLine.unitPrice`); `null` when the sku is not on the contract. */
  contractUnitPrice: string | null;
  /** `round(billedUnitPrice × quantity)`, negative for a credit. */
  billedExtended: Money;
  /**
   * What the contract allows for this line, computed exactly as `quote` would; `"0.00"` for a sku
   * not on the contract. A credit refunds at most that, or, when the order's invoices billed its
   * PO line below the contract, its share of what they billed (a vendor refunds what it was paid).
   */
  contractExtended: Money;
  /** `billedExtended − contractExtended` when that is over the contract's line tolerance, else `"0.00"`: never negative. A sku not on the contract: all of `billedExtended`. */
  overcharge: Money;
  /** True when the line is on the contract and not overcharged (billing below contract is allowed). */
  ok: boolean;
  /** The tier that priced the line, for tiered skus. */
  tier?: { index: number; upTo: string | null; tierQuantity: string };
}

/** A billed line, read: its unsigned quantity and sign. @internal */
export interface BilledLine {
  readonly sku: string;
  readonly lineId?: string | undefined;
  readonly quantity: Qty;
  /** -1 for a credit. */
  readonly sign: 1 | -1;
  /** The billed unit price as validated (text or number). */
  readonly unitPrice: string | number;
  /** Does a credit reference a PO line? (`undefined`: no PO.) */
  readonly onOrder?: boolean | undefined;
}

/** A line the e-waste fee may apply to. @internal */
export interface FeeLine {
  readonly sku: string;
  readonly lineId?: string | undefined;
  readonly quantity: Qty;
  readonly item: PreparedItem;
  readonly index: number;
}

/** The lines' verdicts and sums in cents (signed). @internal */
export interface PricedLines {
  readonly lines: InvoiceLineVerification[];
  readonly billedCents: Cents;
  readonly expectedCents: Cents;
  readonly billedTaxableCents: Cents;
  readonly expectedTaxableCents: Cents;
  readonly overchargeCents: Cents;
  /** Covered devices billed, and credited. */
  readonly debits: FeeLine[];
  readonly credits: FeeLine[];
}

/**
 * What the contract allows for `quantity` units of an item whose own tier quantity is `own`: at
 * the pooled tier quantity when one is given and costs no more (contract prices are ceilings).
 * @internal
 */
export function contractCents(item: PreparedItem, quantity: Qty, own: Qty, pooled: Qty, mode: RoundingMode): { cents: Cents; used: Qty } {
  const cents = amountCents(item, quantity, own, mode);
  if (compareQty(pooled, own) === 0) return { cents, used: own };
  const pooledCents = amountCents(item, quantity, pooled, mode);
  return pooledCents <= cents ? { cents: pooledCents, used: pooled } : { cents, used: own };
}

/**
 * What the order's invoices billed for the units of a PO line (or a sku) before a credit returns
 * some of them: their billed amounts and units, debits only. @internal
 */
export interface BilledForLine {
  /** What their lines billed, unrounded (each unit price times its units), in dollars. */
  readonly exact: Dec;
  readonly quantity: Qty;
  /**
   * Each unit was capped at the contract price of the day its invoice billed it (the contract prices
   * invoices by their own dates): what they were billed for is what the credit refunds, whatever the
   * price on the credit's date.
   */
  readonly onTheirDates?: boolean;
}

/**
 * What a credit of `line.quantity` units refunds, unsigned: what the contract allows for them (as
 * {@link contractCents}), or, when the order's invoices billed them for less (`billed`: what the
 * units it returns were billed for, see billedForCredits; a price below the contract is allowed),
 * that, with any units beyond those billed at the contract price, rounded as a line is. A vendor
 * refunds what it was paid: a credit at the price it billed is no overcharge.
 * @internal
 */
export function creditCents(item: PreparedItem, line: BilledLine, own: Qty, pooled: Qty, mode: RoundingMode, billed: BilledForLine | undefined): { cents: Cents; used: Qty; byBilled: boolean } {
  const contract = contractCents(item, line.quantity, own, pooled, mode);
  if (billed === undefined || compareQty(billed.quantity, 0) <= 0) return { cents: contract.cents, used: contract.used, byBilled: false };
  const beyond = qtyToDec(line.quantity).minus(qtyToDec(billed.quantity));
  const rest = beyond.gt(0) ? new Dec(contractCents(item, beyond, own, pooled, mode).cents).dividedBy(100) : 0;
  const share = decToCents(billed.exact.plus(rest), mode);
  return share < contract.cents || (billed.onTheirDates === true && share !== contract.cents) ? { cents: share, used: contract.used, byBilled: true } : { cents: contract.cents, used: contract.used, byBilled: false };
}

/** What the contract allows for a debit line, in the shape {@link creditCents} answers in. */
function debitCents(item: PreparedItem, quantity: Qty, own: Qty, pooled: Qty, mode: RoundingMode): { cents: Cents; used: Qty; byBilled: boolean } {
  const { cents, used } = contractCents(item, quantity, own, pooled, mode);
  return { cents, used, byBilled: false };
}

/** A billed line's amount, unsigned (`round(unitPrice × quantity)`), and its unit price as shown. */
function billedAmount(line: BilledLine, mode: RoundingMode): { cents: Cents; unitPrice: string } {
  const q = line.quantity;
  // Whole cents a unit times whole units (the common case) without a Decimal.
  const text = String(line.unitPrice);
  const exact = typeof q === 'number' && isMoneyText(text, false) ? moneyCents(text) * q : undefined;
  if (exact !== undefined && Number.isSafeInteger(exact)) return { cents: exact, unitPrice: formatCents(moneyCents(text)) };
  const price = preparePrice(new Dec(text));
  return { cents: unitCents(price, q, mode), unitPrice: price.text };
}

/**
 * The contract's exact price of one unit of an item whose own tier quantity is `own` (pooled by
 * `pooled` when that costs less), unrounded: what a unit billed over the contract is owed at. A
 * volume tier's flat fee is shared by its units, a graduated ladder's total by its units.
 * @internal
 */
export function contractUnitPrice(item: PreparedItem, own: Qty, pooled: Qty): Dec {
  const at = (t: Qty): Dec => {
    const rule = item.rule;
    if (rule.kind !== 'tiered') return rule.unitPrice.dec;
    if (compareQty(t, 0) <= 0) return rule.tiers[0]!.unitPrice.dec;
    if (rule.mode === 'volume') {
      const tier = selectTier(rule.tiers, t);
      return tier.flatFee === undefined ? tier.unitPrice.dec : tier.unitPrice.dec.plus(tier.flatFee.dec.dividedBy(qtyToDec(t)));
    }
    return ladderTotal(rule.tiers, t).dividedBy(qtyToDec(t));
  };
  const mine = at(own);
  if (compareQty(pooled, own) === 0) return mine;
  const pooledPrice = at(pooled);
  return pooledPrice.lt(mine) ? pooledPrice : mine;
}

function labelOf(i: number, line: BilledLine): string {
  return `Line ${i + 1}${line.lineId !== undefined ? ` (${line.lineId})` : ''}, ${line.sku}`;
}

function dataOf(i: number, line: BilledLine, quantity: string, billedUnitPrice: string, billedLine: Cents): Record<string, unknown> {
  return { line: i, sku: line.sku, ...(line.lineId !== undefined ? { lineId: line.lineId } : {}), quantity, billedUnitPrice, billedExtended: formatCents(billedLine) };
}

/**
 * Prices every billed line under `schedule` at its sku's tier quantity (`own`, pooled by
 * `pooled`), pushing the line findings: block `invoice-sku-not-on-contract`, `invoice-overcharge`
 * and `invoice-credit-not-on-order`; info `invoice-below-contract` and `invoice-within-tolerance`.
 * `billedFor` tells what the order's invoices billed for a credit's PO line (see {@link creditCents});
 * `returnedItem` what a credit of a sku `schedule` lacks was billed as (none: not on the contract).
 * @internal
 */
export function priceInvoiceLines(
  schedule: PreparedSchedule,
  billed: readonly BilledLine[],
  own: ReadonlyMap<string, Qty>,
  pooled: ReadonlyMap<string, Qty>,
  toleranceCents: Cents,
  unknownTaxable: boolean,
  billedFor: (credit: BilledLine) => BilledForLine | undefined,
  cite: Citer,
  findings: Finding[],
  trace: TraceStep[],
  returnedItem?: (sku: string) => PreparedItem | undefined,
): PricedLines {
  const mode = schedule.rounding;
  const lines: InvoiceLineVerification[] = [];
  const debits: FeeLine[] = [];
  const credits: FeeLine[] = [];
  let billedCents = 0;
  let expectedCents = 0;
  let billedTaxableCents = 0;
  let expectedTaxableCents = 0;
  let overchargeCents = 0;
  billed.forEach((line, i) => {
    try {
      const q = line.quantity;
      const sign = line.sign;
      const amount = billedAmount(line, mode);
      const billedLine = sign * amount.cents;
      const billedUnitPrice = amount.unitPrice;
      const quantity = sign < 0 ? `-${qtyText(q)}` : qtyText(q);
      // (a credit of a sku dropped from the schedule: the item it was billed as, when the order's
      // invoices are priced on their own dates)
      const item = schedule.items.get(line.sku) ?? (sign < 0 ? returnedItem?.(line.sku) : undefined);
      const out: InvoiceLineVerification = { sku: line.sku, quantity, billedUnitPrice, contractUnitPrice: null, billedExtended: formatCents(billedLine), contractExtended: '0.00', overcharge: '0.00', ok: false };
      if (line.lineId !== undefined) out.lineId = line.lineId;
      billedCents = addCents(billedCents, billedLine);
      if (sign < 0 && line.onOrder !== true) {
        findings.push(invoiceFinding('invoice-credit-not-on-order', 'block', `${labelOf(i, line)}: a credit of ${quantity} that references no line of ${line.onOrder === undefined ? 'a purchase order (none was given)' : 'the purchase order'}; a return credits a PO line.`, cite('invoice-credit-not-on-order', 'prices'), dataOf(i, line, quantity, billedUnitPrice, billedLine)));
      }
      if (item === undefined) {
        // Nothing of it is payable under the contract.
        const over = billedLine > 0 ? billedLine : 0;
        overchargeCents = addCents(overchargeCents, over);
        out.overcharge = formatCents(over);
        if (unknownTaxable) billedTaxableCents = addCents(billedTaxableCents, billedLine);
        findings.push(invoiceFinding('invoice-sku-not-on-contract', 'block', `${labelOf(i, line)}: not on price schedule "${schedule.id}" of the contract; ${formatCents(billedLine)} billed for it is not payable under the contract.`, cite('invoice-sku-not-on-contract', 'prices'), { ...dataOf(i, line, quantity, billedUnitPrice, billedLine), overcharge: formatCents(over) }));
        lines.push(out);
        return;
      }
      const ownQuantity = own.get(line.sku)!;
      const paid = sign < 0 ? billedFor(line) : undefined;
      const { cents, used, byBilled } = sign < 0 ? creditCents(item, line, ownQuantity, pooled.get(line.sku) ?? ownQuantity, mode, paid) : debitCents(item, q, ownQuantity, pooled.get(line.sku) ?? ownQuantity, mode);
      const rule = item.rule;
      // A graduated line billed at the unit price a quote shows for it (the ladder's average to six
      // decimals) is held to that price times its units: an invoice cannot bill the exact ladder at
      // a unit price, and 442 units at the quoted 0.091369 are 40.39 where the ladder is 40.38.
      const quoted = sign > 0 && rule.kind === 'tiered' && rule.mode !== 'volume' && new Dec(billedUnitPrice).eq(new Dec(graduatedAverageText(rule.tiers, used)));
      const expectedLine = sign * (quoted ? amount.cents : cents);
      expectedCents = addCents(expectedCents, expectedLine);
      if (item.taxable) {
        billedTaxableCents = addCents(billedTaxableCents, billedLine);
        expectedTaxableCents = addCents(expectedTaxableCents, expectedLine);
      }
      if (item.covered) (sign < 0 ? credits : debits).push({ sku: line.sku, lineId: line.lineId, quantity: q, item, index: i });
      if (rule.kind === 'tiered') {
        const t = selectTier(rule.tiers, used);
        out.tier = { index: t.index, upTo: t.upToText, tierQuantity: qtyText(used) };
        out.contractUnitPrice = rule.mode === 'volume' ? t.unitPrice.text : graduatedAverageText(rule.tiers, used);
        trace.push({ step: 'tier', id: line.sku, detail: { line: i, mode: rule.mode, tierQuantity: qtyText(used), index: t.index, upTo: t.upToText } });
      } else out.contractUnitPrice = rule.unitPrice.text;
      out.contractExtended = formatCents(expectedLine);
      const difference = billedLine - expectedLine;
      const over = difference > toleranceCents ? difference : 0;
      out.overcharge = formatCents(over);
      out.ok = over === 0;
      overchargeCents = addCents(overchargeCents, over);
      const basis = byBilled ? { billedForReturned: formatCents(cents), billedBefore: { amount: paid!.exact.toFixed(2), quantity: qtyText(paid!.quantity), ...(paid!.onTheirDates === true ? { onTheirDates: true } : {}) } } : {};
      if (difference !== 0) lineFinding(findings, cite, { ...dataOf(i, line, quantity, billedUnitPrice, billedLine), contractUnitPrice: out.contractUnitPrice, contractExtended: out.contractExtended, ...basis }, labelOf(i, line), billedLine, expectedLine, over, toleranceCents);
      lines.push(out);
    } catch (e) {
      throw tooLargeAt(e, `$.invoice.lines[${i}].quantity`);
    }
  });
  return { lines, billedCents, expectedCents, billedTaxableCents, expectedTaxableCents, overchargeCents, debits, credits };
}

/** The finding of a line billed off the contract price: over it, within the tolerance, or below it. */
function lineFinding(findings: Finding[], cite: Citer, detail: Record<string, unknown>, label: string, billedLine: Cents, expectedLine: Cents, over: Cents, toleranceCents: Cents): void {
  const difference = billedLine - expectedLine;
  const quantity = detail['quantity'] as string;
  const price = detail['billedUnitPrice'] as string;
  const what = billedLine < 0 ? `credited ${formatCents(-billedLine)}` : `billed ${formatCents(billedLine)}`;
  const paid = detail['billedBefore'] as { amount: string; quantity: string; onTheirDates?: boolean } | undefined;
  const paidAt = paid === undefined ? '' : paid.onTheirDates === true ? `at most the contract's price on the dates they were billed; ${detail['contractUnitPrice'] as string} a unit on this credit's date` : `below the contract's ${detail['contractUnitPrice'] as string} a unit`;
  const allows = paid !== undefined ? `the ${formatCents(Math.abs(expectedLine))} the order's invoices billed for those units (${paid.amount} for ${paid.quantity}, ${paidAt})` : `the contract's ${formatCents(Math.abs(expectedLine))} (${detail['contractUnitPrice'] as string} a unit)`;
  if (over > 0) {
    findings.push(invoiceFinding('invoice-overcharge', 'block', `${label}: ${what} for ${quantity} at ${price}, against ${allows}; overcharge ${formatCents(over)}. Pay the contract price.`, cite('invoice-overcharge', 'prices'), { ...detail, overcharge: formatCents(over) }));
  } else if (difference > 0) {
    findings.push(invoiceFinding('invoice-within-tolerance', 'info', `${label}: ${what}, ${formatCents(difference)} over ${allows}, within the contract's line tolerance of ${formatCents(toleranceCents)}.`, cite('invoice-within-tolerance', 'invoice terms (lineTolerance)'), { ...detail, difference: formatCents(difference) }));
  } else if (difference < 0) {
    findings.push(invoiceFinding('invoice-below-contract', 'info', `${label}: ${what}, ${formatCents(-difference)} in the district's favour against ${allows}; contract prices are ceilings, so this is allowed.`, cite('invoice-overcharge', 'prices'), detail));
  }
}
