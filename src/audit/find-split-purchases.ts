import { toDayNumber, type CalendarDate } from '../dates/calendar-date.js';
import { fiscalStartYearOf } from '../dates/fiscal-year.js';
import { PaceError } from '../errors/pace-error.js';
import { parseSplitPurchaseOptions, type ParsedOptions } from './split-purchase-options.js';
import { ASSUMED, Regimes, isElectionUndated, judgedAgainst, limitKindOf, limitsOf, lower, type Regime } from './member-regimes.js';
import { formatCents } from '../money/format-cents.js';
import type { Finding } from '../decision.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import { parsePurchase } from '../compliance/parse-input.js';
import { belowZero } from '../compliance/decide.js';
import { readInput, readList } from '../model/read-input.js';
import { complianceContext } from '../compliance/rule-sets.js';
import { hasFederalFunds } from '../compliance/derive-facts.js';
import { reportBoundaries } from './split-boundaries.js';
import { sortByDayThenId } from './by-day-then-id.js';
import { citationOf, couldBeOver, groupOf, isOver, regimeAndFigureFindings, reportSplit, sumCents, type Row, type SplitPurchaseGroup, type SplitPurchaseGroupKind } from './split-groups.js';
import { figureOn, isExceeded, lookupAllThresholds, moneyToCents, type ThresholdPeriod, type ThresholdTable } from '../compliance/threshold-table.js';
import { selfCertifiedMicroPurchase } from '../compliance/required-method.js';

// The groups' shapes and how a window becomes a group are in split-groups.ts; the windows across
// July 1 in split-boundaries.ts.
export type { SplitPurchaseGroup, SplitPurchaseGroupKind } from './split-groups.js';

/**
 * Options of `pace.findSplitPurchases`.
 * @example
 * ```ts
 * const options: SplitPurchaseOptions = { window: { days: 30 }, members: [district], acrossVendors: true };
 * ```
 */
export interface SplitPurchaseOptions {
  /**
   * How purchases are grouped in time: `'fiscal-year'` (the default: July 1 - June 30), or
   * `{ days }`: purchases chained while each follows the previous one by at most `days` days.
   */
  window?: 'fiscal-year' | { days: number };
  /**
   * The members whose purchases these are: each member's own regime then decides the limit (its
   * kind, a JPA's `regimeOf`, its CUPCCAA election). Without them every purchaser is taken to be a
   * school district that did not elect CUPCCAA, and each group says so in an `info` finding.
   */
  members?: readonly Member[];
  /**
   * Besides each vendor's groups (as without the option), group the same category across vendors
   * (PCC § 20116 speaks of "any work, project, service, or purchase"): groups of a category that
   * take purchases of more than one vendor are added; a purchase naming no category is only in its
   * vendor's (copy paper and bus tires of two vendors have nothing in common). A purchase may then
   * be in a vendor's split and a category's.
   */
  acrossVendors?: boolean;
}


const SPLIT_KINDS: ReadonlySet<string> = new Set(['goods', 'services', 'public-works', 'professional-services']);


/**
 * Finds purchases that look split to evade the bid limit (PCC § 20116; § 22033 for CUPCCAA
 * public projects; § 20657 for community college districts): purchases of the same member, vendor
 * (and, with `acrossVendors`, category across vendors) and supply kind in one fiscal year (or chained with gaps of
 * at most `days`), each within the limit of its own date, whose total is over the limit the group
 * is judged against: the lowest of the member's own regime in force on the purchases' dates (for a public
 * work naming its kind, as procurementMethod reads `publicWorksKinds`: maintenance is grouped apart
 * from public projects and judged against PCC § 20111(a); under CUPCCAA, work within the
 * force-account limit is judged against it, § 22032(a), and work over it, bid informally, against
 * the formal-bidding limit). Change orders
 * (`revisionOf`) fold into their PO; a PO they carry over its limit is reported on its own
 * (`change-orders`). Purchases under a cooperative contract are left out, and so is a PO that is
 * itself over its limit (its own procurement). With the default window, purchases just across July 1
 * that would be a split within a rolling year are a `fiscal-year-boundary` warning; purchases with
 * federal money from one vendor, each a micro-purchase, together over the threshold (a member's
 * self-certified one while it is in force), a `federal-micro-purchase` warning. Ids are taken as
 * given (a repeated id is not an error).
 *
 * @param context - The layered packs (bid limits: thresholds with `method: 'formal-bid'`, and
 *   `'informal-bid'` ones that name a `params.splittingCitation`).
 * @param purchases - The purchases (validated; bad ones throw a PaceError naming `$.purchases[i]`).
 * @param options - `{ window?, members?, acrossVendors? }`.
 * @returns The groups, sorted by member, vendor, supply kind, first date and kind.
 * @internal
 */
