// The bundled packs are plain json-rules-engine rules: the library's compiled evaluation and
// json-rules-engine's Engine fire the same rules on the facts the capabilities derive.
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/compliance/derive-facts.js';
import { complianceContext } from '../../src/compliance/rule-sets.js';
import { californiaLaw, paceProgram } from '../../src/index.js';
import { layerPacks } from '../../src/packs/layer-packs.js';
import { contract, district, purchase } from './fixtures.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';

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

// A malformed finding event is refused when the packs are bound. Before, an eligibility rule's
// problems were listed twice (eligibility and usability sets both checked it), and a message
// nobody gave was reported: with `code: 7` and no message the default message was the code.
describe('finding events checked when the packs are bound', () => {
  const policy = (event: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id: 'district-x', version: '1.0.0', title: 'District X', kind: 'policy',
    rules: [{ id: 'r0', capability: 'procurement', conditions: { all: [{ fact: 'member', path: '$.id', operator: 'equal', value: 'x' }] }, event: { type: 'finding' } },
      { id: 'r1', capability: 'eligibility', conditions: { all: [{ fact: 'member', path: '$.id', operator: 'equal', value: 'x' }] }, event, ...extra }],
  });
  const refused = (pack: unknown) => thrown(() => complianceContext(layerPacks([californiaLaw(), paceProgram(), pack])));

  it('{ severity: "fatal", code: 7 } is two issues, each once, and none about the message it did not give', () => {
    const e = refused(policy({ type: 'finding', params: { severity: 'fatal', code: 7 } }));
    expect(e.code).toBe('invalid-pack');
    expect(e.issues.map((i) => i.path)).toEqual(['$.packs[2].rules[1].event.params.code', '$.packs[2].rules[1].event.params.severity']);
  });
  it('a message given and wrong is reported at the message; an empty description standing for it, at the description', () => {
    expect(refused(policy({ type: 'finding', params: { message: 7, citation: 3 } })).issues.map((i) => i.path)).toEqual(['$.packs[2].rules[1].event.params.message', '$.packs[2].rules[1].event.params.citation']);
    expect(refused(policy({ type: 'finding' }, { description: '' })).issues.map((i) => i.path)).toEqual(['$.packs[2].rules[1].description']);
  });
  it('without a message or description, the finding says its code', () => {
    const compiled = complianceContext(layerPacks([californiaLaw(), paceProgram(), policy({ type: 'finding', params: { code: 'x-review' } })]));
    expect(compiled.eligibility.templates.at(-1)).toEqual({ code: 'x-review', severity: 'block', message: 'x-review', citation: undefined });
  });
});
