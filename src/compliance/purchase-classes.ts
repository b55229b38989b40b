// Purchase classes: which purchases of one member (under one contract) get the same decisions.
//
// A decision reads the purchase through the facts of docs/facts.md. Its date and its amounts
// reach the rules and the thresholds only through comparisons (<, <=, =, >=, >) with dates and
// amounts that are data: the packs' figures, effective dates and rule literals, the member's and
// the contract's dates and amounts, and one computed date (a self-certified micro-purchase
// threshold lapses `validForMonths` after it was certified). So two purchases whose dates, and
// whose amounts, fall alike among those values (below, on or above each one) compare alike
// everywhere, and with their other decision-relevant fields equal they get the same outcomes.
// The class key says exactly that: the fields a decision reads, with the date and the amounts
// replaced by where they fall. test/compliance/purchase-classes.properties.test.ts checks it
// against the decisions, on dates and amounts on and next to every boundary.
import type { CalendarDate } from '../dates/calendar-date.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { addMonths, isCalendarDate, toDayNumber } from '../dates/calendar-date.js';
import { parsePath } from '../engine/path.js';
import { isBuiltInOperator } from '../engine/operators.js';
import { isPaceError } from '../errors/pace-error.js';
import { argumentShape, parseArgs, parseContract, parseMember, parsePurchase } from './parse-input.js';
import { figureOn, moneyToCents, type ThresholdTable } from './threshold-table.js';
import { isVendorAuthorized } from './derive-facts.js';
import { complianceContext } from './rule-sets.js';

/** The argument of `pace.purchaseClassifier`. */
export interface PurchaseClassifierInput {
  member: Member;
  /** The contract the purchases are bought under (raw or prepared), if any. */
  contract?: unknown;
}

/**
 * The class of a purchase of the classifier's member (under its contract), or undefined when the
 * purchase is not valid, is not the member's or does not cite the contract (a decision on it
 * throws; decide it to learn why), or when the packs' rules read the purchase in a way classes
 * cannot follow (every purchase is then its own class: undefined).
 */
export type PurchaseClassifier = (purchase: unknown) => string | undefined;

/** What the packs' compliance rules read of a purchase, found once per set of packs. */
interface PackReading {
  /** Why purchases cannot be classed under these packs (undefined: they can). */
  readonly unclassable: string | undefined;
  /** Purchase fields a condition reads by path (their first step), besides the derived facts. */
  readonly fields: ReadonlySet<string>;
  /** The dates of the thresholds (their periods) and every literal the purchase or the date is compared with. */
  readonly dates: readonly string[];
  /**
   * The amounts of those literals and of the thresholds but their figures, in cents (each number
   * also read as dollars). The figures bound a purchase's amount only on the days they are used
   * (see figuresOn).
   */
  readonly cents: readonly number[];
  /** The months after which a self-certification lapses (threshold params `validForMonths`). */
  readonly lapseMonths: readonly number[];
}

const readings = new WeakMap<PaceContext, PackReading>();

// Operators that compare by order or equality: on a value that is a literal, their result depends
// only on where the fact falls among the literals. `in`/`notIn` with a string value test for a
// substring, which is not such a comparison.
const ORDER_OPERATORS = new Set(['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain']);

