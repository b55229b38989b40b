import type { Purchase } from './src/index.js';
import { parsePurchase } from './src/eligibility/parse-input.js';
import { moneyToCents } from './src/thresholds/threshold-table.js';
import { toDayNumber } from './src/dates/calendar-date.js';
const kinds: Purchase['supplyKind'][] = ['goods', 'services', 'public-works', 'professional-services'];
let seed = 42;
const next = (): number => { seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff; return seed; };
const out: Purchase[] = [];
for (let i = 0; i < 1_000_000; i++) {
  const day = 1 + (next() % 28), month = 1 + (next() % 12), year = 2023 + (next() % 3);
  out.push({ id: `po-${i}`, memberId: `m-${next() % 2000}`, date: `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`, amount: `${next() % 60000}.${String(next() % 100).padStart(2, '0')}`, supplyKind: kinds[next() % 4]!, vendorId: `v-${next() % 50}` });
}
let t = performance.now();
for (let i = 0; i < out.length; i++) parsePurchase(out[i], '$');
console.log('parse', performance.now() - t);
t = performance.now();
let s = 0; for (let i = 0; i < out.length; i++) s += moneyToCents(out[i]!.amount);
console.log('cents', performance.now() - t);
t = performance.now();
const dc = new Map<string, number>();
for (let i = 0; i < out.length; i++) { const d = out[i]!.date; let x = dc.get(d); if (x === undefined) { x = toDayNumber(d); dc.set(d, x); } s += x; }
console.log('days', performance.now() - t);
t = performance.now();
const b = new Map<string, Map<string | undefined, Map<string, number[]>>>();
for (let i = 0; i < out.length; i++) { const p = out[i]!; let v = b.get(p.memberId); if (!v) b.set(p.memberId, (v = new Map())); let k = v.get(p.vendorId); if (!k) v.set(p.vendorId, (k = new Map())); const l = k.get(p.supplyKind); if (l) l.push(i); else k.set(p.supplyKind, [i]); }
console.log('buckets', performance.now() - t);
