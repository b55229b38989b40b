// HTML reports for auditors and boards: one self-contained file (Chart.js and the data inlined, no
// network), readable on screen and on paper. Every number drawn in a chart is also in a table
// beside it, so a printout or a screen reader loses nothing.
import type { Pace } from '../../index.js';
import type { LedgerRun } from '../ledger/audit-ledger.js';
import type { VendorSpending } from '../ledger/member-years.js';
import { KEPT_GROUP_IDS } from '../ledger/split-buckets.js';
import { bidLimitInWords, standsInAllYear } from '../ledger/bid-limit.js';
import { chartJsSource } from './chart-source.js';
import { judgedAgain, neededBidKinds, neededBidText } from '../report.js';
import { shownAsEscapes } from '../safe-text.js';

type Eligibility = ReturnType<Pace['checkEligibility']>;
type Method = ReturnType<Pace['procurementMethod']>;
type Checklist = ReturnType<Pace['auditChecklist']>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// C0 controls but tab and line ends, DEL, C1 controls, the Unicode line and paragraph separators,
// and the bidirectional overrides and isolates, which reorder what a reader sees: a vendor
// "v-\u202ekcab" read as "v-back", an id as another id.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const shown = (text: string): string => shownAsEscapes(text, UNSAFE);

/** Text for HTML: markup characters escaped, control characters shown as `\u{..}` (as the text report shows them). */
export function html(value: unknown): string {
  return shown(String(value)).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** JSON inside a <script> element (the charts' data): nothing in it can close the element, and its strings show their control characters as html() does. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? shown(v) : v)).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function dollars(money: string): string {
  const negative = money.startsWith('-');
  const [whole, cents] = money.replace('-', '').split('.');
  return `${negative ? '-' : ''}$${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents ?? '00'}`;
}

const STYLE = `
:root { --ink: #1d2733; --muted: #5b6876; --line: #d5dbe1; --bad: #b42318; --ok: #067647; --warn: #b54708; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.25em; margin: 32px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
.meta { color: var(--muted); font-size: .9em; }
.verdict { padding: 12px 16px; border-radius: 6px; margin: 16px 0; font-weight: 600; }
.verdict.bad { background: #fef3f2; border: 1px solid var(--bad); color: var(--bad); }
.verdict.ok { background: #ecfdf3; border: 1px solid var(--ok); color: var(--ok); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card b { display: block; font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: .92em; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f5f7; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-missing { color: var(--bad); font-weight: 600; } .status-on-file { color: var(--ok); } .status-not-applicable { color: var(--muted); }
.chart { position: relative; height: 300px; margin: 8px 0; }
.member-year { break-inside: avoid; page-break-inside: avoid; }
.id { color: var(--muted); font-size: .85em; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .chart { height: 240px; }
  .verdict, .card { border-color: #000; }
  a { color: inherit; text-decoration: none; }
}
`;

export function page(title: string, body: string, data: unknown, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${chartJsSource().replace(/<\/script/gi, '<\\/script')}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** The charts, drawn from the embedded data; animation off so that print and screenshots show them drawn. */
const LEDGER_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';
  var money = function (v) { return '$' + Number(v).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 }); };
  data.charts.forEach(function (c) {
    var canvas = document.getElementById(c.canvas);
    var datasets = [
      { type: 'bar', label: 'Outside cooperative contracts', data: c.outside, backgroundColor: '#c2410c', stack: 'spend' },
      { type: 'bar', label: 'Under cooperative contracts', data: c.under, backgroundColor: '#94a3b8', stack: 'spend' }
    ];
    if (c.bidLimit !== null) datasets.push({ type: 'line', label: (c.bidLimitStandsIn ? 'Bid limit (a stand-in: no figure of the year is found) ' : 'Bid limit ') + money(c.bidLimit), data: c.vendors.map(function () { return c.bidLimit; }), borderColor: '#1d2733', backgroundColor: '#1d2733', borderDash: [6, 4], pointStyle: 'line', pointRadius: c.vendors.length === 1 ? 40 : 0, borderWidth: 2 });
    if (c.otherKinds !== null) datasets.push({ type: 'bar', label: c.otherKinds.label, data: c.otherKinds.data, backgroundColor: '#f5c9a8', stack: 'spend' });
    new Chart(canvas, {
      data: { labels: c.vendors, datasets: datasets },
      options: { responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { callback: money } } },
                 plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + money(ctx.parsed.y); } } } } }
    });
  });
  if (data.timeline) {
    var t = data.timeline;
    var day = function (n) { return new Date(n * 86400000).toISOString().slice(0, 10); };
    new Chart(document.getElementById('timeline'), {
      type: 'bar',
      data: { labels: t.labels, datasets: [{ label: 'Split group (first to last PO)', data: t.spans, backgroundColor: '#b42318', minBarLength: 4 }] },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false,
                 scales: { x: { type: 'linear', min: t.min, max: t.max, ticks: { callback: day, maxTicksLimit: 8 } } },
                 plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (ctx) { var s = t.spans[ctx.dataIndex]; return day(s[0]) + ' to ' + day(s[1]) + ': ' + t.totals[ctx.dataIndex]; } } } } }
    });
  }
  document.documentElement.setAttribute('data-charts-drawn', String(data.charts.length + (data.timeline ? 1 : 0)));
})();
`;

/** Charts drawn for at most this many member-years (those with split groups first, then by spending); all are in the tables. */
const CHARTED_YEARS = 40;
const KIND_WORDS: Record<string, string> = { goods: 'goods', services: 'services', 'public-works': 'public works', 'professional-services': 'professional services' };
/** A spending or bid-limit entry's kind as one key: a public work's kind of work (maintenance) apart. */
const kindKey = (k: { supplyKind: string; publicWorksKind?: string | undefined }): string => (k.publicWorksKind === undefined ? k.supplyKind : `${k.supplyKind}/${k.publicWorksKind}`);
/** Words joined as a sentence lists them: `a`, `a and b`, `a, b and c`. */
const andList = (words: readonly string[]): string => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);
/** The kind in words: `public works (maintenance)`. */
const kindWords = (k: { supplyKind: string; publicWorksKind?: string | undefined }): string => `${KIND_WORDS[k.supplyKind] ?? k.supplyKind}${k.publicWorksKind === undefined ? '' : ` (${k.publicWorksKind})`}`;
const VENDORS_PER_CHART = 15;
/** Split groups listed in the table (the JSON report lists all of them; the page says how many more there are). */
export const SPLIT_ROWS = 200;

function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000);
}

/** The audit-ledger report as a page. */
export function renderLedgerHtml(run: LedgerRun): string {
  const r = run.report;
  const splitsByYear = run.splits.byMemberYear;
  const cents = (m: string): number => Number(m.replace('.', ''));
  const years = [...run.memberYears()].map((y) => ({ y, splits: splitsByYear.get(`${y.memberId}\u0000${y.fiscalYear}`) ?? 0, spend: y.vendors.reduce((a, v) => a + cents(v.outsideContracts), 0) }));
  const charted = [...years].sort((a, b) => b.splits - a.splits || b.spend - a.spend).slice(0, CHARTED_YEARS);
  const chartedSet = new Set(charted.map((c) => c.y));
  const names = new Map(r.members.map((m) => [m.memberId, m.name]));
  const charts: { canvas: string; memberId: string; fiscalYear: string; vendors: string[]; outside: number[]; under: number[]; bidLimit: number | null; bidLimitStandsIn: boolean; otherKinds: { label: string; data: number[] } | null }[] = [];
  const sections: string[] = [];
  years.forEach(({ y, splits }, i) => {
    const top = y.vendors.slice(0, VENDORS_PER_CHART);
    const rest = y.vendors.slice(VENDORS_PER_CHART);
    const canvas = `chart-${i}`;
    const standsIn = standsInAllYear(y);
    // Each supply kind against its own limit: the chart's line is the goods limit, so its bars
    // outside contracts are the spending of the kinds that limit is (services too, for a
    // district); public works ($15,000) and professional services (none) stand apart.
    const limits = new Map(y.bidLimitsBySupplyKind.map((l) => [kindKey(l), l.bidLimit]));
    const onTheLine = (kind: string): boolean => limits.get(kind) === y.bidLimit;
    const outsideOf = (v: VendorSpending, line: boolean): number => v.bySupplyKind.reduce((a, k) => a + (onTheLine(kindKey(k)) === line ? cents(k.outsideContracts) : 0), 0);
    if (chartedSet.has(y)) {
      const sum = (list: VendorSpending[], of: (v: VendorSpending) => number): number => list.reduce((a, v) => a + of(v), 0);
      const series = (of: (v: VendorSpending) => number): number[] => [...top.map((v) => of(v) / 100), ...(rest.length > 0 ? [sum(rest, of) / 100] : [])];
      const others = y.bidLimitsBySupplyKind.filter((l) => !onTheLine(kindKey(l))).map(kindWords);
      charts.push({
        canvas,
        memberId: y.memberId,
        fiscalYear: y.fiscalYear,
        vendors: [...top.map((v) => v.vendorId ?? 'no vendor'), ...(rest.length > 0 ? [`${rest.length} other vendors`] : [])],
        outside: series((v) => outsideOf(v, true)),
        under: series((v) => cents(v.underContracts)),
        bidLimit: y.bidLimit === null ? null : cents(y.bidLimit) / 100,
        bidLimitStandsIn: standsIn,
        otherKinds: sum(y.vendors, (v) => outsideOf(v, false)) > 0 ? { label: `Outside contracts: ${others.join(' and ')} (limits of their own: see the table)`, data: series((v) => outsideOf(v, false)) } : null,
      });
    }
    const over = (v: VendorSpending): string[] =>
      v.bySupplyKind.flatMap((k) => {
        const limit = limits.get(kindKey(k));
        if (limit === null || limit === undefined || cents(k.outsideContracts) <= cents(limit)) return [];
        const kind = kindWords(k);
        return [onTheLine(kindKey(k)) ? `${kind} over the ${standsIn ? 'stand-in ' : ''}bid limit in total` : `${kind} over the ${dollars(limit)} limit in total`];
      });
    const rows = y.vendors
      .slice(0, 50)
      .map((v) => `<tr><td>${html(v.vendorId ?? 'no vendor')}</td><td class="num">${v.purchases}</td><td class="num">${dollars(v.outsideContracts)}</td><td class="num">${dollars(v.underContracts)}</td><td>${over(v).map((o) => `<span class="status-missing">${html(o)}</span>`).join('<br>')}</td></tr>`)
      .join('');
    sections.push(`<section class="member-year"><h3>${html(names.get(y.memberId) ?? y.memberId)} <span class="id">[${html(y.memberId)}]</span>, fiscal year ${html(y.fiscalYear)}${splits > 0 ? ` <span class="status-missing">${splits} possible split group${splits === 1 ? '' : 's'}</span>` : ''}</h3>
