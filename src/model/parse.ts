import type * as z from 'zod';
import { PaceError, formatIssues, type PaceErrorCode, type PaceErrorIssue } from '../errors/pace-error.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path of keys as a JSON path: `['lines', 2, 'quantity']` → `$.lines[2].quantity`.
 * @internal
 */
export function toJsonPath(segments: readonly PropertyKey[], root = '$'): string {
  let out = root;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && IDENTIFIER.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/** Turns zod issues into PaceError issues rooted at `root`. @internal */
export function zodIssues(error: z.ZodError, root: string): PaceErrorIssue[] {
  const out: PaceErrorIssue[] = [];
  const visit = (issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): void => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      // A union reports each branch; the most useful message is the branch that got furthest.
      if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        const best = issue.errors.reduce((a, b) => (deepest(b) > deepest(a) ? b : a));
        if (deepest(best) > 0) {
          visit(best, path);
          continue;
        }
      }
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (check the spelling; put your own data under "meta")`;
      out.push({ path: toJsonPath(path, root), message });
    }
  };
  visit(error.issues, []);
  return out;
}

function deepest(issues: readonly z.core.$ZodIssue[]): number {
  return issues.reduce((max, i) => Math.max(max, i.path.length), 0);
}

/**
 * Validates `value` against `schema`, throwing a PaceError that lists every problem with its JSON
 * path (rooted at `root`, e.g. `$.member`).
 * @internal
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, root: string, what: string, code: PaceErrorCode = 'invalid-input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error, root);
  throw new PaceError(code, formatIssues(`Invalid ${what}`, issues), issues);
}
