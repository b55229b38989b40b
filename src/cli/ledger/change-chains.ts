// Change orders whose PO was not read when they were: linked once every row is in, through
// chains of change orders (Amendment 2 naming Amendment 1), as findSplitPurchases folds them.
import type { ChangeOrderRow } from './chunk-result.js';
import { quoted } from '../safe-text.js';

/** What linking reads of the book, and how it folds a change order into a PO (false: refused). @internal */
export interface ChangeOrderLinks {
  po(id: string): number;
  readonly folded: ReadonlyMap<string, number>;
  readonly lines: ReadonlyMap<string, number>;
  readonly repeated: ReadonlyMap<string, number>;
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
