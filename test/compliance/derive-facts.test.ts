import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates/calendar-date.js';
import { deriveFacts, fundingProgramKey, fundingProgramKeys } from '../../src/compliance/derive-facts.js';
import { complianceContext } from '../../src/compliance/rule-sets.js';
import { MemberSchema, PurchaseSchema, type Member, type Purchase } from '../../src/index.js';
import { layerPacks } from '../../src/packs/layer-packs.js';
import { californiaLaw, paceProgram } from '../../src/packs/bundled.js';
import { prepareContract } from '../../src/contracts/prepare-contract.js';
import { contract, district, purchase } from './fixtures.js';

// deriveFacts builds the member and purchase facts as literals listing every field (faster than
// copying): these tests keep those lists in step with the schemas.
const context = layerPacks([californiaLaw(), paceProgram()]);
const table = complianceContext(context).thresholds;

const everyMemberField: Member = MemberSchema.parse({
  ...district,
  districtType: 'elementary',
  averageDailyAttendance: 1200,
  membership: { programId: 'pace', status: 'active', since: '2023-07-01', until: '2030-06-30', feesPaidThrough: '2026-06-30' },
  cupccaa: { optedIn: true, since: '2020-01-01' },
  federalMicroPurchaseThreshold: { amount: '25000.00', selfCertifiedOn: '2024-07-01' },
  regimeOf: 'school-district',
  meta: { erpId: 'A-1' },
});
const everyPurchaseField: Purchase = PurchaseSchema.parse({
  ...purchase,
  category: purchase.category ?? 'technology',
  contractId: contract.id,
  vendorId: 'v-1',
  description: 'laptops',
  funding: [{ source: 'federal', program: 'Title I', amount: '100.00' }],
  emergency: false,
  documents: [{ kind: 'quote', ref: 'q-1', date: purchase.date }],
  revisionOf: 'po-0',
  publicWorks: { kind: 'installation' },
  meta: { erpId: 'P-1' },
});

describe('deriveFacts', () => {
  const { facts } = deriveFacts(table, context.programs, { member: everyMemberField, contract: prepareContract(contract), purchase: everyPurchaseField, asOf: everyPurchaseField.date });
  it('the member fact holds every member field, as given', () => {
    expect(Object.keys(everyMemberField).sort()).toEqual(Object.keys(MemberSchema.shape).sort());
    for (const key of Object.keys(MemberSchema.shape)) expect(facts.member[key], key).toBe(everyMemberField[key as keyof Member]);
    expect(facts.member['membershipInForce']).toBe(true);
  });
  it('the purchase fact holds every purchase field, as given', () => {
    expect(Object.keys(everyPurchaseField).sort()).toEqual(Object.keys(PurchaseSchema.shape).sort());
    for (const key of Object.keys(PurchaseSchema.shape)) expect(facts.purchase[key], key).toBe(everyPurchaseField[key as keyof Purchase]);
    expect(facts.purchase['federalAmountCents']).toBe(10_000);
    expect(facts.purchase['documentKinds']).toEqual(['quote']);
  });
  it('keys the funding programs: E-Rate however it is written, any source, in the lines\' order', () => {
    expect(facts.purchase['fundingProgramKeys']).toEqual(['titlei']);
    expect(['E-Rate', 'e-rate', 'E Rate', 'ERATE', ' E–Rate ', 'Ｅ-Ｒａｔｅ'].map(fundingProgramKey)).toEqual(['erate', 'erate', 'erate', 'erate', 'erate', 'erate']);
    expect(fundingProgramKey('E-Rate FY2025')).toBe('eratefy2025');
    expect(fundingProgramKeys([{ source: 'local', amount: '1.00' }, { source: 'state', program: 'E-Rate', amount: '1.00' }, { source: 'federal', program: 'Title I', amount: '1.00' }])).toEqual(['erate', 'titlei']);
    expect(fundingProgramKeys(undefined)).toEqual([]);
  });
  it('an absent field reads as absent', () => {
    const { facts: bare } = deriveFacts(table, context.programs, { member: { id: 'm', name: 'M', kind: 'charter-school', state: 'CA' }, contract: undefined, purchase: undefined, asOf: '2025-01-01' as never });
    expect(bare.member['membership']).toBeUndefined();
    expect(bare.member['isMemberOfProgram']).toBe(false);
    expect(JSON.parse(JSON.stringify(bare.member))).toEqual({ id: 'm', name: 'M', kind: 'charter-school', state: 'CA', isMemberOfProgram: false, membershipInForce: false, feesPaid: false, averageDailyAttendanceGiven: false, regime: 'charter-school', regimeKnown: true, cupccaaInForce: false, boardAuthorization: { required: false, coversContract: false, coversCategory: false, limitedToCategories: false, coversPurchase: false } });
  });
});

