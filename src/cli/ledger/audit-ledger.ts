// audit-ledger as a stream: the file is read in chunks of whole records, each chunk is read,
// validated and decided (in worker threads when there are several cores and the file is large),
// and the results are taken in input order by a LedgerBook that keeps only compact columns.
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { SplitPurchaseGroup } from '../../index.js';
import { InputError, unlinkedTempFile } from '../files.js';
import { JsonDocumentReader } from './json-document.js';
import { boundedMessage, printable } from '../safe-text.js';
import { forEachCsvRecord, lastCsvRecordEnd } from './csv.js';
import { ChunkDecider, decideChunkBytes } from './decide-rows.js';
import { type ChunkResult } from './chunk-result.js';
import { ledgerFormatOf, type LedgerFormat } from './ledger-format.js';
import { bomLength, firstNonUtf8, notUtf8Message } from './utf8.js';
import { EXPECTED_ROWS_LIMIT, LedgerBook, type DetailSink, type MemberSummary, type MemberYear, type SplitGroups } from './ledger-book.js';
import { jsonToPurchase, readHeader, type RowProblem } from './rows.js';
import { linesAgain, purchasesAgain, type ByteSource } from './rows-again.js';
import { lastLineEnd } from './chunk-text.js';
import { buildLedgerSetup, type LedgerFiles } from './setup.js';
import type { SplitHelpers } from './split-buckets.js';
import type { RaisedHelper } from './raised-pos.js';

/** What `pace-rules audit-ledger` reports (the JSON format; neededBid and missingDocuments may be long). */
export interface LedgerReport {
  file: string;
  rulesVersion: string;
  window: 'fiscal-year' | { days: number };
  purchaseCount: number;
  changeOrders: number;
  total: string;
  members: MemberSummary[];
  memberYears: MemberYear[];
  splitPurchases: SplitPurchaseGroup[];
  /** The split groups a finding blocks (kind `split`); the others are warnings to check. */
  blockingSplitGroupCount: number;
  /**
   * Purchases a finding blocks, as `pace-rules check` would block each (a finding of severity
   * `block` in its eligibility, procurement method or audit checklist: a member whose membership
   * is not active, a vendor the contract does not authorize, ...): how many, and by code the
   * finding's message and citation and on how many purchases. The list is `blockedPurchases`.
   */
  blockedPurchaseCount: number;
  blockingFindings: Record<string, { message: string; citation: string; on: number }>;
  neededBidCount: number;
  /** Of neededBidCount, the purchases of CUPCCAA members whose public project needed an informal bid (PCC § 22034). */
  neededInformalBidCount: number;
  missingDocumentsCount: number;
  unknownContractCount: number;
  unknownContracts: { purchaseId: string; contractId: string; where: string }[];
  /** The checklist items found missing: id → title, citation, and on how many purchases. */
  checklistItems: Record<string, { title: string; citation: string; missingOn: number }>;
  /**
   * Documents whose kind is no checklist item (nor a bid file): they satisfy nothing, so the item
   * they were meant for shows as missing (a typo, or a label such as "board approval"). How many in
   * all, and by kind, most first (at most 100 kinds).
   */
  unknownDocumentCount: number;
  unknownDocumentKinds: { kind: string; count: number }[];
  /** True when anything needs action: a purchase a finding blocks, a purchase that needed a bid, or split purchases (a group whose finding blocks). */
  blocked: boolean;
}

/** A finished run: the report but its split groups, and the first details and split groups (all of them are in the sink). */
export interface LedgerRun {
  report: Omit<LedgerReport, 'splitPurchases' | 'memberYears'>;
  /** The report's memberYears, one at a time in its order, each built as it is taken (a ledger of many members has hundreds of thousands of vendor entries). */
  memberYears(): Iterable<MemberYear>;
  splits: SplitGroups;
  neededBidKept: Record<string, unknown>[];
  blockedKept: Record<string, unknown>[];
  missingKept: Record<string, unknown>[];
  /** The entries of missingDocuments (a purchase raised by change orders may have two). */
  missingEntryCount: number;
}