<p class="meta${y.bidLimitFindings.some((f) => f.severity !== 'info') ? ' status-missing' : ''}">Bid limit (state, ${html(andList(['goods', ...y.bidLimitsBySupplyKind.filter((l) => kindKey(l) !== 'goods' && onTheLine(kindKey(l))).map(kindWords)]))}): ${html(bidLimitInWords(y, dollars))}${y.bidLimitsBySupplyKind
      .filter((l) => !onTheLine(kindKey(l)))
      .map((l) => `; ${html(kindWords(l))}: ${l.bidLimit === null ? 'none' : dollars(l.bidLimit)}${l.bidLimitCitation ? ` (${html(l.bidLimitCitation)})` : ''}`)
      .join('')}</p>
${chartedSet.has(y) ? `<div class="chart"><canvas id="${canvas}" role="img" aria-label="Spending per vendor against the bid limit"></canvas></div>` : ''}
<table><thead><tr><th>Vendor</th><th class="num">POs</th><th class="num">Outside contracts</th><th class="num">Under contracts</th><th></th></tr></thead><tbody>${rows}</tbody></table>
${y.vendors.length > 50 ? `<p class="meta">… and ${y.vendors.length - 50} more vendors (see the JSON report).</p>` : ''}</section>`);
  });
  const groups = run.splits.kept.slice(0, 60);
  const timeline =
    groups.length > 0
      ? {
          labels: groups.map((g) => `${g.memberId} / ${g.vendorId ?? 'no vendor'} / ${g.supplyKind}`),
          spans: groups.map((g) => [dayNumber(g.from), dayNumber(g.to)]),
          totals: groups.map((g) => `${dollars(g.total)} over ${dollars(g.threshold)}`),
          min: Math.min(...groups.map((g) => dayNumber(g.from))) - 7,
          max: Math.max(...groups.map((g) => dayNumber(g.to))) + 7,
        }
      : null;
  const listedSplits = run.splits.kept.slice(0, SPLIT_ROWS);
  // The ledger keeps the first groups only (DETAILS_KEPT): the rest are counted, and in the JSON report.
  const unlistedSplits = run.splits.count - listedSplits.length;
  const splitRows = listedSplits
    .map((g) => `<tr><td>${html(g.memberId)}</td><td>${html(g.vendorId ?? 'no vendor')}</td><td>${html(g.supplyKind)}${SPLIT_KIND_WORDS[g.kind] ? ` <b>(${SPLIT_KIND_WORDS[g.kind]})</b>` : ''}${g.findings.filter((f) => f.severity === 'warn').map((f) => `<br><span class="meta">warning: ${html(f.message)}</span>`).join('')}</td><td>${html(g.from)} to ${html(g.to)}</td><td>${g.purchaseIds.slice(0, KEPT_GROUP_IDS).map(html).join(', ')}${g.purchaseIdCount > KEPT_GROUP_IDS ? ` and ${g.purchaseIdCount - KEPT_GROUP_IDS} more` : ''}</td><td class="num">${dollars(g.total)}</td><td class="num">${dollars(g.threshold)}</td><td>${html(g.citation)}</td></tr>`)
    .join('');
  const checklistRows = Object.entries(r.checklistItems)
    .sort((a, b) => b[1].missingOn - a[1].missingOn)
    .map(([id, item]) => `<tr><td>${html(item.title)} <span class="id">[${html(id)}]</span></td><td>${html(item.citation)}</td><td class="num status-missing">missing on ${item.missingOn.toLocaleString('en-US')}</td></tr>`)
    .join('');
  const body = `<header>
