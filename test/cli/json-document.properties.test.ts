// audit-ledger reads a JSON document ledger as a stream (JsonDocumentReader): the purchases it
// gives must be the array JSON.parse gives, wherever the bytes are cut into reads, and a document
// JSON.parse refuses must be refused. Failing runs print their seed (fast-check's report).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { InputError } from '../../src/cli/input-error.js';
import { JsonDocumentReader } from '../../src/cli/ledger/json-document.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 100);

/** Reads `bytes` in pieces of the given sizes (the last size over and over), after `first`. */
function readAll(bytes: Buffer, firstLength: number, sizes: readonly number[], chunkBytes: number): unknown[] {
  const first = bytes.subarray(0, firstLength);
  let at = firstLength;
  let k = 0;
  const reader = new JsonDocumentReader('doc.json', (into, offset, length) => {
    const size = Math.min(length, sizes[Math.min(k++, sizes.length - 1)]!, bytes.length - at);
    bytes.copy(into, offset, at, at + size);
    at += size;
    return size;
  }, first, chunkBytes);
  const values: unknown[] = [];
  for (let next = reader.next(); next !== undefined; next = reader.next()) {
    expect(next.index).toBe(values.length);
    values.push(next.value);
  }
  return values;
}

/** What JSON.parse makes of the document: its purchases, or that it refuses it. */
function expected(text: string): unknown[] | 'refused' {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return 'refused';
  }
  if (Array.isArray(json)) return json;
  if (json !== null && typeof json === 'object' && Array.isArray((json as { purchases?: unknown }).purchases)) return (json as { purchases: unknown[] }).purchases;
  return 'refused';
}

/** The document as its file holds it (UTF-8: a lone surrogate a change left in the text is U+FFFD there). */
function inFile(text: string): string {
  return Buffer.from(text).toString('utf8');
}

function outcome(text: string, firstLength: number, sizes: readonly number[], chunkBytes: number): unknown[] | 'refused' {
  try {
    return readAll(Buffer.from(text), firstLength, sizes, chunkBytes);
  } catch (e) {
    if (e instanceof InputError) return 'refused';
    throw e;
  }
}

