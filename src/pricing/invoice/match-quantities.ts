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

/** An ordered line of the purchase order. @internal */
export interface OrderedLine {
  readonly sku: string;
  readonly lineId?: string | undefined;
  readonly quantity: Qty;
}

/** Quantities by sku and by PO line (`#` + its position). */
type Tally = Map<string, Qty>;

function add(tally: Tally, key: string, q: Qty): void {
  const before = tally.get(key);
  tally.set(key, before === undefined ? q : addQty(before, q));
}

/** The PO line a line names by `lineId` (same sku), as its tally key, else `undefined` (matched by sku). @internal */
export function poLineKey(byLineId: ReadonlyMap<string, number>, ordered: readonly OrderedLine[], line: { readonly sku: string; readonly lineId?: string | undefined }): string | undefined {
  if (line.lineId === undefined) return undefined;
  const at = byLineId.get(line.lineId);
  return at !== undefined && ordered[at]!.sku === line.sku ? `#${at}` : undefined;
}

/** Tallies lines by sku and by the PO line they name. */
function tally(lines: Iterable<CountedLine>, byLineId: ReadonlyMap<string, number>, ordered: readonly OrderedLine[]): Tally {
  const out: Tally = new Map();
  for (const line of lines) {
    add(out, line.sku, line.quantity);
    const key = poLineKey(byLineId, ordered, line);
    if (key !== undefined) add(out, key, line.quantity);
  }
  return out;
}

/** The purchase order's lines indexed for matching. @internal */
export interface OrderIndex {
  readonly id: string;
  readonly lines: readonly OrderedLine[];
  readonly byLineId: ReadonlyMap<string, number>;
  /** Ordered quantity by sku and by `#` + PO line position. */
  readonly ordered: Tally;
}

/** Indexes a purchase order's lines. @internal */
export function indexOrder(id: string, lines: readonly OrderedLine[]): OrderIndex {
  const byLineId = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.lineId !== undefined && !byLineId.has(l.lineId)) byLineId.set(l.lineId, i);
  });
  return { id, lines, byLineId, ordered: tally(lines, byLineId, lines) };
}

/**
 * Findings for the current invoice's billed quantities: cumulative with the earlier invoices
 * (credits subtract), over what was ordered (`invoice-quantity-exceeds-order`, block) and, when
 * receipts are given, over what was received (`invoice-quantity-exceeds-receipt`, block). One
 * finding per sku, or per PO line when the sku as a whole is within bounds but a line named by
 * lineId is not. `cite` gives each code's citation and pack.
 * @internal
 */
export function quantityFindings(
  order: OrderIndex | undefined,
  current: readonly CountedLine[],
  earlier: readonly CountedLine[],
  receipts: readonly CountedLine[] | undefined,
  cite: (code: string, poLine: OrderedLine | undefined) => { citation: string; pack: string; ruleId: string },
): Finding[] {
  const byLineId = order?.byLineId ?? new Map<string, number>();
  const orderedLines = order?.lines ?? [];
  // Only the skus and PO lines this invoice bills more of can have been pushed over.
  const touched = new Set<string>();
  for (const line of current) {
    if (compareQty(line.quantity, 0) <= 0) continue;
    touched.add(line.sku);
    const key = poLineKey(byLineId, orderedLines, line);
    if (key !== undefined) touched.add(key);
  }
  if (touched.size === 0) return [];
  const billed = tally([...earlier, ...current], byLineId, orderedLines);
  const previously = earlier.length === 0 ? undefined : tally(earlier, byLineId, orderedLines);
  const received = receipts === undefined ? undefined : tally(receipts, byLineId, orderedLines);
  const findings: Finding[] = [];
  const check = (code: string, limits: Tally, field: 'ordered' | 'received', advice: string): void => {
    const over = new Set<string>();
    for (const key of touched) {
      const sku = key.startsWith('#') ? orderedLines[Number(key.slice(1))]!.sku : key;
      // A line is checked on its own only where the limits name it (receipts may count by sku alone),
      // and not again when its sku as a whole is reported.
      if (key.startsWith('#') && (over.has(sku) || !limits.has(key))) continue;
      const limit = limits.get(key) ?? 0;
      const total = billed.get(key)!;
      if (compareQty(total, limit) <= 0) continue;
      over.add(sku);
      const poLine = key.startsWith('#') ? orderedLines[Number(key.slice(1))] : undefined;
      const before = previously?.get(key) ?? 0;
      const label = poLine !== undefined ? `PO line ${poLine.lineId} (${sku})` : sku;
      const { citation, pack, ruleId } = cite(code, poLine);
      findings.push({
        code,
        severity: 'block',
        message: `${label}: ${qtyText(total)} billed${earlier.length > 0 ? ` with the earlier invoices (${qtyText(before)} before this one)` : ''}, ${qtyText(limit)} ${field}; ${advice}.`,
        citation,
        ruleId,
        pack,
        data: { sku, ...(poLine !== undefined ? { lineId: poLine.lineId } : {}), billed: qtyText(total), previouslyBilled: qtyText(before), [field]: qtyText(limit) },
      });
    }
  };
  if (order !== undefined) check('invoice-quantity-exceeds-order', order.ordered, 'ordered', `the excess is not on PO ${order.id}`);
  if (received !== undefined) check('invoice-quantity-exceeds-receipt', received, 'received', 'pay for what was received');
  return findings;
}