export function findSplitPurchases(context: PaceContext, input: unknown, options?: unknown): SplitPurchaseGroup[] {
  // The list is read once, under a guard (a getter or Proxy trap that throws is a PaceError naming
  // it, a list over MAX_INPUT_ARRAY_LENGTH is refused before it is walked); each purchase is then
  // read once by its parser. The options are read once into a private copy.
  const purchases = readList(input, '$.purchases', 'purchases');
  if (purchases === undefined) {
    throw new PaceError('invalid-input', 'findSplitPurchases expects an array of purchases', [{ path: '$.purchases', message: 'expected an array of purchases' }]);
  }
  const parsedOptions = parseSplitPurchaseOptions(readInput(options, '$.options', 'options'));
  const n = purchases.length;
  const parsed: Purchase[] = new Array<Purchase>(n);
  for (let i = 0; i < n; i++) parsed[i] = parsePurchase(purchases[i], `$.purchases[${i}]`);
  return findSplitGroups(context, parsed, parsedOptions);
}

/**
 * {@link findSplitPurchases} on purchases and options already validated: for a caller whose
 * purchases were each validated when it read them (audit-ledger's rows, rebuilt from the columns it
 * keeps), which would otherwise pay for every purchase being validated again. `ownCents[i]`: the
 * amount purchase i was issued at, when the caller gives it already folded with change orders that
 * took more off than they added (it is then judged as issued: over its limit, its own procurement).
 * @internal
 */
export function findSplitGroups(context: PaceContext, parsed: readonly Purchase[], options: ParsedOptions, ownCents?: readonly (number | undefined)[]): SplitPurchaseGroup[] {
  const out = groupsUnder(context, parsed, options, ownCents, true);
  if (options.members !== undefined) addGroupsWithoutUndatedElections(context, parsed, options, ownCents, out);
  out.sort(compareGroups);
  return out;
}

/**
 * The groups with every undated CUPCCAA election (no `cupccaa.since`) taken to be in force on every
 * date, or on none (`undatedInForce` false: then no federal groups, which no election changes). Unsorted.
 */
