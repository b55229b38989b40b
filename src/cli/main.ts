// The pace-rules command: the public API on files, for systems that are not JavaScript.
import { closeSync, openSync, readSync, rmSync, statSync, write, writeSync } from 'node:fs';
import { isPaceError, type Pace } from '../index.js';
import { InputError, explainInputError, paceFromPackFiles, prepareContracts, readJson, unlinkedTempFile } from './files.js';
import { renderCheck, renderLedger, renderQuote } from './report.js';
import { Output, outOf } from './output.js';
import { parseArgs, refuseOptionsNotTaken, stringFlag, type Parsed } from './args.js';
import { boundedMessage } from './safe-text.js';

/** Exit codes: documented in docs/cli.md and `pace-rules --help`. */
export const EXIT = { clear: 0, blocked: 1, badInput: 2, internal: 3 } as const;

const HELP = `pace-rules: California cooperative purchasing rules (eligibility, procurement method, price, audit file)

Usage:
  pace-rules check <purchase.json> [--format text|json|html] [--out FILE] [--packs <a.json,b.json>]
      eligibility, procurement method and audit checklist for one purchase.
      The file holds { "member", "purchase", "contract"?, "asOf"? } (asOf defaults to the PO date).
  pace-rules check-invoice <invoice.json> [--format text|json|html] [--out FILE] [--packs ...]
      a vendor invoice matched against the contract, and the purchase order, receipts and earlier
      invoices when the file gives them: { "contract", "invoice", "purchaseOrder"?, "receipts"?,
      "previousInvoices"?, "tierQuantities"?, "member"? }. Exit 1 when a finding blocks payment.
  pace-rules quote <order.json> [--format text|json] [--out FILE] [--packs ...]
      a quote ({ "contract", "asOf", "lines", "tierQuantities"?, "taxRate"?, "charges"? }) or a
      group buy ({ "contract", "asOf", "orders", "sharedCosts"?, "taxRate"? }): the lines, charges,
      fees, tax and total.
  pace-rules audit-ledger <purchases.csv|.jsonl|.json> --members <members.json> [--contracts <contracts.json>]
                          [--format text|json|html] [--out FILE] [--max-errors N] [--window fiscal-year|<days>]
                          [--progress] [--jobs N] [--packs ...]
      a ledger of purchase orders, read as a stream: purchases a finding blocks, split
      purchases, purchases that needed a bid, missing documents. Rows with revisionOf are
      change orders of that PO.
  pace-rules batch [--contracts <contracts.json>] [--jobs N] [--packs ...]
      JSON Lines on stdin: { "id", "op", "input" } with op one of check-eligibility,
      procurement-method, audit-checklist, check-purchase, quote, quote-group-buy,
      verify-invoice; one line out
      per line in, in order: { "id", "ok": true, "result" } or { "id", "ok": false, "error" }.

Options (a command takes those its usage line shows, and --json where it takes --format; it
refuses any other):
  --format      text (default), json, or html (a self-contained page for auditors; needs --out;
                not quote); not batch, whose answers are JSON Lines
  --json        the same as --format json
  --out FILE    write the report to FILE (only when the whole run succeeded) instead of stdout;
                not batch (redirect its stdout)
  --members     audit-ledger: the members file;  --contracts  audit-ledger and batch: contracts by id
  --window      audit-ledger: the split-purchase window, fiscal-year (default) or a number of days
  --max-errors  audit-ledger: report at most N bad rows, then stop (default 20)
  --progress    audit-ledger: progress lines on stderr when it is not a terminal
  --jobs N      worker threads; audit-ledger: default over about 300,000 rows one per core but one, up to 3;
                batch: default 0 (none: answers from the main thread), N for more requests a second
  --packs       extra rules packs layered on the bundled California law and PACE program packs
  -h, --help    this text;  -v, --version  the version and rules version

Exit codes: 0 all clear; 1 findings that block (ineligible, a blocking finding, a purchase that
needed a bid, split purchases; groups across July 1 are warnings); 2 bad input (the message names the file, the line or JSON path,
and what was expected); 3 an internal error.`;

function requireFile(parsed: Parsed, what: string): string {
  const file = parsed.positional[0];
  if (!file) throw new InputError(`${parsed.command} needs ${what} (see pace-rules --help)`);
  if (parsed.positional.length > 1) throw new InputError(`${parsed.command} takes one file, got ${parsed.positional.length}`);
  return file;
}

