import * as z from 'zod/mini';
import { resolvePath } from './plain-data.js';
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

const DEFAULT_MESSAGE = 'Invalid input';

/** What a value is, for a message; total (a revoked Proxy is described, not thrown on). */
function describeValue(value: unknown): string {
  try {
    return describeReadable(value);
  } catch {
    return 'a value that could not be read';
  }
}

function describeReadable(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * The message of one issue. zod/mini ships no locale (that keeps the bundle small), so messages
 * are written here from the issue's details; a message given in a schema is kept as it is.
 */
function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.message && issue.message !== DEFAULT_MESSAGE) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.path.length > 0 && input === undefined ? `required: expected ${issue.expected}` : `expected ${issue.expected}, got ${describeValue(input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(input)}` : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(input)}`;
    case 'too_small':
      return issue.origin === 'array' ? `expected at least ${String(issue.minimum)} item(s)` : issue.origin === 'string' ? `expected at least ${String(issue.minimum)} character(s)` : `expected ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `expected at most ${String(issue.maximum)} item(s)` : issue.origin === 'string' ? `expected at most ${String(issue.maximum)} character(s)` : `expected ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `expected a value in the ${issue.format} format, got ${describeValue(input)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? unknownField(issue.keys[0]!) : `unknown fields ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (check the spelling; put your own data under "meta")`;
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      return discriminator ? `expected a known "${discriminator}"` : `does not match any allowed form, got ${describeValue(input)}`;
    }
    default:
      return `invalid value (${issue.code})`;
  }
}

/** An unknown field's message: `meta` is unknown only where an object has none (it told a caller to put data under "meta" while refusing it). */
function unknownField(key: string): string {
  return key === 'meta'
    ? 'unknown field "meta": this object takes none (members, contracts, purchases, purchase orders, invoices, receipts, group-buy orders and their lines do: put your own data under theirs)'
    : `unknown field ${JSON.stringify(key)} (check the spelling; put your own data under "meta")`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  try {
    return resolvePath(root, path.map(String));
  } catch {
    return undefined; // a getter that throws: described as absent
  }
}

/**
 * Turns zod issues into PaceError issues rooted at `root`. With `codeOf`, each issue also carries
 * the error code of its path and value (a bad quantity: `invalid-quantity`).
 * @internal
 */
export function zodIssues(error: z.core.$ZodError, root: string, input?: unknown, codeOf?: (path: readonly PropertyKey[], value: unknown) => PaceErrorCode): (PaceErrorIssue & { code?: PaceErrorCode })[] {
  const out: (PaceErrorIssue & { code?: PaceErrorCode })[] = [];
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
      if (issue.code === 'unrecognized_keys') {
        // One issue per unknown key, at its own path (a member's, a contract's too: a typo such as
        // maxAmountPerMemeber was reported at $.contract, several in one issue).
        for (const key of issue.keys) {
          const at = { path: toJsonPath([...path, key], root), message: unknownField(key) };
          out.push(codeOf === undefined ? at : { ...at, code: 'invalid-input' });
        }
        continue;
      }
      const value = valueAt(input, path);
      const message = messageOf(issue, value);
      out.push(codeOf === undefined ? { path: toJsonPath(path, root), message } : { path: toJsonPath(path, root), message, code: codeOf(path, value) });
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
export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown, root: string, what: string, code: PaceErrorCode = 'invalid-input'): z.output<S> {
  const result = safeParseGuarded(schema, value, root, what, code);
  if (result.success) return result.data;
  const issues = zodIssues(result.error, root, value);
  if (issues.length === 0) issues.push({ path: root, message: `not a valid ${what}` });
  throw new PaceError(code, formatIssues(`Invalid ${what}`, issues), issues);
}

/**
 * zod's safeParse, with a throw while reading the value (a getter or Proxy trap of the caller's, a
 * revoked Proxy; on a copy from readInput, only one inside an object kept as it is, such as a class
 * instance's prototype getter) turned into a PaceError naming `root`.
 * @internal
 */
export function safeParseGuarded<S extends z.core.$ZodType>(schema: S, value: unknown, root: string, what: string, code: PaceErrorCode = 'invalid-input'): ReturnType<typeof z.safeParse<S>> {
  try {
    return z.safeParse(schema, value);
  } catch (error) {
    let name = 'a thrown value';
    try {
      if (error instanceof Error) name = String(error.name);
    } catch {
      // even the error could not be read: keep the generic name
    }
    const message = `could not be read (${name} while reading it); pass plain data`;
    throw new PaceError(code, `Invalid ${what}: ${root}: ${message}`, [{ path: root, message }], { cause: error });
  }
}