function groupsUnder(context: PaceContext, parsed: readonly Purchase[], options: ParsedOptions, ownCents: readonly (number | undefined)[] | undefined, undatedInForce: boolean): SplitPurchaseGroup[] {
  const { days: windowDays, members, acrossVendors } = options;
  const table = complianceContext(context).thresholds;
  const limits = limitsOf(table);
  const rule = context.rules.find((r) => r.event.params?.['code'] === 'member-regime-unknown');
  const regimes = new Regimes(members, rule && { id: rule.id, pack: rule.pack, citation: rule.citation }, undatedInForce);

  const n = parsed.length;
  let revised: Set<string> | undefined;
  for (let i = 0; i < n; i++) {
    const p = parsed[i]!;
    if (p.revisionOf !== undefined) (revised ??= new Set()).add(p.revisionOf);
  }
  // The ids change orders name, and where each first occurs: only those are looked up.
  const firstById = new Map<string, number>();
  if (revised) {
    for (let i = 0; i < n; i++) if (revised.has(parsed[i]!.id) && !firstById.has(parsed[i]!.id)) firstById.set(parsed[i]!.id, i);
  }

  // Change orders fold into the PO at the root of their revisionOf chain (when it is given).
  const rootOf = (i: number): number => {
    let at = i;
    for (let steps = 0; steps <= n; steps++) {
      const parent = parsed[at]!.revisionOf;
      const next = parent === undefined ? undefined : firstById.get(parent);
      if (next === undefined || next === at) return at;
      at = next;
    }
    return i; // a cycle of change orders: each stands alone
  };
  const rows: (Row | undefined)[] = new Array<Row | undefined>(n);
  const dayCache = new Map<string, number>();
  const dayOf = (date: string): number => {
    let day = dayCache.get(date);
    if (day === undefined) dayCache.set(date, (day = toDayNumber(date)));
    return day;
  };
  const changeOrdersOf = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = revised ? rootOf(i) : i;
    if (root !== i) {
      const list = changeOrdersOf.get(root);
      if (list) list.push(i);
      else changeOrdersOf.set(root, [i]);
      continue;
    }
    const p = parsed[i]!;
    if (p.contractId !== undefined) continue;
    const cents = moneyToCents(p.amount);
    rows[i] = { purchase: p, day: dayOf(p.date), fy: fiscalStartYearOf(p.date), ownCents: ownCents?.[i] ?? cents, cents, changeOrders: NO_CHANGE_ORDERS, limit: null, upper: null, limitFallback: false, regime: ASSUMED_REGIME };
  }
  for (const [root, list] of changeOrdersOf) {
    const row = rows[root];
    if (!row) continue;
    list.sort((a, b) => dayOf(parsed[a]!.date) - dayOf(parsed[b]!.date) || compareText(parsed[a]!.id, parsed[b]!.id));
    row.changeOrders = list.map((i) => parsed[i]!);
    for (const i of list) row.cents += moneyToCents(parsed[i]!.amount);
    // Change orders that bring a PO below zero are refused, naming the latest; those of a PO not in
    // the list (the root is a change order itself) lower nothing here, and are left out.
    if (row.cents < 0 && row.purchase.revisionOf === undefined) throw belowZero(`$.purchases[${list[list.length - 1]!}]`, row.purchase.id, formatCents(row.cents));
  }
  for (let i = 0; i < n; i++) if (rows[i] !== undefined && rows[i]!.cents < 0) rows[i] = undefined;

  const out: SplitPurchaseGroup[] = [];
  // member → vendor or category → supply kind (or a public work's kind of its own limits: maintenance) → row indexes
  const buckets = new Map<string, Map<string | undefined, Map<string, number[]>>>();
  // (with acrossVendors: the categorized purchases by category as well)
  let byCategory: typeof buckets | undefined;
  const federalBuckets = new Map<string, Map<string | undefined, number[]>>();
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!row) continue;
    const p = row.purchase;
    if (!SPLIT_KINDS.has(p.supplyKind)) continue;
    row.regime = regimes.of(p.memberId, p.date);
    if (p.vendorId !== undefined && hasFederalFunds(p)) pushTo(federalBuckets, p.memberId, p.vendorId, i);
    const limitKind = limitKindOf(p);
    const hits = limits.on(row.regime, limitKind, row.day);
    if (hits === null) continue;
    const { hit, upper } = judgedAgainst(hits, row.ownCents);
    row.limit = hit.used;
    row.limitFallback = hit.fallback;
    row.upper = upper;
    if (isExceeded(row.ownCents, hit.used)) continue;
    if (isExceeded(row.cents, hit.used)) {
      // Against the highest limit its change orders carry it over (a $70,000 force-account job
      // raised to $230,000 passed the formal-bidding limit, not only the force-account one).
      let over = hit;
      for (const h of hits) if (isExceeded(row.cents, h.used) && !isExceeded(row.ownCents, h.used)) over = h;
      out.push(changeOrderGroup(row, over.used, over.fallback));
      // Still within the formal-bidding limit above the force-account one it passed, it counts
      // toward a split that escaped formal bidding (judged against that limit only).
      if (row.upper === null || isExceeded(row.cents, row.upper)) continue;
      row.limit = row.upper;
      row.upper = null;
    }
    // (maintenance apart from public projects: its own limit, PCC § 20111(a))
    const bucketKind = limits.bucketKindOf(limitKind);
    const vendorKey = p.vendorId === undefined ? undefined : `v ${p.vendorId}`;
    // Every purchase with its vendor's; with acrossVendors, one naming a category with that
    // category's too (one that names none has nothing in common with another vendor's: copy
    // paper and bus tires).
    pushToBucket(buckets, p.memberId, vendorKey, bucketKind, i);
    if (acrossVendors && p.category !== undefined) pushToBucket((byCategory ??= new Map()), p.memberId, `c ${p.category}`, bucketKind, i);
  }

  // Lists of rows are built by push, so that every list the group finders see is a packed array
  // (Array.prototype.map's are holey: a second kind of array at each of their sites).
  const rowsAt = (list: readonly number[]): Row[] => {
    const out: Row[] = [];
    for (const i of list) out.push(rows[i]!);
    return out;
  };
  // The groups of each bucket (`byCategory`: buckets of a category across vendors).
  const judge = (bucketsOf: typeof buckets, byCategory: boolean): void => {
    for (const byKey of bucketsOf.values()) {
      for (const byKind of byKey.values()) {
        for (const list of byKind.values()) {
          if (list.length < 2) continue;
          sortByDayThenId(list, rows);
          const rowsOf = rowsAt(list);
          // No window of the bucket can pass the lowest limit of its purchases when all of them together do not.
          if (!couldBeOver(rowsOf)) continue;
          let inSplits: Map<Row, ThresholdPeriod> | undefined;
          for (const [start, end] of windows(rowsOf, windowDays)) {
            // A window may hold more than one split: the purchases a group leaves out can make one of
            // their own against another limit (two $10,000 repairs before a CUPCCAA election, over
            // § 20111(b)'s $15,000, and two $40,000 ones after it, over force account's $75,000).
            let window = end - start > 1 ? rowsOf.slice(start, end) : [];
            while (window.length > 1) {
              const group = reportSplit(window, 'split', byCategory, out);
              if (!group) break;
              const kept = (inSplits ??= new Map());
              for (const r of group.kept) kept.set(r, group.limit);
              window = window.filter((r) => !kept.has(r));
            }
          }
          if (windowDays === undefined && rowsOf[0]!.fy !== rowsOf[rowsOf.length - 1]!.fy) reportBoundaries(rowsOf, inSplits, byCategory, out);
        }
      }
    }
  };
  judge(buckets, false);
  if (byCategory !== undefined) {
    // With acrossVendors, the groups above (each vendor's, as without it) and the groups of a
    // category that take purchases of more than one vendor: one vendor's are its own groups' to
    // find (its $60,000 of copy paper and $60,000 more keyed with no category; a CUPCCAA district's
    // two $50,000 HVAC jobs and a $150,000 one with no category, $250,000 that escaped formal
    // bidding, not the $100,000 force-account split the category alone holds).
    // (a group of purchases naming no vendor may be both)
    const first = out.length;
    const noVendor = new Set<string>();
    for (let k = 0; k < first; k++) if (out[k]!.vendorId === undefined) noVendor.add(groupKey(out[k]!));
    judge(byCategory, true);
    let w = first;
    const vendorsOf = out.length > first ? vendorsById(parsed) : undefined;
    for (let k = first; k < out.length; k++) if (namedVendors(out[k]!, vendorsOf!) > 1 && !noVendor.has(groupKey(out[k]!))) out[w++] = out[k]!;
    out.length = w;
  }
  for (const byVendor of undatedInForce ? federalBuckets.values() : []) {
    for (const list of byVendor.values()) {
      if (list.length < 2) continue;
      sortByDayThenId(list, rows);
      const rowsOf = rowsAt(list);
      for (const [start, end] of windows(rowsOf, windowDays)) {
        if (end - start > 1) reportFederal(rowsOf.slice(start, end), table, regimes, out);
      }
    }
  }
  return out;
}

