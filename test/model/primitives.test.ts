import { expect, test } from 'vitest';
import { createPace, MoneySchema } from '../../src/index.js';
import { thrownPaceError } from '../support/thrown-pace-error.js';
import { district, purchase } from '../compliance/fixtures.js';

test('amounts are refused beyond what integer cents carry exactly (13 digits before the point)', () => {
  expect(MoneySchema.safeParse('9999999999999.99').success).toBe(true);
  expect(MoneySchema.safeParse('10000000000000.00').success).toBe(false);
  expect(MoneySchema.safeParse(9_999_999_999_999).success).toBe(true);
  expect(MoneySchema.safeParse(10_000_000_000_000).success).toBe(false);
  expect(MoneySchema.safeParse(2 ** 53).success).toBe(false);
});

test('a purchase above the exact range is a PaceError naming the amount, not an inexact comparison', () => {
  const pace = createPace();
  const error = thrownPaceError(() => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '90071992547409.93' } }));
  expect(error.code).toBe('invalid-input');
  expect(error.issues?.map((i) => i.path)).toContain('$.purchase.amount');
  expect(error.issues?.find((i) => i.path === '$.purchase.amount')?.message).toMatch(/13 digits before the point/);
});
