// checkPurchase (src/check-purchase): each part deep-equal to the separate call's answer, trace
// included, over pace-rules/testing's generators. Failing runs print their seed.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { californiaLaw, createPace, isPaceError, paceProgram, type Purchase } from '../../src/index.js';
import { arbCalendarDate, arbContract, arbMember, arbMoney, arbPurchase } from '../../src/testing/index.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import { contract, district, purchase } from '../compliance/fixtures.js';
import { arbCents, arbDate, arbMember as arbDistrict, centsToMoney, federal } from '../compliance/arbitraries.js';

const pace = createPace();

/** A member, a contract and one of the member's purchases, possibly under it, with change orders, earlier spend and an eligibility date. */
const arbGenerated = fc
  .record({
    member: fc.oneof(arbMember({ eligible: true }), arbMember()),
    contract: fc.oneof(arbContract({ usable: true }), arbContract()),
    withContract: fc.boolean(),
    prepared: fc.boolean(),
    spent: fc.option(arbMoney({ max: '200000.00' }), { nil: undefined }),
    asOf: fc.option(arbCalendarDate({ from: '2023-01-01', to: '2027-12-31' }), { nil: undefined, freq: 4 }),
  })
  .chain(({ member, contract: c, withContract, prepared, spent, asOf }) =>
    fc
      .record({
        purchase: arbPurchase({ memberId: member.id, ...(withContract ? { contractId: c.id } : {}) }),
        changeOrders: fc.array(arbMoney({ max: '90000.00' }), { maxLength: 2 }),
      })
      .map(({ purchase: p, changeOrders }) => ({
        member,
        contract: withContract ? (prepared ? pace.prepareContract(c) : c) : undefined,
        purchase: p,
        spent,
        asOf,
        changeOrders: changeOrders.map((amount, i): Purchase => ({ ...p, id: `${p.id}-co${i}`, amount, revisionOf: p.id })),
      })),
  );

/** The fixture district (varied) under the fixture contract: mostly eligible, at amounts and dates on the thresholds' edges. */
const arbUnderContract = fc
  .record({ member: arbDistrict, date: arbDate, cents: arbCents, withFederal: fc.boolean(), prepared: fc.boolean(), spent: fc.option(fc.constantFrom('0.00', '80000.00'), { nil: undefined }), asOf: fc.option(arbDate, { nil: undefined, freq: 4 }), changeOrder: fc.option(arbCents, { nil: undefined }) })
  .map(({ member, date, cents, withFederal, prepared, spent, asOf, changeOrder }) => {
    const p: Purchase = { ...purchase, date, amount: centsToMoney(cents), ...(withFederal ? { funding: federal(centsToMoney(cents)) } : {}) };
    return {
      member,
      contract: prepared ? pace.prepareContract(contract) : contract,
      purchase: p,
      spent,
      asOf,
      changeOrders: changeOrder === undefined ? [] : [{ ...p, id: 'po-1-co', amount: centsToMoney(changeOrder), revisionOf: p.id }],
    };
  });

const arbInput = fc.oneof(arbGenerated, arbUnderContract);

