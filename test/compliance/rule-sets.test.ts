// The bundled packs are plain json-rules-engine rules: the library's compiled evaluation and
// json-rules-engine's Engine fire the same rules on the facts the capabilities derive.
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/compliance/derive-facts.js';
import { complianceContext } from '../../src/compliance/rule-sets.js';
import { californiaLaw, paceProgram } from '../../src/index.js';
import { layerPacks } from '../../src/packs/layer-packs.js';
import { contract, district, purchase } from './fixtures.js';

const context = layerPacks([californiaLaw(), paceProgram()]);
const compliance = complianceContext(context);

const cases = [
  { name: 'eligible district', member: district, contract, purchase },
  { name: 'suspended, out of scope, federal money, excluded vendor', member: { ...district, membership: { programId: 'pace', status: 'suspended' as const, since: '2026-01-01' } }, contract: { ...contract, vendor: { id: 'v', name: 'V', excludedFromFederalAwards: true }, solicitation: { ...contract.solicitation, kind: 'other' as const, federalProcurementCompliant: false } }, purchase: { ...purchase, category: 'furniture', funding: [{ source: 'federal' as const, amount: '50000.00' }] } },
  { name: 'small elementary district, services contract, unexercised renewal', member: { ...district, districtType: 'elementary' as const, averageDailyAttendance: 800 }, contract: { ...contract, supplyKind: 'services' as const }, purchase: { ...purchase, date: '2026-08-01', supplyKind: 'services' as const, amount: '200000.00' } },
  { name: 'charter school, professional services', member: { ...district, kind: 'charter-school' as const, boardAuthorizations: [] }, contract, purchase: { ...purchase, supplyKind: 'professional-services' as const } },
];

describe('the bundled packs under json-rules-engine', () => {
  for (const c of cases) {
    it(`same rules fire: ${c.name}`, async () => {
      const { facts } = deriveFacts(compliance.thresholds, context.programs, { member: c.member, contract: c.contract, purchase: c.purchase, asOf: c.purchase.date });
      for (const set of [compliance.usability, compliance.audit]) {
        const engine = new Engine([], { allowUndefinedFacts: false });
        set.rules.forEach((r, index) => engine.addRule({ name: String(index), conditions: structuredClone(r.conditions) as never, event: structuredClone(r.event) as never, ...(r.priority ? { priority: r.priority } : {}) }));
        const theirs = await engine.run(JSON.parse(JSON.stringify(facts)) as Record<string, unknown>);
        const ours = set.compiled.run(facts);
        expect(ours.firedRuleIndexes.map(String).sort()).toEqual(theirs.results.map((r) => String(r.name)).sort());
      }
    });
  }
});
