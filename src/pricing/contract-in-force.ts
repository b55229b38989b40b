import type { Finding } from '../decision.js';
import { termStatus } from '../contracts/term-status.js';
import type { Contract } from '../model/contract.js';
import { PRICING_SOURCE } from './citations.js';
import type { PricingTables } from './pricing-law.js';

/** Whether the contract's term, or one of its exercised renewals, covers the date. @internal */
export function isContractInForce(contract: Pick<Contract, 'term'>, date: string): boolean {
  return termStatus(contract, date) === 'in-force';
}

/**
 * The block finding `contract-not-in-force` when the date is outside the term and every exercised
 * renewal (citation from the law pack), else `undefined`.
 * @internal
 */
export function contractNotInForce(contract: Pick<Contract, 'id' | 'term'>, date: string, tables: PricingTables, what: string): Finding | undefined {
  if (isContractInForce(contract, date)) return undefined;
  const cited = tables.citations.get('contract-not-in-force');
  const renewals = (contract.term.renewals ?? []).filter((r) => r.exercised);
  const finding: Finding = {
    code: 'contract-not-in-force',
    severity: 'block',
    message: `Contract "${contract.id}" is not in force on ${date} (the ${what} date): its term runs ${contract.term.start} to ${contract.term.end}${renewals.length > 0 ? `, exercised renewals ${renewals.map((r) => `${r.start} to ${r.end}`).join(', ')}` : ''}.`,
    ruleId: 'pricing.contract-in-force',
    pack: cited?.pack ?? PRICING_SOURCE,
    data: { date, termStart: contract.term.start, termEnd: contract.term.end },
  };
  if (cited !== undefined) finding.citation = cited.citation;
  return finding;
}
