import type { CalendarDate } from '../dates/calendar-date.js';
import type { Member } from '../model/member.js';
import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import type { ChargeKind, Contract } from '../model/contract.js';
import { isNegativeText, type MoneyInput, type QuantityInput } from '../model/primitives.js';
import type { UnitPrice } from '../model/price-schedule.js';
import type { Money } from '../money/money.js';
import { addCents, formatCents, moneyCents, tooLargeAt } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { InvoiceVerificationInputSchema } from '../model/pricing-input.js';
import { pricingTables, type PricingContext } from './pricing-law.js';
import { contractNotInForce } from './contract-in-force.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { PreparedItem } from '../contracts/price-index.js';
import { addQty, type Qty } from '../contracts/quantity.js';
import { billedForCredits } from './invoice/billed-lots.js';
import { parsePricingInput, scheduleInForce, scheduleOn, tierQuantitiesOf, toQty, toTierQuantities, type OrderLine } from './read-pricing-input.js';
import type { OrderBasis, QuoteFee } from './order-charges.js';
import { citerOf, invoiceFinding } from './invoice/cite.js';
import { contractCents, contractUnitPrice, creditCents, priceInvoiceLines, type BilledForLine, type BilledLine, type InvoiceLineVerification } from './invoice/price-invoice-lines.js';
import { billedBefore, checkInvoiceExtras, type InvoiceAmounts, type InvoiceChargeVerification } from './invoice/check-invoice-extras.js';
import { indexOrder, isOrdered, overCreditFindings, poLineOf, quantityFindings, type CountedLine, type OrderIndex } from './invoice/match-quantities.js';

export type { InvoiceLineVerification } from './invoice/price-invoice-lines.js';
export type { InvoiceAmounts, InvoiceChargeVerification } from './invoice/check-invoice-extras.js';

/** One billed line; a negative quantity is a credit (a return) of a PO line. */
export interface InvoiceLineInput {
  sku: string;
  /** Units billed; negative for a credit (`-2`). */
  quantity: QuantityInput | number | string;
  /** The billed unit price: zero or more, up to six decimals (invoices may bill fractions of a cent). */
  unitPrice: UnitPrice;
  /** The PO line it bills: matched by this, else by sku. */
  lineId?: string;
  description?: string;
  meta?: Record<string, unknown>;
}

/** A vendor invoice. */
export interface InvoiceInput {
  /** The invoice date: the contract must be in force on it; without a PO, its schedule prices the lines. */
  date: CalendarDate;
  /** At least one line. */
  lines: readonly InvoiceLineInput[];
  id?: string;
  number?: string;
  purchaseOrderId?: string;
  /** Freight, installation, restocking, ...; negative for a credit. */
  charges?: readonly { kind: ChargeKind; amount: MoneyInput; description?: string }[];
  /** The e-waste fee (per covered device, may be grouped), any admin fee, and other fees (noted, not checked). */
  fees?: readonly { kind: 'ca-ewaste-recycling-fee' | 'admin-fee' | (string & {}); amount: MoneyInput; sku?: string; lineId?: string }[];
  /** The sales tax billed. */
  tax?: MoneyInput;
  /** The total billed. */
  total?: MoneyInput;
  meta?: Record<string, unknown>;
}

/** A PO or receipt line. */
export interface OrderedLineInput {
  sku: string;
  quantity: QuantityInput;
  lineId?: string;
  meta?: Record<string, unknown>;
}

/** The purchase order an invoice bills. */
export interface PurchaseOrderInput {
  id: string;
  /** The PO date: the schedule in force on it prices the invoice (unless the contract's `invoiceTerms.pricesAsOf` says `invoice-date`). */
  date: CalendarDate;
  lines: readonly OrderedLineInput[];
  /** Sales tax rate in percent (`"9.25"`), the rate the invoice's tax is checked at. */
  taxRate?: string;
  meta?: Record<string, unknown>;
}

/** A receiving record. */
export interface ReceiptInput {
  date: CalendarDate;
  id?: string;
  lines: readonly OrderedLineInput[];
  meta?: Record<string, unknown>;
}

