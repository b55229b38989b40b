// Invariants of procurementMethod: monotone in the amount and in federal money, exact at the
// bid-limit boundary. Failing runs print their seed (fast-check's report).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createPace, type Purchase } from '../../src/index.js';
import { arbCents, arbDate, arbMember, arbSupplyKind, centsToMoney, district, federal } from '../compliance/arbitraries.js';

const pace = createPace();
const RANK = { none: 0, quotes: 1, 'informal-bid': 2, 'formal-bid': 3, 'cooperative-contract': -1 } as const;

const po = (date: string, cents: number, supplyKind: Purchase['supplyKind'], funding?: Purchase['funding']): Purchase => ({
  id: 'po-1', memberId: 'm-oak', date, amount: centsToMoney(cents), supplyKind, ...(funding ? { funding } : {}),
});

describe('procurementMethod invariants', () => {
  test.prop([arbMember, arbDate, arbSupplyKind, arbCents, arbCents, fc.boolean()], { numRuns: 400 })(
    'never gets less strict as the amount grows',
    (member, date, kind, x, y, withFederal) => {
      const [low, high] = x <= y ? [x, y] : [y, x];
      const funding = withFederal ? federal('1.00') : undefined;
      const a = pace.procurementMethod({ member, purchase: po(date, low, kind, funding) });
      const b = pace.procurementMethod({ member, purchase: po(date, high, kind, funding) });
      expect(RANK[b.method]).toBeGreaterThanOrEqual(RANK[a.method]);
    },
  );

  test.prop([arbMember, arbDate, arbSupplyKind, arbCents], { numRuns: 400 })('adding federal money never makes it less strict', (member, date, kind, cents) => {
    const without = pace.procurementMethod({ member, purchase: po(date, cents, kind) });
    const withFederal = pace.procurementMethod({ member, purchase: po(date, cents, kind, federal(centsToMoney(cents))) });
    expect(RANK[withFederal.method]).toBeGreaterThanOrEqual(RANK[without.method]);
  });

  it('flips exactly at the boundary: $114,800.00 none, $114,800.01 formal bid in 2025', () => {
    expect(pace.procurementMethod({ member: district, purchase: po('2025-05-01', 11_480_000, 'goods') }).method).toBe('none');
    expect(pace.procurementMethod({ member: district, purchase: po('2025-05-01', 11_480_001, 'goods') }).method).toBe('formal-bid');
  });
});
