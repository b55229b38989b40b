// The decide pipeline the three compliance capabilities share (src/compliance/decide.ts and its
// input parsing): the same decision for a JSON round-tripped or deep-frozen input, a PaceError
// naming the path of every kind of bad input, and the trace option. Failing runs print their seed.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createPace, isPaceError, type Purchase } from '../../src/index.js';
import { arbContract, arbMember as arbPublicMember, arbMoney, arbPurchase } from '../../src/testing/index.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import { arbCents, arbDate, arbMember, arbSupplyKind, centsToMoney, contract, district, federal } from './arbitraries.js';

const pace = createPace();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const po = (date: string, cents: number, supplyKind: Purchase['supplyKind'], funding?: Purchase['funding']): Purchase => ({
  id: 'po-1', memberId: 'm-oak', date, amount: centsToMoney(cents), supplyKind, ...(funding ? { funding } : {}),
});

describe('decisions are the same for a JSON round-tripped, deep-frozen input', () => {
  test.prop([arbMember, arbDate, arbSupplyKind, arbCents, fc.boolean(), fc.boolean()], { numRuns: 150 })(
    'all four capabilities',
    (member, date, kind, cents, withFederal, withContract) => {
      const purchase: Purchase = { ...po(date, cents, kind, withFederal ? federal(centsToMoney(cents)) : undefined), category: 'technology', ...(withContract ? { contractId: contract.id } : {}) };
      const input = { member, purchase, ...(withContract ? { contract } : {}) };
      const frozen = deepFreeze(structuredClone(input));
      const copy = JSON.parse(JSON.stringify(input)) as typeof input;
      expect(pace.procurementMethod(frozen)).toEqual(pace.procurementMethod(copy));
      expect(pace.auditChecklist(frozen)).toEqual(pace.auditChecklist(copy));
      expect(pace.checkEligibility({ member: frozen.member, contract, asOf: date, purchase: frozen.purchase })).toEqual(pace.checkEligibility({ member: copy.member, contract: JSON.parse(JSON.stringify(contract)), asOf: date, purchase: copy.purchase }));
      expect(pace.findSplitPurchases([frozen.purchase])).toEqual(pace.findSplitPurchases([copy.purchase]));
      expect(frozen).toEqual(input);
    },
  );
});

describe('bad input of every kind is a PaceError naming the path', () => {
  const purchase = po('2025-04-01', 100_000, 'goods');
  const cases: [string, () => unknown, string][] = [
    ['no argument', () => pace.procurementMethod(undefined as never), '$'],
    ['member missing', () => pace.procurementMethod({ purchase } as never), '$.member'],
    ['unknown argument field', () => pace.procurementMethod({ member: district, purchase, extra: 1 } as never), '$.extra'],
    ['member kind', () => pace.procurementMethod({ member: { ...district, kind: 'school' }, purchase } as never), '$.member.kind'],
    ['membership status', () => pace.checkEligibility({ member: { ...district, membership: { ...district.membership!, status: 'paused' } }, contract, asOf: '2025-01-01' } as never), '$.member.membership.status'],
    ['board authorization date', () => pace.checkEligibility({ member: { ...district, boardAuthorizations: [{ id: 'r', adoptedOn: '2025-02-30', scope: {} }] }, contract, asOf: '2025-01-01' }), '$.member.boardAuthorizations[0].adoptedOn'],
    ['state code', () => pace.procurementMethod({ member: { ...district, state: 'California' }, purchase }), '$.member.state'],
    ['amount with three decimals', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '1.005' } }), '$.purchase.amount'],
    ['amount NaN', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: Number.NaN } }), '$.purchase.amount'],
    ['amount in exponent notation', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '1e6' } }), '$.purchase.amount'],
    ['negative amount', () => pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '-5.00' } }), '$.purchase.amount'],
    ['PO date', () => pace.procurementMethod({ member: district, purchase: { ...purchase, date: '2025-13-01' } }), '$.purchase.date'],
    ['supply kind', () => pace.procurementMethod({ member: district, purchase: { ...purchase, supplyKind: 'stuff' } } as never), '$.purchase.supplyKind'],
    ['funding source', () => pace.procurementMethod({ member: district, purchase: { ...purchase, funding: [{ source: 'grant', amount: '1' }] } } as never), '$.purchase.funding[0].source'],
    ['purchase of another member', () => pace.procurementMethod({ member: district, purchase: { ...purchase, memberId: 'm-x' } }), '$.purchase.memberId'],
    ['contract term', () => pace.checkEligibility({ member: district, contract: { ...contract, term: { start: '2025-01-01', end: '2024-01-01' } }, asOf: '2025-01-01' }), '$.contract.term.end'],
    ['contract lead agency', () => pace.checkEligibility({ member: district, contract: { ...contract, leadAgency: { name: 'X', state: 'CA' } }, asOf: '2025-01-01' } as never), '$.contract.leadAgency.isPublicAgency'],
    ['asOf', () => pace.checkEligibility({ member: district, contract, asOf: '01/02/2025' }), '$.asOf'],
    ['purchase cites another contract', () => pace.auditChecklist({ member: district, purchase: { ...purchase, contractId: 'c-other' }, contract }), '$.purchase.contractId'],
    ['purchases not an array', () => pace.findSplitPurchases({} as never), '$.purchases'],
    ['one bad purchase among many', () => pace.findSplitPurchases([purchase, { ...purchase, id: 'po-2', amount: 'abc' }]), '$.purchases[1].amount'],
    ['window', () => pace.findSplitPurchases([], { window: 'month' } as never), '$.options.window'],
    ['window days', () => pace.findSplitPurchases([], { window: { days: -1 } }), '$.options.window.days'],
  ];
  for (const [name, call, path] of cases) {
    it(`${name} → ${path}`, () => {
      expect(thrown(call).issues.map((i) => i.path)).toContain(path);
    });
  }
});

