/**
 * Compliance benchmarks: checkEligibility and procurementMethod with trace on a prepared contract
 * (target >= 200,000 decisions/s each), the procurement method and audit file of a purchase without
 * trace as two calls and as one checkPurchase (the ledger's per-row work), findSplitPurchases on 1,000,000 generated purchases
 * (target under 3 s).
 */
import os from 'node:os';
import { createPace, type Purchase } from '../src/index.js';
import { prepareContract } from '../src/contracts/prepare-contract.js';
import { contract, district, purchase } from '../test/compliance/fixtures.js';
import { consume, formatRate, measure, timeOnce } from './harness.js';

function generatePurchases(n: number): Purchase[] {
  const kinds: Purchase['supplyKind'][] = ['goods', 'services', 'public-works', 'professional-services'];
  const out: Purchase[] = new Array<Purchase>(n);
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed;
  };
  for (let i = 0; i < n; i++) {
    const day = 1 + (next() % 28);
    const month = 1 + (next() % 12);
    const year = 2023 + (next() % 3);
    const p: Purchase = {
      id: `po-${i}`,
      memberId: `m-${next() % 2000}`,
      date: `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`,
      amount: `${next() % 60000}.${String(next() % 100).padStart(2, '0')}`,
      supplyKind: kinds[next() % 4]!,
      vendorId: `v-${next() % 50}`,
    };
    if (next() % 10 === 0) p.contractId = 'c-tech';
    out[i] = p;
  }
  return out;
}

export function run(): void {
  const pace = createPace();
  const prepared = prepareContract(contract);
  const eligibilityInput = { member: district, contract: prepared, asOf: '2025-03-01', purchase };
  const e = measure('checkEligibility (trace, prepared contract)', (n) => {
    for (let i = 0; i < n; i++) consume(pace.checkEligibility(eligibilityInput).trace.length);
  });
  const methodInput = { member: district, purchase: { ...purchase, amount: '150000.00' }, contract: prepared };
  const m = measure('procurementMethod (trace, prepared contract)', (n) => {
    for (let i = 0; i < n; i++) consume(pace.procurementMethod(methodInput).trace.length);
  });
  const noContract = { member: district, purchase: { ...purchase, contractId: undefined, amount: '150000.00', funding: [{ source: 'federal' as const, amount: '150000.00' }] } };
  const m2 = measure('procurementMethod (trace, no contract, federal money)', (n) => {
    for (let i = 0; i < n; i++) consume(pace.procurementMethod(noContract).thresholds.length);
  });
  for (const r of [e, m, m2]) console.log(`${r.name}: ${formatRate(r.opsPerSecond)} decisions/s (min ${formatRate(r.min)}, max ${formatRate(r.max)}; target >= 200,000)`);
  // A ledger row: the procurement method and the audit file, without trace, as two calls and as
  // one checkPurchase (which parses the input and derives the facts and thresholds once).
  const off = { trace: false };
  const pair = measure('procurementMethod + auditChecklist (no trace, prepared contract)', (n) => {
    for (let i = 0; i < n; i++) consume(pace.procurementMethod(methodInput, off).findings.length + pace.auditChecklist(methodInput, off).items.length);
  });
  const combined = measure('checkPurchase (no trace, prepared contract)', (n) => {
    for (let i = 0; i < n; i++) consume(pace.checkPurchase(methodInput, off).auditChecklist.items.length);
  });
  for (const r of [pair, combined]) console.log(`${r.name}: ${formatRate(r.opsPerSecond)} purchases/s (min ${formatRate(r.min)}, max ${formatRate(r.max)})`);
  // Wall time suffers when other processes share the CPU; CPU time of this process shows the cost itself.
  const cpuRate = (run: () => unknown, n: number): number => {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) consume(run());
    const used = process.cpuUsage(before);
    return n / ((used.user + used.system) / 1e6);
  };
  console.log(`per CPU-second of this process: checkEligibility ${formatRate(cpuRate(() => pace.checkEligibility(eligibilityInput).trace.length, 300_000))}, procurementMethod ${formatRate(cpuRate(() => pace.procurementMethod(methodInput).trace.length, 300_000))} decisions/s (load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs)`);
  console.log(`per CPU-second of this process, no trace: procurementMethod + auditChecklist ${formatRate(cpuRate(() => pace.procurementMethod(methodInput, off).findings.length + pace.auditChecklist(methodInput, off).items.length, 200_000))}, checkPurchase ${formatRate(cpuRate(() => pace.checkPurchase(methodInput, off).auditChecklist.items.length, 200_000))} purchases/s`);

  const purchases = generatePurchases(1_000_000);
  let groups = 0;
  const t = timeOnce('findSplitPurchases, 1,000,000 purchases', () => {
    groups = pace.findSplitPurchases(purchases).length;
    return groups;
  }, 3);
  console.log(`${t.name}: median ${t.medianMs.toFixed(0)} ms (min ${t.minMs.toFixed(0)}, max ${t.maxMs.toFixed(0)}; target < 3,000 ms); ${groups} groups reported`);
  const t2 = timeOnce('findSplitPurchases, 1,000,000 purchases, 30-day window', () => pace.findSplitPurchases(purchases, { window: { days: 30 } }).length, 3);
  console.log(`${t2.name}: median ${t2.medianMs.toFixed(0)} ms (min ${t2.minMs.toFixed(0)}, max ${t2.maxMs.toFixed(0)}; target < 3,000 ms)`);
}
