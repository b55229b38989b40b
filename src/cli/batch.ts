// pace-rules batch: JSON Lines requests on stdin, one JSON line out per request, in order. Every
// line read in one piece of input is answered in one write, so a caller that sends one request
// and waits gets its answer at once, and a caller that pipes a million gets them at full speed.
import { isPaceError, type Pace, type PreparedContract } from '../index.js';
import type { AnswerEncoder } from './batch-json.js';
import { boundedMessage, quoted } from './safe-text.js';
import { bomLength, firstNonUtf8 } from './ledger/utf8.js';

const OPS = ['check-eligibility', 'procurement-method', 'audit-checklist', 'check-purchase', 'quote', 'quote-group-buy', 'verify-invoice'] as const;
type Op = (typeof OPS)[number];

interface Answer {
  id: unknown;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string; issues: { path: string; message: string }[] };
}

function failure(id: unknown, code: string, message: string, issues: { path: string; message: string }[] = []): Answer {
  return { id, ok: false, error: { code, message: boundedMessage(message, 500), issues: issues.slice(0, 50).map((i) => ({ path: boundedMessage(i.path, 200), message: boundedMessage(i.message, 300) })) } };
}

/** Answers one request line (never throws for bad input: that is an `ok: false` answer). */
export function answer(pace: Pace, contracts: ReadonlyMap<string, PreparedContract>, line: string): Answer {
  if (line === TOO_LONG) return failure(null, 'invalid-request', `the line is longer than ${MAX_LINE_BYTES >> 20} MB: send a request of at most ${MAX_LINE_BYTES >> 20} MB of JSON on one line`, [{ path: '$', message: `expected at most ${MAX_LINE_BYTES >> 20} MB` }]);
  const notUtf8 = line.charCodeAt(0) === 0 ? NOT_UTF8.exec(line) : null;
  if (notUtf8) return notUtf8Answer(line.slice(notUtf8[0].length), notUtf8[1]!, notUtf8[2]!);
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (e) {
    if (e instanceof RangeError) return failure(null, 'invalid-request', 'the request is nested too deeply to read');
    return failure(null, 'invalid-request', `the line is not JSON: ${(e as Error).message.replace(/ in JSON at position.*$/s, '').slice(0, 80)}`, [{ path: '$', message: 'expected a JSON object { "id", "op", "input" }' }]);
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return failure(null, 'invalid-request', 'expected a JSON object { "id", "op", "input" }', [{ path: '$', message: 'expected an object' }]);
  const { id, op, input, options } = request as { id?: unknown; op?: unknown; input?: unknown; options?: unknown };
  const echo = typeof id === 'string' || typeof id === 'number' ? id : null;
  // A number read as another (12345678901234567890 reads as 12345678901234567000, 1e999 as
  // Infinity) would be echoed as an id the caller never sent, and matched to the wrong request.
  if (typeof id === 'number' && (!Number.isFinite(id) || (Number.isInteger(id) && !Number.isSafeInteger(id)))) return failure(null, 'invalid-request', 'a number id must be finite, and an integer id at most 9007199254740991 (2^53 - 1): send a larger key as a string', [{ path: '$.id', message: 'expected a string, or a number read as the same number' }]);
  if (!(OPS as readonly unknown[]).includes(op)) return failure(echo, 'invalid-request', `unknown op ${quoted(op)}; expected one of ${OPS.join(', ')}`, [{ path: '$.op', message: `expected one of ${OPS.join(', ')}` }]);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return failure(echo, 'invalid-request', 'expected "input": an object', [{ path: '$.input', message: 'expected an object' }]);
  let args = input as Record<string, unknown>;
  const contractId = args['contractId'];
  // (both: which one the caller meant is not known; the inline one was dropped without a word)
  if (contractId !== undefined && args['contract'] !== undefined) return failure(echo, 'invalid-request', 'give the contract by "contractId" or inline as "contract", not both', [{ path: '$.input.contract', message: 'expected no "contract" beside "contractId"' }]);
  if (contractId !== undefined) {
    const contract = typeof contractId === 'string' ? contracts.get(contractId) : undefined;
    if (!contract) return failure(echo, 'unknown-reference', `contractId ${quoted(contractId)} is not in the --contracts file`, [{ path: '$.input.contractId', message: 'expected the id of a contract in the --contracts file' }]);
    const { contractId: _named, ...rest } = args;
    args = { ...rest, contract };
  } else if (args['contract'] !== null && typeof args['contract'] === 'object') {
    const prepared = inlineContract(pace, args['contract']);
    if (prepared) args = { ...args, contract: prepared };
  }
  try {
    return { id: echo, ok: true, result: run(pace, op as Op, args, options) };
  } catch (e) {
    if (isPaceError(e)) {
      // Paths as the request has them (under "input"), in the issues and where the message quotes them.
      // (an unknown field "options" in the input is the input's: `$.input.options`)
      const ofOptions = options !== undefined && !Object.hasOwn(args, 'options');
      const issues = e.issues.map((i) => ({ from: i.path, path: ofOptions && /^\$\.options(?![\w$])/.test(i.path) ? i.path : i.path.replace(/^\$/, '$.input'), message: i.message }));
      let message = e.message;
      for (const i of issues) if (i.from !== i.path) message = message.split(`${i.from}: `).join(`${i.path}: `);
      return failure(echo, e.code, message, issues.map(({ path, message: m }) => ({ path, message: m })));
    }
    if (e instanceof RangeError) return failure(echo, 'invalid-request', 'the input is nested too deeply to read');
    throw e;
  }
}

/** Contracts sent inline, prepared once each, by their JSON text (see inlineContract). */
const preparedInline = new WeakMap<Pace, Map<string, PreparedContract>>();
const INLINE_CONTRACTS_KEPT = 256;

/**
 * A contract a request carries inline, prepared once for every request that carries the same
 * one (an ERP that sends its contract with each request, not by contractId: preparing it anew
 * each time made such requests about four times slower). Undefined when it does not prepare: the
 * request is then answered as it would be, with the library's own error.
 */
function inlineContract(pace: Pace, contract: object): PreparedContract | undefined {
  let kept = preparedInline.get(pace);
  if (kept === undefined) preparedInline.set(pace, (kept = new Map()));
  // (parsed from the request's JSON: its text is JSON again; too deep to write, it is not kept,
  // and the library answers it: a contract nested deeper than a thread's stack ended the run)
  let text: string;
  try {
    text = JSON.stringify(contract);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  let prepared = kept.get(text);
  if (prepared === undefined) {
    try {
      prepared = pace.prepareContract(contract);
    } catch (e) {
      if (isPaceError(e) || e instanceof RangeError) return undefined;
      throw e;
    }
    if (kept.size >= INLINE_CONTRACTS_KEPT) kept.clear();
    kept.set(text, prepared);
  }
  return prepared;
}

/** The answer to a request line that is not UTF-8 (its id echoed when the rest of it reads). */
function notUtf8Answer(text: string, byte: string, column: string): Answer {
  let id: unknown = null;
  try {
    const request = JSON.parse(text) as { id?: unknown } | null;
    // (an id that holds the bad bytes is not the id the caller sent: none is echoed)
    if ((typeof request?.id === 'string' && !request.id.includes('\uFFFD')) || typeof request?.id === 'number') id = request.id;
  } catch {
    // (no id to echo)
  }
  return failure(id, 'invalid-request', `the line is not UTF-8 text (the byte 0x${byte} at column ${column}): write requests as UTF-8`, [{ path: '$', message: 'expected UTF-8 text' }]);
}

// `options` (e.g. `{ "trace": false }`: the answer without its trace, much smaller to write and
// read) goes to the compliance decisions, which validate it; the pricing ops take none.
function run(pace: Pace, op: Op, input: Record<string, unknown>, options: unknown): unknown {
  switch (op) {
    case 'check-eligibility':
      return pace.checkEligibility(input as never, options as never);
    case 'procurement-method':
      return pace.procurementMethod(input as never, options as never);
    case 'audit-checklist':
      return pace.auditChecklist(input as never, options as never);
    case 'check-purchase':
      return pace.checkPurchase(input as never, options as never);
    case 'quote':
      return pace.quote(input as never);
    case 'quote-group-buy':
      return pace.quoteGroupBuy(input as never);
    case 'verify-invoice':
      return pace.verifyInvoice(input as never);
    default: {
      const never: never = op;
      throw new Error(`unhandled op ${String(never)}`);
    }
  }
}

/**
 * Answers the request lines of one piece of input, in order: one answer line each, as UTF-8 bytes
 * in parts, from worker threads.
 */
export type LineAnswerer = (lines: readonly string[]) => Promise<Uint8Array[]>;

/** The request lines of a stream: a BOM dropped, line ends LF or CRLF, blank lines skipped. */
async function* requestLines(pieces: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  let rest = '';
  // Bytes after the last line end read (pieces kept as they came: joined once a line end comes).
  let carry: Buffer[] = [];
  let first = true;
  const take = (text: string, last: boolean): string[] => {
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text !== '') first = false;
    const lines = text.split('\n');
    rest = last ? '' : lines.pop()!;
    const requests: string[] = [];
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() !== '') requests.push(line);
    }
    return requests;
  };
  // (a BOM is dropped from the bytes, before a line that is not UTF-8 is marked: see NOT_UTF8)
  let atStart = true;
  const decoded = (bytes: Buffer): string => {
    if (atStart && bytes.length > 0) {
      atStart = false;
      bytes = bytes.subarray(bomLength(bytes));
    }
    return utf8Lines(bytes);
  };
  // Lines over MAX_LINE_BYTES are not decoded (past 512 MB their text is longer than V8's
  // longest string): each is marked TOO_LONG.
  const decodedLines = (bytes: Buffer): string => {
    if (bytes.length <= MAX_LINE_BYTES) return decoded(bytes);
    let text = '';
    for (let at = 0; at < bytes.length; ) {
      const lf = bytes.indexOf(10, at);
      const next = lf < 0 ? bytes.length : lf + 1;
      text += next - at > MAX_LINE_BYTES + 1 ? `${TOO_LONG}\n` : decoded(bytes.subarray(at, next));
      at = next;
    }
    return text;
  };
  // The bytes in `carry`, and whether a line too long to read is being skipped to its end.
  let carried = 0;
  let skipping = false;
  for await (const input of pieces) {
    let piece = input;
    let requests: string[];
    if (typeof piece === 'string') requests = take(rest + piece, false);
    else {
      requests = [];
      if (skipping) {
        const lf = piece.indexOf(10);
        if (lf < 0) continue;
        skipping = false;
        requests.push(TOO_LONG);
        piece = piece.subarray(lf + 1);
      }
      // Whole lines are decoded (a character is never cut); their text is checked to be UTF-8.
      const end = piece.lastIndexOf(10) + 1;
      if (end === 0) {
        carry.push(piece);
        carried += piece.length;
        if (carried > MAX_LINE_BYTES) {
          carry = [];
          carried = 0;
          skipping = true;
        }
      } else {
        const lines = carry.length === 0 ? piece.subarray(0, end) : Buffer.concat([...carry, piece.subarray(0, end)]);
        carry = end === piece.length ? [] : [Buffer.from(piece.subarray(end))];
        carried = piece.length - end;
        // (not push(...): a piece may hold more lines than a call takes arguments)
        const taken = take(decodedLines(lines), false);
        requests = requests.length === 0 ? taken : requests.concat(taken);
      }
    }
    if (requests.length > 0) yield requests;
  }
  const last = skipping ? [TOO_LONG] : take(rest + (carry.length === 0 ? '' : decodedLines(Buffer.concat(carry))), true);
  if (last.length > 0) yield last;
}