/**
 * A member that says it elected CUPCCAA but gives no date (`cupccaa.since`) is judged both ways:
 * with the election on its word (the groups above, as procurementMethod takes it) and without it,
 * the stricter reading for public projects (PCC § 20111(b): $15,000). A group only one reading finds
 * says which, in a `cupccaa-election-date-unknown` warning; a split found only without the
 * election is a warning, not a block, as procurementMethod's answer for such a member is.
 */
function addGroupsWithoutUndatedElections(context: PaceContext, parsed: readonly Purchase[], options: ParsedOptions, ownCents: readonly (number | undefined)[] | undefined, out: SplitPurchaseGroup[]): void {
  const undated = new Set<string>();
  for (const m of options.members!.values()) if (isElectionUndated(m)) undated.add(m.id);
  if (undated.size === 0) return;
  const theirs: Purchase[] = [];
  const theirCents: (number | undefined)[] = [];
  for (let i = 0; i < parsed.length; i++) {
    if (!undated.has(parsed[i]!.memberId)) continue;
    theirs.push(parsed[i]!);
    theirCents.push(ownCents?.[i]);
  }
  const keyOf = (g: SplitPurchaseGroup): string => `${g.kind}\u0000${g.memberId}\u0000${g.supplyKind}\u0000${g.purchaseIds.join('\u0000')}`;
  const without = groupsUnder(context, theirs, options, theirCents, false);
  const withoutKeys = new Set(without.map(keyOf));
  const withKeys = new Set<string>();
  const table = complianceContext(context).thresholds;
  const citation = electionCitationOf(table);
  const finding = (g: SplitPurchaseGroup, withElection: boolean, judged: string): Finding => ({
    code: 'cupccaa-election-date-unknown',
    severity: 'warn',
    message: `Member "${g.memberId}" says it elected CUPCCAA but gives no date for the election (cupccaa.since). CUPCCAA applies only once the governing board has elected it by resolution and notified the State Controller. ${judged} Add the date of the board's resolution to the member record.`,
    ...(citation !== undefined ? { citation } : { citation: g.citation }),
    ruleId: g.thresholdId,
    pack: findingPackOf(g),
    data: { withElection, threshold: g.threshold, thresholdId: g.thresholdId },
  });
  for (const g of out) {
    if (!undated.has(g.memberId) || g.kind === 'federal-micro-purchase') continue;
    const key = keyOf(g);
    withKeys.add(key);
    if (!withoutKeys.has(key)) g.findings.push(finding(g, true, `With the election in force on the member's word, the purchases were judged against the CUPCCAA limit of ${g.threshold} (${g.thresholdId}). Without it (as for an election dated after them) they do not form this group: each is judged against the limits of a member that did not elect CUPCCAA, and one over its limit needed a bid of its own.`));
  }
  for (const g of without) {
    if (withKeys.has(keyOf(g))) continue;
    for (const f of g.findings) if (f.code === 'split-purchase') f.severity = 'warn';
    g.findings.push(finding(g, false, `Without the election in force (as for an election dated after them), these purchases are judged against ${g.threshold} (${g.thresholdId}) and form this group; with it, on the member's word, the CUPCCAA limits apply and they do not. The group rests on the election's date.`));
    out.push(g);
  }
}

