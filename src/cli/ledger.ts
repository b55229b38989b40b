// audit-ledger: a fiscal year of purchase orders checked at once, through the public API only.
import type { Pace } from '../index.js';
import { Dec } from '../money/decimal.js';
import { InputError, explainInputError, type LedgerRow } from './input.js';

/** What `pace-rules audit-ledger` reports. */
export interface LedgerReport {
  file: string;
  rulesVersion: string;
  window: 'fiscal-year' | { days: number };
  purchaseCount: number;
  total: string;
  members: { memberId: string; name: string; purchases: number; total: string; neededBid: number; missingDocuments: number; splitGroups: number }[];
  neededBid: { purchaseId: string; memberId: string; amount: string; method: string; where: string }[];
  missingDocuments: { purchaseId: string; memberId: string; missing: string[]; where: string }[];
  splitPurchases: ReturnType<Pace['findSplitPurchases']>;
  unknownContracts: { purchaseId: string; contractId: string; where: string }[];
  /** True when anything needs action: a purchase that needed a bid, or split purchases. */
  blocked: boolean;
}

interface LedgerInput {
  file: string;
  rows: LedgerRow[];
  members: unknown;
  membersFile: string;
  contracts: unknown;
  contractsFile: string;
  window: 'fiscal-year' | { days: number };
  progress?: (done: number, total: number) => void;
}

function listOf(json: unknown, key: string, file: string): Record<string, unknown>[] {
  const list = Array.isArray(json) ? json : (json as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new InputError(`${file}: expected a JSON array of ${key} (or { "${key}": [...] })`);
  list.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'string') throw new InputError(`${file}: $[${i}].id: expected an object with a string id`);
  });
  return list as Record<string, unknown>[];
}

/** Checks every purchase of a ledger and finds split purchases. @internal */
export function auditLedger(pace: Pace, input: LedgerInput): LedgerReport {
  const members = new Map(listOf(input.members, 'members', input.membersFile).map((m) => [m['id'] as string, m]));
  const contracts = new Map(listOf(input.contracts, 'contracts', input.contractsFile).map((c) => [c['id'] as string, pace.prepareContract(c)]));
  const perMember = new Map<string, LedgerReport['members'][number]>();
  const report: LedgerReport = {
    file: input.file,
    rulesVersion: pace.rulesVersion,
    window: input.window,
    purchaseCount: input.rows.length,
    total: '0.00',
    members: [],
    neededBid: [],
    missingDocuments: [],
    splitPurchases: [],
    unknownContracts: [],
    blocked: false,
  };
  let total = new Dec(0);
  const purchases: unknown[] = [];
  const seenIds = new Map<string, string>();
  input.rows.forEach((row, index) => {
    const p = row.purchase;
    const id = String(p['id'] ?? '');
    const earlier = seenIds.get(id);
    if (earlier) throw new InputError(`${input.file}: ${row.where}: purchase id ${JSON.stringify(id)} is used twice (also at ${earlier})`);
    seenIds.set(id, row.where);
    const memberId = String(p['memberId'] ?? '');
    const member = members.get(memberId);
    if (!member) throw new InputError(`${input.file}: ${row.where}: memberId ${JSON.stringify(memberId)} is not in ${input.membersFile}`);
    const contractId = typeof p['contractId'] === 'string' ? p['contractId'] : undefined;
    const contract = contractId !== undefined ? contracts.get(contractId) : undefined;
    if (contractId !== undefined && !contract) report.unknownContracts.push({ purchaseId: id, contractId, where: row.where });
    try {
      const method = pace.procurementMethod({ member, purchase: p, ...(contract ? { contract } : {}) } as never);
      const checklist = pace.auditChecklist({ member, purchase: p, ...(contract ? { contract } : {}) } as never);
      const amount = new Dec(String(p['amount']));
      total = total.plus(amount);
      const entry = perMember.get(memberId) ?? { memberId, name: String(member['name'] ?? memberId), purchases: 0, total: '0.00', neededBid: 0, missingDocuments: 0, splitGroups: 0 };
      entry.purchases++;
      entry.total = new Dec(entry.total).plus(amount).toFixed(2);
      const hasOwnBid = Array.isArray(p['documents']) && (p['documents'] as { kind?: unknown }[]).some((d) => d.kind === 'formal-bid');
      if (method.method === 'formal-bid' && !hasOwnBid) {
        entry.neededBid++;
        report.neededBid.push({ purchaseId: id, memberId, amount: amount.toFixed(2), method: method.method, where: row.where });
      }
      if (checklist.missing.length > 0) {
        entry.missingDocuments++;
        report.missingDocuments.push({ purchaseId: id, memberId, missing: [...checklist.missing], where: row.where });
      }
      perMember.set(memberId, entry);
      purchases.push(p);
    } catch (e) {
      explainInputError(e, input.file, row.where);
    }
    input.progress?.(index + 1, input.rows.length);
  });
  report.splitPurchases = pace.findSplitPurchases(purchases as never, { window: input.window });
  for (const group of report.splitPurchases) {
    const entry = perMember.get(group.memberId);
    if (entry) entry.splitGroups++;
  }
  report.total = total.toFixed(2);
  report.members = [...perMember.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  report.blocked = report.neededBid.length > 0 || report.splitPurchases.length > 0;
  return report;
}
