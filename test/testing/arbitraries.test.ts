import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ContractSchema, MemberSchema, PriceScheduleSchema, PurchaseSchema } from '../../src/index.js';
import { prepareContract } from '../../src/contracts/prepare-contract.js';
import { addDays, addMonths } from '../../src/dates/calendar-date.js';
import { arbCalendarDate, arbContract, arbMember, arbMoney, arbPriceSchedule, arbPurchase } from '../../src/testing/index.js';

describe('pace-rules/testing arbitraries', () => {
  it('generate members, contracts, schedules and purchases that pass the schemas', () => {
    fc.assert(fc.property(arbMember(), (m) => MemberSchema.safeParse(m).success), { numRuns: 300 });
    fc.assert(fc.property(arbPurchase(), (p) => PurchaseSchema.safeParse(p).success), { numRuns: 300 });
    fc.assert(fc.property(arbPriceSchedule(), (s) => PriceScheduleSchema.safeParse(s).success), { numRuns: 300 });
    fc.assert(fc.property(arbContract(), (c) => ContractSchema.safeParse(c).success && prepareContract(c) !== undefined), { numRuns: 300 });
  });

  it('run contract terms, renewals and board authorizations in calendar years, not 365-day ones', () => {
    // A term of n years ends the day before the n-th anniversary of its start, leap days or not
    // (five years from 2024-07-01 end 2029-06-30, not 2029-06-29); each renewal starts the day
    // after the term or the renewal before it and runs one more year.
    const yearsUntil = (from: string, dayAfter: string): number => Number(dayAfter.slice(0, 4)) - Number(from.slice(0, 4));
    fc.assert(
      fc.property(arbContract(), ({ term }) => {
        let years = yearsUntil(term.start, addDays(term.end, 1));
        expect(years).toBeGreaterThanOrEqual(1);
        expect(addDays(term.end, 1)).toBe(addMonths(term.start, 12 * years));
        let previousEnd = term.end;
        for (const renewal of term.renewals ?? []) {
          years++;
          expect(renewal.start).toBe(addDays(previousEnd, 1));
          expect(addDays(renewal.end, 1)).toBe(addMonths(term.start, 12 * years));
          previousEnd = renewal.end;
        }
        expect(years).toBeLessThanOrEqual(5);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(arbMember(), (m) => {
        for (const a of m.boardAuthorizations ?? []) {
          if (a.expiresOn !== undefined) expect(a.expiresOn).toBe(addMonths(a.adoptedOn, 12 * yearsUntil(a.adoptedOn, a.expiresOn)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('honour the member kind and eligibility options', () => {
    fc.assert(fc.property(arbMember({ kind: 'charter-school' }), (m) => m.kind === 'charter-school'), { numRuns: 100 });
    fc.assert(fc.property(arbMember({ eligible: true }), (m) => m.state === 'CA' && m.membership?.status === 'active'), { numRuns: 100 });
  });

  it('put amounts exactly on, one cent under and one cent over the boundaries', () => {
    const seen = new Set(fc.sample(arbMoney({ boundaries: ['114800.00'], boundaryBias: 1 }), 200));
    expect([...seen].sort()).toEqual(['114799.99', '114800.00', '114800.01']);
    const mixed = fc.sample(arbMoney({ boundaries: ['15000.00'], boundaryBias: 0.5, max: '20000' }), 2000);
    const onEdge = mixed.filter((a) => ['14999.99', '15000.00', '15000.01'].includes(a)).length;
    expect(onEdge).toBeGreaterThan(500);
    expect(mixed.every((a) => /^\d+\.\d{2}$/.test(a) && Number(a) <= 20000)).toBe(true);
  });

  it('put dates on the day a figure changes and the day before', () => {
    const dates = fc.sample(arbCalendarDate({ from: '2025-01-01', to: '2025-12-31', boundaries: ['2025-10-01'] }), 1000);
    expect(dates.filter((d) => d === '2025-10-01').length).toBeGreaterThan(50);
    expect(dates.filter((d) => d === '2025-09-30').length).toBeGreaterThan(50);
    expect(dates.every((d) => d >= '2025-01-01' && d <= '2025-12-31')).toBe(true);
  });

  it('make federal funding add up to the purchase amount', () => {
    fc.assert(
      fc.property(arbPurchase({ federal: true }), (p) => {
        const sum = (p.funding ?? []).reduce((a, f) => a + BigInt(String(f.amount).replace('.', '')), 0n);
        return p.funding?.some((f) => f.source === 'federal') === true && sum === BigInt(String(p.amount).replace('.', ''));
      }),
      { numRuns: 200 },
    );
  });
});
