// Every finding of the invoice match cites its ground: the law pack's citation for its code where
// the pack gives one (`pricing.citations`), else the contract's own terms, by number.
import type { Finding, Severity } from '../../decision.js';
import { PRICING_SOURCE } from '../citations.js';
import type { PricingTables } from '../pricing-law.js';

/** A citation and the pack (or built-in source) it comes from. @internal */
export interface Cited {
  readonly citation: string;
  readonly pack: string;
}

/** Cites a finding code: the law pack's citation of `code`, else the contract's `terms` (e.g. "charge terms"). @internal */
export type Citer = (code: string, terms: string) => Cited;

/** The citer of one contract under the packs' pricing tables. @internal */
export function citerOf(tables: PricingTables, contract: { readonly number: string }): Citer {
  return (code, terms) => tables.citations.get(code) ?? { citation: `Contract ${contract.number}, ${terms}`, pack: PRICING_SOURCE };
}

/** A finding of the invoice match. @internal */
export function invoiceFinding(code: string, severity: Severity, message: string, cited: Cited, data: Record<string, unknown>): Finding {
  return { code, severity, message, citation: cited.citation, ruleId: 'pricing.invoice-match', pack: cited.pack, data };
}

/** Gives findings from shared pricing steps without a citation the contract's terms. @internal */
export function citeUncited(findings: readonly Finding[], cited: Cited): Finding[] {
  return findings.map((f) => (f.citation === undefined ? { ...f, citation: cited.citation } : f));
}
