// The main thread's side of audit-ledger: it takes each decided chunk in input order, keeps only
// what the report and split detection need (compact columns, per-member counts, spending per
// member, fiscal year and vendor), folds change orders into their PO, and at the end runs
// `pace.findSplitPurchases` bucket by bucket (member, vendor) over the rows it kept.
import { fiscalYearOf } from '../../index.js';
import { quoted } from '../safe-text.js';
import { CentsColumn, Column, GroupIndex, IdIndex, Interner, LineColumn, SmallIntColumn, flatCopy, jsonString } from './columns.js';
import { MAX_UNKNOWN_KINDS, supplyKindOfBucket, type LedgerSetup } from './decide-rows.js';
import { BID_ON_FILE, BLOCKED, INFORMAL_BID, CITES_CONTRACT, MISSING_DOCUMENTS, NEEDED_BID, UNKNOWN_CONTRACT, type ChangedPO, type ChangeOrderRow, type ChunkResult } from './chunk-result.js';
import type { RowProblem } from './rows.js';
import { centsText } from './cents-text.js';
import { ChangeOrderIds, linkChangeOrders } from './change-chains.js';
import { ChangedPOs } from './changed-pos.js';
import { ContractCapSpend } from './contract-caps.js';
import type { OnRow } from './rows-again.js';
import { newAtTotal, raisedOutcomes, withIssuedItems, type RaisedHelper, type RaisedPO } from './raised-pos.js';
import { memberYearsOf, spendingKey, type MemberYear } from './member-years.js';
import { paceContextOf } from '../../pace.js';
import type { KeptSplitGroup, LedgerGroup, SplitColumns, SplitHelpers } from './split-buckets.js';
import { HELPER_BUCKET_ROWS, HELPER_GROUPS, SHARED_SPLIT_ROWS, checkSplitBuckets } from './split-deal.js';
import type { PublicWorksKind } from '../../model/purchase.js';

/** Where the details (one JSON object per line) are kept while the ledger is read. */
export interface DetailSink {
  neededBid(json: string): void;
  missingDocuments(json: string): void;
  blockedPurchases(json: string): void;
  /** A split group as its JSON, indented for its place in the report's `splitPurchases` list. */
  splitGroup(json: string): void;
}

export type { MemberYear, VendorSpending } from './member-years.js';

/** Per member: counts for the summary table. */
export interface MemberSummary {
  memberId: string;
  name: string;
  purchases: number;
  total: string;
  neededBid: number;
  missingDocuments: number;
  splitGroups: number;
  /** Purchases a finding blocks (see LedgerReport.blockedPurchases). */
  blockedPurchases: number;
}

/** The split groups of a ledger: the first ones, how many in all, and how many per member and fiscal year. */
export interface SplitGroups {
  /** The first {@link DETAILS_KEPT} groups, in the report's order (all of them went to the sink). */
  kept: KeptSplitGroup[];
  count: number;
  /** The groups a finding blocks (splits); the others are warnings to check. */
  blockingCount: number;
  /** `memberId + '\u0000' + fiscal year label` (of each group's first date) → groups. */
  byMemberYear: Map<string, number>;
}

export { HELPER_BUCKET_ROWS, HELPER_GROUPS, SHARED_SPLIT_ROWS } from './split-deal.js';

/** The most rows {@link LedgerBook.expectRows} makes room for on an estimate from the first chunk. */
export const EXPECTED_ROWS_LIMIT = 4_000_000;
/** The most rows it makes room for on an estimate from at least EXPECTED_ROWS_LIMIT rows read. */
export const MEASURED_ROWS_LIMIT = 32_000_000;

/** The first details kept in memory for the text and HTML reports (all of them go to the JSON). */
export const DETAILS_KEPT = 200;

/**
 * A PO judged again once the ledger is read (its entries listed at `latestLine`): raised by change
 * orders, or carried over its contract's cap per member by the member's spend (`spent`).
 */
type JudgedAgain = RaisedPO & { target: number; byChangeOrder: boolean };

