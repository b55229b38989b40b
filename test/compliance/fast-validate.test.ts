import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { isMoneyText, isPlainValidMember, isPlainValidPurchase } from '../../src/compliance/fast-validate.js';
import { moneyToCents } from '../../src/compliance/threshold-table.js';
import { MemberSchema, PurchaseSchema } from '../../src/index.js';
import { district, purchase } from './fixtures.js';

// The fast checks may refuse a valid value (the schema then decides), never accept an invalid one.
const oddValue = fc.oneof(fc.anything(), fc.constantFrom('', '2025-02-30', '1.005', '-1.00', 'CA ', 'active', 'goods', -1, Number.NaN, null, [], {}));

function mutate(base: object, paths: string[][]): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...paths), oddValue).map(([path, value]) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    let cur: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
      cur = cur[key] as Record<string, unknown>;
    }
    cur[path.at(-1)!] = value;
    return copy;
  });
}

const memberPaths = [['id'], ['name'], ['kind'], ['districtType'], ['state'], ['averageDailyAttendance'], ['membership'], ['membership', 'status'], ['membership', 'since'], ['membership', 'until'], ['boardAuthorizations'], ['boardAuthorizations', '0', 'adoptedOn'], ['boardAuthorizations', '0', 'scope'], ['boardAuthorizations', '0', 'scope', 'programIds'], ['cupccaa'], ['federalMicroPurchaseThreshold'], ['extra']];
const purchasePaths = [['id'], ['memberId'], ['date'], ['amount'], ['supplyKind'], ['category'], ['vendorId'], ['funding'], ['documents'], ['emergency'], ['extra']];

test.prop([mutate(district, memberPaths)], { numRuns: 600 })('a member the fast check accepts, the schema accepts', (m) => {
  if (isPlainValidMember(m)) expect(MemberSchema.safeParse(m).success).toBe(true);
});
test.prop([mutate({ ...purchase, funding: [{ source: 'federal', amount: '1.00' }], documents: [{ kind: 'x' }] }, [...purchasePaths, ['funding', '0', 'amount'], ['funding', '0', 'source'], ['documents', '0', 'kind'], ['documents', '0', 'date']])], { numRuns: 600 })(
  'a purchase the fast check accepts, the schema accepts',
  (p) => {
    if (isPlainValidPurchase(p)) expect(PurchaseSchema.safeParse(p).success).toBe(true);
  },
);
test('the fixtures take the fast path', () => {
  expect(isPlainValidMember(district)).toBe(true);
  expect(isPlainValidPurchase(purchase)).toBe(true);
});

test.prop([fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(0, 1, 2), fc.boolean()])('moneyToCents reads every money string exactly', (cents, decimals, negative) => {
  const whole = cents / 100n;
  const frac = cents % 100n;
  const text = decimals === 0 ? `${cents}` : decimals === 1 ? `${whole}.${frac / 10n}` : `${whole}.${String(frac).padStart(2, '0')}`;
  const expected = decimals === 0 ? Number(cents) * 100 : decimals === 1 ? Number(whole) * 100 + Number(frac / 10n) * 10 : Number(cents);
  expect(moneyToCents((negative ? '-' : '') + text)).toBe(negative ? -expected : expected);
});

const moneyLike = fc.oneof(
  fc.stringMatching(/^-?\d{0,4}(?:\.\d{0,3})?$/u),
  fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', ' ', 'e', 'x'), maxLength: 8 }),
  fc.constantFrom('', '-', '.', '0', '00', '-0', '0.', '.5', '1.5', '1.50', '1.505', '01', '-01.00', '10.0', '1e3', ' 1', '1 ', '١'),
);
test.prop([moneyLike, fc.boolean()], { numRuns: 3000 })('isMoneyText accepts exactly what the money pattern accepts', (text, signed) => {
  const pattern = signed ? /^-?(?:0|[1-9]\d*)(?:\.\d{1,2})?$/u : /^(?:0|[1-9]\d*)(?:\.\d{1,2})?$/u;
  expect(isMoneyText(text, signed)).toBe(pattern.test(text));
});

test('a member or purchase that is not a plain object is judged by the schema alone when the fast check refuses it', () => {
  class Member { constructor() { Object.assign(this, district); } }
  expect(isPlainValidMember(new Member())).toBe(MemberSchema.safeParse(new Member()).success);
  expect(isPlainValidMember(Object.assign(Object.create(null), district))).toBe(true);
  expect(isPlainValidMember(Object.assign(Object.create({ extra: 1 }), district))).toBe(false);
});
