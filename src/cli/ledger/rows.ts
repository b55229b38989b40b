// Ledger rows as purchases: the CSV layout (docs/cli.md) and JSON purchases, each problem named by
// line and column (CSV) or JSON path.
import { quoted } from '../safe-text.js';
import { isPaceError, type PaceErrorIssue } from '../../errors/pace-error.js';
import { parsePurchase } from '../../compliance/parse-input.js';

/**
 * The documented ledger CSV layout (docs/cli.md): a header row, then one purchase order per row.
 * Required: id, memberId, date, amount, supplyKind. The others are optional; `revisionOf` marks a
 * change order of the PO it names.
 */
export const LEDGER_COLUMNS = ['id', 'memberId', 'date', 'amount', 'supplyKind', 'category', 'contractId', 'vendorId', 'federalAmount', 'stateAmount', 'localAmount', 'fundingProgram', 'emergency', 'documents', 'description', 'revisionOf', 'publicWorksKind'] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];
const REQUIRED: readonly LedgerColumn[] = ['id', 'memberId', 'date', 'amount', 'supplyKind'];
const KNOWN: ReadonlySet<string> = new Set(LEDGER_COLUMNS);

/** A problem with the input, located: the message the CLI prints is `file: line N, where: message`. */
export interface RowProblem {
  /** Line of the input, from 1 (or relative to a chunk while in a worker). */
  line: number;
  /** A CSV column name, or a JSON path. */
  where: string;
  message: string;
}

/** The position of each known column in a CSV record (-1: absent). */
export type ColumnIndex = Record<LedgerColumn, number> & { readonly width: number };

/** Reads the header record: quoted names are fine, a duplicate, unknown or missing column is refused. */
export function readHeader(fields: readonly string[]): { columns: ColumnIndex } | { problem: string } {
  const columns = { ...(Object.fromEntries(LEDGER_COLUMNS.map((c) => [c, -1])) as Record<LedgerColumn, number>), width: fields.length };
  const unknown: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const name = (i === 0 ? fields[i]!.replace(/^\uFEFF/, '') : fields[i]!).trim();
    if (!KNOWN.has(name)) {
      unknown.push(name);
      continue;
    }
    const column = name as LedgerColumn;
    if (columns[column] >= 0) return { problem: `column ${quoted(name)} appears twice (columns ${columns[column] + 1} and ${i + 1}); each column may appear once` };
    columns[column] = i;
  }
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((u) => quoted(u, 40)).join(', ');
    return { problem: `unknown column${unknown.length > 1 ? 's' : ''} ${shown}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}; expected columns from: ${LEDGER_COLUMNS.join(', ')}` };
  }
  const missing = REQUIRED.filter((c) => columns[c] < 0);
  if (missing.length > 0) return { problem: `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` };
  return { columns };
}

/** A purchase read from a row, with what the row adds beside the library's Purchase shape. */
export interface RowPurchase {
  purchase: Record<string, unknown>;
  /** The PO this row revises (a change order), if any. */
  revisionOf: string | undefined;
  /** CSV only: the columns the purchase's funding entries came from, in order (see {@link csvColumnOf}). */
  fundingColumns?: readonly string[];
  /**
   * CSV only: a cell of the row is bad (its problem recorded, the cell left out of `purchase`): the
   * row is not decided, but the rest of it is still validated, so that every problem of the row is
   * reported at once.
   */
  refused?: boolean;
}

const NO_FUNDING: readonly string[] = [];

/** Which CSV column a library path (`$.purchase.amount`, `$.purchase.funding[1].amount`) came from, for error messages. */
export function csvColumnOf(path: string, fundingColumns: readonly string[]): string {
  const m = /^\$\.purchase\.([A-Za-z]+)(?:\[(\d+)\])?/.exec(path);
  if (!m) return 'row';
  if (m[1] === 'publicWorks') return 'publicWorksKind';
  if (m[1] === 'funding') {
    const column = m[2] !== undefined ? fundingColumns[Number(m[2])] : undefined;
    return column ? (path.endsWith('.program') ? 'fundingProgram' : column) : 'federalAmount/stateAmount/localAmount';
  }
  return m[1]!;
}