export class LedgerBook {
  readonly ids: IdIndex;
  private readonly group: SmallIntColumn;
  private readonly date: Column<Uint16Array<ArrayBufferLike>>;
  private readonly cents: CentsColumn;
  private readonly flags: Column<Uint8Array<ArrayBufferLike>>;
  private readonly line = new LineColumn();
  private readonly dates = new Interner();
  private readonly vendors = new Interner();
  private readonly supplyKinds = new Interner();
  /** (member, supply kind, vendor) → group. */
  private readonly groupIndex = new GroupIndex();
  /** The fiscal year (index into fiscalYears) of each interned date. */
  private readonly fiscalYearOfDate: number[] = [];
  private readonly fiscalYears = new Interner();
  private readonly groups: LedgerGroup[] = [];
  private readonly spending = new Map<number, { cents: number; count: number }>();
  private readonly memberCounts: { purchases: number; cents: number; neededBid: number; missingDocuments: number; splitGroups: number; blockedPurchases: number }[];
  private readonly pendingChanges: ChangeOrderRow[] = [];
  /** Each change order's line and PO by its id (a change order naming another folds into that one's PO, as the library folds a chain), and ids two have. */
  private readonly changeOrderIds = new ChangeOrderIds();
  /**
   * POs changed by change orders (see ChangedPO): judged at their total once every row is in. Not
   * the rows' purchases: their CSV fields are slices that would keep each chunk's text alive (kept
   * so, 1,500,000 rows ran the thread out of heap).
   */
  private readonly changed = new ChangedPOs();
  /** Rows under a contract with a cap per member, and change orders, for the member's spend under it (see ChunkResult.capped). */
  private readonly caps: ContractCapSpend;
  /**
   * Reads the rows on these lines again, as they were read: the POs that change orders raised,
   * judged at their totals with their own fields (see judgeAgain). Set by audit-ledger, which
   * knows the input, and throws an InputError when a row is not found again (onRow refused it).
   */
  rowsAgain: ((lines: Int32Array, onRow: OnRow) => void) | undefined;
  /** Decides those POs in a worker thread (set by audit-ledger while its workers are alive); else here. */
  raisedHelper: RaisedHelper | undefined;
  /** By row: the amount a PO was issued at, when its change orders changed it (the split check judges it as issued and at its total). */
  private readonly issuedCents = new Map<number, number>();
  /** JSON of each member id (by index), built once. */
  private readonly memberJson: string[] = [];
  /** Checklist items found missing: id → title and citation. */
  readonly titles = new Map<string, { title: string; citation: string; missingOn: number }>();
  /** Documents of kinds that satisfy nothing: by kind (at most MAX_UNKNOWN_KINDS kinds), and in all. */
  readonly unknownKinds = new Map<string, number>();
  unknownKindCount = 0;
  readonly problems: RowProblem[] = [];
  private badRowsCounted = { problems: 0, rows: 0 };
  readonly neededBidKept: Record<string, unknown>[] = [];
  readonly blockedKept: Record<string, unknown>[] = [];
  blockedCount = 0;
  /** Findings that block: code → message, citation, and on how many purchases. */
  readonly blockFindings = new Map<string, { message: string; citation: string; on: number }>();
  readonly missingKept: Record<string, unknown>[] = [];
  readonly unknownContracts: { purchaseId: string; contractId: string; where: string }[] = [];
  unknownContractCount = 0;
  neededBidCount = 0;
  /** Of them, those whose bid is a CUPCCAA informal one (`"method": "informal-bid"`). */
  neededInformalBidCount = 0;
  missingCount = 0;
  /** Entries of missingDocuments: a PO raised by change orders may have a second, at its total. */
  missingEntryCount = 0;
  changeOrders = 0;
  totalCents = 0;
  rowsRead = 0;
  /** The next chunk starts on this line (from 1). */
  private nextLine: number;

  constructor(
    private readonly setup: LedgerSetup,
    private readonly memberList: readonly { id: string; name: string; member: unknown }[],
    private readonly sink: DetailSink,
    firstLine: number,
    private readonly lineLabel: (line: number) => string,
    /** Where a field of the row on a line is: a CSV column, or a JSON path. */
    private readonly fieldAt: (line: number, field: string) => string,
    /** Columns in shared memory, so that worker threads can check split buckets (findSplitPurchases). */
    private readonly sharedColumns = false,
  ) {
    this.caps = new ContractCapSpend(setup.contracts);
    this.ids = new IdIndex(sharedColumns);
    this.group = new SmallIntColumn(sharedColumns);
    this.date = new Column<Uint16Array<ArrayBufferLike>>(Uint16Array, sharedColumns);
    this.cents = new CentsColumn(sharedColumns);
    this.flags = new Column<Uint8Array<ArrayBufferLike>>(Uint8Array, sharedColumns);
    this.memberCounts = memberList.map(() => ({ purchases: 0, cents: 0, neededBid: 0, missingDocuments: 0, splitGroups: 0, blockedPurchases: 0 }));
    this.nextLine = firstLine;
  }