export interface LedgerOptions {
  file: string;
  packs: string | undefined;
  members: string;
  contracts: string | undefined;
  window: 'fiscal-year' | { days: number };
  maxErrors: number;
  /** Worker threads (0: decide in this thread). */
  jobs: number;
  /** The script a worker runs (the CLI's own file); no workers without it. */
  workerScript?: URL;
  sink: DetailSink;
  progress?: (rows: number, bytes: number, totalBytes: number) => void;
  /** The size the input is read in, in bytes (tests: the report must not depend on it). */
  chunkBytes?: number;
  /** Reuse a decision for rows of one purchase class (default true; tests: the report must not depend on it). */
  reuseDecisions?: boolean;
  /** Decides the POs change orders raised in this helper, a stand-in for a worker thread's (tests: the report must not depend on it). */
  raisedHelper?: (files: LedgerFiles) => RaisedHelper;
}

/** Bad rows: every one reported (up to --max-errors), then exit 2. */
export class BadRowsError extends InputError {
  constructor(
    readonly problems: readonly string[],
    readonly stoppedEarly: boolean,
    /** The rows the problems are on (a row may have several). */
    readonly rows: number,
  ) {
    super(problems.join('\n'));
  }
}

const DEFAULT_CHUNK_BYTES = 1 << 18;

/**
 * Ledger files (bytes) whose rows are kept in shared memory when there are worker threads, so that
 * the workers can check some of the split buckets (ledger-book.ts: from 500,000 rows to check).
 * Shared memory is not counted as the isolate's external memory, so its heap is collected later:
 * peak RSS with the bench's 1,000,000 rows (70 MB) 165 -> 190 MB, with its 5,000,000 rows (350 MB)
 * 261 -> 312 MB, over the 300 MB bound. Smaller files never have that many rows to check.
 */
const SHARED_COLUMNS_BYTES = { from: 32 << 20, to: 160 << 20 };
/** The longest record read (a longer one is most likely an unclosed quote). */
const MAX_RECORD_BYTES = 64 << 20;

function formatOf(file: string, head: Uint8Array): LedgerFormat {
  const format = ledgerFormatOf(file, head);
  if (format === undefined) throw new InputError(`${file}: expected a .csv, .jsonl (JSON Lines) or .json ledger`);
  return format;
}

