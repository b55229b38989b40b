// What an invoice bills besides its lines, each recomputed with the quote's own steps: charges
// against the contract's terms (the order's allowance shared with earlier invoices), the e-waste fee
// per covered device, the cooperative's admin fee, tax at the PO's rate, and the total.
import type { Finding } from '../../decision.js';
import type { ChargeKind, Contract } from '../../model/contract.js';
import type { Money } from '../../money/money.js';
import { addCents, formatCents, moneyCents, type Cents } from '../cents.js';
import { adminFeeOnTopCents, computeCharges, eWasteFees, taxOf, type OrderBasis, type QuoteCharge, type QuoteFee } from '../order-charges.js';
import type { PricingTables } from '../pricing-law.js';
import { citeUncited, invoiceFinding, type Citer } from './cite.js';
import type { PricedLines } from './price-invoice-lines.js';

/** Fee kinds that are the cooperative's administrative fee (as a group buy's shared costs name it). */
const ADMIN_FEE_KINDS: ReadonlySet<string> = new Set(['admin-fee', 'cooperative-admin-fee']);

/** A billed charge checked against the contract's terms (`allowed` and `maxAllowed` count what earlier invoices of the order billed). */
export interface InvoiceChargeVerification extends QuoteCharge {
  /** The part of `amount` over the contract's terms. */
  overcharge: Money;
}

/** One side of the match: what was billed, or what the contract allows. */
export interface InvoiceAmounts {
  subtotal: Money;
  charges: Money;
  fees: Money;
  tax: Money;
  total: Money;
}

/** The charges, fees, tax and total checked, with both sides and the overcharges. @internal */
export interface CheckedExtras {
  readonly charges: InvoiceChargeVerification[];
  /** The fees the law adds to the billed lines (credits negative). */
  readonly fees: QuoteFee[];
  readonly expected: InvoiceAmounts;
  readonly billed: InvoiceAmounts;
  readonly overchargeCents: Cents;
}

/** The billed extras of an invoice, validated. @internal */
export interface BilledExtras {
  readonly date: string;
  readonly charges?: readonly { kind: ChargeKind; amount: number | string; description?: string | undefined }[] | undefined;
  readonly fees?: readonly { kind: string; amount: number | string }[] | undefined;
  readonly tax?: number | string | undefined;
  readonly total?: number | string | undefined;
}

/**
 * What the earlier invoices of the order billed, which uses up the order's allowances: per charge
 * kind, and of the cooperative's admin fee (credits negative). @internal
 */
export interface BilledBefore {
  readonly charges: ReadonlyMap<ChargeKind, Cents>;
  readonly adminFeeCents: Cents;
}

/** What `invoices` billed of each charge kind and of the admin fee, in cents. @internal */
export function billedBefore(invoices: readonly Pick<BilledExtras, 'charges' | 'fees'>[]): BilledBefore {
  const charges = new Map<ChargeKind, Cents>();
  let adminFeeCents = 0;
  for (const inv of invoices) {
    for (const c of inv.charges ?? []) charges.set(c.kind, addCents(charges.get(c.kind) ?? 0, moneyCents(c.amount)));
    for (const f of inv.fees ?? []) if (ADMIN_FEE_KINDS.has(f.kind)) adminFeeCents = addCents(adminFeeCents, moneyCents(f.amount));
  }
  return { charges, adminFeeCents };
}

/** Sums e-waste fees of the billed lines: debits less credits, with the credits' fee lines negated. */
function feesOf(tables: PricingTables, lines: PricedLines, date: string, state: string): { fees: QuoteFee[]; cents: Cents; taxableCents: Cents; findings: Finding[] } {
  const debit = eWasteFees(tables, lines.debits, date, state);
  if (lines.credits.length === 0) return debit;
  const credit = eWasteFees(tables, lines.credits, date, state);
  const negated = credit.fees.map((f) => ({ ...f, quantity: `-${f.quantity}`, amount: formatCents(-moneyCents(f.amount)) }));
  return { fees: [...debit.fees, ...negated], cents: debit.cents - credit.cents, taxableCents: debit.taxableCents - credit.taxableCents, findings: [...debit.findings, ...credit.findings] };
}

/**
 * Checks an invoice's charges, fees, tax and total (see {@link verifyInvoice}), pushing their
 * findings. `basis` is the order the charge and admin fee allowances are computed on (the PO,
 * priced, or the invoice itself, with the goods returned on it); `before` what the earlier invoices
 * of the order billed (with a PO; without one, `undefined`: the invoice's own allowance).
 * @internal
 */