describe('{ trace: false }: the same decision without its trace', () => {
  /** A member, a contract and one of the member's purchases under it, possibly with change orders and earlier spend. */
  const arbDecisionInput = fc
    .record({ member: fc.oneof(arbPublicMember({ eligible: true }), arbPublicMember()), contract: fc.oneof(arbContract({ usable: true }), arbContract()), withContract: fc.boolean(), spent: fc.option(arbMoney({ max: '200000.00' }), { nil: undefined }) })
    .chain(({ member, contract: c, withContract, spent }) =>
      fc
        .record({
          purchase: arbPurchase({ memberId: member.id, ...(withContract ? { contractId: c.id } : {}) }),
          changeOrders: fc.array(arbMoney({ max: '90000.00' }), { maxLength: 2 }),
        })
        .map(({ purchase, changeOrders }) => ({
          member,
          contract: withContract ? c : undefined,
          purchase,
          spent,
          changeOrders: changeOrders.map((amount, i): Purchase => ({ ...purchase, id: `${purchase.id}-co${i}`, amount, revisionOf: purchase.id })),
        })),
    );

  test.prop([arbDecisionInput], { numRuns: 300 })('findings and every other field identical, trace empty', ({ member, contract: c, purchase, spent, changeOrders }) => {
    const base = { member, purchase, ...(c ? { contract: c } : {}), ...(spent !== undefined ? { spentUnderContract: spent } : {}) };
    const withOrders = changeOrders.length > 0 ? { ...base, changeOrders } : base;
    const decisions: [string, (options?: { trace: boolean }) => { trace: unknown[] }][] = [
      ['procurementMethod', (options) => pace.procurementMethod(withOrders, options)],
      ['auditChecklist', (options) => pace.auditChecklist(withOrders, options)],
    ];
    if (c) decisions.push(['checkEligibility', (options) => pace.checkEligibility({ member, contract: c, asOf: purchase.date, purchase, ...(spent !== undefined ? { spentUnderContract: spent } : {}) }, options)]);
    for (const [name, decide] of decisions) {
      let traced: { trace: unknown[] };
      try {
        traced = decide();
      } catch (error) {
        // Input the capability refuses is refused the same way without a trace.
        expect(isPaceError(error), name).toBe(true);
        expect(() => decide({ trace: false }), name).toThrow((error as Error).message);
        continue;
      }
      const untraced = decide({ trace: false });
      expect(traced.trace.length, name).toBeGreaterThan(0);
      expect(untraced, name).toStrictEqual({ ...traced, trace: [] });
      expect(decide({ trace: true }), name).toStrictEqual(traced);
    }
  });

  it('the fixture district: method, findings and thresholds the same, trace empty', () => {
    const input = { member: district, purchase: { ...po('2025-03-01', 15_000_000, 'goods'), category: 'technology', contractId: contract.id }, contract };
    const traced = pace.procurementMethod(input);
    const untraced = pace.procurementMethod(input, { trace: false });
    expect(untraced.method).toBe('cooperative-contract');
    expect(untraced.trace).toEqual([]);
    expect(traced.trace.map((s) => s.step)).toContain('threshold');
    expect(untraced).toStrictEqual({ ...traced, trace: [] });
  });

  const bad: [string, unknown, string][] = [
    ['null', null, '$.options'],
    ['a boolean', false, '$.options'],
    ['an array', [], '$.options'],
    ['trace not a boolean', { trace: 'no' }, '$.options.trace'],
    ['an unknown option', { traces: false }, '$.options.traces'],
  ];
  for (const [name, options, path] of bad) {
    it(`bad options (${name}) are a PaceError naming ${path}`, () => {
      for (const call of [
        () => pace.procurementMethod({ member: district, purchase: po('2025-03-01', 100, 'goods') }, options as never),
        () => pace.auditChecklist({ member: district, purchase: po('2025-03-01', 100, 'goods') }, options as never),
        () => pace.checkEligibility({ member: district, contract, asOf: '2025-03-01' }, options as never),
      ]) {
        expect(thrown(call).issues.map((i) => i.path)).toEqual([path]);
      }
    });
  }
});

describe('an array of length 2^32 - 1 is refused before a schema walks it', () => {
  const huge = (): unknown[] => {
    const a: unknown[] = [];
    a.length = 2 ** 32 - 1;
    return a;
  };
  const purchase = po('2025-04-01', 100_000, 'goods');
  const cases: [string, () => unknown, string][] = [
    ['in the member', () => pace.procurementMethod({ member: { ...district, boardAuthorizations: huge() }, purchase } as never), '$.member.boardAuthorizations'],
    ['in the purchase', () => pace.auditChecklist({ member: district, purchase: { ...purchase, documents: huge() } } as never), '$.purchase.documents'],
    ['in a raw contract', () => pace.checkEligibility({ member: district, contract: { ...contract, categories: huge() }, asOf: '2025-01-01' } as never), '$.contract.categories'],
    ['as the change orders', () => pace.auditChecklist({ member: district, purchase, changeOrders: huge() } as never), '$.changeOrders'],
  ];
  for (const [name, call, path] of cases) {
    it(`${name}: a PaceError naming ${path}, at once`, () => {
      const started = performance.now();
      expect(thrown(call).issues).toEqual([{ path, message: expect.stringContaining('4294967295 elements') }]);
      expect(performance.now() - started).toBeLessThan(1_000);
    });
  }
});
