// Change orders whose PO was not read when they were: linked once every row is in, through
// chains of change orders (Amendment 2 naming Amendment 1), as findSplitPurchases folds them.
import type { ChangeOrderRow } from './chunk-result.js';
import { Column, flatCopy, IdIndex } from './columns.js';
import { quoted } from '../safe-text.js';

/** A number by id (a Map is one). @internal */
export interface IdLookup {
  get(id: string): number | undefined;
  has(id: string): boolean;
}

/** What linking reads of the book, and how it folds a change order into a PO (false: refused). @internal */
export interface ChangeOrderLinks {
  po(id: string): number;
  readonly folded: IdLookup;
  readonly lines: IdLookup;
  readonly repeated: IdLookup;
  label(line: number): string;
  fold(change: ChangeOrderRow, target: number): boolean;
}

/** Folds `pending` into their POs; returns those that change no PO, each with what to say of it. @internal */
export function linkChangeOrders(pending: readonly ChangeOrderRow[], links: ChangeOrderLinks): [ChangeOrderRow, string][] {
  // A chain of change orders (Amendment 2 naming Amendment 1) folds into its PO whatever order
  // its rows came in: a change order waits for the one it names, folded as soon as that one is.
  // An id two change orders have is no link (amendments numbered per PO: "A1" of two POs).
  const waiting = new Map<string, ChangeOrderRow[]>();
  const ready: [ChangeOrderRow, number][] = [];
  const bad: [ChangeOrderRow, string][] = [];
  for (const change of pending) {
    const of = change.revisionOf;
    const po = links.po(of);
    const again = po < 0 ? links.repeated.get(of) : undefined;
    if (po >= 0) ready.push([change, po]);
    else if (again !== undefined) bad.push([change, `change order of ${quoted(of)}, an id two change orders have (${links.label(links.lines.get(of)!)} and ${links.label(again)}): name the PO it changes`]);
    else if (links.folded.has(of)) ready.push([change, links.folded.get(of)!]);
    else {
      const list = waiting.get(of);
      if (list) list.push(change);
      else waiting.set(of, [change]);
    }
  }
  for (let k = 0; k < ready.length; k++) {
    const [change, target] = ready[k]!;
    if (!links.fold(change, target)) continue;
    const id = change.purchase['id'];
    const next = typeof id === 'string' && !links.repeated.has(id) ? waiting.get(id) : undefined;
    if (next === undefined) continue;
    waiting.delete(id as string);
    for (const c of next) ready.push([c, target]);
  }
  for (const [of, list] of waiting) {
    const line = links.lines.get(of);
    const message = line === undefined ? `change order of ${quoted(of)}, but no purchase order or change order of one in the ledger has that id` : `change order of ${quoted(of)}, a change order (${links.label(line)}) that changes no purchase order of the ledger`;
    for (const change of list) bad.push([change, message]);
  }
  return bad;
}

/**
 * The ids of a ledger's change orders as they are read: the line of the first change order with
 * each id, the PO it folded into, and the second line of an id two change orders have. In compact
 * columns: a Map of each id's text took about 130 bytes a change order with the PO it folded into,
 * 13 MB of the ledger's thread heap at 5,000,000 rows (100,000 change orders), held to the end of
 * reading, where the run's memory peaks. @internal
 */
export class ChangeOrderIds {
  private ids = new IdIndex();
  private lineOf = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
  private targetOf = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
  private readonly again = new Map<string, number>();

  /**
   * A change order's id, on `line`: the first line with it is kept, a second goes to `repeated`.
   * Throws a RangeError for an id longer than 65,535 bytes (as a PO's is refused).
   */
  note(id: string, line: number): void {
    const earlier = this.ids.add(id);
    if (earlier < 0) {
      const row = this.ids.size - 1;
      this.lineOf.set(row, line);
      this.targetOf.set(row, -1);
    } else if (!this.again.has(id)) this.again.set(flatCopy(id), line);
  }

  /** The first change order with this id (noted) folded into the PO of `target`, unless one did before. */
  folded(id: string, target: number): void {
    const row = this.ids.find(id);
    if (row >= 0 && this.targetOf.get(row) < 0) this.targetOf.set(row, target);
  }

  /** The PO each id's first change order folded into. */
  readonly targets: IdLookup = {
    get: (id) => {
      const row = this.ids.find(id);
      const target = row < 0 ? -1 : this.targetOf.get(row);
      return target < 0 ? undefined : target;
    },
    has: (id) => this.targets.get(id) !== undefined,
  };

  /** The line of each id's first change order. */
  readonly lines: IdLookup = {
    get: (id) => {
      const row = this.ids.find(id);
      return row < 0 ? undefined : this.lineOf.get(row);
    },
    has: (id) => this.ids.find(id) >= 0,
  };

  /** The second line of an id two change orders have. */
  get repeated(): IdLookup {
    return this.again;
  }

  /** Forgets every id (once every change order is linked). */
  clear(): void {
    this.ids = new IdIndex();
    this.lineOf = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
    this.targetOf = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
    this.again.clear();
  }
}
