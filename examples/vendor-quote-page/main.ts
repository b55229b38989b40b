/**
 * A vendor's quoting page embedding pace-rules in the browser: members of a group order (a 1:1
 * Chromebook refresh) pool their quantities to reach a better volume tier, shared shipping is
 * split by quantity to the cent, and each member's total carries the California e-waste fee on
 * its Chromebooks and sales tax at the rate entered (none entered: no tax). The co-op's admin fee
 * is in the contract prices, so it is never added to the members' totals. Bundle it with any bundler, e.g.
 * `esbuild main.ts --bundle --platform=browser --format=iife --outfile=main.js`, next to index.html.
 *
 * The page's library calls are all in `computeQuote`; the rest is DOM plumbing.
 */
import { createPace, isPaceError } from 'pace-rules';
import contracts from '../data/contracts.json' with { type: 'json' };

/** What the form collects. */
export interface QuoteInput {
  asOf: string;
  shipping: string;
  /** The ship-to sales tax rate in percent; empty: no tax. */
  taxRate: string;
  members: { name: string; quantity: string }[];
}

/** What the page shows: one row per member, the group total, and the rules version to print. */
export interface QuoteView {
  rows: { member: string; quantity: string; unitPrice: string; subtotal: string; fees: string; tax: string; total: string; alone: string; saved: string }[];
  tier: string;
  total: string;
  rulesVersion: string;
}

const pace = createPace();
// Prepared once: its tier tables are checked and its prices parsed a single time.
const contract = pace.prepareContract(contracts[0]);
const SKU = 'CB-11';

/** The only place the page calls pace-rules. */
export function computeQuote(input: QuoteInput): QuoteView {
  const group = pace.quoteGroupBuy({
    contract,
    asOf: input.asOf,
    orders: input.members.map((m) => ({ memberId: m.name, lines: [{ sku: SKU, quantity: m.quantity }] })),
    sharedCosts: [{ kind: 'shipping', amount: input.shipping, basis: 'quantity' }],
    ...(input.taxRate.trim() === '' ? {} : { taxRate: input.taxRate.trim() }),
  });
  return {
    rows: group.members.map((m) => ({
      member: m.memberId,
      quantity: String(m.quote.lines[0]!.quantity),
      unitPrice: String(m.quote.lines[0]!.unitPrice),
      subtotal: m.quote.subtotal,
      // one fee line per order line: this page orders one line per member
      fees: m.quote.fees[0]?.amount ?? '0.00',
      tax: m.quote.tax,
      total: m.total,
      alone: m.soloTotal,
      saved: m.savingsVsSolo,
    })),
    tier: `${String(group.tierQuantities[SKU])} units pooled`,
    total: group.total,
    rulesVersion: group.rulesVersion,
  };
}

function readForm(form: HTMLFormElement): QuoteInput {
  const data = new FormData(form);
  const names = data.getAll('member').map(String);
  const quantities = data.getAll('quantity').map(String);
  return {
    asOf: String(data.get('asOf') ?? ''),
    shipping: String(data.get('shipping') ?? ''),
    taxRate: String(data.get('taxRate') ?? ''),
    members: names.map((name, i) => ({ name, quantity: quantities[i] ?? '0' })),
  };
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function render(form: HTMLFormElement): void {
  const body = document.querySelector('#result tbody')!;
  const total = document.getElementById('total')!;
  const tier = document.getElementById('tier')!;
  const version = document.getElementById('rules-version')!;
  const error = document.getElementById('error')!;
  try {
    const view = computeQuote(readForm(form));
    body.replaceChildren(
      ...view.rows.map((row) => {
        const tr = document.createElement('tr');
        tr.append(cell(row.member), cell(row.quantity, 'amount'), cell(row.unitPrice, 'amount'), cell(row.subtotal, 'amount'), cell(row.fees, 'amount'), cell(row.tax, 'amount'), cell(row.total, 'amount'), cell(row.alone, 'amount'), cell(row.saved, 'amount'));
        return tr;
      }),
    );
    total.textContent = view.total;
    tier.textContent = view.tier;
    version.textContent = view.rulesVersion;
    error.hidden = true;
    error.textContent = '';
  } catch (e) {
    body.replaceChildren();
    total.textContent = '';
    tier.textContent = '';
    error.hidden = false;
    error.textContent = isPaceError(e) ? `${e.code}: ${e.message}` : String(e);
  }
  document.body.dataset['state'] = error.hidden ? 'ready' : 'error';
  document.body.dataset['renders'] = String(Number(document.body.dataset['renders'] ?? 0) + 1);
}

const form = typeof document === 'undefined' ? null : (document.getElementById('quote-form') as HTMLFormElement | null);
if (form) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    render(form);
  });
  render(form);
}
