// pace.purchaseClassifier on fixed cases: what a class keeps and what it leaves out, bad input,
// and packs whose rules read the purchase beyond its derived facts.
import { describe, expect, it } from 'vitest';
import { californiaLaw, createPace, paceProgram, type Purchase } from '../../src/index.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import { paceContextOf } from '../../src/pace.js';
import { purchaseClassNumbering } from '../../src/compliance/purchase-classes.js';
import { contract, district, purchase } from './fixtures.js';

const pace = createPace();
/** Packs with a rule that reads the purchase's documents by path (each file number then counts). */
const readingDocuments = () =>
  createPace({
    packs: [
      californiaLaw(),
      paceProgram(),
      { id: 'refs', version: '1.0.0', title: 'File numbers', kind: 'policy',
        rules: [{ id: 'refs.rule', capability: 'procurement', citation: 'Policy', conditions: { all: [{ fact: 'purchase', path: '$.documents[0].ref', operator: 'equal', value: 'Q-1' }] },
          event: { type: 'finding', params: { code: 'refs', severity: 'info', message: 'File Q-1.' } } }] },
    ],
  });
const noContract: Purchase = { id: 'po-7', memberId: 'm-oak', date: '2025-03-03', amount: '4200.00', supplyKind: 'goods', vendorId: 'v-1', description: 'Chairs, room 12' };