// A prepared contract's fact is kept per program and term status (in force, outside, in an
// unexercised renewal), not per date: a ledger's decisions on hundreds of dates share a few facts
// (and the rules bound to them). The kept facts must be exactly what a raw contract, derived
// afresh (it is not kept), gives on each date, in whatever order the dates come.
describe('purchase.publicProjectMethod: the public work inside a purchase of another kind', () => {
  const fact = (member: Member, p: Partial<Purchase>, withMethods = true) =>
    deriveFacts(table, context.programs, { member, contract: undefined, purchase: { ...purchase, contractId: undefined, publicWorks: { kind: 'installation' }, ...p }, asOf: '2025-05-01' as never }, withMethods).facts.purchase['publicProjectMethod'];
  const cupccaa = (since?: string): Member => ({ ...district, cupccaa: since === undefined ? { optedIn: true } : { optedIn: true, since: since as never } });
  it('is what a public project of the whole amount needs: § 20111(b) at $15,000 or more', () => {
    expect([fact(district, { amount: '14999.99' }), fact(district, { amount: '15000.00' })]).toEqual(['none', 'formal-bid']);
  });
  it('follows a CUPCCAA election in force, and takes the stricter reading of one without a date', () => {
    expect([fact(cupccaa('2019-01-01'), { amount: '48000.00' }), fact(cupccaa('2019-01-01'), { amount: '75000.01' })]).toEqual(['none', 'informal-bid']);
    expect(fact(cupccaa('2025-06-01'), { amount: '48000.00' })).toBe('formal-bid');
    expect(fact(cupccaa(), { amount: '48000.00' })).toBe('formal-bid');
  });
  it('is absent without a public work, on a public-works purchase (its own method says it), and without the methods', () => {
    expect(fact(district, { amount: '48000.00', publicWorks: undefined })).toBeUndefined();
    expect(fact(district, { amount: '48000.00', supplyKind: 'public-works' })).toBeUndefined();
    expect(fact(district, { amount: '48000.00' }, false)).toBeUndefined();
  });
});

describe('the contract fact of a prepared contract, on every date of six years', () => {
  const prepared = prepareContract(contract);
  const days: string[] = [];
  for (let d = '2023-01-01'; d <= '2028-12-31'; d = addDays(d, 1)) days.push(d);
  test.prop([fc.shuffledSubarray(days, { minLength: 400, maxLength: 800 })], { numRuns: 5 })('equals the raw contract\'s, shared across dates of one term status', (dates) => {
    const byStatus = new Map<string, object>();
    for (const asOf of dates) {
      const subject = { member: district, purchase: { ...purchase, date: asOf }, asOf };
      const kept = deriveFacts(table, context.programs, { ...subject, contract: prepared }, false, false).facts.contract;
      const fresh = deriveFacts(table, context.programs, { ...subject, contract: structuredClone(contract) as never }, false, false).facts.contract;
      expect(kept, asOf).toEqual(fresh);
      expect(Object.isFrozen(kept)).toBe(true);
      const status = `${String(kept['inForce'])}/${String(kept['inForceByUnexercisedRenewal'])}`;
      const first = byStatus.get(status);
      if (first === undefined) byStatus.set(status, kept);
      else expect(kept, asOf).toBe(first);
    }
  });
  it('has the three term statuses of the fixture on the expected dates', () => {
    const at = (asOf: string) => deriveFacts(table, context.programs, { member: district, contract: prepared, purchase: { ...purchase, date: asOf }, asOf }, false, false).facts.contract;
    expect([at('2024-06-30')['inForce'], at('2024-07-01')['inForce'], at('2026-06-30')['inForce'], at('2026-07-01')['inForce'], at('2027-07-01')['inForce']]).toEqual([false, true, true, false, false]);
    expect([at('2026-07-01')['inForceByUnexercisedRenewal'], at('2027-06-30')['inForceByUnexercisedRenewal'], at('2027-07-01')['inForceByUnexercisedRenewal']]).toEqual([true, true, false]);
  });
});