<h1>Purchasing audit: ${html(r.file)}</h1>
<p class="meta">Rules version ${html(r.rulesVersion)}. Split window: ${r.window === 'fiscal-year' ? 'fiscal year (July 1 to June 30)' : `purchases chained with gaps of at most ${r.window.days} days`}.</p>
</header>
<div class="verdict ${r.blocked ? 'bad' : 'ok'}">${r.blocked ? `Needs action: ${r.blockedPurchaseCount > 0 ? `${r.blockedPurchaseCount.toLocaleString('en-US')} purchase(s) blocked by a finding; ` : ''}${html(neededBidText(r, (n) => n.toLocaleString('en-US')))}; ${run.splits.blockingCount} possible split group(s).` : 'No finding blocks a purchase, no purchase needed a formal bid, and no split purchases were found.'}${run.splits.count > run.splits.blockingCount ? ` ${run.splits.count - run.splits.blockingCount} group(s) to check (warnings).` : ''}${r.missingDocumentsCount > 0 ? ` ${r.missingDocumentsCount.toLocaleString('en-US')} purchase(s) have missing audit documents.` : ''}</div>
<div class="cards">
<div class="card"><b>${r.purchaseCount.toLocaleString('en-US')}</b>purchase orders${r.changeOrders > 0 ? ` (+${r.changeOrders.toLocaleString('en-US')} change orders)` : ''}</div>
<div class="card"><b>${dollars(r.total)}</b>total spending</div>
<div class="card"><b>${r.blockedPurchaseCount.toLocaleString('en-US')}</b>blocked by a finding</div>
<div class="card"><b>${run.splits.blockingCount}</b>possible split groups${run.splits.count > run.splits.blockingCount ? ` (and ${run.splits.count - run.splits.blockingCount} to check)` : ''}</div>
<div class="card"><b>${r.neededBidCount.toLocaleString('en-US')}</b>needed a ${html(neededBidKinds(r))}</div>
<div class="card"><b>${r.missingDocumentsCount.toLocaleString('en-US')}</b>with missing documents</div>
</div>
<h2>Members</h2>
<table><thead><tr><th>Member</th><th class="num">POs</th><th class="num">Total</th><th class="num">Blocked</th><th class="num">Needed a bid</th><th class="num">Missing documents</th><th class="num">Split groups</th></tr></thead><tbody>
${r.members.map((m) => `<tr><td>${html(m.name)} <span class="id">[${html(m.memberId)}]</span></td><td class="num">${m.purchases.toLocaleString('en-US')}</td><td class="num">${dollars(m.total)}</td><td class="num">${m.blockedPurchases}</td><td class="num">${m.neededBid}</td><td class="num">${m.missingDocuments}</td><td class="num">${m.splitGroups}</td></tr>`).join('')}
</tbody></table>
${r.blockedPurchaseCount > 0 ? `<h2>Purchases a finding blocks</h2>
<table><thead><tr><th>Finding</th><th>Citation</th><th class="num">Purchases</th></tr></thead><tbody>${Object.entries(r.blockingFindings).map(([code, f]) => `<tr><td>${html(f.message)} <span class="id">[${html(code)}]</span></td><td>${html(f.citation)}</td><td class="num">${f.on.toLocaleString('en-US')}</td></tr>`).join('')}</tbody></table>
<table><thead><tr><th>Purchase order</th><th>Where</th><th>Member</th><th class="num">Amount</th><th>Findings</th></tr></thead><tbody>${run.blockedKept.slice(0, 200).map((p) => `<tr><td>${html(p['purchaseId'])}</td><td>${html(p['where'])}</td><td>${html(p['memberId'])}</td><td class="num">${dollars(String(p['amount']))}${html(judgedAgain(p))}</td><td>${(p['findings'] as string[]).map(html).join(', ')}</td></tr>`).join('')}</tbody></table>
${r.blockedPurchaseCount > Math.min(200, run.blockedKept.length) ? `<p>… and ${(r.blockedPurchaseCount - Math.min(200, run.blockedKept.length)).toLocaleString('en-US')} more; <code>--format json</code> lists them all.</p>` : ''}` : ''}
<h2>Possible split purchases (PCC § 20116)</h2>
${timeline ? `<div class="chart" style="height:${Math.max(160, 28 * groups.length + 60)}px"><canvas id="timeline" role="img" aria-label="Split groups on a timeline"></canvas></div>` : '<p>None found.</p>'}
${splitRows ? `<table><thead><tr><th>Member</th><th>Vendor</th><th>Kind</th><th>Dates</th><th>Purchase orders</th><th class="num">Total</th><th class="num">Bid limit</th><th>Citation</th></tr></thead><tbody>${splitRows}</tbody></table>` : ''}
${unlistedSplits > 0 ? `<p class="meta status-missing">… and ${unlistedSplits.toLocaleString('en-US')} more split group${unlistedSplits === 1 ? '' : 's'} not listed here: <code>--format json</code> lists all ${run.splits.count.toLocaleString('en-US')}.</p>` : ''}
<h2>Audit file: documents missing</h2>
${checklistRows ? `<table><thead><tr><th>Checklist item</th><th>Citation</th><th class="num">Status</th></tr></thead><tbody>${checklistRows}</tbody></table>` : '<p>Every required document is on file.</p>'}
${r.unknownDocumentCount > 0 ? `<p>${r.unknownDocumentCount.toLocaleString('en-US')} document(s) are of a kind no checklist item has, so they satisfy nothing (a document's kind is the id of the item it satisfies): ${r.unknownDocumentKinds.slice(0, 10).map((k) => `<code>${html(k.kind)}</code> (${k.count.toLocaleString('en-US')})`).join(', ')}${r.unknownDocumentKinds.length > 10 ? ', …' : ''}.</p>` : ''}
<h2>Spending per vendor against the bid limit</h2>
<p class="meta">Per member and fiscal year. The bid limit applies to each purchase; a vendor's total over it is where split purchases are looked for.</p>
${sections.join('\n')}
<footer class="meta"><p>Made by pace-rules. Charts drawn with Chart.js (MIT licence), inlined: this page needs no network.</p></footer>`;
  return page(`Purchasing audit: ${r.file}`, body, { charts, timeline, report: { purchaseCount: r.purchaseCount, total: r.total, rulesVersion: r.rulesVersion } }, LEDGER_SCRIPT);
}

/** How the split table names a group that is a warning, not a split (by its kind). */
const SPLIT_KIND_WORDS: Record<string, string> = { 'fiscal-year-boundary': 'a warning: across July 1', 'federal-micro-purchase': 'a warning: federal money, each a micro-purchase', 'change-orders': 'a warning: a PO with its change orders' };

/** One purchase's check as a page: eligibility, the method and thresholds, the checklist. */
export function renderCheckHtml(input: { file: string; eligibility: Eligibility | undefined; method: Method; checklist: Checklist; blocked: boolean; purchaseAmount: unknown }): string {
  const { eligibility, method, checklist } = input;
  const findings = (list: readonly { severity: string; message: string; citation?: string; code: string }[]): string =>
    list.length === 0 ? '' : `<ul>${list.map((f) => `<li><b>${html(f.severity.toUpperCase())}</b> ${html(f.message)}${f.citation ? ` (${html(f.citation)})` : ''} <span class="id">[${html(f.code)}]</span></li>`).join('')}</ul>`;
  const applying = method.thresholds.filter((t) => t.applies);
  const thresholds = applying.map((t) => ({ id: t.id, amount: t.amount === null ? null : Number(t.amount.replace('.', '')) / 100 }));
  const body = `<header><h1>Purchase check: ${html(input.file)}</h1><p class="meta">Rules version ${html(method.rulesVersion)}</p></header>