/** The pack of a group's findings (that of its limit). */
function findingPackOf(g: SplitPurchaseGroup): string {
  return g.findings[0]?.pack ?? '';
}

/** The section the pack cites for a CUPCCAA election (a CUPCCAA period's `electionCitation`). */
function electionCitationOf(table: ThresholdTable): string | undefined {
  for (const s of table.series) {
    for (const p of s.periods) {
      const citation = p.params?.['electionCitation'];
      if (typeof citation === 'string') return citation;
    }
  }
  return undefined;
}

const ASSUMED_REGIME: Regime = { key: '*', kind: undefined, cupccaa: false, memberId: '', finding: ASSUMED, limits: new Map() };
const NO_CHANGE_ORDERS: readonly Purchase[] = [];

/**
 * The federal micro-purchase threshold as a member's self-certification replaces it on a date (its
 * amount, with the ceiling's citation), or undefined when none is in force. One period per
 * certified amount and ceiling, so that the groups of a ledger compare them as one.
 */
function selfCertifiedLimit(federal: ThresholdPeriod, member: Member, date: CalendarDate, table: ThresholdTable): ThresholdPeriod | undefined {
  const certified = selfCertifiedMicroPurchase(member, date, table, lookupAllThresholds(table, toDayNumber(date)));
  if (certified === undefined || certified.lapsed) return undefined;
  const key = `${certified.cents}\u0000${certified.ceiling.id}\u0000${federal.id}`;
  let periods = certifiedPeriods.get(table);
  if (periods === undefined) certifiedPeriods.set(table, (periods = new Map()));
  let period = periods.get(key);
  if (period === undefined) {
    period = { ...federal, id: 'member.federalMicroPurchaseThreshold', amount: formatCents(certified.cents), amountCents: certified.cents, citation: certified.ceiling.citation };
    if (periods.size >= 1024) periods.clear();
    periods.set(key, period);
  }
  return period;
}
const certifiedPeriods = new WeakMap<ThresholdTable, Map<string, ThresholdPeriod>>();

