// The heap audit-ledger's thread gets for a ledger's (member, supply kind, vendor) groups
// (src/cli/ledger/heap.ts): room when the sample shows a new vendor on nearly every row, none when
// its groups stop growing.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupsHeapMb } from '../../src/cli/ledger/heap.js';

const dir = mkdtempSync(join(tmpdir(), 'pace-heap-'));
const members = ['alder-usd', 'birch-esd', 'cedar-charter'];
const row = (i: number, vendor: string): string => `PO-${i},${members[i % 3]},2025-09-02,1200.00,goods,${vendor},board-authorization`;
const write = (name: string, text: string): { file: string; bytes: number } => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, bytes: statSync(file).size };
};

describe('groupsHeapMb', () => {
  it('gives room for a vendor of its own on every row, about 800 bytes a group over the whole file', () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => row(i, `v-${i}`));
    const { file, bytes } = write('distinct.csv', `id,memberId,date,amount,supplyKind,vendorId,documents\n${rows.join('\n')}\n`);
    const mb = groupsHeapMb(file, bytes);
    // (the rows after the 2 MB sample, each a new group)
    const after = 120_000 * (1 - (2 << 20) / bytes);
    expect(mb).toBeGreaterThanOrEqual(Math.floor((after * 800) / 2 ** 20) - 1);
    expect(mb).toBeLessThanOrEqual(Math.ceil((120_000 * 800) / 2 ** 20));
    const jsonl = write('distinct.jsonl', `${Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ id: `PO-${i}`, memberId: members[i % 3], supplyKind: 'goods', vendorId: `v-${i}` })).join('\n')}\n`);
    expect(groupsHeapMb(jsonl.file, jsonl.bytes)).toBeGreaterThan(0);
  });
  it('counts the groups as the fields read as text would, whatever the line ends, a BOM, quoted column names, or how a JSON line writes its values', () => {
    // What the estimate did with strings (split into lines and fields, each JSON line parsed): the
    // same figure, read from bytes.
    const asText = (file: string, bytes: number): number => {
      const sample = readFileSync(file).subarray(0, 2 << 20);
      const lines = sample.toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
      if (sample.length < bytes) lines.pop();
      let groupOf: (line: string) => string;
      if (file.endsWith('.csv')) {
        const header = lines.shift()!.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
        const [m, k, v] = ['memberId', 'supplyKind', 'vendorId'].map((c) => header.indexOf(c)) as [number, number, number];
        groupOf = (line) => `${line.split(',')[m]}\u0000${line.split(',')[k]}\u0000${v < 0 ? '' : line.split(',')[v]}`;
      } else {
        groupOf = (line) => {
          const p = JSON.parse(line) as Record<string, unknown>;
          return `${String(p['memberId'])}\u0000${String(p['supplyKind'])}\u0000${String(p['vendorId'])}`;
        };
      }
      const rows = lines.filter((l) => l.trim() !== '');
      const half = rows.length >> 1;
      const groups = new Set(rows.slice(0, half).map(groupOf));
      const before = groups.size;
      for (const r of rows.slice(half)) groups.add(groupOf(r));
      const rowsAfter = (bytes / sample.length - 1) * rows.length;
      return Math.min(2048, Math.ceil((((groups.size - before) / (rows.length - half)) * rowsAfter * 800) / 2 ** 20));
    };
    // A new vendor on every third row.
    const rows = Array.from({ length: 120_000 }, (_, i) => row(i, `v-${i % 3 === 0 ? i : 7}`));
    const header = 'id,memberId,date,amount,supplyKind,vendorId,documents';
    const quoted = header.split(',').map((h) => `"${h}"`).join(',');
    // The vendor as a string with an escaped quote, spaced out, a number, or missing.
    const json = (i: number, vendor: unknown, space?: number): string => JSON.stringify({ id: `PO-${i}`, memberId: members[i % 3], ...(vendor === undefined ? {} : { vendorId: vendor }), supplyKind: 'goods' }, null, space).replace(/\n/g, '');
    const files = [
      write('lf.csv', `${header}\n${rows.join('\n')}\n`),
      write('crlf.csv', `\uFEFF${quoted}\r\n${rows.join('\r\n')}\r\n`),
      write('cr.csv', `${header}\r${rows.join('\r')}\r`),
      write('blank-lines.csv', `${header}\n${rows.join('\n \n')}\n`),
      write('no-vendor.csv', `id,memberId,date,amount,supplyKind\n${Array.from({ length: 120_000 }, (_, i) => `PO-${i},m-${i},2025-09-02,1.00,goods`).join('\n')}\n`),
      write('plain.jsonl', `${Array.from({ length: 60_000 }, (_, i) => json(i, i % 3 === 0 ? `v-${i}` : 'v')).join('\n')}\n`),
      write('escaped.jsonl', `${Array.from({ length: 60_000 }, (_, i) => json(i, i % 3 === 0 ? `v-"${i}\\` : i % 3 === 1 ? 7 : undefined, i % 2)).join('\n')}\n`),
    ];
    for (const { file, bytes } of files) {
      const expected = asText(file, bytes);
      expect(expected).toBeGreaterThan(5);
      expect([file, groupsHeapMb(file, bytes)]).toEqual([file, expected]);
    }
  });
  it('gives none when the groups stop growing, for a JSON document, a small file or one it cannot read', () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => row(i, `v-${i % 50}`));
    const repeated = write('repeated.csv', `id,memberId,date,amount,supplyKind,vendorId,documents\n${rows.join('\n')}\n`);
    expect(groupsHeapMb(repeated.file, repeated.bytes)).toBe(0);
    const document = write('document.json', JSON.stringify(Array.from({ length: 30_000 }, (_, i) => ({ id: `PO-${i}`, vendorId: `v-${i}` }))));
    expect(groupsHeapMb(document.file, document.bytes)).toBe(0);
    const small = write('small.csv', `id,memberId,date,amount,supplyKind,vendorId\n${row(1, 'v-1')}\n`);
    expect(groupsHeapMb(small.file, small.bytes)).toBe(0);
    expect(groupsHeapMb(join(dir, 'missing.csv'), 50 << 20)).toBe(0);
  });
});
