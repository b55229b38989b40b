// What audit-ledger decides against, built the same way in the main thread and in each worker.
import type { PreparedContract } from '../../index.js';
import { listOf, paceFromPackFiles, prepareContracts, readJson } from '../files.js';
import type { LedgerSetup } from './decide-rows.js';
import { DecisionReuse } from './decision-reuse.js';
import type { LedgerFormat } from './ledger-format.js';
import type { ColumnIndex } from './rows.js';

/** The files and options a ledger run reads (plain data: it is posted to the workers). */
export interface LedgerFiles {
  packs: string | undefined;
  members: string;
  contracts: string | undefined;
  format: LedgerFormat;
  columns?: ColumnIndex;
  /** Reuse one decision for the rows of a purchase class (see DecisionReuse). */
  reuseDecisions: boolean;
}

export interface BuiltSetup {
  setup: LedgerSetup;
  memberList: { id: string; name: string; member: unknown }[];
}

export function buildLedgerSetup(files: LedgerFiles): BuiltSetup {
  const pace = paceFromPackFiles(files.packs);
  const memberRecords = listOf(readJson(files.members), 'members', files.members);
  const memberList = memberRecords.map((m) => ({ id: m['id'] as string, name: typeof m['name'] === 'string' ? m['name'] : (m['id'] as string), member: m }));
  const members = new Map(memberList.map((m, index) => [m.id, { index, member: m.member }]));
  const contracts = files.contracts === undefined ? new Map<string, PreparedContract>() : prepareContracts(pace, files.contracts);
  const setup: LedgerSetup = { pace, members, contracts, format: files.format, ...(files.columns ? { columns: files.columns } : {}), ...(files.reuseDecisions ? { reuse: new DecisionReuse(pace) } : {}) };
  return { setup, memberList };
}