function readPacks(context: PaceContext): PackReading {
  let found = readings.get(context);
  if (found) return found;
  const fields = new Set<string>();
  const literals: unknown[] = [];
  let unclassable: string | undefined;
  const leaf = (node: Record<string, unknown>): void => {
    const fact = node['fact'];
    const path = node['path'];
    const value = node['value'];
    const operator = String(node['operator']);
    // A fact compared with another: the member's, the contract's and the program's facts are the
    // same for every purchase of a classifier; compared with the purchase or the date, not a literal.
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const other = (value as Record<string, unknown>)['fact'];
      if (fact === 'purchase' || fact === 'asOf' || other === 'purchase' || other === 'asOf') unclassable ??= `a condition compares the ${String(fact)} with the ${String(other)}`;
      return;
    }
    if (fact !== 'purchase' && fact !== 'asOf') return;
    const base = operator.split(':').pop()!;
    if (!isBuiltInOperator(base) || !ORDER_OPERATORS.has(base)) unclassable ??= `a condition reads the ${String(fact)} with operator "${operator}"`;
    if ((base === 'in' || base === 'notIn') && typeof value === 'string') unclassable ??= `a condition tests the ${String(fact)} for a substring`;
    // Every literal the date or an amount may be compared with bounds a class, date-like or not.
    literals.push(value);
    if (fact === 'asOf') return;
    let steps: readonly string[] = [];
    try {
      steps = typeof path === 'string' ? parsePath(path) : [];
    } catch {
      steps = [];
    }
    if (steps.length === 0) unclassable ??= 'a condition reads the purchase whole';
    else fields.add(String(steps[0]));
  };
  const walkConditions = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) walkConditions(n);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (Object.hasOwn(record, 'fact')) leaf(record);
      else for (const key of Object.keys(record)) walkConditions(record[key]);
    }
  };
  for (const rule of context.rules) walkConditions(rule.conditions);
  for (const item of context.checklist) {
    walkConditions(item.requiredWhen);
    if (item.decidedBy?.fact === 'purchase') {
      const steps = parsePath(item.decidedBy.path);
      if (steps.length === 0) unclassable ??= 'a checklist item is decided by the purchase whole';
      else fields.add(String(steps[0]));
    }
  }
  const dates = new Set<string>();
  const cents = new Set<number>();
  // The thresholds' periods and parameters, and apart their figures; the rules' and checklist's
  // dates and amounts are the literals their conditions compare the purchase and the date with
  // (collected above).
  for (const { amount: _figure, ...rest } of context.thresholds) collect(rest, dates, cents);
  collect(literals, dates, cents, true);
  const lapseMonths = new Set<number>();
  for (const t of context.thresholds) {
    const months = (t as { params?: Record<string, unknown> }).params?.['validForMonths'];
    if (typeof months === 'number' && Number.isInteger(months)) lapseMonths.add(months);
  }
  found = { unclassable, fields, dates: [...dates], cents: [...cents], lapseMonths: [...lapseMonths] };
  readings.set(context, found);
  return found;
}

const NUMBER_TEXT = /^[+-]?\d{1,15}(?:\.\d+)?$/;
const MONEY_TEXT = /^[+-]?\d{1,15}(?:\.\d{1,2})?$/;

/**
 * Every calendar date and every amount (numbers both as cents and as dollars; decimal strings as
 * dollars and as the number JavaScript reads when it compares them with one) in validated data
 * (trees, no cycles): more boundaries than a decision compares with only make more, smaller classes.
 */
function collect(root: unknown, dates: Set<string>, cents: Set<number>, everyString = false): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (everyString || isCalendarDate(v)) dates.add(v);
      if (NUMBER_TEXT.test(v)) cents.add(Number(v));
      if (MONEY_TEXT.test(v)) cents.add(moneyToCents(v));
    } else if (typeof v === 'number') {
      if (Number.isFinite(v)) cents.add(v).add(v * 100);
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
}

function sortedNumbers(values: Iterable<number>): Float64Array {
  return Float64Array.from(new Set(values)).sort();
}

/**
 * The amounts a purchase's amount is compared with on a day: `others`, and the figure each series
 * uses on that day (figureOn, as required-method.ts compares them): the period in force, the latest
 * known figure standing in for an unknown or lapsed one, and before a series' first known figure
 * the strictest. A series' figure changes only on its periods' dates, which bound the date
 * classes, so these are the same on every day of a date class: a figure of another
 * year no longer splits the amounts of a date (with the vendor's part below, the bench ledger's
 * 20,979 classes became 3,837).
 */
function figuresOn(table: ThresholdTable, day: number, others: ReadonlySet<number>): Float64Array {
  const on = new Set(others);
  for (const series of table.series) {
    const figure = figureOn(series, day);
    if (figure !== undefined) on.add(figure.used.amountCents!);
  }
  return sortedNumbers(on);
}

/** Where a date or an amount falls among sorted boundaries: 2i below the i-th, 2i+1 on it. */
function classAmong<T extends number | string>(x: T, bounds: ArrayLike<T>): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo + (lo < bounds.length && bounds[lo] === x ? 1 : 0);
}

/**
 * A copy of a key built by concatenation that shares no memory with the purchase's strings. The
 * concatenation is a tree whose leaves are the purchase's own strings, and those may be slices of
 * a large text (a CSV chunk): a key kept in a Map would keep that whole text alive (measured:
 * audit-ledger's kept classes held about 1 KB each, 23 MB in all). Slicing the tree copies it into
 * one flat string first.
 */
function independent(key: string): string {
  return `${key} `.slice(0, -1);
}

/** A string part of a key: its length first, so that no content can pass for a separator. */
function part(s: string | undefined): string {
  return s === undefined ? '-;' : `${s.length}:${s};`;
}

const CLASSIFIER_ARGS = argumentShape((r) => ({ member: r['member'], contract: r['contract'] }), ['member']);

