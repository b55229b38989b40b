// Reading the pricing capabilities' inputs: validated by their schemas (src/model/pricing-input.ts),
// then turned into the internal forms the arithmetic uses. Every problem is reported at once, each
// with its JSON path and the code of its kind (a bad quantity: `invalid-quantity`).
import * as z from 'zod/mini';
import { PaceError, isPaceError, type PaceErrorCode } from '../errors/pace-error.js';
import { safeParseGuarded, zodIssues, toJsonPath } from '../model/parse.js';
import { readInput } from '../model/read-input.js';
import { MemberSchema } from '../model/member.js';
import { UnitPriceSchema } from '../model/price-schedule.js';
import { SignedQuantitySchema } from '../model/pricing-input.js';
import { CalendarDateSchema, MoneySchema, NonNegativeMoneySchema, QuantitySchema } from '../model/primitives.js';
import { Dec } from '../money/decimal.js';
import { contractIndex, isPreparedContract, prepareCopy, type PreparedContract } from '../contracts/prepare-contract.js';
import { REFUSED, inputParser, type FastParser } from '../model/fast-parse.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import type { PreparedItem, PreparedSchedule, PricingIndex } from '../contracts/price-index.js';
import { addQty, compareQty, normaliseQty, qtyText, type Qty } from '../contracts/quantity.js';

/** The fast parser of each input schema (the project's one, src/model/fast-parse.ts), made on first use. */
const fastParsers = new Map<unknown, FastParser>();

/** A validated input line. @internal */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: Qty;
  /** JSON path of the line, e.g. `$.lines[2]`. */
  readonly path: string;
  readonly lineId?: string | undefined;
  readonly shipTo?: string | undefined;
  readonly account?: string | undefined;
  /** Billed unit price (invoices only). */
  readonly unitPrice?: Dec;
}

// The error code of an issue is the code of the schema at its path: the schemas are the one list.
const CODES = new Map<unknown, PaceErrorCode>([
  [QuantitySchema, 'invalid-quantity'],
  [CalendarDateSchema, 'invalid-date'],
  [MoneySchema, 'invalid-money'],
  [NonNegativeMoneySchema, 'invalid-money'],
  [UnitPriceSchema, 'invalid-money'],
  [SignedQuantitySchema, 'invalid-quantity'],
]);

interface SchemaDef {
  type: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  valueType?: unknown;
}
const defOf = (schema: unknown): SchemaDef => (schema as { _zod: { def: SchemaDef } })._zod.def;

function unwrap(schema: unknown): unknown {
  let s = schema;
  while (defOf(s).type === 'optional') s = defOf(s).innerType;
  return s;
}

/** The code of the schema found by following `path` from `root` (a member's problems stay `invalid-input`). */
function codeAt(root: unknown, path: readonly PropertyKey[], value: unknown): PaceErrorCode {
  if (value === undefined) return 'invalid-input'; // a required field is missing
  let s = unwrap(root);
  for (const key of path) {
    if (s === MemberSchema) return 'invalid-input';
    const def = defOf(s);
    const next = def.type === 'object' ? (typeof key === 'string' && Object.hasOwn(def.shape!, key) ? def.shape![key] : undefined) : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
    if (next === undefined) return 'invalid-input';
    s = unwrap(next);
  }
  return CODES.get(s) ?? 'invalid-input';
}

/**
 * Validates a pricing input with its schema and prepares its contract, reporting the problems of
 * both at once (`summary` heads the message).
 * @internal
 */
