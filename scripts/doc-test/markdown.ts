/**
 * Reads a Markdown file into what the documentation test checks: fenced blocks and tables, each
 * with its line and the `<!-- doc-test: ... -->` directive written before it.
 *
 * The convention (docs/README of the test: test/docs/doc-blocks.test.ts):
 *
 *   <!-- doc-test: key=value key="a value with spaces" flag -->
 *
 * on one line, before a fenced block or a table (blank lines may stand between). Keys:
 *
 * | key | on | meaning |
 * |---|---|---|
 * | `chain=NAME` | ts/js block | runs in the scope of chain NAME (default `main`): the blocks of one chain run in order as one module |
 * | `setup=PATH` | ts/js block | the exports of module PATH (repo-relative) are in scope in the whole chain |
 * | `skip="why"` | any block | not run, not compared; the reason is required |
 * | `output` | any block | the console output of the ts/js block before it (untyped blocks right after one need no directive) |
 * | `not-output="why"` | untyped block | an illustration, not an output |
 * | `writes=NAME` | any block | its text is a file NAME in the directory the CLI examples run in |
 * | `shows=PATH` | any block | its text is the repo file PATH, exactly |
 * | `const=NAME` | json block | the chain (default `main`, or `chain=`) gets `const NAME = <the JSON>` at this point |
 * | `table=EXPR` | table | its body rows are EXPR (an array of rows of strings), evaluated after the ts/js block before it, in its chain |
 */
import { readFileSync } from 'node:fs';

export interface Directive {
  readonly line: number;
  readonly values: ReadonlyMap<string, string | true>;
}

export interface Fence {
  readonly kind: 'fence';
  /** The info string's first word, lower case (`ts`, `js`, `sh`, `json`, `` for none). */
  readonly lang: string;
  readonly text: string;
  /** 1-based line of the opening fence; the text starts on the next line. */
  readonly line: number;
  /** Index of the section (headings start a new one). */
  readonly section: number;
  readonly directive: Directive | undefined;
}

export interface Table {
  readonly kind: 'table';
  readonly header: string[];
  /** The body rows, cells trimmed, `\|` unescaped. */
  readonly rows: { line: number; cells: string[] }[];
  readonly line: number;
  readonly section: number;
  readonly directive: Directive | undefined;
}

export type Item = Fence | Table;

export const DIRECTIVE_KEYS = ['chain', 'setup', 'skip', 'output', 'not-output', 'writes', 'shows', 'table', 'const'] as const;

export class DocSyntaxError extends Error {}

/** Parses one directive comment's text (`key=value key="v w" flag`). */
export function parseDirective(body: string, where: string): Map<string, string | true> {
  const values = new Map<string, string | true>();
  const re = /\s*([a-z-]+)(?:=(?:"((?:[^"\\]|\\.)*)"|(\S+)))?/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(body)) !== null && m[0] !== '') {
    const key = m[1]!;
    if (!(DIRECTIVE_KEYS as readonly string[]).includes(key)) throw new DocSyntaxError(`${where}: unknown doc-test key "${key}" (known: ${DIRECTIVE_KEYS.join(', ')})`);
    values.set(key, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? true));
    end = re.lastIndex;
  }
  if (body.slice(end).trim() !== '') throw new DocSyntaxError(`${where}: cannot read doc-test directive near ${JSON.stringify(body.slice(end).trim())}`);
  return values;
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && inner[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (inner[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += inner[i];
  }
  cells.push(cell.trim());
  return cells;
}

/** The fenced blocks and tables of a Markdown text, in order. */
export function parseMarkdown(text: string, file: string): Item[] {
  const lines = text.split('\n');
  const items: Item[] = [];
  let section = 0;
  let pending: Directive | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(```+|~~~+)\s*([^\s`]*)/.exec(line);
    if (fence) {
      const close = fence[1]!;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith(close); i++) body.push(lines[i]!);
      if (i >= lines.length) throw new DocSyntaxError(`${file}:${start + 1}: the fenced block is not closed`);
      items.push({ kind: 'fence', lang: fence[2]!.toLowerCase(), text: body.join('\n'), line: start + 1, section, directive: pending });
      pending = undefined;
      continue;
    }
    const directive = /^\s*<!--\s*doc-test:(.*?)-->\s*$/.exec(line);
    if (directive) {
      if (pending) throw new DocSyntaxError(`${file}:${i + 1}: a second doc-test directive before one block (the first is on line ${pending.line})`);
      pending = { line: i + 1, values: parseDirective(directive[1]!, `${file}:${i + 1}`) };
      continue;
    }
    if (/^\s*\|/.test(line) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      const header = splitRow(line);
      const start = i;
      const rows: { line: number; cells: string[] }[] = [];
      for (i += 2; i < lines.length && /^\s*\|/.test(lines[i]!); i++) rows.push({ line: i + 1, cells: splitRow(lines[i]!) });
      i--;
      items.push({ kind: 'table', header, rows, line: start + 1, section, directive: pending });
      pending = undefined;
      continue;
    }
    if (/^#{1,6}\s/.test(line)) section++;
    if (pending && line.trim() !== '') throw new DocSyntaxError(`${file}:${pending.line}: a doc-test directive must stand right before a fenced block or a table`);
  }
  if (pending) throw new DocSyntaxError(`${file}:${pending.line}: a doc-test directive at the end of the file`);
  return items;
}

export function readMarkdown(path: string, file: string): Item[] {
  return parseMarkdown(readFileSync(path, 'utf8'), file);
}
