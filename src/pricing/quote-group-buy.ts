import type { CalendarDate } from '../dates/calendar-date.js';
import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import type { Contract } from '../model/contract.js';
import type { MoneyInput } from '../model/primitives.js';
import { allocate } from '../money/allocate.js';
import { parseMoney, type Money } from '../money/money.js';
import { addCents, formatCents, type Cents } from './cents.js';
import { PRICING_SOURCE } from './citations.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { PreparedItem } from '../contracts/price-index.js';
import { addQty, qtyText, type Qty } from '../contracts/quantity.js';
import { priceOrder, type PricingContext, type Quote, type QuoteLineInput } from './quote.js';
import { readContract, readDate, readLines, readObject, resolveItems, scheduleInForce, type OrderLine } from './read-pricing-input.js';

/** One member's order in a group buy. */
export interface GroupBuyOrderInput {
  memberId: string;
  /** At least one line; each sku at most once. */
  lines: readonly QuoteLineInput[];
  meta?: Record<string, unknown>;
}

/** A cost of the whole group buy (shipping, setup, an admin fee) to split among the members. */
export interface SharedCostInput {
  /** What it is, e.g. `"freight"`. */
  kind: string;
  /** Zero or more. */
  amount: MoneyInput;
  /** Split by each member's total quantity, by its subtotal, or equally. */
  basis: 'quantity' | 'amount' | 'equal';
}

/** The input of {@link Pace.quoteGroupBuy}. */
export interface GroupBuyInput {
  contract: Contract | PreparedContract;
  asOf: CalendarDate;
  /** At least one order; one order per member (a second order of the same member is refused). */
  orders: readonly GroupBuyOrderInput[];
  sharedCosts?: readonly SharedCostInput[];
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
  /** `subtotal` plus its shared costs. */
  total: Money;
  /** What the same lines cost at the member's own quantities (no pooling). */
  soloSubtotal: Money;
  /** `soloSubtotal` plus the same shared costs: the member's total had its units not been pooled. */
  soloTotal: Money;
  /** `soloTotal − total`: what pooling saved the member; never negative. */
  savingsVsSolo: Money;
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
  /** The sum of the shared costs. */
  sharedCostsTotal: Money;
  /** The sum of the members' totals, = `subtotal + sharedCostsTotal` exactly. */
  total: Money;
  /** The sum of the members' `savingsVsSolo`. */
  savingsVsSolo: Money;
}

const ROOT_FIELDS = new Set(['contract', 'asOf', 'orders', 'sharedCosts']);
const ORDER_FIELDS = new Set(['memberId', 'lines', 'meta']);
const COST_FIELDS = new Set(['kind', 'amount', 'basis']);
const BASES = new Set(['quantity', 'amount', 'equal']);

/** Whole cents of a money string from `allocate`/`formatMoney` (always two decimals). */
function centsOf(money: Money): Cents {
  const negative = money.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? money.slice(1) : money).split('.');
  const cents = Number(whole) * 100 + Number(fraction);
  return negative ? -cents : cents;
}

