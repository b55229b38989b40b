import type { CalendarDate } from '../dates/calendar-date.js';
import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import type { Contract } from '../model/contract.js';
import type { QuantityInput } from '../model/primitives.js';
import type { UnitPrice } from '../model/price-schedule.js';
import type { Money } from '../money/money.js';
import { addCents, formatCents, type Cents } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { InvoiceVerificationInputSchema } from '../model/pricing-input.js';
import { pricingTables, type PricingContext } from './pricing-law.js';
import { contractNotInForce } from './contract-in-force.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { preparePrice } from '../contracts/price-index.js';
import { amountCents, graduatedAverageText, selectTier, unitCents } from './price-line.js';
import { compareQty, qtyText, type Qty } from '../contracts/quantity.js';
import { parsePricingInput, resolveItems, scheduleInForce, tierQuantitiesOf, toOrderLines, toTierQuantities } from './read-pricing-input.js';

/** One billed line. */
export interface InvoiceLineInput {
  sku: string;
  quantity: QuantityInput;
  /** The billed unit price: zero or more, up to six decimals (invoices may bill fractions of a cent). */
  unitPrice: UnitPrice;
  lineId?: string;
  description?: string;
  meta?: Record<string, unknown>;
}

/** The input of {@link Pace.verifyInvoice}. */
export interface InvoiceVerificationInput {
  contract: Contract | PreparedContract;
  invoice: {
    /** The invoice date: the price schedule in force on it applies. */
    date: CalendarDate;
    /** At least one line. A sku may appear on several lines; their quantities share one tier. */
    lines: readonly InvoiceLineInput[];
    id?: string;
    number?: string;
    meta?: Record<string, unknown>;
  };
  /** Per sku, a pooled quantity that selects the tier (a group buy); at least the invoice's own quantity. */
  tierQuantities?: Readonly<Record<string, QuantityInput>>;
}

/** One billed line checked against the contract. */
export interface InvoiceLineVerification {
  sku: string;
  quantity: string;
  /** The billed unit price, exact. */
  billedUnitPrice: string;
  /** The contract's unit price for this line (graduated: the ladder's average, see `QuoteLine.unitPrice`). */
  contractUnitPrice: string;
  /** `round(billedUnitPrice × quantity)`. */
  billedExtended: Money;
  /** What the contract allows for this line, computed exactly as `quote` would. */
  contractExtended: Money;
  /** `billedExtended − contractExtended` when positive, else `"0.00"`: never negative. */
  overcharge: Money;
  /** True when the line is not overcharged (billing below contract is allowed). */
  ok: boolean;
  /** The tier that priced the line, for tiered skus. */
  tier?: { index: number; upTo: string | null; tierQuantity: string };
}

/** The result of {@link Pace.verifyInvoice}. */
export interface InvoiceVerification extends DecisionBase {
  /** True when no line is overcharged. */
  ok: boolean;
  contractId: string;
  priceScheduleId: string;
  date: CalendarDate;
  lines: InvoiceLineVerification[];
  billedTotal: Money;
  contractTotal: Money;
  /** The sum of the lines' overcharges. */
  overchargeTotal: Money;
}


/**
 * Checks every billed line against the contract price on the invoice date, at the pooled tier when
 * `tierQuantities` is given. Contract prices are ceilings: a line is overcharged by
 * `round(billed unit price × quantity) − contract extended` when that is positive (the contract
 * extended is computed exactly as `quote` computes it, flat fees included); a line billed below the
 * contract is allowed and noted. Invoice lines of one sku share one tier quantity (their sum, or
 * the pooled quantity), so a sku split over several lines is priced as one order.
 *
 * Findings: block `contract-not-in-force` when the invoice date is outside the contract's term and
 * exercised renewals; `invoice-overcharge` (block, citing Cal. Pub. Cont. Code § 20118: the district buys on
 * the terms available to the lead agency) for each overcharged line; `invoice-below-contract`
 * (info) for each line billed below the contract.
 *
 * @param context - The Pace context (its `rulesVersion` goes on the result).
 * @param input - The contract, the invoice and optional pooled tier quantities.
 * @returns Per line the billed and contract prices and the overcharge; `ok` when none is overcharged.
 * @throws PaceError with JSON paths: `invalid-input`, `invalid-quantity`, `invalid-money`,
 *   `invalid-date`, `no-price-in-force`, `unknown-sku`.
 * @example
 * ```ts
 * // contract: PAPER fixed at 4.25
 * const v = pace.verifyInvoice({ contract, invoice: { date: '2025-10-01',
 *   lines: [{ sku: 'PAPER', quantity: 10, unitPrice: '4.50' }] } });
 * v.ok;                     // => false
 * v.lines[0].overcharge;    // => '2.50'
 * v.overchargeTotal;        // => '2.50'
 * ```
 */
