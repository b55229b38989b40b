import { describe, expect, it } from 'vitest';
import { californiaLaw, createPace, isPaceError, paceProgram } from '../../src/index.js';
import { oakValleyPolicy } from '../../examples/district-policy.js';
import { district, purchase } from '../compliance/fixtures.js';

const pace = createPace({ packs: [californiaLaw(), paceProgram(), oakValleyPolicy] });
const own = (amount: string) => ({ ...purchase, contractId: undefined, amount });

describe('a district policy pack layered on the law', () => {
  it('three quotes above $15,000: $15,000.00 needs none, $15,000.01 needs quotes', () => {
    expect(pace.procurementMethod({ member: district, purchase: own('15000.00') }).method).toBe('none');
    const over = pace.procurementMethod({ member: district, purchase: own('15000.01') });
    expect(over.method).toBe('quotes');
    expect(over.required).toMatchObject({ state: 'none', local: 'quotes' });
    expect(over.thresholds.find((t) => t.id === 'oak.three-quotes.2024')).toMatchObject({ applies: true, exceeded: true, level: 'local', pack: 'oak-valley-policy' });
  });
  it('the state formal bid still wins above the bid limit', () => {
    expect(pace.procurementMethod({ member: district, purchase: own('114800.01') }).method).toBe('formal-bid');
  });
  it('board approval above $50,000 is a warning from the policy pack, named in the trace', () => {
    const d = pace.procurementMethod({ member: district, purchase: own('50000.01') });
    expect(d.findings.find((f) => f.code === 'board-approval-required')).toMatchObject({ pack: 'oak-valley-policy', ruleId: 'oak.board-approval', severity: 'warn' });
    expect(d.trace.some((s) => s.step === 'rule' && s.id === 'oak.board-approval' && s.pack === 'oak-valley-policy' && s.passed)).toBe(true);
    expect(pace.procurementMethod({ member: district, purchase: own('50000.00') }).findings.map((f) => f.code)).not.toContain('board-approval-required');
  });
  it('does not bind another member', () => {
    const other = { ...district, id: 'm-other' };
    expect(pace.procurementMethod({ member: other, purchase: { ...own('20000.00'), memberId: 'm-other' } }).method).toBe('none');
  });
  it('a usable cooperative contract meets the local quotes requirement', async () => {
    const { contract } = await import('../compliance/fixtures.js');
    expect(pace.procurementMethod({ member: district, purchase: { ...purchase, amount: '20000.00' }, contract }).method).toBe('cooperative-contract');
  });
  it('an eligibility rule that reads the required method gets it computed', async () => {
    const { contract } = await import('../compliance/fixtures.js');
    const policy = {
      id: 'oak-coop-policy', version: '1.0.0', title: 'Cooperative use only when competition is required', kind: 'policy',
      rules: [{
        id: 'oak.coop-only-above-limits', capability: 'eligibility', citation: 'Oak Valley USD BP 3300',
        conditions: { all: [{ fact: 'purchase', path: '$.competitionRequired', operator: 'equal', value: false }] },
        event: { type: 'finding', params: { code: 'cooperative-use-not-needed', severity: 'info', message: 'No competition is required; buy locally.' } },
      }],
    };
    const p = createPace({ packs: [californiaLaw(), paceProgram(), policy] });
    const small = p.checkEligibility({ member: district, contract, asOf: '2025-03-01', purchase: { ...purchase, amount: '1000.00' } });
    expect(small.findings.map((f) => f.code)).toContain('cooperative-use-not-needed');
    const large = p.checkEligibility({ member: district, contract, asOf: '2025-03-01', purchase: { ...purchase, amount: '200000.00' } });
    expect(large.findings.map((f) => f.code)).not.toContain('cooperative-use-not-needed');
  });
  it('a limit bound to kinds of public work (appliesTo.publicWorksKinds) covers public-works POs of those kinds, and the others as supplyKinds says', () => {
    // Quotes above $5,000 for services and for maintenance work, whatever supply kind the PO is written as.
    const policy = {
      id: 'oak-maintenance-policy', version: '1.0.0', title: 'Quotes for services and maintenance', kind: 'policy',
      thresholds: [{
        id: 'oak.maintenance-quotes', series: 'oak.maintenance-quotes', amount: '5000.00', comparison: '>', effectiveFrom: '2024-07-01',
        citation: 'Oak Valley USD AR 3310', confidence: 'high', level: 'local', method: 'quotes',
        appliesTo: { memberIds: ['m-oak'], supplyKinds: ['services'], publicWorksKinds: ['maintenance'] },
      }],
    };
    const p = createPace({ packs: [californiaLaw(), paceProgram(), policy] });
    const local = (po: Partial<typeof purchase>) => p.procurementMethod({ member: district, purchase: { ...own('6000.00'), ...po } }).thresholds.find((t) => t.id === 'oak.maintenance-quotes')?.applies;
    expect(local({ supplyKind: 'public-works', publicWorks: { kind: 'maintenance' } })).toBe(true);
    expect(local({ supplyKind: 'services' })).toBe(true);
    expect(local({ supplyKind: 'public-works', publicWorks: { kind: 'construction' } })).toBe(false);
    // A public-works PO that names no kind is covered as supplyKinds says (it lists no public works).
    expect(local({ supplyKind: 'public-works' })).toBe(false);
    // The list binds public-works POs only: a goods PO with maintenance is not covered by it.
    expect(local({ supplyKind: 'goods', publicWorks: { kind: 'maintenance' } })).toBe(false);
    expect(p.procurementMethod({ member: district, purchase: { ...own('6000.00'), supplyKind: 'public-works', publicWorks: { kind: 'maintenance' } } }).method).toBe('quotes');
  });
  it('a malformed finding in a policy pack is refused when the packs are bound', () => {
    const bad = { ...oakValleyPolicy, id: 'bad-policy', thresholds: [], rules: [{ ...oakValleyPolicy.rules[0]!, event: { type: 'finding', params: { code: 'x', severity: 'fatal', message: 'm' } } }] };
    let caught: unknown;
    try {
      createPace({ packs: [californiaLaw(), paceProgram(), bad] });
    } catch (e) {
      caught = e;
    }
    expect(isPaceError(caught) && caught.code).toBe('invalid-pack');
    expect((caught as { issues: { path: string }[] }).issues[0]?.path).toBe('$.packs[2].rules[0].event.params.severity');
  });
  it('a district may lower the state bid limit only by adding a stricter local limit, never silently replacing the law', () => {
    const replacing = { ...oakValleyPolicy, id: 'replacing', rules: [], thresholds: [{ ...oakValleyPolicy.thresholds[0]!, id: 'ca.pcc20111a.k12.2025' }] };
    expect(() => createPace({ packs: [californiaLaw(), paceProgram(), replacing] })).toThrow(/replace/);
  });
});
