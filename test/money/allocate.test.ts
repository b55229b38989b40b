import { describe, expect, it } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { allocate, isPaceError } from '../../src/index.js';

const cents = (s: string): bigint => BigInt(s.replace('.', ''));

describe('allocate', () => {
  it('gives the leftover cent to the earliest of equal remainders', () => {
    expect(allocate('100.00', [1, 1, 1])).toEqual(['33.34', '33.33', '33.33']);
    expect(allocate('0.02', [1, 1, 1])).toEqual(['0.01', '0.01', '0.00']);
  });
  it('gives leftover cents to the largest remainders first', () => {
    // exact shares 0.333.., 0.666..: the second has the larger remainder
    expect(allocate('0.01', [1, 2])).toEqual(['0.00', '0.01']);
    expect(allocate('10.00', ['3', '1'])).toEqual(['7.50', '2.50']);
  });
  it('splits a negative total the same way, negated', () => {
    expect(allocate('-100.00', [1, 1, 1])).toEqual(['-33.34', '-33.33', '-33.33']);
  });
  it('gives nothing to zero weights', () => {
    expect(allocate('5.00', [0, 1, 0])).toEqual(['0.00', '5.00', '0.00']);
  });
  it('accepts fractional and string weights exactly', () => {
    expect(allocate('1.00', ['0.1', '0.2'])).toEqual(['0.33', '0.67']);
  });
  it.each([
    [[], 'invalid-allocation'],
    [[0, 0], 'invalid-allocation'],
    [[1, -1], 'invalid-allocation'],
    [[Number.NaN], 'invalid-allocation'],
    [['1e3'], 'invalid-allocation'],
  ])('refuses weights %j with %s', (weights, code) => {
    try {
      allocate('1.00', weights as number[]);
      expect.unreachable();
    } catch (e) {
      expect(isPaceError(e) && e.code).toBe(code);
    }
  });
  it.each(['1.005', 'NaN', 'Infinity', '1e3', '', ' 1', '01.00'])('refuses the total %j', (total) => {
    expect(() => allocate(total, [1])).toThrowError(expect.objectContaining({ code: 'invalid-money' }) as Error);
  });

  prop.prop(
    [
      fc.bigInt({ min: -10_000_000_00n, max: 10_000_000_00n }),
      fc.array(fc.oneof(fc.nat({ max: 1000 }), fc.constantFrom(0, 1, 3, 7)), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0)),
    ],
    { numRuns: 500 },
  )('sums exactly to the total, every share within a cent of its exact pro-rata value', (totalCents, weights) => {
    const total = new Decimal(totalCents.toString()).dividedBy(100).toFixed(2);
    const shares = allocate(total, weights);
    expect(shares).toHaveLength(weights.length);
    expect(shares.reduce((a, s) => a + cents(s), 0n)).toBe(totalCents);
    const sum = weights.reduce((a, b) => a + b, 0);
    shares.forEach((s, i) => {
      const exact = new Decimal(total).times(weights[i]!).dividedBy(sum);
      expect(exact.minus(s).abs().lessThan('0.01')).toBe(true);
    });
  });
});
