/**
 * Every code a {@link PaceError} can carry. The union is closed: adding a code is a minor
 * release, renaming or removing one is a major release.
 */
export type PaceErrorCode =
  /** An input did not match its schema (the `issues` name each path). */
  | 'invalid-input'
  /** A money value was malformed: NaN, Infinity, exponent notation, or too many decimals. */
  | 'invalid-money'
  /** A date was not a real calendar date in `YYYY-MM-DD` form. */
  | 'invalid-date'
  /** A quantity was negative, non-finite or malformed. */
  | 'invalid-quantity'
  /** Allocation weights were empty, negative, or all zero. */
  | 'invalid-allocation'
  /** A rule uses a construct the compiler does not support, or is malformed. */
  | 'invalid-rule'
  /** A rule names an operator that is neither built in nor supplied. */
  | 'unknown-operator'
  /** A rule references a named condition (`{ condition: name }`) that does not exist. */
  | 'unknown-condition'
  /** A path is outside the supported subset (`$.a.b`, `$.a[0]`, `$['a']`) or reads a forbidden segment. */
  | 'unsupported-path'
  /** A condition reads a fact the caller did not supply (and `allowUndefinedFacts` is false). */
  | 'undefined-fact'
  /** A rules pack failed validation (the `issues` list every problem). */
  | 'invalid-pack'
  /** Two packs define the same rule or threshold id and the later one did not declare `replace: true`. */
  | 'duplicate-id'
  /** No price schedule of the contract is in force on the date asked. */
  | 'no-price-in-force'
  /** A sku is not on the price schedule in force. */
  | 'unknown-sku'
  /** A tier table is malformed (unsorted, gapped, no open top tier, negative price). */
  | 'invalid-tier-table'
  /** A member, contract or other referenced record was not found among the inputs. */
  | 'unknown-reference';

/** One problem found in an input, with the JSON path to it (e.g. `$.lines[2].quantity`). */
export interface PaceErrorIssue {
  /** JSON path of the offending value, from the root of the argument it was found in. */
  readonly path: string;
  /** What was wrong and what was expected there. */
  readonly message: string;
}

const PACE_ERROR_BRAND = Symbol.for('pace-rules.PaceError');

/**
 * The one error type pace-rules throws, for misuse only: invalid input, an invalid rules pack, or
 * a rule the compiler refuses. Expected outcomes (ineligible, over a threshold, a document
 * missing) are findings in a decision, never exceptions.
 *
 * Tell it apart with {@link isPaceError} or by `code`, not `instanceof` alone: an application that
 * loads both the ESM and the CJS build has two classes.
 *
 * @example
 * ```ts
 * try { allocate('10.00', []); }
 * catch (e) { if (isPaceError(e)) console.log(e.code); } // => 'invalid-allocation'
 * ```
 */
export class PaceError extends Error {
  override readonly name = 'PaceError';
  /** A stable, machine-readable code from a closed union. */
  readonly code: PaceErrorCode;
  /** Every problem found, each with its JSON path. Empty when the message says it all. */
  readonly issues: readonly PaceErrorIssue[];

  constructor(code: PaceErrorCode, message: string, issues: readonly PaceErrorIssue[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
    Object.defineProperty(this, PACE_ERROR_BRAND, { value: true });
  }

  /** A plain object for logs and JSON APIs. */
  toJSON(): { name: 'PaceError'; code: PaceErrorCode; message: string; issues: PaceErrorIssue[] } {
    return { name: 'PaceError', code: this.code, message: this.message, issues: this.issues.map((i) => ({ ...i })) };
  }
}

/**
 * Whether a value is a {@link PaceError}, from either the ESM or the CJS build.
 *
 * @param value - Anything caught.
 * @returns True when `value` is a PaceError.
 * @example
 * ```ts
 * isPaceError(new PaceError('invalid-date', 'bad')); // => true
 * isPaceError(new TypeError('x'));                   // => false
 * ```
 */
export function isPaceError(value: unknown): value is PaceError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PACE_ERROR_BRAND] === true;
}

/** Builds the message of an error that lists issues: a summary line plus the first few issues. */
export function formatIssues(summary: string, issues: readonly PaceErrorIssue[]): string {
  if (issues.length === 0) return summary;
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `${summary}: ${shown.join('; ')}${more}`;
}