/** The input of {@link Pace.verifyInvoice}. */
export interface InvoiceVerificationInput {
  contract: Contract | PreparedContract;
  invoice: InvoiceInput;
  /** The PO: prices come from its date's schedule at the tier of its quantities; quantities are checked against it. */
  purchaseOrder?: PurchaseOrderInput;
  /** What was received so far: billed quantities are checked against it. */
  receipts?: readonly ReceiptInput[];
  /** Earlier invoices against the same PO: their quantities (credits subtract) and charges count first. */
  previousInvoices?: readonly InvoiceInput[];
  /** Per sku, a pooled quantity that selects the tier (a group buy); at least the order's own quantity. */
  tierQuantities?: Readonly<Record<string, QuantityInput>>;
  /**
   * The buying member, as {@link Pace.quote} takes it: its `state` decides the e-waste fee (the
   * California fee is due on devices sold to a buyer in California; a Nevada district buying on the
   * contract owes none, and a fee billed to it is overcharged). Without it, California.
   */
  member?: Member;
}

/** The result of {@link Pace.verifyInvoice}. */
export interface InvoiceVerification extends DecisionBase {
  /** True when no finding blocks payment. */
  ok: boolean;
  contractId: string;
  /** The schedule that priced the lines (the one in force on the PO date, with a PO). */
  priceScheduleId: string;
  date: CalendarDate;
  lines: InvoiceLineVerification[];
  charges: InvoiceChargeVerification[];
  /** The fees the law adds to the billed lines (the e-waste fee per covered device; credits negative). */
  fees: QuoteFee[];
  /** What the contract allows for what was billed. */
  expected: InvoiceAmounts;
  /** What the invoice bills (`total`: as stated, else the sum of its parts). */
  billed: InvoiceAmounts;
  /** The same as `billed.subtotal`. @deprecated since `billed`. */
  billedTotal: Money;
  /** The same as `expected.subtotal`. @deprecated since `expected`. */
  contractTotal: Money;
  /** Every overcharge: lines, charges, fees, tax billed over the rate, and a total over its parts. */
  overchargeTotal: Money;
}

/** A whole quantity in the safe range, as text. */
const WHOLE = /^(?:0|[1-9]\d{0,14})$/;

/** An invoice's lines with their quantities signed; a credit notes whether it references a line of `order`. */
function readLines(invoice: { lines: readonly { sku: string; quantity: number | string; lineId?: string | undefined; unitPrice: number | string }[] }, order: OrderIndex | undefined): BilledLine[] {
  return invoice.lines.map((l) => {
    const text = String(l.quantity);
    // "-0" is zero: billed, not a credit.
    const negative = isNegativeText(text);
    const unsigned = text.charCodeAt(0) === 45 ? text.slice(1) : text;
    const line = { sku: l.sku, lineId: l.lineId, quantity: WHOLE.test(unsigned) ? Number(unsigned) : toQty(unsigned), sign: negative ? (-1 as const) : (1 as const), unitPrice: l.unitPrice };
    return negative ? { ...line, onOrder: order === undefined ? undefined : poLineOf(order, line) >= 0 || isOrdered(order, l.sku) } : line;
  });
}

const signed = (line: BilledLine): Qty => (line.sign > 0 ? line.quantity : typeof line.quantity === 'number' ? -line.quantity : line.quantity.negated());
const counted = (lines: readonly BilledLine[]): CountedLine[] => lines.map((l) => ({ sku: l.sku, lineId: l.lineId, quantity: signed(l) }));
const ordered = (lines: readonly { sku: string; quantity: number | string; lineId?: string | undefined }[]): CountedLine[] => lines.map((l) => ({ sku: l.sku, lineId: l.lineId, quantity: typeof l.quantity === 'string' && WHOLE.test(l.quantity) ? Number(l.quantity) : toQty(l.quantity) }));

/**
 * Whether the invoice is the one to pay against this PO: one that names another purchase order
 * (`purchaseOrderId`) was matched against the wrong order, and one that an earlier invoice of the
 * order already is (the same `number`, or the same `id`; empty ones are no number) would be paid
 * twice. Both block payment. A credit memo (every line a credit) is never paid, so it is no
 * duplicate, nor is an invoice the duplicate of one.
 */
function identityFindings(invoice: IdentifiedInvoice, po: { id: string } | undefined, earlier: readonly IdentifiedInvoice[]): Finding[] {
  const out: Finding[] = [];
  if (po !== undefined && invoice.purchaseOrderId !== undefined && invoice.purchaseOrderId.trim() !== '' && invoice.purchaseOrderId.trim() !== po.id.trim()) {
    out.push(invoiceFinding('invoice-po-mismatch', 'block', `The invoice bills purchase order ${JSON.stringify(invoice.purchaseOrderId)}, but it was matched against purchase order ${JSON.stringify(po.id)}: match it against the order it bills.`, { citation: `Purchase order ${po.id}`, pack: PRICING_SOURCE }, { invoicePurchaseOrderId: invoice.purchaseOrderId, purchaseOrderId: po.id }));
  }
  if (isCreditMemo(invoice)) return out;
  const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.trim() !== '' && a.trim() === b.trim();
  const k = earlier.findIndex((e) => !isCreditMemo(e) && (same(invoice.number, e.number) || same(invoice.id, e.id)));
  if (k >= 0) {
    const label = same(invoice.number, earlier[k]!.number) ? invoice.number! : invoice.id!;
    out.push(invoiceFinding('invoice-duplicate', 'block', `Invoice ${JSON.stringify(label)} is already among the order's earlier invoices (previousInvoices[${k}]): paid again, it would be paid twice.`, { citation: `Invoice ${label}, previousInvoices[${k}]`, pack: PRICING_SOURCE }, { previousInvoice: k }));
  }
  return out;
}

