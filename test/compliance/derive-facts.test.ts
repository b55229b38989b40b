import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/compliance/derive-facts.js';
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
  it('an absent field reads as absent', () => {
    const { facts: bare } = deriveFacts(table, context.programs, { member: { id: 'm', name: 'M', kind: 'charter-school', state: 'CA' }, contract: undefined, purchase: undefined, asOf: '2025-01-01' as never });
    expect(bare.member['membership']).toBeUndefined();
    expect(bare.member['isMemberOfProgram']).toBe(false);
    expect(JSON.parse(JSON.stringify(bare.member))).toEqual({ id: 'm', name: 'M', kind: 'charter-school', state: 'CA', isMemberOfProgram: false, membershipInForce: false, feesPaid: false, averageDailyAttendanceGiven: false, regime: 'charter-school', regimeKnown: true, cupccaaInForce: false, boardAuthorization: { required: false, coversContract: false, coversCategory: false } });
  });
});
