// pace.purchaseClassifier (src/compliance/purchase-classes.ts): purchases of one member with the
// same class get the same outcomes. Each run builds a member, maybe a contract, and a few dozen
// purchases that differ in what classes abstract (date, amount, funding amounts, vendor, id,
// description), with dates and amounts on, just before and just after every date and amount of
// the packs, the member and the contract, and at random; then every two purchases with one class
// must decide alike. Failing runs print their seed.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createPace, type Contract, type Member, type Purchase, type PurchaseCheck } from '../../src/index.js';
import { addDays, addMonths } from '../../src/dates/calendar-date.js';
import { arbContract, arbMember } from '../../src/testing/index.js';
import { paceContextOf } from '../../src/pace.js';
import { dateBoundKey, dateKey, purchaseClassNumbering } from '../../src/compliance/purchase-classes.js';
import { BOUNDARY_DOLLARS, arbMember as arbDistrict, centsToMoney, contract as fixtureContract } from './arbitraries.js';

const pace = createPace();

/** Every calendar date and decimal amount in some JSON, found by walking it. */
function datesAndCents(root: unknown): { dates: string[]; cents: number[] } {
  const dates = new Set<string>();
  const cents = new Set<number>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) dates.add(v);
      else if (/^\d{1,9}(\.\d{1,2})?$/.test(v)) cents.add(Math.round(Number(v) * 100));
    } else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e12) {
      cents.add(v);
      cents.add(v * 100);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(root);
  return { dates: [...dates], cents: [...cents] };
}

const packs = datesAndCents([JSON.parse(readFileSync(new URL('../../rules/california/law.json', import.meta.url), 'utf8')), JSON.parse(readFileSync(new URL('../../rules/pace/program.json', import.meta.url), 'utf8'))]);
const CHECKLIST_IDS: string[] = JSON.parse(readFileSync(new URL('../../rules/california/law.json', import.meta.url), 'utf8')).checklist.map((i: { id: string }) => i.id);

/** What classes promise to keep: outcomes, not messages or echoes of the purchase. */
function outcomes(d: PurchaseCheck): unknown {
  const codes = (f: readonly { code: string }[]) => f.map((x) => x.code);
  return {
    eligible: d.eligibility?.eligible,
    eligibilityFindings: d.eligibility ? codes(d.eligibility.findings) : undefined,
    method: d.procurementMethod.method,
    requiresFormalBid: d.procurementMethod.requiresFormalBid,
    thresholds: d.procurementMethod.thresholds.map((t) => [t.id, t.amount, t.applies, t.exceeded]),
    methodFindings: codes(d.procurementMethod.findings),
    items: d.auditChecklist.items.map((i) => [i.id, i.required, i.status]),
    missing: d.auditChecklist.missing,
    complete: d.auditChecklist.complete,
    auditFindings: codes(d.auditChecklist.findings),
  };
}

/** One purchase's variable part: what a class abstracts or leaves out. */
interface Variant {
  date: number;
  dayShift: number;
  amount: number;
  centShift: number;
  federalShare: number;
  addsUp: boolean;
  vendor: number;
  description: boolean;
  /** The world's documents as an ERP lists them: rotated, each quoting a file number and a date, one repeated. */
  documentOrder: number;
  documentRefs: boolean;
  documentRepeat: boolean;
  /** A kind of the world's left off (the kinds on file differ between purchases of a world). */
  documentDropped: number | undefined;
  /** The category, when the world has one: its own, a listed one, a commodity code listed nowhere, or none. */
  category: number;
  /** Another supply kind than the world's, now and then (it decides eligibility under a goods-only contract). */
  supplyKind: Purchase['supplyKind'] | undefined;
  /** The funding lines' programs (resource codes, E-Rate written two ways) and order. */
  fundingProgram: number;
  fundingReversed: boolean;
  /** Whether it carries the world's public work (a goods PO with installation, or without it). */
  publicWorks: boolean;
}

