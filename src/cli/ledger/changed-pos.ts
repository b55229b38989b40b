// The POs that change orders changed while a ledger is read, judged at their totals once every row
// is in (LedgerBook.judgeChangedPOs).
import type { ChangedPO } from './chunk-result.js';
import { CentsColumn, Column } from './columns.js';

const FIRST_BITS = 12;

/**
 * POs changed by change orders, by row (see ChangedPO). In columns, found by row through an
 * open-addressing index: a Map of ChangedPO objects took about 80 bytes a PO, 8 MB of the ledger
 * thread's heap at 5,000,000 rows (100,000 POs changed), held to the end of reading, where the
 * run's memory peaks.
 */
export class ChangedPOs {
  /** Each changed PO's entry (-1: none), at its row's hash; at most half full. */
  private slots = new Int32Array(1 << FIRST_BITS).fill(-1);
  /** 32 less the slots' bits: a row's slot is the top bits of its Fibonacci hash (rows 50 apart spread as well as rows 1 apart). */
  private shift = 32 - FIRST_BITS;
  private rows = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
  private lines = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
  private issued = new CentsColumn();
  /** By entry: the funding lines its change orders list (most list none). */
  private readonly funding = new Map<number, NonNullable<ChangedPO['funding']>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * A change order on `line` changed the PO of `row`, which was `before` cents then: the first
   * change order of a PO keeps that as the amount it was issued at; the latest line is kept. The
   * funding lines the change order lists (JSON), if any.
   */
  change(row: number, line: number, before: number, funding: string | undefined): void {
    const slot = this.slotOf(row);
    let entry = this.slots[slot]!;
    if (entry < 0) {
      entry = this.slots[slot] = this.count++;
      this.rows.set(entry, row);
      this.lines.set(entry, line);
      this.issued.set(entry, before);
      if (this.count * 2 > this.slots.length) this.grow();
    } else if (this.lines.get(entry) < line) this.lines.set(entry, line);
    if (funding === undefined) return;
    const list = this.funding.get(entry);
    if (list) list.push([line, funding]);
    else this.funding.set(entry, [[line, funding]]);
  }

  /** Each changed PO's row and what changed it, in the order of their latest change orders' lines. */
  byLatestLine(): [row: number, changed: ChangedPO][] {
    const all: [number, ChangedPO][] = [];
    for (let e = 0; e < this.count; e++) all.push([this.rows.get(e), { line: this.lines.get(e), issued: this.issued.get(e), funding: this.funding.get(e) }]);
    return all.sort((a, b) => a[1].line - b[1].line);
  }

  clear(): void {
    this.slots = new Int32Array(1 << FIRST_BITS).fill(-1);
    this.shift = 32 - FIRST_BITS;
    this.rows = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
    this.lines = new Column<Int32Array<ArrayBufferLike>>(Int32Array);
    this.issued = new CentsColumn();
    this.funding.clear();
    this.count = 0;
  }

  /** The slot of `row`: its entry's, or the empty one where it would go. */
  private slotOf(row: number, slots = this.slots, shift = this.shift): number {
    const mask = slots.length - 1;
    for (let slot = Math.imul(row, 0x9e3779b1) >>> shift; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry < 0 || this.rows.get(entry) === row) return slot;
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const shift = this.shift - 1;
    for (let e = 0; e < this.count; e++) slots[this.slotOf(this.rows.get(e), slots, shift)] = e;
    this.slots = slots;
    this.shift = shift;
  }
}
