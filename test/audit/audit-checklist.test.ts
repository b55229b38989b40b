// The audit file with change orders, the § 20118 board finding from the law pack, and the
// misuse of the new inputs. Failing property runs print their seed; FC_NUM_RUNS raises the runs.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { californiaLaw, createPace, isPaceError, paceProgram, type Purchase } from '../../src/index.js';
import { arbContract, arbMember, arbPurchase } from '../../src/testing/index.js';
import { contract, district, purchase } from '../compliance/fixtures.js';

const pace = createPace();
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 100);

function pathOfError(call: () => unknown): string[] {
  try {
    call();
  } catch (e) {
    expect(isPaceError(e), String(e)).toBe(true);
    return (e as { issues: { path: string }[] }).issues.map((i) => i.path);
  }
  throw new Error('expected a PaceError');
}

describe('auditChecklist with change orders', () => {
  const arbCase = fc
    .tuple(arbMember({ eligible: true }), arbContract({ usable: true }), fc.boolean(), arbPurchase({ memberId: 'x' }), fc.array(arbPurchase({ memberId: 'x' }), { maxLength: 3 }), arbPurchase({ memberId: 'x' }))
    .map(([member, c, withContract, po, earlier, added]) => {
      const base: Purchase = { ...po, memberId: member.id, id: 'po-root', ...(withContract ? { contractId: c.id, vendorId: c.vendor.id } : {}) };
      const asChangeOrder = (p: Purchase, i: number): Purchase => ({ ...p, memberId: member.id, id: `co-${i}`, supplyKind: base.supplyKind, revisionOf: base.id });
      return { member, contract: withContract ? c : undefined, base, changeOrders: earlier.map(asChangeOrder), added: asChangeOrder(added, 99) };
    });

  test.prop([arbCase], { numRuns: RUNS })('adding a change order never removes a missing item of the purchase', ({ member, contract: c, base, changeOrders, added }) => {
    const input = { member, purchase: base, ...(c ? { contract: c } : {}) };
    const before = pace.auditChecklist({ ...input, changeOrders });
    const after = pace.auditChecklist({ ...input, changeOrders: [...changeOrders, added] });
    for (const id of before.missing) expect(after.missing, id).toContain(id);
  });

  test.prop([arbCase], { numRuns: RUNS })('no change orders and an empty list give the same audit file', ({ member, contract: c, base }) => {
    const input = { member, purchase: base, ...(c ? { contract: c } : {}) };
    expect(pace.auditChecklist({ ...input, changeOrders: [] })).toEqual(pace.auditChecklist(input));
  });

  it('a change order of another PO is refused, naming its revisionOf', () => {
    const own = { ...purchase, contractId: undefined };
    expect(pathOfError(() => pace.auditChecklist({ member: district, purchase: own, changeOrders: [{ ...own, id: 'co-1', revisionOf: 'po-other' }] }))).toEqual(['$.changeOrders[0].revisionOf']);
    expect(pathOfError(() => pace.procurementMethod({ member: district, purchase: own, changeOrders: {} as never }))).toEqual(['$.changeOrders']);
    expect(pathOfError(() => pace.procurementMethod({ member: district, purchase: own, changeOrders: [{ ...own, id: 'co-1', revisionOf: own.id, amount: 'ten' }] }))).toContain('$.changeOrders[0].amount');
  });

  it('spentUnderContract must be an amount of zero or more', () => {
    expect(pathOfError(() => pace.checkEligibility({ member: district, contract, asOf: '2025-03-01', purchase, spentUnderContract: '-1.00' }))).toEqual(['$.spentUnderContract']);
  });
});

describe('the § 20118 board finding is statutory', () => {
  it('still blocks a district when a program pack requires no board authorization of anyone', () => {
    const { contentHash: _hash, ...program } = paceProgram();
    const lax = { ...program, id: 'lax-program', programs: program.programs!.map((p) => ({ ...p, boardAuthorizationRequiredFor: [] })) };
    const p = createPace({ packs: [californiaLaw(), lax] });
    const d = p.checkEligibility({ member: { ...district, boardAuthorizations: [] }, contract, asOf: '2025-03-01', purchase });
    expect(d.eligible).toBe(false);
    expect(d.findings).toContainEqual(expect.objectContaining({ code: 'board-authorization-missing', ruleId: 'board-best-interest-finding-missing', pack: 'california-law' }));
    const audit = p.auditChecklist({ member: { ...district, boardAuthorizations: [] }, purchase, contract });
    expect(audit.items.find((i) => i.id === 'board-authorization')).toMatchObject({ required: true, status: 'missing' });
  });

  it('is reported once for a district, not again by the program pack', () => {
    const d = pace.checkEligibility({ member: { ...district, boardAuthorizations: [] }, contract, asOf: '2025-03-01', purchase });
    expect(d.findings.filter((f) => f.code === 'board-authorization-missing')).toHaveLength(1);
  });
});