function asObject(json: unknown, file: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new InputError(`${file}: $: expected a JSON object`);
  return json as Record<string, unknown>;
}

/** The --jobs flag: a number of worker threads (undefined: not given). */
function jobsOf(parsed: Parsed): number | undefined {
  const flag = stringFlag(parsed, '--jobs');
  if (flag !== undefined && !/^\d{1,2}$/.test(flag)) throw new InputError(`--jobs: expected a number of worker threads, got ${boundedMessage(JSON.stringify(flag), 40)}`);
  return flag === undefined ? undefined : Number(flag);
}

function formatOf(parsed: Parsed, allowed: readonly string[]): string {
  const given = stringFlag(parsed, '--format');
  // (--json is --format json: with another --format, which one was meant is not known)
  if (given !== undefined && given !== 'json' && parsed.flags.has('--json')) throw new InputError(`--json and --format ${boundedMessage(JSON.stringify(given), 40)} ask for two formats: give one of them`);
  const format = given ?? (parsed.flags.has('--json') ? 'json' : 'text');
  if (!allowed.includes(format)) throw new InputError(`--format: expected ${allowed.join(', ')}, got ${boundedMessage(JSON.stringify(format), 40)}`);
  if (format === 'html' && stringFlag(parsed, '--out') === undefined) throw new InputError('--format html needs --out FILE (the report is a page to open in a browser)');
  return format;
}

/** Where a command's output goes; the CLI process and the tests supply their own. */
export interface CliIo {
  stdout(text: string): void;
  /** UTF-8 bytes to stdout as they are (batch's threads encode their answers); else decoded to stdout(). */
  stdoutBytes?(bytes: Uint8Array): void;
  /**
   * Makes a pipe on stdout blocking: a write to a full pipe then waits in the kernel for the reader
   * instead of retrying at once (batch writes 176 MB for 20,000 traced answers; the retrying took
   * the CPU from the reader and from batch's threads).
   */
  blockingStdout?(): void;
  /**
   * UTF-8 bytes to stdout, written on libuv's threads: batch answers the next requests while the
   * kernel copies these (about 0.1 s for 20,000 traced answers, 209 MB, written in this thread).
   */
  stdoutBytesLater?(bytes: Uint8Array): Promise<void>;
  stderr(text: string): void;
  /** Whether stderr is a terminal (a progress bar) or not (lines with --progress). */
  stderrIsTTY?: boolean;
  stdin?: AsyncIterable<Buffer | string>;
  /** The CLI's own script, which ledger worker threads run; no workers without it. */
  workerScript?: URL;
  /** Milliseconds, for the progress display (tests pass their own). */
  clock?: () => number;
}

declare const __PACKAGE_VERSION__: string | undefined;
const PACKAGE_VERSION = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : 'dev';