export function checkInvoiceExtras(
  tables: PricingTables,
  contract: Pick<Contract, 'charges' | 'adminFee'>,
  invoice: BilledExtras,
  lines: PricedLines,
  basis: () => OrderBasis,
  before: BilledBefore | undefined,
  taxRate: string | undefined,
  state: string,
  cite: Citer,
  findings: Finding[],
): CheckedExtras {
  // The order is priced once, when a charge or an admin fee first needs it.
  let order: OrderBasis | undefined;
  const orderBasis = (): OrderBasis => (order ??= basis());
  let overcharge = lines.overchargeCents;
  // Charges.
  const billedCharges = invoice.charges ?? [];
  const charges: InvoiceChargeVerification[] = [];
  let chargeCents = 0;
  let expectedChargeCents = 0;
  let billedTaxable = lines.billedTaxableCents;
  let expectedTaxable = lines.expectedTaxableCents;
  if (billedCharges.length > 0) {
    const checked = computeCharges(contract.charges, billedCharges, orderBasis(), tables, { code: 'invoice-charge-not-allowed', ...(before !== undefined ? { spent: before.charges } : {}) });
    findings.push(...citeUncited(checked.findings, cite('invoice-charge-not-allowed', 'charge terms')));
    checked.charges.forEach((c) => {
      const amount = moneyCents(c.amount);
      const over = c.allowed ? 0 : amount - (c.maxAllowed === undefined ? 0 : moneyCents(c.maxAllowed));
      charges.push({ ...c, overcharge: formatCents(over) });
      overcharge = addCents(overcharge, over);
      expectedChargeCents = addCents(expectedChargeCents, amount - over);
      if (c.taxable) expectedTaxable = addCents(expectedTaxable, amount - over);
    });
    chargeCents = checked.cents;
    billedTaxable = addCents(billedTaxable, checked.taxableCents);
  }
  // Fees: the e-waste fee recomputed per covered device; the admin fee against the contract's term.
  const ewaste = feesOf(tables, lines, invoice.date, state);
  findings.push(...citeUncited(ewaste.findings, cite('covered-device-screen-size-missing', 'price schedule (coveredElectronicDevice)')));
  let billedEwaste = 0;
  let billedAdmin = 0;
  let billedOther = 0;
  for (const fee of invoice.fees ?? []) {
    const amount = moneyCents(fee.amount);
    if (ADMIN_FEE_KINDS.has(fee.kind)) billedAdmin = addCents(billedAdmin, amount);
    else if (fee.kind === 'ca-ewaste-recycling-fee') billedEwaste = addCents(billedEwaste, amount);
    else {
      // A fee the packs do not know (a battery fee, a local fee): in both sides as billed, with a note.
      billedOther = addCents(billedOther, amount);
      findings.push(invoiceFinding('invoice-fee-not-checked', 'warn', `A fee of kind "${fee.kind}" (${formatCents(amount)}) is billed; the packs hold no figure for it, so it is not checked.`, cite('invoice-fee-not-checked', 'fees'), { kind: fee.kind, billed: formatCents(amount) }));
    }
  }
  const feeCite = cite('ca-ewaste-recycling-fee', 'fees');
  if (billedEwaste !== ewaste.cents) {
    const over = billedEwaste > ewaste.cents;
    // The fee in force on the date may not be in the packs (the 2026 fee: not found): the expected
    // fee then rests on the last known figure standing in for it, or leaves devices out, and a
    // difference is for the district to check, not an overcharge the library can claim.
    const unknown = ewaste.findings.some((f) => f.code === 'fee-figure-unknown');
    // A credit of more fee than the devices returned carry (or than a buyer outside California owes)
    // is in the district's favour, not an uncollected fee.
    const refundsMore = !over && billedEwaste < 0;
    const message = unknown
      ? `E-waste fees billed ${formatCents(billedEwaste)}; the packs do not have the fee in force on ${invoice.date}, and the covered devices billed come to ${formatCents(ewaste.cents)} at the last known fee (see fee-figure-unknown). Check the billed fee against CalRecycle's schedule for the date before paying.`
      : `E-waste fees billed ${formatCents(billedEwaste)}, but the covered devices billed come to ${formatCents(ewaste.cents)} at the fee in force on ${invoice.date}${over ? '' : refundsMore ? "; the credit is in the district's favour" : '; the district owes an uncollected fee directly'}.`;
    findings.push(invoiceFinding('invoice-fee-mismatch', over && !unknown ? 'block' : refundsMore && !unknown ? 'info' : 'warn', message, feeCite, { kind: 'ca-ewaste-recycling-fee', billed: formatCents(billedEwaste), expected: formatCents(ewaste.cents), ...(unknown ? { feeFigureUnknown: true } : {}) }));
    if (over && !unknown) overcharge = addCents(overcharge, billedEwaste - ewaste.cents);
  }
  const adminAllowed = checkAdminFee(contract.adminFee, billedAdmin, lines, orderBasis, before, cite, findings);
  overcharge = addCents(overcharge, billedAdmin - adminAllowed);
  const feeCents = addCents(addCents(billedEwaste, billedAdmin), billedOther);
  const expectedFeeCents = addCents(addCents(ewaste.cents, adminAllowed), billedOther);
  if (ewaste.taxableCents !== 0) {
    billedTaxable = addCents(billedTaxable, billedEwaste);
    expectedTaxable = addCents(expectedTaxable, ewaste.taxableCents);
  }
  // Tax at the PO's rate, on the billed base (is the vendor's tax right?) and on the expected one.
  const billedTax = invoice.tax === undefined ? 0 : moneyCents(invoice.tax);
  const recomputed = taxOf(billedTaxable, taxRate);
  const taxCite = cite('invoice-tax-mismatch', 'prices');
  if (recomputed === undefined) {
    if (billedTax !== 0) findings.push(invoiceFinding('invoice-tax-not-checked', 'info', `Tax of ${formatCents(billedTax)} is billed; no purchase order taxRate was given to check it at.`, taxCite, { billed: formatCents(billedTax) }));
  } else if (Math.abs(billedTax - recomputed) > 1) {
    const over = billedTax > recomputed;
    findings.push(
      invoiceFinding('invoice-tax-mismatch', over ? 'block' : 'warn', `Tax billed ${formatCents(billedTax)}; ${taxRate} % of the taxable ${formatCents(billedTaxable)} is ${formatCents(recomputed)}${over ? '' : '; the district may owe the difference as use tax'}.`, taxCite, {
        billed: formatCents(billedTax),
        expected: formatCents(recomputed),
        taxRate,
        taxableAmount: formatCents(billedTaxable),
      }),
    );
    if (over) overcharge = addCents(overcharge, billedTax - recomputed);
  }
  const expectedTax = taxOf(expectedTaxable, taxRate) ?? billedTax;
  // The total against the invoice's own parts.
  const parts = addCents(addCents(lines.billedCents, chargeCents), addCents(feeCents, billedTax));
  const total = invoice.total === undefined ? parts : moneyCents(invoice.total);
  if (total !== parts) {
    const over = total > parts;
    findings.push(invoiceFinding('invoice-total-mismatch', over ? 'block' : 'warn', `The invoice total ${formatCents(total)} is not the sum of its parts, ${formatCents(parts)} (lines, charges, fees and tax); ${over ? 'pay the parts' : 'ask the vendor to correct it'}.`, cite('invoice-total-mismatch', 'prices'), { billed: formatCents(total), parts: formatCents(parts) }));
    if (over) overcharge = addCents(overcharge, total - parts);
  }
  const side = (subtotal: Cents, c: Cents, f: Cents, t: Cents, all: Cents): InvoiceAmounts => ({ subtotal: formatCents(subtotal), charges: formatCents(c), fees: formatCents(f), tax: formatCents(t), total: formatCents(all) });
  return {
    charges,
    fees: ewaste.fees,
    billed: side(lines.billedCents, chargeCents, feeCents, billedTax, total),
    expected: side(lines.expectedCents, expectedChargeCents, expectedFeeCents, expectedTax, addCents(addCents(lines.expectedCents, expectedChargeCents), addCents(expectedFeeCents, expectedTax))),
    overchargeCents: overcharge,
  };
}

