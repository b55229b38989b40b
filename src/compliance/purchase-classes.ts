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
import type { Purchase, PurchaseDocument } from '../model/purchase.js';
import type { MoneyInput } from '../model/primitives.js';
import type { PaceContext } from '../pace-context.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { FIRST_DAY_NUMBER, LAST_DAY_NUMBER, fromDayNumber, isCalendarDate, monthsLaterWithin, toDayNumber } from '../dates/calendar-date.js';
import { parsePath } from '../engine/path.js';
import { isBuiltInOperator } from '../engine/operators.js';
import { isPaceError } from '../errors/pace-error.js';
import { argumentShape, parseArgs, parseContract, parseMember, parsePurchase } from './parse-input.js';
import { figureOn, moneyToCents, type ThresholdTable } from './threshold-table.js';
import { fundingProgramKeys, isVendorAuthorized } from './derive-facts.js';
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
  /**
   * The bounds of date classes, as numbers among dateKeys: every literal the purchase or the date
   * is compared with and the thresholds' dates (dateBoundKey), and the ends of the thresholds'
   * periods, each between two days (a period is in force on both its first and its last day).
   */
  readonly dateBounds: readonly number[];
  /**
   * The amounts of those literals and of the thresholds but their figures, in cents (each number
   * also read as dollars). The figures bound a purchase's amount only on the days they are used
   * (see figuresOn).
   */
  readonly cents: readonly number[];
  /** The months after which a self-certification lapses (threshold params `validForMonths`). */
  readonly lapseMonths: readonly number[];
  /**
   * How a decision reads the purchase's documents: `'whole'` (a condition reads them by path: each
   * document's kind, ref and date, in order), `'kinds'` (only their kinds, in order: a condition
   * reads `documentKinds` other than as a set) or `'set'` (only which kinds are on file: the
   * checklist, and conditions that test `documentKinds` with `contains`/`doesNotContain`, as the
   * shipped packs do). A file number quoted on every document then no longer makes every purchase
   * a class of its own.
   */
  readonly documents: 'whole' | 'kinds' | 'set';
  /**
   * The funding program keys a decision tests the purchase's `fundingProgramKeys` for (with
   * `contains`/`doesNotContain`, as the shipped packs do); undefined when a condition reads the
   * list otherwise (an index, a length, an equal list): the whole list, in order, then counts.
   */
  readonly programKeys: readonly string[] | undefined;
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
  let kindsInOrder = false;
  const programKeys = new Set<string>();
  let programKeysInOrder = false;
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
    // `documentKinds` tested for one kind reads a set; an index, a length or an equal list, an order.
    if (steps[0] === 'documentKinds' && !(steps.length === 1 && (base === 'contains' || base === 'doesNotContain'))) kindsInOrder = true;
    // `fundingProgramKeys` tested for one key reads whether the key is there; anything else, the list.
    if (steps[0] === 'fundingProgramKeys') {
      if (steps.length === 1 && (base === 'contains' || base === 'doesNotContain') && typeof value === 'string') programKeys.add(value);
      else programKeysInOrder = true;
    }
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
      if (steps[0] === 'documentKinds') kindsInOrder = true;
      if (steps[0] === 'fundingProgramKeys') programKeysInOrder = true;
    }
  }
  const dates = new Set<string>();
  const cents = new Set<number>();
  // The thresholds' periods and parameters, and apart their figures; the rules' and checklist's
  // dates and amounts are the literals their conditions compare the purchase and the date with
  // (collected above).
  const dateBounds = new Set<number>();
  for (const { amount: _figure, effectiveFrom, effectiveTo, ...rest } of context.thresholds) {
    collect(rest, dates, cents);
    // A figure is in force from its first day to its last, both included (lookupThreshold,
    // figureOn): a date on either falls with the days inside the period, not in a class of its
    // own. (Classed apart, the days on which the bid limits change split every class of the
    // bench ledger's dates around January 1 in three.)
    dateBounds.add(dateKey(effectiveFrom) - 1);
    if (effectiveTo !== undefined) dateBounds.add(dateKey(effectiveTo) + 1);
  }
  collect(literals, dates, cents, true);
  for (const d of dates) dateBounds.add(dateBoundKey(d));
  const lapseMonths = new Set<number>();
  for (const t of context.thresholds) {
    const months = (t as { params?: Record<string, unknown> }).params?.['validForMonths'];
    if (typeof months === 'number' && Number.isInteger(months)) lapseMonths.add(months);
  }
  const documents = fields.has('documents') ? 'whole' : kindsInOrder ? 'kinds' : 'set';
  found = { unclassable, fields, dateBounds: [...dateBounds], cents: [...cents], lapseMonths: [...lapseMonths], documents, programKeys: programKeysInOrder ? undefined : [...programKeys].sort() };
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
function classAmong(x: number, bounds: ArrayLike<number>): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo + (lo < bounds.length && bounds[lo] === x ? 1 : 0);
}