  get rowCount(): number {
    return this.ids.size;
  }

  /**
   * Makes room for about `rows` rows (an estimate) so that the id index is not rebuilt as it fills:
   * from the first chunk for at most {@link EXPECTED_ROWS_LIMIT} (32 MB, what that many rows make
   * anyway); `measured` from that many rows read, up to {@link MEASURED_ROWS_LIMIT} (20,000,000 rows rebuilt it twice, 4.8 s).
   */
  expectRows(rows: number, measured = false): void {
    this.ids.reserve(Math.min(rows, measured ? MEASURED_ROWS_LIMIT : EXPECTED_ROWS_LIMIT));
  }

  /** Takes the next chunk's results (chunks must come in input order). */
  add(chunk: ChunkResult): void {
    const base = this.nextLine;
    this.nextLine += chunk.lineCount;
    for (const p of chunk.problems) this.problems.push({ ...p, line: base + p.line });
    for (const [id, title, citation, count] of chunk.titles) {
      const seen = this.titles.get(id);
      if (seen) seen.missingOn += count;
      else this.titles.set(id, { title, citation, missingOn: count });
    }
    for (const [code, message, citation, count] of chunk.blockFindings) {
      const seen = this.blockFindings.get(code);
      if (seen) seen.on += count;
      else this.blockFindings.set(code, { message, citation, on: count });
    }
    this.unknownKindCount += chunk.unknownKindCount;
    for (const [kind, count] of chunk.unknownKinds) {
      const seen = this.unknownKinds.get(kind);
      if (seen !== undefined) this.unknownKinds.set(kind, seen + count);
      else if (this.unknownKinds.size < MAX_UNKNOWN_KINDS) this.unknownKinds.set(kind, count);
    }
    let missingAt = 0;
    let unknownAt = 0;
    let blockedAt = 0;
    let cappedAt = 0;
    // The chunk's groups and dates, each found in the book when a row first uses it (so the book
    // numbers them in row order, as when it looked up every row).
    const groupOfKey = new Int32Array(chunk.groupKeys.length).fill(-1);
    const dateOfValue = new Int32Array(chunk.dateValues.length).fill(-1);
    // Change orders are taken in line order among the rows (a change order before its PO is
    // pending until the end, wherever the chunks were cut): the report does not depend on where
    // the input was cut into chunks.
    const changes = chunk.changes;
    let changeAt = 0;
    for (let i = 0; i < chunk.count; i++) {
      const id = chunk.ids[i]!;
      const line = base + chunk.lines[i]!;
      while (changeAt < changes.length && base + changes[changeAt]!.line < line) this.takeChange(changes[changeAt++]!, base);
      const row = this.ids.size;
      const flags = chunk.flags[i]!;
      // This row's entries in the chunk's per-flag lists (taken even when the row is refused below).
      const missingList = flags & MISSING_DOCUMENTS ? chunk.missingListOf[missingAt++]! : -1;
      const unknownContract = flags & UNKNOWN_CONTRACT ? chunk.unknownContracts[unknownAt++]! : undefined;
      const blocked = flags & BLOCKED ? chunk.blocked[blockedAt++]! : undefined;
      const cappedContract = cappedAt < chunk.capped.length && chunk.capped[cappedAt]![0] === i ? chunk.capped[cappedAt++]![1] : undefined;
      let earlier: number;
      try {
        earlier = this.ids.add(id);
      } catch {
        this.idTooLong(line);
        continue;
      }
      if (earlier >= 0) {
        this.problems.push({ line, where: this.fieldAt(line, 'id'), message: `purchase id ${quoted(id)} is used twice (also on ${this.lineLabel(this.line.get(earlier))})` });
        continue;
      }
      const member = chunk.members[i]!;
      const key = chunk.groups[i]!;
      let group = groupOfKey[key]!;
      if (group < 0) {
        const [keyMember, supplyKind, vendor] = chunk.groupKeys[key]!;
        group = groupOfKey[key] = this.groupOf(keyMember, supplyKind, vendor);
      }
      let dateIndex = dateOfValue[chunk.dates[i]!]!;
      if (dateIndex < 0) {
        dateIndex = dateOfValue[chunk.dates[i]!] = this.dates.intern(chunk.dateValues[chunk.dates[i]!]!);
        if (dateIndex > 0xffff) throw new RangeError('more than 65,535 distinct PO dates');
      }
      const cents = chunk.cents[i]!;
      this.group.set(row, group);
      this.date.set(row, dateIndex);
      this.cents.set(row, cents);
      this.flags.set(row, flags);
      this.line.add(row, line);
      if (cappedContract !== undefined) this.caps.row(row, cappedContract);
      const counts = this.memberCounts[member]!;
      counts.purchases++;
      counts.cents += cents;
      this.totalCents += cents;
      this.addSpending(group, dateIndex, flags, cents, 1);
      if (!(flags & (NEEDED_BID | MISSING_DOCUMENTS | UNKNOWN_CONTRACT | BLOCKED))) continue;
      // The row's details (most rows have none). As JSON, what JSON.stringify of { purchaseId,
      // memberId, ... } gives without the opening brace (`detail` puts `where` first), built as
      // they are written.
      const where = this.lineLabel(line);
      const head = `"purchaseId":${jsonString(id)},"memberId":${(this.memberJson[member] ??= JSON.stringify(this.memberList[member]!.id))}`;
      if (blocked !== undefined) {
        counts.blockedPurchases++;
        this.detail('blockedPurchases', `${head},"amount":"${centsText(cents)}","findings":${blocked}}`, where);
      }
      if (flags & NEEDED_BID) {
        counts.neededBid++;
        if (flags & INFORMAL_BID) this.neededInformalBidCount++;
        this.detail('neededBid', `${head},"amount":"${centsText(cents)}","method":"${bidMethod(flags)}"}`, where);
      }
      if (flags & MISSING_DOCUMENTS) {
        counts.missingDocuments++;
        this.detail('missingDocuments', `${head},"missing":${chunk.missingLists[missingList]!}}`, where);
      }
      if (unknownContract !== undefined) {
        this.unknownContractCount++;
        if (this.unknownContracts.length < DETAILS_KEPT) this.unknownContracts.push({ purchaseId: flatCopy(id), contractId: flatCopy(unknownContract), where });
      }
    }
    this.rowsRead += chunk.count;
    while (changeAt < changes.length) this.takeChange(changes[changeAt++]!, base);
  }

