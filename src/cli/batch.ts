// pace-rules batch: JSON Lines requests on stdin, one JSON line out per request, in order. Every
// line read in one piece of input is answered in one write, so a caller that sends one request
// and waits gets its answer at once, and a caller that pipes a million gets them at full speed.
import { isPaceError, type Pace, type PreparedContract } from '../index.js';
import { boundedMessage, quoted } from './safe-text.js';

const OPS = ['check-eligibility', 'procurement-method', 'audit-checklist', 'quote', 'quote-group-buy', 'verify-invoice'] as const;
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
  if (!(OPS as readonly unknown[]).includes(op)) return failure(echo, 'invalid-request', `unknown op ${quoted(op)}; expected one of ${OPS.join(', ')}`, [{ path: '$.op', message: `expected one of ${OPS.join(', ')}` }]);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return failure(echo, 'invalid-request', 'expected "input": an object', [{ path: '$.input', message: 'expected an object' }]);
  let args = input as Record<string, unknown>;
  const contractId = args['contractId'];
  if (contractId !== undefined) {
    const contract = typeof contractId === 'string' ? contracts.get(contractId) : undefined;
    if (!contract) return failure(echo, 'unknown-reference', `contractId ${quoted(contractId)} is not in the --contracts file`, [{ path: '$.input.contractId', message: 'expected the id of a contract in the --contracts file' }]);
    const { contractId: _named, ...rest } = args;
    args = { ...rest, contract };
  }
  try {
    return { id: echo, ok: true, result: run(pace, op as Op, args, options) };
  } catch (e) {
    if (isPaceError(e)) return failure(echo, e.code, e.message, e.issues.map((i) => ({ path: i.path.startsWith('$.options') ? i.path : i.path.replace(/^\$/, '$.input'), message: i.message })));
    if (e instanceof RangeError) return failure(echo, 'invalid-request', 'the input is nested too deeply to read');
    throw e;
  }
}

// `options` (e.g. `{ "trace": false }`: the answer without its trace, much smaller to write and
// read) goes to the three compliance decisions, which validate it; the pricing ops take none.
function run(pace: Pace, op: Op, input: Record<string, unknown>, options: unknown): unknown {
  switch (op) {
    case 'check-eligibility':
      return pace.checkEligibility(input as never, options as never);
    case 'procurement-method':
      return pace.procurementMethod(input as never, options as never);
    case 'audit-checklist':
      return pace.auditChecklist(input as never, options as never);
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

/** Serves requests from `input` until it ends; `write` is called once per piece of input read. */
export async function serveBatch(pace: Pace, contracts: ReadonlyMap<string, PreparedContract>, input: AsyncIterable<Buffer | string>, write: (text: string) => Promise<void> | void): Promise<void> {
  let rest = '';
  const decoder = new TextDecoder();
  let first = true;
  for await (const piece of input) {
    let text = rest + (typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true }));
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    const lines = text.split('\n');
    rest = lines.pop()!;
    let out = '';
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') continue;
      out += `${JSON.stringify(answer(pace, contracts, line))}\n`;
    }
    if (out) await write(out);
  }
  rest += decoder.decode();
  if (rest.trim() !== '') await write(`${JSON.stringify(answer(pace, contracts, rest.endsWith('\r') ? rest.slice(0, -1) : rest))}\n`);
}