/** A calendar date (validated) as a number in date order: twice its digits read as yyyymmdd. @internal */
export function dateKey(date: string): number {
  let n = 0;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7) n = n * 10 + (date.charCodeAt(i) - 48);
  return 2 * n;
}

/**
 * A date bound (any string) as a number that classes a date's dateKey as the text classes the
 * date: a calendar date its dateKey; any other string one less than the dateKey of the first
 * calendar date after it (no date equals it, and dates compare with it as with that one's key
 * less a half), or Infinity.
 * @internal
 */
export function dateBoundKey(bound: string): number {
  const key = isCalendarDate(bound) ? dateKey(bound) : undefined;
  if (key !== undefined) return key;
  let lo = FIRST_DAY_NUMBER;
  let hi = LAST_DAY_NUMBER + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fromDayNumber(mid) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo > LAST_DAY_NUMBER ? Infinity : dateKey(fromDayNumber(lo)) - 1;
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
 * A node of a classifier's trie of key parts (all but the date and the amount): purchases with the
 * same parts reach the same node, which holds their text. A row then costs a few lookups of its own
 * field values, where building, copying and hashing its key string cost about a tenth of
 * audit-ledger's run (200,000 rows).
 */
interface ClassNode {
  /** Unique among the classifier's nodes (also across a reset of its trie). */
  readonly id: number;
  /** The key's parts after the date and the amount, as `part` and the literals below write them. */
  readonly rest: string;
  /** The child for an absent value. */
  none: ClassNode | undefined;
  next: Map<string, ClassNode> | undefined;
}

/** Nodes a classifier's trie holds before it starts anew (only values that differ on nearly every row fill it: a category of its own on each, or documents quoting a file number under packs that read documents by path). */
const MAX_CLASS_NODES = 1 << 14;

/**
 * The classes of one member's purchases (under one contract): `key` names a purchase's class as
 * purchaseClassifier does, `number` numbers it (undefined when keys have a tail). A class is a node
 * of the trie (the fields but the date and the amount), the date's and the amount's classes, and a
 * tail: the parts read by path that differ on nearly every purchase (its id, its description, its
 * amount as written, its meta; none under packs that read none of them, as the shipped ones).
 * (Closures over local variables rather than a class: the library's size budget counts property
 * names, which minifying keeps.)
 */
interface Classes {
  key(purchase: unknown): string | undefined;
  /** Undefined when the class reads the purchase's id, description, meta or amount as written (see purchaseClassNumbering). */
  node: NodeNumbering['node'] | undefined;
  at: NodeNumbering['at'];
}

// `keyed`: the trie's nodes hold their keys' text (purchaseClassifier). Numbering needs only the
// nodes: without the text a node is about a third of the memory (a ledger's thread holds a trie for
// each member and contract it buys under; a worker ran out of heap on 300,000 rows with documents).
function classesOf(context: PaceContext, input: unknown, caller: string, keyed = true, budget?: NodeBudget): Classes | undefined {
  const args = parseArgs(input, caller, CLASSIFIER_ARGS);
  const member = parseMember(args['member']);
  const contract: PreparedContract | undefined = args['contract'] === undefined ? undefined : parseContract(args['contract']);
  const packs = readPacks(context);
  if (packs.unclassable !== undefined) return undefined;
  const dateSet = new Set(packs.dateBounds);
  const centSet = new Set(packs.cents);
  const own = new Set<string>();
  // The member's and the contract's dates and amounts that a decision compares a purchase with
  // (derive-facts.ts, required-method.ts): the membership, board authorizations, CUPCCAA election
  // and self-certified threshold; the contract's term with its renewals, and its cap per member.
  collect([member.membership, member.boardAuthorizations, member.cupccaa, member.federalMicroPurchaseThreshold, contract?.term, contract?.maxAmountPerMember], own, centSet);
  for (const d of own) {
    dateSet.add(dateKey(d));
    // A self-certification lapses a number of months after the date it was made.
    for (const m of packs.lapseMonths) {
      const lapse = monthsLaterWithin(d as CalendarDate, m);
      if (lapse !== undefined) dateSet.add(dateKey(lapse));
    }
  }
  const dates = Float64Array.from(dateSet).sort();
  // The purchase's amount is bounded by the figures of its date (figuresOn, by date class); the
  // funding lines' amounts by every figure.
  const table = complianceContext(context).thresholds;
  const cents = sortedNumbers([...centSet, ...table.series.flatMap((s) => s.known.map((p) => p.amountCents!))]);
  const amountBounds: Float64Array[] = [];
  // Classes below, on and above each bound (classAmong); figuresOn's bounds are at most the
  // amounts besides the figures and one figure a series.
  const dateSpan = 2 * dates.length + 2;
  const amountSpan = 2 * (centSet.size + table.series.length) + 2;
  const fields = packs.fields;
  // Fields a decision reads only through derived facts, unless a rule reads them by path: the
  // id, description and meta never; the vendor only as `vendorAuthorized` (derive-facts.ts), with
  // a contract: whether it is the contract's vendor or an authorized dealer.
  const readsId = fields.has('id');
  const readsDescription = fields.has('description');
  const readsMeta = fields.has('meta');
  const readsVendor = fields.has('vendorId');
  // The category, unless read by path, only as whether it is in each list a decision looks it up
  // in (derive-facts.ts): the contract's categories, its program's, and those of the member's
  // board authorizations. Without a contract it decides nothing. (A ledger tagging POs with
  // hundreds of commodity codes otherwise had as many times the classes.)
  const readsCategory = fields.has('category');
  const program = contract && context.programs.get(contract.programId);
  const categoryLists = contract ? [contract.categories, program?.categories.map((c) => c.id) ?? [], ...(member.boardAuthorizations ?? []).map((a) => a.scope.categories ?? [])] : [];
  // Read by path, the amount (a string, compared as one) and the funding lines are kept whole.
  const readsAmountText = fields.has('amount');
  const readsFundingLines = fields.has('funding');
  // The funding programs, unless the lines are read whole, only as the keys a decision looks for.
  const readsProgramKeys = !readsFundingLines && fields.has('fundingProgramKeys');
  const hasTail = readsId || readsDescription || readsMeta || readsAmountText;

  // The trie: nodes in it now, and made in all (numbering them).
  let nodes = 0;
  let made = 0;
  const node = (rest: string): ClassNode => {
    nodes++;
    if (budget) budget.live++;
    return { id: made++, rest, none: undefined, next: undefined };
  };
  let root = node('');
  // The child of `at` for a part's value: absent is `-;`, a string is written `part(value)`, or as
  // it is when `literal` (values this file writes itself, such as `t;`).
  const step = (at: ClassNode, value: string | undefined, literal: boolean): ClassNode => {
    if (value === undefined) return (at.none ??= node(keyed ? `${at.rest}-;` : ''));
    let next = at.next?.get(value);
    if (next === undefined) {
      // Copies, the key too: the value may be a slice of a large text (a CSV chunk) that the node
      // or the key would keep alive (a ledger's chunks of 256 KB, one for each document list
      // first seen in it, ran a worker's heap out of memory).
      next = node(keyed ? independent(at.rest + (literal ? value : part(value))) : '');
      (at.next ??= new Map()).set(independent(value), next);
    }
    return next;
  };
  // A child of `at` that holds no text (inside a list: the node at the list's end holds it).
  const inside = (at: ClassNode, value: string | undefined): ClassNode => {
    if (value === undefined) return (at.none ??= node(''));
    let next = at.next?.get(value);
    if (next === undefined) (at.next ??= new Map()).set(independent(value), (next = node('')));
    return next;
  };
  // The node after a purchase's documents: a step for the list, then for each document what a
  // decision reads of it (packs.documents): its kind, ref and date, or its kind, in order; or each
  // kind on file once, in text order (a kind is never empty: an absent one ends the list). The
  // node at the end holds the list's JSON, its fields in the schema's order whatever their order
  // in the input.
  const afterDocuments = (at: ClassNode, documents: readonly PurchaseDocument[] | undefined): ClassNode => {
    if (documents === undefined) return step(at, undefined, true);
    let end = inside(at, '[');
    if (packs.documents === 'whole') {
      for (const d of documents) end = inside(inside(inside(end, d.kind), d.ref), d.date);
      return (end.none ??= node(keyed ? independent(at.rest + part(JSON.stringify(documents.map(({ kind, ref, date }) => ({ kind, ref, date }))))) : ''));
    }
    let kinds = documents.map((d) => d.kind);
    if (packs.documents === 'set') kinds = [...new Set(kinds)].sort();
    for (const kind of kinds) end = inside(end, kind);
    return (end.none ??= node(keyed ? independent(at.rest + part(JSON.stringify(kinds))) : ''));
  };

  // The classes of the purchase classified last.
  let dateClass = 0;
  let amountClass = 0;
  let tail = '';
  // Sets the classes of a date and an amount (validated), and gives the amount in cents.
  const classOn = (date: string, money: MoneyInput): number => {
    const amount = moneyToCents(money);
    dateClass = classAmong(dateKey(date), dates);
    amountClass = classAmong(amount, (amountBounds[dateClass] ??= figuresOn(table, toDayNumber(date), centSet)));
    return amount;
  };
  // Its node (setting the classes and the tail), or undefined: see PurchaseClassifier.
  const classify = (value: unknown): ClassNode | undefined => {
    let purchase: Purchase;
    try {
      purchase = parsePurchase(value);
    } catch (e) {
      if (isPaceError(e)) return undefined;
      throw e;
    }
    if (purchase.memberId !== member.id) return undefined;
    if (contract !== undefined && purchase.contractId !== undefined && purchase.contractId !== contract.id) return undefined;
    if (nodes > MAX_CLASS_NODES || (budget !== undefined && budget.live > budget.limit)) {
      if (budget) budget.live -= nodes;
      nodes = 0;
      root = node('');
    }
    const amount = classOn(purchase.date, purchase.amount);
    let at = step(root, purchase.supplyKind, false);
    const category = purchase.category;
    at = readsCategory || category === undefined ? step(at, category, false) : step(at, `c${categoryLists.map((list) => (list.includes(category) ? 1 : 0)).join('')};`, true);
    at = step(at, purchase.contractId, false);
    at = step(at, purchase.revisionOf, false);
    at = step(at, purchase.emergency === undefined ? undefined : purchase.emergency ? 't;' : 'f;', true);
    at = step(at, purchase.publicWorks?.kind, false);
    at = afterDocuments(at, purchase.documents);
    const funding = purchase.funding;
    if (funding === undefined) at = step(at, undefined, true);
    else if (readsFundingLines) at = step(at, JSON.stringify(funding), false);
    else {
      // What a decision reads of the lines (derive-facts.ts): whether one is federal, the federal
      // amount, and whether they add up to the amount; not each line, nor its program (a ledger
      // naming its resource codes had as many times the classes).
      let sum = 0;
      let federal = 0;
      let kind = funding.length === 0 ? 'e' : 'n';
      for (const f of funding) {
        const c = moneyToCents(f.amount);
        sum += c;
        if (f.source === 'federal') {
          federal += c;
          kind = 'f';
        }
      }
      at = step(at, `${kind}${sum === amount ? 1 : 0},${classAmong(federal, cents)};`, true);
    }
    if (readsProgramKeys) {
      // Which of the keys the packs test for the lines name (a program they do not test for, a
      // resource code, decides nothing), or the whole list when a condition reads it otherwise.
      const keys = fundingProgramKeys(funding);
      const looked = packs.programKeys;
      at = step(at, looked === undefined ? JSON.stringify(keys) : `p${looked.map((k) => (keys.includes(k) ? 1 : 0)).join('')};`, looked !== undefined);
    }
    if (readsVendor) at = step(at, purchase.vendorId, false);
    else if (contract !== undefined) {
      const authorized = isVendorAuthorized(contract, purchase.vendorId);
      at = step(at, authorized === undefined ? undefined : authorized ? 'a;' : 'u;', true);
    }
    if (hasTail) {
      tail = '';
      if (readsAmountText) tail += part(`${typeof purchase.amount}:${purchase.amount}`);
      if (readsId) tail += part(purchase.id);
      if (readsDescription) tail += part(purchase.description);
      if (readsMeta) tail += part(purchase.meta === undefined ? undefined : JSON.stringify(purchase.meta));
    }
    return at;
  };
  return {
    key: (value) => {
      const at = classify(value);
      if (at === undefined) return undefined;
      // Numbers, and text copied when its node was made: the key keeps no input text alive, unless
      // its tail quotes the purchase.
      const key = `${dateClass},${amountClass};${at.rest}`;
      return hasTail ? independent(key + tail) : key;
    },
    node: hasTail ? undefined : (value) => classify(value)?.id,
    at: (id, date, amount) => (classOn(date, amount), (id * dateSpan + dateClass) * amountSpan + amountClass),
  };
}

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
  return classesOf(context, input, 'purchaseClassifier')?.key ?? (() => undefined);
}