  /** How many rows the problems are on (a row may have several: `--max-errors` counts rows). */
  badRows(): number {
    const counted = this.badRowsCounted;
    if (counted.problems !== this.problems.length) {
      counted.rows = new Set(this.problems.map((p) => p.line)).size;
      counted.problems = this.problems.length;
    }
    return counted.rows;
  }

  /** The id on a line does not fit the id index (a PO's or a change order's). */
  private idTooLong(line: number): void {
    this.problems.push({ line, where: this.fieldAt(line, 'id'), message: 'the id is longer than 65,535 bytes' });
  }

  /** A change order of a chunk starting on line `base`: folded into its PO, or pending until the PO is read. */
  private takeChange(change: ChunkResult['changes'][number], base: number): void {
    this.changeOrders++;
    this.rowsRead++;
    const line = base + change.line;
    const id = change.purchase['id'];
    if (typeof id === 'string') {
      try {
        this.changeOrderIds.note(id, line);
      } catch {
        this.idTooLong(line);
        return;
      }
    }
    // (one naming a change order waits for every row: which change order has its id is known then)
    const target = this.ids.find(change.revisionOf);
    if (target < 0) this.pendingChanges.push({ ...change, line });
    else void this.foldChange({ ...change, line }, target);
  }

  /** @param kind - The kind of the rows' split bucket: their supply kind, or `public-works/maintenance` (decide-rows.ts: bucketKindOf). */
  private groupOf(member: number, kind: string, vendor: string): number {
    let group = this.groupIndex.get(member, kind, vendor);
    if (group === undefined) {
      group = this.groups.length;
      // (copies: a slice of a chunk's text would keep the whole chunk alive, one for each group)
      const flatVendor = this.vendors.values[this.vendors.intern(vendor)]!;
      const flatKind = this.supplyKinds.values[this.supplyKinds.intern(kind)]!;
      const supplyKind = supplyKindOfBucket(flatKind);
      this.groups.push({ member, vendor: flatVendor, supplyKind, publicWorks: supplyKind === flatKind ? undefined : { kind: flatKind.slice(supplyKind.length + 1) as PublicWorksKind } });
      this.groupIndex.set(member, flatKind, flatVendor, group);
    }
    return group;
  }

