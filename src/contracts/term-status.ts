import type { Contract } from '../model/contract.js';

/**
 * Where a date falls in a contract's term: `in-force` (in the term or in an exercised renewal),
 * `unexercised-renewal` (only in a renewal option not exercised), or `outside`.
 * @internal
 */
export type TermStatus = 'in-force' | 'unexercised-renewal' | 'outside';

/** The {@link TermStatus} of a date (`YYYY-MM-DD`) in a contract's term. @internal */
export function termStatus(contract: Pick<Contract, 'term'>, date: string): TermStatus {
  const term = contract.term;
  if (term.start <= date && date <= term.end) return 'in-force';
  let status: TermStatus = 'outside';
  for (const r of term.renewals ?? []) {
    if (r.start <= date && date <= r.end) {
      if (r.exercised) return 'in-force';
      status = 'unexercised-renewal';
    }
  }
  return status;
}
