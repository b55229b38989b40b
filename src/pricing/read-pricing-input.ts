// Hand-written validation of the small per-call inputs of the pricing capabilities. It gives the
// same kind of PaceError as the zod schemas (every problem at once, each with its JSON path) but
// costs next to nothing per line, which the quoting hot path needs. Contracts themselves go
// through the zod schema once, in prepareContract.
import { isCalendarDate } from '../dates/calendar-date.js';
import { PaceError } from '../errors/pace-error.js';
import { toJsonPath } from '../model/parse.js';
import type { Dec } from '../money/decimal.js';
import { parseDecimal } from '../money/money.js';
import { contractIndex, prepareContract, type PreparedContract } from '../contracts/prepare-contract.js';
import type { CodedIssue } from '../errors/coded-issues.js';
import type { PreparedItem, PreparedSchedule, PricingIndex } from '../contracts/price-index.js';
import { addQty, compareQty, qtyText, readQty, type Qty } from '../contracts/quantity.js';

/** A validated input line. @internal */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: Qty;
  /** JSON path of the line, e.g. `$.lines[2]`. */
  readonly path: string;
  /** Billed unit price (invoices only). */
  readonly unitPrice?: Dec;
}

/** The most decimals a billed unit price may carry (invoices often bill to fractions of a cent). */
export const BILLED_PRICE_DECIMALS = 6;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/** Checks a value is a plain object with only the allowed keys. @internal */
export function readObject(value: unknown, path: string, allowed: ReadonlySet<string>, what: string, issues: CodedIssue[]): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ code: 'invalid-input', path, message: `expected ${what} (an object), got ${describe(value)}` });
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!allowed.has(key)) issues.push({ code: 'invalid-input', path: toJsonPath([key], path), message: `unknown field ${JSON.stringify(key)} (check the spelling; put your own data under "meta")` });
  }
  return record;
}

/** A calendar date field. @internal */
export function readDate(value: unknown, path: string, issues: CodedIssue[]): string | undefined {
  if (isCalendarDate(value)) return value;
  issues.push({ code: value === undefined ? 'invalid-input' : 'invalid-date', path, message: value === undefined ? 'required: a date as YYYY-MM-DD' : `expected a real calendar date as YYYY-MM-DD, got ${describe(value)}` });
  return undefined;
}

const LINE_FIELDS = new Set(['sku', 'quantity', 'meta']);
const INVOICE_LINE_FIELDS = new Set(['sku', 'quantity', 'unitPrice', 'description', 'meta']);

/**
 * Reads the lines of an order or invoice. An order may list a sku once: a second line of the same
 * sku is refused (it would either double-select a tier or hide a mistake; combine the lines).
 * Invoice lines may repeat a sku (split shipments); their quantities share one tier.
 * @internal
 */
export function readLines(value: unknown, path: string, issues: CodedIssue[], kind: 'order' | 'invoice'): OrderLine[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ code: 'invalid-input', path, message: Array.isArray(value) ? 'expected at least one line' : `expected a non-empty array of lines, got ${describe(value)}` });
    return [];
  }
  const lines: OrderLine[] = [];
  const seen = kind === 'order' ? new Map<string, string>() : undefined;
  for (let i = 0; i < value.length; i++) {
    const at = `${path}[${i}]`;
    const raw: unknown = value[i];
    const line = readObject(raw, at, kind === 'order' ? LINE_FIELDS : INVOICE_LINE_FIELDS, 'a line { sku, quantity }', issues);
    if (!line) continue;
    const sku = line['sku'];
    const okSku = typeof sku === 'string' && sku.length > 0;
    if (!okSku) issues.push({ code: 'invalid-input', path: `${at}.sku`, message: `expected a non-empty sku, got ${describe(sku)}` });
    const quantity = line['quantity'] === undefined ? undefined : readQty(line['quantity'], `${at}.quantity`, issues);
    if (line['quantity'] === undefined) issues.push({ code: 'invalid-input', path: `${at}.quantity`, message: 'required: a quantity such as 12 or "7.5"' });
    let unitPrice: Dec | undefined;
    if (kind === 'invoice') {
      try {
        if (line['unitPrice'] === undefined) issues.push({ code: 'invalid-input', path: `${at}.unitPrice`, message: 'required: the billed unit price, such as "19.99"' });
        else {
          unitPrice = parseDecimal(line['unitPrice'], `${at}.unitPrice`, BILLED_PRICE_DECIMALS, 'invalid-money');
          if (unitPrice.isNegative()) {
            issues.push({ code: 'invalid-money', path: `${at}.unitPrice`, message: 'a billed unit price must be zero or more' });
            unitPrice = undefined;
          }
        }
      } catch (e) {
        for (const issue of (e as PaceError).issues) issues.push({ code: 'invalid-money', ...issue });
      }
    }
    if (!okSku || quantity === undefined || (kind === 'invoice' && unitPrice === undefined)) continue;
    if (seen) {
      const first = seen.get(sku);
      if (first !== undefined) {
        issues.push({ code: 'invalid-input', path: `${at}.sku`, message: `sku "${sku}" is already ordered at ${first}; put the whole quantity on one line` });
        continue;
      }
      seen.set(sku, at);
    }
    lines.push(unitPrice === undefined ? { sku, quantity, path: at } : { sku, quantity, path: at, unitPrice });
  }
  return lines;
}

