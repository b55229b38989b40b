// audit-ledger reads its input in chunks (256 KB); the report must not depend on where the chunks
// are cut. Change orders made it depend on it: a chunk's change orders were taken after all of its
// rows, so a PO needing a bid because of a change order was listed at the end of the change
// order's chunk, and a change order before its PO was folded at once within a chunk but only at
// the end across chunks. Failing runs print their seed (fast-check's report).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ledgerOutput } from '../support/ledger-output.js';
import { centsToMoney } from '../compliance/arbitraries.js';
import { decideChunk, decideChunkBytes } from '../../src/cli/ledger/decide-rows.js';
import { type ChunkResult } from '../../src/cli/ledger/chunk-result.js';
import { countLines, textPieces } from '../../src/cli/ledger/chunk-text.js';
import { readHeader } from '../../src/cli/ledger/rows.js';
import { ledgerFormatOf } from '../../src/cli/ledger/ledger-format.js';
import { buildLedgerSetup } from '../../src/cli/ledger/setup.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 40);
const members = join(import.meta.dirname, '..', '..', 'examples', 'data', 'members.json');
const scratch = mkdtempSync(join(tmpdir(), 'pace-ledger-chunks-'));

const arbRow = fc.record({
  member: fc.constantFrom('alder-usd', 'birch-esd', 'cedar-charter'),
  vendor: fc.constantFrom('v-1', 'v-1', 'v-2'),
  kind: fc.constantFrom('goods', 'goods', 'services'),
  day: fc.integer({ min: 0, max: 500 }),
  cents: fc.oneof(fc.integer({ min: 1_000_000, max: 11_000_000 }), fc.constant(11_480_000), fc.integer({ min: 11_480_001, max: 30_000_000 })),
  // A change order: of which PO (by its position among the rows, possibly a later one), and by how much.
  change: fc.option(fc.record({ of: fc.nat(), cents: fc.integer({ min: -1_000_000, max: 6_000_000 }) }), { freq: 3 }),
});

type Row = typeof arbRow extends fc.Arbitrary<infer T> ? T : never;

function ledgerCsv(rows: Row[]): string {
  let out = 'id,memberId,date,amount,supplyKind,vendorId,revisionOf\n';
  const orders = rows.flatMap((r, i) => (r.change ? [] : [i]));
  rows.forEach((r, i) => {
    const date = new Date(Date.UTC(2024, 6, 1 + r.day)).toISOString().slice(0, 10);
    if (r.change && orders.length > 0) {
      // Of a PO earlier or later in the file.
      const of = orders[r.change.of % orders.length]!;
      const target = rows[of]!;
      const sign = r.change.cents < 0 ? '-' : '';
      out += `CO-${i},${target.member},${date},${sign}${centsToMoney(Math.abs(r.change.cents))},${target.kind},${target.vendor},PO-${of}\n`;
    } else out += `PO-${i},${r.member},${date},${centsToMoney(r.cents)},${r.kind},${r.vendor},\n`;
  });
  return out;
}

/** A run with chunks of `chunkBytes` (default: the CLI's). */
async function run(file: string, chunkBytes: number | undefined): Promise<string> {
  return ledgerOutput({ file, packs: undefined, members, contracts: undefined, window: 'fiscal-year', maxErrors: 20, jobs: 0, ...(chunkBytes !== undefined ? { chunkBytes } : {}) });
}