  private addSpending(group: number, dateIndex: number, flags: number, cents: number, count: number): void {
    let fy = this.fiscalYearOfDate[dateIndex];
    if (fy === undefined) {
      fy = this.fiscalYears.intern(fiscalYearOf(this.dates.values[dateIndex]!).label);
      this.fiscalYearOfDate[dateIndex] = fy;
    }
    // One number per (group, fiscal year, under a contract or not): no string built per row. A
    // contract not in the contracts file, or one a finding blocks the purchase under (a vendor
    // that is not its dealer, a suspended membership, services under a goods contract), is no
    // contract the purchase may be made under: its spending is outside.
    const key = spendingKey(group, fy, (flags & (CITES_CONTRACT | UNKNOWN_CONTRACT | BLOCKED)) === CITES_CONTRACT);
    const entry = this.spending.get(key);
    if (entry) {
      entry.cents += cents;
      entry.count += count;
    } else this.spending.set(key, { cents, count });
  }

  /** A detail: `where` (a line label or JSON path: no character JSON escapes), then `rest`, its other members and closing brace. */
  private detail(kind: 'neededBid' | 'missingDocuments' | 'blockedPurchases', rest: string, where: string, counted = true): void {
    const line = `{"where":"${where}",${rest}`;
    if (kind === 'blockedPurchases') {
      if (counted) this.blockedCount++;
      this.sink.blockedPurchases(line);
      if (this.blockedKept.length < DETAILS_KEPT) this.blockedKept.push(JSON.parse(line) as Record<string, unknown>);
    } else if (kind === 'neededBid') {
      if (counted) this.neededBidCount++;
      this.sink.neededBid(line);
      if (this.neededBidKept.length < DETAILS_KEPT) this.neededBidKept.push(JSON.parse(line) as Record<string, unknown>);
    } else {
      if (counted) this.missingCount++;
      this.missingEntryCount++;
      this.sink.missingDocuments(line);
      if (this.missingKept.length < DETAILS_KEPT) this.missingKept.push(JSON.parse(line) as Record<string, unknown>);
    }
  }

  /**
   * A change order folds into its PO: the PO's amount becomes its own plus every change; it never
   * forms a split group with its own PO. The PO as changed is judged once every row is in (see
   * judgeChangedPOs): at its total, whatever order its change orders came in.
   */
  private foldChange(change: ChangeOrderRow, target: number): boolean {
    const member = this.memberList[this.groups[this.group.get(target)]!.member]!.id;
    if (change.purchase['memberId'] !== member) {
      this.problems.push({ line: change.line, where: this.fieldAt(change.line, 'memberId'), message: `a change order of PO ${quoted(change.revisionOf)} must be its member's, ${quoted(member)}` });
      return false;
    }
    const id = change.purchase['id'];
    if (typeof id === 'string') this.changeOrderIds.folded(id, target);
    const before = this.cents.get(target);
    this.cents.set(target, before + change.cents);
    const group = this.group.get(target);
    const counts = this.memberCounts[this.groups[group]!.member]!;
    counts.cents += change.cents;
    this.totalCents += change.cents;
    this.addSpending(group, this.date.get(target), this.flags.get(target), change.cents, 0);
    // (text: the row's strings are slices of its chunk's text, which they would keep alive)
    const funding = change.purchase['funding'];
    this.changed.change(target, change.line, before, Array.isArray(funding) && funding.length > 0 ? JSON.stringify(funding) : undefined);
    this.caps.change(target, change.purchase['date'] as string, change.line, change.cents);
    return true;
  }

