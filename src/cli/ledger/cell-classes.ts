// CSV rows of a ledger whose cells, but for the id, the date and the amount, are an earlier row's:
// a ledger repeats a few members, vendors, supply kinds and lists of documents over and over
// (the bench's 200,000 rows have 1,560 such tuples). Such a row is decided from what the first
// one left (its member, contract, split bucket and class node: NodeNumbering), with only its id,
// date and amount read: no purchase object is built, validated or walked through the class table.
// Before, that was a fifth of a run (csvRowToPurchase, then the classifier's validating parse and
// walk for every row).
import { getHeapStatistics } from 'node:v8';
import type { PreparedContract } from '../../index.js';
import { flatCopy } from './columns.js';
import type { Scope } from './decision-reuse.js';
import type { LedgerSetup } from './decide-rows.js';
import type { ColumnIndex, LedgerColumn } from './rows.js';

/**
 * The cells that make a row's tuple: each is read into the purchase as it is written (or, for
 * emergency, documents and publicWorksKind, turned into a value by it alone). The description is
 * not one: any text is valid, and no decision reads it unless the packs read it by path, when no
 * class is numbered (NodeNumbering is absent) and nothing is learnt.
 */
const KEY_COLUMNS: readonly LedgerColumn[] = ['memberId', 'supplyKind', 'category', 'contractId', 'vendorId', 'emergency', 'documents', 'publicWorksKind'];

/**
 * Cells that must be empty: a funding line is compared with the amount (its class then depends on
 * it), and a change order is folded, not decided.
 */
const EMPTY_COLUMNS: readonly LedgerColumn[] = ['federalAmount', 'stateAmount', 'localAmount', 'fundingProgram', 'revisionOf'];

/**
 * What the table may hold, in bytes as `learn` estimates them (about 1,450 a tuple of the bench's
 * cells, where a tuple measured 750-1,050): a twentieth of the thread's heap limit (a worker's
 * 56 MB: 2.8 MB; the bench's 1,560 tuples are estimated at 2.3). Past it the table starts anew.
 * Bounded by a count only (8,192 tuples), a ledger of many vendors and members, or of long
 * documents cells, ran a worker out of memory on an 11,000-row file decided in full before.
 */
function tableBytesLimit(): number {
  return Math.max(256 * 1024, Math.floor(getHeapStatistics().heap_size_limit / 20));
}

/** Cells longer than this in all make no tuple: such text (a long list of documents) rarely repeats, and would take the table's room. */
const MAX_TUPLE_CHARACTERS = 512;
/** Estimated bytes of a tuple beside its cells' text: what was learnt (with its documents list) and the Map entry. */
const TUPLE_BYTES = 400;
/** Estimated bytes of a Map of the table (one per distinct cell before the last). */
const MAP_BYTES = 200;
/** A pause in learning lasts as many rows as the table learnt, doubled for each poor table before it in a row, at most this many times. */
const MAX_PAUSE_DOUBLINGS = 6;

type Level<T> = Map<string, Level<T> | T>;

/** What rows with one tuple of cells share, learnt from the first of them (`T`), by tuple. */
export class CellClasses<T extends object> {
  private readonly keys: number[];
  private readonly empties: number[];
  private readonly width: number;
  private root: Level<T> = new Map();
  /** Estimated bytes held (see tableBytesLimit). */
  private bytes = 0;
  /** Since the table started anew: tuples learnt, and rows found by them. */
  private learnt = 0;
  private found = 0;
  /**
   * Rows decided in full still to go before the table starts anew and learns again. A ledger whose
   * tuples do not repeat within the table's room (1,000 members, 40 vendors and their documents
   * lists in random order: 1,000,000 rows learnt 954,000 tuples, and 1.5% of the rows were found)
   * spent a quarter of its run learning tuples it never found again, and collecting them.
   */
  private paused = 0;
  /** Full tables in a row that were found less than they learnt: each pause is twice the one before. */
  private poorTables = 0;

  /** `limit`: the most bytes it may hold, as `learn` estimates them (tableBytesLimit). */
  constructor(
    columns: ColumnIndex,
    private readonly limit = tableBytesLimit(),
  ) {
    this.keys = KEY_COLUMNS.map((c) => columns[c]).filter((at) => at >= 0);
    this.empties = EMPTY_COLUMNS.map((c) => columns[c]).filter((at) => at >= 0);
    this.width = columns.width;
  }

