// The per-row work of audit-ledger, on one chunk of the input: read the rows, validate and decide
// each purchase (procurement method and audit checklist), and hand back compact columns. It runs
// in a worker thread, or in the main thread for small ledgers. Between chunks a thread keeps only
// the decisions it reuses across rows of a purchase class (DecisionReuse).
import { nonUtf8Problems } from './utf8.js';
import { isPaceError, type DecisionOptions, type Pace, type PreparedContract } from '../../index.js';
import { paceContextOf } from '../../pace.js';
import { limitsOf, type Limits } from '../../audit/member-regimes.js';
import { complianceContext } from '../../compliance/rule-sets.js';
import { dateKey } from '../../compliance/purchase-classes.js';
import { quoted } from '../safe-text.js';
import { hasFederalFunds } from '../../compliance/derive-facts.js';
import type { Purchase } from '../../model/purchase.js';
import { GroupIndex, flatCopy } from './columns.js';
import { centsOf, centsText } from './cents-text.js';
import { CsvSyntaxError, forEachCsvRecord } from './csv.js';
import { countLines, textPieces } from './chunk-text.js';
import { csvColumnOf, csvRowToPurchase, jsonToPurchase, purchaseIssues, type ColumnIndex, type RowProblem, type RowPurchase } from './rows.js';
import type { LedgerFormat } from './ledger-format.js';
import type { DecisionReuse } from './decision-reuse.js';
import { cellClassesOf, rowFacts, type CellClasses, type RowFacts } from './cell-classes.js';
import { isCalendarDate } from '../../dates/calendar-date.js';
import { isMoneyText } from '../../model/primitives.js';
import { BID_ON_FILE, BLOCKED, CITES_CONTRACT, FEDERAL_MONEY, INFORMAL_BID, MISSING_DOCUMENTS, NEEDED_BID, UNKNOWN_CONTRACT, type ChunkResult } from './chunk-result.js';

/** What every chunk is decided against (built once per thread). */
export interface LedgerSetup {
  pace: Pace;
  /** Member id → its position in the members file and the member. */
  members: ReadonlyMap<string, { index: number; member: unknown }>;
  contracts: ReadonlyMap<string, PreparedContract>;
  format: LedgerFormat;
  /** The CSV header's column positions (CSV only). */
  columns?: ColumnIndex;
  /** Decisions kept for reuse across the thread's chunks (undefined: every row is decided). */
  reuse?: DecisionReuse;
}

/** What the ledger reads of a decision. */
export interface Decided {
  readonly method: string;
  readonly missing: readonly string[];
  /** The missing items' id, title and citation, in checklist order. */
  readonly missingItems: readonly (readonly [string, string, string])[];
  /**
   * The codes of the findings that block the purchase (as `pace-rules check` blocks it: severity
   * `block` in its eligibility, procurement method or audit checklist), as a JSON array; undefined
   * when none does.
   */
  readonly blocks: string | undefined;
  /** Those findings' code, message and citation ('' when it has none), in the order of `blocks`. */
  readonly blockItems: readonly (readonly [string, string, string])[];
  /**
   * The node of `missing` in the trie of the chunk deciding now (see ChunkDecider.missingList);
   * cleared when the chunk is finished, so that no decision keeps an old chunk's trie alive.
   */
  node: MissingList | undefined;
}

/** A ledger reads outcomes, findings and thresholds, never traces: decisions skip building them. */
export const NO_TRACE: DecisionOptions = Object.freeze({ trace: false });

/** A list of missing checklist items, as a node of the trie of the lists a chunk has seen. */
interface MissingList {
  next: Map<string, MissingList> | undefined;
  /** The index of the list that ends here in the chunk's `missingLists` (-1: no row's list ended here yet). */
  at: number;
  /** The chunk's title entries of the list's items, each counted once per row with the list. */
  titles: [string, string, string, number][];
}

const SIGNED_MONEY = /^[+-]?(?:0|[1-9]\d{0,14})(?:\.\d{1,2})?$/;


const BID_FILE_KINDS: ReadonlySet<unknown> = new Set(['formal-bid-file', 'formal-bid']);
/** Document kinds of an informal bid file (the audit checklist's item, or `informal-bid`). */
const INFORMAL_BID_FILE_KINDS: ReadonlySet<unknown> = new Set(['informal-bid-file', 'informal-bid']);

