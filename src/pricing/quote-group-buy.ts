import type { CalendarDate } from '../dates/calendar-date.js';
import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import { ChargeKindSchema, type ChargeKind, type Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { MoneyInput } from '../model/primitives.js';
import { allocate } from '../money/allocate.js';
import { formatMoney, type Money } from '../money/money.js';
import { Dec } from '../money/decimal.js';
import { GroupBuyInputSchema } from '../model/pricing-input.js';
import { addCents, formatCents, moneyCents, tooLargeAt, type Cents } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { PreparedItem } from '../contracts/price-index.js';
import { addQty, qtyText, type Qty } from '../contracts/quantity.js';
import { completeQuote, priceOrder, type Quote, type QuoteCharge, type QuoteLineInput } from './quote.js';
import { computeCharges, taxOf } from './order-charges.js';
import { parsePricingInput, resolveItems, scheduleInForce, tierQuantitiesOf, toOrderLines, type OrderLine } from './read-pricing-input.js';
import { pricingTables, type PricingContext } from './pricing-law.js';
import { contractNotInForce } from './contract-in-force.js';

/** Shared-cost kinds that are the cooperative's administrative fee. */
const ADMIN_FEE_KINDS: ReadonlySet<string> = new Set(['admin-fee', 'cooperative-admin-fee']);

const CHARGE_KINDS: readonly string[] = ChargeKindSchema.options;

/** One member's order in a group buy. */
export interface GroupBuyOrderInput {
  memberId: string;
  /** At least one line; a sku may be on several lines (its total selects the member's own tier). */
  lines: readonly QuoteLineInput[];
  /**
   * The buying member, as {@link Pace.quote} takes it; its `id` must be `memberId`. Its `state`
   * decides the e-waste fee (none outside the fee's state); without it the member is taken to be
   * in California, as before.
   */
  member?: Member;
  /**
   * The member's own sales tax rate in percent (`"9.25"`, its ship-to rate): its quote, its solo
   * total and the tax on its shares of shared costs use it. Default: the group's `taxRate`.
   */
  taxRate?: string;
  meta?: Record<string, unknown>;
}

/** A cost of the whole group buy (freight, setup, an admin fee) to split among the members. */
export interface SharedCostInput {
  /**
   * What it is, e.g. `"freight"`. A charge kind (`freight`, `installation`, `fuel-surcharge`,
   * `restocking`, `other`) is checked against the contract's charge terms on the pooled order; any
   * other kind is not (an info finding `shared-cost-not-checked` says so).
   */
  kind: string;
  /** Zero or more. */
  amount: MoneyInput;
  /**
   * Split by each member's quantity (its units of the contract's own supply kind, as a `per-unit`
   * charge counts them: a device contract's training hours do not ship), by its subtotal, or equally.
   */
  basis: 'quantity' | 'amount' | 'equal';
}

/** The input of {@link Pace.quoteGroupBuy}. */
export interface GroupBuyInput {
  contract: Contract | PreparedContract;
  asOf: CalendarDate;
  /** At least one order; one order per member (a second order of the same member is refused). */
  orders: readonly GroupBuyOrderInput[];
  sharedCosts?: readonly SharedCostInput[];
  /** The sales tax rate in percent, applied to every member's quote that gives no `taxRate` of its own; none: no tax. */
  taxRate?: string;
}

/** A member's part of a group buy. */
export interface GroupBuyMember {
  memberId: string;
  /** The member's own quote, its tiers chosen by the pooled quantities. */
  quote: Quote;
  /** The member's share of each shared cost, in the order the costs were given. */
  sharedCosts: { kind: string; amount: Money }[];
  /** `quote.subtotal`. */
  subtotal: Money;
  /**
   * The sales tax on the member's shares of taxable shared costs (a charge kind the contract's
   * term or the law pack makes taxable, or one neither says is not: as a quote taxes a charge), at
   * the member's tax rate: the member's order taxed once with its shares, less `quote.tax`. Absent
   * when no share is taxed.
   */
  sharedCostsTax?: Money;
  /** The member's quote total (subtotal, fees and tax) plus its shared costs (and `sharedCostsTax`). */
  total: Money;
  /** What the same lines cost at the member's own quantities (no pooling). */
  soloSubtotal: Money;
  /** The member's total had its units not been pooled: `soloSubtotal` with the same fees, tax rate and shared costs (its own `pace.quote` total plus its shares). */
  soloTotal: Money;
  /** `soloTotal − total`: what pooling saved the member; never negative. */
  savingsVsSolo: Money;
}

/**
 * A shared cost of a charge kind, checked against the contract's charge terms on the pooled order,
 * as a quote checks its charges (`allowed`, `maxAllowed`, `taxable`). Each member's share of a
 * taxable one is taxed with the member's order (`GroupBuyMember.sharedCostsTax`).
 */
export interface GroupBuyCharge extends QuoteCharge {
  /** Its position in the input's `sharedCosts`. */
  sharedCost: number;
}

/** The result of {@link Pace.quoteGroupBuy}. */
export interface GroupBuyQuote extends DecisionBase {
  contractId: string;
  priceScheduleId: string;
  currency: 'USD';
  asOf: CalendarDate;
  /** The pooled quantity of each sku: the sum over every member's order. */
  tierQuantities: Record<string, string>;
  members: GroupBuyMember[];
  /** The sum of the members' subtotals. */
  subtotal: Money;
  /** The sum of the members' quote totals (subtotals, fees and tax). */
  quotesTotal: Money;
  /** The sum of the shared costs. */
  sharedCostsTotal: Money;
  /** The shared costs of a charge kind, each checked against the contract's charge terms on the pooled order (all members' subtotals and units together). */
  charges: GroupBuyCharge[];
  /** The sum of the members' `sharedCostsTax`; absent when no share is taxed. */
  sharedCostsTax?: Money;
  /** The sum of the members' totals, = `quotesTotal + sharedCostsTotal (+ sharedCostsTax)` exactly. */
  total: Money;
  /** The sum of the members' `savingsVsSolo`. */
  savingsVsSolo: Money;
}

/**
 * A shared cost split among the orders by their weights (largest remainder): a cent left over
 * between shares with equal remainders goes to the larger weight, then to the member whose id
 * comes first, never by where the order is listed (a cooperative's list in another order splits
 * the cost the same way; before, the first-listed member got the odd cent).
 */
function allocateAmong(amount: Money, weights: readonly (string | number)[], orders: readonly { memberId: string }[]): Money[] {
  const exact = weights.map((w) => new Dec(w));
  const order = weights.map((_, m) => m).sort((a, b) => exact[b]!.comparedTo(exact[a]!) || (orders[a]!.memberId < orders[b]!.memberId ? -1 : orders[a]!.memberId > orders[b]!.memberId ? 1 : a - b));
  // allocate gives a tied cent to the earlier share: its shares in that order, then put back.
  const sorted = allocate(amount, order.map((m) => weights[m]!));
  const parts: Money[] = new Array<Money>(weights.length);
  order.forEach((m, k) => (parts[m] = sorted[k]!));
  return parts;
}

/**
 * Prices a group buy: the members' quantities of each sku are pooled to choose the tier, each
 * member gets its own quote at the pooled tier, and shared costs are split among the members to
 * the cent (largest remainder, so the parts add up exactly; a tied cent goes to the larger weight,
 * then to the first member id, whatever the order of `orders`).
 *
 * Pooled pricing: each member's units carry their share, by quantity, of the pooled price of the
 * sku (volume: the pooled tier's unit price, and its flat fee shared by quantity; graduated: the
 * ladder total at the pooled quantity, shared by quantity, so the group pays together what one
 * buyer of the pooled quantity would pay). A line is never priced above what the member's own
 * quantity would cost: where flat fees make pooling dearer, the own quantity prices the line and
 * the member's quote says so. So a member's pooled total never exceeds its solo total.
 *
 * Each member's quote carries its e-waste fees (by its `member`'s state: none outside the fee's
 * state; California when the order names no `member`) and the tax at its order's `taxRate`, else
 * the group's (none without a rate), and its `total` is that quote's total plus its shared costs. Shared costs of a charge kind are checked
 * against the contract's charge terms as a quote's charges are, on the pooled order (all members'
 * subtotals and units together), and listed in `charges`. Findings: block `contract-not-in-force`
 * (the date is outside the term and exercised renewals), block `admin-fee-billed-to-member` (a
 * shared cost of kind `admin-fee` or `cooperative-admin-fee` when the contract's admin fee is
 * included in its prices, or the contract states none), block `charge-not-allowed` and info
 * `charge-terms-not-stated` (a shared cost of a charge kind over, or outside, the contract's charge
 * terms; none stated), info `shared-cost-not-checked` (a kind that is no charge kind).
 *
 * `soloTotal` is the member's lines at its own quantities plus the same fees, tax rate and shared-cost shares, so
 * `savingsVsSolo` is exactly what pooling the tiers saved it. Basis `quantity` weighs each member by
 * its units of the contract's own supply kind (what a `per-unit` charge's allowance counts). Weights
 * that are all zero (e.g. basis `amount` when every subtotal is zero) fall back to an equal split,
 * with an info finding.
 *
 * @param context - The Pace context (its `rulesVersion` goes on the result).
 * @param input - The contract, date, one order per member, and the shared costs.
 * @returns Per member: quote, shared costs, total, solo total and savings; the group totals.
 * @throws PaceError with JSON paths: `invalid-input` (shape, a member or a sku twice, a `member`
 *   whose `id` is not the order's `memberId`),
 *   `invalid-quantity`, `invalid-money`, `invalid-date`, `no-price-in-force`, `unknown-sku`.
 * @example
 * ```ts
 * // volume tiers 1-100 @ 10.00, 101+ @ 8.00; two members of 60 each pool to 120
 * const g = pace.quoteGroupBuy({ contract, asOf: '2025-09-01', orders: [
 *   { memberId: 'a', lines: [{ sku: 'DESK', quantity: 60 }] },
 *   { memberId: 'b', lines: [{ sku: 'DESK', quantity: 60 }] }],
 *   sharedCosts: [{ kind: 'freight', amount: '100.00', basis: 'equal' }] });
 * g.members[0].total;          // => '530.00' (480.00 + 50.00)
 * g.members[0].savingsVsSolo;  // => '120.00'
 * g.total;                     // => '1060.00'
 * ```
 */
export function quoteGroupBuy(context: PricingContext, input: GroupBuyInput): GroupBuyQuote {
  const { input: request, contract, pricing } = parsePricingInput(GroupBuyInputSchema, input, 'Invalid group buy');
  const issues: CodedIssue[] = [];
  const asOf = request.asOf;
  const seen = new Map<string, number>();
  const orders: { memberId: string; lines: OrderLine[]; own: Map<string, Qty>; state: string; taxRate: string | undefined }[] = [];
  request.orders.forEach((order, i) => {
    const first = seen.get(order.memberId);
    if (first !== undefined) {
      issues.push({ code: 'invalid-input', path: `$.orders[${i}].memberId`, message: `member "${order.memberId}" already has an order at $.orders[${first}]; put all of a member's lines in one order` });
      return;
    }
    seen.set(order.memberId, i);
    if (order.member !== undefined && order.member.id !== order.memberId) {
      issues.push({ code: 'invalid-input', path: `$.orders[${i}].member.id`, message: `the order's member is "${order.member.id}" but its memberId is "${order.memberId}"; give the same id in both` });
    }
    const lines = toOrderLines(order.lines, `$.orders[${i}].lines`);
    // As pace.quote: the member's state decides the e-waste fee (California when none is given).
    const state = order.member?.state ?? 'CA';
    orders.push({ memberId: order.memberId, lines, own: tierQuantitiesOf(lines, undefined, issues).own, state, taxRate: order.taxRate ?? request.taxRate });
  });
  const costs = (request.sharedCosts ?? []).map((c) => ({ kind: c.kind, amount: formatMoney(new Dec(String(c.amount))), basis: c.basis }));
  if (issues.length > 0) throwIssues('Invalid group buy', issues);

  const schedule = scheduleInForce(pricing, contract.id, asOf, '$.asOf');
  const items: PreparedItem[][] = orders.map((o) => resolveItems(schedule, o.lines, issues));
  if (issues.length > 0) throwIssues('Unknown sku', issues);

  const pooled = new Map<string, Qty>();
  for (const order of orders) {
    for (const line of order.lines) {
      const before = pooled.get(line.sku);
      pooled.set(line.sku, before === undefined ? line.quantity : addQty(before, line.quantity));
    }
  }
  const findings: Finding[] = [];
  const tables = pricingTables(context);
  const notInForce = contractNotInForce(contract, asOf, tables, 'group buy');
  if (notInForce !== undefined) findings.push(notInForce);
  costs.forEach((cost, c) => {
    // As verifyInvoice judges an admin fee billed: not when the contract's prices include it, nor
    // when the contract states none.
    const adminFee = contract.adminFee;
    if ((adminFee === undefined || adminFee.includedInPrice === true) && ADMIN_FEE_KINDS.has(cost.kind)) {
      findings.push({
        code: 'admin-fee-billed-to-member',
        severity: 'block',
        message:
          adminFee === undefined
            ? `Shared cost "${cost.kind}" (${cost.amount}) charges the members an administrative fee, but contract "${contract.id}" states no administrative fee; drop it from the shared costs.`
            : `Shared cost "${cost.kind}" (${cost.amount}) charges the members an administrative fee, but contract "${contract.id}" includes the cooperative's ${adminFee.percent} % fee in its prices (the vendor pays it); drop it from the shared costs.`,
        ruleId: 'pricing.admin-fee',
        pack: PRICING_SOURCE,
        data: { sharedCost: c, kind: cost.kind, amount: cost.amount, ...(adminFee !== undefined ? { adminFeePercent: adminFee.percent } : {}) },
      });
    } else if (adminFee !== undefined && ADMIN_FEE_KINDS.has(cost.kind)) {
      // The contract adds its fee to the prices: each member's quote carries it already (adminFee).
      findings.push({
        code: 'admin-fee-charged-twice',
        severity: 'block',
        message: `Shared cost "${cost.kind}" (${cost.amount}) charges the members an administrative fee, but each member's quote already carries contract "${contract.id}"'s ${adminFee.percent} % fee on its subtotal (adminFee); drop it from the shared costs.`,
        ruleId: 'pricing.admin-fee',
        pack: PRICING_SOURCE,
        data: { sharedCost: c, kind: cost.kind, amount: cost.amount, adminFeePercent: adminFee.percent },
      });
    } else if (!ADMIN_FEE_KINDS.has(cost.kind) && !CHARGE_KINDS.includes(cost.kind)) {
      // Not guessed from its name ("shipping" may be freight, or not): the caller names the kind.
      findings.push({
        code: 'shared-cost-not-checked',
        severity: 'info',
        message: `Shared cost "${cost.kind}" (${cost.amount}) names no charge kind (${CHARGE_KINDS.join(', ')}), so it is not checked against the contract's charge terms; name it by its kind to have it checked.`,
        ruleId: 'pricing.charges',
        pack: PRICING_SOURCE,
        data: { sharedCost: c, kind: cost.kind, amount: cost.amount },
      });
    }
  });
  const trace: TraceStep[] = [{ step: 'schedule', id: schedule.id, detail: { asOf, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: schedule.rounding } }];
  // Object.fromEntries defines own properties, so even a sku named "__proto__" stays data.
  const tierQuantities: Record<string, string> = Object.fromEntries([...pooled].map(([sku, quantity]) => [sku, qtyText(quantity)]));
  for (const [sku, quantity] of pooled) trace.push({ step: 'pool', id: sku, detail: { tierQuantity: qtyText(quantity) } });

  try {
    const priced = orders.map((o, i) => priceOrder(context, contract.id, schedule, asOf, o.lines, items[i]!, o.own, pooled, o.memberId, contract.supplyKind));
    const completed = priced.map((p, i) => completeQuote(context, contract, p, { taxRate: orders[i]!.taxRate, state: orders[i]!.state }));
    // Shared costs of a charge kind against the contract's terms, as a quote's charges, on the pooled
    // order: one order of the group, one allowance (nothing returned on it, for restocking).
    const proposed = costs.flatMap((cost, c) => (CHARGE_KINDS.includes(cost.kind) ? [{ kind: cost.kind as ChargeKind, amount: cost.amount, c }] : []));
    let pooledCents = 0;
    let units: Qty = 0;
    for (const p of priced) {
      pooledCents = addCents(pooledCents, p.subtotalCents);
      units = addQty(units, p.units);
    }
    const checked = computeCharges(contract.charges, proposed, { subtotalCents: pooledCents, units }, tables, { name: (i) => [`Shared cost ${proposed[i]!.c + 1}`, { sharedCost: proposed[i]!.c }] });
    // Each member's share of a taxable one is taxed with its order (below), as a quote taxes a charge.
    findings.push(...checked.findings);
    const charges: GroupBuyCharge[] = checked.charges.map((charge, i) => ({ sharedCost: proposed[i]!.c, ...charge }));
    const taxedCost = new Set(checked.charges.flatMap((charge, i) => (charge.taxable ? [proposed[i]!.c] : [])));
    if (proposed.length > 0) trace.push({ step: 'charges', id: 'pooled-order', detail: { subtotal: formatCents(pooledCents), units: qtyText(units), charges: checked.charges.map((c) => c.kind) } });
    const shares: Money[][] = orders.map(() => []);
    const shareCents: Cents[] = orders.map(() => 0);
    let sharedTotal = 0;
    costs.forEach((cost, c) => {
      let weights: (string | number)[] =
        cost.basis === 'equal'
          ? orders.map(() => 1)
          : cost.basis === 'amount'
            ? priced.map((p) => p.subtotalCents)
            : // The units a per-unit allowance counts: of the contract's own supply kind (hours of
              // training on a device contract do not ship), one rule for every shared cost.
              priced.map((p) => (typeof p.units === 'number' ? p.units : qtyText(p.units)));
      let basis: string = cost.basis;
      if (weights.every((w) => w === 0 || w === '0')) {
        weights = orders.map(() => 1);
        basis = 'equal';
        findings.push({
          code: 'shared-cost-basis-zero',
          severity: 'info',
          message: `Shared cost "${cost.kind}" (${cost.amount}) is split equally: every member's ${cost.basis === 'quantity' ? `quantity of ${contract.supplyKind} (the contract's supply kind)` : cost.basis} is zero, so there is nothing to split it by.`,
          ruleId: 'pricing.shared-costs',
          pack: PRICING_SOURCE,
          data: { kind: cost.kind, amount: cost.amount, basis: cost.basis, usedBasis: 'equal' },
        });
      }
      const parts = allocateAmong(cost.amount, weights, orders);
      parts.forEach((part, m) => {
        shares[m]!.push(part);
        shareCents[m] = addCents(shareCents[m]!, moneyCents(part));
      });
      sharedTotal = addCents(sharedTotal, moneyCents(cost.amount));
      trace.push({
        step: 'allocation',
        id: `sharedCosts[${c}]`,
        detail: { kind: cost.kind, amount: cost.amount, basis, method: 'largest-remainder', tieBreak: 'larger-weight-then-member-id', shares: orders.map((o, m) => ({ memberId: o.memberId, weight: weights[m], amount: parts[m] })) },
      });
    });

    let subtotal = 0;
    let quotesTotal = 0;
    let total = 0;
    let savings = 0;
    let sharedTax = 0;
    const members: GroupBuyMember[] = orders.map((o, m) => {
      const p = priced[m]!;
      const done = completed[m]!;
      // The member's order taxed once with its taxable shares (one rounding), less its quote's tax.
      let taxedShares = 0;
      shares[m]!.forEach((part, c) => {
        if (taxedCost.has(c)) taxedShares = addCents(taxedShares, moneyCents(part));
      });
      const shareTax = taxedShares === 0 ? 0 : (taxOf(addCents(done.taxableCents, taxedShares), o.taxRate) ?? 0) - done.taxCents;
      const soloShareTax = taxedShares === 0 ? 0 : (taxOf(addCents(done.soloTaxableCents, taxedShares), o.taxRate) ?? 0) - done.soloTaxCents;
      const memberTotal = addCents(addCents(done.totalCents, shareCents[m]!), shareTax);
      const soloTotal = addCents(addCents(done.soloTotalCents, shareCents[m]!), soloShareTax);
      subtotal = addCents(subtotal, p.subtotalCents);
      quotesTotal = addCents(quotesTotal, done.totalCents);
      total = addCents(total, memberTotal);
      savings = addCents(savings, soloTotal - memberTotal);
      sharedTax = addCents(sharedTax, shareTax);
      return {
        memberId: o.memberId,
        quote: p.quote,
        sharedCosts: costs.map((cost, c) => ({ kind: cost.kind, amount: shares[m]![c]! })),
        ...(shareTax !== 0 ? { sharedCostsTax: formatCents(shareTax) } : {}),
        subtotal: p.quote.subtotal,
        total: formatCents(memberTotal),
        soloSubtotal: formatCents(p.soloCents),
        soloTotal: formatCents(soloTotal),
        savingsVsSolo: formatCents(soloTotal - memberTotal),
      };
    });
    return {
      contractId: contract.id,
      priceScheduleId: schedule.id,
      currency: 'USD',
      asOf,
      tierQuantities,
      members,
      subtotal: formatCents(subtotal),
      quotesTotal: formatCents(quotesTotal),
      sharedCostsTotal: formatCents(sharedTotal),
      ...(sharedTax !== 0 ? { sharedCostsTax: formatCents(sharedTax) } : {}),
      charges,
      total: formatCents(total),
      savingsVsSolo: formatCents(savings),
      findings,
      trace,
      rulesVersion: context.rulesVersion,
    };
  } catch (e) {
    // A member's total, a shared cost or the group's totals out of range: the orders together
    // (a line's own amount is named by its quantity).
    throw tooLargeAt(e, '$.orders');
  }
}