describe('pace.purchaseClassifier', () => {
  const classOf = pace.purchaseClassifier({ member: district });

  it('leaves out the id, the description and (without a contract) the vendor', () => {
    const key = classOf(noContract);
    expect(key).toBeTypeOf('string');
    expect(classOf({ ...noContract, id: 'po-8', description: 'Desks', vendorId: 'v-2' })).toBe(key);
    expect(classOf({ ...noContract, vendorId: undefined })).toBe(key);
  });

  it('keeps whether the vendor is the contract vendor or a dealer under a contract (it decides eligibility)', () => {
    const underContract = pace.purchaseClassifier({ member: district, contract });
    expect(underContract(purchase)).not.toBe(underContract({ ...purchase, vendorId: 'v-other' }));
    expect(underContract({ ...purchase, vendorId: 'v-other' })).toBe(underContract({ ...purchase, vendorId: 'v-unknown' }));
    expect(underContract({ ...purchase, vendorId: undefined })).not.toBe(underContract(purchase));
    const withDealer = { ...contract, authorizedDealers: [{ id: 'v-dealer', name: 'Valley School Supply' }] };
    const dealers = pace.purchaseClassifier({ member: district, contract: withDealer });
    expect(dealers({ ...purchase, vendorId: 'v-dealer' })).toBe(dealers(purchase));
    const eligible = (vendorId: string) => pace.checkEligibility({ member: district, contract: withDealer, purchase: { ...purchase, vendorId }, asOf: purchase.date }).eligible;
    expect([eligible('v-dealer'), eligible('v-acme'), eligible('v-other')]).toEqual([true, true, false]);
    expect(underContract({ ...purchase, id: 'po-2', amount: '50100.00' })).toBe(underContract({ ...purchase, amount: '50200.00' }));
  });

  it('puts amounts on either side of a figure, and on it, in different classes', () => {
    // $10,000: the federal micro-purchase threshold and the quote threshold of the packs (on 2025-03-03).
    const at = (amount: string) => classOf({ ...noContract, amount });
    expect(at('4200.00')).toBe(at('9999.99'));
    expect(at('9999.99')).not.toBe(at('10000.00'));
    expect(at('10000.00')).not.toBe(at('10000.01'));
    // The 2025 bid limit, $114,800 (PCC § 20111; comparison ">").
    expect(at('114800.00')).not.toBe(at('114800.01'));
    expect(at('114800.01')).toBe(at('114900.00'));
  });

  it("leaves out the figures of other years: an amount is classed among the figures used on the purchase's date", () => {
    // $114,500, the 2024 bid limit, is no boundary in 2025 ($114,800 is).
    const at = (amount: string) => classOf({ ...noContract, amount });
    expect(at('114499.99')).toBe(at('114500.01'));
    const method = (amount: string) => pace.procurementMethod({ member: district, purchase: { ...noContract, amount } }).method;
    expect(method('114499.99')).toBe(method('114500.01'));
    expect(classOf({ ...noContract, date: '2024-03-03', amount: '114499.99' })).not.toBe(classOf({ ...noContract, date: '2024-03-03', amount: '114500.01' }));
  });

  it("before a series' first known figure, classes amounts at its strictest figure (which stands in)", () => {
    // A local limit known only from 2030 on: in 2025 its strictest figure, $40,000, is used.
    const figure = (year: number, amount: string) => ({
      id: `oak.limit.${year}`, series: 'oak.limit', title: 'Oak Valley USD formal bid limit', amount, comparison: '>', effectiveFrom: `${year}-01-01`, effectiveTo: `${year}-12-31`,
      citation: 'Oak Valley USD BP 3311', confidence: 'high', sources: ['board-policy'], level: 'local', method: 'formal-bid',
    });
    const local = createPace({ packs: [californiaLaw(), paceProgram(), { id: 'oak-policy', version: '1.0.0', title: 'Oak Valley USD policy', kind: 'policy', sources: [{ id: 'board-policy', title: 'Oak Valley USD Board Policy 3311' }], thresholds: [figure(2030, '50000.00'), figure(2031, '40000.00')] } as never] });
    const at = (amount: string) => local.purchaseClassifier({ member: district })({ ...noContract, amount });
    const method = (amount: string) => local.procurementMethod({ member: district, purchase: { ...noContract, amount } }).method;
    expect([method('40000.00'), method('40000.01')]).toEqual(['none', 'formal-bid']);
    expect(at('40000.00')).not.toBe(at('40000.01'));
  });

  it("classes a period's first and last days with the days inside it, and the day after a series ends apart", () => {
    // A local limit in force from 2030-03-01 to 2030-06-30, and none after: from July 1 its figure
    // stands in (a finding says so). Dates far from the packs' other dates.
    const local = createPace({ packs: [californiaLaw(), paceProgram(), { id: 'oak-policy', version: '1.0.0', title: 'Oak Valley USD policy', kind: 'policy', sources: [{ id: 'board-policy', title: 'Oak Valley USD Board Policy 3311' }], thresholds: [{
      id: 'oak.limit.2030', series: 'oak.limit', title: 'Oak Valley USD formal bid limit', amount: '50000.00', comparison: '>', effectiveFrom: '2030-03-01', effectiveTo: '2030-06-30',
      citation: 'Oak Valley USD BP 3311', confidence: 'high', sources: ['board-policy'], level: 'local', method: 'formal-bid',
    }] } as never] });
    const on = (date: string) => local.purchaseClassifier({ member: district })({ ...noContract, date, amount: '60000.00' });
    const codes = (date: string) => local.procurementMethod({ member: district, purchase: { ...noContract, date, amount: '60000.00' } }).findings.map((f) => f.code).sort();
    expect(on('2030-03-01')).toBe(on('2030-03-02'));
    expect(on('2030-06-30')).toBe(on('2030-06-29'));
    expect(on('2030-06-30')).not.toBe(on('2030-07-01'));
    expect(on('2030-02-28')).not.toBe(on('2030-03-01'));
    // What sets them apart: on July 1 the figure is one standing in for an unknown one.
    expect(codes('2030-06-30')).not.toEqual(codes('2030-07-01'));
    expect(codes('2030-06-30')).toEqual(codes('2030-03-01'));
  });

  it('puts dates on either side of a change in different classes', () => {
    const on = (date: string) => classOf({ ...noContract, date });
    expect(on('2025-03-03')).toBe(on('2025-03-20'));
    expect(on('2024-12-31')).not.toBe(on('2025-01-01'));
  });

  it("puts a public project's dates on either side of the member's CUPCCAA election in different classes", () => {
    // Before 2025-03-01 a $100,000 public project needs a formal bid (PCC § 20111(b)); from then on,
    // informal bidding under CUPCCAA (PCC § 22032(b)).
    const elected = pace.purchaseClassifier({ member: { ...district, cupccaa: { optedIn: true, since: '2025-03-01' } } });
    const project = (date: string) => ({ ...noContract, date, amount: '100000.00', supplyKind: 'public-works' as const });
    expect(elected(project('2025-02-27'))).not.toBe(elected(project('2025-03-02')));
    const method = (date: string) => pace.procurementMethod({ member: { ...district, cupccaa: { optedIn: true, since: '2025-03-01' } }, purchase: project(date) }).method;
    expect([method('2025-02-27'), method('2025-03-02')]).toEqual(['formal-bid', 'informal-bid']);
  });

  it("puts an undated CUPCCAA election's public projects on either side of § 20111(b)'s $15,000 in different classes (its warning names the answer without the election)", () => {
    const undated = { ...district, cupccaa: { optedIn: true } };
    const classes = pace.purchaseClassifier({ member: undated });
    const project = (amount: string) => ({ ...noContract, amount, supplyKind: 'public-works' as const });
    expect(classes(project('14999.99'))).not.toBe(classes(project('15000.00')));
    const answer = (amount: string) => pace.procurementMethod({ member: undated, purchase: project(amount) }).findings.map((f) => [f.code, f.data?.['methodWithoutElection']]);
    expect([answer('14999.99'), answer('15000.00')]).toEqual([[['cupccaa-election-date-unknown', 'none']], [['cupccaa-election-date-unknown', 'formal-bid']]]);
  });

  it("puts a goods PO with installation on either side of § 20111(b)'s $15,000 and of 2025-01-01 in different classes (installation is a public project from then)", () => {
    const installed = (date: string, amount: string): Purchase => ({ ...noContract, date, amount, publicWorks: { kind: 'installation' } });
    expect(classOf(installed('2025-03-03', '14999.99'))).not.toBe(classOf(installed('2025-03-03', '15000.00')));
    expect(classOf(installed('2024-12-31', '48000.00'))).not.toBe(classOf(installed('2025-01-01', '48000.00')));
    expect(classOf(installed('2025-03-03', '48000.00'))).not.toBe(classOf({ ...installed('2025-03-03', '48000.00'), publicWorks: undefined }));
    const codes = (p: Purchase) => pace.procurementMethod({ member: district, purchase: p }).findings.map((f) => f.code);
    expect([codes(installed('2025-03-03', '14999.99')), codes(installed('2025-03-03', '15000.00')), codes(installed('2024-12-31', '48000.00'))]).toEqual([[], ['installation-part-public-project'], []]);
  });

  it('keeps whether funding lines add up, and the federal share where it falls', () => {
    const funded = (lines: Purchase['funding']) => classOf({ ...noContract, funding: lines });
    const addsUp = funded([{ source: 'federal', program: 'Title I', amount: '4200.00' }]);
    expect(funded([{ source: 'federal', program: 'Title I', amount: '4100.00' }])).not.toBe(addsUp);
    expect(funded([{ source: 'local', amount: '4200.00' }])).not.toBe(addsUp);
    expect(classOf({ ...noContract, amount: '4300.00', funding: [{ source: 'federal', program: 'Title I', amount: '4300.00' }] })).toBe(addsUp);
    // Not each line, nor its program or resource code: a decision reads the sums and whether a line is federal.
    const split = funded([{ source: 'federal', program: 'Resource 3010', amount: '2100.00' }, { source: 'state', program: 'Resource 6500', amount: '2100.00' }]);
    expect(funded([{ source: 'state', program: 'Resource 7690', amount: '1100.00' }, { source: 'federal', program: 'Resource 3213', amount: '2100.00' }, { source: 'local', amount: '1000.00' }])).toBe(split);
    expect(split).not.toBe(funded([{ source: 'state', amount: '2100.00' }, { source: 'local', amount: '2100.00' }]));
    expect(split).not.toBe(funded([{ source: 'federal', amount: '0.00' }, { source: 'state', amount: '4200.00' }]));
    expect(funded([{ source: 'federal', amount: '0.00' }, { source: 'state', amount: '4200.00' }])).not.toBe(funded([{ source: 'state', amount: '4200.00' }]));
    const outcome = (lines: Purchase['funding']) => {
      const d = pace.checkPurchase({ member: district, purchase: { ...noContract, amount: '60000.00', funding: lines } }, { trace: false });
      return { method: d.procurementMethod.method, missing: d.auditChecklist.missing, codes: d.procurementMethod.findings.map((f) => f.code) };
    };
    expect(outcome([{ source: 'federal', program: 'Resource 3010', amount: '30000.00' }, { source: 'state', amount: '30000.00' }])).toEqual(outcome([{ source: 'state', program: 'Resource 7690', amount: '20000.00' }, { source: 'federal', program: 'Resource 3213', amount: '30000.00' }, { source: 'local', amount: '10000.00' }]));
  });

  it('classes the funding programs by the keys a decision looks for: E-Rate apart, however it is written; other programs alike', () => {
    const funded = (program: string | undefined) => classOf({ ...noContract, funding: [program === undefined ? { source: 'federal', amount: '4200.00' } : { source: 'federal', program, amount: '4200.00' }] });
    const eRate = funded('E-Rate');
    expect(funded('Title I')).not.toBe(eRate);
    for (const written of ['e-rate', 'E Rate', 'ERATE', 'E-rate']) expect(funded(written), written).toBe(eRate);
    // A program no rule keys on decides nothing: it stays with the others.
    expect(funded('Title I')).toBe(funded('Resource 3010'));
    expect(funded('Title I')).toBe(funded(undefined));
    // The decisions agree: the E-Rate items are required for E-Rate money only.
    const missing = (program: string) => pace.auditChecklist({ member: district, purchase: { ...noContract, funding: [{ source: 'federal', program, amount: '4200.00' }] } }).missing;
    expect(missing('E Rate')).toEqual(missing('E-Rate'));
    expect(missing('E-Rate')).toContain('records-retention-e-rate');
    expect(missing('Title I')).not.toContain('records-retention-e-rate');
    expect(missing('Title I')).toEqual(missing('Resource 3010'));
  });

  it('has no class for a purchase a decision would refuse', () => {
    expect(classOf({ ...noContract, amount: '12.345' })).toBeUndefined();
    expect(classOf({ ...noContract, date: '2025-02-30' })).toBeUndefined();
    expect(classOf({ ...noContract, memberId: 'm-other' })).toBeUndefined();
    expect(classOf('not a purchase')).toBeUndefined();
    expect(pace.purchaseClassifier({ member: district, contract })({ ...purchase, contractId: 'c-other' })).toBeUndefined();
  });

  it('classes documents by the kinds on file: their file numbers, dates, order and repeats decide nothing under the shipped packs', () => {
    // An ERP lists each document with its file number: were they kept, every purchase would be a
    // class of its own (a ledger of such rows ran 52% slower with documents on a third of them).
    const withDocuments = (documents: Purchase['documents']) => classOf({ ...noContract, documents });
    const quotesAndBoard = withDocuments([{ kind: 'quotes' }, { kind: 'board-authorization' }]);
    const same = [
      [{ kind: 'board-authorization', ref: 'Resolution 2024-31', date: '2024-06-18' }, { kind: 'quotes', ref: 'Q-1', date: '2025-02-20' }],
      [{ date: '2025-02-21', kind: 'quotes', ref: 'Q-2' }, { kind: 'board-authorization' }, { kind: 'quotes', ref: 'Q-3' }],
    ];
    for (const documents of same) expect(withDocuments(documents as Purchase['documents'])).toBe(quotesAndBoard);
    const different = [[], [{ kind: 'quotes' }], [{ kind: 'board-authorization', ref: 'Q-1' }], [{ kind: 'quotes' }, { kind: 'formal-bid' }], undefined];
    const keys = different.map((d) => withDocuments(d as Purchase['documents']));
    expect(new Set([quotesAndBoard, ...keys]).size).toBe(different.length + 1);
    // The decisions agree: the checklist, the method and the findings read which kinds are on file.
    const outcome = (documents: unknown) => {
      const d = pace.checkPurchase({ member: district, purchase: { ...noContract, amount: '60000.00', documents } as Purchase }, { trace: false });
      return { method: d.procurementMethod.method, missing: d.auditChecklist.missing, items: d.auditChecklist.items.map((i) => i.status), codes: d.procurementMethod.findings.map((f) => f.code) };
    };
    for (const documents of same) expect(outcome(documents)).toEqual(outcome([{ kind: 'quotes' }, { kind: 'board-authorization' }]));
  });

  it('classes the category by the lists a decision looks it up in: the contract, its program, the board authorizations', () => {
    // An ERP tags each PO with a commodity code: hundreds of them, most in none of the lists.
    const underContract = pace.purchaseClassifier({ member: district, contract });
    const at = (category: string | undefined) => underContract({ ...purchase, category });
    expect(at('43211503')).toBe(at('44121618'));
    expect(at('technology')).not.toBe(at('43211503'));
    // In the program's list but not the contract's.
    expect(at('classroom-materials')).not.toBe(at('technology'));
    expect(at('classroom-materials')).not.toBe(at('43211503'));
    expect(at(undefined)).not.toBe(at('43211503'));
    // A board authorization scoped to categories adds its list.
    const scoped = { ...district, boardAuthorizations: [{ id: 'res-2025-02', adoptedOn: '2024-06-15', scope: { programIds: ['pace'], categories: ['science-kits'] } }] };
    const byAuthorization = pace.purchaseClassifier({ member: scoped, contract });
    expect(byAuthorization({ ...purchase, category: 'science-kits' })).not.toBe(byAuthorization({ ...purchase, category: '43211503' }));
    expect(at('science-kits')).toBe(at('43211503'));
    // The decisions agree where the classes do, and differ where they do not.
    const outcome = (member: typeof district, category: string | undefined) => {
      const d = pace.checkPurchase({ member, purchase: { ...purchase, category }, contract }, { trace: false });
      return { eligible: d.eligibility?.eligible, method: d.procurementMethod.method, missing: d.auditChecklist.missing, codes: [...(d.eligibility?.findings ?? []), ...d.procurementMethod.findings].map((f) => f.code).sort() };
    };
    expect(outcome(district, '43211503')).toEqual(outcome(district, '44121618'));
    expect(outcome(district, 'technology')).not.toEqual(outcome(district, '43211503'));
    expect(outcome(scoped, 'science-kits')).not.toEqual(outcome(scoped, '43211503'));
    // Without a contract the category decides nothing.
    expect(classOf({ ...noContract, category: '43211503' })).toBe(classOf({ ...noContract, category: 'technology' }));
  });

  it('keeps the supply kind: under a contract that covers goods only, a services or public-works purchase may not use it', () => {
    // A furniture contract (goods only) and a technology contract that also prices training hours
    // as services: the supply kind decides eligibility under the first, not under the second.
    const furniture = { ...contract, id: 'c-furn', categories: ['furniture'] };
    const withTraining = { ...contract, priceSchedules: [{ id: 's-1', effectiveFrom: '2024-07-01', currency: 'USD' as const, items: [{ sku: 'PD-HOUR', description: 'Training, per hour', supplyKind: 'services' as const, price: { kind: 'fixed' as const, unitPrice: '175.00' } }] }] };
    const kinds = ['goods', 'services', 'professional-services', 'public-works'] as const;
    for (const [c, eligible] of [[furniture, [true, false, false, false]], [withTraining, [true, true, true, true]]] as const) {
      const bought = (supplyKind: Purchase['supplyKind']): Purchase => ({ ...purchase, amount: '9600.00', supplyKind, category: c.categories[0], contractId: c.id });
      const classOf = pace.purchaseClassifier({ member: district, contract: c });
      expect(new Set(kinds.map((k) => classOf(bought(k)))).size).toBe(kinds.length);
      expect(kinds.map((k) => pace.checkPurchase({ member: district, purchase: bought(k), contract: c }, { trace: false }).eligibility?.eligible)).toEqual(eligible);
    }
  });

  it('keeps whether the purchase names a category: under a board authorization limited to categories, one that names none may not use the contract', () => {
    const technologyOnly = { ...district, boardAuthorizations: [{ id: 'res-2025-07', adoptedOn: '2024-06-15', scope: { programIds: ['pace'], categories: ['technology'] } }] };
    const classOf = pace.purchaseClassifier({ member: technologyOnly, contract });
    const { category: _none, ...uncategorized } = purchase;
    expect(classOf(uncategorized)).not.toBe(classOf(purchase));
    const outcome = (member: typeof district, p: Purchase) => {
      const d = pace.checkPurchase({ member, purchase: p, contract }, { trace: false });
      return [d.eligibility?.eligible, d.procurementMethod.contractUsable, d.eligibility?.findings.map((f) => f.code)];
    };
    expect(outcome(technologyOnly, purchase)).toEqual([true, true, []]);
    // (and, named or not, the contract's own categories cannot be checked: a warning)
    expect(outcome(technologyOnly, uncategorized)).toEqual([false, false, ['purchase-category-not-given', 'board-authorization-category-out-of-scope']]);
    // The member's general authorization covers every category, named or not.
    expect(outcome(district, uncategorized)).toEqual([true, true, ['purchase-category-not-given']]);
  });

  it('keeps classes apart when a value differs on every purchase (its table of key parts full, starting anew)', () => {
    // Each purchase quotes a file number of its own, under a pack that reads the documents by
    // path: 40,000 classes, past the 16,384 key parts a classifier holds before it starts its
    // table anew.
    const local = readingDocuments();
    const keyOf = local.purchaseClassifier({ member: district });
    const numberOf = purchaseClassNumbering(paceContextOf(local)!, { member: district });
    const numbers = new Set<number>();
    const keys = new Set<string>();
    const quoting = (i: number): Purchase => ({ ...noContract, id: `po-${i}`, documents: [{ kind: 'quotes', ref: `Q-${i}` }] });
    for (let i = 0; i < 40_000; i++) {
      numbers.add(numberOf(quoting(i))!);
      keys.add(keyOf(quoting(i))!);
    }
    expect(numbers.size).toBe(40_000);
    expect(keys.size).toBe(40_000);
    expect(numbers.has(undefined as never)).toBe(false);
    // Before and after the table starts anew, one key still has one number while it is held.
    expect(numberOf(quoting(39_999))).toBe(numberOf({ ...quoting(39_999), id: 'po-again', amount: '4300.00' }));
    expect(keyOf(quoting(7))).toBe(keyOf(quoting(7)));
  });

  it("keeps the nodes of numberings sharing a budget within it (a ledger thread's classifiers, one for each member and contract)", () => {
    // Twelve numberings, each within its own 16,384 nodes, held more than a worker's heap: with
    // a budget of 5,000 nodes in all, they start anew as soon as they hold more together.
    const local = readingDocuments();
    const budget = { live: 0, limit: 5_000 };
    const numberings = Array.from({ length: 12 }, () => purchaseClassNumbering(paceContextOf(local)!, { member: district }, budget));
    const numbers = numberings.map(() => new Set<number>());
    let most = 0;
    for (let i = 0; i < 24_000; i++) {
      const k = i % 12;
      const n = numberings[k]!({ ...noContract, id: `po-${i}`, documents: [{ kind: 'quotes', ref: `Q-${i}` }] });
      expect(n).toBeTypeOf('number');
      numbers[k]!.add(n!);
      most = Math.max(most, budget.live);
    }
    // (a numbering adds the nodes of one purchase past the limit before it starts anew: a few)
    expect(most).toBeLessThanOrEqual(budget.limit + 10);
    expect(budget.live).toBeGreaterThan(0);
    // Still one number a class: 2,000 classes each, none given twice within a numbering.
    expect(numbers.map((s) => s.size)).toEqual(Array(12).fill(2_000));
    // A class held gets the same number again.
    const last: Purchase = { ...noContract, id: 'po-23999', documents: [{ kind: 'quotes', ref: 'Q-23999' }] };
    expect(numberings[11]!(last)).toBe(numberings[11]!({ ...last, id: 'po-again' }));
  });

  it('numbers no classes when the packs read what differs on nearly every purchase (its id)', () => {
    const p = createPace({ packs: [californiaLaw(), paceProgram(), { id: 'ids', version: '1.0.0', title: 'Ids', kind: 'policy', rules: [{ id: 'ids.rule', capability: 'procurement', citation: 'Policy', conditions: { all: [{ fact: 'purchase', path: '$.id', operator: 'equal', value: 'po-1' }] }, event: { type: 'finding', params: { code: 'ids', severity: 'info', message: 'Id.' } } }] }] });
    expect(p.purchaseClassifier({ member: district })(noContract)).toBeTypeOf('string');
    expect(purchaseClassNumbering(paceContextOf(p)!, { member: district })(noContract)).toBeUndefined();
  });

  it('refuses a bad member or contract, naming the path', () => {
    expect(thrown(() => pace.purchaseClassifier({ member: { ...district, kind: 'school' } } as never)).issues[0]?.path).toBe('$.member.kind');
    expect(thrown(() => pace.purchaseClassifier({ member: district, contract: { ...contract, term: null } })).issues[0]?.path).toBe('$.contract.term');
    expect(thrown(() => pace.purchaseClassifier({ member: district, asOf: '2025-01-01' } as never)).issues[0]?.path).toBe('$.asOf');
  });
});

