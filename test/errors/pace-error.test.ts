import { describe, expect, it } from 'vitest';
import { PaceError, describeValue, guardInput, isPaceError, MAX_ISSUES } from '../../src/errors/pace-error.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';

describe('PaceError', () => {
  it('names at least one path: built without issues it carries one at $ with its message', () => {
    const e = new PaceError('invalid-input', 'run(facts) expects an object of facts');
    expect(e.issues).toEqual([{ path: '$', message: 'run(facts) expects an object of facts' }]);
    expect(new PaceError('invalid-input', 'x', []).issues).toHaveLength(1);
    expect(Object.isFrozen(e.issues) && Object.isFrozen(e.issues[0])).toBe(true);
  });
  it('keeps the first 100 issues and one more saying how many were left off', () => {
    const issues = Array.from({ length: 130_000 }, (_, i) => ({ path: `$[${i}]`, message: 'bad' }));
    const e = new PaceError('invalid-input', 'many', issues);
    expect(e.issues).toHaveLength(MAX_ISSUES + 1);
    expect(e.issues[MAX_ISSUES - 1]!.path).toBe('$[99]');
    expect(e.issues[MAX_ISSUES]).toEqual({ path: '$', message: 'and 129900 more issues not listed' });
    expect(new PaceError('invalid-input', 'x', issues.slice(0, 101)).issues[100]!.message).toBe('and 1 more issue not listed');
    expect(new PaceError('invalid-input', 'x', issues.slice(0, 100)).issues).toHaveLength(100);
  });
  it('copies the issues it is given, so changing them later changes nothing', () => {
    const issues = [{ path: '$.a', message: 'm' }];
    const e = new PaceError('invalid-input', 'x', issues);
    issues[0]!.path = '$.b';
    issues.push({ path: '$.c', message: 'n' });
    expect(e.issues).toEqual([{ path: '$.a', message: 'm' }]);
  });
});

describe('isPaceError', () => {
  it('never throws, whatever was caught', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); } });
    for (const v of [proxy, trap, null, undefined, 1, 'x', Symbol('s'), 1n, new TypeError('t')]) expect(isPaceError(v)).toBe(false);
    expect(isPaceError(new PaceError('invalid-date', 'bad'))).toBe(true);
  });
});

describe('describeValue', () => {
  it('never throws and never runs the caller\'s code', () => {
    let ran = 0;
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const hostile = { toString: () => { ran++; return 'x'; }, toJSON: () => { ran++; return 'x'; }, get a() { ran++; return 1; } };
    const trap = new Proxy([], { get: () => { ran++; throw new Error('trap'); }, getPrototypeOf: () => { ran++; throw new Error('trap'); } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect([cyclic, hostile, trap, proxy, [cyclic], 10n, Symbol('s'), () => 1, null, undefined, -0, Number.NaN, true].map(describeValue)).toEqual([
      'an object', 'an object', 'an array', 'a value that cannot be described', 'an array', '10n', 'a symbol "s"', 'a function', 'null', 'undefined', '-0', 'NaN', 'true',
    ]);
    expect(ran).toBe(0);
  });
  it('quotes at most 80 characters of any input', () => {
    expect(describeValue('abc')).toBe('"abc"');
    const long = describeValue('y'.repeat(1_000_000));
    expect(long).toBe(`"${'y'.repeat(80)}"… (1000000 characters)`);
    expect(describeValue(10n ** 200n).length).toBeLessThan(110);
    expect(describeValue(Symbol('z'.repeat(500))).length).toBeLessThan(120);
  });
});

describe('guardInput', () => {
  it('turns a getter that throws into a PaceError at the path, keeping the cause', () => {
    const boom = new Error('boom');
    const input = { get amount(): string { throw boom; } };
    const e = thrown(() => guardInput(() => input.amount, '$.purchase.amount'));
    expect(e.code).toBe('invalid-input');
    expect(e.issues).toEqual([{ path: '$.purchase.amount', message: 'could not be read: reading it threw an error: boom' }]);
    expect(e.cause).toBe(boom);
  });
  it('turns stack overflows, TypeErrors and thrown non-errors into PaceErrors with the code asked for', () => {
    const deep = (n: number): number => (n === 0 ? 0 : deep(n - 1) + 1);
    expect(thrown(() => guardInput(() => deep(1e7), '$.rules', 'invalid-pack')).code).toBe('invalid-pack');
    expect(thrown(() => guardInput(() => (null as unknown as { a: number }).a)).issues[0]!.message).toMatch(/TypeError/);
    expect(thrown(() => guardInput(() => { throw Symbol('s'); })).issues[0]!.message).toMatch(/a symbol "s"/);
    const hostile = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } });
    expect(thrown(() => guardInput(() => { throw hostile; })).issues[0]!.path).toBe('$');
  });
  it('lets a PaceError through unchanged and returns what the reader returned', () => {
    const original = new PaceError('invalid-date', 'bad', [{ path: '$.date', message: 'bad' }]);
    expect(thrown(() => guardInput(() => { throw original; }, '$.x'))).toBe(original);
    expect(guardInput(() => 42)).toBe(42);
  });
});
