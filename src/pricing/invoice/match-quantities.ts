// The quantity side of the match: what the invoices of an order billed so far (credits count
// negative), against what the purchase order ordered and the receipts received, by sku and, where
// a line names a PO line's lineId, by that line.
import type { Finding } from '../../decision.js';
import { addQty, compareQty, qtyText, type Qty } from '../../contracts/quantity.js';

/** A billed or received line: its sku, PO line (when matched by lineId) and signed quantity. @internal */
export interface CountedLine {
  readonly sku: string;
  readonly lineId?: string | undefined;
  /** Negative for a credit. (Signed sums of `Qty` stay exact: whole numbers, else Decimals.) */
  readonly quantity: Qty;
}

/** Quantities by sku, and by PO line (its position) for lines that name one. */
interface Tally {
  readonly bySku: Map<string, Qty>;
  readonly byLine: (Qty | undefined)[];
}

/** The purchase order's lines indexed for matching. @internal */
export interface OrderIndex {
  readonly id: string;
  readonly lines: readonly CountedLine[];
  readonly byLineId: ReadonlyMap<string, number>;
  /** Ordered quantity by sku and by PO line. */
  readonly ordered: Tally;
}

/** The position of the PO line a line names by `lineId` (with the same sku), else -1 (matched by sku). @internal */
export function poLineOf(order: Pick<OrderIndex, 'byLineId' | 'lines'> | undefined, line: { readonly sku: string; readonly lineId?: string | undefined }): number {
  if (order === undefined || line.lineId === undefined) return -1;
  const at = order.byLineId.get(line.lineId);
  return at !== undefined && order.lines[at]!.sku === line.sku ? at : -1;
}

function tally(lines: Iterable<CountedLine>, order: Pick<OrderIndex, 'byLineId' | 'lines'> | undefined): Tally {
  const bySku = new Map<string, Qty>();
  const byLine: (Qty | undefined)[] = [];
  for (const line of lines) {
    const before = bySku.get(line.sku);
    bySku.set(line.sku, before === undefined ? line.quantity : addQty(before, line.quantity));
    const at = poLineOf(order, line);
    if (at >= 0) byLine[at] = byLine[at] === undefined ? line.quantity : addQty(byLine[at]!, line.quantity);
  }
  return { bySku, byLine };
}

/** Indexes a purchase order's lines. @internal */
export function indexOrder(id: string, lines: readonly CountedLine[]): OrderIndex {
  const byLineId = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.lineId !== undefined && !byLineId.has(l.lineId)) byLineId.set(l.lineId, i);
  });
  return { id, lines, byLineId, ordered: tally(lines, { byLineId, lines }) };
}

/** Is a sku on the order? @internal */
export function isOrdered(order: OrderIndex, sku: string): boolean {
  return order.ordered.bySku.has(sku);
}

/**
 * Findings for the current invoice's billed quantities: cumulative with the earlier invoices
 * (credits subtract), over what was ordered (`invoice-quantity-exceeds-order`, block) and, when
 * receipts are given, over what was received (`invoice-quantity-exceeds-receipt`, block). One
 * finding per sku, or per PO line when the sku as a whole is within bounds but a line named by
 * lineId is not (where the limits count by line: receipts may count by sku alone). `cite` gives
 * each code's citation and pack.
 * @internal
 */