  /**
   * Each PO changed by change orders, at its total: below zero it is a bad row (at its latest change
   * order). Raised, it is judged again as the library judges a PO with its change orders (see
   * judgeAgain); lowered or unchanged, as issued (as it was judged when read): an addition and
   * a later deduction that bring it back within the limit need no bid, in whatever order the file
   * has them.
   */
  private async judgeChangedPOs(): Promise<void> {
    // (in the order of their latest change orders' lines, as the report lists them)
    const raised: [number, ChangedPO][] = [];
    for (const [target, change] of this.changed.byLatestLine()) {
      const after = this.cents.get(target);
      if (after < 0) {
        this.problems.push({ line: change.line, where: this.fieldAt(change.line, 'amount'), message: `the change orders bring PO ${quoted(this.ids.id(target))} below zero (${centsText(after)})` });
        continue;
      }
      // (the split check judges a changed PO as the library does a PO given with its change orders:
      // over its limit as issued, its own procurement; within it as issued and over it at its total,
      // a change-orders group. Kept for lowered POs only, a raised one was judged at its total as
      // issued, and its change-orders group was missing from the report.)
      if (after !== change.issued) this.issuedCents.set(target, change.issued);
      if (after > change.issued) raised.push([target, change]);
    }
    this.changed.clear();
    // (with bad rows nothing is reported but them)
    if (this.problems.length > 0) return;
    const spentOf = this.caps.over((row) => ({
      member: this.groups[this.group.get(row)]!.member,
      date: this.dates.values[this.date.get(row)]!,
      line: this.line.get(row),
      issued: this.issuedCents.get(row) ?? this.cents.get(row),
      blocked: (this.flags.get(row) & BLOCKED) !== 0,
    }));
    const po = (target: number, latestLine: number, changeCents: number, funding: ChangedPO['funding'], byChangeOrder: boolean): JudgedAgain => ({ target, line: this.line.get(target), id: this.ids.id(target), latestLine, changeCents, funding, spent: spentOf.get(target), byChangeOrder });
    const again = raised.map(([target, change]) => po(target, change.line, this.cents.get(target) - change.issued, change.funding, true));
    for (const [target] of raised) spentOf.delete(target);
    for (const target of spentOf.keys()) again.push(po(target, this.line.get(target), 0, undefined, false));
    if (again.length > 0) await this.judgeAgain(again.sort((a, b) => a.latestLine - b.latestLine));
  }