const arbVariant: fc.Arbitrary<Variant> = fc.record({
  date: fc.nat(),
  dayShift: fc.oneof({ arbitrary: fc.constantFrom(-1, 0, 1), weight: 2 }, { arbitrary: fc.integer({ min: -40, max: 40 }), weight: 2 }, { arbitrary: fc.integer({ min: -400, max: 400 }), weight: 1 }),
  amount: fc.nat(),
  centShift: fc.oneof({ arbitrary: fc.constantFrom(-1, 0, 1), weight: 2 }, { arbitrary: fc.integer({ min: -2000, max: 2000 }), weight: 2 }),
  federalShare: fc.oneof({ arbitrary: fc.constantFrom(100, 60), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 1 }),
  addsUp: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
  vendor: fc.oneof({ arbitrary: fc.nat(1), weight: 4 }, { arbitrary: fc.nat(3), weight: 1 }),
  description: fc.boolean(),
  documentOrder: fc.nat(),
  documentRefs: fc.boolean(),
  documentRepeat: fc.boolean(),
  documentDropped: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.nat(), weight: 1 }),
  category: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(), weight: 2 }),
  supplyKind: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constantFrom<Purchase['supplyKind']>('goods', 'services', 'public-works'), weight: 1 }),
  fundingProgram: fc.nat(5),
  fundingReversed: fc.boolean(),
  publicWorks: fc.boolean(),
});

const withTraining: Contract = { ...fixtureContract, priceSchedules: [{ id: 's-1', effectiveFrom: '2024-07-01', currency: 'USD', items: [{ sku: 'PD-HOUR', description: 'Training, per hour', supplyKind: 'services', price: { kind: 'fixed', unitPrice: '175.00' } }] }] };

const arbWorld = fc.record({
  // (the fixture district also with its board's authorization limited to technology, the fixture contract's category)
  member: fc.oneof(arbMember({ eligible: true }), arbMember(), arbDistrict, arbDistrict.map((m) => ({ ...m, boardAuthorizations: m.boardAuthorizations!.map((a) => ({ ...a, scope: { ...a.scope, categories: ['technology'] } })) }))),
  // The fixture covers goods only; with a schedule pricing training hours as services, it does not.
  contract: fc.option(fc.oneof(fc.constant(fixtureContract), fc.constant(withTraining), arbContract({ usable: true }), arbContract()), { nil: undefined }),
  prepared: fc.boolean(),
  // A CUPCCAA election in force from any day of 2023-2026 (public projects change thresholds on it),
  // or one without a date (taken at its word, with a warning that depends on the amount's class).
  cupccaaFrom: fc.option(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 365 * 4 }).map((d) => addDays('2023-01-01', d)), weight: 3 }, { arbitrary: fc.constant(null), weight: 1 }), { nil: undefined, freq: 3 }),
  // A cap per member at any amount (the generated contracts' caps are figures of the packs too).
  cap: fc.option(fc.integer({ min: 100_000, max: 30_000_000 }).map(centsToMoney), { nil: undefined }),
  supplyKind: fc.constantFrom<Purchase['supplyKind']>('goods', 'services', 'public-works', 'public-works', 'professional-services'),
  // The public work some of its purchases carry: installation on a goods PO is a public project
  // from 2025-01-01, judged against the public-project figures (§ 20111(b), CUPCCAA) of the date.
  publicWorks: fc.option(fc.constantFrom<NonNullable<Purchase['publicWorks']>['kind']>('installation', 'installation', 'repair', 'maintenance'), { nil: undefined }),
  category: fc.option(fc.constantFrom('technology', 'furniture', 'food-service', 'facilities'), { nil: undefined }),
  documents: fc.option(fc.subarray([...CHECKLIST_IDS, 'quotes', 'formal-bid']), { nil: undefined }),
  funding: fc.constantFrom('none', 'federal', 'local'),
  emergency: fc.option(fc.boolean(), { nil: undefined }),
  variants: fc.array(arbVariant, { minLength: 30, maxLength: 60 }),
  // A few dates and amounts per world, each purchase near one of them: purchases share classes.
  datePicks: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
  amountPicks: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
  randomDays: fc.array(fc.integer({ min: 0, max: 365 * 10 }), { minLength: 5, maxLength: 5 }),
  randomCents: fc.array(fc.integer({ min: 0, max: 40_000_000 }), { minLength: 5, maxLength: 5 }),
});

