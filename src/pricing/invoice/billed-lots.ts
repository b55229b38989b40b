// What an order's invoices billed for the units a credit returns: the units the district still
// holds, in lots by the price each invoice line billed them at, after the earlier credits took theirs.
import { Dec } from '../../money/decimal.js';
import { QUANTITY_DECIMALS, qtyToDec } from '../../contracts/quantity.js';
import type { BilledForLine, BilledLine } from './price-invoice-lines.js';

/** The lots a credit takes from, in turn: its own PO line's, then the rest (a credit naming no PO line takes from every lot at once). */
const OWN_LINE = 0;
const REST = 1;

/** Units billed on one debit line and not yet returned. */
interface Lot {
  /** The PO line the debit named (-1: none, matched by sku). */
  readonly at: number;
  /** What a unit is owed at: the billed price, at most the contract's. */
  readonly price: Dec;
  /** The billed unit price (a credit at it returns these units first). */
  readonly billed: Dec;
  units: Dec;
  /** Units of it that credits naming no PO line took, which a like lot (same prices) could have given as well. */
  floating: Dec;
}

/** Lots that name no PO line before those that name one (a stable sort keeps the rest's order). */
const noLineFirst = (a: Lot, b: Lot): number => Number(a.at >= 0) - Number(b.at >= 0);

/**
 * Gives `lot` back up to `want` of the units that credits naming no line took of it, taking them
 * from like lots still held instead (the same billed and owed price: lots naming no line first):
 * those credits are owed the same, and a later credit naming the lot's line returns its line's
 * units. (Before, a memo crediting 5 at 10.00 with no line, then one crediting 5 at 10.00 on line
 * 2, which had billed 5 at 10.00 and 5 at 12.00 beside line 3's 5 at 10.00, held the second to
 * 12.00: 10.00 short, or nothing with the memos the other way round.)
 */
function reclaim(list: readonly Lot[], lot: Lot, want: Dec): void {
  for (const like of [...list].sort(noLineFirst)) {
    if (want.isZero() || lot.floating.isZero()) return;
    if (like === lot || like.at === lot.at || like.units.isZero() || !like.billed.eq(lot.billed) || !like.price.eq(lot.price)) continue;
    const units = Dec.min(want, lot.floating, like.units);
    like.units = like.units.minus(units);
    like.floating = like.floating.plus(units);
    lot.floating = lot.floating.minus(units);
    lot.units = lot.units.plus(units);
    want = want.minus(units);
  }
}

/**
 * For each credit line of `invoices` (in order; within an invoice its debits first, then its
 * credits), what the units it returns were billed for, each unit at most its contract price
 * (`contractUnit`: a unit billed over it was blocked as overcharged, and the district owes only the
 * contract price): units of its own PO line's lots before the others of the sku (when it names a
 * line: lots that name no line, and other lines' lots, which a credit naming a line nothing billed
 * returns; a credit naming no line takes from every lot, after the credits naming a line took
 * their own line's), and among them units billed at the credit's own unit price first (the credit
 * names what they cost: a reversal, or the return of a shipment billed at a promotional price;
 * every credit of an invoice takes its own price's units before any takes others), then the units
 * held at the lowest prices, the credits at the lowest prices taking first, at one price the
 * smaller first (at one price, lots that name no line first), whatever the order of the memo's
 * lines. Each credit is so owed the least its units can be, given what the credits before it took;
 * not always the least in all: a credit's shortfall is not made up by another's surplus (two
 * credits of 2 units at 10.00 returning units held at 8.00, 9.00, 12.00 and 12.00 are valued 17.00
 * and 24.00, 4.00 short, where paired as 20.00 and 21.00 they would be 1.00 short).
 * `contractUnit(sku, k)` is the contract's price of a unit on invoice k (`onTheirDates`:
 * each invoice priced on its own date's schedule, so a unit is owed at most the price of the day it
 * was billed). The next credit finds the units gone: a reversal and a rebill at another price leave
 * the rebilled units to a later return. Credits of units never billed are not in the map for those
 * units: {@link creditCents} values them at the contract price. Exact: no amount here is rounded, so
 * nothing here is refused as too large to price.
 * @internal
 */