/** What identityFindings reads of an invoice. */
interface IdentifiedInvoice {
  number?: string | undefined;
  id?: string | undefined;
  purchaseOrderId?: string | undefined;
  lines: readonly { quantity: QuantityInput }[];
}

/** Whether every line of an invoice is a credit (a negative quantity): a credit memo. */
function isCreditMemo(invoice: IdentifiedInvoice): boolean {
  return invoice.lines.every((l) => isNegativeText(l.quantity));
}

/**
 * Matches a vendor invoice against the contract, and, when given, the purchase order, the receipts
 * and the earlier invoices of the same order (a four-way match), before accounts payable pays it.
 *
 * Prices: with a `purchaseOrder`, every line is priced from the schedule in force on the PO date
 * (an order is not repriced because it was invoiced after a price change; a contract's
 * `invoiceTerms.pricesAsOf: 'invoice-date'` says otherwise) at the tier of the PO's quantity of its
 * sku, pooled further by `tierQuantities`; without one, from the invoice date's schedule at the
 * invoice's own quantities. Contract prices are ceilings: a line billed over the contract by more
 * than `invoiceTerms.lineTolerance` is overcharged, one billed below it is allowed (info). A credit
 * refunds at most the contract price of its units, or what the order's invoices billed for them
 * when that was less (priced by invoice date with a PO: what they were billed for, each unit at most
 * the price of the day it was billed).
 *
 * Quantities: billed lines match PO lines by `lineId`, else by sku; cumulative with
 * `previousInvoices` (credits subtract), more than ordered or, with `receipts`, more than received
 * is a block finding. Charges are checked against the contract's `charges` terms, each kind's
 * allowance per order (computed on the PO, shared with earlier invoices; restocking on the goods
 * returned on the order, the credits of the contract's own supply kind); the e-waste fee is
 * recomputed per covered device; an admin fee may be billed only when the contract adds it to the
 * prices, its percent of the order, per order as a charge's allowance is (a credit of it is never an
 * overcharge); tax is recomputed at the PO's `taxRate` on the billed taxable base (more than a cent
 * off: a finding); the `total` must be the sum of its parts.
 *
 * Findings (each cited: the law pack's citation, else the contract's terms by number): block
 * `contract-not-in-force`, `invoice-sku-not-on-contract` (the rest is still verified),
 * `invoice-overcharge`, `invoice-quantity-exceeds-order`, `invoice-quantity-exceeds-receipt`,
 * `invoice-credit-not-on-order`, `invoice-charge-not-allowed`, `admin-fee-billed-to-member`,
 * `invoice-po-mismatch` (it names another PO), `invoice-duplicate` (an earlier invoice of the order
 * has its number or id);
 * `invoice-fee-mismatch`, `invoice-tax-mismatch` and `invoice-total-mismatch` (block when billed
 * over, warn when under); warn `invoice-credit-exceeds-billed` (with `previousInvoices`: credits
 * return more of a sku than the order's invoices billed); info `invoice-below-contract`, `invoice-within-tolerance`.
 *
 * @param context - The Pace context (its `rulesVersion` goes on the result; its packs give fees and citations).
 * @param input - The contract, the invoice, and optionally the PO, receipts, earlier invoices and pooled tier quantities.
 * @returns Per line the billed and contract prices and the overcharge; `expected` and `billed`
 *   side by side; `overchargeTotal`; `ok` when no finding blocks.
 * @throws PaceError with JSON paths: `invalid-input`, `invalid-quantity`, `invalid-money`,
 *   `invalid-date`, `no-price-in-force`.
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
  const tables = pricingTables(context);
  const cite = citerOf(tables, contract);
  const invoice = request.invoice;
  const po = request.purchaseOrder;
  const order: OrderIndex | undefined = po === undefined ? undefined : indexOrder(po.id, ordered(po.lines));
  const billed = readLines(invoice, order);
  // The quantity each sku's tier is chosen by: the PO's (skus it lacks: the invoice's own billed units).
  const base: OrderLine[] = order === undefined ? [] : order.lines.map((l, i) => ({ sku: l.sku, quantity: l.quantity, path: `$.purchaseOrder.lines[${i}]` }));
  billed.forEach((l, i) => {
    if (l.sign > 0 && (order === undefined || !isOrdered(order, l.sku))) base.push({ sku: l.sku, quantity: l.quantity, path: `$.invoice.lines[${i}]` });
  });
  // A credit of a sku nothing else orders or bills: its own quantity.
  billed.forEach((l, i) => {
    if (l.sign < 0 && !base.some((b) => b.sku === l.sku)) base.push({ sku: l.sku, quantity: l.quantity, path: `$.invoice.lines[${i}]` });
  });
  const issues: CodedIssue[] = [];
  const { own, tier } = tierQuantitiesOf(base, toTierQuantities(request.tierQuantities, '$.tierQuantities'), issues);
  if (issues.length > 0) throwIssues('Invalid invoice check', issues);
  const byOrderDate = po !== undefined && contract.invoiceTerms?.pricesAsOf !== 'invoice-date';
  const priceDate = byOrderDate ? po.date : invoice.date;
  const schedule = scheduleInForce(pricing, contract.id, priceDate, byOrderDate ? '$.purchaseOrder.date' : '$.invoice.date');

  const findings: Finding[] = [];
  for (const [date, what] of [[invoice.date, 'invoice'], ...(po !== undefined && po.date !== invoice.date ? [[po.date, 'purchase order']] : [])] as const) {
    const notInForce = contractNotInForce(contract, date, tables, what);
    if (notInForce !== undefined) findings.push(notInForce);
  }
  const trace: TraceStep[] = [{ step: 'schedule', id: schedule.id, detail: { asOf: priceDate, pricedBy: byOrderDate ? 'purchase-order-date' : 'invoice-date', effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: schedule.rounding } }];
  const tolerance = contract.invoiceTerms?.lineTolerance === undefined ? 0 : moneyCents(contract.invoiceTerms.lineTolerance);
  const earlier = request.previousInvoices ?? [];
  const earlierBilled = earlier.map((inv) => readLines(inv, undefined));
  // What the order's invoices (with a PO, the earlier ones too) billed for the units each credit
  // returns: a credit refunds what was billed for them when that was below the contract.
  // With a PO and prices as of each invoice's date, the order's earlier invoices were priced on
  // the schedules of their own dates: a unit is owed back at most the price of the day it was billed.
  const onTheirDates = po !== undefined && !byOrderDate;
  const earlierSchedules = earlier.map((inv) => (onTheirDates ? (scheduleOn(pricing, inv.date) ?? schedule) : schedule));
  const contractUnit = (sku: string, k: number) => {
    const item = (k < earlierSchedules.length ? earlierSchedules[k]! : schedule).items.get(sku);
    if (item === undefined) return undefined;
    const mine = own.get(sku) ?? 1;
    return contractUnitPrice(item, mine, tier.get(sku) ?? mine);
  };
  const credited = billedForCredits(order === undefined ? [billed] : [...earlierBilled, billed], (l) => poLineOf(order, l), contractUnit, onTheirDates);
  const billedFor = (credit: BilledLine): BilledForLine | undefined => credited.get(credit);
  // A credit of a sku this invoice's schedule dropped: the item the latest earlier invoice billed it as.
  const returnedItem = (sku: string): PreparedItem | undefined => {
    if (!onTheirDates) return undefined;
    for (let k = earlierBilled.length - 1; k >= 0; k--) {
      const item = earlierSchedules[k]!.items.get(sku);
      if (item !== undefined && earlierBilled[k]!.some((l) => l.sign > 0 && l.sku === sku)) return item;
    }
    return undefined;
  };
  const itemOf = (sku: string): PreparedItem | undefined => schedule.items.get(sku) ?? returnedItem(sku);
  const lines = priceInvoiceLines(schedule, billed, own, tier, tolerance, contract.supplyKind === 'goods', billedFor, cite, findings, trace, returnedItem);

  // Quantities, cumulative over the earlier invoices, against the PO and the receipts.
  findings.push(...identityFindings(invoice, po, earlier));
  const earlierLines = earlierBilled.flatMap(counted);
  const receipts = request.receipts === undefined ? undefined : request.receipts.flatMap((r) => ordered(r.lines));
  findings.push(
    ...quantityFindings(order, counted(billed), earlierLines, receipts, (code, poLine) => {
      const cited = code === 'invoice-quantity-exceeds-order' ? { citation: `Purchase order ${po!.id}${poLine?.lineId !== undefined ? `, line ${poLine.lineId}` : ''}`, pack: PRICING_SOURCE } : cite(code, 'prices');
      return { ...cited, ruleId: 'pricing.invoice-match' };
    }),
  );
  // Credits beyond what the order's invoices billed, when the caller gave those invoices.
  if (request.previousInvoices !== undefined) {
    findings.push(...overCreditFindings(counted(billed), earlierLines, (code) => ({ ...(po !== undefined ? { citation: `Purchase order ${po.id}`, pack: PRICING_SOURCE } : cite(code, 'prices')), ruleId: 'pricing.invoice-match' })));
  }

  // Charges, fees, tax and total. With a PO, a charge's allowance, and the admin fee's, is the
  // order's, shared with the earlier invoices.
  const before = order === undefined ? undefined : billedBefore(earlier);
  // Units, for per-unit charges: those of the contract's own supply kind (as a quote counts them).
  const countsAsUnit = (sku: string): boolean => itemOf(sku)?.supplyKind === contract.supplyKind;
  // The goods returned on the order, for a restocking charge: the credits of this invoice and, with a
  // PO, of the earlier ones, of the contract's own supply kind (a credited training hour puts nothing
  // back on a shelf), each valued as its line is: at the contract price of the order's tier, or
  // at what the order's invoices billed for the units when that was less.
  const returned = (): OrderBasis['returned'] => {
    if (!contract.charges?.some((t) => t.kind === 'restocking')) return undefined;
    let cents = 0;
    let units: Qty = 0;
    (order === undefined ? [billed] : [billed, ...earlierBilled]).forEach((inv, k) =>
      inv.forEach((l, i) => {
        if (l.sign > 0 || !countsAsUnit(l.sku)) return;
        const ownQuantity = own.get(l.sku) ?? l.quantity;
        try {
          cents = addCents(cents, creditCents(itemOf(l.sku)!, l, ownQuantity, tier.get(l.sku) ?? ownQuantity, schedule.rounding, billedFor(l)).cents);
        } catch (e) {
          throw tooLargeAt(e, `${k === 0 ? '$.invoice' : `$.previousInvoices[${k - 1}]`}.lines[${i}].quantity`);
        }
        units = addQty(units, l.quantity);
      }),
    );
    return { cents, units };
  };
  const basis = (): OrderBasis => {
    if (order === undefined) {
      let units: Qty = 0;
      for (const l of billed) if (l.sign > 0 && countsAsUnit(l.sku)) units = addQty(units, l.quantity);
      return { subtotalCents: lines.expectedCents, units, returned: returned() };
    }
    let subtotalCents = 0;
    let units: Qty = 0;
    order.lines.forEach((l, i) => {
      if (countsAsUnit(l.sku)) units = addQty(units, l.quantity);
      const item = schedule.items.get(l.sku);
      try {
        if (item !== undefined) subtotalCents = addCents(subtotalCents, contractCents(item, l.quantity, own.get(l.sku)!, tier.get(l.sku)!, schedule.rounding).cents);
      } catch (e) {
        throw tooLargeAt(e, `$.purchaseOrder.lines[${i}].quantity`);
      }
    });
    return { subtotalCents, units, returned: returned() };
  };
  let extras: ReturnType<typeof checkInvoiceExtras>;
  try {
    extras = checkInvoiceExtras(tables, contract, invoice, lines, basis, before, po?.taxRate, request.member?.state ?? 'CA', cite, findings);
  } catch (e) {
    // The invoice's charges, fees, tax or totals out of range (a line's own amount is named by its quantity).
    throw tooLargeAt(e, '$.invoice');
  }
  trace.push({ step: 'match', id: invoice.id ?? invoice.number ?? 'invoice', detail: { purchaseOrder: po?.id ?? null, receipts: request.receipts?.length ?? 0, previousInvoices: earlier.length, expected: extras.expected, billed: extras.billed } });
  return {
    ok: !findings.some((f) => f.severity === 'block'),
    contractId: contract.id,
    priceScheduleId: schedule.id,
    date: invoice.date,
    lines: lines.lines,
    charges: extras.charges,
    fees: extras.fees,
    expected: extras.expected,
    billed: extras.billed,
    billedTotal: extras.billed.subtotal,
    contractTotal: extras.expected.subtotal,
    overchargeTotal: formatCents(extras.overchargeCents),
    findings,
    trace,
    rulesVersion: context.rulesVersion,
  };
}
