import { describe, expect, it } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { allocate, isPaceError, type PaceError } from '../../src/index.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';

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


describe('allocate with hostile weights: only PaceError, every issue with a path, the array untouched', () => {
  const refusal = (weights: unknown, total: unknown = '1.00'): PaceError => thrown(() => allocate(total as string, weights as number[]));
  const snapshot = (a: object): string => JSON.stringify(Reflect.ownKeys(a).map((k) => [String(k), Object.getOwnPropertyDescriptor(a, k)]), (_k, v: unknown) => (typeof v === 'function' ? 'fn' : v));

  it('names each hole', () => {
    // eslint-disable-next-line no-sparse-arrays
    const e = refusal([1, , 2, , ]);
    expect(e.code).toBe('invalid-allocation');
    expect(e.issues.map((i) => i.path)).toEqual(['$.weights[1]', '$.weights[3]']);
    expect(e.issues[0]!.message).toMatch(/hole/);
  });
  it('refuses a BigInt, a Symbol, an object and a cyclic array without a TypeError from JSON.stringify', () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    const e = refusal([1, 2n, Symbol('s'), { a: 1 }, cyclic]);
    expect(e.issues.map((i) => i.path)).toEqual(['$.weights[1]', '$.weights[2]', '$.weights[3]', '$.weights[4]']);
    expect(e.issues[0]!.message).toMatch(/2n/);
    expect(refusal(cyclic).issues.map((i) => i.path)).toEqual(['$.weights[1]']);
    const cyclicObject: Record<string, unknown> = {};
    cyclicObject['self'] = cyclicObject;
    expect(refusal(cyclicObject).issues).toEqual([{ path: '$.weights', message: 'expected a non-empty array of weights, got an object' }]);
    expect(refusal([1], cyclicObject).code).toBe('invalid-money');
  });
  it('turns a getter that throws into a PaceError naming the element', () => {
    const weights = [1, 2];
    Object.defineProperty(weights, 1, { get: () => { throw new Error('boom'); }, enumerable: true });
    const e = refusal(weights);
    expect(e.issues).toEqual([{ path: '$.weights[1]', message: expect.stringMatching(/boom/) as string }]);
  });
  it('reads a getter once, so a value that changes on each read cannot pass validation and then be used', () => {
    let reads = 0;
    const weights = [1, 1];
    Object.defineProperty(weights, 0, { get: () => (++reads === 1 ? 1 : -1000), enumerable: true });
    expect(allocate('1.00', weights)).toEqual(['0.50', '0.50']);
    expect(reads).toBe(1);
  });
  it('does not read inherited elements of a hole', () => {
    const weights = [1, 1];
    delete weights[1];
    const proto = Object.create(Array.prototype) as unknown[];
    proto[1] = 5;
    Object.setPrototypeOf(weights, proto);
    expect(refusal(weights).issues.map((i) => i.path)).toEqual(['$.weights[1]']);
  });
  it('turns Proxy traps that throw, and a revoked Proxy, into PaceErrors', () => {
    const trap = new Proxy([1, 2], { getOwnPropertyDescriptor: () => { throw new RangeError('trap'); } });
    expect(refusal(trap).issues[0]!.path).toMatch(/^\$\.weights/);
    const lengthTrap = new Proxy([1, 2], { get: () => { throw new TypeError('no length'); } });
    expect(refusal(lengthTrap).code).toBe('invalid-allocation');
    const { proxy, revoke } = Proxy.revocable([1], {});
    revoke();
    expect(refusal(proxy).code).toBe('invalid-allocation');
    let reads = 0;
    const changing = new Proxy([1, 1], {
      getOwnPropertyDescriptor: (t, k) => {
        const own = Reflect.getOwnPropertyDescriptor(t, k);
        if (k !== '0' || own === undefined) return own;
        reads++;
        return { ...own, value: reads === 1 ? 1 : -1000 };
      },
    });
    expect(allocate('1.00', changing)).toEqual(['0.50', '0.50']);
    expect(reads).toBe(1);
  });
  it('refuses an array claiming more than MAX_WEIGHTS elements before reading any', () => {
    const huge: number[] = [];
    huge.length = 2 ** 32 - 1;
    const started = performance.now();
    expect(refusal(huge).issues).toEqual([{ path: '$.weights', message: expect.stringMatching(/at most 100000 weights/) as string }]);
    expect(performance.now() - started).toBeLessThan(100);
  });
  it('keeps the first 100 issues of many, and says how many more there were', () => {
    const e = refusal(Array.from({ length: 5000 }, () => 'x'));
    expect(e.issues).toHaveLength(101);
    expect(e.issues[99]!.path).toBe('$.weights[99]');
    expect(e.issues[100]).toEqual({ path: '$', message: 'and 4900 more issues not listed' });
  });
  it('never writes to or freezes the caller\'s array', () => {
    const weights: unknown[] = [3, '1.5', 0];
    Object.defineProperty(weights, 'extra', { value: 1, enumerable: false });
    const before = snapshot(weights);
    allocate('10.00', weights as number[]);
    expect(snapshot(weights)).toBe(before);
    expect(Object.isFrozen(weights)).toBe(false);
    const bad: unknown[] = [1, -2, , 'x'];
    const beforeBad = snapshot(bad);
    refusal(bad);
    expect(snapshot(bad)).toBe(beforeBad);
  });
  it('refuses weights beyond 30 digits before the point or 12 after it', () => {
    expect(allocate('1.00', ['1'.repeat(30), '1'.repeat(30)])).toEqual(['0.50', '0.50']);
    expect(refusal(['1'.repeat(31)]).issues[0]!.path).toBe('$.weights[0]');
    expect(refusal(['0.0000000000001']).issues[0]!.message).toMatch(/12 decimal places/);
    expect(refusal([2 ** 60]).issues[0]!.message).toMatch(/safe integer/);
  });
});
