// The periods of a threshold series may neither overlap nor leave gaps (docs/rule-packs.md), once
// the packs are layered too. Before, loadRulesPack checked each pack's own periods only: a district
// pack's $50,000 period in the state series ca.pcc20111a.k12 from 2025-03-01 was accepted, the
// lookup kept the state's 2025 period, and an $80,000 purchase needed no bid with only $114,800
// reported; a replacement moved over the 2024 period was accepted as well.
import { describe, expect, it } from 'vitest';
import { californiaLaw, createPace, paceProgram } from '../../src/index.js';
import { thrownPaceError as thrown } from '../support/thrown-pace-error.js';
import californiaLawJson from '../../rules/california/law.json' with { type: 'json' };

const SERIES = 'ca.pcc20111a.k12';
const lawIndex = (id: string): number => californiaLawJson.thresholds.findIndex((t) => t.id === id);
const law2025 = californiaLawJson.thresholds[lawIndex(`${SERIES}.2025`)]!;

const period = (id: string, effectiveFrom: string, effectiveTo: string | undefined, extra: Record<string, unknown> = {}) => ({
  id, series: SERIES, amount: '50000.00', comparison: '>', effectiveFrom, ...(effectiveTo ? { effectiveTo } : {}),
  citation: 'District X BP 3300', confidence: 'high', level: 'state', method: 'formal-bid',
  appliesTo: { memberKinds: ['school-district'], supplyKinds: ['goods', 'services'] }, ...extra,
});
const pack = (id: string, thresholds: unknown[]) => ({ id, version: '1.0.0', title: id, kind: 'policy', thresholds });
const layered = (...thresholds: unknown[]) => () => createPace({ packs: [californiaLaw(), paceProgram(), pack('district-x', thresholds)] });

describe('threshold series layered from several packs', () => {
  it('a district period overlapping the state 2025 period is refused at the district entry, naming both packs', () => {
    const e = thrown(layered(period('district-x.limit-2025', '2025-03-01', '2025-12-31')));
    expect(e.code).toBe('invalid-pack');
    expect(e.issues).toEqual([{
      path: '$.packs[2].thresholds[0].effectiveFrom',
      message: `series "${SERIES}": this period of pack "district-x" (2025-03-01 to 2025-12-31) overlaps $.packs[0].thresholds[${lawIndex(`${SERIES}.2025`)}] of pack "california-law" (2025-01-01 to 2025-12-31)`,
    }]);
  });

  it('a later pack\'s period starting before the state\'s is blamed at both ends: it overlaps 2024 and runs into 2025', () => {
    const e = thrown(layered(period('district-x.limit', '2024-12-01', '2025-02-28')));
    expect(e.issues.map((i) => i.path)).toEqual(['$.packs[2].thresholds[0].effectiveFrom', '$.packs[2].thresholds[0].effectiveTo']);
    expect(e.issues[1]!.message).toContain(`overlaps $.packs[0].thresholds[${lawIndex(`${SERIES}.2025`)}] of pack "california-law"`);
  });

  it('a replacement moved over the 2024 period is refused; one that only changes the figure is accepted', () => {
    const moved = { ...law2025, sources: undefined, effectiveFrom: '2024-07-01', amount: '120000.00', replace: true };
    const e = thrown(layered(moved));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.path).toBe('$.packs[2].thresholds[0].effectiveFrom');
    expect(e.issues[0]!.message).toMatch(/overlaps .* of pack "california-law" \(2024-01-01 to 2024-12-31\)/);
    const refigured = layered({ ...law2025, sources: undefined, amount: '120000.00', replace: true })();
    const member = { id: 'm-x', name: 'X USD', kind: 'school-district', state: 'CA' } as const;
    const decide = (amount: string) => refigured.procurementMethod({ member, purchase: { id: 'p', memberId: 'm-x', date: '2025-05-01', amount, supplyKind: 'goods' } }).method;
    expect([decide('120000.00'), decide('120000.01')]).toEqual(['none', 'formal-bid']);
  });

  it('a replacement that ends the 2025 period early leaves a gap before 2026, refused at its end', () => {
    const e = thrown(layered({ ...law2025, sources: undefined, effectiveTo: '2025-06-30', replace: true }));
    expect(e.issues).toEqual([{
      path: '$.packs[2].thresholds[0].effectiveTo',
      message: `series "${SERIES}": gap between this period of pack "district-x" (ends 2025-06-30) and $.packs[0].thresholds[${lawIndex(`${SERIES}.2026`)}] of pack "california-law" (starts 2026-01-01)`,
    }]);
  });

  it('a period continuing the series the day after its last one is accepted and used; one a month later leaves a gap', () => {
    const pace = layered(period('district-x.limit-2027', '2027-01-01', undefined))();
    const member = { id: 'm-x', name: 'X USD', kind: 'school-district', state: 'CA' } as const;
    const decision = pace.procurementMethod({ member, purchase: { id: 'p', memberId: 'm-x', date: '2027-03-01', amount: '50000.01', supplyKind: 'goods' } });
    expect(decision.method).toBe('formal-bid');
    expect(decision.thresholds.find((t) => t.series === SERIES)).toMatchObject({ id: 'district-x.limit-2027', amount: '50000.00', pack: 'district-x' });
    const e = thrown(layered(period('district-x.limit-2027', '2027-02-01', undefined)));
    expect(e.issues.map((i) => [i.path, /gap/.test(i.message)])).toEqual([['$.packs[2].thresholds[0].effectiveFrom', true]]);
  });

  it('a district\'s own series is not compared with the state\'s', () => {
    expect(() => layered(period('district-x.own', '2025-03-01', undefined, { series: 'district-x.own', level: 'local', method: 'quotes' }))()).not.toThrow();
  });
});