/** A pooled tier quantity with its path. @internal */
export interface TierQuantity {
  readonly quantity: Qty;
  readonly path: string;
}

/** Reads `tierQuantities: Record<sku, quantity>`. @internal */
export function readTierQuantities(value: unknown, path: string, issues: CodedIssue[]): Map<string, TierQuantity> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ code: 'invalid-input', path, message: `expected an object of quantities by sku, got ${describe(value)}` });
    return undefined;
  }
  const out = new Map<string, TierQuantity>();
  for (const [sku, raw] of Object.entries(value)) {
    const at = toJsonPath([sku], path);
    const quantity = readQty(raw, at, issues);
    if (quantity !== undefined) out.set(sku, { quantity, path: at });
  }
  return out;
}

/**
 * The tier quantity of each sku of some lines: the `tierQuantities` entry when given (it must
 * cover at least the lines' own quantity of that sku), otherwise the lines' own total.
 * @internal
 */
export function tierQuantitiesOf(lines: readonly OrderLine[], given: ReadonlyMap<string, TierQuantity> | undefined, issues: CodedIssue[]): { own: Map<string, Qty>; tier: Map<string, Qty> } {
  const own = new Map<string, Qty>();
  for (const line of lines) {
    const before = own.get(line.sku);
    own.set(line.sku, before === undefined ? line.quantity : addQty(before, line.quantity));
  }
  if (given === undefined) return { own, tier: own };
  const tier = new Map(own);
  for (const [sku, ownQuantity] of own) {
    const entry = given.get(sku);
    if (entry === undefined) continue;
    if (compareQty(entry.quantity, ownQuantity) < 0) {
      issues.push({
        code: 'invalid-quantity',
        path: entry.path,
        message: `the tier quantity ${qtyText(entry.quantity)} of sku "${sku}" is smaller than the ${qtyText(ownQuantity)} on these lines; a pooled quantity includes this order's own units`,
      });
    } else tier.set(sku, entry.quantity);
  }
  return { own, tier };
}

/** The contract and its index; a raw contract is prepared (validated) on the way. @internal */
export function readContract(value: unknown, path = '$.contract'): { contract: PreparedContract; pricing: PricingIndex } {
  const contract = prepareContract(value, path);
  return { contract, pricing: contractIndex(contract).pricing };
}

function range(s: PreparedSchedule): string {
  return `${s.id}: ${s.effectiveFrom} to ${s.effectiveTo ?? 'open end'}`;
}

/** The one schedule in force on a date (`effectiveFrom <= date <= effectiveTo`). @internal */
export function scheduleInForce(pricing: PricingIndex, contractId: string, date: string, path: string): PreparedSchedule {
  for (const s of pricing.schedules) {
    if (s.effectiveFrom <= date && (s.effectiveTo === undefined || date <= s.effectiveTo)) return s;
  }
  const ranges = pricing.schedules.length === 0 ? 'it has no price schedules' : `its schedules run ${pricing.schedules.map(range).join('; ')}`;
  const message = `no price schedule of contract "${contractId}" is in force on ${date}; ${ranges}`;
  throw new PaceError('no-price-in-force', message, [{ path, message }]);
}

/** The schedule item of each line; unknown skus are pushed as `unknown-sku` issues. @internal */
export function resolveItems(schedule: PreparedSchedule, lines: readonly OrderLine[], issues: CodedIssue[]): PreparedItem[] {
  const items: PreparedItem[] = [];
  for (const line of lines) {
    const item = schedule.items.get(line.sku);
    if (item === undefined) issues.push({ code: 'unknown-sku', path: `${line.path}.sku`, message: `sku "${line.sku}" is not on price schedule "${schedule.id}" (${schedule.effectiveFrom} to ${schedule.effectiveTo ?? 'open end'})` });
    else items.push(item);
  }
  return items;
}