  /**
   * POs judged again once the ledger is read, their rows read again (rowsAgain): POs that change
   * orders raised, at their totals as the library judges a PO given with its change orders
   * (withChangeOrders: the PO's own fields, its amount and funding lines with theirs), and POs the
   * member's spend carries over their contract's cap per member, with that spend
   * (`spentUnderContract`; entries say it, and are at the PO's own line unless it was raised). A PO's fields are not kept while the ledger is
   * read (a change order often comes after its PO); its change orders' funding lines are. Before,
   * a PO was judged with its latest change order's fields: one naming another category, or listing
   * no funding or documents, judged the PO without them.
   *
   * - Over the bid limit at its total, a PO that did not need a bid as issued needed one, unless
   *   its bid file is on record: listed with `byChangeOrder`, at its latest change order, after
   *   the purchases that needed a bid on their own, in line order.
   * - Missing documents at its total that it did not miss as issued (a payment bond past $25,000
   *   of public works, a federal clause past its threshold): listed again at its total, with
   *   `byChangeOrder`, at its latest change order.
   */
  private async judgeAgain(raised: readonly JudgedAgain[]): Promise<void> {
    if (this.rowsAgain === undefined) throw new Error('LedgerBook: rowsAgain is needed to judge POs again at their totals');
    const outcomes = await raisedOutcomes(this.setup, raised, this.rowsAgain, (line) => this.fieldAt(line, ''), this.raisedHelper);
    const { flags: totalFlags, missing: totalList, missingAsIssued: issuedList, lists, titles, blocked, blockedAsIssued, blockFindings } = outcomes;
    const order = new Map((paceContextOf(this.setup.pace)?.checklist ?? []).map((item, i) => [item.id, i]));
    for (let k = 0; k < raised.length; k++) {
      const { target, latestLine: line, spent, byChangeOrder } = raised[k]!;
      if (totalFlags[k] === 0) continue; // (not decided again)
      // (how it was judged again: with its change orders, with the member's earlier spend under its contract)
      const again = `${byChangeOrder ? ',"byChangeOrder":true' : ''}${spent !== undefined ? `,"spentUnderContract":"${centsText(spent)}"` : ''}}`;
      const flags = totalFlags[k]!;
      const missing = totalList[k]! < 0 ? undefined : lists[totalList[k]!];
      const before = issuedList[k]! < 0 ? undefined : lists[issuedList[k]!];
      const poFlags = this.flags.get(target);
      const memberIndex = this.groups[this.group.get(target)]!.member;
      const counts = this.memberCounts[memberIndex]!;
      const head = `"purchaseId":${jsonString(this.ids.id(target))},"memberId":${(this.memberJson[memberIndex] ??= JSON.stringify(this.memberList[memberIndex]!.id))},"amount":"${centsText(this.cents.get(target))}"`;
      const where = this.lineLabel(line);
      // Findings that block it at its total that did not as issued (a contract's limit per member
      // passed, ...): listed again at its total, counted once.
      const newBlocks = blocked[k] === undefined ? [] : newAtTotal(blocked[k]!, blockedAsIssued[k]);
      if (newBlocks.length > 0) {
        const blocks = withIssuedItems(blocked[k]!, blockedAsIssued[k]);
        for (const code of newBlocks) {
          const seen = this.blockFindings.get(code);
          if (seen) seen.on++;
          else this.blockFindings.set(code, { ...blockFindings.get(code)!, on: 1 });
        }
        const first = !(poFlags & BLOCKED);
        if (first) {
          const flags = this.flags.get(target);
          this.flags.set(target, flags | BLOCKED);
          counts.blockedPurchases++;
          // Its spending (with its change orders') was under its contract: a contract a finding
          // blocks it under is none it may buy under, so the spending moves outside.
          const group = this.group.get(target);
          const date = this.date.get(target);
          const cents = this.cents.get(target);
          this.addSpending(group, date, flags, -cents, -1);
          this.addSpending(group, date, flags | BLOCKED, cents, 1);
        }
        this.detail('blockedPurchases', `${head},"findings":${blocks}${again}`, where, first);
      }
      // (a PO with its formal bid on file had its bid, whatever its change orders list). A PO
      // listed as needing an informal bid that needs a formal one at its total is listed again,
      // counted once.
      const formalAtTotal = (flags & (NEEDED_BID | INFORMAL_BID)) === NEEDED_BID;
      const listedAsIssued = poFlags & NEEDED_BID ? (poFlags & INFORMAL_BID ? 'informal' : 'formal') : undefined;
      if (flags & NEEDED_BID && !(poFlags & BID_ON_FILE) && (listedAsIssued === undefined || (formalAtTotal && listedAsIssued === 'informal'))) {
        const now = formalAtTotal ? (this.flags.get(target) | NEEDED_BID) & ~INFORMAL_BID : this.flags.get(target) | NEEDED_BID | INFORMAL_BID;
        this.flags.set(target, now);
        if (listedAsIssued === undefined) counts.neededBid++;
        if (listedAsIssued === 'informal') this.neededInformalBidCount--;
        else if (!formalAtTotal) this.neededInformalBidCount++;
        this.detail('neededBid', `${head},"method":"${bidMethod(now)}"${again}`, where, listedAsIssued === undefined);
      }
      const newMissing = missing === undefined ? [] : newAtTotal(missing, before);
      if (newMissing.length > 0) {
        for (const id of newMissing) {
          const seen = this.titles.get(id);
          if (seen) seen.missingOn++;
          else this.titles.set(id, { ...titles.get(id)!, missingOn: 1 });
        }
        // (a purchase is counted once: listed as issued, it is not counted again)
        const first = !(poFlags & MISSING_DOCUMENTS);
        if (first) {
          this.flags.set(target, this.flags.get(target) | MISSING_DOCUMENTS);
          counts.missingDocuments++;
        }
        this.detail('missingDocuments', `${head},"missing":${withIssuedItems(missing!, before, order)}${again}`, where, first);
      }
    }
  }

  /** Whether change orders wait to be folded, or changed POs to be judged (resolvePendingChanges). */
  hasUnjudgedChanges(): boolean {
    return this.pendingChanges.length > 0 || this.changed.size > 0;
  }