/**
 * Marks a request line whose bytes are not UTF-8 (a C# caller's stdin is the console's code page
 * unless it says UTF-8): `answer` then says so, instead of answering with U+FFFD in place of its
 * characters. A line that starts with U+0000 is no JSON, so the mark cannot hide a good request.
 */
const NOT_UTF8 = /^\u0000([0-9A-F]{2}):(\d+)\u0000/;

/** The longest request line read (a longer one is answered `ok: false` and skipped to its end, its bytes not kept). */
const MAX_LINE_BYTES = 64 << 20;
/** The mark of a line longer than MAX_LINE_BYTES (no JSON starts with U+0000). */
const TOO_LONG = '\u0000long\u0000';

/** The text of whole lines, each line that is not UTF-8 marked (see NOT_UTF8). */
function utf8Lines(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (!text.includes('\uFFFD') || firstNonUtf8(bytes) < 0) return text;
  let out = '';
  for (let at = 0; at < bytes.length; ) {
    const lf = bytes.indexOf(10, at);
    const next = lf < 0 ? bytes.length : lf + 1;
    const line = bytes.subarray(at, next);
    const bad = firstNonUtf8(line);
    out += bad < 0 ? line.toString('utf8') : `\u0000${line[bad]!.toString(16).toUpperCase().padStart(2, '0')}:${line.subarray(0, bad).toString('utf8').length + 1}\u0000${line.toString('utf8')}`;
    at = next;
  }
  return out;
}

