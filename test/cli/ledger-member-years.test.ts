// The JSON report's memberYears, written one member's year at a time (main.ts, member-years.ts):
// the same text JSON.stringify gives the whole list at its place in the report, in the report's
// order (member id, then fiscal year), with a list of more than the megabyte written at a time.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { data, runCli, scratchFiles } from '../support/cli-in-process.js';

const { file } = scratchFiles('pace-member-years-');
// (the example members, last first: the report's order is by id, not the file's)
const members = file('members.json', JSON.stringify((JSON.parse(readFileSync(data('members.json'), 'utf8')) as unknown[]).reverse()));
const HEADER = 'id,memberId,date,amount,supplyKind,vendorId,documents';

interface Year {
  memberId: string;
  fiscalYear: string;
  vendors: { vendorId?: string; outsideContracts: string; purchases: number; bySupplyKind: { supplyKind: string }[] }[];
}

/** The report's memberYears, after checking that their text is JSON.stringify's, indented at their place. */
async function memberYears(name: string, rows: string[]): Promise<Year[]> {
  const ledger = file(name, [HEADER, ...rows].join('\n') + '\n');
  const { stdout, exitCode, stderr } = await runCli(['audit-ledger', ledger, '--members', members, '--format', 'json']);
  expect(exitCode, stderr).toBeLessThanOrEqual(1);
  const years = (JSON.parse(stdout) as { memberYears: Year[] }).memberYears;
  const at = stdout.indexOf('\n  "memberYears": [');
  const end = stdout.indexOf('\n  "splitPurchases": [');
  expect(at).toBeGreaterThan(0);
  expect(stdout.slice(at, end)).toBe(`\n${JSON.stringify({ memberYears: years }, null, 2).slice(2, -2)},`);
  return years;
}

describe('audit-ledger --format json: memberYears', () => {
  it('lists none for a ledger of no rows', async () => {
    expect(await memberYears('empty.csv', [])).toEqual([]);
  });

  it('lists each member and fiscal year in order of member id, then year, whatever the order of the rows and of the members file', async () => {
    const years = await memberYears('years.csv', [
      'PO-1,dogwood-coe,2025-08-01,1200.00,goods,v-b,',
      'PO-2,alder-usd,2026-02-01,800.00,services,v-a,',
      'PO-3,alder-usd,2024-09-15,300.00,goods,v-b,',
      'PO-4,alder-usd,2025-07-01,50.00,goods,v-a,',
      'PO-5,alder-usd,2025-06-30,75.00,goods,v-a,',
      'PO-6,birch-esd,2025-10-10,99.99,goods,,',
    ]);
    expect(years.map((y) => `${y.memberId} ${y.fiscalYear}`)).toEqual(['alder-usd 2024-25', 'alder-usd 2025-26', 'birch-esd 2025-26', 'dogwood-coe 2025-26']);
    expect(years[0]!.vendors.map((v) => [v.vendorId, v.outsideContracts, v.purchases])).toEqual([
      ['v-b', '300.00', 1],
      ['v-a', '75.00', 1],
    ]);
    expect(years[1]!.vendors.map((v) => [v.vendorId, v.outsideContracts, v.bySupplyKind.map((k) => k.supplyKind)])).toEqual([
      ['v-a', '850.00', ['goods', 'services']],
    ]);
    expect(years[2]!.vendors[0]!.vendorId).toBeUndefined();
  });

  it('writes a list longer than a megabyte whole: 4,000 vendors of one member in one year', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `PO-${i},alder-usd,2025-09-${String(1 + (i % 28)).padStart(2, '0')},${100 + i}.00,goods,v-${String(i).padStart(4, '0')},quotes`);
    const years = await memberYears('vendors.csv', rows);
    expect(years).toHaveLength(1);
    expect(JSON.stringify(years, null, 2).length).toBeGreaterThan(2 ** 20);
    const vendors = years[0]!.vendors;
    expect(vendors).toHaveLength(4000);
    // (most spent first)
    expect(vendors[0]).toMatchObject({ vendorId: 'v-3999', outsideContracts: '4099.00', purchases: 1 });
    expect(vendors.at(-1)).toMatchObject({ vendorId: 'v-0000', outsideContracts: '100.00' });
  });
});
