import { ContractSchema, type Contract } from '../model/contract.js';
import { safeParseGuarded, zodIssues } from '../model/parse.js';
import { readInput } from '../model/read-input.js';
import { throwIssues, type CodedIssue } from '../errors/coded-issues.js';
import { buildPricingIndex, findPricingIssues, type PricingIndex } from './price-index.js';
import { deepFreeze } from '../model/deep-freeze.js';

declare const preparedBrand: unique symbol;

/**
 * A contract validated once by {@link Pace.prepareContract}: frozen, with its decimals parsed and its
 * price schedules indexed (held privately). Every capability accepts it in place of a raw contract.
 */
export type PreparedContract = Readonly<Contract> & { readonly [preparedBrand]: true };

/** What preparing computed once, kept beside the frozen contract. @internal */
export interface ContractIndex {
  readonly contract: Contract;
  /** Price schedules by date, items by sku, decimals parsed, tier tables checked. */
  readonly pricing: PricingIndex;
}

const indexes = new WeakMap<object, ContractIndex>();

/**
 * Whether a value was returned by {@link Pace.prepareContract}.
 *
 * @param value - Anything.
 * @returns True for a prepared contract (from this copy of the library).
 * @example
 * ```ts
 * isPreparedContract(pace.prepareContract(rawContract)); // => true
 * isPreparedContract(rawContract);                       // => false
 * ```
 */
export function isPreparedContract(value: unknown): value is PreparedContract {
  return typeof value === 'object' && value !== null && indexes.has(value);
}

/** The index computed when the contract was prepared. @internal */
export function contractIndex(contract: PreparedContract): ContractIndex {
  return indexes.get(contract)!;
}

/**
 * Validates a contract once and returns it frozen and prepared, so that repeated quotes and checks
 * do not parse it again. A prepared contract passed back in is returned as is.
 *
 * Preparing checks, besides the schema, everything a price depends on, and reports every problem
 * at once: tier tables (inclusive `upTo` bounds, strictly ascending and positive, exactly one open
 * top tier, no negative price or fee), discounts without a list price, negative prices, a sku
 * listed twice in one schedule, and schedules whose dates overlap (an ambiguous price is refused).
 *
 * @param input - A raw contract (e.g. parsed JSON) or a prepared one.
 * @param root - The JSON path to report errors under (default `$.contract`).
 * @returns The prepared contract (a deep-frozen copy: the input is never mutated).
 * @throws PaceError `invalid-tier-table` when every problem is in tier tables, otherwise
 *   `invalid-input`; either way `issues` lists every problem with its path.
 * @example
 * ```ts
 * const prepared = prepareContract(rawContract);
 * prepareContract(prepared) === prepared; // => true
 * ```
 */
export function prepareContract(input: unknown, root = '$.contract'): PreparedContract {
  if (isPreparedContract(input)) return input;
  return prepareCopy(readInput(input, root, 'contract'), root);
}

/**
 * Prepares a contract from a private copy of the caller's (from {@link readInput}): the schema
 * validates the copy, and everything after reads only the copy and the schema's output, so the
 * caller's getters are not asked again.
 * @internal
 */
export function prepareCopy(input: unknown, root: string): PreparedContract {
  const parsed = safeParseGuarded(ContractSchema, input, root, 'contract');
  const issues: CodedIssue[] = parsed.success ? [] : zodIssues(parsed.error, root, input).map((i) => ({ ...i, code: 'invalid-input' as const }));
  if (parsed.success) {
    const c = parsed.data;
    if (c.term.end < c.term.start) issues.push({ code: 'invalid-input', path: `${root}.term.end`, message: `the term ends (${c.term.end}) before it starts (${c.term.start})` });
    c.term.renewals?.forEach((r, i) => {
      if (r.end < r.start) issues.push({ code: 'invalid-input', path: `${root}.term.renewals[${i}].end`, message: `the renewal ends (${r.end}) before it starts (${r.start})` });
    });
    c.priceSchedules.forEach((s, i) => {
      if (s.effectiveTo !== undefined && s.effectiveTo < s.effectiveFrom) {
        issues.push({ code: 'invalid-input', path: `${root}.priceSchedules[${i}].effectiveTo`, message: `the schedule ends (${s.effectiveTo}) before it starts (${s.effectiveFrom})` });
      }
    });
  }
  try {
    issues.push(...findPricingIssues(input, root));
  } catch {
    // Only an object the copy kept as it is can throw here (a prototype getter of the caller's).
    issues.push({ code: 'invalid-input', path: root, message: 'could not be read (reading it threw); pass plain data' });
  }
  if (issues.length > 0 || !parsed.success) throwIssues('Invalid contract', issues);
  const contract = deepFreeze(parsed.data);
  indexes.set(contract, { contract, pricing: buildPricingIndex(contract) });
  return contract as PreparedContract;
}
