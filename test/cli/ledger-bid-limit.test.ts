// The bid limit of a member's year in the audit-ledger reports: what the library found about it
// (a figure not in the rules pack, a JPA without regimeOf, a charter school) is in the JSON
// (bidLimitFindings) and said in words in the text and HTML reports; a stand-in is never shown
// as the known figure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchFiles } from '../support/cli-in-process.js';
import { bidLimitInWords, standsInAllYear, type BidLimitFinding } from '../../src/cli/ledger/bid-limit.js';
import { dollars } from '../../src/cli/report.js';

const { dir: scratch, file } = scratchFiles('pace-bid-limit-');

const K12 = 'Cal. Pub. Cont. Code § 20111(a), adjusted under § 20111(e) [formerly (d)]';
const members = file(
  'members.json',
  JSON.stringify([
    { id: 'alder-usd', name: 'Alder Unified School District', kind: 'school-district', districtType: 'unified', state: 'CA', averageDailyAttendance: 18400, membership: { programId: 'pace', status: 'active', since: '2022-08-01' } },
    { id: 'cedar-charter', name: 'Cedar Valley Charter Academy', kind: 'charter-school', state: 'CA', averageDailyAttendance: 640, membership: { programId: 'pace', status: 'active', since: '2024-09-01' } },
    { id: 'foothill-jpa', name: 'Foothill Schools Insurance and Purchasing JPA', kind: 'joint-powers-authority', state: 'CA', membership: { programId: 'pace', status: 'active', since: '2023-07-01' } },
  ]),
);
// FY 2024-25: both figures known (2024: $114,500; 2025: $114,800). FY 2026-27: neither 2026 nor 2027 is in the pack.
const ledger = file(
  'ledger.csv',
  [
    'id,memberId,date,amount,supplyKind,vendorId,documents',
    'PO-25-0102,alder-usd,2024-09-16,41250.00,goods,v-oakline,',
    'PO-27-0014,alder-usd,2026-08-04,38900.00,goods,v-oakline,',
    'PO-27-0031,alder-usd,2026-09-21,121300.00,goods,v-woodcraft,formal-bid-file',
    'PO-25-0210,cedar-charter,2024-10-07,16400.00,goods,v-northwind,',
    'PO-25-0077,foothill-jpa,2024-11-12,52700.00,goods,v-summit,',
  ].join('\n') + '\n',
);
const args = ['audit-ledger', ledger, '--members', members];

interface Year {
  memberId: string;
  fiscalYear: string;
  bidLimit: string | null;
  bidLimitCitation: string | null;
  bidLimitFindings: BidLimitFinding[];
}
async function years(): Promise<Year[]> {
  return (JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as { memberYears: Year[] }).memberYears;
}
const year = (all: Year[], memberId: string, fiscalYear: string): Year => all.find((y) => y.memberId === memberId && y.fiscalYear === fiscalYear)!;