/** Runs the CLI on arguments (without `node` and the script); returns the exit code. Bad input throws InputError. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.flags.has('--version')) {
    const pace = paceFromPackFiles(stringFlag(parsed, '--packs'));
    io.stdout(`pace-rules ${PACKAGE_VERSION}\nrules ${pace.rulesVersion}\n`);
    return EXIT.clear;
  }
  if (parsed.flags.has('--help') || parsed.command === 'help') {
    io.stdout(`${HELP}\n`);
    return EXIT.clear;
  }
  if (parsed.command === undefined) throw new InputError('no command given; expected check, check-invoice, quote, audit-ledger or batch (see pace-rules --help)');
  refuseOptionsNotTaken(parsed);
  switch (parsed.command) {
    case 'check':
      return check(parsed, io);
    case 'check-invoice':
      return checkInvoice(parsed, io);
    case 'quote':
      return quote(parsed, io);
    case 'audit-ledger':
      return ledger(parsed, io);
    case 'batch':
      return batch(parsed, io);
    default:
      throw new InputError(`unknown command ${boundedMessage(JSON.stringify(parsed.command), 40)} (expected check, check-invoice, quote, audit-ledger or batch; see pace-rules --help)`);
  }
}

async function check(parsed: Parsed, io: CliIo): Promise<number> {
  const file = requireFile(parsed, 'a purchase file');
  const format = formatOf(parsed, ['text', 'json', 'html']);
  const outFile = outOf(parsed);
  const input = asObject(readJson(file), file);
  const pace = paceFromPackFiles(stringFlag(parsed, '--packs'));
  const purchase = input['purchase'] as { date?: unknown } | undefined;
  let decisions: { eligibility: ReturnType<Pace['checkEligibility']> | undefined; method: ReturnType<Pace['procurementMethod']>; checklist: ReturnType<Pace['auditChecklist']> };
  try {
    // The contract as given (checkPurchase prepares it): its problems are named under $.contract.
    const optional = { ...(input['contract'] !== undefined ? { contract: input['contract'] } : {}), ...(input['asOf'] !== undefined ? { asOf: input['asOf'] } : {}) };
    const decided = pace.checkPurchase({ member: input['member'], purchase: input['purchase'], ...optional } as never);
    decisions = { eligibility: decided.eligibility, method: decided.procurementMethod, checklist: decided.auditChecklist };
  } catch (e) {
    return explainInputError(e, file);
  }
  const { eligibility, method, checklist } = decisions;
  const blocked = (eligibility !== undefined && !eligibility.eligible) || [eligibility?.findings ?? [], method.findings, checklist.findings].flat().some((f) => f.severity === 'block');
  const out = new Output(outFile, io);
  if (format === 'json') out.write(`${JSON.stringify({ eligibility: eligibility ?? null, procurementMethod: method, auditChecklist: checklist, blocked }, null, 2)}\n`);
  else if (format === 'html') {
    const { renderCheckHtml } = await import('./html/report-html.js');
    out.write(renderCheckHtml({ file, eligibility, method, checklist, blocked, purchaseAmount: (purchase as { amount?: unknown } | undefined)?.amount }));
  } else out.write(renderCheck({ file, eligibility, method, checklist, blocked }));
  out.commit();
  return blocked ? EXIT.blocked : EXIT.clear;
}

async function checkInvoice(parsed: Parsed, io: CliIo): Promise<number> {
  const file = requireFile(parsed, 'an invoice file');
  const format = formatOf(parsed, ['text', 'json', 'html']);
  const outFile = outOf(parsed);
  const input = asObject(readJson(file), file);
  const pace = paceFromPackFiles(stringFlag(parsed, '--packs'));
  let v: ReturnType<Pace['verifyInvoice']>;
  try {
    v = pace.verifyInvoice(input as never);
  } catch (e) {
    return explainInputError(e, file);
  }
  const { renderInvoice, renderInvoiceHtml } = await import('./invoice-report.js');
  const out = new Output(outFile, io);
  out.write(format === 'json' ? `${JSON.stringify(v, null, 2)}\n` : format === 'html' ? renderInvoiceHtml(file, v) : renderInvoice(file, v));
  out.commit();
  return v.ok ? EXIT.clear : EXIT.blocked;
}

async function quote(parsed: Parsed, io: CliIo): Promise<number> {
  const file = requireFile(parsed, 'an order file');
  const json = formatOf(parsed, ['text', 'json']) === 'json';
  const outFile = outOf(parsed);
  const input = asObject(readJson(file), file);
  const pace = paceFromPackFiles(stringFlag(parsed, '--packs'));
  const out = new Output(outFile, io);
  try {
    if (Array.isArray(input['orders'])) {
      const group = pace.quoteGroupBuy(input as never);
      out.write(json ? `${JSON.stringify(group, null, 2)}\n` : renderQuote({ file, group }));
      out.commit();
      return group.findings.some((f) => f.severity === 'block') ? EXIT.blocked : EXIT.clear;
    }
    const q = pace.quote(input as never);
    out.write(json ? `${JSON.stringify(q, null, 2)}\n` : renderQuote({ file, quote: q }));
    out.commit();
    return q.findings.some((f) => f.severity === 'block') ? EXIT.blocked : EXIT.clear;
  } catch (e) {
    return explainInputError(e, file);
  }
}

async function ledger(parsed: Parsed, io: CliIo): Promise<number> {
  const file = requireFile(parsed, 'a purchases file (.csv, .jsonl or .json)');
  const format = formatOf(parsed, ['text', 'json', 'html']);
  const outFile = outOf(parsed);
  const members = stringFlag(parsed, '--members');
  if (members === undefined) throw new InputError('audit-ledger needs --members <members.json>');
  // Standard input is read once: by the ledger, or by one of the files it needs.
  const fromStdin = [file, members, stringFlag(parsed, '--contracts'), stringFlag(parsed, '--packs')].filter((f) => f === '-').length;
  if (fromStdin > 1) throw new InputError('standard input (-) can be read once: give the ledger or the members, contracts or packs as a file');
  const windowFlag = stringFlag(parsed, '--window');
  let window: 'fiscal-year' | { days: number } = 'fiscal-year';
  if (windowFlag !== undefined && windowFlag !== 'fiscal-year') {
    if (!/^\d{1,5}$/.test(windowFlag)) throw new InputError(`--window: expected fiscal-year or a number of days, got ${boundedMessage(JSON.stringify(windowFlag), 40)}`);
    window = { days: Number(windowFlag) };
  }
  const maxErrorsFlag = stringFlag(parsed, '--max-errors') ?? '20';
  if (!/^[1-9]\d{0,6}$/.test(maxErrorsFlag)) throw new InputError(`--max-errors: expected a whole number from 1, got ${boundedMessage(JSON.stringify(maxErrorsFlag), 40)}`);
  const jobsFlag = jobsOf(parsed);
  const { auditLedger, BadRowsError } = await import('./ledger/audit-ledger.js');
  const { availableParallelism } = await import('node:os');
  // Workers pay for themselves on long ledgers only: each loads the command and compiles the code
  // that decides rows again. On this 2-core machine, one worker against none (the bench's generated
  // ledger, 70 bytes a row; wall clock, three interleaved pairs, session 20): 200,000 rows 1.81-1.93
  // against 1.69-1.92 s, 300,000 rows 2.31-2.48 against 2.23-2.41 s, 500,000 rows 3.64-3.66 against
  // 3.86-3.97 s, 1,000,000 rows 6.0-7.3 against 6.8-11.6 s. So rows, not bytes, decide: estimated
  // from the file's size and its first lines (a ledger with long descriptions has fewer rows a
  // megabyte). By default one core is left to the thread that reads the file and keeps the ledger:
  // on two cores that is one worker. Peak RSS of the generated ledger on this machine at h-ledger:
  // 1,000,000 rows 159 MB with no worker, 162 MB with one (the default), 193 MB with two; 5,000,000
  // rows 284 MB with one.
  const jobs = jobsFlag !== undefined ? jobsFlag : estimatedRows(file) > WORKER_ROWS ? Math.max(1, Math.min(3, availableParallelism() - 1)) : 0;
  // The JSON report lists every detail: they wait in temporary files until it is written. The text
  // and HTML reports print the first ones the ledger keeps in memory, and counts: written to files
  // never read, the details of a 20,000,000-row ledger would take about 4.5 GB of temporary space.
  const spill = format === 'json' ? new DetailSpill() : undefined;
  const progress = progressReporter(io, parsed.flags.has('--progress'));
  const out = new Output(outFile, io);
  try {
    const run = await auditLedger({
      file,
      packs: stringFlag(parsed, '--packs'),
      members,
      contracts: stringFlag(parsed, '--contracts'),
      window,
      maxErrors: Number(maxErrorsFlag),
      jobs,
      ...(io.workerScript ? { workerScript: io.workerScript } : {}),
      sink: spill ?? NO_DETAIL_SINK,
      ...(progress ? { progress: progress.update } : {}),
    });
    progress?.done(run.report.purchaseCount);
    if (format === 'json') {
      // The report's JSON in its documented key order, with the long lists (split groups, the
      // details) copied from the spill as they were written.
      const { file: reportFile, rulesVersion, window: reportWindow, purchaseCount, changeOrders, total, members: memberSummaries, blockedPurchaseCount, neededBidCount, missingDocumentsCount, ...rest } = run.report;
      const head = JSON.stringify({ file: reportFile, rulesVersion, window: reportWindow, purchaseCount, changeOrders, total, members: memberSummaries }, null, 2);
      // (memberYears one at a time, indented as JSON.stringify indents the report, written a megabyte at a time)
      let years = `${head.slice(0, -2)},\n  "memberYears": [`;
      let count = 0;
      for (const year of run.memberYears()) {
        years += `${count++ === 0 ? '' : ','}\n    ${JSON.stringify(year, null, 2).replaceAll('\n', '\n    ')}`;
        if (years.length > 1 << 20) {
          out.write(years);
          years = '';
        }
      }
      out.write(`${years}${count === 0 ? '' : '\n  '}],\n  "splitPurchases": [`);
      spill!.copy('splitPurchases', out);
      const tail = JSON.stringify({ ...rest, blockedPurchaseCount, neededBidCount, missingDocumentsCount }, null, 2);
      out.write(`],\n${tail.slice(2, -2)},\n  "blockedPurchases": [`);
      spill!.copy('blockedPurchases', out);
      out.write(`],\n  "neededBid": [`);
      spill!.copy('neededBid', out);
      out.write(`],\n  "missingDocuments": [`);
      spill!.copy('missingDocuments', out);
      out.write(']\n}\n');
    } else if (format === 'html') {
      const { renderLedgerHtml } = await import('./html/report-html.js');
      out.write(renderLedgerHtml(run));
    } else out.write(renderLedger(run));
    out.commit();
    return run.report.blocked ? EXIT.blocked : EXIT.clear;
  } catch (e) {
    progress?.done(undefined);
    out.abandon();
    if (e instanceof BadRowsError) {
      throw new InputError(`${e.message}${e.stoppedEarly ? `\n${file}: stopped after ${e.rows} bad row${e.rows === 1 ? '' : 's'} (--max-errors ${maxErrorsFlag}); nothing was written` : `\n${file}: ${e.rows} bad row${e.rows === 1 ? '' : 's'}; nothing was written`}`);
    }
    throw e;
  } finally {
    spill?.remove();
  }
}

/** Details no report reads (text and HTML reports print those the ledger keeps, see DETAILS_KEPT). */
const NO_DETAIL_SINK = { neededBid: (): void => {}, missingDocuments: (): void => {}, blockedPurchases: (): void => {}, splitGroup: (): void => {} };