export function parsePricingInput<S extends z.core.$ZodType>(schema: S, value: unknown, summary: string): { input: z.output<S>; contract: PreparedContract; pricing: PricingIndex } {
  let fast = fastParsers.get(schema);
  if (fast === undefined) {
    fast = inputParser(schema);
    fastParsers.set(schema, fast);
  }
  const quick = fast(value);
  if (quick !== REFUSED) {
    const contract = (quick as { contract: unknown }).contract;
    if (isPreparedContract(contract)) return { input: quick as z.output<S>, contract, pricing: contractIndex(contract).pricing };
  }
  // The schema path: the caller's input is read once, under a guard, into a private copy (a
  // prepared contract kept as it is); the schema and the contract's preparation read only the copy.
  const data = readInput(value, '$', 'input', isPreparedContract);
  const issues: CodedIssue[] = [];
  const result = safeParseGuarded(schema, data, '$', 'input');
  if (!result.success) {
    for (const issue of zodIssues(result.error, '$', data, (path, v) => codeAt(schema, path, v))) issues.push({ code: issue.code ?? 'invalid-input', path: issue.path, message: issue.message });
  }
  let contract: PreparedContract | undefined;
  // An own property of the copy: plain data the copy defined (an inherited one is not read).
  const raw = typeof data === 'object' && data !== null && Object.hasOwn(data, 'contract') ? (data as { contract?: unknown }).contract : undefined;
  if (result.success || raw !== undefined) {
    try {
      const copy = result.success ? (result.data as { contract: unknown }).contract : raw;
      contract = isPreparedContract(copy) ? copy : prepareCopy(copy, '$.contract');
    } catch (e) {
      if (!isPaceError(e)) throw e;
      for (const issue of e.issues) issues.push({ code: e.code, path: issue.path, message: issue.message });
    }
  }
  if (issues.length > 0 || !result.success || contract === undefined) throwIssues(summary, issues.length > 0 ? issues : [{ code: 'invalid-input', path: '$', message: 'expected an object' }]);
  return { input: result.data, contract, pricing: contractIndex(contract).pricing };
}

/** A validated quantity as the arithmetic's `Qty`. @internal */
export function toQty(value: number | string): Qty {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : normaliseQty(new Dec(String(value)));
}

/** The validated lines of an order or invoice, in the arithmetic's form. @internal */
export function toOrderLines(lines: readonly { sku: string; quantity: number | string; lineId?: string | undefined; shipTo?: string | undefined; account?: string | undefined; unitPrice?: number | string }[], path: string): OrderLine[] {
  const out = new Array<OrderLine>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const line: { -readonly [K in keyof OrderLine]: OrderLine[K] } = { sku: l.sku, quantity: toQty(l.quantity), path: `${path}[${i}]` };
    if (l.lineId !== undefined) line.lineId = l.lineId;
    if (l.shipTo !== undefined) line.shipTo = l.shipTo;
    if (l.account !== undefined) line.account = l.account;
    if (l.unitPrice !== undefined) line.unitPrice = new Dec(String(l.unitPrice));
    out[i] = line;
  }
  return out;
}

/** A pooled tier quantity with its path. @internal */
export interface TierQuantity {
  readonly quantity: Qty;
  readonly path: string;
}

/** The validated `tierQuantities` by sku. @internal */
export function toTierQuantities(value: Readonly<Record<string, number | string>> | undefined, path: string): Map<string, TierQuantity> | undefined {
  if (value === undefined) return undefined;
  const out = new Map<string, TierQuantity>();
  for (const [sku, raw] of Object.entries(value)) out.set(sku, { quantity: toQty(raw), path: toJsonPath([sku], path) });
  return out;
}

/**
 * The tier quantity of each sku of some lines: the lines' own total of the sku (a sku on several
 * lines is priced at the tier of its total), or the `tierQuantities` entry when given (it must
 * cover at least that total; a smaller one is an `invalid-quantity` issue).
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

function range(s: PreparedSchedule): string {
  return `${s.id}: ${s.effectiveFrom} to ${s.effectiveTo ?? 'open end'}`;
}

/** The schedule in force on `date`, if any. @internal */
export function scheduleOn(pricing: PricingIndex, date: string): PreparedSchedule | undefined {
  for (const s of pricing.schedules) {
    if (s.effectiveFrom <= date && (s.effectiveTo === undefined || date <= s.effectiveTo)) return s;
  }
  return undefined;
}

/** The one schedule in force on a date (`effectiveFrom <= date <= effectiveTo`). @internal */
export function scheduleInForce(pricing: PricingIndex, contractId: string, date: string, path: string): PreparedSchedule {
  const found = scheduleOn(pricing, date);
  if (found !== undefined) return found;
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
