// batch's answer encoder writes exactly the bytes of JSON.stringify(answer) + '\n' (UTF-8), on
// sequences of values where each one shares most of its text with the one before (what the encoder
// reuses) and on values it must hand to JSON.stringify whole. Failing runs print their seed
// (fast-check's report); FC_NUM_RUNS raises the number of runs locally.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/cli/batch.js';
import { AnswerEncoder } from '../../src/cli/batch-json.js';
import { createPace } from '../../src/index.js';
import { arbMember, arbPurchase } from '../../src/testing/index.js';

const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 100);

/** What JSON.stringify writes, one line per value. */
function expected(values: readonly unknown[]): Buffer {
  return Buffer.from(values.map((v) => `${JSON.stringify(v)}\n`).join(''), 'utf8');
}

function encoded(encoder: AnswerEncoder, values: readonly object[]): Buffer {
  for (const v of values) encoder.add(v);
  return Buffer.from(encoder.take());
}

/** Strings JSON.stringify escapes or writes as several UTF-8 bytes. */
const arbHostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\ud800', '\udfff', 'a\udc00b', '\ud83d\ude00', '§', 'é', '\uffff', '</script>', '', 'toJSON'),
  fc.array(fc.constantFrom('"', '\\', '\n', '\u2028', '\ud800', '\udc00', '\ud83d\ude00', '§', 'x', '\u0001'), { maxLength: 12 }).map((parts) => parts.join('')),
);
const arbLeaf = fc.oneof(
  arbHostileString,
  fc.double(),
  fc.constantFrom(0, -0, 1, 1e21, 1e-7, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
/** Plain data: objects (keys hostile too, and integer-like), arrays, leaves, undefined (omitted). */
const { value: arbValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arbLeaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(arbHostileString, fc.constantFrom('id', '0', '10', '2', 'detail', '__proto__x')), tie('value'), { maxKeys: 5 }),
  ),
}));
const arbAnswer = fc.dictionary(fc.string({ maxLength: 4 }), arbValue, { maxKeys: 4 });

/** A copy of `value` with one leaf (chosen by `pick`) replaced by `leaf`, or unchanged. */
function changed(value: unknown, pick: number, leaf: unknown): unknown {
  let n = pick;
  const walk = (v: unknown): unknown => {
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) return v.map(walk);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return n-- === 0 ? leaf : v;
  };
  return walk(value);
}