let comparedPairs = 0;
let unclassed = 0;

type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

/** The world's member, with its CUPCCAA election when the world gives one. */
function memberOf(world: World): Member {
  const member = world.member as Member;
  if (world.cupccaaFrom === undefined) return member;
  return { ...member, cupccaa: world.cupccaaFrom === null ? { optedIn: true } : { optedIn: true, since: world.cupccaaFrom } };
}

function purchasesOf(world: World): Purchase[] {
  const member = memberOf(world);
  const contract = world.contract === undefined ? undefined : { ...(world.contract as Contract), ...(world.cap !== undefined ? { maxAmountPerMember: world.cap } : {}) };
  const own = datesAndCents([member, contract ?? null]);
  // The member's and the contract's own dates and amounts weigh more: few, and each the edge of something.
  const ownDates = [...own.dates, ...own.dates.map((d) => addMonths(d, 12))];
  const dates = [...packs.dates, ...ownDates, ...ownDates, ...ownDates, ...world.randomDays.map((d) => addDays('2018-01-01', d))];
  const cents = [...BOUNDARY_DOLLARS.map((d) => d * 100), ...own.cents, ...own.cents, ...own.cents, ...packs.cents.filter((c) => c < 100_000_000), ...world.randomCents];
  const vendors = [undefined, contract?.vendor.id ?? 'v-1', contract?.authorizedDealers?.[0]?.id ?? 'v-2', 'v-other'];
  return world.variants.map((v, i) => {
    const amount = Math.max(0, cents[world.amountPicks[v.amount % 3]! % cents.length]! + v.centShift);
    const p: Purchase = {
      id: `po-${i}`,
      memberId: member.id,
      date: addDays(dates[world.datePicks[v.date % 3]! % dates.length]!, v.dayShift),
      amount: centsToMoney(amount),
      supplyKind: v.supplyKind ?? world.supplyKind,
    };
    // (now and then none: under a board authorization limited to categories, that decides eligibility)
    if (world.category !== undefined) p.category = [world.category, 'technology', 'classroom-materials', 'furniture', `4321150${i % 3}`, `4412161${i % 3}`, undefined][v.category % 7];
    if (contract) p.contractId = contract.id;
    const vendor = vendors[v.vendor];
    if (vendor !== undefined) p.vendorId = vendor;
    if (v.description) p.description = `Order ${i}`;
    if (world.emergency !== undefined) p.emergency = world.emergency;
    if (world.publicWorks !== undefined && v.publicWorks) p.publicWorks = { kind: world.publicWorks };
    if (world.documents !== undefined) {
      const n = world.documents.length;
      const kinds = world.documents.map((_, k) => world.documents![(k + v.documentOrder) % n]!).filter((_, k) => v.documentDropped === undefined || k !== v.documentDropped % n);
      const documents: NonNullable<Purchase['documents']> = kinds.map((kind) => (v.documentRefs ? { kind, ref: `F-${i}-${kind}`, date: addDays(p.date, -v.documentOrder % 30) } : { kind }));
      if (v.documentRepeat && kinds.length > 0) documents.push({ kind: kinds[0]!, ref: `F-${i}-again` });
      p.documents = documents;
    }
    if (world.funding !== 'none') {
      const first = Math.floor((amount * v.federalShare) / 100);
      const rest = amount - first + (v.addsUp ? 0 : 100);
      p.funding = [{ source: world.funding === 'federal' ? 'federal' : 'local', program: ['Title I', 'Resource 3010', 'Resource 3213', undefined, 'E-Rate', 'e rate'][v.fundingProgram], amount: centsToMoney(first) }];
      if (rest > 0) p.funding.push({ source: 'state', program: v.fundingProgram === 1 ? 'Resource 6500' : undefined, amount: centsToMoney(rest) });
      if (v.fundingReversed) p.funding.reverse();
    }
    return p;
  });
}

