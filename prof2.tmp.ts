import { createPace, type Purchase } from './src/index.js';
const pace = createPace();
const kinds: Purchase['supplyKind'][] = ['goods', 'services', 'public-works', 'professional-services'];
let seed = 42;
const next = (): number => { seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff; return seed; };
const out: Purchase[] = [];
let t = performance.now();
for (let i = 0; i < 1_000_000; i++) {
  const day = 1 + (next() % 28), month = 1 + (next() % 12), year = 2023 + (next() % 3);
  out.push({ id: `po-${i}`, memberId: `m-${next() % 2000}`, date: `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`, amount: `${next() % 60000}.${String(next() % 100).padStart(2, '0')}`, supplyKind: kinds[next() % 4]!, vendorId: `v-${next() % 50}` });
}
console.log('gen', performance.now() - t);
t = performance.now();
pace.findSplitPurchases(out);
console.log('split', performance.now() - t);
