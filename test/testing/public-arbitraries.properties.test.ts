// Our own property tests, written with the arbitraries we ship in pace-rules/testing (dogfooding):
// amounts lean toward one cent under, at and over every threshold of the bundled pack, dates
// toward the days figures change.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { createPace, type Purchase } from '../../src/index.js';
import { arbContract, arbMember, arbMoney, arbPurchase } from '../../src/testing/index.js';

const pace = createPace();
const STRICTNESS = { none: 0, quotes: 1, 'informal-bid': 2, 'formal-bid': 3 } as const;
const arbCase = fc.tuple(arbMember(), arbPurchase()).map(([member, purchase]) => ({ member, purchase: { ...purchase, memberId: member.id } }));

describe('procurementMethod on generated members and purchases', () => {
  test.prop([arbCase, arbMoney({ max: '500000' })], { numRuns: 300 })('never gets less strict when the amount grows', ({ member, purchase }, other) => {
    const [low, high] = new Decimal(purchase.amount).lessThanOrEqualTo(other) ? [String(purchase.amount), other] : [other, String(purchase.amount)];
    const scale = (amount: string): Purchase => ({ ...purchase, amount, ...(purchase.funding ? { funding: [{ source: 'federal', amount }] } : {}) });
    const a = pace.procurementMethod({ member, purchase: scale(low) });
    const b = pace.procurementMethod({ member, purchase: scale(high) });
    expect(STRICTNESS[b.method as keyof typeof STRICTNESS]).toBeGreaterThanOrEqual(STRICTNESS[a.method as keyof typeof STRICTNESS]);
  });

  test.prop([arbCase], { numRuns: 300 })('lists every threshold with applies/exceeded, and requiresFormalBid matches a formal-bid method', ({ member, purchase }) => {
    const d = pace.procurementMethod({ member, purchase });
    expect(d.method).not.toBe('cooperative-contract'); // no contract given
    expect(d.requiresFormalBid).toBe(d.method === 'formal-bid');
    for (const t of d.thresholds) {
      expect(['>', '>=', '<=']).toContain(t.comparison);
      if (t.amount !== null) {
        const amount = new Decimal(purchase.amount);
        const exceeded = t.comparison === '>=' ? amount.greaterThanOrEqualTo(t.amount) : amount.greaterThan(t.amount);
        expect(t.exceeded, `${t.id} ${t.comparison} ${t.amount} for ${purchase.amount}`).toBe(exceeded);
      }
    }
    expect(d.rulesVersion).toBe(pace.rulesVersion);
  });
});

describe('auditChecklist and checkEligibility on generated contracts', () => {
  test.prop([arbCase, arbContract()], { numRuns: 200 })('complete exactly when nothing required is missing; same answer for a JSON round trip', ({ member, purchase }, contract) => {
    const input = { member, purchase: { ...purchase, contractId: contract.id }, contract };
    const d = pace.auditChecklist(input);
    const missing = d.items.filter((i) => i.required && i.status === 'missing').map((i) => i.id);
    expect(d.missing).toEqual(missing);
    expect(d.complete).toBe(missing.length === 0);
    expect(d.items.filter((i) => !i.required).every((i) => i.status === 'not-applicable')).toBe(true);
    expect(pace.auditChecklist(JSON.parse(JSON.stringify(input)) as typeof input)).toEqual(d);
    const e = pace.checkEligibility({ member, contract, asOf: purchase.date, purchase: input.purchase });
    expect(e.eligible).toBe(!e.findings.some((f) => f.severity === 'block'));
  });
});

describe('quote on generated price schedules', () => {
  test.prop([arbContract(), fc.nat({ max: 2000 })], { numRuns: 300 })('lines add up to the subtotal, each to the cent', (contract, quantity) => {
    const schedule = contract.priceSchedules[0]!;
    const lines = schedule.items.map((item) => ({ sku: item.sku, quantity }));
    const q = pace.quote({ contract, asOf: schedule.effectiveFrom, lines });
    const sum = q.lines.reduce((a, l) => a.plus(l.extended), new Decimal(0));
    expect(sum.toFixed(2)).toBe(q.subtotal);
    for (const l of q.lines) expect(l.extended).toMatch(/^\d+\.\d{2}$/);
  });
});
