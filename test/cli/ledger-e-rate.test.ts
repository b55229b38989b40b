// audit-ledger and E-Rate money: rows alike but for their funding program get the decisions of
// their program. A network switch PO paid by E-Rate needs the E-Rate file, kept ten years
// (47 CFR 54.503(c), 54.511(a), 54.516), however the ERP writes the program; the same PO paid
// by Title IV-A does not. The ledger reuses one decision per class of purchases, so the class
// must tell the programs apart where a rule reads them. (Five vendors: no split purchase.)
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputError, runCli, scratchFiles } from '../support/cli-in-process.js';

const { file } = scratchFiles('pace-e-rate-');
const members = join(import.meta.dirname, '..', '..', 'examples', 'data', 'members.json');
const E_RATE_FILE = 'e-rate-form-470;e-rate-bid-evaluation;e-rate-contract-and-form-471;records-retention-e-rate';
const ledger = file(
  'ledger.csv',
  [
    'id,memberId,date,amount,supplyKind,vendorId,federalAmount,localAmount,fundingProgram,documents',
    'PO-26-0101,alder-usd,2025-08-15,40000.00,goods,v-cascade-networks,32000.00,8000.00,Title IV-A,',
    'PO-26-0102,alder-usd,2025-08-18,40000.00,goods,v-bayline-it,32000.00,8000.00,E-Rate,',
    'PO-26-0103,alder-usd,2025-08-19,40000.00,goods,v-sierra-data,32000.00,8000.00,e rate,',
    `PO-26-0104,alder-usd,2025-08-20,40000.00,goods,v-pacific-telecom,32000.00,8000.00,E-Rate,${E_RATE_FILE}`,
    'PO-26-0105,alder-usd,2025-08-21,40000.00,goods,v-golden-gate-net,32000.00,8000.00,Title IV-A,',
  ].join('\n') + '\n',
);

interface Report {
  missingDocuments: { purchaseId: string; missing: string[] }[];
}

describe('audit-ledger: E-Rate money', () => {
  it('lists the E-Rate file as missing for the E-Rate POs only, however the program is written', async () => {
    const { stdout } = await runCli(['audit-ledger', ledger, '--members', members, '--format', 'json']);
    const r = JSON.parse(stdout) as Report;
    const missing = new Map(r.missingDocuments.map((e) => [e.purchaseId, e.missing]));
    const eRateItems = E_RATE_FILE.split(';');
    for (const id of ['PO-26-0102', 'PO-26-0103']) for (const item of eRateItems) expect(missing.get(id), `${id} ${item}`).toContain(item);
    for (const id of ['PO-26-0101', 'PO-26-0104', 'PO-26-0105']) for (const item of eRateItems) expect(missing.get(id) ?? [], `${id} ${item}`).not.toContain(item);
    // Title IV-A and E-Rate alike keep the federal three-year retention and the quotes.
    for (const id of ['PO-26-0101', 'PO-26-0102', 'PO-26-0104']) expect(missing.get(id), id).toEqual(expect.arrayContaining(['records-retention-federal', 'federal-quotes']));
  });
});

describe('audit-ledger: a funding program without a federal amount', () => {
  // A district's ERP exports the E-Rate discount of a network switch order as a local line (the
  // district pays the vendor and is reimbursed) with the program beside it. Before, the program
  // was dropped with no word, and the E-Rate file was not asked for.
  it("takes it as the program of the row's one funding line, and refuses a row where it names none", async () => {
    const rows = [
      'id,memberId,date,amount,supplyKind,vendorId,federalAmount,stateAmount,localAmount,fundingProgram,documents',
      'PO-26-0201,alder-usd,2025-08-15,40000.00,goods,v-bayline-it,,,40000.00,E-Rate,',
      'PO-26-0202,alder-usd,2025-08-18,40000.00,goods,v-sierra-data,,40000.00,,E-Rate,',
    ];
    const { stdout } = await runCli(['audit-ledger', file('local-e-rate.csv', rows.join('\n') + '\n'), '--members', members, '--format', 'json']);
    const missing = new Map((JSON.parse(stdout) as Report).missingDocuments.map((e) => [e.purchaseId, e.missing]));
    for (const id of ['PO-26-0201', 'PO-26-0202']) expect(missing.get(id), id).toEqual(expect.arrayContaining(E_RATE_FILE.split(';')));
    // a state and a local line, or no line at all: which line's program it is, the row does not say
    const ambiguous = [rows[0], 'PO-26-0203,alder-usd,2025-08-19,40000.00,goods,v-a,,20000.00,20000.00,E-Rate,', 'PO-26-0204,alder-usd,2025-08-20,40000.00,goods,v-b,,,,E-Rate,'];
    const message = await inputError(['audit-ledger', file('ambiguous.csv', ambiguous.join('\n') + '\n'), '--members', members]);
    expect(message).toMatch(/line 2, column fundingProgram: "E-Rate" is the program of a funding line, but the row has a state and a local amount and no federal one/);
    expect(message).toMatch(/line 3, column fundingProgram: "E-Rate" is the program of a funding line, but the row has no funding amount/);
    expect(message).toMatch(/2 bad rows; nothing was written/);
  });
});