describe('audit-ledger: the bid limit of a member-year and what the library found about it', () => {
  it('JSON: keeps bidLimit and bidLimitCitation, and adds the findings (none for a year whose figures are known)', async () => {
    const all = await years();
    expect(all.map((y) => `${y.memberId} ${y.fiscalYear}`)).toEqual(['alder-usd 2024-25', 'alder-usd 2026-27', 'cedar-charter 2024-25', 'foothill-jpa 2024-25']);
    expect(year(all, 'alder-usd', '2024-25')).toMatchObject({ bidLimit: '114500.00', bidLimitCitation: K12, bidLimitFindings: [] });
  });
  it('JSON: FY 2026-27, with no figure in the rules pack, says the figure that stands in is one', async () => {
    const y = year(await years(), 'alder-usd', '2026-27');
    // The field other systems read is unchanged: the figure the library judges against.
    expect(y.bidLimit).toBe('114800.00');
    expect(y.bidLimitCitation).toBe(K12);
    expect(y.bidLimitFindings.map((f) => [f.code, f.severity, f.data?.['date'], f.data?.['usedAmount']])).toEqual([
      ['threshold-figure-unknown', 'warn', '2026-07-01', '114800.00'],
      ['threshold-figure-unknown', 'warn', '2027-01-01', '114800.00'],
    ]);
    expect(y.bidLimitFindings[0]!.message).toMatch(/^No figure is known for ca\.pcc20111a\.k12\.2026 \(K-12 bid limit 2026: not found\) on 2026-07-01/);
    expect(y.bidLimitFindings[0]!.citation).toBe(K12);
  });
  it('JSON: a charter school has no bid limit, and the finding says why; a JPA without regimeOf is judged as a district, and says so', async () => {
    const all = await years();
    expect(year(all, 'cedar-charter', '2024-25')).toMatchObject({
      bidLimit: null,
      bidLimitCitation: null,
      bidLimitFindings: [{ code: 'charter-school-not-subject-to-pcc-bidding', severity: 'info', citation: 'Cal. Educ. Code § 47610' }],
    });
    const jpa = year(all, 'foothill-jpa', '2024-25');
    expect(jpa.bidLimit).toBe('114500.00');
    // Once, though both days' decisions report it.
    expect(jpa.bidLimitFindings).toEqual([expect.objectContaining({ code: 'member-regime-unknown', severity: 'warn', citation: 'Cal. Gov. Code § 6509' })]);
  });
  it('text: prints in words each year whose limit has findings, and not the years whose figures are known', async () => {
    const { stdout, exitCode } = await runCli(args);
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    const start = lines.indexOf('Bid limits (state, goods) to read with care, per member and fiscal year:');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 4)).toEqual([
      `  alder-usd 2026-27: $114,800.00, a stand-in: no figure in force on 2026-07-01 or 2027-01-01 is found in the rules pack, so a known figure stands in (${K12})`,
      '  cedar-charter 2024-25: none: a charter school is not subject to the Public Contract Code bid limit (Cal. Educ. Code § 47610)',
      `  foothill-jpa 2024-25: $114,500.00 (${K12}). The joint powers authority names no designated member kind (regimeOf): it follows the restrictions of the member its agreement designates, so it was judged as a school district. Add regimeOf to the member record. (Cal. Gov. Code § 6509)`,
    ]);
    expect(lines[start + 4]).toBe('');
    expect(stdout).not.toContain('alder-usd 2024-25:');
  });
  it('HTML: says the stand-in, the charter school and the JPA in words, and marks the stand-in in the chart', async () => {
    const out = join(scratch, 'report.html');
    expect((await runCli([...args, '--format', 'html', '--out', out])).exitCode).toBe(0);
    const page = readFileSync(out, 'utf8');
    const meta = [...page.matchAll(/<p class="meta[^"]*">Bid limit \(state, goods\): (.*?)<\/p>/g)].map((m) => m[1]);
    expect(meta).toEqual([
      `$114,500.00 (${K12})`,
      `$114,800.00, a stand-in: no figure in force on 2026-07-01 or 2027-01-01 is found in the rules pack, so a known figure stands in (${K12})`,
      'none: a charter school is not subject to the Public Contract Code bid limit (Cal. Educ. Code § 47610)',
      `$114,500.00 (${K12}). The joint powers authority names no designated member kind (regimeOf): it follows the restrictions of the member its agreement designates, so it was judged as a school district. Add regimeOf to the member record. (Cal. Gov. Code § 6509)`,
    ]);
    expect(page).not.toContain('not known');
    // The stand-in year's vendor over it is "over the stand-in bid limit"; the chart's line says it stands in.
    expect(page).toContain('<td>v-woodcraft</td><td class="num">1</td><td class="num">$121,300.00</td><td class="num">$0.00</td><td><span class="status-missing">goods over the stand-in bid limit in total</span></td>');
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as { charts: { memberId: string; fiscalYear: string; bidLimit: number | null; bidLimitStandsIn: boolean }[] };
    expect(data.charts.map((c) => [c.memberId, c.fiscalYear, c.bidLimit, c.bidLimitStandsIn])).toEqual(
      expect.arrayContaining([
        ['alder-usd', '2026-27', 114800, true],
        ['alder-usd', '2024-25', 114500, false],
        ['cedar-charter', '2024-25', null, false],
      ]),
    );
    expect(page).toContain("'Bid limit (a stand-in: no figure of the year is found) '");
    // The page's own script (the last one) still parses.
    const scripts = [...page.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]!);
    expect(() => new Function(scripts.at(-1)!)).not.toThrow();
  });
});