/** A cell of a record at a column position ('' when the header has no such column or the record is short). */
function cellAt(fields: readonly string[], at: number): string {
  return at >= 0 && at < fields.length ? fields[at]! : '';
}

/**
 * Turns a CSV record into a purchase, and the problems of its cells (the row is then `refused`). Each optional column is read
 * by its position, in a fixed order (the purchase's keys: id, memberId, date, amount, supplyKind,
 * category, contractId, vendorId, description, funding, emergency, documents, publicWorks).
 */
export function csvRowToPurchase(fields: readonly string[], columns: ColumnIndex, line: number, problems: RowProblem[]): RowPurchase {
  const before = problems.length;
  // Every key is present, undefined where the row has no value (the library reads undefined as
  // absent), so that every row's purchase has one hidden class: with keys added only when
  // present, the rows of a ledger took several, the library's copy of the purchase went
  // megamorphic and copied key by key through the runtime (about 4,500 instructions a row).
  const purchase: Record<string, unknown> = {
    id: cellAt(fields, columns.id),
    memberId: cellAt(fields, columns.memberId),
    date: cellAt(fields, columns.date),
    amount: cellAt(fields, columns.amount),
    supplyKind: cellAt(fields, columns.supplyKind),
    category: cellAt(fields, columns.category) || undefined,
    contractId: cellAt(fields, columns.contractId) || undefined,
    vendorId: cellAt(fields, columns.vendorId) || undefined,
    description: cellAt(fields, columns.description) || undefined,
    funding: undefined,
    emergency: undefined,
    documents: undefined,
    publicWorks: undefined,
  };
  let fundingColumns: string[] | undefined;
  let funding: Record<string, unknown>[] | undefined;
  const federal = cellAt(fields, columns.federalAmount);
  const state = cellAt(fields, columns.stateAmount);
  const local = cellAt(fields, columns.localAmount);
  // The program is the federal line's, or the one line's there is (E-Rate discounts on a local
  // line); with a state and a local line and no federal one, it names neither. Before, a program
  // without a federal amount was dropped with no word (E-Rate's documents were not asked for).
  const program = cellAt(fields, columns.fundingProgram);
  if (program && !federal && (state ? 1 : 0) + (local ? 1 : 0) !== 1) {
    problems.push({ line, where: 'fundingProgram', message: `${quoted(program)} is the program of a funding line, but the row has ${state ? 'a state and a local amount and no federal one' : 'no funding amount'}: give the program's amount in federalAmount, or in stateAmount or localAmount alone` });
  }
  if (federal || state || local) {
    funding = [];
    fundingColumns = [];
    if (federal) {
      funding.push(program ? { source: 'federal', program, amount: federal } : { source: 'federal', amount: federal });
      fundingColumns.push('federalAmount');
    }
    const own = federal ? '' : program;
    if (state) {
      funding.push(own ? { source: 'state', program: own, amount: state } : { source: 'state', amount: state });
      fundingColumns.push('stateAmount');
    }
    if (local) {
      funding.push(own ? { source: 'local', program: own, amount: local } : { source: 'local', amount: local });
      fundingColumns.push('localAmount');
    }
    purchase['funding'] = funding;
  }
  const emergency = cellAt(fields, columns.emergency);
  if (emergency) {
    const e = emergency.toLowerCase();
    if (e === 'true' || e === 'yes') purchase['emergency'] = true;
    else if (e === 'false' || e === 'no') purchase['emergency'] = false;
    else problems.push({ line, where: 'emergency', message: `expected true or false (or yes/no), got ${quoted(emergency)}` });
  }
  const documents = cellAt(fields, columns.documents);
  if (documents) {
    // "kind;kind": each kind trimmed, empty ones skipped.
    let list: { kind: string }[] | undefined;
    for (let from = 0; from <= documents.length; ) {
      let to = documents.indexOf(';', from);
      if (to < 0) to = documents.length;
      let a = from;
      let b = to;
      while (a < b && isSpace(documents.charCodeAt(a))) a++;
      while (b > a && isSpace(documents.charCodeAt(b - 1))) b--;
      if (b > a) (list ??= []).push({ kind: documents.slice(a, b) });
      from = to + 1;
    }
    if (list) purchase['documents'] = list;
  }
  // The kind of work (publicWorks.kind): maintenance has its own bid limit (PCC § 20111(a)).
  const work = cellAt(fields, columns.publicWorksKind);
  if (work) purchase['publicWorks'] = { kind: work };
  // (a row of fewer cells is refused too: an export cut off in a row lost its last cells, a
  // vendor among them, and the row escaped the split check. Cells after the header's that are
  // empty, as spreadsheets write them, are not cells of data.)
  if (fields.length < columns.width || (fields.length > columns.width && fields.slice(columns.width).some((f) => f.length > 0))) {
    problems.push({ line, where: 'row', message: `${fields.length} cells, but the header has ${columns.width} columns` });
  }
  const revisionOf = cellAt(fields, columns.revisionOf) || undefined;
  return { purchase, revisionOf, fundingColumns: fundingColumns ?? NO_FUNDING, refused: problems.length > before };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What String.prototype.trim removes (whitespace and line terminators), for the documents cell. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Turns a parsed JSON value (one purchase) into a purchase. `revisionOf` is taken off the object:
 * the library's Purchase does not carry it; the CLI folds change orders into their PO.
 */
export function jsonToPurchase(value: unknown, line: number, path: string, problems: RowProblem[]): RowPurchase | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ line, where: path, message: 'expected a purchase object' });
    return undefined;
  }
  const { revisionOf, ...purchase } = value as Record<string, unknown>;
  // An id with half a surrogate pair ("\ud800", which JSON can write and UTF-8 cannot) is kept as
  // UTF-8: two such ids were one, and reported as a duplicate.
  if (typeof purchase['id'] === 'string' && LONE_SURROGATE.test(purchase['id'])) {
    problems.push({ line, where: `${path}.id`, message: 'expected text: the id holds half of a UTF-16 surrogate pair (an escape such as \\ud800 on its own), which is no character' });
    return undefined;
  }
  if (revisionOf !== undefined && (typeof revisionOf !== 'string' || revisionOf.length === 0)) {
    problems.push({ line, where: `${path}.revisionOf`, message: `expected the id of the purchase this change order revises, got ${quoted(revisionOf)}` });
    return undefined;
  }
  return { purchase, revisionOf };
}