/** The bid file a purchase's documents list: none, an informal one only, or a formal one. */
type BidFile = 0 | 1 | 2;
const NO_BID_FILE = 0;
const INFORMAL_FILE = 1;
const FORMAL_FILE = 2;

/** Distinct unknown document kinds a ledger's report counts. */
export const MAX_UNKNOWN_KINDS = 100;

const knownKinds = new WeakMap<Pace, ReadonlySet<string>>();

/**
 * The document kinds that satisfy something: the audit checklist's item ids and the bid files'
 * kinds (`formal-bid` and `informal-bid`, older names of the bid files, count as the bid a purchase
 * needed). Any other kind (a typo, or a label such as "board approval") satisfies nothing, and the
 * item it was meant for is reported missing. (Before, `informal-bid` was counted as such a kind,
 * "satisfying nothing", though it was the bid on file of a CUPCCAA member's project.)
 */
export function knownDocumentKinds(pace: Pace): ReadonlySet<string> {
  let known = knownKinds.get(pace);
  if (known === undefined) knownKinds.set(pace, (known = new Set([...(paceContextOf(pace)?.checklist ?? []).map((item) => item.id), ...(BID_FILE_KINDS as ReadonlySet<string>), ...(INFORMAL_BID_FILE_KINDS as ReadonlySet<string>)])));
  return known;
}

/**
 * {@link decideChunk} on a chunk's bytes: text that is not UTF-8 is a problem of the row it is in
 * (its characters are not replaced by U+FFFD without a word).
 */
export function decideChunkBytes(setup: LedgerSetup, bytes: Uint8Array): ChunkResult {
  const result = decideChunk(setup, textPieces(bytes, setup.format === 'csv'));
  result.problems.push(...nonUtf8Problems(bytes, setup.format === 'csv'));
  return result;
}

/**
 * Decides every row of a chunk of text (a whole number of records), each as soon as it is read;
 * the text may come in pieces, each a whole number of records. `rows`: about how many rows it has
 * (a ledger row is rarely under 48 characters: the bench's are about 70); more or fewer give the
 * same result.
 */
export function decideChunk(setup: LedgerSetup, text: string | readonly string[], rows?: number): ChunkResult {
  const pieces = typeof text === 'string' ? [text] : text;
  let characters = 0;
  for (const piece of pieces) characters += piece.length;
  const decider = new ChunkDecider(setup, rows ?? Math.ceil(characters / 48));
  const problems = decider.problems;
  // The lines of the pieces before this one.
  let before = 0;
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p]!;
    if (setup.format === 'csv') {
      const columns = setup.columns!;
      // After a record with text after a closing quote, the records after it are read on (each
      // bad row is reported, whatever the chunks); an unclosed quote runs to the piece's end.
      for (let text = piece, at = before; ; ) {
        try {
          forEachCsvRecord(text, (fields, line) => {
            if (decider.decideCells(at + line, fields)) return;
            const row = csvRowToPurchase(fields, columns, at + line, problems);
            if (row) decider.decide(at + line, row, undefined, undefined, fields);
          });
          break;
        } catch (e) {
          if (!(e instanceof CsvSyntaxError)) throw e;
          problems.push({ line: at + e.line, where: 'row', message: e.message });
          if (e.resumeAt === undefined || e.resumeAt >= text.length) break;
          at += countLines(text.slice(0, e.resumeAt));
          text = text.slice(e.resumeAt);
        }
      }
    } else {
      // JSON Lines: one purchase per line (blank lines skipped); line ends LF, CRLF or CR.
      const lines = piece.split(/\r\n|\n|\r/);
      for (let i = 0; i < lines.length; i++) {
        let line = lines[i]!;
        if (p === 0 && i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
        if (line.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (e) {
          problems.push({ line: before + i, where: '$', message: e instanceof RangeError ? 'the JSON is nested too deeply to read' : `invalid JSON: ${(e as Error).message.replace(/ in JSON at position.*$/s, '').slice(0, 120)}` });
          continue;
        }
        const row = jsonToPurchase(value, before + i, '$', problems);
        if (row) decider.decide(before + i, row);
      }
    }
    before += countLines(piece);
  }
  return decider.finish(before);
}