describe('batch answer encoder', () => {
  test.prop([arbAnswer, fc.array(fc.tuple(fc.nat(40), arbLeaf), { minLength: 1, maxLength: 8 })], { numRuns: RUNS })(
    'writes JSON.stringify\'s bytes for answers that differ from the one before in one leaf',
    (first, changes) => {
      const values: object[] = [first];
      for (const [pick, leaf] of changes) values.push(changed(values[values.length - 1], pick, leaf) as object);
      const encoder = new AnswerEncoder();
      expect(encoded(encoder, values).equals(expected(values))).toBe(true);
      // and again with every position known (all reused)
      expect(encoded(encoder, values).equals(expected(values))).toBe(true);
    },
  );

  test.prop([fc.array(arbAnswer, { minLength: 1, maxLength: 6 })], { numRuns: RUNS })('writes JSON.stringify\'s bytes for unrelated answers in a row', (values) => {
    const encoder = new AnswerEncoder();
    expect(encoded(encoder, values).equals(expected(values))).toBe(true);
    expect(encoded(encoder, [...values].reverse()).equals(expected([...values].reverse()))).toBe(true);
  });

  it('hands what is not plain data to JSON.stringify (toJSON, prototypes, boxed values, bigint)', () => {
    class Entry {
      constructor(readonly id: string) {}
    }
    const values: object[] = [
      { id: 1, when: new Date(Date.UTC(2026, 1, 10)) },
      { id: 2, entry: new Entry('x') },
      { id: 3, own: { toJSON: (key: string) => `key ${key}` } },
      { id: 4, boxed: [new String('s'), new Number(2), new Boolean(false)] },
      { id: 5, none: Object.assign(Object.create(null) as object, { a: 1 }) },
      { id: 6, list: Object.assign([1, 2], { toJSON: () => 'list' }) },
      { id: 7, plain: { a: [1, { b: '\ud800' }] } },
    ];
    const encoder = new AnswerEncoder();
    expect(encoded(encoder, values).equals(expected(values))).toBe(true);
    expect(encoded(encoder, values).equals(expected(values))).toBe(true);
    expect(() => encoder.add({ n: 1n })).toThrow(TypeError);
    encoder.take();
    expect(encoded(encoder, values).equals(expected(values))).toBe(true);
  });

  it('hands every answer to JSON.stringify while a prototype has an enumerable property or a toJSON', () => {
    const values = [{ a: 1, b: [1, { c: 'x' }] }, { a: 2, b: [1, { c: 'x' }] }];
    const changes: [object, string, PropertyDescriptor][] = [
      [Object.prototype, 'extra', { value: 1, enumerable: true, configurable: true, writable: true }],
      [Object.prototype, 'toJSON', { value: () => 'object', configurable: true, writable: true }],
      [Array.prototype, 'toJSON', { value: () => 'array', configurable: true, writable: true }],
    ];
    for (const [proto, key, descriptor] of changes) {
      const encoder = new AnswerEncoder();
      expect(encoded(encoder, values).equals(expected(values))).toBe(true); // (positions known)
      Object.defineProperty(proto, key, descriptor);
      try {
        expect(encoded(encoder, values).equals(expected(values))).toBe(true);
      } finally {
        delete (proto as Record<string, unknown>)[key];
      }
      expect(encoded(encoder, values).equals(expected(values))).toBe(true);
    }
  });

  it('keeps no half-updated position when an answer throws part way (a getter that throws)', () => {
    const encoder = new AnswerEncoder();
    const before = { x: { a: 1, b: 2, c: 3 } };
    expect(encoded(encoder, [before]).equals(expected([before]))).toBe(true);
    const throwing = {
      x: {
        p: 1,
        q: 2,
        get r(): number {
          throw new Error('boom');
        },
      },
    };
    expect(() => encoder.add(throwing)).toThrow('boom');
    encoder.discard();
    const after = { x: { p: 1, q: 2, r: 3 } };
    expect(encoded(encoder, [after]).equals(expected([after]))).toBe(true);
  });

  it('writes deep, wide and large answers (beyond what it keeps) as JSON.stringify does', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = i % 2 === 0 ? { [`k${i}`]: deep, n: i } : [deep, i];
    const wide = { list: Array.from({ length: 3000 }, (_, i) => ({ i, s: `s${i}` })) };
    const large = { text: 'x§'.repeat(300_000), list: Array.from({ length: 900 }, (_, i) => 'y'.repeat(400) + String(i)) };
    const many = { rows: Array.from({ length: 1000 }, (_, i) => ({ a: i, b: [i, { c: i }], d: 'z' })) };
    const values = [deep as object, wide, large, many, { small: 1 }, deep as object, many];
    const encoder = new AnswerEncoder();
    expect(encoded(encoder, values).equals(expected(values))).toBe(true);
    expect(encoded(encoder, values).equals(expected(values))).toBe(true);
  });

  it('writes the answers of generated procurement-method and checklist requests as JSON.stringify does', () => {
    const pace = createPace();
    const generated = fc.sample(fc.tuple(arbMember(), arbPurchase(), fc.constantFrom('procurement-method', 'audit-checklist', 'check-eligibility'), fc.boolean()), { numRuns: 150, seed: 13 });
    const requests: string[] = generated.map(([member, purchase, op, trace], i) =>
      JSON.stringify({ id: i, op, input: op === 'check-eligibility' ? { member, purchase, asOf: purchase.date } : { member, purchase }, ...(trace ? {} : { options: { trace: false } }) }),
    );
    const example = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'data', 'purchase.json'), 'utf8')) as { member: unknown; purchase: Record<string, unknown> };
    for (let i = 0; i < 200; i++) requests.push(JSON.stringify({ id: `r${i}`, op: 'procurement-method', input: { member: example.member, purchase: { ...example.purchase, amount: `${1000 + i * 997}.00` } } }));
    requests.push('not json', '{"id":"\\ud800\\u2028","op":"fly"}');
    const answers = requests.map((line) => answer(pace, new Map(), line));
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(150);
    const encoder = new AnswerEncoder();
    expect(encoded(encoder, answers).equals(expected(answers))).toBe(true);
  });
});
