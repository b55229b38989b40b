// Reading the CLI's input files (JSON), building the Pace from --packs, and explaining bad input:
// every message names the file and the line or JSON path, and quotes at most a bounded part of it.
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPace, loadRulesPack, californiaLaw, paceProgram, isPaceError, type Pace, type PreparedContract } from '../index.js';
import { boundedMessage, quoted } from './safe-text.js';
import { InputError, jsonSyntaxError } from './input-error.js';
import { bomLength, firstNonUtf8, notUtf8Message } from './ledger/utf8.js';

export { InputError } from './input-error.js';

/**
 * The text of a file ('-' is stdin), with a UTF-8 byte order mark dropped. Text that is not UTF-8
 * (a file saved in Windows-1252) is refused at its first such byte, not read with U+FFFD in place
 * of its characters.
 */
export function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable')})`);
  }
  const bom = bomLength(bytes);
  const text = bytes.toString('utf8', bom);
  const bad = text.includes('\uFFFD') ? firstNonUtf8(bytes, bom) : -1;
  // (columns counted as for a syntax error: without the byte order mark)
  if (bad >= 0) throw new InputError(`${file}: ${lineAndColumn(text, bytes.toString('utf8', bom, bad).length)}: ${notUtf8Message(bytes[bad]!, false)}`);
  return text;
}

function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}

/** Parses JSON text, naming the line and column of a syntax error (and quoting little of it). */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`${file}: the JSON is nested too deeply to read`);
    const { what, position } = jsonSyntaxError(e as Error);
    const where = position !== undefined ? lineAndColumn(text, position) : 'end of file';
    throw new InputError(`${file}: invalid JSON at ${where}: ${boundedMessage(what, 120)}`);
  }
}

/** Reads and parses a JSON file (a UTF-8 byte order mark is fine). */
export function readJson(file: string): unknown {
  return parseJsonText(readText(file), file);
}

/** Re-throws a PaceError about an input as an InputError naming the file and where (every issue, up to 20). */
export function explainInputError(e: unknown, file: string, where?: string): never {
  if (isPaceError(e)) explainIssues(e.issues.length > 0 ? e.issues : [{ path: '$', message: e.message }], file, where);
  throw e;
}

/** Throws an InputError listing issues (up to 20), each naming the file and the JSON path. */
export function explainIssues(issues: readonly { path: string; message: string }[], file: string, where?: string): never {
  {
    const lines = issues.slice(0, 20).map((i) => `${file}: ${where ? `${where}: ` : ''}${boundedMessage(i.path, 120)}: ${boundedMessage(i.message)}`);
    if (issues.length > 20) lines.push(`${file}: … and ${issues.length - 20} more problems`);
    throw new InputError(lines.join('\n'));
  }
}

/** A list of records with string ids from a JSON file (an array, or `{ key: [...] }`). */
export function listOf(json: unknown, key: string, file: string): Record<string, unknown>[] {
  const list = Array.isArray(json) ? json : json !== null && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) throw new InputError(`${file}: $: expected a JSON array of ${key} (or { "${key}": [...] })`);
  const prefix = Array.isArray(json) ? '$' : `$.${key}`;
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') throw new InputError(`${file}: ${prefix}[${i}].id: expected an object with a string id`);
    const earlier = seen.get(id);
    if (earlier !== undefined) throw new InputError(`${file}: ${prefix}[${i}].id: id ${quoted(id)} is used twice (also ${prefix}[${earlier}])`);
    seen.set(id, i);
  });
  return list as Record<string, unknown>[];
}

/** The files a --packs list names (comma-separated, each trimmed, empty ones skipped). */
export function packFilesOf(list: string | undefined): string[] {
  return list === undefined ? [] : list.split(',').map((f) => f.trim()).filter(Boolean);
}

/** The bundled packs plus --packs files, layered; a bad pack is named by file and JSON path. */
export function paceFromPackFiles(list: string | undefined): Pace {
  const packs: unknown[] = [californiaLaw(), paceProgram()];
  const files = packFilesOf(list);
  for (const file of files) {
    const json = readJson(file);
    try {
      packs.push(loadRulesPack(json));
    } catch (e) {
      if (e instanceof RangeError) throw new InputError(`${file}: the pack is nested too deeply to read (${boundedMessage(e.message, 80)})`);
      explainInputError(e, file);
    }
  }
  try {
    return createPace({ packs });
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`${files.join(', ')}: the packs are nested too deeply to read (${boundedMessage(e.message, 80)})`);
    return explainInputError(e, files.join(', ') || '--packs');
  }
}

/** Contracts by id from a --contracts file, prepared once; a bad one is named by file and JSON path. */
export function prepareContracts(pace: Pace, file: string): Map<string, PreparedContract> {
  const json = readJson(file);
  const prefix = Array.isArray(json) ? '$' : '$.contracts';
  const contracts = new Map<string, PreparedContract>();
  listOf(json, 'contracts', file).forEach((c, i) => {
    try {
      contracts.set(c['id'] as string, pace.prepareContract(c));
    } catch (e) {
      if (e instanceof RangeError) throw new InputError(`${file}: ${prefix}[${i}]: the contract is nested too deeply to read`);
      if (isPaceError(e)) explainIssues(e.issues.map((issue) => ({ path: `${prefix}[${i}]${issue.path.replace(/^\$(\.contract)?/, '')}`, message: issue.message })), file);
      throw e;
    }
  });
  return contracts;
}

/**
 * A temporary file open to write and read back through its descriptor (`prefix`: its folder's
 * name; `why`: what it keeps, for the error). It is unlinked at once, so that it goes when the
 * process ends however it ends (Ctrl-C, a crash); where an open file cannot be unlinked (Windows),
 * `dir` is its folder, to be removed at the end.
 */
export function unlinkedTempFile(prefix: string, name: string, why: string): { fd: number; dir: string | undefined } {
  let dir: string;
  let fd: number;
  try {
    dir = mkdtempSync(join(tmpdir(), prefix));
    fd = openSync(join(dir, name), 'w+');
  } catch (e) {
    throw new InputError(`cannot write temporary files in ${boundedMessage(tmpdir(), 200)} (${(e as NodeJS.ErrnoException).code ?? 'error'}): ${why}; set TMPDIR to a folder that can be written`);
  }
  try {
    rmSync(dir, { recursive: true, force: true });
    return { fd, dir: undefined };
  } catch {
    return { fd, dir };
  }
}