export function verifyInvoice(context: PricingContext, input: InvoiceVerificationInput): InvoiceVerification {
  const { input: request, contract, pricing } = parsePricingInput(InvoiceVerificationInputSchema, input, 'Invalid invoice check');
  const issues: CodedIssue[] = [];
  const date = request.invoice.date;
  const lines = toOrderLines(request.invoice.lines, '$.invoice.lines');
  const { own, tier: tierQuantity } = tierQuantitiesOf(lines, toTierQuantities(request.tierQuantities, '$.tierQuantities'), issues);
  if (issues.length > 0) throwIssues('Invalid invoice check', issues);
  const schedule = scheduleInForce(pricing, contract.id, date, '$.invoice.date');
  const items = resolveItems(schedule, lines, issues);
  if (issues.length > 0) throwIssues('Unknown sku', issues);
  const tables = pricingTables(context);
  const sameTerms = tables.citations.get('invoice-overcharge');

  const mode = schedule.rounding;
  const findings: Finding[] = [];
  const notInForce = contractNotInForce(contract, date, tables, 'invoice');
  if (notInForce !== undefined) findings.push(notInForce);
  const trace: TraceStep[] = [{ step: 'schedule', id: schedule.id, detail: { asOf: date, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: mode } }];
  let billedTotal: Cents = 0;
  let contractTotal: Cents = 0;
  let overchargeTotal: Cents = 0;
  const out = lines.map((line, i): InvoiceLineVerification => {
    const item = items[i]!;
    const q = line.quantity;
    const ownQuantity = own.get(line.sku)!;
    const pooledQuantity = tierQuantity.get(line.sku)!;
    // As in quote: the pooled tier prices the line unless its own quantity would cost less.
    let used: Qty = ownQuantity;
    let contractCents = amountCents(item, q, ownQuantity, mode);
    if (compareQty(pooledQuantity, ownQuantity) !== 0) {
      const pooledCents = amountCents(item, q, pooledQuantity, mode);
      if (pooledCents <= contractCents) {
        contractCents = pooledCents;
        used = pooledQuantity;
      }
    }
    const billed = preparePrice(line.unitPrice!);
    const billedCents = unitCents(billed, q, mode);
    const overcharge = billedCents > contractCents ? billedCents - contractCents : 0;
    billedTotal = addCents(billedTotal, billedCents);
    contractTotal = addCents(contractTotal, contractCents);
    overchargeTotal = addCents(overchargeTotal, overcharge);
    const rule = item.rule;
    let contractUnitPrice: string;
    let tier: InvoiceLineVerification['tier'];
    if (rule.kind === 'tiered') {
      const t = selectTier(rule.tiers, used);
      tier = { index: t.index, upTo: t.upToText, tierQuantity: qtyText(used) };
      contractUnitPrice = rule.mode === 'volume' ? t.unitPrice.text : graduatedAverageText(rule.tiers, used);
      trace.push({ step: 'tier', id: line.sku, detail: { line: i, mode: rule.mode, tierQuantity: tier.tierQuantity, index: t.index, upTo: t.upToText } });
    } else contractUnitPrice = rule.unitPrice.text;
    const data = { sku: line.sku, line: i, quantity: qtyText(q), billedUnitPrice: billed.text, contractUnitPrice, billedExtended: formatCents(billedCents), contractExtended: formatCents(contractCents) };
    if (overcharge > 0) {
      findings.push({
        code: 'invoice-overcharge',
        severity: 'block',
        message: `Line ${i + 1} (${line.sku}): billed ${formatCents(billedCents)} for ${qtyText(q)} at ${billed.text}, but the contract allows ${formatCents(contractCents)} (${contractUnitPrice} a unit); overcharge ${formatCents(overcharge)}. Pay the contract price.`,
        ...(sameTerms !== undefined ? { citation: sameTerms.citation } : {}),
        ruleId: 'pricing.invoice-within-contract',
        pack: sameTerms?.pack ?? PRICING_SOURCE,
        data: { ...data, overcharge: formatCents(overcharge) },
      });
    } else if (billedCents < contractCents) {
      findings.push({
        code: 'invoice-below-contract',
        severity: 'info',
        message: `Line ${i + 1} (${line.sku}): billed ${formatCents(billedCents)}, below the contract's ${formatCents(contractCents)}; contract prices are ceilings, so this is allowed.`,
        ruleId: 'pricing.invoice-within-contract',
        pack: PRICING_SOURCE,
        data,
      });
    }
    const result: InvoiceLineVerification = {
      sku: line.sku,
      quantity: qtyText(q),
      billedUnitPrice: billed.text,
      contractUnitPrice,
      billedExtended: formatCents(billedCents),
      contractExtended: formatCents(contractCents),
      overcharge: formatCents(overcharge),
      ok: overcharge === 0,
    };
    if (tier !== undefined) result.tier = tier;
    return result;
  });
  return {
    ok: overchargeTotal === 0,
    contractId: contract.id,
    priceScheduleId: schedule.id,
    date,
    lines: out,
    billedTotal: formatCents(billedTotal),
    contractTotal: formatCents(contractTotal),
    overchargeTotal: formatCents(overchargeTotal),
    findings,
    trace,
    rulesVersion: context.rulesVersion,
  };
}