/**
 * Classes as numbers, for a caller that keeps decisions by class in its own tables (audit-ledger):
 * two purchases of the member get the same number only when `purchaseClassifier` gives them the
 * same key, and purchases with the same key get the same number while the classifier's table of
 * key parts holds it (it starts anew after MAX_CLASS_NODES parts, or when the numberings sharing
 * `budget` hold more than its limit: a class then gets a new number, never another class's). Undefined for a purchase `purchaseClassifier` has no class for, and for every
 * purchase when the packs read its id, description, meta or amount as written (nearly every
 * purchase its own class: nothing to number).
 * @internal
 */
export function purchaseClassNumbering(context: PaceContext, input: unknown, budget?: NodeBudget): ((purchase: unknown) => number | undefined) & Partial<NodeNumbering> {
  const classes = classesOf(context, input, 'purchaseClassifier', false, budget);
  const node = classes?.node;
  if (node === undefined) return () => undefined;
  const at = classes!.at;
  const number = (purchase: unknown): number | undefined => {
    const id = node(purchase);
    // (a purchase with a node is valid: its date and amount are)
    return id === undefined ? undefined : at(id, (purchase as Purchase).date, (purchase as Purchase).amount);
  };
  return Object.assign(number, { node, at });
}

/**
 * A class number in two steps: `node`, what of a purchase its class reads besides its date and
 * amount (undefined where the numbering has none), then `at` the class of that node's purchases
 * on a date and at an amount (validated, as a purchase's). With no funding lines, the node reads
 * neither (funding lines are compared with the amount): a caller that has seen a purchase's other
 * fields before numbers the next one without validating or walking them again (audit-ledger's CSV
 * rows). A node's number stays its own when the table starts anew.
 * @internal
 */
export interface NodeNumbering {
  node(purchase: unknown): number | undefined;
  at(node: number, date: string, amount: MoneyInput): number;
}

/**
 * Nodes shared by the numberings of one caller (a ledger's thread holds one for each member and
 * contract it buys under): past `limit` nodes in all, the numbering that adds the next purchase
 * starts its table anew, so that what they hold together stays bounded whatever the ledger.
 * @internal
 */
export interface NodeBudget {
  live: number;
  readonly limit: number;
}
