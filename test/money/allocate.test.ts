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

  // An independent reference in exact rationals: weights as integers over 10^k, shares as
  // fractions cents*w/W. The largest remainders get the leftover cents, ties to the earlier share.
  function reference(totalCents: bigint, weights: string[]): string[] {
    const scale = 10n ** 12n;
    const w = weights.map((x) => {
      const [i, f = ''] = x.split('.');
      return BigInt(i!) * scale + BigInt((f + '0'.repeat(12)).slice(0, 12));
    });
    const sum = w.reduce((a, b) => a + b, 0n);
    const abs = totalCents < 0n ? -totalCents : totalCents;
    const floors = w.map((x) => (abs * x) / sum);
    const rems = w.map((x, i) => abs * x - floors[i]! * sum);
    let left = abs - floors.reduce((a, b) => a + b, 0n);
    const order = rems.map((_, i) => i).sort((a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : a - b));
    for (const i of order) if (left-- > 0n) floors[i]! += 1n;
    return floors.map((c) => {
      const v = totalCents < 0n && c !== 0n ? -c : c;
      const t = (v < 0n ? -v : v).toString().padStart(3, '0');
      return `${v < 0n ? '-' : ''}${t.slice(0, -2)}.${t.slice(-2)}`;
    });
  }

  prop.prop(
    [
      fc.bigInt({ min: -1_000_000_00n, max: 1_000_000_00n }),
      fc.array(fc.oneof(fc.nat({ max: 10_000_000 }).map(String), fc.constantFrom('0', '1', '3', '0.5', '2.25', '1000000.000001')), { minLength: 1, maxLength: 40 }).filter((w) => w.some((x) => Number(x) > 0)),
    ],
    { numRuns: 500 },
  )('matches an exact rational reference, ties and all (string and number weights alike)', (totalCents, weights) => {
    const total = new Decimal(totalCents.toString()).dividedBy(100).toFixed(2);
    const expected = reference(totalCents, weights);
    expect(allocate(total, weights)).toEqual(expected);
    if (weights.every((x) => /^\d+$/.test(x))) expect(allocate(total, weights.map(Number))).toEqual(expected);
  });

  it('breaks ties between equal remainders exactly, whatever the size of the shares', () => {
    // 1/3 of a cent left on each share: equal remainders although the integer parts differ.
    expect(allocate('300000.01', [1, 1, 1])).toEqual(['100000.01', '100000.00', '100000.00']);
    expect(allocate('0.02', ['3000000000', '3', '3'])).toEqual(['0.02', '0.00', '0.00']);
  });
});

