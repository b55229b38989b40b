// The state bid limit shown beside a member's spending in a fiscal year (the report's memberYears).
import type { Pace } from '../../index.js';
import { NO_TRACE, centsOf } from './decide-rows.js';

/** The lowest state formal-bid limit for goods in force on July 1 or January 1 of the fiscal year (undefined: none known, or the member is refused). */
export function bidLimitOf(pace: Pace, member: { id: string; member: unknown }, fiscalYear: string): { amount: string; citation: string } | undefined {
  const start = Number(fiscalYear.slice(0, 4));
  let best: { amount: string; citation: string; cents: number } | undefined;
  for (const date of [`${start}-07-01`, `${start + 1}-01-01`]) {
    let decision: ReturnType<Pace['procurementMethod']>;
    try {
      decision = pace.procurementMethod({ member: member.member, purchase: { id: 'bid-limit', memberId: member.id, date, amount: '0.00', supplyKind: 'goods' } } as never, NO_TRACE);
    } catch {
      return undefined;
    }
    for (const t of decision.thresholds) {
      if (!t.applies || t.level !== 'state' || t.method !== 'formal-bid' || t.amount === null) continue;
      const cents = centsOf(t.amount);
      if (!best || cents < best.cents) best = { amount: t.amount, citation: t.citation, cents };
    }
  }
  return best && { amount: best.amount, citation: best.citation };
}
