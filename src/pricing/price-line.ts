// The arithmetic of one line, shared by quote, quoteGroupBuy and verifyInvoice. Whole-cent integer
// fast paths where the result is provably exact (whole-cent prices, whole quantities, results in
// the safe-integer range); the exact Decimal path everywhere else. A property test checks that both
// paths agree.
import { Dec, ROUND_HALF_UP } from '../money/decimal.js';
import type { RoundingMode } from '../money/money.js';
import { checkedCents, decToCents, divideRounded, isTooLarge, type Cents } from './cents.js';
import type { PreparedItem, PreparedPrice, PreparedTier } from '../contracts/price-index.js';
import { compareQty, normaliseQty, qtyToDec, type Qty } from '../contracts/quantity.js';

/** The tier a tier-quantity falls in: the first whose inclusive bound is at or above it. @internal */
export function selectTier(tiers: readonly PreparedTier[], tierQuantity: Qty): PreparedTier {
  const last = tiers.length - 1;
  for (let i = 0; i < last; i++) {
    const tier = tiers[i]!;
    const upTo = tier.upTo!; // only the last tier is open
    if (typeof tierQuantity === 'number' && typeof upTo === 'number' ? tierQuantity <= upTo : compareQty(tierQuantity, upTo) <= 0) return tier;
  }
  return tiers[last]!;
}

function isZero(q: Qty): boolean {
  return typeof q === 'number' ? q === 0 : q.isZero();
}

/** `round(price × quantity)`. @internal */
export function unitCents(price: PreparedPrice, quantity: Qty, mode: RoundingMode): Cents {
  if (price.cents !== undefined && typeof quantity === 'number') {
    const exact = price.cents * quantity;
    if (Number.isSafeInteger(exact)) return exact;
  }
  return decToCents(price.dec.times(qtyToDec(quantity)), mode);
}

/**
 * Volume: every unit at the price of the tier the tier-quantity falls in, plus the tier's flat fee
 * shared by quantity: `round(unitPrice × q + flatFee × q / tierQuantity)`. Unpooled
 * (`tierQuantity = q`) that is `round(unitPrice × q + flatFee)`: the fee once per line.
 * @internal
 */
export function volumeCents(tier: PreparedTier, quantity: Qty, tierQuantity: Qty, mode: RoundingMode): Cents {
  const fee = tier.flatFee;
  if (fee === undefined || fee.dec.isZero()) return unitCents(tier.unitPrice, quantity, mode);
  if (isZero(quantity)) return 0;
  const price = tier.unitPrice;
  if (price.cents !== undefined && fee.cents !== undefined && typeof quantity === 'number' && typeof tierQuantity === 'number') {
    if (quantity === tierQuantity) {
      const exact = price.cents * quantity + fee.cents;
      if (Number.isSafeInteger(exact)) return exact;
    } else {
      const rounded = divideRounded((price.cents * tierQuantity + fee.cents) * quantity, tierQuantity, mode);
      if (rounded !== undefined) return rounded;
    }
  }
  const q = qtyToDec(quantity);
  const feeShare = compareQty(quantity, tierQuantity) === 0 ? fee.dec : fee.dec.times(q).dividedBy(qtyToDec(tierQuantity));
  return decToCents(price.dec.times(q).plus(feeShare), mode);
}

/** The exact graduated ladder total at a tier quantity, in whole cents when it is one. @internal */
function ladderCents(tier: PreparedTier, tierQuantity: Qty): number | undefined {
  if (tier.baseCents === undefined || tier.unitPrice.cents === undefined || typeof tierQuantity !== 'number' || typeof tier.lower !== 'number') return undefined;
  const total = tier.baseCents + tier.unitPrice.cents * (tierQuantity - tier.lower);
  return Number.isSafeInteger(total) ? total : undefined;
}

/** The exact graduated ladder total (every tier's units at its price, plus each reached tier's fee). @internal */
export function ladderTotal(tiers: readonly PreparedTier[], tierQuantity: Qty): Dec {
  if (isZero(tierQuantity)) return new Dec(0);
  const tier = selectTier(tiers, tierQuantity);
  return tier.base.plus(tier.unitPrice.dec.times(qtyToDec(tierQuantity).minus(qtyToDec(tier.lower))));
}