describe('checkPurchase: one call, the answers of the separate calls', () => {
  for (const trace of [true, false]) {
    test.prop([arbInput], { numRuns: 250 })(`each part deep-equal to its own call (trace ${trace})`, ({ member, contract: c, purchase: p, spent, asOf, changeOrders }) => {
      const options = { trace };
      const base = { member, purchase: p, ...(c ? { contract: c } : {}), ...(spent !== undefined ? { spentUnderContract: spent } : {}) };
      const input = { ...base, ...(changeOrders.length > 0 ? { changeOrders } : {}) };
      const separate = () => ({
        procurementMethod: pace.procurementMethod(input, options),
        auditChecklist: pace.auditChecklist(input, options),
        ...(c ? { eligibility: pace.checkEligibility({ member, contract: c, asOf: asOf ?? p.date, purchase: p, ...(spent !== undefined ? { spentUnderContract: spent } : {}) }, options) } : {}),
      });
      const combined = () => pace.checkPurchase({ ...input, ...(asOf !== undefined ? { asOf } : {}) }, options);
      let expected: ReturnType<typeof separate>;
      try {
        expected = separate();
      } catch (error) {
        // Input a part refuses is refused by the combined call too.
        expect(isPaceError(error)).toBe(true);
        expect(combined).toThrow();
        expect(isPaceError(thrown(combined))).toBe(true);
        return;
      }
      const got = combined();
      expect(got).toStrictEqual(expected);
      expect('eligibility' in got).toBe(c !== undefined);
      if (trace) expect(got.procurementMethod.trace.length).toBeGreaterThan(0);
      else expect([got.procurementMethod.trace, got.auditChecklist.trace, got.eligibility?.trace ?? []]).toEqual([[], [], []]);
    });
  }

  it('the fixture district under its contract: eligible, cooperative contract, the audit file', () => {
    const input = { member: district, purchase: { ...purchase, amount: '150000.00' }, contract };
    const d = pace.checkPurchase(input);
    expect(d.eligibility?.eligible).toBe(true);
    expect(d.procurementMethod.method).toBe('cooperative-contract');
    expect(d.auditChecklist.missing).toEqual(pace.auditChecklist(input).missing);
    expect(d.auditChecklist.missing.length).toBeGreaterThan(0);
    expect(d.eligibility?.trace.map((s) => s.step)).not.toContain('threshold');
    expect(d.procurementMethod.trace.map((s) => s.step)).toContain('threshold');
  });

  it('no contract: no eligibility part', () => {
    const d = pace.checkPurchase({ member: district, purchase: { ...purchase, amount: '150000.00', contractId: undefined } }, { trace: false });
    expect(d).not.toHaveProperty('eligibility');
    expect(d.procurementMethod.method).toBe('formal-bid');
  });

  it('eligibility on another asOf than the purchase date: judged on that date', () => {
    // The contract's last renewal is not exercised: on 2026-07-01 the contract is not in force.
    const d = pace.checkPurchase({ member: district, purchase, contract, asOf: '2026-07-01' });
    expect(d.eligibility).toStrictEqual(pace.checkEligibility({ member: district, contract, asOf: '2026-07-01', purchase }));
    expect(d.eligibility?.eligible).toBe(false);
    expect(d.procurementMethod).toStrictEqual(pace.procurementMethod({ member: district, purchase, contract }));
  });

  const bad: [string, unknown, unknown, string][] = [
    ['not an object', 'po-1', undefined, '$'],
    ['an unknown field', { member: district, purchase, contracts: [] }, undefined, '$.contracts'],
    ['no purchase', { member: district }, undefined, '$.purchase'],
    ['a bad asOf', { member: district, purchase, contract, asOf: '2025-02-30' }, undefined, '$.asOf'],
    ['a bad member', { member: { ...district, kind: 'school' }, purchase }, undefined, '$.member.kind'],
    ['a change order of another purchase', { member: district, purchase, changeOrders: [{ ...purchase, id: 'co-1', revisionOf: 'po-9' }] }, undefined, '$.changeOrders[0].revisionOf'],
    ['bad options', { member: district, purchase }, { trace: 'no' }, '$.options.trace'],
  ];
  for (const [name, input, options, path] of bad) {
    it(`bad input (${name}) is a PaceError naming ${path}`, () => {
      expect(thrown(() => pace.checkPurchase(input as never, options as never)).issues.map((i) => i.path)).toContain(path);
    });
  }
});

describe('checkPurchase with packs whose eligibility rules read the methods or a fact whole', () => {
  // Eligibility is read off the method's run only when the eligibility rules cannot see the
  // method fields; these policies see them (by path, and by reading the purchase whole), so
  // eligibility is decided on its own, and must still equal checkEligibility's answer.
  const policy = (id: string, condition: Record<string, unknown>) => ({
    id, version: '1.0.0', title: id, kind: 'policy',
    rules: [{ id: `${id}.rule`, capability: 'eligibility', citation: 'Oak Valley USD BP 3300', conditions: { all: [condition] },
      event: { type: 'finding', params: { code: `${id}-finding`, severity: 'info', message: 'A policy finding.' } } }],
  });
  const packs: [string, Record<string, unknown>][] = [
    ['reads-method', { fact: 'purchase', path: '$.competitionRequired', operator: 'equal', value: false }],
    ['reads-whole-purchase', { fact: 'purchase', operator: 'notEqual', value: null }],
  ];
  for (const [name, condition] of packs) {
    const p = createPace({ packs: [californiaLaw(), paceProgram(), policy(name, condition)] });
    test.prop([arbCents, fc.boolean()], { numRuns: 40 })(`${name}: each part deep-equal to its own call`, (cents, trace) => {
      const input = { member: district, purchase: { ...purchase, amount: centsToMoney(cents) }, contract };
      const got = p.checkPurchase(input, { trace });
      expect(got).toStrictEqual({
        eligibility: p.checkEligibility({ member: district, contract, asOf: input.purchase.date, purchase: input.purchase }, { trace }),
        procurementMethod: p.procurementMethod(input, { trace }),
        auditChecklist: p.auditChecklist(input, { trace }),
      });
      // The policy's rule ran and saw the purchase: always for the whole purchase, exactly when no competition is required for the method.
      const fires = name === 'reads-whole-purchase' || got.procurementMethod.required.overall === 'none';
      expect(got.eligibility?.findings.some((f) => f.code === `${name}-finding`)).toBe(fires);
    });
  }
});