/** A detail list's temporary file and the bytes not yet written to it. */
interface SpillFile {
  fd: number;
  /** The file's folder, where it could not be unlinked while open (Windows): removed at the end. */
  dir: string | undefined;
  bytes: Buffer;
  used: number;
  /** Details not yet encoded, and their length in characters. */
  pending: string[];
  pendingLength: number;
  count: number;
}

const SPILL_BUFFER_BYTES = 1 << 20;
const SPILL_STRING_LENGTH = 1 << 14;

/** The long detail lists of a ledger report, kept in temporary files while the ledger is read. */
class DetailSpill {
  private readonly files = new Map<string, SpillFile>();
  private file(kind: string): SpillFile {
    let f = this.files.get(kind);
    if (!f) {
      // (unlinked at once: Ctrl-C or a crash left the folder, up to a few hundred megabytes)
      const { fd, dir } = unlinkedTempFile('pace-rules-ledger-', `${kind}.jsonl`, 'the JSON report keeps its detail lists there until it is written');
      f = { fd, dir, bytes: Buffer.allocUnsafe(SPILL_BUFFER_BYTES), used: 0, pending: [], pendingLength: 0, count: 0 };
      this.files.set(kind, f);
    }
    return f;
  }
  // Details are gathered as strings only briefly (about 16,000 characters, a few dozen rows), then
  // encoded into the file's byte buffer, so that their strings die young: kept as strings until a
  // megabyte had gathered, nearly every detail of a ledger (one or two per row) outlived several
  // scavenges and was promoted, and the old generation filled with them. (Encoding each detail on
  // its own costs a call into the runtime per detail.)
  private add(kind: string, json: string): void {
    const f = this.file(kind);
    f.pending.push(f.count++ === 0 ? `\n    ${json}` : `,\n    ${json}`);
    f.pendingLength += json.length + 6;
    if (f.pendingLength > SPILL_STRING_LENGTH) this.encode(f);
  }
  /** Moves the gathered strings into the byte buffer (writing it to the file first when they would not fit). */
  private encode(f: SpillFile): void {
    if (f.pending.length === 0) return;
    const text = f.pending.join('');
    f.pending = [];
    f.pendingLength = 0;
    // At most 3 bytes per UTF-16 code unit.
    if (f.used + 3 * text.length > f.bytes.length) this.writeOut(f);
    if (3 * text.length > f.bytes.length) writeSync(f.fd, text);
    else f.used += f.bytes.write(text, f.used);
  }
  private writeOut(f: SpillFile): void {
    for (let at = 0; at < f.used; ) at += writeSync(f.fd, f.bytes, at, f.used - at);
    f.used = 0;
  }
  private flushFile(f: SpillFile): void {
    this.encode(f);
    this.writeOut(f);
  }
  neededBid = (json: string): void => this.add('neededBid', json);
  splitGroup = (json: string): void => this.add('splitPurchases', json);
  missingDocuments = (json: string): void => this.add('missingDocuments', json);
  blockedPurchases = (json: string): void => this.add('blockedPurchases', json);
  /** Copies the kept text to the output in pieces of about a megabyte (as bytes to a file). */
  copy(kind: string, out: Pick<Output, 'write' | 'writeBytes'>): void {
    const f = this.files.get(kind);
    if (!f) return;
    this.flushFile(f);
    const buffer = Buffer.allocUnsafe(1 << 20);
    const decoder = new TextDecoder();
    for (let at = 0, n = 0; (n = readSync(f.fd, buffer, 0, buffer.length, at)) > 0; at += n) out.writeBytes(buffer.subarray(0, n), decoder);
    const rest = decoder.decode();
    out.write(`${rest}\n  `);
  }
  remove(): void {
    for (const f of this.files.values()) {
      closeSync(f.fd);
      if (f.dir !== undefined) rmSync(f.dir, { recursive: true, force: true });
    }
    this.files.clear();
  }
}


