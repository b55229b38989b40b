// Regressions for the hostile inputs the fuzz suite (fuzz.test.ts) once had to exclude: each is a
// PaceError naming the part now, at once, with the caller's input unchanged. The fuzz seed is given
// where a seed found it (replay: PACE_FUZZ_SEED=<seed> npx vitest run --project unit test/fuzz -t <name>).
import { describe, expect, it } from 'vitest';
import { compileRules, createPace, loadRulesPack } from '../../src/index.js';
import { oakValleyPolicy } from '../../examples/district-policy.js';
import { contract, district, purchase } from '../compliance/fixtures.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import { contractWith, scheduleOf } from '../pricing/fixtures.js';
import { cloneJson, junk, register, snapshot } from './harness.js';

const pace = createPace();

const huge = (): unknown[] => junk('array of length 2^32 - 1') as unknown[];
const revoked = (): object => junk('revoked Proxy') as object;
const throwingProxy = <T extends object>(target: T, traps: ProxyHandler<T>): T => register(new Proxy(target, traps));
const throwingGetter = <T extends object>(target: T, key: string): T =>
  Object.defineProperty(target, key, { enumerable: true, configurable: true, get: () => { throw new Error(`planted: ${key}`); } });
/** A getter that gives `first` on its first read, then `later` (a new one each time). */
const changingGetter = <T extends object>(target: T, key: string, first: unknown, later: () => unknown): T => {
  let reads = 0;
  return Object.defineProperty(target, key, { enumerable: true, configurable: true, get: () => (++reads === 1 ? first : later()) });
};

/** The PaceError `call` throws within a second, with the input left as it was. */
function refused(input: unknown, call: (input: unknown) => unknown): { paths: string[]; message: string } {
  const before = snapshot(input);
  const started = performance.now();
  const error = thrown(() => call(input));
  expect(performance.now() - started).toBeLessThan(1_000);
  expect(snapshot(input)).toEqual(before);
  return { paths: error.issues.map((i) => i.path), message: error.message };
}

describe('the compliance decisions read a part the fast parser refused once, into a copy the schema validates', () => {
  // The fuzz worker that "exited unexpectedly": the fast parser read a getter (a valid value), refused
  // the member for another reason (here an unknown key), and zod read the getter again, got an array
  // of length 2^32 - 1, and ran out of memory filling a result of that length.
  it('a getter answering an array of length 2^32 - 1 on its second read is not read twice (the worker crash)', () => {
    const member = changingGetter({ ...cloneJson(district), unexpected: 1 }, 'boardAuthorizations', [], huge);
    const { paths } = refused({ member, purchase }, (input) => pace.procurementMethod(input as never));
    expect(paths).toEqual(['$.member.boardAuthorizations']);
  });
  for (const [name, call] of [
    ['checkEligibility', (member: unknown) => pace.checkEligibility({ member, contract, asOf: '2025-03-01', purchase } as never)],
    ['procurementMethod', (member: unknown) => pace.procurementMethod({ member, purchase } as never)],
    ['auditChecklist', (member: unknown) => pace.auditChecklist({ member, purchase } as never)],
  ] as const) {
    it(`${name}: a throwing getter, a throwing Proxy and a revoked Proxy deep in the member are PaceErrors naming where`, () => {
      const withGetter = cloneJson(district) as Record<string, unknown>;
      withGetter['boardAuthorizations'] = [throwingGetter({ ...(district.boardAuthorizations?.[0] ?? {}) }, 'adoptedOn')];
      expect(refused(withGetter, call).paths).toEqual(['$.member.boardAuthorizations[0].adoptedOn']);
      expect(refused({ ...cloneJson(district), boardAuthorizations: [revoked()] }, call).paths).toEqual(['$.member.boardAuthorizations[0]']);
      const trapped = throwingProxy(cloneJson(district) as object, { getPrototypeOf: () => { throw new Error('trap'); } });
      expect(refused(trapped, call).paths).toEqual(['$.member']);
    });
  }
  it('changeOrders: a revoked Proxy, a throwing trap and a throwing element getter are PaceErrors (Array.isArray of a revoked Proxy was a TypeError; the fuzz now generates change orders)', () => {
    const order = { ...purchase, id: 'co-1', revisionOf: purchase.id, amount: '100.00' };
    for (const call of [(input: unknown) => pace.auditChecklist(input as never), (input: unknown) => pace.procurementMethod(input as never)]) {
      expect(refused({ member: district, purchase, changeOrders: revoked() }, call).paths).toEqual(['$.changeOrders']);
      expect(refused({ member: district, purchase, changeOrders: throwingProxy([order], { get: () => { throw new Error('trap'); } }) }, call).paths).toEqual(['$.changeOrders']);
      expect(refused({ member: district, purchase, changeOrders: throwingGetter([order, order], '1') }, call).paths).toEqual(['$.changeOrders[1]']);
    }
  });
  it('a revoked Proxy as asOf is a PaceError naming $.asOf (describing the value no longer throws)', () => {
    expect(refused({ member: district, contract, asOf: revoked() }, (input) => pace.checkEligibility(input as never)).paths).toEqual(['$.asOf']);
  });
});