  /** Change orders whose PO came later in the file (a PO that never came is a bad row); then every changed PO is judged at its total. */
  async resolvePendingChanges(): Promise<void> {
    const bad = linkChangeOrders(this.pendingChanges.splice(0), {
      po: (id) => this.ids.find(id),
      folded: this.changeOrderIds.targets,
      lines: this.changeOrderIds.lines,
      repeated: this.changeOrderIds.repeated,
      label: this.lineLabel,
      fold: (change, target) => this.foldChange(change, target),
    });
    for (const [change, message] of bad.sort((a, b) => a[0].line - b[0].line)) this.problems.push({ line: change.line, where: this.fieldAt(change.line, 'revisionOf'), message });
    this.changeOrderIds.clear();
    // Every change order is linked: the id lookup (32 MB at 5,000,000 rows) goes before the POs are judged again.
    this.ids.dropIndex();
    await this.judgeChangedPOs();
  }

  /**
   * Split purchases: rows outside cooperative contracts, bucketed by (member, vendor), each bucket
   * handed to `pace.findSplitPurchases` as the purchases it needs (a row with federal money with a
   * federal funding line, so that 2 CFR 200.320's micro-purchase groups are found too: they span
   * supply kinds). The library buckets by member and vendor (and then supply kind) itself, so a
   * bucket's groups are exactly those it finds on the whole ledger for that member and vendor, in
   * its order. Buckets are taken in the report's order (member id, then vendor id, no vendor
   * first), and each group goes to the sink as it is found: only the first
   * {@link DETAILS_KEPT} and the counts stay in memory (a large ledger's groups list most of its POs).
   */
  async findSplitPurchases(window: 'fiscal-year' | { days: number }, helpers?: SplitHelpers, sharedFrom = SHARED_SPLIT_ROWS, helperBucketRows = HELPER_BUCKET_ROWS, helperGroups = HELPER_GROUPS): Promise<SplitGroups> {
    this.ids.dropIndex(); // (every row is in and every change order folded; resolvePendingChanges may have dropped it already)
    const found: SplitGroups = { kept: [], count: 0, blockingCount: 0, byMemberYear: new Map() };
    const context = paceContextOf(this.setup.pace);
    if (context === undefined) throw new Error('the ledger\'s Pace was not built by createPace');
    const columns: SplitColumns = { ids: this.ids, group: this.group, date: this.date, cents: this.cents, flags: this.flags, groups: this.groups, dateValues: this.dates.values, issuedCents: this.issuedCents };
    const keep = (): boolean => found.kept.length < DETAILS_KEPT;
    await checkSplitBuckets(columns, context, this.memberList, this.sharedColumns, window, helpers, { sharedFrom, helperBucketRows, helperGroups }, keep, (member, { json, from, blocks, kept }) => {
      found.count++;
      if (blocks) found.blockingCount++;
      if (kept !== undefined && keep()) found.kept.push(kept);
      const year = `${this.memberList[member]!.id}\u0000${fiscalYearOf(from).label}`;
      found.byMemberYear.set(year, (found.byMemberYear.get(year) ?? 0) + 1);
      this.sink.splitGroup(json);
      this.memberCounts[member]!.splitGroups++;
    });
    return found;
  }

  /** Per member (those with purchases), in id order. */
  members(): MemberSummary[] {
    return this.memberList
      .map((m, i) => ({ m, c: this.memberCounts[i]! }))
      .filter(({ c }) => c.purchases > 0)
      .map(({ m, c }) => ({ memberId: m.id, name: m.name, purchases: c.purchases, total: centsText(c.cents), neededBid: c.neededBid, missingDocuments: c.missingDocuments, splitGroups: c.splitGroups, blockedPurchases: c.blockedPurchases }))
      .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  }

  /** Spending per member, fiscal year and vendor, with the bid limit of each member's year: one member's year at a time, each built as it is taken. */
  memberYears(): Generator<MemberYear, void, undefined> {
    return memberYearsOf(this.spending, this.fiscalYears.values, this.groups, this.memberList, this.setup.pace);
  }
}

/** The method of a row's needed bid, as its neededBid entry says it: `informal-bid` (CUPCCAA) or `formal-bid`. */
function bidMethod(flags: number): 'informal-bid' | 'formal-bid' {
  return flags & INFORMAL_BID ? 'informal-bid' : 'formal-bid';
}
