import { PaceError, formatIssues, type PaceErrorCode, type PaceErrorIssue } from './pace-error.js';

/** An issue with the code it would carry on its own. @internal */
export interface CodedIssue extends PaceErrorIssue {
  readonly code: PaceErrorCode;
}

/**
 * Throws the issues as one PaceError: with their common code when they all share one (e.g. every
 * problem is a bad quantity → `invalid-quantity`), otherwise `invalid-input`.
 * @internal
 */
export function throwIssues(summary: string, issues: readonly CodedIssue[]): never {
  const first = issues[0]?.code ?? 'invalid-input';
  const code: PaceErrorCode = issues.every((i) => i.code === first) ? first : 'invalid-input';
  const plain: PaceErrorIssue[] = issues.map((i) => ({ path: i.path, message: i.message }));
  throw new PaceError(code, formatIssues(summary, plain), plain);
}
