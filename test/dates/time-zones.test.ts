// The date helpers in fresh processes whose time zone is set before anything is imported: the
// zone a process starts in is the one every Date it builds would use. Two of these zones skipped a
// whole day (Pacific/Kiritimati 1994-12-31, Pacific/Apia 2011-12-30); Los Angeles has DST.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Apia', 'America/Los_Angeles'];
const source = (path: string): string => JSON.stringify(fileURLToPath(new URL(`../../src/${path}`, import.meta.url)));

// Run in the child: every helper on the days around the skipped days and the 2024 DST changes,
// and a pack whose threshold periods meet on the skipped days (a false "gap" was reported there).
const script = `
import { addDays, daysBetween, fiscalYearOf, isCalendarDate, toDayNumber } from ${source('dates/index.ts')};
import { loadRulesPack } from ${source('packs/load-rules-pack.ts')};
const days = ['1994-12-30', '1994-12-31', '1995-01-01', '2011-12-29', '2011-12-30', '2011-12-31', '2024-03-09', '2024-03-10', '2024-03-11', '2024-11-02', '2024-11-03', '2024-11-04'];
const out = { offsets: [new Date(1995, 0, 2).getTimezoneOffset(), new Date(2012, 0, 2).getTimezoneOffset(), new Date(2024, 6, 1).getTimezoneOffset()], dates: [] };
for (const d of days) out.dates.push([d, isCalendarDate(d), addDays(d, 1), addDays(d, -1), addDays(d, 366), daysBetween('1994-12-30', d), toDayNumber(d), fiscalYearOf(d).label]);
const threshold = (id, from, to) => ({ id, series: 's', amount: '100.00', comparison: '>', effectiveFrom: from, effectiveTo: to, citation: 'x', confidence: 'high' });
const pack = (a, b) => ({ id: 'tz', version: '1.0.0', title: 'tz', kind: 'policy', thresholds: [threshold('t1', '1990-01-01', a), threshold('t2', b, '2030-12-31')] });
out.packs = [];
for (const [a, b] of [['1994-12-30', '1994-12-31'], ['1994-12-31', '1995-01-01'], ['2011-12-29', '2011-12-30'], ['2011-12-30', '2011-12-31']]) {
  try { loadRulesPack(pack(a, b)); out.packs.push('loaded'); } catch (e) { out.packs.push(e.message); }
}
process.stdout.write(JSON.stringify(out));
`;

function runIn(zone: string): { offsets: number[]; dates: unknown[][]; packs: string[] } {
  const text = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  return JSON.parse(text) as { offsets: number[]; dates: unknown[][]; packs: string[] };
}

describe('dates in processes started in other time zones', () => {
  const results = Object.fromEntries(ZONES.map((zone) => [zone, runIn(zone)]));

  it('really ran in each zone', () => {
    expect(results['UTC']!.offsets).toEqual([0, 0, 0]);
    expect(results['Pacific/Kiritimati']!.offsets[0]).toBe(-840); // UTC+14 after the skipped day
    expect(results['Pacific/Apia']!.offsets[1]).toBe(-840); // UTC+14 after 2011-12-30 was skipped
    expect(results['America/Los_Angeles']!.offsets[2]).toBe(420); // PDT
  });

  it('gives the true calendar answers on the skipped days and the DST days, in every zone', () => {
    const expected = [
      ['1994-12-30', true, '1994-12-31', '1994-12-29', '1995-12-31', 0, 9129, '1994-95'],
      ['1994-12-31', true, '1995-01-01', '1994-12-30', '1996-01-01', 1, 9130, '1994-95'],
      ['1995-01-01', true, '1995-01-02', '1994-12-31', '1996-01-02', 2, 9131, '1994-95'],
      ['2011-12-29', true, '2011-12-30', '2011-12-28', '2012-12-29', 6208, 15337, '2011-12'],
      ['2011-12-30', true, '2011-12-31', '2011-12-29', '2012-12-30', 6209, 15338, '2011-12'],
      ['2011-12-31', true, '2012-01-01', '2011-12-30', '2012-12-31', 6210, 15339, '2011-12'],
      ['2024-03-09', true, '2024-03-10', '2024-03-08', '2025-03-10', 10662, 19791, '2023-24'],
      ['2024-03-10', true, '2024-03-11', '2024-03-09', '2025-03-11', 10663, 19792, '2023-24'],
      ['2024-03-11', true, '2024-03-12', '2024-03-10', '2025-03-12', 10664, 19793, '2023-24'],
      ['2024-11-02', true, '2024-11-03', '2024-11-01', '2025-11-03', 10900, 20029, '2024-25'],
      ['2024-11-03', true, '2024-11-04', '2024-11-02', '2025-11-04', 10901, 20030, '2024-25'],
      ['2024-11-04', true, '2024-11-05', '2024-11-03', '2025-11-05', 10902, 20031, '2024-25'],
    ];
    for (const zone of ZONES) expect(results[zone]!.dates, zone).toEqual(expected);
  });

  it('loads a pack whose periods meet on a skipped day, in every zone', () => {
    for (const zone of ZONES) expect(results[zone]!.packs, zone).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
  });
});