describe('findSplitPurchases reads its list once under a guard', () => {
  const po = { ...purchase, contractId: undefined };
  it('an array of length 2^32 - 1 as the list is refused at once, naming $.purchases', () => {
    expect(refused(huge(), (list) => pace.findSplitPurchases(list as never)).paths).toEqual(['$.purchases']);
  });
  it('a revoked Proxy, a Proxy whose traps throw and a throwing element getter are PaceErrors naming the list or the element', () => {
    expect(refused(revoked(), (list) => pace.findSplitPurchases(list as never)).paths).toEqual(['$.purchases']);
    expect(refused(throwingProxy([po], { get: () => { throw new Error('trap'); } }), (list) => pace.findSplitPurchases(list as never)).paths).toEqual(['$.purchases']);
    expect(refused(throwingGetter([po, po], '1'), (list) => pace.findSplitPurchases(list as never)).paths).toEqual(['$.purchases[1]']);
  });
  it('options read once: a throwing getter or trap in the options is a PaceError naming where', () => {
    expect(refused(throwingGetter({}, 'window'), (options) => pace.findSplitPurchases([po] as never, options as never)).paths).toEqual(['$.options.window']);
    expect(refused(throwingProxy({}, { ownKeys: () => { throw new Error('trap'); } }), (options) => pace.findSplitPurchases([po] as never, options as never)).paths).toEqual(['$.options']);
  });
});

describe('pricing reads its input once under a guard (validate once, use the validated copy)', () => {
  const priced = (): Record<string, unknown> => contractWith([scheduleOf([{ sku: 'desk', description: 'Desk', price: { kind: 'fixed', unitPrice: '100.00' } }])]);
  const order = (): Record<string, unknown> => ({ contract: priced(), asOf: '2025-03-01', lines: [{ sku: 'desk', quantity: 2 }] });
  it('prepareContract: a throwing getter in the contract is a PaceError naming it (it escaped as itself)', () => {
    const raw = priced();
    throwingGetter(raw, 'leadAgency');
    expect(refused(raw, (c) => pace.prepareContract(c)).paths).toEqual(['$.leadAgency']);
  });
  it('prepareContract: a getter answering a revoked Proxy on its second read is read once (it was a TypeError in the price index)', () => {
    const raw = priced() as { priceSchedules: { items: Record<string, unknown>[] }[] };
    const item = raw.priceSchedules[0]!.items[0]!;
    changingGetter(item, 'price', item['price'], revoked);
    expect(pace.prepareContract(raw).priceSchedules[0]!.items[0]!.price).toEqual({ kind: 'fixed', unitPrice: '100.00' });
  });
  it('prepareContract: an array of length 2^32 - 1 is refused at once (zod ran for minutes and out of memory)', () => {
    expect(refused({ ...priced(), categories: huge() }, (c) => pace.prepareContract(c)).paths).toEqual(['$.categories']);
  });
  for (const [name, call] of [
    ['quote', (input: unknown) => pace.quote(input as never)],
    ['quoteGroupBuy', (input: unknown) => pace.quoteGroupBuy({ contract: (input as { contract: unknown }).contract, asOf: '2025-03-01', orders: [{ memberId: 'm-1', lines: (input as { lines: unknown }).lines }] } as never)],
    ['verifyInvoice', (input: unknown) => pace.verifyInvoice({ contract: (input as { contract: unknown }).contract, invoice: { date: '2025-03-01', lines: (input as { lines: unknown }).lines } } as never)],
  ] as const) {
    it(`${name}: a throwing getter or a revoked Proxy in a line is a PaceError naming it ("e.issues is not iterable" before)`, () => {
      const input = order();
      throwingGetter((input['lines'] as object[])[0]!, 'sku');
      expect(refused(input, call).paths).toEqual([name === 'quote' ? '$.lines[0].sku' : name === 'quoteGroupBuy' ? '$.orders[0].lines[0].sku' : '$.invoice.lines[0].sku']);
      const bad = order();
      bad['lines'] = [revoked()];
      expect(refused(bad, call).paths[0]).toMatch(/lines\[0\]$/);
    });
  }
  it('quote: a line getter that answers a valid quantity once, then junk, is judged on the value it is priced on', () => {
    // With a prepared contract the fast parser's one read is validated and priced.
    const prepared: Record<string, unknown> = { ...order(), contract: pace.prepareContract(priced()) };
    changingGetter((prepared['lines'] as object[])[0]!, 'quantity', 2, () => 'junk');
    expect(pace.quote(prepared as never).lines[0]!.quantity).toBe('2');
    // With a raw contract the schema path reads the input again, once, into the copy it validates
    // and would price: the junk is refused (never a price for a value other than the one validated).
    const raw = order();
    changingGetter((raw['lines'] as object[])[0]!, 'quantity', 2, () => 'junk');
    expect(refused(raw, (input) => pace.quote(input as never)).paths).toEqual(['$.lines[0].quantity']);
  });
});