  /** Whether a record's cells can make a tuple (as many cells as the header has, the empty ones empty). */
  private fits(fields: readonly string[]): boolean {
    if (fields.length !== this.width) return false;
    for (const at of this.empties) if (fields[at] !== '') return false;
    return true;
  }

  /** What was learnt for the record's tuple, if anything. */
  find(fields: readonly string[]): T | undefined {
    const found = this.lookup(fields);
    if (found !== undefined) this.found++;
    return found;
  }

  private lookup(fields: readonly string[]): T | undefined {
    if (!this.fits(fields)) return undefined;
    let level: Level<T> | T | undefined = this.root;
    for (const at of this.keys) {
      level = (level as Level<T>).get(fields[at]!);
      if (level === undefined) return undefined;
    }
    return level as T;
  }

  /**
   * Keeps what `make` gives for the record's tuple (its cells copied: the record's text is a
   * chunk's), unless learning pauses (see `paused`): `make` is called only when it is kept.
   */
  learn(fields: readonly string[], make: () => T): void {
    if (this.paused > 0) {
      if (--this.paused > 0) return;
      this.startAnew();
    }
    // (a tuple learnt before, met again by a row decided in full, is what it was: charged once)
    if (!this.fits(fields) || this.lookup(fields) !== undefined) return;
    let characters = 0;
    for (const at of this.keys) characters += fields[at]!.length;
    if (characters > MAX_TUPLE_CHARACTERS) return;
    // (one-byte text: 1 byte a character, 2 for other text; the documents' kinds are copied again in `value`)
    const cost = TUPLE_BYTES + 4 * characters + MAP_BYTES * (this.keys.length - 1);
    if (this.bytes + cost > this.limit) {
      if (this.found < this.learnt) {
        // A full table whose tuples were found fewer times than it learnt them: kept as it is
        // (as often found as a new one would be), learning nothing for a while.
        this.paused = this.learnt * 2 ** Math.min(this.poorTables++, MAX_PAUSE_DOUBLINGS);
        return;
      }
      this.poorTables = 0;
      this.startAnew();
    }
    this.bytes += cost;
    this.learnt++;
    const value = make();
    let level = this.root;
    const last = this.keys.length - 1;
    for (let k = 0; k < last; k++) {
      const cell = fields[this.keys[k]!]!;
      let next = level.get(cell) as Level<T> | undefined;
      if (next === undefined) level.set(flatCopy(cell), (next = new Map()));
      level = next;
    }
    level.set(flatCopy(fields[this.keys[last]!]!), value);
  }

  private startAnew(): void {
    this.root = new Map();
    this.bytes = 0;
    this.learnt = 0;
    this.found = 0;
  }
}

/**
 * What decides a row besides its id, date and amount (and its decision); for a CSV row's tuple of
 * cells (CellClasses), what the first row with it leaves for the next ones: its class node.
 */
export interface RowFacts {
  readonly known: { index: number; member: unknown };
  readonly contractId: string | undefined;
  readonly contract: PreparedContract | undefined;
  /** CITES_CONTRACT and UNKNOWN_CONTRACT. */
  readonly flags: number;
  readonly bucketKind: string;
  /** '' for none. */
  readonly vendor: string;
  readonly documents: unknown;
  readonly federal: boolean;
  readonly scope: Scope | undefined;
  /** -1 without a scope. */
  readonly node: number;
}

/**
 * RowFacts, made in one place so that every one has one hidden class: made by spreading, the
 * learnt ones had several, and reading them went through V8's megamorphic cache and its runtime
 * (about 6,600 instructions a row, more than what it saved).
 */
export function rowFacts(known: RowFacts['known'], contractId: string | undefined, contract: PreparedContract | undefined, flags: number, bucketKind: string, vendor: string, documents: unknown, federal: boolean, scope: Scope | undefined, node: number): RowFacts {
  return { known, contractId, contract, flags, bucketKind, vendor, documents, federal, scope, node };
}

const cellClasses = new WeakMap<LedgerSetup, CellClasses<RowFacts>>();

/** The tuples of cells a thread learns, one table per setup (a CSV ledger with reused decisions). */
export function cellClassesOf(setup: LedgerSetup): CellClasses<RowFacts> | undefined {
  if (setup.format !== 'csv' || setup.reuse === undefined || setup.columns === undefined) return undefined;
  let cells = cellClasses.get(setup);
  if (cells === undefined) cellClasses.set(setup, (cells = new CellClasses(setup.columns)));
  return cells;
}