/**
 * Prices a group buy: the members' quantities of each sku are pooled to choose the tier, each
 * member gets its own quote at the pooled tier, and shared costs are split among the members to
 * the cent (largest remainder, so the parts add up exactly).
 *
 * Pooled pricing: each member's units carry their share, by quantity, of the pooled price of the
 * sku (volume: the pooled tier's unit price, and its flat fee shared by quantity; graduated: the
 * ladder total at the pooled quantity, shared by quantity, so the group pays together what one
 * buyer of the pooled quantity would pay). A line is never priced above what the member's own
 * quantity would cost: where flat fees make pooling dearer, the own quantity prices the line and
 * the member's quote says so. So a member's pooled total never exceeds its solo total.
 *
 * `soloTotal` is the member's lines at its own quantities plus the same shared-cost shares, so
 * `savingsVsSolo` is exactly what pooling the tiers saved it. Weights that are all zero (e.g. basis
 * `amount` when every subtotal is zero) fall back to an equal split, with an info finding.
 *
 * @param context - The Pace context (its `rulesVersion` goes on the result).
 * @param input - The contract, date, one order per member, and the shared costs.
 * @returns Per member: quote, shared costs, total, solo total and savings; the group totals.
 * @throws PaceError with JSON paths: `invalid-input` (shape, a member or a sku twice),
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
  const issues: CodedIssue[] = [];
  const root = readObject(input, '$', ROOT_FIELDS, 'a group buy { contract, asOf, orders }', issues);
  if (!root) throwIssues('Invalid group buy', issues);
  const { contract, pricing } = readContract(root['contract']);
  const asOf = readDate(root['asOf'], '$.asOf', issues);
  const rawOrders = root['orders'];
  const orders: { memberId: string; lines: OrderLine[] }[] = [];
  if (!Array.isArray(rawOrders) || rawOrders.length === 0) {
    issues.push({ code: 'invalid-input', path: '$.orders', message: 'expected a non-empty array of orders { memberId, lines }' });
  } else {
    const seen = new Map<string, number>();
    rawOrders.forEach((raw: unknown, i) => {
      const at = `$.orders[${i}]`;
      const order = readObject(raw, at, ORDER_FIELDS, 'an order { memberId, lines }', issues);
      if (!order) return;
      const memberId = order['memberId'];
      const lines = readLines(order['lines'], `${at}.lines`, issues, 'order');
      if (typeof memberId !== 'string' || memberId.length === 0) {
        issues.push({ code: 'invalid-input', path: `${at}.memberId`, message: 'expected a non-empty member id' });
        return;
      }
      const first = seen.get(memberId);
      if (first !== undefined) {
        issues.push({ code: 'invalid-input', path: `${at}.memberId`, message: `member "${memberId}" already has an order at $.orders[${first}]; put all of a member's lines in one order` });
        return;
      }
      seen.set(memberId, i);
      orders.push({ memberId, lines });
    });
  }
  const costs: { kind: string; amount: Money; basis: SharedCostInput['basis'] }[] = [];
  const rawCosts = root['sharedCosts'];
  if (rawCosts !== undefined && !Array.isArray(rawCosts)) issues.push({ code: 'invalid-input', path: '$.sharedCosts', message: 'expected an array of shared costs { kind, amount, basis }' });
  else if (Array.isArray(rawCosts)) {
    rawCosts.forEach((raw: unknown, i) => {
      const at = `$.sharedCosts[${i}]`;
      const cost = readObject(raw, at, COST_FIELDS, 'a shared cost { kind, amount, basis }', issues);
      if (!cost) return;
      const kind = cost['kind'];
      const basis = cost['basis'];
      if (typeof kind !== 'string' || kind.length === 0) issues.push({ code: 'invalid-input', path: `${at}.kind`, message: 'expected a non-empty kind such as "freight"' });
      if (typeof basis !== 'string' || !BASES.has(basis)) issues.push({ code: 'invalid-input', path: `${at}.basis`, message: `expected "quantity", "amount" or "equal", got ${JSON.stringify(basis) ?? 'nothing'}` });
      let amount: Money | undefined;
      try {
        const parsed = parseMoney(cost['amount'], `${at}.amount`);
        if (parsed.isNegative()) issues.push({ code: 'invalid-money', path: `${at}.amount`, message: 'a shared cost must be zero or more' });
        else amount = parsed.toFixed(2);
      } catch (e) {
        for (const issue of (e as { issues: readonly { path: string; message: string }[] }).issues) issues.push({ code: 'invalid-money', ...issue });
      }
      if (typeof kind === 'string' && kind.length > 0 && typeof basis === 'string' && BASES.has(basis) && amount !== undefined) costs.push({ kind, amount, basis: basis as SharedCostInput['basis'] });
    });
  }
  if (issues.length > 0 || asOf === undefined) throwIssues('Invalid group buy', issues);

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
  const trace: TraceStep[] = [{ step: 'schedule', id: schedule.id, detail: { asOf, effectiveFrom: schedule.effectiveFrom, effectiveTo: schedule.effectiveTo ?? null, rounding: schedule.rounding } }];
  // Object.fromEntries defines own properties, so even a sku named "__proto__" stays data.
  const tierQuantities: Record<string, string> = Object.fromEntries([...pooled].map(([sku, quantity]) => [sku, qtyText(quantity)]));
  for (const [sku, quantity] of pooled) trace.push({ step: 'pool', id: sku, detail: { tierQuantity: qtyText(quantity) } });

  const priced = orders.map((o, i) => priceOrder(context, contract.id, schedule, asOf, o.lines, items[i]!, pooled, o.memberId));
  const shares: Money[][] = orders.map(() => []);
  const shareCents: Cents[] = orders.map(() => 0);
  let sharedTotal = 0;
  costs.forEach((cost, c) => {
    let weights: (string | number)[] =
      cost.basis === 'equal'
        ? orders.map(() => 1)
        : cost.basis === 'amount'
          ? priced.map((p) => p.subtotalCents)
          : orders.map((o) => {
              const total = o.lines.reduce<Qty>((sum, line) => addQty(sum, line.quantity), 0);
              return typeof total === 'number' ? total : qtyText(total);
            });
    let basis: string = cost.basis;
    if (weights.every((w) => w === 0 || w === '0')) {
      weights = orders.map(() => 1);
      basis = 'equal';
      findings.push({
        code: 'shared-cost-basis-zero',
        severity: 'info',
        message: `Shared cost "${cost.kind}" (${cost.amount}) is split equally: every member's ${cost.basis} is zero, so there is nothing to split it by.`,
        ruleId: 'pricing.shared-costs',
        pack: PRICING_SOURCE,
        data: { kind: cost.kind, amount: cost.amount, basis: cost.basis, usedBasis: 'equal' },
      });
    }
    const parts = allocate(cost.amount, weights);
    parts.forEach((part, m) => {
      shares[m]!.push(part);
      shareCents[m] = addCents(shareCents[m]!, centsOf(part));
    });
    sharedTotal = addCents(sharedTotal, centsOf(cost.amount));
    trace.push({
      step: 'allocation',
      id: `sharedCosts[${c}]`,
      detail: { kind: cost.kind, amount: cost.amount, basis, method: 'largest-remainder', shares: orders.map((o, m) => ({ memberId: o.memberId, weight: weights[m], amount: parts[m] })) },
    });
  });

  let subtotal = 0;
  let total = 0;
  let savings = 0;
  const members: GroupBuyMember[] = orders.map((o, m) => {
    const p = priced[m]!;
    const memberTotal = addCents(p.subtotalCents, shareCents[m]!);
    const soloTotal = addCents(p.soloCents, shareCents[m]!);
    subtotal = addCents(subtotal, p.subtotalCents);
    total = addCents(total, memberTotal);
    savings = addCents(savings, soloTotal - memberTotal);
    return {
      memberId: o.memberId,
      quote: p.quote,
      sharedCosts: costs.map((cost, c) => ({ kind: cost.kind, amount: shares[m]![c]! })),
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
    sharedCostsTotal: formatCents(sharedTotal),
    total: formatCents(total),
    savingsVsSolo: formatCents(savings),
    findings,
    trace,
    rulesVersion: context.rulesVersion,
  };
}