<div class="verdict ${input.blocked ? 'bad' : 'ok'}">${input.blocked ? 'Blocked: a finding below blocks this purchase.' : 'Clear: no finding blocks this purchase.'}${checklist.complete ? '' : ` The audit file is not complete: ${checklist.missing.length} document(s) missing.`}</div>
<h2>Eligibility</h2>
<p>${eligibility ? (eligibility.eligible ? 'Eligible to use the contract.' : '<span class="status-missing">Not eligible to use the contract.</span>') : 'No contract given.'}</p>
${eligibility ? findings(eligibility.findings) : ''}
<h2>Procurement method: ${html(method.method)}</h2>
<div class="chart" style="height:${Math.max(140, 40 * applying.length + 60)}px"><canvas id="thresholds" role="img" aria-label="The purchase against the thresholds that apply"></canvas></div>
<table><thead><tr><th>Threshold</th><th class="num">Amount</th><th>Citation</th><th>This purchase</th></tr></thead><tbody>
${applying.map((t) => `<tr><td>${html(t.id)}</td><td class="num">${t.amount === null ? 'unknown' : dollars(t.amount)}</td><td>${html(t.citation)}</td><td>${t.exceeded ? '<span class="status-missing">past it</span>' : 'within it'}</td></tr>`).join('')}
</tbody></table>
${findings(method.findings)}
<h2>Audit checklist</h2>
<table><thead><tr><th>Item</th><th>Citation</th><th>Status</th></tr></thead><tbody>
${checklist.items.map((i) => `<tr><td>${html(i.title)} <span class="id">[${html(i.id)}]</span></td><td>${html(i.citation)}</td><td class="status-${html(i.status)}">${html(i.status)}${i.status === 'missing' && !i.required ? ' (recommended)' : ''}</td></tr>`).join('')}
</tbody></table>
${findings(checklist.findings)}`;
  const script = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  new Chart(document.getElementById('thresholds'), {
    type: 'bar',
    data: { labels: data.thresholds.map(function (t) { return t.id; }).concat(['this purchase']),
            datasets: [{ label: 'Amount ($)', data: data.thresholds.map(function (t) { return t.amount; }).concat([data.amount]),
                         backgroundColor: data.thresholds.map(function () { return '#94a3b8'; }).concat(['#c2410c']) }] },
    options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } }
  });
  document.documentElement.setAttribute('data-charts-drawn', '1');
})();
`;
  const amount = typeof input.purchaseAmount === 'string' && /^-?\d+(\.\d{1,2})?$/.test(input.purchaseAmount) ? Number(input.purchaseAmount) : typeof input.purchaseAmount === 'number' ? input.purchaseAmount : null;
  return page(`Purchase check: ${input.file}`, body, { thresholds, amount }, script);
}