describe('audit-ledger: a county office of education judged under the district limits', () => {
  const coeMembers = file('coe-members.json', JSON.stringify([{ id: 'dogwood-coe', name: 'Dogwood County Office of Education', kind: 'county-office', state: 'CA', membership: { programId: 'pace', status: 'active', since: '2023-07-01' } }]));
  const coeLedger = file('coe-ledger.csv', ['id,memberId,date,amount,supplyKind,vendorId,documents', 'PO-25-0311,dogwood-coe,2024-10-14,28600.00,goods,v-radio-west,'].join('\n') + '\n');
  const BASIS = 'Cal. Pub. Cont. Code § 20111 (applied to county offices of education; the statutory basis was not found)';
  it('keeps the district limit, and says in JSON and words that its statutory basis for county offices was not found', async () => {
    const coeArgs = ['audit-ledger', coeLedger, '--members', coeMembers];
    const y = (JSON.parse((await runCli([...coeArgs, '--format', 'json'])).stdout) as { memberYears: Year[] }).memberYears[0]!;
    expect(y).toMatchObject({ memberId: 'dogwood-coe', fiscalYear: '2024-25', bidLimit: '114500.00', bidLimitCitation: K12 });
    // Once, though both days' decisions report it.
    expect(y.bidLimitFindings).toEqual([expect.objectContaining({ code: 'county-office-pcc-bidding-basis-not-found', severity: 'info', citation: BASIS })]);
    const lines = (await runCli(coeArgs)).stdout.split('\n');
    const start = lines.indexOf('Bid limits (state, goods) to read with care, per member and fiscal year:');
    expect(lines[start + 1]).toMatch(/^  dogwood-coe 2024-25: \$114,500\.00 \(Cal\. Pub\. Cont\. Code § 20111\(a\).*\)\. A county office of education is judged here under the school district bid limits of PCC § 20111.*not found in the legal reference\./);
  });
});

describe('bidLimitInWords', () => {
  const base = { fiscalYear: '2025-26', bidLimit: '114800.00', bidLimitCitation: K12 };
  const unknownOn = (date: string): BidLimitFinding => ({ code: 'threshold-figure-unknown', severity: 'warn', message: `No figure is known for ca.pcc20111a.k12.2026 on ${date}; …`, citation: K12, data: { series: 'ca.pcc20111a.k12', date, usedThresholdId: 'ca.pcc20111a.k12.2025', usedAmount: '114800.00' } });
  it('a year whose January figure is not found shows the known July figure, and says the lowest limit is not certain', () => {
    const y = { ...base, bidLimitFindings: [unknownOn('2026-01-01')] };
    expect(standsInAllYear(y)).toBe(false);
    expect(bidLimitInWords(y, dollars)).toBe(`$114,800.00 (${K12}); but no figure in force on 2026-01-01 is found in the rules pack ($114,800.00 stands in for it), so the year's lowest limit is not certain`);
  });
  it('a year with no finding is its figure; with no figure and no finding, "not known"; another finding is the library\'s sentence', () => {
    expect(bidLimitInWords({ ...base, bidLimitFindings: [] }, dollars)).toBe(`$114,800.00 (${K12})`);
    expect(bidLimitInWords({ ...base, bidLimit: null, bidLimitCitation: null, bidLimitFindings: [] }, dollars)).toBe('not known');
    expect(bidLimitInWords({ ...base, bidLimitFindings: [{ code: 'some-new-finding', severity: 'warn', message: 'Something about the limit.' }] }, dollars)).toBe(`$114,800.00 (${K12}). Something about the limit.`);
  });
  it('does not change the year it is given', () => {
    const y = Object.freeze({ ...base, bidLimitFindings: Object.freeze([Object.freeze(unknownOn('2025-07-01')), Object.freeze(unknownOn('2026-01-01'))]) });
    expect(standsInAllYear(y)).toBe(true);
    expect(bidLimitInWords(y, dollars)).toMatch(/^\$114,800\.00, a stand-in: /);
  });
});

describe('audit-ledger: spending of purchases that name no vendor', () => {
  it('is an entry without vendorId, apart from a vendor whose id reads "(no vendor)"', async () => {
    // Before, purchases naming no vendor were listed as vendorId "(no vendor)", one entry with a
    // vendor of that id (any non-empty text is an id).
    const rows = ['id,memberId,date,amount,supplyKind,vendorId', 'PO-1,alder-usd,2025-08-12,9000.00,goods,', 'PO-2,alder-usd,2025-08-13,4000.00,goods,(no vendor)'];
    const r = JSON.parse((await runCli(['audit-ledger', file('no-vendor.csv', rows.join('\n') + '\n'), '--members', members, '--format', 'json'])).stdout) as { memberYears: { vendors: { vendorId?: string; outsideContracts: string }[] }[] };
    expect(r.memberYears[0]!.vendors.map((v) => [v.vendorId, v.outsideContracts])).toEqual([[undefined, '9000.00'], ['(no vendor)', '4000.00']]);
  });
});
