// A policy rule reads the facts derived from the methods the thresholds require (requiredMethod,
// microPurchaseBySelfCertification, ...) however its path is spelled, and no rule reads
// coveredByCooperativeContract by any spelling. Before, a rule's paths were matched as the text
// "$.name": an eligibility rule reading $['requiredMethod'] or $.microPurchaseBySelfCertification
// found no method computed for it and never fired (json-rules-engine fired it), and
// $['coveredByCooperativeContract'] passed the check and then read nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { californiaLaw, createPace, loadRulesPack, paceProgram, type Contract, type Member, type Purchase } from '../../src/index.js';

const example = JSON.parse(readFileSync(new URL('../../examples/data/purchase.json', import.meta.url), 'utf8')) as { member: Member; contract: Contract };
const { member, contract } = example;

const policy = (path: string, value: unknown) => ({
  id: 'district-x',
  version: '1.0.0',
  title: 'District X BP 3300',
  kind: 'policy',
  sources: [{ id: 'bp-3300', title: 'BP 3300' }],
  rules: [{ id: 'x.review', capability: 'eligibility', sources: ['bp-3300'], description: 'Business office review.', conditions: { all: [{ fact: 'purchase', path, operator: 'equal', value }] }, event: { type: 'finding', params: { severity: 'warn', code: 'x-review', message: 'Business office review.' } } }],
});

describe('policy rules reading method facts', () => {
  for (const path of ["$.requiredMethod", "$['requiredMethod']", '$["requiredMethod"]']) {
    it(`an eligibility rule reading ${path} sees the method of a $200,000 purchase`, () => {
      const pace = createPace({ packs: [californiaLaw(), paceProgram(), policy(path, 'formal-bid')] });
      const purchase: Purchase = { id: 'po-1', memberId: member.id, date: '2025-03-01', amount: '200000.00', supplyKind: 'goods', category: 'technology', contractId: contract.id };
      const e = pace.checkEligibility({ member, contract, purchase, asOf: '2025-03-01' });
      expect(e.findings.map((f) => f.code)).toContain('x-review');
    });
  }
  it('an eligibility rule reading $.microPurchaseBySelfCertification sees it', () => {
    const pace = createPace({ packs: [californiaLaw(), paceProgram(), policy('$.microPurchaseBySelfCertification', true)] });
    const certified = { ...member, federalMicroPurchaseThreshold: { amount: '50000.00', selfCertifiedOn: '2025-01-15' } };
    const purchase: Purchase = { id: 'po-1', memberId: member.id, date: '2025-03-01', amount: '20000.00', supplyKind: 'goods', category: 'technology', contractId: contract.id, funding: [{ source: 'federal', program: 'Title IV-A', amount: '20000.00' }] };
    expect(pace.checkEligibility({ member: certified, contract, purchase, asOf: '2025-03-01' }).findings.map((f) => f.code)).toContain('x-review');
  });
  for (const path of ['$.coveredByCooperativeContract', "$['coveredByCooperativeContract']", '$["coveredByCooperativeContract"]']) {
    it(`a rule may not read ${path}`, () => {
      expect(() => loadRulesPack(policy(path, true))).toThrow(/only checklist items may read it/);
    });
  }
});