function pushTo(map: Map<string, Map<string | undefined, number[]>>, a: string, b: string | undefined, i: number): void {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  const list = inner.get(b);
  if (list) list.push(i);
  else inner.set(b, [i]);
}

/** The time windows of a date-sorted list: [start, end) index pairs. */
function windows(rows: readonly Row[], windowDays: number | undefined): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    if (windowDays === undefined) {
      const fy = rows[start]!.fy;
      while (end < rows.length && rows[end]!.fy === fy) end++;
    } else {
      while (end < rows.length && rows[end]!.day - rows[end - 1]!.day <= windowDays) end++;
    }
    out.push([start, end]);
    start = end;
  }
  return out;
}

const KIND_ORDER: Record<SplitPurchaseGroupKind, number> = { split: 0, 'fiscal-year-boundary': 1, 'change-orders': 2, 'federal-micro-purchase': 3 };

function compareGroups(a: SplitPurchaseGroup, b: SplitPurchaseGroup): number {
  return (
    compareText(a.memberId, b.memberId) ||
    compareOptional(a.vendorId, b.vendorId) ||
    compareText(a.supplyKind, b.supplyKind) ||
    compareText(a.from, b.from) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.purchaseIds[0]!, b.purchaseIds[0]!)
  );
}

function compareOptional(a: string | undefined, b: string | undefined): number {
  return a === undefined ? (b === undefined ? 0 : -1) : b === undefined ? 1 : compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}



function changeOrderGroup(row: Row, limit: ThresholdPeriod, fallback: boolean): SplitPurchaseGroup {
  const group = groupOf('change-orders', [row], limit, row.cents, false);
  group.findings.push({
    code: 'change-orders-exceed-limit',
    severity: 'warn',
    message: `Purchase order ${row.purchase.id} (${formatCents(row.ownCents)}) was within the limit of ${limit.amount}; with its change orders it comes to ${group.total}, over it. A change order past the limit needs its own justification or a new procurement.`,
    citation: limit.citation,
    ruleId: limit.id,
    pack: limit.pack,
  });
  regimeAndFigureFindings([{ ...row, limitFallback: fallback }], limit, group);
  return group;
}

