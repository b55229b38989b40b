// What an order's invoices billed for the units a credit returns: the units the district still
// holds, in lots by the price each invoice line billed them at, after the earlier credits took theirs.
import { Dec } from '../../money/decimal.js';
import { QUANTITY_DECIMALS, qtyToDec } from '../../contracts/quantity.js';
import type { BilledForLine, BilledLine } from './price-invoice-lines.js';

/** Units billed on one debit line and not yet returned. */
interface Lot {
  /** The PO line the debit named (-1: none, matched by sku). */
  readonly at: number;
  readonly price: Dec;
  units: Dec;
}

/**
 * For each credit line of `invoices` (in order; within an invoice its debits first, then its
 * credits), what the units it returns were billed for: units of a lot billed at the credit's own
 * unit price first (the credit names what they cost: a reversal, or the return of a shipment billed
 * at a promotional price), the rest at the average of the units still held. A credit takes its units
 * from the lots of its sku, of its own PO line when it names one (lots that name none are any
 * line's), and the next credit finds them gone: a credit memo reversing an invoice and a rebill at
 * another price leave the rebilled units to a later return. Credits of units never billed (more
 * than were, or a sku the order's invoices did not bill) are not in the map for those units:
 * {@link creditCents} values them at the contract price. Exact: no amount here is rounded, so
 * nothing here is refused as too large to price.
 * @internal
 */
export function billedForCredits(invoices: readonly (readonly BilledLine[])[], poLineOf: (line: BilledLine) => number, onContract: (sku: string) => boolean): Map<BilledLine, BilledForLine> {
  const lots = new Map<string, Lot[]>();
  const out = new Map<BilledLine, BilledForLine>();
  for (const lines of invoices) {
    for (const line of lines) {
      if (line.sign < 0 || !onContract(line.sku)) continue;
      const units = qtyToDec(line.quantity);
      if (units.isZero()) continue;
      let list = lots.get(line.sku);
      if (!list) lots.set(line.sku, (list = []));
      list.push({ at: poLineOf(line), price: new Dec(String(line.unitPrice)), units });
    }
    for (const line of lines) {
      if (line.sign > 0 || !onContract(line.sku)) continue;
      const at = poLineOf(line);
      const held = (lots.get(line.sku) ?? []).filter((lot) => lot.units.gt(0) && (at < 0 || lot.at < 0 || lot.at === at));
      const price = new Dec(String(line.unitPrice));
      const returned = qtyToDec(line.quantity);
      let need = returned;
      let value = new Dec(0);
      for (const lot of held) {
        if (need.isZero()) break;
        if (!lot.price.eq(price)) continue;
        const taken = Dec.min(need, lot.units);
        value = value.plus(lot.price.times(taken));
        lot.units = lot.units.minus(taken);
        need = need.minus(taken);
      }
      if (need.gt(0)) {
        let units = new Dec(0);
        let worth = new Dec(0);
        for (const lot of held) {
          units = units.plus(lot.units);
          worth = worth.plus(lot.price.times(lot.units));
        }
        if (units.gt(0)) {
          const taken = Dec.min(need, units);
          value = value.plus(worth.times(taken).dividedBy(units));
          const left = units.minus(taken).dividedBy(units);
          for (const lot of held) lot.units = lot.units.times(left);
          need = need.minus(taken);
        }
      }
      const covered = returned.minus(need).toDecimalPlaces(QUANTITY_DECIMALS);
      if (covered.gt(0)) out.set(line, { exact: value, quantity: covered });
    }
  }
  return out;
}
