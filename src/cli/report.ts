// Plain-text reports for people; --json gives the decisions unchanged.
import type { Finding, Pace } from '../index.js';
import type { LedgerReport, LedgerRun } from './ledger/audit-ledger.js';
import { printable } from './safe-text.js';
import type { KeptSplitGroup } from './ledger/split-buckets.js';
import { bidLimitInWords } from './ledger/bid-limit.js';

type Eligibility = ReturnType<Pace['checkEligibility']>;
type Method = ReturnType<Pace['procurementMethod']>;
type Checklist = ReturnType<Pace['auditChecklist']>;
type Quote = ReturnType<Pace['quote']>;
type GroupBuy = ReturnType<Pace['quoteGroupBuy']>;

const MARK: Record<Finding['severity'], string> = { block: 'BLOCK', warn: 'WARN ', info: 'info ' };

export function findings(list: readonly Finding[], indent = '  '): string[] {
  return list.map((f) => `${indent}${MARK[f.severity]} ${printable(f.message)}${f.citation ? ` (${printable(f.citation)})` : ''} [${printable(f.code)}]`);
}

export function table(headers: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export const dollars = (m: string): string => {
  const [whole, cents] = m.replace('-', '').split('.');
  return `${m.startsWith('-') ? '-' : ''}$${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents ?? '00'}`;
};

/** A threshold in words: "$114,800.00 state bid limit (more than): applies; not exceeded". */
function thresholdInWords(t: Method['thresholds'][number]): string {
  const comparison = t.comparison === '>' ? 'more than' : t.comparison === '>=' ? 'at or over' : 'up to';
  const state = !t.applies ? 'does not apply to this purchase' : t.exceeded ? `applies, and this purchase is ${t.comparison === '<=' ? 'over' : 'past'} it` : `applies; this purchase is within it`;
  return `${t.amount === null ? 'unknown amount' : dollars(String(t.amount))} (${comparison}; ${printable(t.citation)}) [${printable(t.id)}]: ${state}`;
}

export function renderCheck(input: { file: string; eligibility: Eligibility | undefined; method: Method; checklist: Checklist; blocked: boolean }): string {
  const { eligibility, method, checklist } = input;
  const out: string[] = [`pace-rules check ${printable(input.file)}`, `rules ${printable(method.rulesVersion)}`, ''];
  // The same finding can come from several decisions (a contract not in force is both an
  // eligibility and a procurement finding): print it once, where it first appears.
  const seen = new Set<string>();
  const once = (list: readonly Finding[]): Finding[] =>
    list.filter((f) => {
      const key = `${f.severity}\u0000${f.code}\u0000${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  if (eligibility) {
    out.push(`Eligibility: ${eligibility.eligible ? 'ELIGIBLE to use the contract' : 'NOT ELIGIBLE to use the contract'}`, ...findings(once(eligibility.findings)), '');
  } else out.push('Eligibility: no contract given', '');
  out.push(`Procurement method: ${method.method}${method.requiresFormalBid ? ' (a formal bid would be required without a usable contract)' : ''}`);
  const applying = method.thresholds.filter((t) => t.applies);
  out.push(`  Thresholds that apply (${applying.length} of ${method.thresholds.length} consulted; --json lists all):`);
  for (const t of applying) out.push(`    ${thresholdInWords(t)}`);
  out.push(...findings(once(method.findings)), '');
  const required = checklist.items.filter((i) => i.status !== 'not-applicable');
  const missingRequired = checklist.items.filter((i) => i.status === 'missing' && i.required);
  out.push(`Audit file: ${checklist.complete ? 'complete' : `${checklist.missing.length} document${checklist.missing.length === 1 ? '' : 's'} missing`}`);
  for (const item of required) {
    out.push(`  [${item.status === 'on-file' ? 'x' : ' '}] ${printable(item.title)} (${printable(item.citation)}) [${printable(item.id)}]${item.status === 'missing' ? (item.required ? ' MISSING' : ' missing (recommended)') : ''}`);
  }
  out.push(...findings(once(checklist.findings)), '');
  if (input.blocked) out.push('Result: BLOCKED: a finding above blocks this purchase (exit 1)');
  else {
    out.push('Result: clear: no finding blocks this purchase (exit 0).');
    if (missingRequired.length > 0) out.push(`        The audit file is not complete: ${missingRequired.length} required document${missingRequired.length === 1 ? '' : 's'} missing (${missingRequired.map((i) => printable(i.title)).join('; ')}); file ${missingRequired.length === 1 ? 'it' : 'them'} before the audit.`);
  }
  return `${out.join('\n')}\n`;
}

/** Whole cents of a library money string (`"-12.50"`), as a bigint: sums stay exact. */
function centsOf(m: string): bigint {
  const negative = m.startsWith('-');
  const [whole, frac = ''] = m.replace('-', '').split('.');
  const cents = BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -cents : cents;
}

/** A money string (`"-12.50"`) of whole cents. */
function moneyOf(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Labelled amounts, the amounts right-aligned in one column. */
function amounts(rows: readonly (readonly [label: string, amount: string])[], indent = ''): string[] {
  const labelWidth = Math.max(...rows.map(([l]) => l.length)) + 1;
  const amountWidth = Math.max(...rows.map(([, a]) => a.length));
  return rows.map(([l, a]) => `${indent}${`${l}:`.padEnd(labelWidth)}  ${a.padStart(amountWidth)}`);
}

type Line = Quote['lines'][number];

/** The priced lines: a column for line ids, ship-to sites, accounts and savings only when some line has one. */
function quoteLines(q: Quote): string[] {
  const has = (key: keyof Line): boolean => q.lines.some((l) => l[key] !== undefined);
  const columns: (readonly [header: string, cell: (l: Line, i: number) => string, right: boolean])[] = [
    ['line', (_, i) => String(i + 1), true],
    ...(has('lineId') ? [['line id', (l: Line) => printable(l.lineId ?? ''), false] as const] : []),
    ['sku', (l) => printable(l.sku), false],
    ...(has('shipTo') ? [['ship to', (l: Line) => printable(l.shipTo ?? ''), false] as const] : []),
    ...(has('account') ? [['account', (l: Line) => printable(l.account ?? ''), false] as const] : []),
    ['qty', (l) => String(l.quantity), true],
    ['unit price', (l) => String(l.unitPrice), true],
    ['extended', (l) => dollars(l.extended), true],
    ...(has('savings') ? [['savings', (l: Line) => (l.savings !== undefined ? dollars(l.savings) : ''), true] as const] : []),
  ];
  return table(
    columns.map(([h]) => h),
    q.lines.map((l, i) => columns.map(([, cell]) => cell(l, i))),
    new Set(columns.flatMap(([, , right], c) => (right ? [c] : []))),
  );
}

/** The line a fee is for: fees follow the covered lines in order, one per line at most. */
function feeLines(q: Quote): (number | undefined)[] {
  let next = 0;
  return q.fees.map((f) => {
    for (let i = next; i < q.lines.length; i++) {
      const l = q.lines[i]!;
      if (l.sku === f.sku && l.quantity === f.quantity && l.lineId === f.lineId) {
        next = i + 1;
        return i;
      }
    }
    return undefined;
  });
}

/** Subtotal, each charge, each fee, tax and total, as --json has them; savings when a list price is known. */
function quoteTotals(q: Quote): string[] {
  const rows: [string, string][] = [['Subtotal', dollars(q.subtotal)]];
  q.charges.forEach((c, i) => {
    const what = [printable(c.kind), ...(c.description !== undefined ? [printable(c.description)] : [])].join(': ');
    const terms = c.allowed ? '' : `, NOT ALLOWED${c.maxAllowed !== undefined ? ` (at most ${dollars(c.maxAllowed)})` : ''}`;
    rows.push([`Charge ${i + 1} (${what}; ${c.taxable ? 'taxed' : 'not taxed'}${terms})`, dollars(c.amount)]);
  });
  const at = feeLines(q);
  q.fees.forEach((f, k) => {
    const i = at[k];
    const shipTo = i === undefined ? undefined : q.lines[i]!.shipTo;
    const name = f.kind === 'ca-ewaste-recycling-fee' ? 'E-waste fee' : printable(f.kind);
    const figure = f.figureFrom !== undefined ? `, figure of ${printable(f.figureFrom)}` : '';
    rows.push([`${name}${i === undefined ? '' : `, line ${i + 1}`} (${printable(f.sku)}${shipTo !== undefined ? `, ship to ${printable(shipTo)}` : ''}; ${f.quantity} × ${dollars(f.unitFee)}${figure})`, dollars(f.amount)]);
  });
  if (q.adminFee !== undefined) rows.push([`Admin fee (${q.adminFee.percent} % of ${dollars(q.adminFee.basis)}; not taxed)`, dollars(q.adminFee.amount)]);
  rows.push([q.taxRate !== undefined ? `Tax (${q.taxRate} % of ${dollars(q.taxableAmount)})` : 'Tax (no tax rate given)', dollars(q.tax)], ['Total', dollars(q.total)]);
  if (q.lines.some((l) => l.listUnitPrice !== undefined)) rows.push(['Savings off list', dollars(q.savings)]);
  return amounts(rows);
}

export function renderQuote(input: { file: string; quote?: Quote; group?: GroupBuy }): string {
  const out: string[] = [`pace-rules quote ${printable(input.file)}`];
  if (input.quote) {
    const q = input.quote;
    out.push(`contract ${printable(q.contractId)}, schedule ${printable(q.priceScheduleId)}, ${q.currency}`, `rules ${q.rulesVersion}`, '', ...quoteLines(q), '', ...quoteTotals(q), ...findings(q.findings));
  }
  if (input.group) {
    const g = input.group;
    // (fees: the e-waste fees and the admin fee a contract adds to its prices)
    const fees = (m: GroupBuy['members'][number]): string => dollars(moneyOf(m.quote.fees.reduce((sum, f) => sum + centsOf(f.amount), m.quote.adminFee === undefined ? 0n : centsOf(m.quote.adminFee.amount))));
    out.push(`group buy: contract ${printable(g.contractId)}, schedule ${printable(g.priceScheduleId)}, ${g.currency}`, `rules ${g.rulesVersion}`, '', 'Pooled tier quantities: ' + Object.entries(g.tierQuantities).map(([sku, q]) => `${printable(sku)} ${String(q)}`).join(', '), '');
    out.push(
      ...table(
        ['member', 'subtotal', 'fees', 'tax', 'shared costs', 'total', 'alone', 'saved'],
        g.members.map((m) => [printable(m.memberId), dollars(m.quote.subtotal), fees(m), dollars(m.sharedCostsTax === undefined ? m.quote.tax : moneyOf(centsOf(m.quote.tax) + centsOf(m.sharedCostsTax))), m.sharedCosts.map((c) => `${printable(c.kind)} ${dollars(String(c.amount))}`).join(', ') || '-', dollars(m.total), dollars(m.soloTotal), dollars(m.savingsVsSolo)]),
        new Set([1, 2, 3, 5, 6, 7]),
      ),
      '',
      ...amounts([
        ['Subtotal', dollars(g.subtotal)],
        ['Fees and tax', dollars(moneyOf(centsOf(g.quotesTotal) - centsOf(g.subtotal)))],
        ['Shared costs', dollars(g.sharedCostsTotal)],
        ...(g.sharedCostsTax !== undefined ? [['Tax on shared costs', dollars(g.sharedCostsTax)] as [string, string]] : []),
        ['Group total', dollars(g.total)],
        ['Saved by pooling', dollars(g.savingsVsSolo)],
      ]),
      ...findings(g.findings),
    );
  }
  return `${out.join('\n')}\n`;
}

export function renderLedger(run: LedgerRun): string {
  const r = run.report;
  const title = (id: string): string => `${printable(r.checklistItems[id]?.title ?? id)} [${printable(id)}]`;
  const out: string[] = [
    `pace-rules audit-ledger ${printable(r.file)}`,
    `rules ${printable(r.rulesVersion)}`,
    `${r.purchaseCount} purchase orders${r.changeOrders > 0 ? ` (and ${r.changeOrders} change orders folded into them)` : ''}, ${dollars(r.total)}; split window: ${r.window === 'fiscal-year' ? 'fiscal year (July 1 - June 30)' : `chained, gaps of at most ${r.window.days} days`}`,
    '',
  ];
  out.push(
    ...table(
      ['member', 'name', 'POs', 'total', 'blocked', 'needed bid', 'missing docs', 'split groups'],
      r.members.map((m) => [printable(m.memberId), printable(m.name), String(m.purchases), dollars(m.total), String(m.blockedPurchases), String(m.neededBid), String(m.missingDocuments), String(m.splitGroups)]),
      new Set([2, 3, 4, 5, 6, 7]),
    ),
    '',
  );
  if (r.blockedPurchaseCount > 0) {
    out.push('Purchases a finding blocks (as pace-rules check would block each):');
    for (const p of run.blockedKept.slice(0, 50)) out.push(`  ${printable(String(p['purchaseId']))} (${printable(String(p['where']))}) ${printable(String(p['memberId']))} ${dollars(String(p['amount']))}${judgedAgain(p)}: ${(p['findings'] as string[]).map(printable).join(', ')}`);
    const shown = Math.min(50, run.blockedKept.length);
    if (r.blockedPurchaseCount > shown) out.push(`  ... and ${r.blockedPurchaseCount - shown} more (use --format json for all)`);
    out.push('  The findings:');
    for (const [code, f] of Object.entries(r.blockingFindings)) out.push(`  ${printable(code)} (on ${f.on}): ${printable(f.message)}${f.citation ? ` [${printable(f.citation)}]` : ''}`);
    out.push('');
  }
  // The bid limit of a member's year is printed where the library said something about it: a
  // figure not found (another stands in), a JPA judged as a district, a charter school.
  const noted = [...run.memberYears()].filter((y) => y.bidLimitFindings.length > 0);
  if (noted.length > 0) {
    out.push('Bid limits (state, goods) to read with care, per member and fiscal year:');
    for (const y of noted.slice(0, 50)) out.push(`  ${printable(y.memberId)} ${y.fiscalYear}: ${printable(bidLimitInWords(y, dollars))}`);
    if (noted.length > 50) out.push(`  ... and ${noted.length - 50} more (use --format json for all)`);
    out.push('');
  }
  // Split groups: those a finding blocks (splits), then those that are warnings to check.
  const blocks = (g: KeptSplitGroup): boolean => g.findings.some((f) => f.severity === 'block');
  const group = (g: KeptSplitGroup): string[] => [
    `  ${printable(g.memberId)} / ${printable(g.vendorId ?? 'no vendor')} / ${g.supplyKind}${g.kind === 'federal-micro-purchase' ? ' (federal money, each a micro-purchase)' : g.kind === 'fiscal-year-boundary' ? ' (across July 1)' : g.kind === 'change-orders' ? ' (a PO with its change orders)' : ''}: ${g.purchaseIds.slice(0, 10).map(printable).join(', ')}${g.purchaseIdCount > 10 ? ` and ${g.purchaseIdCount - 10} more` : ''} = ${dollars(g.total)} over ${dollars(g.threshold)} (${g.from} to ${g.to}; ${printable(g.citation)})`,
    ...g.findings.filter((f) => f.severity === 'warn').map((f) => `    warning: ${printable(f.message)}`),
  ];
  const warnings = run.splits.count - run.splits.blockingCount;
  for (const [heading, count, kept] of [
    ['Possible split purchases (each under the bid limit, together over it):', run.splits.blockingCount, run.splits.kept.filter(blocks)],
    ['Groups to check (warnings; they do not block):', warnings, run.splits.kept.filter((g) => !blocks(g))],
  ] as const) {
    if (count === 0) continue;
    out.push(heading);
    for (const g of kept.slice(0, 50)) out.push(...group(g));
    if (count > Math.min(50, kept.length)) out.push(`  ... and ${count - Math.min(50, kept.length)} more groups (use --format json for all)`);
    out.push('');
  }
  if (r.neededBidCount > 0) {
    out.push(`Purchases that needed a ${neededBidKinds(r)} (no usable cooperative contract, no bid on file):`);
    for (const p of run.neededBidKept.slice(0, 50)) out.push(`  ${printable(String(p['purchaseId']))} (${printable(String(p['where']))}) ${printable(String(p['memberId']))} ${dollars(String(p['amount']))}${p['method'] === 'informal-bid' ? ' (informal bid)' : ''}${judgedAgain(p)}`);
    if (r.neededBidCount > 50) out.push(`  ... and ${r.neededBidCount - 50} more (use --format json for all)`);
    out.push('');
  }
  if (r.missingDocumentsCount > 0) {
    out.push('Missing audit documents (these do not block; file them before the audit):');
    for (const p of run.missingKept.slice(0, 50)) out.push(`  ${printable(String(p['purchaseId']))} (${printable(String(p['where']))})${p['byChangeOrder'] ? ` at ${dollars(String(p['amount']))}` : ''}${judgedAgain(p)}: ${(p['missing'] as string[]).map(title).join('; ')}`);
    if (run.missingEntryCount > 50) out.push(`  ... and ${run.missingEntryCount - 50} more (use --format json for all)`);
    out.push('');
  }
  if (r.unknownContractCount > 0) out.push(`${r.unknownContractCount} purchase(s) cite a contract not in the contracts file; they were checked without it.`, '');
  if (r.unknownDocumentCount > 0) {
    const kinds = r.unknownDocumentKinds.slice(0, 10).map((k) => `"${printable(k.kind)}" (${k.count.toLocaleString('en-US')})`);
    out.push(`${r.unknownDocumentCount.toLocaleString('en-US')} document(s) are of a kind no checklist item has, so they satisfy nothing (a document's kind is the id of the item it satisfies, such as board-authorization): ${kinds.join(', ')}${r.unknownDocumentKinds.length > 10 ? ', ...' : ''}.`, '');
  }
  const toCheck = warnings > 0 ? `; ${warnings} group(s) to check (warnings)` : '';
  if (r.blocked) out.push(`Result: needs action: ${r.blockedPurchaseCount > 0 ? `${r.blockedPurchaseCount} purchase(s) blocked by a finding, ` : ''}${neededBidText(r)}, ${run.splits.blockingCount} possible split group(s)${toCheck} (exit 1)`);
  else out.push(`Result: clear: no finding blocks a purchase, no purchase needed a formal bid and no split purchases were found (exit 0)${toCheck}${r.missingDocumentsCount > 0 ? `; ${r.missingDocumentsCount} purchase(s) have missing audit documents (listed above)` : ''}.`);
  return `${out.join('\n')}\n`;
}

/** What the bids the purchases needed were: formal, or (CUPCCAA members' public projects) informal too. */
export function neededBidKinds(r: Pick<LedgerReport, 'neededInformalBidCount'>): string {
  return r.neededInformalBidCount > 0 ? 'bid (formal, or informal under a CUPCCAA election)' : 'formal bid';
}

/** "N purchase(s) needed a formal bid", with how many of them an informal one when any did. */
export function neededBidText(r: Pick<LedgerReport, 'neededBidCount' | 'neededInformalBidCount'>, count: (n: number) => string = String): string {
  const informal = r.neededInformalBidCount;
  return informal > 0 ? `${count(r.neededBidCount)} purchase(s) needed a bid (${count(r.neededBidCount - informal)} formal, ${count(informal)} informal under a CUPCCAA election)` : `${count(r.neededBidCount)} purchase(s) needed a formal bid`;
}

/** How a ledger entry listed again was judged: with its PO's change orders, with the member's earlier spend under its contract. */
export function judgedAgain(p: Record<string, unknown>): string {
  const spent = p['spentUnderContract'];
  return `${p['byChangeOrder'] ? ' with its change orders' : ''}${typeof spent === 'string' ? ` with ${dollars(spent)} spent before it under its contract` : ''}`;
}