describe('pace.purchaseClassifier under packs that read the purchase by path', () => {
  const policy = (condition: Record<string, unknown>) =>
    createPace({
      packs: [
        californiaLaw(),
        paceProgram(),
        { id: 'oak-policy', version: '1.0.0', title: 'Oak Valley USD policy', kind: 'policy',
          rules: [{ id: 'oak.rule', capability: 'procurement', citation: 'Oak Valley USD BP 3300', conditions: { all: [condition] },
            event: { type: 'finding', params: { code: 'oak-finding', severity: 'info', message: 'A policy finding.' } } }] },
      ],
    });

  it('keeps the description when a rule reads it', () => {
    const p = policy({ fact: 'purchase', path: '$.description', operator: 'equal', value: 'Chairs, room 12' });
    const classOf = p.purchaseClassifier({ member: district });
    expect(classOf({ ...noContract, description: 'Desks' })).not.toBe(classOf(noContract));
    const codes = (description: string) => p.procurementMethod({ member: district, purchase: { ...noContract, description } }).findings.map((f) => f.code);
    expect(codes('Chairs, room 12')).toContain('oak-finding');
    expect(codes('Desks')).not.toContain('oak-finding');
  });

  it('keeps each document whole (kind, file number, date, in order) when a rule reads the documents by path', () => {
    const p = policy({ fact: 'purchase', path: '$.documents[0].ref', operator: 'equal', value: 'Q-1' });
    const classOf = p.purchaseClassifier({ member: district });
    const withDocuments = (documents: Purchase['documents']) => classOf({ ...noContract, documents });
    const quotes = withDocuments([{ kind: 'quotes', ref: 'Q-1', date: '2025-02-20' }]);
    expect(withDocuments([{ date: '2025-02-20', kind: 'quotes', ref: 'Q-1' }])).toBe(quotes);
    expect(quotes).toContain(JSON.stringify([{ kind: 'quotes', ref: 'Q-1', date: '2025-02-20' }]));
    const different = [[], [{ kind: 'quotes' }], [{ kind: 'quotes', ref: 'Q-2', date: '2025-02-20' }], [{ kind: 'quotes', ref: 'Q-1' }], [{ kind: 'quotes', date: '2025-02-20' }], [{ kind: 'quotes', ref: 'Q-1', date: '2025-02-20' }, { kind: 'quotes' }], [{ kind: 'board-authorization', ref: 'Q-1', date: '2025-02-20' }], undefined];
    const keys = different.map((d) => withDocuments(d as Purchase['documents']));
    expect(new Set([quotes, ...keys]).size).toBe(different.length + 1);
    const codes = (documents: Purchase['documents']) => p.procurementMethod({ member: district, purchase: { ...noContract, documents } }).findings.map((f) => f.code);
    expect(codes([{ kind: 'quotes', ref: 'Q-1' }])).toContain('oak-finding');
    expect(codes([{ kind: 'quotes', ref: 'Q-2' }])).not.toContain('oak-finding');
  });

  it('keeps the order of the kinds (not their file numbers) when a rule reads documentKinds other than as a set', () => {
    const p = policy({ fact: 'purchase', path: '$.documentKinds[0]', operator: 'equal', value: 'quotes' });
    const classOf = p.purchaseClassifier({ member: district });
    const withDocuments = (documents: Purchase['documents']) => classOf({ ...noContract, documents });
    const quotesFirst = withDocuments([{ kind: 'quotes' }, { kind: 'board-authorization' }]);
    expect(withDocuments([{ kind: 'quotes', ref: 'Q-9' }, { kind: 'board-authorization', ref: 'R-1' }])).toBe(quotesFirst);
    expect(withDocuments([{ kind: 'board-authorization' }, { kind: 'quotes' }])).not.toBe(quotesFirst);
    const codes = (documents: Purchase['documents']) => p.procurementMethod({ member: district, purchase: { ...noContract, documents } }).findings.map((f) => f.code);
    expect(codes([{ kind: 'quotes' }, { kind: 'board-authorization' }])).toContain('oak-finding');
    expect(codes([{ kind: 'board-authorization' }, { kind: 'quotes' }])).not.toContain('oak-finding');
    // Tested for one kind, documentKinds is a set: the order decides nothing.
    const set = policy({ fact: 'purchase', path: '$.documentKinds', operator: 'contains', value: 'quotes' }).purchaseClassifier({ member: district });
    expect(set({ ...noContract, documents: [{ kind: 'board-authorization' }, { kind: 'quotes' }] })).toBe(set({ ...noContract, documents: [{ kind: 'quotes', ref: 'Q-1' }, { kind: 'board-authorization' }] }));
  });

  it('keeps the category as written when a rule reads it by path', () => {
    const p = policy({ fact: 'purchase', path: '$.category', operator: 'equal', value: '43211503' });
    const classOf = p.purchaseClassifier({ member: district });
    expect(classOf({ ...noContract, category: '43211503' })).not.toBe(classOf({ ...noContract, category: '44121618' }));
    const codes = (category: string) => p.procurementMethod({ member: district, purchase: { ...noContract, category } }).findings.map((f) => f.code);
    expect(codes('43211503')).toContain('oak-finding');
    expect(codes('44121618')).not.toContain('oak-finding');
  });

  it('keeps the amount as written when a rule reads the text (strings compare by character, not by value)', () => {
    const p = policy({ fact: 'purchase', path: '$.amount', operator: 'lessThan', value: '5000.00' });
    const classOf = p.purchaseClassifier({ member: district });
    // "999.00" < "5000.00" as text, but not "1000.00": each a class of its own.
    expect(classOf({ ...noContract, amount: '999.00' })).not.toBe(classOf({ ...noContract, amount: '1000.00' }));
  });

  it('classes a literal a rule compares the date with, date-like or not', () => {
    const p = policy({ fact: 'purchase', path: '$.date', operator: 'greaterThanInclusive', value: '2025-03-10' });
    const classOf = p.purchaseClassifier({ member: district });
    expect(classOf({ ...noContract, date: '2025-03-09' })).not.toBe(classOf({ ...noContract, date: '2025-03-10' }));
  });

  it('has no classes when a rule reads the purchase whole or compares it with another fact', () => {
    // (A substring test, "in" with a string value, is refused when the pack is loaded.)
    expect(policy({ fact: 'purchase', operator: 'notEqual', value: null }).purchaseClassifier({ member: district })(noContract)).toBeUndefined();
    expect(policy({ fact: 'purchase', path: '$.amountCents', operator: 'greaterThan', value: { fact: 'member', path: '$.averageDailyAttendance' } }).purchaseClassifier({ member: district })(noContract)).toBeUndefined();
  });
});
