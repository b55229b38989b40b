// What audit-ledger decides against, built the same way in the main thread and in each worker.
import { isPaceError, type PreparedContract } from '../../index.js';
import { InputError, explainIssues, listOf, paceFromPackFiles, readJson } from '../files.js';
import type { LedgerFormat, LedgerSetup } from './decide-rows.js';
import type { ColumnIndex } from './rows.js';

/** The files and options a ledger run reads (plain data: it is posted to the workers). */
export interface LedgerFiles {
  packs: string | undefined;
  members: string;
  contracts: string | undefined;
  format: LedgerFormat;
  columns?: ColumnIndex;
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
  const contracts = new Map<string, PreparedContract>();
  if (files.contracts !== undefined) {
    const file = files.contracts;
    const json = readJson(file);
    const prefix = Array.isArray(json) ? '$' : '$.contracts';
    listOf(json, 'contracts', file).forEach((c, i) => {
      try {
        contracts.set(c['id'] as string, pace.prepareContract(c));
      } catch (e) {
        if (e instanceof RangeError) throw new InputError(`${file}: ${prefix}[${i}]: the contract is nested too deeply to read`);
        if (isPaceError(e)) explainIssues(e.issues.map((issue) => ({ path: `${prefix}[${i}]${issue.path.replace(/^\$(\.contract)?/, '')}`, message: issue.message })), file);
        throw e;
      }
    });
  }
  return { setup: { pace, members, contracts, format: files.format, ...(files.columns ? { columns: files.columns } : {}) }, memberList };
}