describe('audit-ledger: the report does not depend on where the input is cut into chunks', () => {
  let n = 0;
  test.prop([fc.array(arbRow, { minLength: 2, maxLength: 60 })], { numRuns: RUNS })('chunks of 64 bytes, 1 KB and the default give the same report', async (rows) => {
    const file = join(scratch, `ledger-${n++}.csv`);
    writeFileSync(file, ledgerCsv(rows));
    const whole = await run(file, undefined);
    expect(await run(file, 64)).toBe(whole);
    expect(await run(file, 1024)).toBe(whole);
  });
  test('a CSV header longer than a chunk, ending in CRLF: read whole at every chunk size', async () => {
    // (a quoted header as a spreadsheet exports it, 100 bytes with its CRLF; a bad amount on line 3)
    const header = '"id","memberId","date","amount","supplyKind","category","contractId","vendorId","description"\r\n';
    // (with a byte order mark too, as Excel's "CSV UTF-8" writes one: three bytes, over a read of one or two)
    for (const bom of ['', '\ufeff']) {
      const file = join(scratch, `long-header${bom ? '-bom' : ''}.csv`);
      writeFileSync(file, `${bom}${header}PO-1,alder-usd,2025-08-01,100.00,goods,technology,,v-1,Paper\r\nPO-2,alder-usd,2025-08-01,12x,goods,technology,,v-1,Toner\r\n`);
      const whole = await run(file, undefined);
      expect(JSON.parse(whole)).toEqual({ problems: [expect.stringMatching(/: line 3, column amount: /)], stoppedEarly: false });
      for (let bytes = 1; bytes <= header.length + 5; bytes++) expect(await run(file, bytes), `${bytes} bytes${bom ? ', BOM' : ''}`).toBe(whole);
    }
  });
});

