/**
 * A vendor's quoting page embedding pace-rules in the browser. Bundle it with any bundler, e.g.
 * `esbuild main.ts --bundle --platform=browser --format=iife --outfile=main.js`, next to index.html.
 *
 * Today it splits shared shipping across the members of a group order with `allocate` (to the cent,
 * summing exactly). The page's library calls are all in `computeQuote`; the rest is DOM plumbing.
 */
import { allocate, createPace, isPaceError, roundToCents } from 'pace-rules';

/** What the form collects. */
export interface QuoteInput {
  shipping: string;
  members: { name: string; quantity: string }[];
}

/** What the page shows: one row per member, a total, and the rules version to print on the quote. */
export interface QuoteView {
  rows: { label: string; amount: string }[];
  total: string;
  rulesVersion: string;
}

/**
 * The only place the page calls pace-rules.
 *
 * TODO(pace.quote): when `pace.quote` / `pace.quoteGroupBuy` land, compute the quote here, e.g.
 * `pace.quoteGroupBuy({ contract, asOf, orders, sharedCosts: [{ kind: 'shipping', amount, basis: 'quantity' }] })`,
 * and map `members[i].total` to rows and `total` to total. The DOM code and the browser test's
 * selectors (#result tbody tr, #total, #rules-version, #error) stay as they are.
 */
export function computeQuote(input: QuoteInput): QuoteView {
  const pace = createPace();
  const shares = allocate(input.shipping, input.members.map((m) => m.quantity));
  return {
    rows: input.members.map((m, i) => ({ label: m.name, amount: shares[i]! })),
    total: roundToCents(input.shipping),
    rulesVersion: pace.rulesVersion,
  };
}

function readForm(form: HTMLFormElement): QuoteInput {
  const data = new FormData(form);
  const names = data.getAll('member').map(String);
  const quantities = data.getAll('quantity').map(String);
  return {
    shipping: String(data.get('shipping') ?? ''),
    members: names.map((name, i) => ({ name, quantity: quantities[i] ?? '0' })),
  };
}

function render(form: HTMLFormElement): void {
  const body = document.querySelector('#result tbody')!;
  const total = document.getElementById('total')!;
  const version = document.getElementById('rules-version')!;
  const error = document.getElementById('error')!;
  try {
    const view = computeQuote(readForm(form));
    body.replaceChildren(
      ...view.rows.map((row) => {
        const tr = document.createElement('tr');
        const label = document.createElement('td');
        const amount = document.createElement('td');
        label.textContent = row.label;
        amount.textContent = row.amount;
        amount.className = 'amount';
        tr.append(label, amount);
        return tr;
      }),
    );
    total.textContent = view.total;
    version.textContent = view.rulesVersion;
    error.hidden = true;
    error.textContent = '';
  } catch (e) {
    body.replaceChildren();
    total.textContent = '';
    error.hidden = false;
    error.textContent = isPaceError(e) ? `${e.code}: ${e.message}` : String(e);
  }
  document.body.dataset['state'] = error.hidden ? 'ready' : 'error';
  document.body.dataset['renders'] = String(Number(document.body.dataset['renders'] ?? 0) + 1);
}

const form = document.getElementById('quote-form') as HTMLFormElement | null;
if (form) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    render(form);
  });
  render(form);
}
