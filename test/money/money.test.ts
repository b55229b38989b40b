import { describe, expect, it } from 'vitest';
import { roundToCents, MoneySchema } from '../../src/index.js';

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
