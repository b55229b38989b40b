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

  test.prop([arbCase], { numRuns: RUNS })('adding a change order never removes a missing item of the purchase, but for a band the total passes', ({ member, contract: c, base, changeOrders, added }) => {
    const input = { member, purchase: base, ...(c ? { contract: c } : {}) };
    const before = pace.auditChecklist({ ...input, changeOrders });
    const after = pace.auditChecklist({ ...input, changeOrders: [...changeOrders, added] });
    for (const id of before.missing) {
      // The one item of a band, not of a floor: a CUPCCAA project's informal bid file, needed at a
      // total in the informal band that change orders reached, gives way to the formal bid file
      // once they pass the informal limit (what the PO needed as issued stays: see below).
      if (id === 'informal-bid-file' && !after.missing.includes(id)) expect(after.missing, id).toContain('formal-bid-file');
      else expect(after.missing, id).toContain(id);
    }
  });

  test.prop([arbCase], { numRuns: RUNS })('no change orders and an empty list give the same audit file', ({ member, contract: c, base }) => {
    const input = { member, purchase: base, ...(c ? { contract: c } : {}) };
    expect(pace.auditChecklist({ ...input, changeOrders: [] })).toEqual(pace.auditChecklist(input));
  });

  it("keeps what the PO needed as issued: a CUPCCAA project's informal bid file stays when change orders carry it past the informal limit", () => {
    // Pine USD (CUPCCAA since 2019): a $150,000 roof replacement let by informal bid in June 2025,
    // then $100,000 of change orders: $250,000, over the $220,000 informal limit.
    const pine = { ...district, id: 'pine-usd', cupccaa: { optedIn: true, since: '2019-01-01' } };
    const roof: Purchase = { id: 'po-25-0417', memberId: 'pine-usd', date: '2025-06-09', amount: '150000.00', supplyKind: 'public-works', publicWorks: { kind: 'construction' }, vendorId: 'v-summit-roofing' };
    const raise: Purchase = { ...roof, id: 'co-25-0417-1', date: '2025-09-02', amount: '100000.00', revisionOf: roof.id };
    const asIssued = pace.auditChecklist({ member: pine, purchase: roof });
    expect(asIssued.missing).toContain('informal-bid-file');
    expect(asIssued.missing).not.toContain('formal-bid-file');
    const raised = pace.auditChecklist({ member: pine, purchase: roof, changeOrders: [raise] });
    expect(raised.missing).toEqual(expect.arrayContaining(['informal-bid-file', 'formal-bid-file']));
    const step = raised.trace.find((t) => t.step === 'checklist-item' && t.id === 'informal-bid-file');
    expect(step).toMatchObject({ passed: false, detail: { status: 'missing', requiredAsIssued: true } });
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

describe('the board-authorization item agrees with eligibility', () => {
  // Birch ESD's resolution: PACE purchases of technology only (as in examples/data/members.json).
  const technologyOnly = { ...district, boardAuthorizations: [{ id: 'birch-res-2025-07', adoptedOn: '2025-02-10', scope: { programIds: ['pace'], categories: ['technology'] } }] };
  const techAndFurniture = { ...contract, categories: ['technology', 'furniture'] };
  const { category: _none, ...uncategorized } = purchase;
  const documents = [{ kind: 'board-authorization', ref: 'Resolution 2025-07' }];
  const item = (p: Purchase, c = contract) => pace.auditChecklist({ member: technologyOnly, purchase: { ...p, documents }, contract: c }).items.find((i) => i.id === 'board-authorization');
  const blocks = (p: Purchase, c = contract) => pace.checkEligibility({ member: technologyOnly, contract: c, asOf: p.date, purchase: p }).findings.map((f) => f.code);

  it('is missing, not on file, for a PO outside the categories of a resolution limited to them, or naming none', () => {
    expect(item(purchase)).toMatchObject({ required: true, status: 'on-file', decidedBy: 'data' });
    expect(blocks(purchase)).toEqual([]);
    const desks = { ...purchase, category: 'furniture' };
    expect(blocks(desks, techAndFurniture)).toEqual(['board-authorization-category-out-of-scope']);
    expect(item(desks, techAndFurniture)).toMatchObject({ required: true, status: 'missing' });
    expect(item(desks, techAndFurniture)!.title).toContain("covering the purchase's category where it is limited to categories");
    // (naming no category, the contract's own categories cannot be checked either: a warning)
    expect(blocks(uncategorized)).toEqual(['purchase-category-not-given', 'board-authorization-category-out-of-scope']);
    expect(item(uncategorized)).toMatchObject({ required: true, status: 'missing' });
    // The resolution listed as a document does not make it cover the purchase: the data wins, and says why.
    const audit = pace.auditChecklist({ member: technologyOnly, purchase: { ...uncategorized, documents }, contract });
    expect(audit.missing).toContain('board-authorization');
    expect(audit.findings).toContainEqual(expect.objectContaining({ code: 'document-contradicts-data', ruleId: 'board-authorization', message: expect.stringContaining('member.boardAuthorization.coversPurchase') }));
  });

  it('checkPurchase gives the same answer: the item is missing exactly when eligibility blocks the board authorization', () => {
    for (const [p, c] of [[purchase, contract], [uncategorized, contract], [{ ...purchase, category: 'furniture' }, techAndFurniture]] as const) {
      const d = pace.checkPurchase({ member: technologyOnly, purchase: { ...p, documents }, contract: c }, { trace: false });
      const blocked = d.eligibility!.findings.some((f) => f.code.startsWith('board-authorization'));
      expect(d.auditChecklist.items.find((i) => i.id === 'board-authorization')!.status).toBe(blocked ? 'missing' : 'on-file');
    }
  });

  // Generated members (authorizations with and without categories), PACE contracts and purchases
  // with and without a category: wherever the item is required, it is on file exactly when no
  // board-authorization finding blocks the purchase.
  const arbBoardCase = fc.tuple(arbMember(), arbContract({ usable: true }), arbPurchase()).map(([member, c, p]) => ({ member, contract: c, purchase: { ...p, memberId: member.id, contractId: c.id, vendorId: c.vendor.id } }));
  test.prop([arbBoardCase], { numRuns: RUNS })('on file exactly when eligibility finds no board-authorization problem', ({ member, contract: c, purchase: p }) => {
    const d = pace.checkPurchase({ member, purchase: p, contract: c }, { trace: false });
    const boardItem = d.auditChecklist.items.find((i) => i.id === 'board-authorization')!;
    if (!boardItem.required) return;
    const blocked = d.eligibility!.findings.some((f) => f.code.startsWith('board-authorization'));
    expect(boardItem.status).toBe(blocked ? 'missing' : 'on-file');
  });
});

describe('the DIR small-project exemption (Lab. Code §§ 1725.5, 1771.1) from 2017-07-01', () => {
  const repair = (date: string, amount: string): Purchase => ({ id: 'po-roof', memberId: district.id, date, amount, supplyKind: 'public-works', publicWorks: { kind: 'repair' } });
  const file = (p: Purchase) => {
    const d = pace.auditChecklist({ member: district, purchase: p });
    const status = (id: string) => d.items.find((i) => i.id === id)?.status;
    return { dir: status('dir-registration'), pwc100: status('pwc-100-notice'), warned: d.findings.some((f) => f.code === 'dir-requirements-before-small-project-exemption-unknown') };
  };
  it('exempts a $20,000 repair from 2017-07-01, the later of the days the references give, and not the day before', () => {
    expect(file(repair('2017-06-30', '20000.00'))).toEqual({ dir: 'missing', pwc100: 'missing', warned: true });
    expect(file(repair('2017-07-01', '20000.00'))).toEqual({ dir: 'not-applicable', pwc100: 'not-applicable', warned: false });
    // From then on "$25,000 or less" is exempt.
    expect(file(repair('2017-07-01', '25000.00'))).toEqual({ dir: 'not-applicable', pwc100: 'not-applicable', warned: false });
    expect(file(repair('2017-07-01', '25000.01'))).toEqual({ dir: 'missing', pwc100: 'missing', warned: false });
  });
  it('before it asks for both at any amount, and warns on every public work that what applied then was not found', () => {
    expect(file(repair('2016-05-01', '500.00'))).toEqual({ dir: 'missing', pwc100: 'missing', warned: true });
    expect(file(repair('2016-05-01', '400000.00'))).toEqual({ dir: 'missing', pwc100: 'missing', warned: true });
    expect(file({ ...repair('2016-05-01', '20000.00'), supplyKind: 'goods', publicWorks: undefined }).warned).toBe(false);
  });
});

describe('the member\'s own bid file follows whether a cooperative contract covers the purchase', () => {
  const furniture = { ...contract, id: 'c-furn', categories: ['furniture'], vendor: { id: 'v-wood', name: 'Woodcraft' }, term: { start: '2024-07-01', end: '2027-06-30' } };
  const status = (d: { items: { id: string; status: string }[] }, id: string): string | undefined => d.items.find((i) => i.id === id)?.status;

  test.prop([arbMember(), arbContract(), arbPurchase({ memberId: 'x' })], { numRuns: RUNS })(
    'without a public-project part, formal-bid-file is required exactly when procurementMethod needs a formal bid and finds the contract unusable',
    (member, c, po) => {
      const { publicWorks: _part, ...rest } = po;
      const own: Purchase = { ...rest, memberId: member.id, contractId: c.id };
      const method = pace.procurementMethod({ member, purchase: own, contract: c }, { trace: false });
      const file = pace.auditChecklist({ member, purchase: own, contract: c }, { trace: false });
      const required = file.items.find((i) => i.id === 'formal-bid-file')!.required;
      expect(required).toBe(method.required.overall === 'formal-bid' && method.contractUsable === false);
    },
  );

  it('installation on a goods PO under a usable contract needs the bid file from 2025-01-01, when it became a public project, not before', () => {
    const po: Purchase = { id: 'po-inst', memberId: district.id, date: '2025-08-12', amount: '60000.00', supplyKind: 'goods', category: 'furniture', contractId: furniture.id, vendorId: 'v-wood', publicWorks: { kind: 'installation' } };
    const in2025 = pace.auditChecklist({ member: district, purchase: po, contract: furniture });
    expect(pace.procurementMethod({ member: district, purchase: po, contract: furniture }).contractUsable).toBe(true);
    expect(['formal-bid-file', 'bid-security', 'contractor-licence'].map((id) => status(in2025, id))).toEqual(['missing', 'missing', 'missing']);
    const in2024 = pace.auditChecklist({ member: district, purchase: { ...po, date: '2024-11-15' }, contract: furniture });
    expect(['formal-bid-file', 'bid-security', 'contractor-licence'].map((id) => status(in2024, id))).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
    // Maintenance is not a public project (PCC § 22002(d)): no part to bid, even over the limits.
    const maintained = pace.auditChecklist({ member: district, purchase: { ...po, amount: '150000.00', publicWorks: { kind: 'maintenance' } }, contract: furniture });
    expect(['formal-bid-file', 'bid-security'].map((id) => status(maintained, id))).toEqual(['not-applicable', 'not-applicable']);
  });

  it('the trace says whether the contract covers the purchase, and which findings keep it from doing so', () => {
    const roof: Purchase = { id: 'po-roof', memberId: district.id, date: '2025-07-14', amount: '500000.00', supplyKind: 'public-works', contractId: furniture.id, vendorId: 'v-wood', publicWorks: { kind: 'construction' } };
    const d = pace.auditChecklist({ member: district, purchase: roof, contract: furniture });
    expect(d.missing).toEqual(expect.arrayContaining(['formal-bid-file', 'bid-security', 'contractor-licence']));
    expect(d.trace.find((s) => s.id === 'coveredByCooperativeContract')).toEqual({
      step: 'facts', id: 'coveredByCooperativeContract', passed: false, detail: { coveredByCooperativeContract: false, contractGiven: true, blockedBy: ['cooperative-contract-not-for-services'] },
    });
    // checkPurchase reads the coverage off its method run: the same audit file, trace included.
    expect(pace.checkPurchase({ member: district, purchase: roof, contract: furniture }).auditChecklist).toEqual(d);
    const covered = pace.auditChecklist({ member: district, purchase: { ...roof, amount: '200000.00', supplyKind: 'goods', category: 'furniture', publicWorks: undefined }, contract: furniture });
    expect(covered.trace.find((s) => s.id === 'coveredByCooperativeContract')?.detail).toEqual({ coveredByCooperativeContract: true, contractGiven: true, blockedBy: [] });
    expect(status(covered, 'formal-bid-file')).toBe('not-applicable');
  });

  it('judges the coverage of the PO as issued too: a blocked contract keeps the informal bid file its PO needed when change orders carry it past the informal limit', () => {
    const pine = { ...district, id: 'm-pine', cupccaa: { optedIn: true, since: '2019-01-01' } };
    const services = { ...furniture, id: 'c-fac', supplyKind: 'services' as const, categories: ['facility-services'] };
    const roof: Purchase = { id: 'po-roof', memberId: 'm-pine', date: '2025-06-09', amount: '150000.00', supplyKind: 'public-works', contractId: 'c-fac', vendorId: 'v-wood', publicWorks: { kind: 'construction' } };
    const raise: Purchase = { id: 'co-1', memberId: 'm-pine', date: '2025-08-04', amount: '100000.00', supplyKind: 'public-works', revisionOf: 'po-roof' };
    expect(pace.procurementMethod({ member: pine, purchase: roof, contract: services }).contractUsable).toBe(false);
    const d = pace.auditChecklist({ member: pine, purchase: roof, contract: services, changeOrders: [raise] });
    expect(['informal-bid-file', 'formal-bid-file', 'bid-security'].map((id) => status(d, id))).toEqual(['missing', 'missing', 'missing']);
  });

  it('no rule may read purchase.coveredByCooperativeContract: it is decided by the rules\' findings', () => {
    const policy = {
      id: 'reads-coverage', version: '1.0.0', title: 'A rule reading the coverage', kind: 'policy',
      rules: [{ id: 'x.covered', capability: 'procurement', conditions: { all: [{ fact: 'purchase', path: '$.coveredByCooperativeContract', operator: 'equal', value: true }] }, event: { type: 'finding', params: { code: 'x', severity: 'info', message: 'm' } } }],
    };
    const bind = () => createPace({ packs: [californiaLaw(), paceProgram(), policy] });
    expect(bind).toThrow(/only checklist items may read it/);
    expect(pathOfError(bind)).toEqual(['$.packs[2].rules[0].conditions']);
  });
});