/** A bar on a terminal from the first second; with --progress, a line every few seconds otherwise. */
function progressReporter(io: CliIo, lines: boolean): { update: (rows: number, bytes: number, total: number) => void; done: (rows: number | undefined) => void } | undefined {
  if (!io.stderrIsTTY && !lines) return undefined;
  const clock = io.clock ?? (() => Date.now());
  const started = clock();
  let last = started - (io.stderrIsTTY ? 1000 : 0);
  let shown = false;
  const every = io.stderrIsTTY ? 200 : 2000;
  const line = (rows: number, bytes: number, total: number): string => {
    const seconds = (clock() - started) / 1000;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    const fraction = total > 0 ? Math.min(1, bytes / total) : 0;
    return `${rows.toLocaleString('en-US')} rows read${total > 0 ? ` (${Math.floor(fraction * 100)}% of ${(total / 1e6).toFixed(1)} MB)` : ''}, ${rate.toLocaleString('en-US')} rows/s`;
  };
  return {
    update(rows, bytes, total) {
      const now = clock();
      if (now - last < every) return;
      last = now;
      shown = true;
      if (io.stderrIsTTY) {
        const width = 30;
        const filled = total > 0 ? Math.round(Math.min(1, bytes / total) * width) : 0;
        io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(rows, bytes, total)}\u001b[K`);
      } else io.stderr(`pace-rules: ${line(rows, bytes, total)}\n`);
    },
    done(rows) {
      if (io.stderrIsTTY && shown) io.stderr(rows === undefined ? '\n' : `\r${`${rows.toLocaleString('en-US')} rows read`}\u001b[K\n`);
      else if (!io.stderrIsTTY && rows !== undefined) io.stderr(`pace-rules: ${rows.toLocaleString('en-US')} purchase orders read and decided\n`);
    },
  };
}

async function batch(parsed: Parsed, io: CliIo): Promise<number> {
  if (parsed.positional.length > 0) throw new InputError('batch reads requests from stdin and takes no file');
  const jobs = jobsOf(parsed) ?? 0;
  const { serveBatch, serveBatchConcurrently } = await import('./batch.js');
  const packs = stringFlag(parsed, '--packs');
  const contractsFile = stringFlag(parsed, '--contracts');
  const workerScript = jobs > 0 ? io.workerScript : undefined;
  const threads = workerScript !== undefined;
  // Files given are read here also with workers: a bad one is reported, by name, before any thread
  // starts. The bundled packs alone need no check, and then only the threads load them (measured:
  // --jobs 2 on 2,000 requests 0.81-0.94 -> 0.71-0.76 s, on 20,000 about 0.12 s less).
  const pace = threads && packs === undefined && contractsFile === undefined ? undefined : paceFromPackFiles(packs);
  const contracts = pace !== undefined && contractsFile !== undefined ? prepareContracts(pace, contractsFile) : new Map();
  const stdin = io.stdin ?? (await import('node:process')).stdin;
  io.blockingStdout?.();
  const decoder = new TextDecoder();
  const write = (answers: Uint8Array): void => {
    if (io.stdoutBytes) io.stdoutBytes(answers);
    else io.stdout(decoder.decode(answers, { stream: true }));
  };
  if (!threads) {
    await serveBatch(pace ?? paceFromPackFiles(packs), contracts, stdin, io.stdoutBytesLater ?? write);
    return EXIT.clear;
  }
  const { BatchPool } = await import('./batch-pool.js');
  const pool = new BatchPool(workerScript, jobs, packs, contractsFile);
  try {
    await serveBatchConcurrently(pool.answer, jobs * 4, stdin, (parts) => {
      for (const part of parts) {
        write(part);
        pool.recycle(part);
      }
    });
  } finally {
    await pool.close();
  }
  return EXIT.clear;
}

/** Runs the CLI as a process: prints errors (bounded, one per line), sets the exit code. */
export async function main(argv: readonly string[], workerScript?: URL, stderrIsTTY = process.stderr.isTTY === true): Promise<number> {
  const io: CliIo = {
    stdout: (text) => writeAll(1, text),
    stdoutBytes: (bytes) => writeAll(1, bytes),
    stdoutBytesLater: (bytes) => writeAllLater(1, bytes),
    blockingStdout: () => {
      // (a terminal is written synchronously already; a file has no handle)
      if (!process.stdout.isTTY) (process.stdout as unknown as { _handle?: { setBlocking?(blocking: boolean): number } })._handle?.setBlocking?.(true);
    },
    stderr: (text) => writeAll(2, text),
    stderrIsTTY,
    ...(workerScript ? { workerScript } : {}),
  };
  try {
    return await runCli(argv, io);
  } catch (e) {
    if (e instanceof InputError || isPaceError(e)) {
      const lines = e.message.split('\n').slice(0, 60).map((l) => `pace-rules: ${boundedMessage(l, 400)}`);
      writeAll(2, `${lines.join('\n')}\n`);
      return EXIT.badInput;
    }
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      writeAll(2, 'pace-rules: the input is nested too deeply to read\n');
      return EXIT.badInput;
    }
    writeAll(2, `pace-rules: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.internal;
  }
}

/** {@link writeAll} on libuv's threads: resolves once all of `bytes` is written (or the reader is gone). */
function writeAllLater(fd: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = (at: number): void => {
      if (at >= bytes.length) return resolve();
      write(fd, bytes, at, bytes.length - at, null, (e, written) => {
        if (!e) return from(at + written);
        if (e.code === 'EAGAIN') return from(at);
        if (e.code === 'EPIPE') return resolve();
        reject(cannotWrite(fd, e));
      });
    };
    from(0);
  });
}

/**
 * A failed write to stdout (a full disk it is redirected to, ...) as --out's are reported: where,
 * and the system's code, exit 2; it is no fault of the command (it was an internal error, exit 3).
 */
function cannotWrite(fd: number, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  return fd === 1 && typeof code === 'string' ? new InputError(`stdout: cannot write there (${code})`) : e;
}

/** A synchronous write of all of `text` (stdout may be a pipe that takes it in pieces). */
function writeAll(fd: number, output: string | Uint8Array): void {
  const bytes = typeof output === 'string' ? Buffer.from(output) : output;
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
      throw cannotWrite(fd, e);
    }
  }
}

/** Ledgers of more rows than this get worker threads by default (see the measurements where it is used). */
const WORKER_ROWS = 300_000;

/**
 * About how many lines a ledger file holds: its size over the mean length of the lines in its first
 * 64 KB (the size itself when no line ends in the sample, as in a JSON document on one line).
 * Standard input, and a pipe named as the file, are of unknown size: taken as long (a database's
 * export piped in), and not opened here: opening a named pipe and closing it again ended its
 * writer, or dropped what the writer had written, and the ledger then waited for a writer forever.
 */
export function estimatedRows(file: string): number {
  if (file === '-') return Infinity;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return Infinity;
    size = stat.size;
  } catch {
    return 0; // (reported when the file is opened)
  }
  const sample = new Uint8Array(Math.min(size, 1 << 16));
  let read = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, sample, 0, sample.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return size; // (reported when the file is opened)
  }
  // (the lines that end in the sample, over the bytes up to the last of those ends)
  let lines = 0;
  let upTo = 0;
  for (let i = 0; i < read; i++) {
    if (sample[i] === 10 || (sample[i] === 13 && sample[i + 1] !== 10)) {
      lines++;
      upTo = i + 1;
    }
  }
  return lines === 0 ? size : Math.round((size * lines) / upTo);
}
