// The invoice match as a report: plain text for a person at the accounts-payable desk, and an HTML
// page for the payment file. --json gives the decision unchanged.
import type { Pace } from '../index.js';
import { dollars, findings, table } from './report.js';
import { printable } from './safe-text.js';
import { dollars as htmlDollars, html, page } from './html/report-html.js';

type InvoiceVerification = ReturnType<Pace['verifyInvoice']>;

const SIDES = ['subtotal', 'charges', 'fees', 'tax', 'total'] as const;

function verdict(v: InvoiceVerification): string {
  return v.ok ? `clear to pay: no finding blocks it (overcharge ${dollars(v.overchargeTotal)})` : `HOLD: ${dollars(v.overchargeTotal)} overcharged or a finding blocks payment`;
}

export function renderInvoice(file: string, v: InvoiceVerification): string {
  const out: string[] = [`pace-rules check-invoice ${printable(file)}`, `contract ${printable(v.contractId)}, schedule ${printable(v.priceScheduleId)}, invoice date ${v.date}`, `rules ${printable(v.rulesVersion)}`, ''];
  out.push(
    ...table(
      ['line', 'sku', 'qty', 'billed', 'contract', 'billed ext.', 'contract ext.', 'overcharge'],
      v.lines.map((l, i) => [printable(l.lineId ?? String(i + 1)), printable(l.sku), l.quantity, l.billedUnitPrice, l.contractUnitPrice ?? 'not on contract', dollars(l.billedExtended), dollars(l.contractExtended), l.overcharge === '0.00' ? '' : dollars(l.overcharge)]),
      new Set([2, 3, 4, 5, 6, 7]),
    ),
    '',
    ...table(['', ...SIDES], [['billed', ...SIDES.map((k) => dollars(v.billed[k]))], ['contract', ...SIDES.map((k) => dollars(v.expected[k]))]], new Set([1, 2, 3, 4, 5])),
    '',
    ...findings(v.findings, ''),
    '',
    `Result: ${verdict(v)}${v.ok ? ' (exit 0)' : ' (exit 1)'}`,
  );
  return `${out.join('\n')}\n`;
}

export function renderInvoiceHtml(file: string, v: InvoiceVerification): string {
  const cell = (m: string): string => `<td class="num">${htmlDollars(m)}</td>`;
  const body = `<header><h1>Invoice check: ${html(file)}</h1><p class="meta">Contract ${html(v.contractId)}, schedule ${html(v.priceScheduleId)}, invoice date ${html(v.date)}. Rules version ${html(v.rulesVersion)}</p></header>
<div class="verdict ${v.ok ? 'ok' : 'bad'}">${v.ok ? 'Clear to pay' : 'Hold'}: ${html(verdict(v))}.</div>
<h2>Lines</h2>
<table><thead><tr><th>Line</th><th>Sku</th><th class="num">Qty</th><th class="num">Billed</th><th class="num">Contract</th><th class="num">Billed ext.</th><th class="num">Contract ext.</th><th class="num">Overcharge</th></tr></thead><tbody>
${v.lines.map((l, i) => `<tr><td>${html(l.lineId ?? i + 1)}</td><td>${html(l.sku)}</td><td class="num">${html(l.quantity)}</td><td class="num">${html(l.billedUnitPrice)}</td><td class="num">${html(l.contractUnitPrice ?? 'not on contract')}</td>${cell(l.billedExtended)}${cell(l.contractExtended)}<td class="num${l.overcharge === '0.00' ? '' : ' status-missing'}">${htmlDollars(l.overcharge)}</td></tr>`).join('')}
</tbody></table>
<h2>Billed and contract, side by side</h2>
<table><thead><tr><th></th>${SIDES.map((k) => `<th class="num">${k}</th>`).join('')}</tr></thead><tbody>
<tr><td>Billed</td>${SIDES.map((k) => cell(v.billed[k])).join('')}</tr><tr><td>Contract</td>${SIDES.map((k) => cell(v.expected[k])).join('')}</tr>
</tbody></table>
<h2>Findings</h2>
<ul>${v.findings.map((f) => `<li><b>${html(f.severity.toUpperCase())}</b> ${html(f.message)}${f.citation ? ` (${html(f.citation)})` : ''} <span class="id">[${html(f.code)}]</span></li>`).join('')}</ul>`;
  return page(`Invoice check: ${file}`, body, { ok: v.ok, overchargeTotal: v.overchargeTotal }, "document.documentElement.setAttribute('data-charts-drawn', '1');");
}