/**
 * The answer lines of request lines, in this thread, as UTF-8: `JSON.stringify(answer)` and a
 * line end each (the encoder reuses the bytes of what the answer before had in common with it).
 */
export function answerLines(pace: Pace, contracts: ReadonlyMap<string, PreparedContract>, lines: readonly string[], encoder: AnswerEncoder): Uint8Array {
  try {
    for (const line of lines) encoder.add(answer(pace, contracts, line));
  } catch (e) {
    encoder.discard(); // (an internal error: none of this piece's answers is written)
    throw e;
  }
  return encoder.take();
}

/**
 * Serves requests from `input` until it ends; `write` is called once per piece of input read, and
 * the bytes it is given are written into again once it has returned (or its promise resolved).
 */
export async function serveBatch(pace: Pace, contracts: ReadonlyMap<string, PreparedContract>, input: AsyncIterable<Buffer | string>, write: (answers: Uint8Array) => Promise<void> | void): Promise<void> {
  const { AnswerEncoder } = await import('./batch-json.js');
  const encoder = new AnswerEncoder();
  // One piece's answers may still be being written while the next piece is answered (into another
  // buffer): with a `write` that returns before the bytes are out, the two overlap.
  let writing: Promise<void> | undefined;
  for await (const lines of requestLines(input)) {
    const answers = answerLines(pace, contracts, lines, encoder);
    await writing;
    writing = Promise.resolve(write(answers)).then(() => encoder.give(answers.buffer)); // (written: the encoder may write into it again)
    writing.catch(() => undefined); // (a failure is thrown by the next await of it, not reported as unhandled before)
  }
  await writing;
}

/**
 * Serves requests with `answerer` (worker threads): the lines of each piece are handed on as soon
 * as they are read, and their answers written in input order as soon as every earlier answer is
 * out. At most `window` pieces are in flight (then reading waits), so memory stays bounded.
 */
export async function serveBatchConcurrently(answerer: LineAnswerer, window: number, input: AsyncIterable<Buffer | string>, write: (answers: Uint8Array[]) => Promise<void> | void): Promise<void> {
  // Each piece's answers are written once they are in and the piece before it is written.
  let written: Promise<void> = Promise.resolve();
  const pending: Promise<void>[] = [];
  for await (const lines of requestLines(input)) {
    const answers = answerer(lines);
    answers.catch(() => undefined); // (a failure surfaces through `written`)
    written = written.then(() => answers).then((text) => write(text));
    written.catch(() => undefined);
    const done = written;
    pending.push(done);
    done.then(() => pending.shift(), () => undefined);
    // Too many pieces in flight: wait for the oldest to be written (a failure throws here).
    while (pending.length >= window) await pending[0];
  }
  await written;
}
