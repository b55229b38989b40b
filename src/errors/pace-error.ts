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
 * The most issues a PaceError keeps. Input with more problems than this (130,000 invalid array
 * elements, say) gets the first ones and one more issue saying how many were left off, so neither
 * the error nor the code that builds it grows without bound.
 * @internal
 */
export const MAX_ISSUES = 100;

/** The most characters of any caller's value quoted in a message. @internal */
export const MAX_QUOTED_LENGTH = 80;

/**
 * The issues an error keeps: at most {@link MAX_ISSUES} copies, plus one saying how many more
 * there were; at least one, at `$`, with the message when none were given.
 */
function keptIssues(message: string, issues: readonly PaceErrorIssue[] | undefined): readonly PaceErrorIssue[] {
  const total = Array.isArray(issues) ? issues.length : 0;
  if (total === 0) return Object.freeze([Object.freeze({ path: '$', message })]);
  const kept: PaceErrorIssue[] = [];
  for (let i = 0; i < total && i < MAX_ISSUES; i++) kept.push(Object.freeze({ ...issues![i]! }));
  if (total > MAX_ISSUES) {
    kept.push(Object.freeze({ path: '$', message: `and ${total - MAX_ISSUES} more issue${total - MAX_ISSUES === 1 ? '' : 's'} not listed` }));
  }
  return Object.freeze(kept);
}

/**
 * The one error type pace-rules throws, for misuse only: invalid input, an invalid rules pack, or
 * a rule the compiler refuses. Expected outcomes (ineligible, over a threshold, a document
 * missing) are findings in a decision, never exceptions.
 *
 * Every PaceError names at least one path: built without issues, it carries one at `$` with its
 * message. It keeps at most the first 100 issues, and then one more saying how many were left off.
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
  /** Every problem found (the first 100), each with its JSON path; never empty. */
  readonly issues: readonly PaceErrorIssue[];

  constructor(code: PaceErrorCode, message: string, issues: readonly PaceErrorIssue[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.issues = keptIssues(message, issues);
    Object.defineProperty(this, PACE_ERROR_BRAND, { value: true });
  }

  /** A plain object for logs and JSON APIs. */
  toJSON(): { name: 'PaceError'; code: PaceErrorCode; message: string; issues: PaceErrorIssue[] } {
    return { name: 'PaceError', code: this.code, message: this.message, issues: this.issues.map((i) => ({ ...i })) };
  }
}

/**
 * Whether a value is a {@link PaceError}, from either the ESM or the CJS build. It never throws,
 * whatever was caught (a Proxy whose traps throw is simply not a PaceError).
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
  if (typeof value !== 'object' || value === null) return false;
  try {
    return (value as Record<symbol, unknown>)[PACE_ERROR_BRAND] === true;
  } catch {
    return false;
  }
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} characters)`;
}

/**
 * A short, safe description of any value for an error message: a string quoted (at most 80 of its
 * characters), a number or BigInt written out, anything else named by its kind (`an object`,
 * `an array`, `a function`). It never throws and never runs the caller's code: no `JSON.stringify`
 * of objects (a BigInt or a cycle inside throws), no `toString`, no getters, no Proxy traps.
 *
 * @param value - Anything.
 * @returns A description of at most about 100 characters.
 * @example
 * ```ts
 * describeValue('abc');    // => '"abc"'
 * describeValue(10n);      // => '10n'
 * describeValue([1, 2]);   // => 'an array'
 * ```
 * @internal
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return value.length <= MAX_QUOTED_LENGTH ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, MAX_QUOTED_LENGTH))}… (${value.length} characters)`;
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint':
        return `${clip(String(value), MAX_QUOTED_LENGTH)}n`;
      case 'boolean':
        return String(value);
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return `a symbol${value.description === undefined ? '' : ` ${JSON.stringify(clip(value.description, MAX_QUOTED_LENGTH))}`}`;
      case 'function':
        return 'a function';
      default:
        // Array.isArray sees through a Proxy to its target without calling a trap, but throws for
        // a revoked one: that is caught below.
        return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    }
  } catch {
    return 'a value that cannot be described';
  }
}

/** What a thrown value says about itself, read without running the caller's code. */
function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof RangeError) return 'a RangeError (nested too deeply or too large)';
    // Only a genuine Error's own data property is read: a getter on a thrown object is not run.
    if (thrown instanceof Error) {
      const own = Object.getOwnPropertyDescriptor(thrown, 'message');
      const message = own !== undefined && 'value' in own && typeof own.value === 'string' ? own.value : '';
      return `${thrown instanceof TypeError ? 'a TypeError' : 'an error'}${message ? `: ${clip(message, MAX_QUOTED_LENGTH)}` : ''}`;
    }
  } catch {
    // A Proxy as the thrown value: its getPrototypeOf trap threw.
  }
  return describeValue(thrown);
}

/**
 * Runs `read` (the validation or copying of a caller's input) and turns anything but a PaceError
 * that escapes it into a PaceError naming `path`: a user getter or Proxy trap that throws, a
 * RangeError from input nested too deeply, a TypeError from a value that cannot be converted.
 * The original is kept as `cause`. A PaceError passes through unchanged.
 *
 * Wrap the reading of input in it, once, at the boundary; then work on what it returned (a
 * validated copy), never on the caller's object again.
 *
 * @param read - The function that reads the input.
 * @param path - JSON path of the input it reads, e.g. `$.member`.
 * @param code - The code of the PaceError thrown (default `invalid-input`).
 * @returns What `read` returned.
 * @throws PaceError when `read` throws anything.
 * @example
 * ```ts
 * const input = { get amount(): string { throw new Error('no'); } };
 * guardInput(() => parseMoney(input.amount, '$.amount'), '$.amount'); // throws PaceError 'invalid-input' at $.amount
 * ```
 * @internal
 */
export function guardInput<T>(read: () => T, path = '$', code: PaceErrorCode = 'invalid-input'): T {
  try {
    return read();
  } catch (thrown) {
    if (isPaceError(thrown)) throw thrown;
    const message = `could not be read: reading it threw ${describeThrown(thrown)}`;
    throw new PaceError(code, `${path}: ${message}`, [{ path, message }], { cause: thrown });
  }
}

/** Builds the message of an error that lists issues: a summary line plus the first few issues. */
export function formatIssues(summary: string, issues: readonly PaceErrorIssue[]): string {
  if (issues.length === 0) return summary;
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `${summary}: ${shown.join('; ')}${more}`;
}