/**
 * What is wrong with a row's purchase as the library validates one (none: an empty list). A change
 * order's amount and funding lines are validated as sizes, without a leading minus (a PO's may not
 * be negative, a change order's may: it takes money off), on the row itself and put back after, not
 * on a copy with revisionOf, so that the parser sees the one hidden class of the ledger's rows (a
 * second one made it megamorphic: about 1,500 instructions more a row on the bench's 200,000 rows).
 */
export function purchaseIssues(p: Record<string, unknown>, change: boolean): readonly PaceErrorIssue[] {
  const amount = p['amount'];
  const funding = p['funding'];
  let signed: unknown[] | undefined;
  if (change) {
    const text = typeof amount === 'number' ? String(amount) : amount;
    if (typeof text === 'string') p['amount'] = text.startsWith('-') ? text.slice(1) : text;
    if (Array.isArray(funding)) {
      for (const line of funding as unknown[]) {
        const lineAmount = line !== null && typeof line === 'object' ? (line as { amount?: unknown }).amount : undefined;
        if (typeof lineAmount !== 'string' || !lineAmount.startsWith('-')) continue;
        signed ??= funding.map((l) => (l !== null && typeof l === 'object' ? (l as { amount?: unknown }).amount : undefined));
        (line as { amount: unknown }).amount = lineAmount.slice(1);
      }
    }
  }
  try {
    parsePurchase(p);
    return [];
  } catch (e) {
    if (!isPaceError(e)) throw e;
    return e.issues;
  } finally {
    p['amount'] = amount;
    if (signed !== undefined) {
      const lines = funding as { amount?: unknown }[];
      for (let i = 0; i < lines.length; i++) if (typeof signed[i] === 'string') lines[i]!.amount = signed[i];
    }
  }
}
