// A ledger's format from its name and first bytes.
import { bomLength } from './utf8.js';

/** The ledger formats: CSV, JSON Lines, and a JSON document (an array, or { purchases }). */
export type LedgerFormat = 'csv' | 'jsonl' | 'json';

/**
 * The format of a ledger by its file name and its first bytes (`head`): a `.json` file is a JSON
 * document when its text (past a byte order mark and white space) opens an array or an object,
 * else JSON Lines; undefined for a name with none of the ledger extensions. Standard input (`-`,
 * as a database's export is piped in) has no name: a JSON document when its text opens an array;
 * when it opens an object, JSON Lines if its first line is a whole object without a "purchases"
 * list (a purchase: each line of JSON Lines is one), or a bad row (an error inside the line, or
 * JSON that stops short after a top-level comma with another object on the next line), else a JSON document
 * (`{ "purchases": [...] }`, whatever keys come first, on one line or over several); else CSV.
 */
export function ledgerFormatOf(file: string, head: Uint8Array): LedgerFormat | undefined {
  const at = textStart(head);
  const first = head[at];
  if (file === '-') {
    if (first === 0x5b) return 'json';
    if (first !== 0x7b) return 'csv';
    const text = Buffer.from(head.buffer, head.byteOffset + at, head.length - at);
    // The first line ends at LF, CR or CRLF (JSON Lines allows each).
    let end = 0;
    while (end < text.length && text[end] !== 0x0a && text[end] !== 0x0d) end++;
    const line = text.subarray(0, end).toString('utf8');
    try {
      return Array.isArray((JSON.parse(line) as { purchases?: unknown }).purchases) ? 'json' : 'jsonl';
    } catch (e) {
      // A document that opens its purchases list on its first line (or on one line, cut by the end of what was read).
      if (/"purchases"\s*:\s*\[/.test(line.slice(0, 1 << 16))) return 'json';
      // A line cut by the end of what was read, or with an error inside it: a row of JSON Lines.
      const position = /at position (\d+)/.exec((e as Error).message);
      if (end === text.length || (position !== null && Number(position[1]) < line.trimEnd().length)) return 'jsonl';
      // JSON that stops short at the line's end: a document over several lines, unless it stops
      // after a comma at the top level of its object and the next line opens another object (a
      // bad first row of JSON Lines that lost its last field; a document's next line there is a key).
      let next = end;
      while (next < text.length && (text[next] === 0x0a || text[next] === 0x0d || text[next] === 0x20 || text[next] === 0x09)) next++;
      return text[next] === 0x7b && stopsAfterTopLevelComma(line) ? 'jsonl' : 'json';
    }
  }
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.json$/i.test(file)) return first === 0x5b || first === 0x7b ? 'json' : 'jsonl';
  return undefined;
}

/** Whether the text of JSON cut short ends with a comma at depth 1 (in the outermost object, not in a list or object inside it). */
function stopsAfterTopLevelComma(line: string): boolean {
  let depth = 0;
  let inString = false;
  let last = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (c !== ' ' && c !== '\t') last = c;
  }
  return depth === 1 && last === ',';
}

/** Where a ledger's text starts in its first bytes: past a UTF-8 byte order mark and white space. */
export function textStart(bytes: Uint8Array): number {
  let at = bomLength(bytes);
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)) at++;
  return at;
}
