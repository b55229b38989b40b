// Contracts for the pricing tests: the boilerplate of a contract with only the schedules varying.
import { fc } from '@fast-check/vitest';

export function contractWith(priceSchedules: unknown[]): Record<string, unknown> {
  return {
    id: 'pace-furn-2024',
    number: 'PACE-24-017',
    title: 'Classroom furniture',
    programId: 'pace',
    leadAgency: { name: 'Example USD', isPublicAgency: true, state: 'CA' },
    solicitation: { number: 'IFB 24-017', kind: 'invitation-for-bids', awardedOn: '2024-05-15', cooperativeUseClause: true, federalProcurementCompliant: true },
    vendor: { id: 'acme', name: 'Acme' },
    categories: ['furniture'],
    supplyKind: 'goods',
    term: { start: '2024-07-01', end: '2027-06-30' },
    eligibleMemberKinds: ['school-district'],
    priceSchedules,
  };
}

export function scheduleOf(items: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'fy25', effectiveFrom: '2024-07-01', currency: 'USD', items, ...extra };
}

export interface TierInput {
  upTo: number | string | null;
  unitPrice: string;
  flatFee?: string;
}

export const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/**
 * A tier table in canonical form: 1-4 tiers, ascending bounds (whole or .5), prices that never rise
 * from one tier to the next (as volume discounts do), optional flat fees.
 */
export const arbTierTable = (options: { fees?: boolean; fractionalBounds?: boolean } = {}): fc.Arbitrary<TierInput[]> =>
  fc
    .record({
      steps: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 3 }),
      half: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      top: fc.integer({ min: 1, max: 500_00 }),
      drops: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }),
      fees: fc.array(fc.option(fc.integer({ min: 0, max: 200_00 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ steps, half, top, drops, fees }) => {
      const tiers: TierInput[] = [];
      let bound = 0;
      let price = top;
      for (let i = 0; i <= steps.length; i++) {
        const last = i === steps.length;
        let upTo: number | string | null = null;
        if (!last) {
          bound += steps[i]!;
          upTo = options.fractionalBounds && half[i] ? `${bound}.5` : bound;
        }
        const tier: TierInput = { upTo, unitPrice: cents(price) };
        const fee = fees[i];
        if (options.fees && fee !== undefined) tier.flatFee = cents(fee);
        tiers.push(tier);
        price = Math.max(0, price - drops[i]!);
      }
      return tiers;
    });

/** Quantities at, just under, just over and half over each bound of a table, plus zero and a far one. */
export function boundaryQuantities(tiers: readonly TierInput[]): (number | string)[] {
  const out: (number | string)[] = [0, 1, 1000];
  for (const t of tiers) {
    if (t.upTo === null) continue;
    const b = Number(t.upTo);
    out.push(String(t.upTo), Math.max(0, Math.ceil(b) - 1), Math.floor(b) + 1, `${Math.floor(b)}.5`);
    if (!Number.isInteger(b)) out.push(Math.floor(b), Math.ceil(b));
  }
  return out;
}

/** A quantity that is usually on a tier boundary of the table. */
export const arbQuantityFor = (tiers: readonly TierInput[]): fc.Arbitrary<number | string> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...boundaryQuantities(tiers)) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3000 }).map((n) => `${Math.floor(n / 10)}.${n % 10}`) });

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
