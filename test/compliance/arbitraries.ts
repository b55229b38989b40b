import fc from 'fast-check';
import type { Member, Purchase } from '../../src/index.js';
import { contract, district } from './fixtures.js';

/** Dollar boundaries of the bundled packs; amounts land on, one cent under and one cent over them. */
export const BOUNDARY_DOLLARS = [1000, 10000, 15000, 25000, 50000, 60000, 75000, 114500, 114800, 200000, 220000, 250000, 350000];

export const arbCents: fc.Arbitrary<number> = fc.oneof(
  fc.tuple(fc.constantFrom(...BOUNDARY_DOLLARS), fc.constantFrom(-1, 0, 1)).map(([d, c]) => d * 100 + c),
  fc.integer({ min: 0, max: 60_000_000 }),
);

export const centsToMoney = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** The integer cents of a decimal amount ("1234.5" → 123450), read digit by digit: no float arithmetic on money. */
export function moneyCents(amount: string | number): number {
  const text = String(amount);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

/** Dates around every change: New Year 2024/2025/2026 and the federal change of 2025-10-01. */
export const arbDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2024-12-31', '2025-01-01', '2025-09-30', '2025-10-01', '2025-12-31', '2026-01-01', '2019-01-01', '2018-12-31', '2024-06-30', '2024-07-01'),
  fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

export const arbSupplyKind = fc.constantFrom<Purchase['supplyKind']>('goods', 'services', 'public-works', 'professional-services');

export const arbMember: fc.Arbitrary<Member> = fc
  .record({
    kind: fc.constantFrom<Member['kind']>('school-district', 'county-office', 'charter-school', 'community-college-district', 'joint-powers-authority'),
    cupccaa: fc.boolean(),
    selfCertified: fc.option(fc.constantFrom('25000.00', '50000.00', '75000.00'), { nil: undefined }),
  })
  .map(({ kind, cupccaa, selfCertified }) => ({
    ...district,
    kind,
    ...(cupccaa ? { cupccaa: { optedIn: true, since: '2019-01-01' } } : {}),
    ...(selfCertified ? { federalMicroPurchaseThreshold: { amount: selfCertified, selfCertifiedOn: '2024-07-01' } } : {}),
  }));

export const federal = (amount: string): Purchase['funding'] => [{ source: 'federal', program: 'Title I', amount }];

export { contract, district };