describe('audit-ledger: CSV syntax errors', () => {
  test('a record with text after a closing quote: the rows after it are read on, each at its line, whatever the chunks', async () => {
    // Before, the rest of the chunk was not read (a bad row there went unreported, or reported
    // only with small chunks), and with pieces the lines of the chunks after it came out short.
    const rows = ['id,memberId,date,amount,supplyKind,vendorId,description', 'PO-0,alder-usd,2025-08-01,100.00,goods,v-1,"a"x'];
    for (let i = 1; i < 20_000; i++) rows.push(`PO-${i},alder-usd,2025-08-01,100.00,goods,v-1,${i % 7 === 0 ? '"two\nlines"' : 'copy paper'}`);
    rows.push('PO-20000,alder-usd,2025-08-01,12x,goods,v-1,copy', 'PO-20001,alder-usd,2025-08-01,1.00,goods,v-1,"b" y');
    const file = join(scratch, 'syntax.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const whole = await run(file, undefined);
    const lineOf = (id: string) => 1 + rows.slice(0, rows.findIndex((r) => r.startsWith(`${id},`))).join('\n').split('\n').length;
    const problems = (JSON.parse(whole) as { problems: string[] }).problems;
    expect(problems.map((p) => /: line (\d+), /.exec(p)?.[1])).toEqual(['2', String(lineOf('PO-20000')), String(lineOf('PO-20001'))]);
    expect(await run(file, 1000)).toBe(whole);
  });

  test('a bad record with a line end in a later quoted field: read on after the record, not inside the field', async () => {
    const file = join(scratch, 'resume.csv');
    writeFileSync(file, 'id,memberId,date,amount,supplyKind,vendorId,description\nPO-1,alder-usd,2025-08-01,"100"0,goods,v-1,"multi\nline, with comma"\nPO-2,alder-usd,2025-08-01,12x,goods,v-1,copy\n');
    const problems = (JSON.parse(await run(file, undefined)) as { problems: string[] }).problems;
    expect(problems.map((p) => /: line (\d+), /.exec(p)?.[1])).toEqual(['2', '4']);
  });

});

describe('audit-ledger: a chunk decided', () => {
  // A decider's columns start at the number of rows it expects (at least 16) and double as rows
  // come; rows of about 46 characters are more than a chunk's estimate of one row in 48. (Rows
  // only: a change order is not a row of the chunk's columns.)
  test.prop([fc.array(arbRow.map((r) => ({ ...r, change: null })), { minLength: 20, maxLength: 300, size: 'max' })], { numRuns: RUNS })('gives the same columns whatever number of rows its decider expected', (rows) => {
    const [header, ...records] = ledgerCsv(rows).split('\n');
    const parsed = readHeader(header!.split(','));
    if (!('columns' in parsed)) throw new Error(parsed.problem);
    const { setup } = buildLedgerSetup({ packs: undefined, members, contracts: undefined, format: 'csv', columns: parsed.columns, reuseDecisions: true });
    const text = records.join('\n');
    const plain = (r: ChunkResult) => ({ ...r, lines: [...r.lines], members: [...r.members], groups: [...r.groups], dates: [...r.dates], cents: [...r.cents], flags: [...r.flags], missingListOf: [...r.missingListOf] });
    const estimated = plain(decideChunk(setup, text));
    expect(plain(decideChunk(setup, text, 1))).toEqual(estimated);
    expect(plain(decideChunk(setup, text, 10_000))).toEqual(estimated);
    expect(estimated.problems).toEqual([]);
    expect(estimated.count + estimated.changes.length).toBe(rows.length);
  });
});

describe('audit-ledger: a chunk decoded in pieces', () => {
  // A chunk (256 KB) is decoded in pieces of at most 64 KB, cut at record ends (V8 keeps longer
  // strings in its large-object space, 30 times slower to make): the pieces must read as the
  // whole text, with quoted line ends, CRLF and lone CRs, quotes inside unquoted fields, and a
  // byte that is not UTF-8.
  const plain = (r: ChunkResult) => ({ ...r, lines: [...r.lines], members: [...r.members], groups: [...r.groups], dates: [...r.dates], cents: [...r.cents], flags: [...r.flags], missingListOf: [...r.missingListOf] });
  const descriptions = ['Dell 27" monitor', '"Chairs, stacking\nroom 12"', 'copy paper', '"say ""hi"""', '"12"" ruler, metal"', 'stool 18" "oak"'];

  test.each(['\n', '\r\n'])('CSV rows with line ends %j', (end) => {
    const header = 'id,memberId,date,amount,supplyKind,vendorId,description';
    const parsed = readHeader(header.split(','));
    if (!('columns' in parsed)) throw new Error(parsed.problem);
    const { setup } = buildLedgerSetup({ packs: undefined, members, contracts: undefined, format: 'csv', columns: parsed.columns, reuseDecisions: true });
    const rows: string[] = [];
    for (let i = 0; i < 4000; i++) rows.push(`PO-${i},${['alder-usd', 'birch-esd'][i % 2]},2025-08-${String(1 + (i % 28)).padStart(2, '0')},${100 + (i % 997)}.25,goods,v-${i % 9},${descriptions[i % descriptions.length]}`);
    const text = rows.join(end) + end;
    const bytes = Buffer.from(text, 'utf8');
    // A byte that is not UTF-8 in row 3001: a problem of that row only.
    const bad = bytes.indexOf('PO-3001,');
    bytes[bad + 4] = 0xff;
    const pieces = textPieces(bytes, true);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(bytes.toString('utf8'));
    const whole = plain(decideChunk(setup, bytes.toString('utf8')));
    const result = plain(decideChunkBytes(setup, bytes));
    expect(result.count).toBe(4000);
    expect({ ...result, problems: [] }).toEqual({ ...whole, problems: [] });
    // On the line its record starts on (rows before it hold line ends in quotes).
    expect(result.problems.map((p) => p.line)).toEqual([countLines(text.slice(0, text.indexOf('PO-3001,')))]);
    expect(result.problems[0]!.line).toBeGreaterThan(3001);
  });

  test('a ledger over a chunk with a quote inside an unquoted field: every row read, as in chunks of 1 KB', async () => {
    // Before, the reader took `27" monitor` to open a quoted field and cut the next chunk inside
    // a real one: "a quoted field is not closed" on rows further on, exit 2.
    const rows = ['id,memberId,date,amount,supplyKind,vendorId,description'];
    for (let i = 0; i < 6000; i++) rows.push(`PO-${i},alder-usd,2025-08-${String(1 + (i % 28)).padStart(2, '0')},${100 + (i % 997)}.25,goods,v-${i % 9},${descriptions[i % descriptions.length]}`);
    const file = join(scratch, 'monitor.csv');
    writeFileSync(file, rows.join('\r\n') + '\r\n');
    const whole = await run(file, undefined);
    expect(JSON.parse(whole).report.purchaseCount).toBe(6000);
    expect(await run(file, 1024)).toBe(whole);
  });

  test('JSON Lines with lone CRs', () => {
    const { setup } = buildLedgerSetup({ packs: undefined, members, contracts: undefined, format: 'jsonl', reuseDecisions: true });
    const rows: string[] = [];
    for (let i = 0; i < 3000; i++) rows.push(JSON.stringify({ id: `PO-${i}`, memberId: 'alder-usd', date: '2025-09-02', amount: `${50 + (i % 300)}.10`, supplyKind: 'goods', vendorId: `v-${i % 5}`, description: descriptions[i % descriptions.length] }));
    const text = rows.join('\r') + '\r';
    const bytes = Buffer.from(text, 'utf8');
    expect(textPieces(bytes, false).length).toBeGreaterThan(3);
    const result = plain(decideChunkBytes(setup, bytes));
    expect(result.count).toBe(3000);
    expect(result).toEqual(plain(decideChunk(setup, text)));
  });
});

describe('a ledger format by name, and on standard input by its first bytes', () => {
  const head = (text: string): Buffer => Buffer.from(text, 'utf8');
  test('named files by extension; `-` by what its text opens with', () => {
    expect(ledgerFormatOf('fy26.CSV', head('{"id":'))).toBe('csv');
    expect(ledgerFormatOf('fy26.ndjson', head('{"id":'))).toBe('jsonl');
    expect(ledgerFormatOf('fy26.json', head('\ufeff  [{"id":'))).toBe('json');
    expect(ledgerFormatOf('fy26.json', head('{"id":"PO-1"}\n{"id":"PO-2"}'))).toBe('json');
    expect(ledgerFormatOf('fy26.txt', head('id,memberId'))).toBeUndefined();
    expect(ledgerFormatOf('-', head('\n [\n  {"id":'))).toBe('json');
    expect(ledgerFormatOf('-', head('{\n  "purchases": [\n'))).toBe('json');
    expect(ledgerFormatOf('-', head('\ufeff{ "purchases" : ['))).toBe('json');
    expect(ledgerFormatOf('-', head('{"id":"PO-1","memberId":"alder-usd"}\n'))).toBe('jsonl');
    expect(ledgerFormatOf('-', head('{"id":"PO-1","memberId":"alder-usd"}\r\n{"id":"PO-2"'))).toBe('jsonl');
    expect(ledgerFormatOf('-', head('{"id":"PO-1","memberId":"alder-usd"}'))).toBe('jsonl');
    // A document whose first key is not "purchases" (an export's header), pretty or on one line.
    expect(ledgerFormatOf('-', head('{\n  "exportedAt": "2026-07-02",\n  "purchases": [\n'))).toBe('json');
    expect(ledgerFormatOf('-', head('{"exportedAt":"2026-07-02","purchases":[{"id":"PO-1"}]}\n'))).toBe('json');
    expect(ledgerFormatOf('-', head('{"exportedAt":"2026-07-02","purchases":[{"id":"PO-1"},'))).toBe('json');
    expect(ledgerFormatOf('-', head('{ "exportedAt": "2026-07-02",\r\n  "purchases": [\r\n'))).toBe('json');
    // JSON Lines with lone CR line ends, a first line longer than what was read, a bad first row.
    expect(ledgerFormatOf('-', head('{"id":"PO-1","memberId":"alder-usd"}\r{"id":"PO-2"}\r'))).toBe('jsonl');
    expect(ledgerFormatOf('-', head(`{"id":"PO-1","description":"${'x'.repeat(1000)}`))).toBe('jsonl');
    expect(ledgerFormatOf('-', head('{"id": "PO-1", amount: 12}\n{"id":"PO-2"}\n'))).toBe('jsonl');
    expect(ledgerFormatOf('-', head("{'id': 'PO-1'}\n"))).toBe('jsonl');
    expect(ledgerFormatOf('-', head('{"id":"J0",\n{"id":"J1"}\n'))).toBe('jsonl');
    // A document that opens a list or an object before its purchases, one object a line.
    expect(ledgerFormatOf('-', head('{"source": [\n  {"system": "erp", "exportedAt": "2025-11-30"}\n],\n"purchases": [\n'))).toBe('json');
    expect(ledgerFormatOf('-', head('{"meta":\n {"id":"v"},\n "purchases": [\n'))).toBe('json');
    expect(ledgerFormatOf('-', head('{"note": "a, \\"quoted\\" [list",\n{"id":"J1"}\n'))).toBe('jsonl');
    expect(ledgerFormatOf('-', head('{"exportedAt": "2026-07-02", "purchases": [\n{"id":"PO-1"},\n'))).toBe('json');
    expect(ledgerFormatOf('-', head('id,memberId,date\r\n'))).toBe('csv');
    expect(ledgerFormatOf('-', head(''))).toBe('csv');
  });
});
