// A member's CUPCCAA election without a date (cupccaa.since): PCC § 22030 makes CUPCCAA apply only
// once the board has elected it by resolution and notified the State Controller. The member's word
// is taken, and a warning says so, with the answer the thresholds give without the election.
import { describe, expect, it } from 'vitest';
import { createPace, type Member, type Purchase } from '../../src/index.js';
import { district } from '../compliance/fixtures.js';

const pace = createPace();
const undated: Member = { ...district, cupccaa: { optedIn: true } };
const roof = (amount: string, date = '2025-05-01'): Purchase => ({ id: 'po-roof', memberId: district.id, date, amount, supplyKind: 'public-works', publicWorks: { kind: 'repair' } });
const warning = (member: Member, purchase: Purchase) => pace.procurementMethod({ member, purchase }).findings.find((f) => f.code === 'cupccaa-election-date-unknown');

describe('a CUPCCAA election without a date', () => {
  it('takes the member at its word and says what PCC § 20111(b) would require of a $60,000 roof repair', () => {
    const d = pace.procurementMethod({ member: undated, purchase: roof('60000.00') });
    expect(d.method).toBe('none');
    const f = d.findings.find((x) => x.code === 'cupccaa-election-date-unknown')!;
    expect(f).toMatchObject({ severity: 'warn', citation: 'Cal. Pub. Cont. Code § 22030', ruleId: 'ca.cupccaa.force-account.v4' });
    expect(f.message).toContain('applied on 2025-05-01');
    expect(f.message).toContain('would need formal-bid, not none: it is at or over 15000.00 (ca.pcc20111b.k12.public-project, Cal. Pub. Cont. Code § 20111(b))');
  });

  it('names no stricter answer when the bands agree, and the one it would be above the informal limit', () => {
    expect(warning(undated, roof('15000.00', '2025-01-01'))?.message).toContain('would need formal-bid, not none');
    expect(warning(undated, roof('14999.99'))?.message).toContain('would be no stricter (none)');
    expect(warning(undated, roof('220000.01'))?.data).toEqual({ date: '2025-05-01', method: 'formal-bid', methodWithoutElection: 'formal-bid' });
  });

  it('cites the election of the bands in force on the date (2019 bands in 2024)', () => {
    expect(warning(undated, roof('60000.01', '2024-12-31'))).toMatchObject({ ruleId: 'ca.cupccaa.force-account.v3', data: { method: 'informal-bid', methodWithoutElection: 'formal-bid' } });
  });

  it('gives no warning with a dated election, in force or not yet, nor for goods, nor for a member that did not opt in', () => {
    expect(warning({ ...district, cupccaa: { optedIn: true, since: '2019-01-01' } }, roof('60000.00'))).toBeUndefined();
    expect(warning({ ...district, cupccaa: { optedIn: true, since: '2025-06-01' } }, roof('60000.00'))).toBeUndefined();
    expect(warning({ ...district, cupccaa: { optedIn: false } }, roof('60000.00'))).toBeUndefined();
    expect(warning(undated, { id: 'po-shelving', memberId: district.id, date: '2025-05-01', amount: '60000.00', supplyKind: 'goods' })).toBeUndefined();
  });

  it('is in the audit file decision too, which judges the same thresholds', () => {
    const a = pace.auditChecklist({ member: undated, purchase: roof('60000.00') });
    expect(a.findings.map((f) => f.code)).toContain('cupccaa-election-date-unknown');
  });
});