/**
 * Graduated: the ladder total at the tier quantity, shared by quantity:
 * `round(ladder(tierQuantity) × q / tierQuantity)`; unpooled that is `round(ladder(q))`.
 * @internal
 */
export function graduatedCents(tiers: readonly PreparedTier[], quantity: Qty, tierQuantity: Qty, mode: RoundingMode): Cents {
  if (isZero(tierQuantity) || isZero(quantity)) return 0;
  const whole = ladderCents(selectTier(tiers, tierQuantity), tierQuantity);
  if (whole !== undefined && typeof quantity === 'number' && typeof tierQuantity === 'number') {
    if (quantity === tierQuantity) return whole;
    const rounded = divideRounded(whole * quantity, tierQuantity, mode);
    if (rounded !== undefined) return rounded;
  }
  const ladder = ladderTotal(tiers, tierQuantity);
  return decToCents(compareQty(quantity, tierQuantity) === 0 ? ladder : ladder.times(qtyToDec(quantity)).dividedBy(qtyToDec(tierQuantity)), mode);
}

/** The extended amount of `quantity` units whose tier is chosen by `tierQuantity`. @internal */
export function amountCents(item: PreparedItem, quantity: Qty, tierQuantity: Qty, mode: RoundingMode): Cents {
  const rule = item.rule;
  switch (rule.kind) {
    case 'fixed':
    case 'discount':
      return unitCents(rule.unitPrice, quantity, mode);
    case 'tiered':
      return rule.mode === 'volume' ? volumeCents(selectTier(rule.tiers, tierQuantity), quantity, tierQuantity, mode) : graduatedCents(rule.tiers, quantity, tierQuantity, mode);
    default: {
      const never: never = rule;
      return never;
    }
  }
}

/** The graduated average unit price at a tier quantity, to at most six decimals. @internal */
export function graduatedAverageText(tiers: readonly PreparedTier[], tierQuantity: Qty): string {
  if (isZero(tierQuantity)) return tiers[0]!.unitPrice.text;
  const average = ladderTotal(tiers, tierQuantity).dividedBy(qtyToDec(tierQuantity)).toDecimalPlaces(6, ROUND_HALF_UP);
  return average.decimalPlaces() <= 2 ? average.toFixed(2) : average.toFixed();
}

/** A cheaper larger quantity found by {@link findVolumeCliff}. @internal */
export interface VolumeCliff {
  readonly quantity: Qty;
  readonly tierQuantity: Qty;
  readonly tier: PreparedTier;
  readonly cents: Cents;
}

/**
 * Under volume pricing, buying more can cost less. For each higher tier, the smallest whole
 * tier-quantity in it is `floor(bound) + 1` of the bound below; buying the difference more units
 * reaches it. Returns the cheapest such purchase when it costs less than `currentCents` (ties: the
 * smaller quantity), else `undefined`.
 * @internal
 */
export function findVolumeCliff(tiers: readonly PreparedTier[], quantity: Qty, tierQuantity: Qty, currentCents: Cents, mode: RoundingMode): VolumeCliff | undefined {
  const current = selectTier(tiers, tierQuantity);
  let best: VolumeCliff | undefined;
  for (let k = current.index; k < tiers.length - 1; k++) {
    const bound = tiers[k]!.upTo!;
    const next: Qty = typeof bound === 'number' ? bound + 1 : normaliseQty(bound.floor().plus(1));
    const extra: Qty = typeof next === 'number' && typeof tierQuantity === 'number' ? next - tierQuantity : normaliseQty(qtyToDec(next).minus(qtyToDec(tierQuantity)));
    const bigger: Qty = typeof extra === 'number' && typeof quantity === 'number' ? quantity + extra : normaliseQty(qtyToDec(quantity).plus(qtyToDec(extra)));
    const tier = selectTier(tiers, next);
    let cents: Cents;
    try {
      cents = volumeCents(tier, bigger, next, mode);
    } catch (e) {
      // Too large to price exactly, it costs more than any exact total: no cliff.
      if (isTooLarge(e)) continue;
      throw e;
    }
    if (cents < currentCents && (best === undefined || cents < best.cents)) best = { quantity: bigger, tierQuantity: next, tier, cents };
  }
  return best === undefined ? undefined : { ...best, cents: checkedCents(best.cents) };
}
