// Reading the CLI's input files: JSON and CSV, with errors that name the file and the line or path.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isPaceError } from '../errors/pace-error.js';

/** A bad input file: the CLI prints its message on one line and exits 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)})`);
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Reads and parses a JSON file, naming the line and column of a syntax error. */
export function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    const where = m ? lineAndColumn(text, Number(m[1])) : 'end of file';
    throw new InputError(`${file}: invalid JSON at ${where}: ${message.replace(/^.*?: /, '').replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/**
 * The documented ledger CSV layout (docs/cli.md): a header row, then one purchase order per row.
 * Required: id, memberId, date, amount, supplyKind. Optional: category, contractId, vendorId,
 * federalAmount, stateAmount, localAmount, fundingProgram, emergency, documents (kinds separated
 * by `;`), description.
 */
export const LEDGER_COLUMNS = ['id', 'memberId', 'date', 'amount', 'supplyKind', 'category', 'contractId', 'vendorId', 'federalAmount', 'stateAmount', 'localAmount', 'fundingProgram', 'emergency', 'documents', 'description'] as const;
const REQUIRED = ['id', 'memberId', 'date', 'amount', 'supplyKind'] as const;

/** A purchase read from a ledger, with the line it came from (for error messages). */
export interface LedgerRow {
  purchase: Record<string, unknown>;
  /** `line 12` for CSV, `$[11]` for JSON. */
  where: string;
}

/** Reads a ledger of purchases from CSV (by extension) or JSON (an array of purchases). */
export function readLedger(file: string): LedgerRow[] {
  if (!/\.csv$/i.test(file)) {
    const json = readJson(file);
    const list = Array.isArray(json) ? json : (json as { purchases?: unknown })?.purchases;
    if (!Array.isArray(list)) throw new InputError(`${file}: expected a JSON array of purchases (or { "purchases": [...] })`);
    return list.map((p, i) => ({ purchase: p as Record<string, unknown>, where: `$[${i}]` }));
  }
  const text = readText(file);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, info: true, skip_empty_lines: true, trim: true, bom: true }) as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(`${file}: line ${err.lines ?? '?'}: ${err.message.replace(/ at line \d+.*$/, '')}`);
  }
  const header = text.split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, '').split(',').map((h) => h.trim());
  const unknown = header.filter((h) => !(LEDGER_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) throw new InputError(`${file}: line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; expected columns from: ${LEDGER_COLUMNS.join(', ')}`);
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length > 0) throw new InputError(`${file}: line 1: missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return records.map(({ record, info }) => {
    const where = `line ${info.lines}`;
    const purchase: Record<string, unknown> = { id: record['id'], memberId: record['memberId'], date: record['date'], amount: record['amount'], supplyKind: record['supplyKind'] };
    for (const key of ['category', 'contractId', 'vendorId', 'description'] as const) if (record[key]) purchase[key] = record[key];
    const funding: Record<string, unknown>[] = [];
    for (const [column, source] of [['federalAmount', 'federal'], ['stateAmount', 'state'], ['localAmount', 'local']] as const) {
      const amount = record[column];
      if (amount) funding.push(source === 'federal' && record['fundingProgram'] ? { source, program: record['fundingProgram'], amount } : { source, amount });
    }
    if (funding.length > 0) purchase['funding'] = funding;
    if (record['emergency']) {
      const e = record['emergency'].toLowerCase();
      if (e !== 'true' && e !== 'false' && e !== 'yes' && e !== 'no') throw new InputError(`${file}: ${where}: column emergency: expected true or false, got ${JSON.stringify(record['emergency'])}`);
      purchase['emergency'] = e === 'true' || e === 'yes';
    }
    if (record['documents']) purchase['documents'] = record['documents'].split(';').map((kind) => ({ kind: kind.trim() })).filter((d) => d.kind);
    return { purchase, where };
  });
}

/** Re-throws a PaceError about an input as an InputError naming the file and where. */
export function explainInputError(e: unknown, file: string, where?: string): never {
  if (isPaceError(e)) {
    const issue = e.issues[0];
    const detail = issue ? `${issue.path}: ${issue.message}` : e.message;
    const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more problem${e.issues.length > 2 ? 's' : ''})` : '';
    throw new InputError(`${file}: ${where ? `${where}: ` : ''}${detail}${more}`);
  }
  throw e;
}
