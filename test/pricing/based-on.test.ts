// basedOn chains: a schedule inherits the items it does not list from the schedule it is based
// on; a loop inherits nothing (docs/pricing.md, "basedOn"), whatever order the file lists it in.
import { describe, expect, it } from 'vitest';
import { createPace } from '../../src/index.js';
import { contractWith } from './fixtures.js';

const pace = createPace();
const item = (sku: string, unitPrice: string) => ({ sku, description: sku, price: { kind: 'fixed', unitPrice } });
// a -> c -> b -> a, each listing one item; d (outside the loop) is based on a; e is based on itself.
const schedules = [
  { id: 'a', effectiveFrom: '2024-07-01', effectiveTo: '2024-12-31', basedOn: 'c', currency: 'USD', items: [item('X', '1.00')] },
  { id: 'b', effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30', basedOn: 'a', currency: 'USD', items: [item('Y', '2.00')] },
  { id: 'c', effectiveFrom: '2025-07-01', effectiveTo: '2025-12-31', basedOn: 'b', currency: 'USD', items: [item('Z', '3.00')] },
  { id: 'd', effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30', basedOn: 'a', currency: 'USD', items: [item('W', '4.00')] },
  { id: 'e', effectiveFrom: '2026-07-01', basedOn: 'e', currency: 'USD', items: [item('V', '5.00')] },
];
const asOf: Record<string, string> = { a: '2024-08-01', b: '2025-02-01', c: '2025-08-01', d: '2026-02-01', e: '2026-08-01' };
// What each schedule prices: the loop and the self-loop their own item only; d its own and a's own.
const priced: Record<string, string[]> = { a: ['X'], b: ['Y'], c: ['Z'], d: ['W', 'X'], e: ['V'] };

function permutations<T>(xs: T[]): T[][] {
  return xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

function pricedSkus(contract: unknown, id: string): string[] {
  return ['V', 'W', 'X', 'Y', 'Z'].filter((sku) => {
    try {
      const q = pace.quote({ contract: contract as never, asOf: asOf[id]!, lines: [{ sku, quantity: 1 }] });
      expect(q.priceScheduleId).toBe(id);
      return true;
    } catch (e) {
      expect((e as { code?: string }).code).toBe('unknown-sku');
      return false;
    }
  });
}

describe('basedOn loops', () => {
  it('every schedule on a loop inherits nothing, in whatever order the schedules are listed', () => {
    for (const order of permutations(schedules)) {
      const listed = order.map((s) => s.id).join(',');
      const raw = contractWith(order);
      const prepared = pace.prepareContract(raw);
      for (const id of Object.keys(priced)) {
        expect(pricedSkus(raw, id), `schedule ${id}, listed ${listed}`).toEqual(priced[id]);
        expect(pricedSkus(prepared, id), `schedule ${id}, listed ${listed}, prepared`).toEqual(priced[id]);
      }
    }
  });

  it('checkContract reports each schedule whose chain loops', () => {
    const check = pace.checkContract({ contract: contractWith(schedules) as never });
    expect(check.findings.filter((f) => f.code === 'schedule-based-on-missing').map((f) => (f.data as { schedule: string }).schedule)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it("checkContract says what each schedule inherits, as quote prices it", () => {
    // (d is based on a, on the loop: it inherits a's own item, which the message must not deny)
    const messages = Object.fromEntries(pace.checkContract({ contract: contractWith(schedules) as never }).findings.filter((f) => f.code === 'schedule-based-on-missing').map((f) => [(f.data as { schedule: string }).schedule, f.message]));
    expect(messages['a']).toBe('Schedule "a": basedOn leads back to "a" (a loop): it inherits nothing, and its unlisted items have no price.');
    expect(messages['e']).toBe('Schedule "e": basedOn leads back to "e" (a loop): it inherits nothing, and its unlisted items have no price.');
    expect(messages['d']).toBe('Schedule "d": basedOn leads into a loop at "a": it inherits only what the schedules up to "a" list themselves, and other items have no price.');
    expect(pricedSkus(contractWith(schedules), 'd')).toEqual(['W', 'X']);
    // A chain that breaks further on: f -> g -> "fy24" (no such schedule); f inherits g's item.
    const broken = [
      { id: 'g', effectiveFrom: '2024-07-01', effectiveTo: '2025-06-30', basedOn: 'fy24', currency: 'USD', items: [item('X', '1.00')] },
      { id: 'f', effectiveFrom: '2025-07-01', basedOn: 'g', currency: 'USD', items: [item('Y', '2.00')] },
    ];
    const found = pace.checkContract({ contract: contractWith(broken) as never }).findings.filter((f) => f.code === 'schedule-based-on-missing').map((f) => f.message);
    expect(found).toEqual([
      'Schedule "g": basedOn names "fy24", which is not a schedule of the contract: it inherits nothing, and its unlisted items have no price.',
      'Schedule "f": basedOn chain names "fy24", which is not a schedule of the contract: it inherits only what the schedules before it list, and other items have no price.',
    ]);
    const q = pace.quote({ contract: contractWith(broken) as never, asOf: '2025-08-01', lines: [{ sku: 'X', quantity: 1 }] });
    expect(q.priceScheduleId).toBe('f');
  });
});
