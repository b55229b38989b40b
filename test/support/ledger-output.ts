import { auditLedger, BadRowsError, type LedgerOptions } from '../../src/cli/ledger/audit-ledger.js';
import type { DetailSink } from '../../src/cli/ledger/ledger-book.js';

/**
 * What an audit-ledger run outputs, as one string: the report and every detail written to the sink,
 * or the bad rows. Two runs that must agree compare these.
 */
export async function ledgerOutput(options: Omit<LedgerOptions, 'sink'>): Promise<string> {
  const written: string[] = [];
  const sink: DetailSink = {
    neededBid: (json) => written.push(`neededBid ${json}`),
    missingDocuments: (json) => written.push(`missingDocuments ${json}`),
    blockedPurchases: (json) => written.push(`blockedPurchases ${json}`),
    splitGroup: (json) => written.push(`split ${json}`),
  };
  try {
    const result = await auditLedger({ ...options, sink });
    return JSON.stringify({ report: result.report, written });
  } catch (e) {
    if (e instanceof BadRowsError) return JSON.stringify({ problems: e.problems, stoppedEarly: e.stoppedEarly });
    throw e;
  }
}
