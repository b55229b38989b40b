// The heap audit-ledger's thread gets for a ledger's (member, supply kind, vendor) groups
// (src/cli/ledger/heap.ts): room when the sample shows a new vendor on nearly every row, none when
// its groups stop growing.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
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