describe('pace.purchaseClassifier', () => {
  test.prop([arbWorld], { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 150) })('purchases of one class get the same outcomes', (world) => {
    const member = memberOf(world);
    const raw = world.contract === undefined ? undefined : world.cap === undefined ? (world.contract as Contract) : { ...(world.contract as Contract), maxAmountPerMember: world.cap };
    const contract = raw === undefined ? undefined : world.prepared ? pace.prepareContract(raw) : raw;
    const classOf = pace.purchaseClassifier(contract ? { member, contract } : { member });
    // audit-ledger's numbers for the same classes: one number a key, one key a number.
    const numberOf = purchaseClassNumbering(paceContextOf(pace)!, contract ? { member, contract } : { member });
    const numberByKey = new Map<string, number>();
    const keyByNumber = new Map<number, string>();
    const first = new Map<string, { purchase: Purchase; outcome: unknown }>();
    for (const purchase of purchasesOf(world)) {
      const key = classOf(purchase);
      const number = numberOf(purchase);
      if (key === undefined) {
        expect(number).toBeUndefined();
        unclassed++;
        continue;
      }
      expect(number).toBeTypeOf('number');
      expect(numberByKey.get(key) ?? number).toBe(number);
      expect(keyByNumber.get(number!) ?? key).toBe(key);
      numberByKey.set(key, number!);
      keyByNumber.set(number!, key);
      const outcome = outcomes(pace.checkPurchase(contract ? { member, purchase, contract } : { member, purchase }, { trace: false }));
      const seen = first.get(key);
      if (!seen) first.set(key, { purchase, outcome });
      else {
        comparedPairs++;
        // On failure: the two purchases, then the outcomes that differ.
        expect({ purchase, outcome }, `same class as ${JSON.stringify(seen.purchase)}`).toEqual({ purchase, outcome: seen.outcome });
      }
    }
  });

  it('compared many purchases of one class (the property above is not vacuous)', () => {
    // The property runs first (vitest runs a file's tests in order).
    // 446-532 pairs over 11 seeds once the worlds varied supply kinds, purchases naming no category,
    // undated CUPCCAA elections and public works (each splits classes): 500 failed on about half of
    // the seeds, so the floor was 300. Later worlds split classes further: 308-442 pairs over 31
    // runs (session 22, mean about 380), and a full-suite run failed at 300 or fewer. The floor
    // guards against a classifier that classes nothing alike (0 pairs), not against the spread of
    // the seeds: 150, far below every run seen.
    expect(comparedPairs, `pairs of purchases compared in one class (the property's runs, above)`).toBeGreaterThan(150);
    expect(unclassed).toBe(0);
  });
});

describe('date classes by number', () => {
  // Dates are classed by number (dateKey) among the packs' literals (dateBoundKey), which are any
  // strings: each comparison must come out as the text's.
  const arbDate = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)).filter((d) => /^\d{4}-/.test(d));
  const arbBound = fc.oneof(
    arbDate,
    arbDate.map((d) => d.slice(0, 7)),
    arbDate.map((d) => `${d.slice(0, 8)}3${d[9]}`),
    arbDate.map((d) => `${d}T00:00`),
    fc.constantFrom('', 'goods', '2025-13-01', '2025-02-30', '0000', '9999-12-31z', '2025-1', '20250101', '-', '~'),
    fc.string({ maxLength: 12 }),
  );
  test.prop([arbDate, arbBound])('a date compares with a bound by number as by text', (date, bound) => {
    const [d, b] = [dateKey(date), dateBoundKey(bound)];
    expect([d < b, d === b, d > b]).toEqual([date < bound, date === bound, date > bound]);
  });
});