/** Reads, validates and decides a ledger as a stream; throws BadRowsError when rows are bad. */
export async function auditLedger(options: LedgerOptions): Promise<LedgerRun> {
  const { file } = options;
  // Standard input is read as descriptor 0: opening /dev/stdin fails (ENXIO) when it is a socket,
  // as the pipes Node's child_process gives a child are.
  let fd = 0;
  if (file !== '-') {
    try {
      fd = openSync(file, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')})`);
    }
  }
  // What standard input (or a pipe named as the file) gives is kept in a temporary file as it is
  // read, so that rows can be read again (see Input.again).
  let regular = false;
  try {
    regular = fstatSync(fd).isFile();
  } catch {
    // (read as a stream)
  }
  const kept = regular && fd !== 0 ? undefined : unlinkedTempFile('pace-rules-stdin-', 'ledger', 'a ledger on standard input (or a pipe) is kept there while it is read');
  const input: Input = {
    read: (into, offset, length) => {
      const n = readSome(fd, file, into, offset, length);
      if (kept !== undefined) {
        try {
          writeAll(kept.fd, into, offset, n);
        } catch (e) {
          throw new InputError(`${file}: cannot keep the ledger in a temporary file in ${boundedMessage(tmpdir(), 200)} while it is read (${(e as NodeJS.ErrnoException).code ?? 'error'}): set TMPDIR to a folder with room for it`);
        }
      }
      return n;
    },
    again: () => {
      if (kept !== undefined) {
        let position = 0;
        return {
          read: (into, offset, length) => {
            const n = readSync(kept.fd, into, offset, length, position);
            position += n;
            return n;
          },
          close: () => {},
        };
      }
      let again: number;
      try {
        again = openSync(file, 'r');
      } catch (e) {
        throw new InputError(`${file}: cannot read the file again (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
      }
      return { read: (into, offset, length) => readSome(again, file, into, offset, length), close: () => closeSync(again) };
    },
  };
  try {
    return await auditOpenLedger(options, fd, input);
  } finally {
    if (fd !== 0) closeSync(fd);
    if (kept !== undefined) {
      closeSync(kept.fd);
      if (kept.dir !== undefined) rmSync(kept.dir, { recursive: true, force: true });
    }
  }
}

/**
 * The input, read once as a stream; `again` reads it again from its start: the rows of POs that
 * change orders raised, judged at their totals with their own fields (LedgerBook.rowsAgain).
 */
interface Input {
  read: ByteSource;
  again(): { read: ByteSource; close(): void };
}

function writeAll(fd: number, bytes: Uint8Array, offset: number, length: number): void {
  for (let done = 0; done < length; ) done += writeSync(fd, bytes, offset + done, length - done);
}

/** Throws unless every line asked for was found again (the file changed while it was read). */
function allFound(file: string, found: number, lines: Int32Array): void {
  if (found < lines.length) throw new InputError(`${file}: the ledger changed while it was read (a row of a PO raised by change orders was not found again)`);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * readSync of what is there (0 at the end). A non-blocking pipe with nothing in it yet (EAGAIN)
 * is asked again after a millisecond's wait, not in a busy loop.
 */
function readSome(fd: number, file: string, into: Uint8Array, offset: number, length: number): number {
  for (;;) {
    try {
      return readSync(fd, into, offset, length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else throw new InputError(`${file}: cannot read the file (${code ?? 'unreadable'})`);
    }
  }
}

async function auditOpenLedger(options: LedgerOptions, fd: number, input: Input): Promise<LedgerRun> {
  const { file } = options;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  let totalBytes = 0;
  try {
    const stat = fstatSync(fd);
    if (stat.isFile()) totalBytes = stat.size;
  } catch {
    // stdin of unknown size
  }
  // The reader: whole records, in chunks of about chunkBytes.
  let pending = Buffer.alloc(0);
  let eof = false;
  let bytesRead = 0;
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const fill = (): void => {
    while (!eof && pending.length < chunkBytes) {
      const n = input.read(buffer, 0, chunkBytes);
      if (n === 0) eof = true;
      else {
        bytesRead += n;
        pending = pending.length === 0 ? Buffer.from(buffer.subarray(0, n)) : Buffer.concat([pending, buffer.subarray(0, n)]);
      }
    }
  };
  fill();
  /** Reads one more piece onto `pending` (a record longer than a chunk). */
  const more = (): void => {
    const grow = Buffer.allocUnsafe(chunkBytes);
    const n = input.read(grow, 0, chunkBytes);
    if (n === 0) eof = true;
    else {
      bytesRead += n;
      pending = Buffer.concat([pending, grow.subarray(0, n)]);
    }
  };
  // Where the rows start (after a byte order mark, and the CSV header), in bytes. (A mark is three
  // bytes: with smaller reads, read on until they are in.)
  while (!eof && pending.length < 3) more();
  let rowsStart = bomLength(pending);
  pending = pending.subarray(rowsStart);
  const format = formatOf(file, pending);
  if (format === 'json') return auditJsonDocument(options, input, pending, totalBytes);

  let inQuotes = false;
  /** The next whole-records chunk, or undefined at the end. */
  const nextRecords = (): Buffer | undefined => {
    for (;;) {
      fill();
      if (pending.length === 0) return undefined;
      if (format === 'csv') {
        const { end, inQuotesAtEnd } = lastCsvRecordEnd(pending, inQuotes);
        if (end > 0 || eof) {
          const cut = end > 0 && !eof ? end : pending.length;
          const chunk = pending.subarray(0, cut);
          pending = pending.subarray(cut);
          // The quote state at the cut is what it was at the end of the scan when nothing remains.
          inQuotes = cut === chunk.length && pending.length === 0 ? inQuotesAtEnd : false;
          return chunk;
        }
      } else {
        const end = lastLineEnd(pending);
        if (end > 0 || eof) {
          const cut = end > 0 && !eof ? end : pending.length;
          const chunk = pending.subarray(0, cut);
          pending = pending.subarray(cut);
          return chunk;
        }
      }
      if (eof) return undefined;
      // No record end in a chunk and more: read on (a very long record).
      const before = pending.length;
      more();
      if (before > MAX_RECORD_BYTES) throw new InputError(`${file}: a record longer than ${MAX_RECORD_BYTES >> 20} MB (an unclosed quote?)`);
    }
  };

  // The first chunk's size, to estimate the rows of the whole file from its rows.
  let firstChunkBytes = 0;
  const nextChunk = (): Buffer | undefined => {
    const chunk = nextRecords();
    if (firstChunkBytes === 0 && chunk) firstChunkBytes = chunk.length;
    return chunk;
  };

  // The CSV header: the first record.
  let columns: LedgerFiles['columns'];
  let firstLine = 1;
  if (format === 'csv') {
    // The whole header, whatever the size it is read in (a CRLF's LF included).
    while (!eof && pending.length < HEADER_SCAN_BYTES && !headerEnds(pending)) more();
    const headerBytes = firstRecordBytes(pending);
    const badHeader = firstNonUtf8(headerBytes);
    if (badHeader >= 0) throw new InputError(`${file}: line 1: ${notUtf8Message(headerBytes[badHeader]!, true)}`);
    const headerText = headerBytes.toString('utf8');
    let fields: string[] | undefined;
    forEachCsvRecord(headerText.length > 1 << 16 ? headerText.slice(0, 1 << 16) : headerText, (record) => {
      fields ??= record.slice();
    });
    if (!fields) throw new InputError(`${file}: line 1: expected a header row (id,memberId,date,amount,supplyKind,…)`);
    const header = readHeader(fields);
    if ('problem' in header) throw new InputError(`${file}: line 1: ${header.problem}`);
    columns = header.columns;
    firstLine = 1 + countLineEnds(headerBytes);
    rowsStart += headerBytes.length;
    pending = pending.subarray(headerBytes.length);
  }

  const files: LedgerFiles = { packs: options.packs, members: options.members, contracts: options.contracts, format, reuseDecisions: options.reuseDecisions ?? true, ...(columns ? { columns } : {}) };
  const jobs = options.workerScript && options.jobs > 0 ? options.jobs : 0;
  // The workers start first: loading the command and building their setup (about 0.1 s) overlaps
  // with this thread's own setup.
  let pool = jobs === 0 ? undefined : new (await import('./pool.js')).WorkerPool(options.workerScript!, jobs, files);
  try {
    const { setup, memberList } = buildLedgerSetup(files);
    const lineLabel = (line: number): string => `line ${line}`;
    const shared = pool !== undefined && totalBytes >= SHARED_COLUMNS_BYTES.from && totalBytes <= SHARED_COLUMNS_BYTES.to;
    const book = new LedgerBook(setup, memberList, options.sink, firstLine, lineLabel, (_line, field) => (format === 'csv' ? field || 'row' : field ? `$.${field}` : '$'), shared);
    book.rowsAgain = (lines, onRow) => {
      const again = input.again();
      try {
        allFound(file, linesAgain(again.read, format, columns, rowsStart, firstLine, lines, onRow), lines);
      } finally {
        again.close();
      }
    };
    const stop = (): boolean => book.badRows() >= options.maxErrors;
    const take = (result: ChunkResult): void => {
      // (results come in input order: the first is the first chunk's)
      if (book.rowsRead === 0 && totalBytes > 0 && firstChunkBytes > 0) book.expectRows(Math.ceil((result.count * totalBytes) / firstChunkBytes));
      // Past EXPECTED_ROWS_LIMIT rows, the rows read so far say how many the file holds.
      else if (book.rowsRead >= EXPECTED_ROWS_LIMIT && bytesRead > 0 && totalBytes > bytesRead) book.expectRows(Math.ceil((book.rowsRead * totalBytes) / bytesRead), true);
      book.add(result);
      options.progress?.(book.rowsRead, bytesRead, totalBytes);
    };
    // (a chunk read but not decided, once too many rows were bad: the ledger was not checked to its end)
    let skipped = false;
    if (pool === undefined) {
      for (let chunk = nextChunk(); chunk; chunk = nextChunk()) {
        if (stop()) {
          skipped = true;
          break;
        }
        take(decideChunkBytes(setup, chunk));
      }
    } else {
      await pool.run(nextChunk, take, stop);
    }
    if (format === 'jsonl' && book.rowsRead === 0 && book.problems.length === 0) throw new InputError(noRowsMessage(file));
    // With shared columns the workers may check some of the split buckets; else they are done,
    // and their memory goes before the split check's (5,000,000 rows: 284 MB peak RSS with them
    // kept to the end, 261 MB without). On a ledger of up to SHARED_COLUMNS_BYTES.to read, the first
    // worker first decides the POs change orders raised (WorkerPool.raisedHelper); a larger one
    // raises more than a worker's heap holds (HELPER_MAX_POS), and its workers go at once.
    const closeUnshared = async (): Promise<void> => {
      if (shared) return;
      await pool?.close();
      pool = undefined;
    };
    if (bytesRead > SHARED_COLUMNS_BYTES.to) await closeUnshared();
    book.raisedHelper = options.raisedHelper?.(files) ?? pool?.raisedHelper;
    return await finish(options, book, eof && !skipped, shared ? pool : undefined, false, closeUnshared);
  } finally {
    await pool?.close();
  }
}

/**
 * The error of a JSON Lines ledger with no row at all (empty, or blank lines), or of a .json file
 * with no JSON in it (read as JSON Lines: it opens no document). A ledger export that failed
 * leaves such a file; read as no purchases, it passed as "clear". A CSV ledger with no header is
 * refused as well; an explicit empty list (a JSON `[]`, a CSV header alone) is not.
 */
function noRowsMessage(file: string): string {
  return /\.json$/i.test(file)
    ? `${file}: the file holds no JSON (it is empty or blank); expected an array of purchases or { "purchases": [...] } ([] for a ledger with none)`
    : `${file}: the file holds no purchase (it is empty or blank); expected JSON Lines, one purchase a line`;
}

async function finish(options: LedgerOptions, book: LedgerBook, readToEnd: boolean, helpers?: SplitHelpers, jsonDocument = false, changesJudged?: () => Promise<void>): Promise<LedgerRun> {
  // (too many bad rows: the changed POs are not judged, and the ledger was not checked to its end)
  const judged = book.badRows() < options.maxErrors;
  if (judged) await book.resolvePendingChanges();
  await changesJudged?.();
  const checkedAll = readToEnd && (judged || !book.hasUnjudgedChanges());
  if (book.problems.length > 0) {
    // The first maxErrors bad rows, each with all of its problems (a stable sort keeps their order).
    const sorted = [...book.problems].sort((a, b) => a.line - b.line);
    const lines = [...new Set(sorted.map((p) => p.line))];
    const shown = new Set(lines.slice(0, options.maxErrors));
    const stoppedEarly = lines.length >= options.maxErrors && (!checkedAll || lines.length > options.maxErrors);
    throw new BadRowsError(sorted.filter((p) => shown.has(p.line)).map((p) => describe(options.file, p, jsonDocument)), stoppedEarly, shown.size);
  }
  const splits = await book.findSplitPurchases(options.window, helpers);
  const report: LedgerRun['report'] = {
    file: options.file,
    rulesVersion: book['setup'].pace.rulesVersion,
    window: options.window,
    purchaseCount: book.rowCount,
    changeOrders: book.changeOrders,
    total: centsTotal(book.totalCents),
    members: book.members(),
    blockingSplitGroupCount: splits.blockingCount,
    blockedPurchaseCount: book.blockedCount,
    blockingFindings: Object.fromEntries(book.blockFindings),
    neededBidCount: book.neededBidCount,
    neededInformalBidCount: book.neededInformalBidCount,
    missingDocumentsCount: book.missingCount,
    unknownContractCount: book.unknownContractCount,
    unknownContracts: book.unknownContracts,
    checklistItems: Object.fromEntries(book.titles),
    unknownDocumentCount: book.unknownKindCount,
    unknownDocumentKinds: [...book.unknownKinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)),
    blocked: book.blockedCount > 0 || book.neededBidCount > 0 || splits.blockingCount > 0,
  };
  return { report, memberYears: () => book.memberYears(), splits, neededBidKept: book.neededBidKept, blockedKept: book.blockedKept, missingKept: book.missingKept, missingEntryCount: book.missingEntryCount };
}

function centsTotal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new InputError('the ledger total is beyond what can be added exactly (more than 90 trillion dollars)');
  const whole = Math.floor(Math.abs(cents) / 100);
  const rest = Math.abs(cents) - whole * 100;
  return `${cents < 0 ? '-' : ''}${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

function describe(file: string, p: RowProblem, jsonDocument: boolean): string {
  if (jsonDocument) return `${file}: ${printable(p.where)}: ${printable(p.message)}`;
  const where = p.where.startsWith('$') ? `${p.where}` : p.where === 'row' ? 'the row' : `column ${p.where}`;
  return `${file}: line ${p.line}, ${printable(where)}: ${printable(p.message)}`;
}

/** How far the CSV header is looked for. */
const HEADER_SCAN_BYTES = 16 << 20;

/** Whether the bytes hold the header's line end (a CR at their very end may be a CRLF's first half). */
function headerEnds(bytes: Buffer): boolean {
  const header = firstRecordBytes(bytes);
  return header.length < bytes.length || header[header.length - 1] === 10;
}

function firstRecordBytes(bytes: Buffer): Buffer {
  // The header ends at the first line end outside quotes; scan at most 16 MB for it.
  let quoted = false;
  const limit = Math.min(bytes.length, HEADER_SCAN_BYTES);
  for (let i = 0; i < limit; i++) {
    const c = bytes[i]!;
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) {
      const end = c === 13 && bytes[i + 1] === 10 ? i + 2 : i + 1;
      return bytes.subarray(0, end);
    }
  }
  return bytes.subarray(0, limit);
}

function countLineEnds(bytes: Buffer): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) n++;
    else if (bytes[i] === 13 && bytes[i + 1] !== 10) n++;
  }
  return n;
}

/**
 * A JSON document: an array of purchases or `{ "purchases": [...] }`, read as a stream (each
 * purchase parsed on its own, see JsonDocumentReader) and decided in slices of the array; errors
 * name `$[i]` (or `$.purchases[i]`), invalid JSON its line and column.
 */
async function auditJsonDocument(options: LedgerOptions, input: Input, first: Buffer, totalBytes: number): Promise<LedgerRun> {
  const { file } = options;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const reader = new JsonDocumentReader(file, input.read, first, chunkBytes);
  let next = reader.next();
  const prefix = reader.prefix;
  const files: LedgerFiles = { packs: options.packs, members: options.members, contracts: options.contracts, format: 'json', reuseDecisions: options.reuseDecisions ?? true };
  const { setup, memberList } = buildLedgerSetup(files);
  const book = new LedgerBook(setup, memberList, options.sink, 0, (index) => `${prefix}[${index}]`, (index, field) => `${prefix}[${index}]${field ? `.${field}` : ''}`);
  book.raisedHelper = options.raisedHelper?.(files);
  book.rowsAgain = (lines, onRow) => {
    const again = input.again();
    try {
      // (the document's first bytes, as the first reading began: after a byte order mark)
      const head = Buffer.allocUnsafe(chunkBytes);
      let length = 0;
      for (let n = -1; n !== 0 && length < chunkBytes; length += n) n = again.read(head, length, chunkBytes - length);
      const start = head.subarray(0, length);
      allFound(file, purchasesAgain(new JsonDocumentReader(file, again.read, Buffer.from(start.subarray(bomLength(start))), chunkBytes), lines, onRow), lines);
    } finally {
      again.close();
    }
  };
  const SLICE = 4096;
  while (next !== undefined && book.badRows() < options.maxErrors) {
    const start = next.index;
    const decider = new ChunkDecider(setup, SLICE);
    let count = 0;
    for (; next !== undefined && count < SLICE; count++, next = reader.next()) {
      const i = next.index;
      const row = jsonToPurchase(next.value, i - start, `${prefix}[${i}]`, decider.problems);
      if (row) decider.decide(i - start, row, `${prefix}[${i}]`);
    }
    book.add(decider.finish(count));
    options.progress?.(book.rowsRead, reader.offset, totalBytes);
  }
  // Whether every purchase was checked; the rest of the document is still read when too many rows
  // were bad (invalid JSON is said first), but its purchases are not checked.
  const checkedAll = next === undefined;
  while (next !== undefined) next = reader.next();
  return finish(options, book, checkedAll, undefined, true);
}

