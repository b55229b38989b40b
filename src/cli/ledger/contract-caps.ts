// A contract's cap per member (maxAmountPerMember) totalled across a ledger: which POs the member's
// spend under the contract carries over the cap, and that spend. LedgerBook decides those POs
// again with it (judgeAgain, as the library decides a purchase given `spentUnderContract`).
import { moneyToCents } from '../../compliance/threshold-table.js';
import type { PreparedContract } from '../../index.js';
import { flatCopy } from './columns.js';

/**
 * What a ledger's book notes for its contracts' caps while it is read: the rows under a capped
 * contract, and (when the contracts file has such a contract) each change order folded.
 */
export class ContractCapSpend {
  private readonly rows: [row: number, contractId: string][] = [];
  private readonly changes: [row: number, date: string, line: number, cents: number][] | undefined;

  constructor(private readonly contracts: ReadonlyMap<string, PreparedContract>) {
    this.changes = [...contracts.values()].some((c) => c.maxAmountPerMember !== undefined) ? [] : undefined;
  }

  /** A row under a capped contract (`contractId`: a slice of its chunk's text, copied). */
  row(row: number, contractId: string): void {
    this.rows.push([row, flatCopy(contractId)]);
  }

  /** A change order folded into the PO of `row` (its date: a slice of its chunk's text, copied). */
  change(row: number, date: string, line: number, cents: number): void {
    this.changes?.push([row, flatCopy(date), line, cents]);
  }

  /** The POs the member's spend carries over their contract's cap, and that spend ({@link overContractCaps}); `po` reads a row from the book. */
  over(po: (row: number) => Omit<CappedPO, 'row' | 'key' | 'cap'> & { member: number }): Map<number, number> {
    if (this.rows.length === 0) return new Map();
    const caps = new Map<string, number>();
    return overContractCaps(
      this.rows.map(([row, contractId]) => {
        let cap = caps.get(contractId);
        if (cap === undefined) caps.set(contractId, (cap = moneyToCents(this.contracts.get(contractId)!.maxAmountPerMember!)));
        const { member, ...rest } = po(row);
        return { row, key: `${member} ${contractId}`, cap, ...rest };
      }),
      this.changes ?? [],
    );
  }
}

/** A PO under a contract with a cap per member, as the book holds it. */
export interface CappedPO {
  row: number;
  /** The member and the contract (their POs are totalled together). */
  key: string;
  /** The contract's cap per member, in cents. */
  cap: number;
  date: string;
  line: number;
  /** The amount it was issued at, in cents. */
  issued: number;
  /** A finding blocks it as issued (bought outside the contract). */
  blocked: boolean;
}

/**
 * The POs that the member's spend under their contract carries over its cap, and that spend in
 * cents: the member's POs under the contract taken as they happened (each PO on its date at the
 * amount it was issued at, each change order of `changes` on its own date, by line on one day; one
 * dated before its PO, or above it in the file on the PO's day, right after it, in file order), and a PO judged
 * over the cap where its own amount (as issued, or with a change order that raises it) and the
 * spend of the member's other POs under the contract before it come to more than the cap. Only
 * what the contract could cover counts, as the report's spending per vendor counts it: not a PO a
 * finding blocks as issued (a vendor the contract does not authorize, a date outside its term),
 * not one found over the cap, and not, from the change order that raised it over, a PO raised over
 * it. A row is decided alone as it is read, as `pace-rules check` decides it; the library decides
 * it with `spentUnderContract` (PCC § 20118: the contract's own terms). Before, three $120,000 POs
 * under a $150,000 cap passed.
 */
export function overContractCaps(pos: readonly CappedPO[], changes: readonly (readonly [row: number, date: string, line: number, cents: number])[]): Map<number, number> {
  const out = new Map<number, number>();
  // Each member's events under each capped contract: [date, line, row, change in cents, issued?,
  // the line in the file] (change orders put right after their PO keep their file order).
  const events = new Map<string, { cap: number; list: [string, number, number, number, boolean, number][] }>();
  const poOf = new Map<number, CappedPO>();
  for (const po of pos) {
    poOf.set(po.row, po);
    let of = events.get(po.key);
    if (of === undefined) events.set(po.key, (of = { cap: po.cap, list: [] }));
    of.list.push([po.date, po.line, po.row, po.issued, true, po.line]);
  }
  for (const [row, date, line, cents] of changes) {
    const po = poOf.get(row);
    if (po === undefined) continue;
    events.get(po.key)!.list.push(date > po.date ? [date, line, row, cents, false, line] : [po.date, date === po.date && line > po.line ? line : po.line + 0.5, row, cents, false, line]);
  }
  for (const { cap, list } of events.values()) {
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[5] - b[5]));
    // Each PO's amount so far, what the contract covers of it (left out: not covered), in all.
    const amount = new Map<number, number>();
    const counted = new Map<number, number>();
    let spend = 0;
    for (const [, , row, cents, issued] of list) {
      if (issued) {
        if (poOf.get(row)!.blocked) continue;
        amount.set(row, cents);
        if (spend + cents > cap) {
          // (over the cap alone, the library blocks it as issued: blocked above)
          if (spend > 0) out.set(row, spend);
          continue;
        }
        counted.set(row, cents);
        spend += cents;
        continue;
      }
      const own = counted.get(row);
      if (own === undefined) continue;
      const next = amount.get(row)! + cents;
      amount.set(row, next);
      if (cents > 0 && spend - own + Math.max(0, next) > cap) {
        // Over the cap with this raise: the PO is judged at its total, and bought outside the
        // contract (as the report's spending counts it); on its own over the cap, the library
        // blocks it at its total without the others' spend.
        if (spend - own > 0) out.set(row, spend - own);
        counted.delete(row);
        spend -= own;
        continue;
      }
      counted.set(row, Math.max(0, next));
      spend += Math.max(0, next) - own;
    }
  }
  return out;
}
