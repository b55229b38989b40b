// POs that change orders raised, decided again as the library judges a PO given with its change
// orders: as issued and at withChangeOrders(po, changeOrders), each from its own row read again
// (a PO's fields are not kept while the ledger is read). LedgerBook.judgeAgain reports them.
import { withChangeOrders } from '../../compliance/decide.js';
import type { Purchase } from '../../model/purchase.js';
import { ChunkDecider, type LedgerSetup } from './decide-rows.js';
import { BLOCKED, MISSING_DOCUMENTS, type ChangedPO } from './chunk-result.js';
import { centsText } from './cents-text.js';
import { isNegativeText } from '../../model/primitives.js';
import { moneyToCents } from '../../compliance/threshold-table.js';
import type { OnRow } from './rows-again.js';
import type { RowPurchase } from './rows.js';

/** A PO that change orders raised: its line, id, its latest change order's line, the change in cents, and its change orders' funding lines. */
export interface RaisedPO {
  line: number;
  id: string;
  latestLine: number;
  changeCents: number;
  funding: ChangedPO['funding'];
  /** The member's earlier spend under its contract (cents), judged with it at its total; undefined: none. */
  spent?: number | undefined;
}

/** What each raised PO (by its index) was found: its flags at its total with DECIDED, and its missing items at its total and as issued (an index into `lists`, -1: none). */
export interface RaisedOutcomes {
  /** 0: not decided again (of the class it was issued in, or refused as a problem), else its flags at its total | DECIDED. */
  flags: Uint16Array;
  missing: Int32Array;
  missingAsIssued: Int32Array;
  /** Each distinct list of missing items, as JSON. */
  lists: string[];
  titles: Map<string, { title: string; citation: string }>;
  /** The codes of the findings that block it at its total and as issued (a JSON array), if any. */
  blocked: (string | undefined)[];
  blockedAsIssued: (string | undefined)[];
  blockFindings: Map<string, { message: string; citation: string }>;
}

/** Above every row flag (decide-rows.ts): row flags take the low eight bits. */
const DECIDED = 0x100;

/**
 * Decides each raised PO as issued and at its total, reading its row again (`rowsAgain`), as rows
 * are decided (the same classes), on its latest change order's line (`pathOf`: where that line's
 * row is). A PO whose total falls in the class it was issued in is left as judged.
 */
export function decideRaisedPOs(setup: LedgerSetup, raised: readonly RaisedPO[], rowsAgain: (lines: Int32Array, onRow: OnRow) => void, pathOf: (line: number) => string): RaisedOutcomes {
  const decider = raisedDecider(setup, raised, pathOf);
  rowsAgain(Int32Array.from(raisedLines(raised), ([line]) => line), decider.row);
  return decider.finish();
}

/**
 * What decides raised POs ({@link decideRaisedPOs}) row by row: `row` takes the i-th PO's row in
 * line order (raisedLines) as it is read again, `finish` gives the outcomes once all were.
 */
export function raisedDecider(setup: LedgerSetup, raised: readonly RaisedPO[], pathOf: (line: number) => string): { row: OnRow; finish: () => RaisedOutcomes } {
  const lists: string[] = [];
  const listIndex = new Map<string, number>();
  const out: RaisedOutcomes = { flags: new Uint16Array(raised.length), missing: new Int32Array(raised.length).fill(-1), missingAsIssued: new Int32Array(raised.length).fill(-1), lists, titles: new Map(), blocked: [], blockedAsIssued: [], blockFindings: new Map() };
  // In deciders of a few thousand rows, one after the other (a decision reused within a decider
  // notes its list of missing items in that decider's).
  let decider = new ChunkDecider(setup, 1024);
  let decided: [k: number, issued: number, total: number][] = [];
  const take = (): void => {
    const result = decider.finish(0);
    const missingOf: number[] = [];
    const blockedOf: (string | undefined)[] = [];
    for (let i = 0, b = 0; i < result.count; i++) blockedOf.push(result.flags[i]! & BLOCKED ? result.blocked[b++] : undefined);
    for (let i = 0, m = 0; i < result.count; i++) {
      if (!(result.flags[i]! & MISSING_DOCUMENTS)) missingOf.push(-1);
      else {
        const list = result.missingLists[result.missingListOf[m++]!]!;
        let at = listIndex.get(list);
        if (at === undefined) listIndex.set(list, (at = lists.push(list) - 1));
        missingOf.push(at);
      }
    }
    for (const [k, issued, total] of decided) {
      if (issued >= 0) {
        out.missingAsIssued[k] = missingOf[issued]!;
        out.blockedAsIssued[k] = blockedOf[issued];
      }
      if (total >= 0) {
        out.missing[k] = missingOf[total]!;
        out.blocked[k] = blockedOf[total];
        out.flags[k] = result.flags[total]! | DECIDED;
      }
    }
    for (const [id, title, citation] of result.titles) out.titles.set(id, { title, citation });
    for (const [code, message, citation] of result.blockFindings) if (!out.blockFindings.has(code)) out.blockFindings.set(code, { message, citation });
    // (no problem is reported: the PO and its change orders were valid; a total past the largest
    // amount a purchase may have, over 13 digits, is judged as issued)
    decider = new ChunkDecider(setup, 1024);
    decided = [];
  };
  const poLines = raisedLines(raised);
  return {
    row: (i, po) => {
      const k = poLines[i]![1];
      const raisedPO = raised[k]!;
      if (!isRaisedRow(po, raisedPO)) return false;
      // What withChangeOrders reads of the change orders: their amounts, which come to the
      // change in all, and their funding lines, in line order.
      const orders = [{ amount: centsText(raisedPO.changeCents) }, ...(raisedPO.funding ?? []).sort((a, b) => a[0] - b[0]).map(([, json]) => ({ amount: '0.00', funding: JSON.parse(json) as unknown }))];
      const folded = withDeductionsNetted(withChangeOrders(po.purchase as unknown as Purchase, orders as unknown as Purchase[])) as unknown as Record<string, unknown>;
      // (of the class it was issued in, it is judged as it was: most raised POs)
      if (raisedPO.spent === undefined && decider.sameClass(po.purchase, folded)) return true;
      const path = pathOf(raisedPO.latestLine);
      const issued = decider.rows;
      decider.decide(raisedPO.latestLine, po, path);
      const total = decider.rows;
      decider.decide(raisedPO.latestLine, { ...po, purchase: folded }, path, raisedPO.spent);
      decided.push([k, decider.rows > issued ? issued : -1, decider.rows > total ? total : -1]);
      if (decider.rows >= 4096) take();
      return true;
    },
    finish: () => {
      take();
      return out;
    },
  };
}