describe('packs refuse an array of length 2^32 - 1 before walking it', () => {
  it('loadRulesPack: a PaceError naming the array, at once (the copy walked every index)', () => {
    const pack = { ...cloneJson(oakValleyPolicy), rules: huge() };
    const { paths, message } = refused(pack, (p) => loadRulesPack(p));
    expect(paths).toEqual(['$.rules']);
    expect(message).toMatch(/4294967295 elements/);
  });
  it('createPace: the same inside one of its packs', () => {
    const pack = { ...cloneJson(oakValleyPolicy), checklist: huge() };
    expect(refused({ packs: [pack] }, (o) => createPace(o as never)).paths).toEqual(['$.packs[0].checklist']);
  });
  it('createPace(revoked Proxy) is a PaceError naming $ (fuzz seed 1676662046: TypeError "Cannot perform \'IsArray\'")', () => {
    expect(refused(revoked(), (o) => createPace(o as never)).paths).toEqual(['$']);
  });
});

describe('compileRules reads event params once', () => {
  const ruleWith = (params: object) => [{ conditions: { all: [{ fact: 'f', operator: 'equal', value: 1 }] }, event: { type: 'hit', params } }];
  it('a param getter that answers 1, then an array of length 2^32 - 1, is copied as read (fuzz seed -2002121010 hung: checked, then read again to copy)', () => {
    const rules = ruleWith(changingGetter({ list: [2] }, 'k', 1, huge));
    const started = performance.now();
    const events = compileRules(rules as never).run({ f: 1 }).events;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(events).toEqual([{ type: 'hit', params: { k: 1, list: [2] } }]);
  });
  it('a param getter that answers the huge array first is refused at once, naming the params', () => {
    const rules = ruleWith(changingGetter({}, 'k', huge(), () => 1));
    expect(refused(rules, (r) => compileRules(r as never)).paths).toEqual(['$[0].event.params']);
  });
});

describe('compileRules reads a list value once', () => {
  it('a Proxy list that answers length 2 when checked and 2^32 - 1 when copied is copied as checked', () => {
    let reads = 0;
    const list = new Proxy([1, 2], { get: (target, key, receiver) => (key === 'length' ? (++reads === 1 ? 2 : 2 ** 32 - 1) : Reflect.get(target, key, receiver)) });
    const rules = [{ conditions: { all: [{ fact: 'f', operator: 'in', value: list }] }, event: { type: 'hit' } }];
    const started = performance.now();
    const compiled = compileRules(rules as never);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(compiled.run({ f: 2 }).events).toEqual([{ type: 'hit' }]);
    expect(compiled.run({ f: 3 }).events).toEqual([]);
  });
});