/**
 * An empty array that holds strings or objects from the start. A literal `[]` starts as an array
 * of small integers: the optimized row loop, compiled when a chunk's arrays had taken strings,
 * met the next chunk's fresh arrays and was thrown away ("not a Smi" at a push), once for each
 * array: ChunkDecider.decide was compiled 8 times over the bench's 200,000 rows, 4 times with these.
 */
function emptyList<T>(): T[] {
  const list: unknown[] = [''];
  list.pop();
  return list as T[];
}

/**
 * Decides rows one at a time into columns. Nothing of a row outlives its decision but a few
 * numbers and strings, so the garbage of a decision (its trace) dies young.
 */
export class ChunkDecider {
  readonly problems: RowProblem[] = [];
  // The rows' columns, `ids.length` rows of them in arrays grown by doubling (pushed onto arrays
  // and copied into typed arrays at the end, they were an eighth of what a chunk allocates).
  private lines: Int32Array;
  private readonly ids: string[] = emptyList();
  private members: Int32Array;
  private groups: Int32Array;
  private readonly groupKeys: [number, string, string][] = emptyList();
  /** (member, supply kind, vendor) → index into groupKeys. */
  private readonly groupIndex = new GroupIndex();
  /** The bid limits of the setup's packs, for {@link bucketKindOf} (found on a first public work naming its kind). */
  private limits: Limits | undefined;
  private dates: Int32Array;
  /** A date's dateKey → its index into dateValues (a number hashes faster than a fresh string). */
  private readonly dateIndex = new Map<number, number>();
  private readonly dateValues: string[] = emptyList();
  private cents: Float64Array;
  private flags: Uint8Array;
  private readonly unknownContracts: string[] = emptyList();
  private readonly capped: ChunkResult['capped'] = emptyList();
  private readonly missingLists: string[] = emptyList();
  private missingListOf: Int32Array;
  private missingCount = 0;
  private readonly changes: ChunkResult['changes'] = emptyList();
  private readonly titles = new Map<string, [string, string, string, number]>();
  private readonly blocked: string[] = emptyList();
  private readonly blockFindings = new Map<string, [string, string, string, number]>();
  private readonly knownKinds: ReadonlySet<string>;
  private readonly unknownKinds = new Map<string, number>();
  private unknownKindCount = 0;
  /** The lists of missing checklist items seen, as a trie by item id (no key string built per row). */
  private readonly missingRoot: MissingList = { next: undefined, at: -1, titles: [] };
  /** Decisions whose `node` this chunk set (cleared by finish). */
  private readonly noted: Decided[] = emptyList();
  /** The CSV rows' tuples of cells the thread has learnt (with reused decisions only). */
  private readonly cells: CellClasses<RowFacts> | undefined;

  /** `rows`: about how many rows the chunk has (the arrays grow past it). */
  constructor(
    private readonly setup: LedgerSetup,
    rows = 1024,
  ) {
    this.knownKinds = knownDocumentKinds(setup.pace);
    this.cells = cellClassesOf(setup);
    const capacity = Math.max(16, rows);
    this.lines = new Int32Array(capacity);
    this.members = new Int32Array(capacity);
    this.groups = new Int32Array(capacity);
    this.dates = new Int32Array(capacity);
    this.cents = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.missingListOf = new Int32Array(capacity);
  }

