import { expect, test } from 'vitest';
import { allocate, californiaLaw, createPace, loadRulesPack, MoneySchema, PurchaseSchema } from '../../src/index.js';
import { parseDecimal, parseMoney } from '../../src/money/money.js';
import { moneyToCents } from '../../src/compliance/threshold-table.js';
import { moneyCents } from '../../src/pricing/cents.js';
import { centsOf } from '../../src/cli/ledger/cents-text.js';
import { thrownPaceError } from '../support/thrown-pace-error.js';
import { contract, district, purchase } from '../compliance/fixtures.js';

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

test('negative zero ("-0", "-0.00") is read as zero wherever an amount or quantity is read', () => {
  const pace = createPace();
  for (const zero of ['-0', '-0.00']) {
    // the parsing helpers: zero, with no sign left to be taken for a negative amount
    expect(parseMoney(zero).isNegative()).toBe(false);
    expect(parseDecimal(zero, '$', 2, 'invalid-quantity').isNegative()).toBe(false);
    for (const cents of [moneyToCents(zero), moneyCents(zero), centsOf(zero)]) expect(Object.is(cents, 0)).toBe(true);
    // amounts of zero or more: a PO of "-0.00" (no change order), what was spent, a charge proposed
    expect(PurchaseSchema.safeParse({ ...purchase, amount: zero }).success).toBe(true);
    expect(pace.checkEligibility({ member: district, contract, asOf: '2025-03-01', purchase, spentUnderContract: zero }).eligible).toBe(true);
    expect(pace.procurementMethod({ member: district, purchase: { ...purchase, contractId: undefined, amount: zero }, changeOrders: [{ ...purchase, contractId: undefined, id: 'co-1', revisionOf: purchase.id, amount: zero }] }).method).toBe('none');
    expect(allocate('10.00', [zero, 1])).toEqual(['0.00', '10.00']);
  }
  // a pack's threshold of "-0.00" is zero, not a negative threshold
  const { contentHash: _hash, ...raw } = californiaLaw();
  expect(() => loadRulesPack({ ...raw, thresholds: raw.thresholds!.map((t, i) => (i === 0 ? { ...t, amount: '-0.00' } : t)) })).not.toThrow();
});

test('a percentage that is not a decimal gets one message, not also "cannot exceed 100"', () => {
  const pace = createPace();
  const messages = (percent: string): string[] =>
    thrownPaceError(() => pace.prepareContract({ ...contract, adminFee: { percent, includedInPrice: false } }))
      .issues!.filter((i) => i.path === '$.adminFee.percent')
      .map((i) => i.message);
  // (NaN compared with 100 is false: "abc" and "1e3" also got the second message)
  for (const percent of ['abc', '1e3', '-2', '', '12.5%']) expect(messages(percent)).toEqual(['expected a percentage as a decimal string such as "12.5"']);
  expect(messages('100.01')).toEqual(['a percentage cannot exceed 100']);
  expect(pace.prepareContract({ ...contract, adminFee: { percent: '100', includedInPrice: false } }).adminFee?.percent).toBe('100');
});
