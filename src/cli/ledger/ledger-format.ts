// A ledger's format from its name and first bytes.

/** The ledger formats: CSV, JSON Lines, and a JSON document (an array, or { purchases }). */
export type LedgerFormat = 'csv' | 'jsonl' | 'json';

/**
 * The format of a ledger by its file name and the first byte of its text that is not a byte
 * order mark or white space (a `.json` file is a JSON document when that byte opens an array or
 * an object, else JSON Lines); undefined for a name with none of the ledger extensions. Standard
 * input (`-`, as a database's export is piped in) has no name: a JSON document when its text
 * opens an array, JSON Lines when it opens an object, else CSV.
 */
export function ledgerFormatOf(file: string, firstByte: number | undefined): LedgerFormat | undefined {
  if (file === '-') return firstByte === 0x5b ? 'json' : firstByte === 0x7b ? 'jsonl' : 'csv';
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.json$/i.test(file)) return firstByte === 0x5b || firstByte === 0x7b ? 'json' : 'jsonl';
  return undefined;
}

/** Where a ledger's text starts in its first bytes: past a UTF-8 byte order mark and white space. */
export function textStart(bytes: Uint8Array): number {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)) at++;
  return at;
}