export function billedForCredits(invoices: readonly (readonly BilledLine[])[], poLineOf: (line: BilledLine) => number, contractUnit: (sku: string, invoice: number) => Dec | undefined, onTheirDates = false): Map<BilledLine, BilledForLine> {
  const taken = new Map<BilledLine, { value: Dec; need: Dec }>();
  // (most invoices credit nothing: then no lot is made)
  if (!invoices.some((lines) => lines.some((line) => line.sign < 0))) return new Map();
  const lots = new Map<string, Lot[]>();
  for (let k = 0; k < invoices.length; k++) {
    const lines = invoices[k]!;
    for (const line of lines) {
      const cap = line.sign > 0 ? contractUnit(line.sku, k) : undefined;
      if (cap === undefined) continue;
      const units = qtyToDec(line.quantity);
      if (units.isZero()) continue;
      let list = lots.get(line.sku);
      if (!list) lots.set(line.sku, (list = []));
      const price = new Dec(String(line.unitPrice));
      list.push({ at: poLineOf(line), price: price.gt(cap) ? cap : price, billed: price, units, floating: new Dec(0) });
    }
    // (a credit of a sku its own schedule lacks still returns units billed when one had it)
    const credits = lines.filter((line) => line.sign < 0 && (lots.has(line.sku) || contractUnit(line.sku, k) !== undefined));
    // The credit's own PO line's lots, then the others of the sku (a credit naming a line nothing
    // billed returns units the order holds; a credit naming no line takes from every lot, once
    // the credits naming a line took their own line's); in each, every credit's own price first,
    // then the lowest prices held, the credits at the lowest prices first, and at one price lots
    // that name no line first. The credits go in an order of their own, not the memo's: by price,
    // at one price the smaller first.
    const terms = credits.map((line) => ({ line, at: poLineOf(line), price: new Dec(String(line.unitPrice)), units: qtyToDec(line.quantity) }));
    for (const { line, units } of terms) taken.set(line, { value: new Dec(0), need: units });
    terms.sort((a, b) => a.price.comparedTo(b.price) || a.units.comparedTo(b.units));
    for (const pass of [OWN_LINE, REST]) {
      for (const samePrice of [true, false]) {
        for (const { line, at, price } of terms) {
          const state = taken.get(line)!;
          if (state.need.isZero() || (pass === OWN_LINE && at < 0)) continue;
          const list = lots.get(line.sku) ?? [];
          const held = list.filter((lot) => (lot.units.gt(0) || (at >= 0 && lot.floating.gt(0))) && (pass === OWN_LINE ? lot.at === at : at < 0 || lot.at !== at) && (!samePrice || lot.billed.eq(price)));
          held.sort((a, b) => (samePrice ? 0 : a.price.comparedTo(b.price)) || noLineFirst(a, b));
          for (const lot of held) {
            if (state.need.isZero()) break;
            if (at >= 0 && lot.units.lt(state.need) && lot.floating.gt(0)) reclaim(list, lot, state.need.minus(lot.units));
            const units = Dec.min(state.need, lot.units);
            if (units.isZero()) continue;
            state.value = state.value.plus(lot.price.times(units));
            lot.units = lot.units.minus(units);
            if (at < 0) lot.floating = lot.floating.plus(units);
            state.need = state.need.minus(units);
          }
        }
      }
    }
  }
  const out = new Map<BilledLine, BilledForLine>();
  for (const [line, { value, need }] of taken) {
    const covered = qtyToDec(line.quantity).minus(need).toDecimalPlaces(QUANTITY_DECIMALS);
    if (covered.gt(0)) out.set(line, onTheirDates ? { exact: value, quantity: covered, onTheirDates } : { exact: value, quantity: covered });
  }
  return out;
}