  /** Doubles the rows' columns. */
  private grow(): void {
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a as never);
      return b;
    };
    this.lines = grown(this.lines);
    this.members = grown(this.members);
    this.groups = grown(this.groups);
    this.dates = grown(this.dates);
    this.cents = grown(this.cents);
    this.flags = grown(this.flags);
    this.missingListOf = grown(this.missingListOf);
  }

  /** Where a library path of a row's purchase is: its CSV column, or its JSON path. */
  private static locate(row: RowPurchase, path: string | undefined, libraryPath: string): string {
    return row.fundingColumns ? csvColumnOf(libraryPath, row.fundingColumns) : `${path ?? '$'}${libraryPath.replace(/^\$\.purchase/, '')}`;
  }

  /**
   * Whether two purchases are of one class (pace.purchaseClassifier), so that every decision of
   * one is the other's: of one member under one contract, their fields alike where a decision reads
   * them. False when it cannot tell (without decision reuse, or an unknown member).
   */
  sameClass(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    const { reuse, members, contracts } = this.setup;
    const memberId = a['memberId'];
    const known = typeof memberId === 'string' ? members.get(memberId) : undefined;
    if (reuse === undefined || known === undefined || b['memberId'] !== memberId || b['contractId'] !== a['contractId']) return false;
    const contractId = typeof a['contractId'] === 'string' ? a['contractId'] : undefined;
    const scope = reuse.scope(known.index, known.member, contractId, contractId !== undefined ? contracts.get(contractId) : undefined);
    const key = scope.classify(a);
    return key !== undefined && key === scope.classify(b);
  }

  /** The rows decided so far (a row refused is not one). */
  get rows(): number {
    return this.ids.length;
  }

  /**
   * Validates and decides one row (`path`: its JSON path in a JSON document; `spent`: the member's
   * earlier spend under the row's contract, in cents, decided then without reuse; `fields`: a CSV
   * row's cells, to learn for decideCells).
   */
  decide(line: number, row: RowPurchase, path?: string, spent?: number, fields?: readonly string[]): void {
    const { setup, problems } = this;
    const p = row.purchase;
    const memberId = p['memberId'];
    const known = typeof memberId === 'string' ? setup.members.get(memberId) : undefined;
    if (!known) {
      problems.push({ line, where: ChunkDecider.locate(row, path, '$.purchase.memberId'), message: typeof memberId === 'string' ? `member ${quoted(memberId)} is not in the members file` : 'expected the id of a member in the members file' });
      this.otherProblems(line, row, path, '$.purchase.memberId');
      return;
    }
    if (row.refused === true) {
      this.otherProblems(line, row, path, undefined);
      return;
    }
    if (row.revisionOf !== undefined) {
      // A change order: its amount is the change (it may be negative); the folded PO is decided
      // where its running total is known.
      const amount = p['amount'];
      const text = typeof amount === 'number' ? String(amount) : amount;
      if (typeof text !== 'string' || !SIGNED_MONEY.test(text)) {
        problems.push({ line, where: ChunkDecider.locate(row, path, '$.purchase.amount'), message: `expected the change in amount, a decimal with at most two places (e.g. "1250.00" or "-300.00"), got ${quoted(amount)}` });
        return;
      }
      // Validated as a purchase (its fields may judge its PO later, whatever order the rows come
      // in), its change and its funding lines as sizes (see purchaseIssues).
      const issues = purchaseIssues(p, true);
      if (issues.length > 0) {
        for (const issue of issues.slice(0, 5)) problems.push({ line, where: ChunkDecider.locate(row, path, issue.path), message: issue.message });
        return;
      }
      this.changes.push({ line, revisionOf: row.revisionOf, purchase: p, cents: centsOf(text) });
      this.scanDocuments(p['documents']);
      return;
    }
    const contractId = typeof p['contractId'] === 'string' ? p['contractId'] : undefined;
    const contract = contractId !== undefined ? setup.contracts.get(contractId) : undefined;
    let flags = contractId !== undefined ? CITES_CONTRACT : 0;
    if (contractId !== undefined && !contract) flags |= UNKNOWN_CONTRACT;
    const reuse = setup.reuse;
    const scope = reuse?.scope(known.index, known.member, contractId, contract);
    let key: number | undefined;
    let node: number | undefined;
    if (spent === undefined && scope !== undefined) {
      // A CSV row without funding lines: its class in two steps, its cells learnt for the next row
      // that has them (decideCells).
      const numbering = scope.classify;
      if (fields !== undefined && numbering.node !== undefined && p['funding'] === undefined) {
        node = numbering.node(p);
        if (node !== undefined) key = numbering.at!(node, p['date'] as string, p['amount'] as string);
      } else key = numbering(p);
    }
    let decided = key === undefined ? undefined : reuse!.get(scope!, key);
    if (decided === undefined) {
      decided = this.decideAnew(line, row, path, known, contract, spent);
      if (decided === undefined) return;
      if (key !== undefined) decided = reuse!.keep(scope!, key, decided);
    }
    // (the purchase was validated: its date is a calendar date)
    const date = p['date'] as string;
    // The report counts spending by fiscal year (July 1 - June 30), labelled within 0000-9999.
    if (date < '0000-07-01' || date > '9999-06-30') {
      problems.push({ line, where: ChunkDecider.locate(row, path, '$.purchase.date'), message: `${quoted(date)} is in a fiscal year (July 1 - June 30) that does not lie within the years 0000-9999: the report counts spending by fiscal year` });
      return;
    }
    const vendor = typeof p['vendorId'] === 'string' ? p['vendorId'] : '';
    // (the purchase was validated: its funding lines are the library's)
    const facts = rowFacts(known, contractId, contract, flags, this.bucketKindOf(p), vendor, p['documents'], hasFederalFunds(p as unknown as Purchase), undefined, -1);
    this.record(line, p['id'] as string, date, p['amount'] as string | number, facts, decided);
    if (node !== undefined) {
      // (copies: the cells are slices of the chunk's text, kept across chunks)
      this.cells?.learn(fields!, () => {
        const documents = Array.isArray(facts.documents) ? (facts.documents as { kind: string }[]).map((d) => ({ kind: flatCopy(d.kind) })) : undefined;
        return rowFacts(known, contractId === undefined ? undefined : flatCopy(contractId), contract, flags, flatCopy(facts.bucketKind), flatCopy(vendor), documents, facts.federal, scope!, node);
      });
    }
  }

  /**
   * Decides a CSV row whose cells but its id, date and amount are those of a row decided before
   * (CellClasses), as `decide` would, from what that row left: its id, date and amount valid as a
   * purchase's, its class numbered from the earlier row's node on its date and at its amount.
   * False when it cannot (a cell not seen, an id, date or amount that might be bad, a class with no
   * decision kept): `decide` then takes the row.
   */
  decideCells(line: number, fields: readonly string[]): boolean {
    const learnt = this.cells?.find(fields);
    if (learnt === undefined || learnt.scope === undefined) return false;
    const columns = this.setup.columns!;
    const id = fields[columns.id]!;
    const date = fields[columns.date]!;
    const amount = fields[columns.amount]!;
    // (stricter than a purchase's validation: "-0.00", a PO's valid zero, is left to `decide`)
    if (id === '' || !isCalendarDate(date) || !isMoneyText(amount, false) || date < '0000-07-01' || date > '9999-06-30') return false;
    const decided = this.setup.reuse!.get(learnt.scope, learnt.scope.classify.at!(learnt.node, date, amount));
    if (decided === undefined) return false;
    this.record(line, id, date, amount, learnt, decided);
    return true;
  }

  /** Records a decided row in the chunk's columns. */
  private record(line: number, id: string, date: string, amount: string | number, facts: RowFacts, decided: Decided): void {
    const at = this.ids.length;
    if (at === this.lines.length) this.grow();
    this.lines[at] = line;
    this.ids.push(id);
    const member = facts.known.index;
    this.members[at] = member;
    this.groups[at] = this.groupOf(member, facts.bucketKind, facts.vendor);
    const dayKey = dateKey(date);
    let dateAt = this.dateIndex.get(dayKey);
    if (dateAt === undefined) {
      dateAt = this.dateValues.push(date) - 1;
      this.dateIndex.set(dayKey, dateAt);
    }
    this.dates[at] = dateAt;
    this.cents[at] = centsOf(amount);
    let flags = facts.flags;
    if (flags & UNKNOWN_CONTRACT) this.unknownContracts.push(facts.contractId!);
    else if (facts.contract?.maxAmountPerMember !== undefined) this.capped.push([at, facts.contractId!]);
    // A formal bid file stands for an informal bid too (PCC § 22034 lets a member bid formally).
    const bidFile = this.scanDocuments(facts.documents);
    if (bidFile === FORMAL_FILE) flags |= BID_ON_FILE;
    else if (decided.method === 'formal-bid') flags |= NEEDED_BID;
    else if (decided.method === 'informal-bid' && bidFile === NO_BID_FILE) flags |= NEEDED_BID | INFORMAL_BID;
    if (facts.federal) flags |= FEDERAL_MONEY;
    if (decided.blocks !== undefined) {
      flags |= BLOCKED;
      this.blocked.push(decided.blocks);
      for (const [code, message, citation] of decided.blockItems) {
        const entry = this.blockFindings.get(code);
        if (entry) entry[3]++;
        else this.blockFindings.set(code, [code, message, citation, 1]);
      }
    }
    if (decided.missing.length > 0) {
      flags |= MISSING_DOCUMENTS;
      const seen = this.missingList(decided);
      this.missingListOf[this.missingCount++] = seen.at;
      for (const entry of seen.titles) entry[3]++;
    }
    this.flags[at] = flags;
  }

  /**
   * The problems of a row not decided (its member is not in the members file, or a cell is bad)
   * beyond the one recorded (`reported`: its path): the row validated as a purchase, a change
   * order's amount and funding as sizes. Before, the first problem hid the others (an unknown
   * member and an amount "abc" reported the member only).
   */
  private otherProblems(line: number, row: RowPurchase, path: string | undefined, reported: string | undefined): void {
    const issues = purchaseIssues(row.purchase, row.revisionOf !== undefined).filter((issue) => issue.path !== reported);
    for (const issue of issues.slice(0, 5)) this.problems.push({ line, where: ChunkDecider.locate(row, path, issue.path), message: issue.message });
  }

  /** Decides a row's purchase (undefined: it was refused, and the problem is recorded). */
  private decideAnew(line: number, row: RowPurchase, path: string | undefined, known: { index: number; member: unknown }, contract: PreparedContract | undefined, spent?: number): Decided | undefined {
    const p = row.purchase;
    const input = contract ? { member: known.member, purchase: p, contract, ...(spent !== undefined ? { spentUnderContract: centsText(spent) } : {}) } : { member: known.member, purchase: p };
    try {
      // One call for both: the input is parsed and its facts derived once (its eligibility part,
      // present with a contract, is not read here).
      const decided = this.setup.pace.checkPurchase(input as never, NO_TRACE);
      const checklist = decided.auditChecklist;
      const missingItems: [string, string, string][] = [];
      for (const item of checklist.items) if (item.status === 'missing') missingItems.push([item.id, item.title, item.citation]);
      // What blocks the purchase, as `pace-rules check` finds it; each code once (a class shares
      // its findings by code: their messages are the first purchase's, see purchaseClassifier).
      const blockItems: [string, string, string][] = [];
      for (const findings of [decided.eligibility?.findings ?? [], decided.procurementMethod.findings, checklist.findings]) {
        for (const f of findings) if (f.severity === 'block' && !blockItems.some(([code]) => code === f.code)) blockItems.push([flatCopy(f.code), flatCopy(f.message), flatCopy(f.citation ?? '')]);
      }
      if (decided.eligibility !== undefined && !decided.eligibility.eligible && blockItems.length === 0) blockItems.push(['not-eligible', 'The member may not use the contract for this purchase.', '']);
      const blocks = blockItems.length > 0 ? JSON.stringify(blockItems.map(([code]) => code)) : undefined;
      return { method: decided.procurementMethod.method, missing: checklist.missing, missingItems, blocks, blockItems, node: undefined };
    } catch (e) {
      if (!isPaceError(e)) throw e;
      // (the members were validated with the members file: setup.ts)
      const issues = e.issues.length > 0 ? e.issues : [{ path: '$.purchase', message: e.message }];
      for (const issue of issues.slice(0, 5)) this.problems.push({ line, where: ChunkDecider.locate(row, path, issue.path), message: issue.message });
      return undefined;
    }
  }

  /**
   * One pass over a row's documents: the bid file they list (kind `formal-bid-file`, the audit
   * checklist's item, or `formal-bid`; else `informal-bid-file` or `informal-bid`), and a count
   * of those of unknown kinds, each kind in full (a chunk holds few rows; the book keeps
   * MAX_UNKNOWN_KINDS kinds, and counts on for those it keeps whatever chunk they come in).
   */
  private scanDocuments(documents: unknown): BidFile {
    if (!Array.isArray(documents)) return NO_BID_FILE;
    let bidFile: BidFile = NO_BID_FILE;
    for (const d of documents as unknown[]) {
      const kind = (d as { kind?: unknown } | null)?.kind;
      if (typeof kind !== 'string') continue;
      if (BID_FILE_KINDS.has(kind)) bidFile = FORMAL_FILE;
      else if (bidFile === NO_BID_FILE && INFORMAL_BID_FILE_KINDS.has(kind)) bidFile = INFORMAL_FILE;
      if (this.knownKinds.has(kind)) continue;
      this.unknownKindCount++;
      const seen = this.unknownKinds.get(kind);
      // (a new kind is copied: it may be a slice of the chunk's text)
      this.unknownKinds.set(seen === undefined ? flatCopy(kind) : kind, (seen ?? 0) + 1);
    }
    return bidFile;
  }

  /**
   * The kind a row's split bucket is of: its supply kind, or for a public work naming a kind of
   * work that other limits bind (maintenance: PCC § 20111(a)), `public-works/<kind>` (see
   * Limits.bucketKindOf). Reports show the supply kind ({@link supplyKindOfBucket}).
   */
  private bucketKindOf(p: Record<string, unknown>): string {
    const supplyKind = p['supplyKind'] as string;
    if (supplyKind !== 'public-works' || p['publicWorks'] === undefined) return supplyKind;
    // (the purchase was validated: publicWorks is { kind })
    const limitKind = `public-works/${(p['publicWorks'] as { kind: string }).kind}`;
    const kind = (this.limits ??= limitsOf(complianceContext(paceContextOf(this.setup.pace)!).thresholds)).bucketKindOf(limitKind);
    return kind === supplyKind ? supplyKind : kind;
  }

  private groupOf(member: number, supplyKind: string, vendor: string): number {
    let group = this.groupIndex.get(member, supplyKind, vendor);
    if (group === undefined) {
      group = this.groupKeys.push([member, supplyKind, vendor]) - 1;
      this.groupIndex.set(member, supplyKind, vendor, group);
    }
    return group;
  }

  /**
   * The node of a row's list of missing items (the same list, the same node). A list seen for the
   * first time gets its JSON, and the title entries of its items (added in the order items are
   * first found missing, as the report lists them).
   */
  private missingList(decided: Decided): MissingList {
    // A decision reused by many rows of the chunk finds its node once.
    if (decided.node !== undefined) return decided.node;
    const node = this.findMissingList(decided);
    decided.node = node;
    this.noted.push(decided);
    return node;
  }

  private findMissingList(decided: Decided): MissingList {
    let node = this.missingRoot;
    for (const id of decided.missing) {
      let next = node.next?.get(id);
      if (next === undefined) (node.next ??= new Map()).set(id, (next = { next: undefined, at: -1, titles: [] }));
      node = next;
    }
    if (node.at < 0) {
      node.at = this.missingLists.push(JSON.stringify(decided.missing)) - 1;
      for (const [id, title, citation] of decided.missingItems) {
        let entry = this.titles.get(id);
        if (!entry) this.titles.set(id, (entry = [id, title, citation, 0]));
        node.titles.push(entry);
      }
    }
    return node;
  }

  finish(lineCount: number): ChunkResult {
    for (const decided of this.noted) decided.node = undefined;
    this.noted.length = 0;
    const count = this.ids.length;
    return {
      count,
      lines: this.lines.subarray(0, count),
      ids: this.ids,
      members: this.members.subarray(0, count),
      groups: this.groups.subarray(0, count),
      groupKeys: this.groupKeys,
      dates: this.dates.subarray(0, count),
      dateValues: this.dateValues,
      cents: this.cents.subarray(0, count),
      flags: this.flags.subarray(0, count),
      unknownContracts: this.unknownContracts,
      capped: this.capped,
      missingLists: this.missingLists,
      missingListOf: this.missingListOf.subarray(0, this.missingCount),
      titles: [...this.titles.values()],
      blocked: this.blocked,
      blockFindings: [...this.blockFindings.values()],
      unknownKinds: [...this.unknownKinds],
      unknownKindCount: this.unknownKindCount,
      changes: this.changes,
      problems: this.problems,
      lineCount,
    };
  }
}


/** The supply kind of a split bucket's kind ({@link ChunkDecider.bucketKindOf}): `public-works/maintenance` is public works. */
export function supplyKindOfBucket(kind: string): string {
  const slash = kind.indexOf('/');
  return slash < 0 ? kind : kind.slice(0, slash);
}