/**
 * Federal money: purchases from one vendor in a window, each at or under the micro-purchase
 * threshold, together over the lowest of them (2 CFR 200.320(a)(1): micro-purchases may not be
 * split to stay under the threshold). A member's self-certified threshold (2 CFR
 * 200.320(a)(1)(iv), in force and capped at the ceiling, as procurementMethod takes it) replaces
 * the federal figure for its purchases.
 */
function reportFederal(window: readonly Row[], table: ThresholdTable, regimes: Regimes, out: SplitPurchaseGroup[]): void {
  const micro: { row: Row; limit: ThresholdPeriod }[] = [];
  for (const row of window) {
    let limit: ThresholdPeriod | undefined;
    for (const s of table.series) {
      const hit = figureOn(s, row.day);
      if (hit && hit.used.role === 'micro-purchase' && hit.used.level === 'federal') limit = limit === undefined ? hit.used : lower(limit, hit.used);
    }
    const member = limit && regimes.member(row.purchase.memberId);
    if (limit && member?.federalMicroPurchaseThreshold !== undefined) limit = selfCertifiedLimit(limit, member, row.purchase.date, table) ?? limit;
    if (limit && !isExceeded(row.cents, limit)) micro.push({ row, limit });
  }
  if (micro.length < 2) return;
  let limit = micro[0]!.limit;
  for (const m of micro) limit = lower(limit, m.limit);
  const rows = micro.map((m) => m.row);
  const cents = sumCents(rows);
  if (!isOver(cents, limit)) return;
  const group = groupOf('federal-micro-purchase', rows, limit, cents, false);
  if (new Set(rows.map((r) => r.purchase.supplyKind)).size > 1) group.findings.push({ code: 'mixed-supply-kinds', severity: 'info', message: 'The purchases are of more than one supply kind; supplyKind names the first.', ruleId: limit.id, pack: limit.pack });
  group.findings.unshift({
    code: 'federal-micro-purchase-aggregate',
    severity: 'warn',
    message: `${rows.length} purchases with federal money from one vendor, each a micro-purchase, total ${group.total}: over the micro-purchase threshold of ${limit.amount}. Micro-purchases may not be split to stay under the threshold.`,
    citation: citationOf(limit),
    ruleId: limit.id,
    pack: limit.pack,
  });
  out.push(group);
}

/** Adds row `i` to its member's bucket of `key` (vendor or category) and `kind`. */
function pushToBucket(buckets: Map<string, Map<string | undefined, Map<string, number[]>>>, memberId: string, key: string | undefined, kind: string, i: number): void {
  let byKey = buckets.get(memberId);
  if (!byKey) buckets.set(memberId, (byKey = new Map()));
  let byKind = byKey.get(key);
  if (!byKind) byKey.set(key, (byKind = new Map()));
  const list = byKind.get(kind);
  if (list) list.push(i);
  else byKind.set(kind, [i]);
}

/** What identifies a group: its kind, member, supply kind and purchases. */
function groupKey(g: SplitPurchaseGroup): string {
  return JSON.stringify([g.kind, g.memberId, g.supplyKind, g.purchaseIds]);
}

/** The vendors the purchases of each id name (ids may repeat across members). */
function vendorsById(purchases: readonly Purchase[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of purchases) {
    if (p.vendorId === undefined) continue;
    const list = out.get(p.id);
    if (list === undefined) out.set(p.id, [p.vendorId]);
    else list.push(p.vendorId);
  }
  return out;
}

/**
 * How many vendors a group's purchases name (a purchase naming none is no other vendor). By the
 * ids' vendors, looked up once: before, each added group scanned every purchase (a cooperative's
 * ledger of many categories was quadratic).
 */
function namedVendors(g: SplitPurchaseGroup, vendorsOf: ReadonlyMap<string, readonly string[]>): number {
  const vendors = new Set<string>();
  for (const id of g.purchaseIds) for (const v of vendorsOf.get(id) ?? []) vendors.add(v);
  return vendors.size;
}