export function quantityFindings(
  order: OrderIndex | undefined,
  current: readonly CountedLine[],
  earlier: readonly CountedLine[],
  receipts: readonly CountedLine[] | undefined,
  cite: (code: string, poLine: CountedLine | undefined) => { citation: string; pack: string; ruleId: string },
): Finding[] {
  // Only the skus and PO lines this invoice bills more of can have been pushed over.
  const skus = new Set<string>();
  const poLines = new Set<number>();
  for (const line of current) {
    if (compareQty(line.quantity, 0) <= 0) continue;
    skus.add(line.sku);
    const at = poLineOf(order, line);
    if (at >= 0) poLines.add(at);
  }
  if (skus.size === 0) return [];
  const billed = tally(earlier.length === 0 ? current : [...earlier, ...current], order);
  const previously = earlier.length === 0 ? undefined : tally(earlier, order);
  const findings: Finding[] = [];
  const check = (code: string, limits: Tally, field: 'ordered' | 'received', advice: string): void => {
    const over = new Set<string>();
    const report = (sku: string, total: Qty, limit: Qty, before: Qty, poLine: CountedLine | undefined): void => {
      const { citation, pack, ruleId } = cite(code, poLine);
      findings.push({
        code,
        severity: 'block',
        message: `${poLine !== undefined ? `PO line ${poLine.lineId} (${sku})` : sku}: ${qtyText(total)} billed${earlier.length > 0 ? ` with the earlier invoices (${qtyText(before)} before this one)` : ''}, ${qtyText(limit)} ${field}; ${advice}.`,
        citation,
        ruleId,
        pack,
        data: { sku, ...(poLine !== undefined ? { lineId: poLine.lineId } : {}), billed: qtyText(total), previouslyBilled: qtyText(before), [field]: qtyText(limit) },
      });
    };
    for (const sku of skus) {
      const total = billed.bySku.get(sku)!;
      const limit = limits.bySku.get(sku) ?? 0;
      if (compareQty(total, limit) <= 0) continue;
      over.add(sku);
      report(sku, total, limit, previously?.bySku.get(sku) ?? 0, undefined);
    }
    for (const at of poLines) {
      const poLine = order!.lines[at]!;
      const limit = limits.byLine[at];
      const total = billed.byLine[at]!;
      if (over.has(poLine.sku) || limit === undefined || compareQty(total, limit) <= 0) continue;
      report(poLine.sku, total, limit, previously?.byLine[at] ?? 0, poLine);
    }
  };
  if (order !== undefined) check('invoice-quantity-exceeds-order', order.ordered, 'ordered', `the excess is not on PO ${order.id}`);
  if (receipts !== undefined) check('invoice-quantity-exceeds-receipt', tally(receipts, order), 'received', 'pay for what was received');
  return findings;
}

/**
 * Findings for credits that return more of a sku than the order's invoices billed (warn
 * `invoice-credit-exceeds-billed`): the billed quantity, cumulative over `earlier` with credits
 * subtracting, falls below zero with this invoice's credits. Only when the caller gave the order's
 * earlier invoices (its history): without them a credit's units were billed on invoices not shown.
 * By sku: a debit billed without a lineId counts for the sku, not for any PO line.
 * @internal
 */
export function overCreditFindings(current: readonly CountedLine[], earlier: readonly CountedLine[], cite: (code: string) => { citation: string; pack: string; ruleId: string }): Finding[] {
  const skus = new Set<string>();
  for (const line of current) if (compareQty(line.quantity, 0) < 0) skus.add(line.sku);
  if (skus.size === 0) return [];
  const before = tally(earlier, undefined).bySku;
  const after = tally([...earlier, ...current], undefined).bySku;
  const findings: Finding[] = [];
  for (const sku of skus) {
    const net = after.get(sku)!;
    if (compareQty(net, 0) >= 0) continue;
    const billed = before.get(sku) ?? 0;
    const { citation, pack, ruleId } = cite('invoice-credit-exceeds-billed');
    const beyond = qtyText(typeof net === 'number' ? -net : net.negated());
    findings.push({
      code: 'invoice-credit-exceeds-billed',
      severity: 'warn',
      message: `${sku}: the credits return ${beyond} more than the order's invoices billed (${qtyText(billed)} billed net before this invoice, ${qtyText(net)} with it); a credit returns billed units. Not an overcharge (the extra units are refunded at the contract price), but the vendor will likely reverse it: check the return authorization and the earlier invoices.`,
      citation,
      ruleId,
      pack,
      data: { sku, previouslyBilled: qtyText(billed), billed: qtyText(net), creditedBeyondBilled: beyond },
    });
  }
  return findings;
}
