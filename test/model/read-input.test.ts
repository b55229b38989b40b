import { describe, expect, it } from 'vitest';
import { MAX_INPUT_ARRAY_LENGTH, readInput, readList } from '../../src/model/read-input.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import { junk } from '../fuzz/harness.js';

const huge = (): unknown[] => junk('array of length 2^32 - 1') as unknown[];
const revoked = (): object => junk('revoked Proxy') as object;

describe('readInput: the caller\'s value read once, under a guard, into a private copy', () => {
  it('copies arrays and plain objects (holes, shared references, cycles and an own __proto__ key kept), never returning the caller\'s objects', () => {
    const shared = { a: 1 };
    const sparse: unknown[] = [1];
    sparse[3] = shared;
    const input: Record<string, unknown> = { list: sparse, again: shared, [Symbol.for('s')]: 2 };
    input['self'] = input;
    Object.defineProperty(input, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    const copy = readInput(input, '$', 'input') as Record<string | symbol, unknown>;
    expect(copy).not.toBe(input);
    expect(copy['self']).toBe(copy);
    const list = copy['list'] as unknown[];
    expect(list).not.toBe(sparse);
    expect(list.length).toBe(4);
    expect(1 in list).toBe(false);
    expect(list[3]).toBe(copy['again']);
    expect(list[3]).toEqual({ a: 1 });
    expect(list[3]).not.toBe(shared);
    expect(copy[Symbol.for('s')]).toBe(2);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('calls a getter once: the value validated is the value used (a getter answering differently on a second read cannot matter)', () => {
    let reads = 0;
    const input = Object.defineProperty({}, 'x', { enumerable: true, get: () => (++reads === 1 ? 'valid' : huge()) });
    const copy = readInput(input, '$', 'input') as { x: unknown };
    expect(copy.x).toBe('valid');
    expect(copy.x).toBe('valid');
    expect(reads).toBe(1);
  });

  it('keeps objects that are not plain data (a Date, a Map) as they are, and an object with another prototype on that prototype (its inherited keys still seen)', () => {
    const date = new Date(0);
    const map = new Map([['a', 1]]);
    const proto = { inherited: 'x' };
    const child = Object.assign(Object.create(proto) as Record<string, unknown>, { own: 1 });
    const copy = readInput({ date, map, child }, '$', 'input') as Record<string, Record<string, unknown>>;
    expect(copy['date']).toBe(date);
    expect(copy['map']).toBe(map);
    expect(copy['child']).not.toBe(child);
    expect(Object.getPrototypeOf(copy['child'])).toBe(proto);
    expect(copy['child']!['own']).toBe(1);
  });

  const refusals: [string, () => unknown, string, RegExp][] = [
    ['an array of length 2^32 - 1, before walking it', () => ({ a: { b: huge() } }), '$.a.b', /4294967295 elements; at most 1000000/],
    ['a getter that throws, naming its path', () => ({ a: [1, Object.defineProperty({}, 'x y', { enumerable: true, get: () => { throw new Error('boom'); } })] }), '$.a[1]["x y"]', /could not be read/],
    ['a revoked Proxy, naming its path', () => ({ a: { b: revoked() } }), '$.a.b', /could not be read/],
    ['a Proxy whose traps throw, naming its path', () => ({ list: [new Proxy({}, { ownKeys: () => { throw new Error('trap'); } })] }), '$.list[0]', /could not be read/],
  ];
  for (const [name, make, path, message] of refusals) {
    it(`refuses ${name} with a PaceError naming ${path}`, () => {
      const started = performance.now();
      const error = thrown(() => readInput(make(), '$', 'input'));
      expect(error.code).toBe('invalid-input');
      expect(error.issues).toEqual([{ path, message: expect.stringMatching(message) }]);
      expect(performance.now() - started).toBeLessThan(1_000);
    });
  }

  it('copies an array of the largest accepted length', () => {
    const a: unknown[] = [];
    a.length = MAX_INPUT_ARRAY_LENGTH;
    expect((readInput(a, '$', 'input') as unknown[]).length).toBe(MAX_INPUT_ARRAY_LENGTH);
  });
});

describe('readList: a list read once under a guard', () => {
  it('copies the elements (each read once), and is undefined for a value that is not an array', () => {
    let reads = 0;
    const list = Object.defineProperty([1, 2], 1, { get: () => ++reads });
    expect(readList(list, '$.list', 'list')).toEqual([1, 1]);
    expect(reads).toBe(1);
    expect(readList({ length: 1 }, '$.list', 'list')).toBeUndefined();
  });
  it('refuses an over-long array, a revoked Proxy and a throwing element getter with a PaceError naming the path', () => {
    expect(thrown(() => readList(huge(), '$.list', 'list')).issues.map((i) => i.path)).toEqual(['$.list']);
    expect(thrown(() => readList(revoked(), '$.list', 'list')).issues.map((i) => i.path)).toEqual(['$.list']);
    const throwing = Object.defineProperty([1, 2], 1, { get: () => { throw new Error('boom'); } });
    expect(thrown(() => readList(throwing, '$.list', 'list')).issues.map((i) => i.path)).toEqual(['$.list[1]']);
  });
});