/** The raised POs' lines in increasing order, each with its index in `raised`: the order their rows are read again in. */
export function raisedLines(raised: readonly RaisedPO[]): [line: number, k: number][] {
  return raised.map((po, k): [number, number] => [po.line, k]).sort((a, b) => a[0] - b[0]);
}

/** Whether the row read again on a raised PO's line is that PO's (not a change order, not another id: the input changed since). */
export function isRaisedRow(row: RowPurchase, po: RaisedPO): boolean {
  return row.purchase['id'] === po.id && row.revisionOf === undefined;
}

/**
 * Decides raised POs elsewhere (a worker thread): `start` with the POs and the path of each one's
 * latest change order's line, then their rows read again in line order, in batches of `[i, row]`
 * (i: the PO's place in raisedLines), then `end` for the outcomes.
 */
export interface RaisedHelper {
  start(raised: readonly RaisedPO[], paths: readonly string[]): void;
  rows(batch: readonly [number, RowPurchase][]): void;
  end(): Promise<RaisedOutcomes>;
}

/** What a helper's thread is sent (RaisedHelper's calls): the POs, their rows in batches, the end (`seq`: its answer's). */
export type RaisedRequest = { raised: 'start'; pos: readonly RaisedPO[]; paths: readonly string[] } | { raised: 'rows'; rows: readonly [number, RowPurchase][] } | { raised: 'end'; seq: number };

/**
 * A helper's thread's side of RaisedHelper: takes each request, and at the end gives the outcomes,
 * or throws what failed since the start (`setupOf`: the thread's own setup).
 */
export function raisedServer(setupOf: () => LedgerSetup): (request: RaisedRequest) => RaisedOutcomes | undefined {
  let decider: ReturnType<typeof raisedDecider> | undefined;
  let failed: { error: unknown } | undefined;
  return (request) => {
    if (request.raised === 'end') {
      const [done, failure] = [decider, failed];
      decider = undefined;
      failed = undefined;
      if (failure !== undefined) throw failure.error;
      if (done === undefined) throw new Error('raised POs: the end came before the start');
      return done.finish();
    }
    try {
      if (request.raised === 'start') {
        const pathOf = new Map(request.pos.map((po, k) => [po.latestLine, request.paths[k]!]));
        decider = raisedDecider(setupOf(), request.pos, (line) => pathOf.get(line)!);
        failed = undefined;
      } else if (failed === undefined) for (const [i, row] of request.rows) decider!.row(i, row);
    } catch (e) {
      failed = { error: e };
    }
    return undefined;
  };
}

/**
 * The most raised POs a helper decides: its thread's heap is small (32 MB old generation, see
 * pool.ts), and what it keeps grows with them (the POs, their paths, their outcomes). The bench's
 * 1,000,000 rows raise 19,709 POs, which a worker decided within a 20 MB old generation (at 16 MB
 * it cannot decide the chunks either); 5,000,000 rows raise about 100,000, which ran a 32 MB
 * worker out of memory. More are decided in the ledger's thread, whose heap grows with the ledger.
 */