/**
 * Checks the cooperative's admin fee an invoice bills (`billed`, credits negative), pushing its
 * findings, and returns how much of it the contract allows (`billed` less the overcharge, so an
 * allowance left unbilled is not expected of the invoice, as for charges).
 *
 * Where the contract includes the fee in its prices, or states none, any fee billed is overcharged
 * (`admin-fee-billed-to-member`). Where it adds the fee on top, the fee is an allowance per order,
 * as a charge's is: at most `percent` of `basis().subtotalCents`, less what the order's earlier
 * invoices billed of it. With a PO that subtotal is the PO at contract prices (the tier of the PO's
 * quantities), which is the quote's subtotal, so the quote's `adminFee` is the figure allowed, and
 * the same figure that a percent charge term's allowance is taken of; the vendor may bill it in
 * any part on any of the order's invoices. The lines invoiced so far would be the other base, but
 * it makes the allowance depend on how the order is split (a fee billed on the first of two
 * partial invoices would be over that invoice's share, and not over the whole invoice's), and each
 * partial line is rounded on its own, so the sum could miss the quote's figure by a cent. Without a
 * PO the invoice is its own order (its own lines; earlier invoices are not counted, as for charges).
 *
 * A credit of the fee (on a credit memo for goods returned) is never an overcharge; crediting more
 * than was billed before for the goods returned (their value at contract prices times `percent`,
 * and at most what the order's earlier invoices billed of the fee) is a warn `invoice-fee-mismatch`,
 * for the co-op's fee report. Crediting nothing is fine, whatever was billed before.
 */
