// A ledger's format from its name and first bytes.
import { bomLength } from './utf8.js';

/** The ledger formats: CSV, JSON Lines, and a JSON document (an array, or { purchases }). */
export type LedgerFormat = 'csv' | 'jsonl' | 'json';

/**
 * The format of a ledger by its file name and its first bytes (`head`): a `.json` file is a JSON
 * document when its text (past a byte order mark and white space) opens an array or an object,
 * else JSON Lines; undefined for a name with none of the ledger extensions. Standard input (`-`,
 * as a database's export is piped in) has no name: a JSON document when its text opens an array,
 * or an object whose first key is "purchases" (a purchase has no such field); JSON Lines when it
 * opens another object; else CSV.
 */
export function ledgerFormatOf(file: string, head: Uint8Array): LedgerFormat | undefined {
  const at = textStart(head);
  const first = head[at];
  if (file === '-') {
    if (first === 0x5b) return 'json';
    if (first !== 0x7b) return 'csv';
    const opening = Buffer.from(head.buffer, head.byteOffset + at, Math.min(head.length - at, 256)).toString('latin1');
    return /^\{\s*"purchases"\s*:/.test(opening) ? 'json' : 'jsonl';
  }
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.json$/i.test(file)) return first === 0x5b || first === 0x7b ? 'json' : 'jsonl';
  return undefined;
}

/** Where a ledger's text starts in its first bytes: past a UTF-8 byte order mark and white space. */
export function textStart(bytes: Uint8Array): number {
  let at = bomLength(bytes);
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)) at++;
  return at;
}
