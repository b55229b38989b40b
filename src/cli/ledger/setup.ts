// What audit-ledger decides against, built the same way in the main thread and in each worker.
import { isPaceError, type PreparedContract } from '../../index.js';
import { parseMember } from '../../compliance/parse-input.js';
import { InputError, listOf, paceFromPackFiles, prepareContracts, readJson } from '../files.js';
import { printable } from '../safe-text.js';
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
  refuseBadMembers(memberRecords, files.members);
  const memberList = memberRecords.map((m) => ({ id: m['id'] as string, name: typeof m['name'] === 'string' ? m['name'] : (m['id'] as string), member: m }));
  const members = new Map(memberList.map((m, index) => [m.id, { index, member: m.member }]));
  const contracts = files.contracts === undefined ? new Map<string, PreparedContract>() : prepareContracts(pace, files.contracts);
  const setup: LedgerSetup = { pace, members, contracts, format: files.format, ...(files.columns ? { columns: files.columns } : {}), ...(files.reuseDecisions ? { reuse: new DecisionReuse(pace) } : {}) };
  return { setup, memberList };
}


/** The most problems of a members file reported (one line each). */
const MAX_MEMBER_PROBLEMS = 20;

/**
 * Every member of the members file validated before a row is read, each problem reported (up to
 * MAX_MEMBER_PROBLEMS): before, the first member a row's decision met stopped the run with its
 * first problem, and a file's other bad members were found one run at a time.
 */
function refuseBadMembers(records: readonly Record<string, unknown>[], file: string): void {
  const problems: string[] = [];
  for (let i = 0; i < records.length && problems.length <= MAX_MEMBER_PROBLEMS; i++) {
    try {
      parseMember(records[i], `$[${i}]`);
    } catch (e) {
      if (!isPaceError(e)) throw e;
      const issues = e.issues.length > 0 ? e.issues : [{ path: `$[${i}]`, message: e.message }];
      for (const issue of issues) problems.push(`${file}: ${printable(issue.path)}: ${printable(issue.message)}`);
    }
  }
  if (problems.length === 0) return;
  const shown = problems.slice(0, MAX_MEMBER_PROBLEMS);
  throw new InputError(`${shown.join('\n')}${problems.length > shown.length ? `\n${file}: more problems not shown (fix these first)` : ''}`);
}