const HELPER_MAX_POS = 30_000;

/** Rows read again sent to a helper at a time: sent as they are read, they do not keep their chunk's text alive. */
const HELPER_BATCH_ROWS = 256;

/**
 * {@link decideRaisedPOs}, or with a helper, the rows read again here and decided by it: a worker
 * whose decisions' code is warm from deciding the ledger's chunks (this thread's never ran).
 */
export async function raisedOutcomes(setup: LedgerSetup, raised: readonly RaisedPO[], rowsAgain: (lines: Int32Array, onRow: OnRow) => void, pathOf: (line: number) => string, helper: RaisedHelper | undefined): Promise<RaisedOutcomes> {
  if (helper === undefined || raised.length > HELPER_MAX_POS) return decideRaisedPOs(setup, raised, rowsAgain, pathOf);
  const poLines = raisedLines(raised);
  helper.start(raised, raised.map((po) => pathOf(po.latestLine)));
  let batch: [number, RowPurchase][] = [];
  rowsAgain(Int32Array.from(poLines, ([line]) => line), (i, row) => {
    if (!isRaisedRow(row, raised[poLines[i]![1]]!)) return false;
    batch.push([i, row]);
    if (batch.length >= HELPER_BATCH_ROWS) {
      helper.rows(batch);
      batch = [];
    }
    return true;
  });
  if (batch.length > 0) helper.rows(batch);
  return helper.end();
}

/** The items of a raised PO's list at its total (JSON: missing items, or codes that block) that its list as issued lacks. */
export function newAtTotal(total: string, asIssued: string | undefined): string[] {
  const had = new Set(asIssued === undefined ? [] : (JSON.parse(asIssued) as string[]));
  return (JSON.parse(total) as string[]).filter((item) => !had.has(item));
}

/**
 * A raised PO's list at its total as the library gives it (JSON): the items at its total and those
 * of its list as issued, which stay (auditChecklist: what the PO needed as issued stays in its
 * audit file, such as the informal bid file of a $150,000 CUPCCAA project raised past the informal
 * limit), in `order` (an item's place in the checklist; codes without one keep the order they come
 * in, the total's first). Before, the ledger listed the items at its total alone.
 */
export function withIssuedItems(total: string, asIssued: string | undefined, order?: ReadonlyMap<string, number>): string {
  if (asIssued === undefined) return total;
  const items = [...new Set([...(JSON.parse(total) as string[]), ...(JSON.parse(asIssued) as string[])])];
  if (order !== undefined) items.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || 0);
  return JSON.stringify(items);
}

/** Which lines a deduction is taken off, most alike first: of its source and program, of its source, of federal money or not, any. */
const ALIKE: readonly ((a: Funding, b: Funding) => boolean)[] = [
  (a, b) => a.source === b.source && a.program === b.program,
  (a, b) => a.source === b.source,
  (a, b) => (a.source === 'federal') === (b.source === 'federal'),
  () => true,
];
type Funding = NonNullable<Purchase['funding']>[number];

/**
 * The folded PO with its negative funding lines (deductive change orders') taken off its other
 * lines, every line kept (a deduction at zero): the PO the ledger decides is validated as a
 * purchase, whose lines may not be negative, but the library judges the folded PO's lines as they
 * are, and what the packs read of them stays: which lines are federal and which programs they name
 * (every line is kept), whether they add up to the amount (their sum is kept), and the federal
 * amount (a deduction is taken off lines of its own kind of money first, in whatever order the
 * lines come). A $60,000 PO of local money, -$10,000 and +$80,000 of it: $130,000, needing a bid.
 * Only lines that take off more than there is of their kind of money (federal, or not) move money
 * across kinds, and the federal amount is then not the library's (below zero, or above what is
 * left once local money taken off past the local lines comes off federal lines; no bundled pack
 * reads it, a custom pack reading `federalAmountCents` would); lines that take off more than all
 * the others have come to zero (they do not add up to the amount, as the library's do not).
 * Before, a deduction was taken only off earlier lines of its source and program, and a PO whose
 * lines could not be netted so was judged as issued, silently.
 */
export function withDeductionsNetted(purchase: Purchase): Purchase {
  const funding = purchase.funding;
  if (funding === undefined || !funding.some((f) => isNegativeText(f.amount))) return purchase;
  const cents = funding.map((f) => moneyToCents(f.amount));
  for (const alike of ALIKE) {
    for (let i = 0; i < cents.length; i++) {
      for (let j = 0; j < cents.length && cents[i]! < 0; j++) {
        if (cents[j]! <= 0 || !alike(funding[j]!, funding[i]!)) continue;
        const taken = Math.min(cents[j]!, -cents[i]!);
        cents[j]! -= taken;
        cents[i]! += taken;
      }
    }
  }
  return { ...purchase, funding: funding.map((f, i) => ({ ...f, amount: centsText(Math.max(0, cents[i]!)) })) };
}