/**
 * A classifier of one member's purchases (under one contract): equal classes, equal decisions.
 * Two purchases of the member with the same class get the same outcomes from `checkPurchase`,
 * `procurementMethod`, `auditChecklist` and `checkEligibility` on the purchase's date, given the
 * member and the contract and neither `spentUnderContract`, `changeOrders` nor an `asOf` of its
 * own: the same method, `requiresFormalBid`, thresholds (`applies`, `exceeded`), eligibility,
 * checklist items (`required`, `status`), `missing`, and findings by code. Messages, traces and fields that quote the purchase
 * (its id, date or amount) may differ.
 * @internal
 */
export function purchaseClassifier(context: PaceContext, input: unknown): PurchaseClassifier {
  const args = parseArgs(input, 'purchaseClassifier', CLASSIFIER_ARGS);
  const member = parseMember(args['member']);
  const contract: PreparedContract | undefined = args['contract'] === undefined ? undefined : parseContract(args['contract']);
  const packs = readPacks(context);
  if (packs.unclassable !== undefined) return () => undefined;
  const dateSet = new Set(packs.dates);
  const centSet = new Set(packs.cents);
  const own = new Set<string>();
  // The member's and the contract's dates and amounts that a decision compares a purchase with
  // (derive-facts.ts, required-method.ts): the membership, board authorizations, CUPCCAA election
  // and self-certified threshold; the contract's term with its renewals, and its cap per member.
  collect([member.membership, member.boardAuthorizations, member.cupccaa, member.federalMicroPurchaseThreshold, contract?.term, contract?.maxAmountPerMember], own, centSet);
  for (const d of own) {
    dateSet.add(d);
    // A self-certification lapses a number of months after the date it was made.
    for (const m of packs.lapseMonths) dateSet.add(addMonths(d as CalendarDate, m));
  }
  const dates = [...dateSet].sort();
  // The purchase's amount is bounded by the figures of its date (figuresOn, by date class); the
  // funding lines' amounts by every figure.
  const table = complianceContext(context).thresholds;
  const cents = sortedNumbers([...centSet, ...table.series.flatMap((s) => s.known.map((p) => p.amountCents!))]);
  const amountBounds: Float64Array[] = [];
  const fields = packs.fields;
  // Fields a decision reads only through derived facts, unless a rule reads them by path: the
  // id, description and meta never; the vendor only as `vendorAuthorized` (derive-facts.ts), with
  // a contract: whether it is the contract's vendor or an authorized dealer.
  const readsId = fields.has('id');
  const readsDescription = fields.has('description');
  const readsMeta = fields.has('meta');
  const readsVendor = fields.has('vendorId');
  // Read by path, the amount (a string, compared as one) and the funding lines are kept whole.
  const readsAmountText = fields.has('amount');
  const readsFundingLines = fields.has('funding');
  return (value: unknown): string | undefined => {
    let purchase: Purchase;
    try {
      purchase = parsePurchase(value);
    } catch (e) {
      if (isPaceError(e)) return undefined;
      throw e;
    }
    if (purchase.memberId !== member.id) return undefined;
    if (contract !== undefined && purchase.contractId !== undefined && purchase.contractId !== contract.id) return undefined;
    const amount = moneyToCents(purchase.amount);
    const dateClass = classAmong(purchase.date, dates);
    const bounds = (amountBounds[dateClass] ??= figuresOn(table, toDayNumber(purchase.date), centSet));
    let key = `${dateClass},${classAmong(amount, bounds)};`;
    key += part(purchase.supplyKind) + part(purchase.category) + part(purchase.contractId) + part(purchase.revisionOf);
    key += purchase.emergency === undefined ? '-;' : purchase.emergency ? 't;' : 'f;';
    key += part(purchase.publicWorks?.kind);
    key += purchase.documents === undefined ? '-;' : part(JSON.stringify(purchase.documents));
    const funding = purchase.funding;
    if (funding === undefined) key += '-;';
    else if (readsFundingLines) key += part(JSON.stringify(funding));
    else {
      let sum = 0;
      let federal = 0;
      key += `${funding.length}[`;
      for (const f of funding) {
        const c = moneyToCents(f.amount);
        sum += c;
        if (f.source === 'federal') federal += c;
        key += `${f.source[0]}${classAmong(c, cents)}` + part(f.program);
      }
      key += `]${sum === amount ? 1 : 0},${classAmong(federal, cents)};`;
    }
    if (readsVendor) key += part(purchase.vendorId);
    else if (contract !== undefined) {
      const authorized = isVendorAuthorized(contract, purchase.vendorId);
      key += authorized === undefined ? '-;' : authorized ? 'a;' : 'u;';
    }
    if (readsAmountText) key += part(`${typeof purchase.amount}:${purchase.amount}`);
    if (readsId) key += part(purchase.id);
    if (readsDescription) key += part(purchase.description);
    if (readsMeta) key += part(purchase.meta === undefined ? undefined : JSON.stringify(purchase.meta));
    return independent(key);
  };
}