// Values whose text has what a scanner can trip on: quotes and brackets in strings, escapes,
// characters of several bytes, nesting.
const arbValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ id: fc.string({ unit: 'grapheme' }), memberId: fc.constantFrom('a"b', 'c\\d', '[x]', '{y}', 'é€😀'), amount: fc.constantFrom('1.00', 2, null, true) }),
);
const arbSpace = fc.constantFrom('', ' ', '\n', '\r\n', '\t', '  \n  ');
const arbDocument = fc
  .record({
    values: fc.array(arbValue, { maxLength: 12 }),
    space: arbSpace,
    indent: fc.constantFrom(undefined, 2, '\t'),
    wrapped: fc.boolean(),
    before: fc.dictionary(fc.string().filter((k) => k !== 'purchases'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
    after: fc.dictionary(fc.string().filter((k) => k !== 'purchases'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
  })
  .map(({ values, space, indent, wrapped, before, after }) => {
    const list = JSON.stringify(values, null, indent);
    if (!wrapped) return `${space}${list}${space}`;
    const members = [...Object.entries(before).map(([k, v]) => `${JSON.stringify(k)}:${space}${JSON.stringify(v)}`), `"purchases":${space}${list}`, ...Object.entries(after).map(([k, v]) => `${JSON.stringify(k)}${space}:${JSON.stringify(v)}`)];
    return `${space}{${space}${members.join(`,${space}`)}${space}}${space}`;
  });
const arbReads = fc.record({ first: fc.nat(40), sizes: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }), chunkBytes: fc.integer({ min: 1, max: 64 }) });

describe('a JSON document ledger read as a stream', () => {
  test.prop([arbDocument, arbReads], { numRuns: RUNS })('gives the purchases JSON.parse gives, wherever the reads are cut', (text, reads) => {
    const bytes = Buffer.from(text);
    expect(outcome(text, Math.min(reads.first, bytes.length), reads.sizes, reads.chunkBytes)).toEqual(expected(inFile(text)));
  });

  // A character dropped, doubled or replaced by one of the characters JSON's structure is made
  // of, or the document cut short (a partial download).
  const arbBroken = fc.tuple(arbDocument, fc.nat(), fc.constantFrom('drop', 'double', 'cut', '{', '}', '[', ']', ',', ':', '"', '\\', 'x', '\u0001')).map(([text, at, how]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'drop') return text.slice(0, i) + text.slice(i + 1);
    if (how === 'cut') return text.slice(0, i);
    if (how === 'double') return text.slice(0, i) + text.slice(i, i + 1) + text.slice(i);
    return text.slice(0, i) + how + text.slice(i + 1);
  });
  test.prop([arbBroken, arbReads], { numRuns: RUNS })('refuses what JSON.parse refuses, and reads what it reads, of a document with one character changed', (text, reads) => {
    // (a second "purchases" member is refused, where JSON.parse takes the last)
    fc.pre(!/"purchases"[\s\S]*"purchases"/.test(text));
    const bytes = Buffer.from(text);
    expect(outcome(text, Math.min(reads.first, bytes.length), reads.sizes, reads.chunkBytes)).toEqual(expected(inFile(text)));
  });

  test('names the line and column of invalid JSON, and says when a .json file holds one purchase a line', () => {
    const read = (text: string): string => {
      try {
        readAll(Buffer.from(text), 3, [5], 8);
      } catch (e) {
        return (e as Error).message;
      }
      return 'read';
    };
    // (JSON.parse names no position for an unexpected token: the value that holds it)
    expect(read('[\n  {"id": "P1"},\n  {"id": }\n]')).toBe('doc.json: invalid JSON at line 3, column 3: Unexpected token \'}\'');
    expect(read('[\n  {"id": "P1"},\n  {"id": "é\u0001"}\n]')).toBe('doc.json: invalid JSON at line 3, column 12: Bad control character in string literal');
    expect(read('[{"id": "é€😀"}, {"id": "x"} {"id": "y"}]')).toBe('doc.json: invalid JSON at line 1, column 30: expected "," or "]" after $[1]');
    expect(read('[{"id": "P1"}')).toBe('doc.json: invalid JSON at end of file: Unexpected end of JSON input');
    expect(read('[{"id": "P1"},,{"id": "P2"}]')).toBe('doc.json: invalid JSON at line 1, column 15: Unexpected token \',\'');
    expect(read('{"note": }')).toBe('doc.json: invalid JSON at line 1, column 10: Unexpected token \'}\'');
    expect(read('{"id": "P1"}\r\n{"id": "P2"}\n')).toBe('doc.json: invalid JSON at line 2, column 1: unexpected text after the end of the JSON document (one purchase a line is JSON Lines: name the file .jsonl)');
    expect(read('[1]\n[2]')).toBe('doc.json: invalid JSON at line 2, column 1: unexpected text after the end of the JSON document');
    expect(read('{"purchases": [], "purchases": [1]}')).toBe('doc.json: invalid JSON at line 1, column 19: "purchases" is given twice');
    expect(read('{"purchases": 3}')).toBe('doc.json: $: expected a JSON array of purchases (or { "purchases": [...] })');
    expect(read(`[${'['.repeat(6000)}${']'.repeat(6000)}]`)).toBe('doc.json: the JSON is nested too deeply to read');
  });

  test('refuses a value longer than its limit (an unclosed string would hold the rest of the file)', () => {
    const text = `[\n  {"id": "P1"},\n  {"id": "P2, ${'x'.repeat(5000)}`;
    const bytes = Buffer.from(text);
    let at = 0;
    const reader = new JsonDocumentReader('doc.json', (into, offset, length) => {
      const n = Math.min(length, 100, bytes.length - at);
      bytes.copy(into, offset, at, at + n);
      at += n;
      return n;
    }, Buffer.alloc(0), 64, 1024);
    expect(reader.next()?.value).toEqual({ id: 'P1' });
    expect(() => reader.next()).toThrow('doc.json: invalid JSON at line 3, column 3: a value longer than 1024 bytes (an unclosed string or bracket?)');
    // It stopped reading soon after the limit, not at the end of the file.
    expect(at).toBeLessThan(2200);
  });
});
