/**
 * A property test of an integration, the way a district ERP team would write one with
 * `pace-rules/testing`: the ERP's own rule "route a PO to the board when the law requires a formal
 * bid and no usable contract covers it" must never let a purchase over the bid limit through
 * without that routing, for ANY member and purchase — with amounts leaning on purpose toward one
 * cent under, at and over every threshold, and dates on the days the figures change.
 *
 * Run: npx tsx examples/integration-property-test.ts
 */
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { createPace, type Member, type Purchase } from 'pace-rules';
import { arbMember, arbPurchase } from 'pace-rules/testing';

const pace = createPace();

/** The ERP's routing rule under test: which approval queue a requisition goes to. */
export function approvalQueue(member: Member, purchase: Purchase): 'board' | 'purchasing' | 'site' {
  const decision = pace.procurementMethod({ member, purchase });
  if (decision.method === 'formal-bid') return 'board';
  if (decision.method === 'none') return 'site';
  return 'purchasing';
}

export function main(): void {
  const pairs = fc
    .tuple(arbMember({ kind: ['school-district', 'county-office', 'charter-school'] }), arbPurchase({ supplyKind: 'goods', date: { from: '2024-07-01', to: '2025-12-31' } }))
    .map(([member, purchase]) => ({ member, purchase: { ...purchase, memberId: member.id } }));

  // Property 1: a school district's goods purchase over the PCC § 20111(a) bid limit in force on
  // its date (with no CUPCCAA election and no federal money) always goes to the board.
  const limitOn = (date: string): bigint => (date < '2025-01-01' ? 11_450_000n : 11_480_000n);
  const cents = (amount: string | number): bigint => BigInt(String(amount).replace('.', ''));
  fc.assert(
    fc.property(pairs, ({ member, purchase }) => {
      if (member.kind !== 'school-district' || purchase.funding?.some((f) => f.source === 'federal')) return true;
      if (cents(purchase.amount) <= limitOn(purchase.date)) return true;
      return approvalQueue(member, purchase) === 'board';
    }),
    { numRuns: 300, seed: 20260101 },
  );

  // Property 2: adding federal money never makes the routing less strict.
  const rank = { site: 0, purchasing: 1, board: 2 } as const;
  fc.assert(
    fc.property(pairs, ({ member, purchase }) => {
      const federal: Purchase = { ...purchase, funding: [{ source: 'federal', program: 'Title I', amount: purchase.amount }] };
      return rank[approvalQueue(member, federal)] >= rank[approvalQueue(member, { ...purchase, funding: [] })];
    }),
    { numRuns: 300, seed: 7 },
  );

  // The generators really do sit on the edges: count purchases exactly at a known threshold.
  const sample = fc.sample(pairs, { numRuns: 1000, seed: 1 });
  const onEdge = sample.filter(({ purchase }) => ['114800.00', '114500.00', '15000.00', '10000.00', '250000.00', '350000.00'].includes(String(purchase.amount))).length;
  console.log(`2 properties held over 300 generated members and purchases each; ${onEdge} of 1000 sampled amounts sat exactly on a threshold.`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