function checkAdminFee(admin: Contract['adminFee'], billed: Cents, lines: PricedLines, basis: () => OrderBasis, before: BilledBefore | undefined, cite: Citer, findings: Finding[]): Cents {
  const cited = cite('admin-fee-billed-to-member', 'adminFee');
  if (admin === undefined || admin.includedInPrice) {
    if (billed <= 0) return billed;
    const why = admin === undefined ? 'the contract states no admin fee' : `the contract includes its ${admin.percent} % admin fee in the prices`;
    findings.push(invoiceFinding('admin-fee-billed-to-member', 'block', `An admin fee of ${formatCents(billed)} is billed, but ${why}; the vendor pays it.`, cited, { billed: formatCents(billed) }));
    return 0;
  }
  const previouslyBilled = before?.adminFeeCents ?? 0;
  if (billed > 0) {
    const { subtotalCents } = basis();
    // An order (or, without a PO, an invoice) worth less than nothing allows no fee.
    const allowance = subtotalCents > 0 ? adminFeeOnTopCents(admin, subtotalCents) : 0;
    const limit = Math.max(0, allowance - previouslyBilled);
    if (billed <= limit) return billed;
    const of = before === undefined ? `the invoice's ${formatCents(subtotalCents)} at contract prices` : `the order's ${formatCents(subtotalCents)} (the purchase order at contract prices)`;
    const earlier = previouslyBilled !== 0 ? `, of which the order's earlier invoices billed ${formatCents(previouslyBilled)}` : '';
    findings.push(
      invoiceFinding('invoice-fee-mismatch', 'block', `An admin fee of ${formatCents(billed)} is billed, over the contract's ${admin.percent} % of ${of}, ${formatCents(allowance)}${earlier}: at most ${formatCents(limit)} may be billed.`, cited, {
        kind: 'admin-fee',
        billed: formatCents(billed),
        expected: formatCents(limit),
        basis: formatCents(subtotalCents),
        ...(previouslyBilled !== 0 ? { previouslyBilled: formatCents(previouslyBilled) } : {}),
      }),
    );
    return limit;
  }
  if (billed < 0) {
    // The fee the goods credited here carried, at most what was billed of it before (with a PO).
    let returnedCents = 0;
    for (const l of lines.lines) {
      const c = moneyCents(l.contractExtended);
      if (c < 0) returnedCents = addCents(returnedCents, -c);
    }
    const onReturned = adminFeeOnTopCents(admin, returnedCents);
    const creditable = before === undefined ? onReturned : Math.min(onReturned, Math.max(0, previouslyBilled));
    if (-billed > creditable) {
      findings.push(
        invoiceFinding('invoice-fee-mismatch', 'warn', `An admin fee of ${formatCents(billed)} is credited, more than the ${formatCents(creditable)} billed before for the goods returned (${admin.percent} % of ${formatCents(returnedCents)}${before === undefined ? '' : `, at most the ${formatCents(previouslyBilled)} the order's earlier invoices billed`}); not an overcharge, but the co-op's fee report will not match.`, cited, {
          kind: 'admin-fee',
          billed: formatCents(billed),
          expected: formatCents(-creditable),
          ...(before !== undefined ? { previouslyBilled: formatCents(previouslyBilled) } : {}),
        }),
      );
    }
  }
  return billed;
}
