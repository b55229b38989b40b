import { fc, test } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { roundToCents, MoneySchema } from '../../src/index.js';
import { formatCents, isExactMoney, parseCents, parseMoney } from '../../src/money/index.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';

describe('roundToCents', () => {
  it('rounds half-up by default and half-even when asked', () => {
    expect(roundToCents('2.675')).toBe('2.68');
    expect(roundToCents('2.665')).toBe('2.67');
    expect(roundToCents('2.665', 'half-even')).toBe('2.66');
    expect(roundToCents('2.675', 'half-even')).toBe('2.68');
    expect(roundToCents('-2.665')).toBe('-2.67');
    expect(roundToCents('0.004')).toBe('0.00');
    expect(roundToCents('-0.004')).toBe('0.00');
  });
  it('is exact where floats are not (1.005 * 1000 cases)', () => {
    expect(roundToCents('1.005')).toBe('1.01'); // Math.round(1.005 * 100) / 100 gives 1
    expect(roundToCents('59597.775')).toBe('59597.78');
  });
});

describe('MoneySchema', () => {
  it.each(['0', '1234.50', '12.5', '-3.00', 0, 12, 12.5, 1234.56])('accepts %j', (v) => {
    expect(MoneySchema.safeParse(v).success).toBe(true);
  });
  it.each(['1e3', 'NaN', 'Infinity', '1.005', '', '.5', '1.', '+1', '01', Number.NaN, Number.POSITIVE_INFINITY, 1.005, 1e21, 2 ** 60, null, true])('refuses %j', (v) => {
    expect(MoneySchema.safeParse(v).success).toBe(false);
  });
});

describe('money the library carries exactly', () => {
  it('takes amounts up to 90,071,992,547,409.91 (2^53 - 1 cents) and refuses one cent more, naming the path', () => {
    expect(parseCents('90071992547409.91', '$.amount')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseCents('-90071992547409.91')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(parseCents(12.5)).toBe(1250);
    for (const over of ['90071992547409.92', '-90071992547409.92', '100000000000000000000']) {
      const e = thrown(() => parseMoney(over, '$.purchase.amount'));
      expect(e.code).toBe('invalid-money');
      expect(e.issues).toEqual([{ path: '$.purchase.amount', message: expect.stringMatching(/exactly/) as string }]);
      expect(isExactMoney(over)).toBe(false);
    }
    expect(isExactMoney('90071992547409.91')).toBe(true);
    expect(isExactMoney(Symbol('x'))).toBe(false);
  });
  it('rounds only to amounts it carries exactly, and refuses unknown rounding modes', () => {
    expect(roundToCents('90071992547409.914')).toBe('90071992547409.91');
    expect(thrown(() => roundToCents('90071992547409.915')).code).toBe('invalid-money');
    expect(thrown(() => roundToCents('1.00', 'up' as 'half-up')).issues[0]!.path).toBe('$.mode');
  });
  it('describes values it refuses without running them or quoting more than 80 characters', () => {
    const long = 'x'.repeat(10_000);
    const e = thrown(() => roundToCents(long));
    expect(e.message.length).toBeLessThan(200);
    expect(thrown(() => roundToCents(10n as unknown as string)).message).toMatch(/10n/);
  });
});

describe('formatCents', () => {
  it.each([
    [0, '0.00'], [-0, '0.00'], [5, '0.05'], [-5, '-0.05'], [99, '0.99'], [100, '1.00'], [123450, '1234.50'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'], [-Number.MAX_SAFE_INTEGER, '-90071992547409.91'],
    [0n, '0.00'], [-7n, '-0.07'], [10n ** 30n + 1n, '10000000000000000000000000000.01'],
  ])('formats %s cents as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });
  it('refuses numbers of cents that are not exact', () => {
    for (const bad of [0.5, Number.NaN, 2 ** 53, Number.POSITIVE_INFINITY]) expect(thrown(() => formatCents(bad)).code).toBe('invalid-money');
  });
  test.prop([fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n })])('agrees with Decimal for any cents, and the number form with the BigInt form', (cents) => {
    expect(formatCents(cents)).toBe(new Decimal(cents.toString()).dividedBy(100).toFixed(2).replace(/^-0\.00$/, '0.00'));
    const n = Number(cents);
    if (Number.isSafeInteger(n)) expect(formatCents(n)).toBe(formatCents(cents));
  });
});
