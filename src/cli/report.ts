// Plain-text reports for people; --json gives the decisions unchanged.
import type { Finding } from '../decision.js';
import type { Pace } from '../index.js';
import type { LedgerReport } from './ledger.js';
import { Dec } from '../money/decimal.js';

type Eligibility = ReturnType<Pace['checkEligibility']>;
type Method = ReturnType<Pace['procurementMethod']>;
type Checklist = ReturnType<Pace['auditChecklist']>;
type Quote = ReturnType<Pace['quote']>;
type GroupBuy = ReturnType<Pace['quoteGroupBuy']>;

const MARK: Record<Finding['severity'], string> = { block: 'BLOCK', warn: 'WARN ', info: 'info ' };

function findings(list: readonly Finding[], indent = '  '): string[] {
  return list.map((f) => `${indent}${MARK[f.severity]} ${f.message}${f.citation ? ` (${f.citation})` : ''} [${f.code}]`);
}

function table(headers: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const dollars = (m: string): string => {
  const [whole, cents] = m.replace('-', '').split('.');
  return `${m.startsWith('-') ? '-' : ''}$${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents ?? '00'}`;
};

export function renderCheck(input: { file: string; eligibility: Eligibility | undefined; method: Method; checklist: Checklist; blocked: boolean }): string {
  const { eligibility, method, checklist } = input;
  const out: string[] = [`pace-rules check ${input.file}`, `rules ${method.rulesVersion}`, ''];
  if (eligibility) {
    out.push(`Eligibility: ${eligibility.eligible ? 'ELIGIBLE' : 'NOT ELIGIBLE'}`, ...findings(eligibility.findings), '');
  } else out.push('Eligibility: no contract given', '');
  out.push(`Procurement method: ${method.method}${method.requiresFormalBid ? ' (a formal bid would be required without a usable contract)' : ''}`);
  out.push(
    ...table(
      ['threshold', 'amount', 'rule', 'applies', 'exceeded', 'citation'],
      method.thresholds.map((t) => [t.id, t.amount === null ? 'unknown' : dollars(String(t.amount)), t.comparison, t.applies ? 'yes' : 'no', t.exceeded ? 'yes' : 'no', t.citation]),
      new Set([1]),
    ).map((l) => `  ${l}`),
    ...findings(method.findings),
    '',
  );
  out.push(`Audit file: ${checklist.complete ? 'complete' : `${checklist.missing.length} missing`}`);
  for (const item of checklist.items.filter((i) => i.status !== 'not-applicable')) {
    out.push(`  [${item.status === 'on-file' ? 'x' : ' '}] ${item.id}: ${item.title} (${item.citation})`);
  }
  out.push(...findings(checklist.findings), '', input.blocked ? 'Result: BLOCKED (exit 1)' : 'Result: clear (exit 0)');
  return `${out.join('\n')}\n`;
}

export function renderQuote(input: { file: string; quote?: Quote; group?: GroupBuy }): string {
  const out: string[] = [`pace-rules quote ${input.file}`];
  const lines = (q: Quote): string[] =>
    table(
      ['sku', 'qty', 'unit price', 'extended', 'savings'],
      q.lines.map((l) => [l.sku, String(l.quantity), String(l.unitPrice), dollars(l.extended), l.savings !== undefined ? dollars(l.savings) : '']),
      new Set([1, 2, 3, 4]),
    );
  if (input.quote) {
    const q = input.quote;
    out.push(`contract ${q.contractId}, schedule ${q.priceScheduleId}, ${q.currency}`, `rules ${q.rulesVersion}`, '', ...lines(q), '', `Subtotal: ${dollars(q.subtotal)}`, `Savings off list: ${dollars(q.savings)}`, ...findings(q.findings));
  }
  if (input.group) {
    const g = input.group;
    out.push(`group buy, rules ${g.rulesVersion}`, '', 'Pooled tier quantities: ' + Object.entries(g.tierQuantities).map(([sku, q]) => `${sku} ${String(q)}`).join(', '), '');
    out.push(
      ...table(
        ['member', 'subtotal', 'shared costs', 'total', 'alone', 'saved'],
        g.members.map((m) => [m.memberId, dollars(m.quote.subtotal), dollars(m.sharedCosts.reduce((a, c) => a.plus(String(c.amount)), new Dec(0)).toFixed(2)), dollars(m.total), dollars(m.soloTotal), dollars(m.savingsVsSolo)]),
        new Set([1, 2, 3, 4, 5]),
      ),
      '',
      `Group total: ${dollars(g.total)}`,
      ...findings(g.findings),
    );
  }
  return `${out.join('\n')}\n`;
}

export function renderLedger(r: LedgerReport): string {
  const out: string[] = [`pace-rules audit-ledger ${r.file}`, `rules ${r.rulesVersion}`, `${r.purchaseCount} purchase orders, ${dollars(r.total)}; split window: ${r.window === 'fiscal-year' ? 'fiscal year (July 1 - June 30)' : `chained, gaps of at most ${r.window.days} days`}`, ''];
  out.push(
    ...table(
      ['member', 'name', 'POs', 'total', 'needed bid', 'missing docs', 'split groups'],
      r.members.map((m) => [m.memberId, m.name, String(m.purchases), dollars(m.total), String(m.neededBid), String(m.missingDocuments), String(m.splitGroups)]),
      new Set([2, 3, 4, 5, 6]),
    ),
    '',
  );
  if (r.splitPurchases.length > 0) {
    out.push('Possible split purchases (each under the limit, together over it):');
    for (const g of r.splitPurchases) out.push(`  ${g.memberId} / ${g.vendorId ?? 'no vendor'} / ${g.supplyKind}: ${g.purchaseIds.join(', ')} = ${dollars(g.total)} over ${dollars(g.threshold)} (${g.from} to ${g.to}; ${g.citation})`);
    out.push('');
  }
  if (r.neededBid.length > 0) {
    out.push('Purchases that needed a formal bid (no usable cooperative contract, no bid on file):');
    for (const p of r.neededBid) out.push(`  ${p.purchaseId} (${p.where}) ${p.memberId} ${dollars(p.amount)}`);
    out.push('');
  }
  if (r.missingDocuments.length > 0) {
    out.push('Missing documents:');
    for (const p of r.missingDocuments.slice(0, 50)) out.push(`  ${p.purchaseId} (${p.where}): ${p.missing.join(', ')}`);
    if (r.missingDocuments.length > 50) out.push(`  ... and ${r.missingDocuments.length - 50} more (use --json for all)`);
    out.push('');
  }
  if (r.unknownContracts.length > 0) out.push(`${r.unknownContracts.length} purchase(s) cite a contract not in the contracts file; they were checked without it.`, '');
  out.push(r.blocked ? 'Result: needs action (exit 1)' : 'Result: clear (exit 0)');
  return `${out.join('\n')}\n`;
}
