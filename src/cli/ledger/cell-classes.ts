// CSV rows of a ledger whose cells, but for the id, the date and the amount, are an earlier row's:
// a ledger repeats a few members, vendors, supply kinds and lists of documents over and over
// (the bench's 200,000 rows have 1,560 such tuples). Such a row is decided from what the first
// one left (its member, contract, split bucket and class node: NodeNumbering), with only its id,
// date and amount read: no purchase object is built, validated or walked through the class table.
// Before, that was a fifth of a run (csvRowToPurchase, then the classifier's validating parse and
// walk for every row).
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

/** Tuples kept at most: past it the table starts anew (a ledger of unique tuples learns and finds nothing). */
const MAX_TUPLES = 8192;

type Level<T> = Map<string, Level<T> | T>;

/** What rows with one tuple of cells share, learnt from the first of them (`T`), by tuple. */
export class CellClasses<T extends object> {
  private readonly keys: number[];
  private readonly empties: number[];
  private readonly width: number;
  private root: Level<T> = new Map();
  private count = 0;

  constructor(columns: ColumnIndex) {
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
    if (!this.fits(fields)) return undefined;
    let level: Level<T> | T | undefined = this.root;
    for (const at of this.keys) {
      level = (level as Level<T>).get(fields[at]!);
      if (level === undefined) return undefined;
    }
    return level as T;
  }

  /** Keeps `value` for the record's tuple (its cells copied: the record's text is a chunk's). */
  learn(fields: readonly string[], value: T): void {
    if (!this.fits(fields)) return;
    if (this.count >= MAX_TUPLES) {
      this.root = new Map();
      this.count = 0;
    }
    let level = this.root;
    const last = this.keys.length - 1;
    for (let k = 0; k < last; k++) {
      const cell = fields[this.keys[k]!]!;
      let next = level.get(cell) as Level<T> | undefined;
      if (next === undefined) level.set(flatCopy(cell), (next = new Map()));
      level = next;
    }
    const cell = fields[this.keys[last]!]!;
    if (!level.has(cell)) this.count++;
    level.set(flatCopy(cell), value);
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
