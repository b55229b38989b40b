import type { DecisionBase, DecisionOptions } from '../decision.js';
import type { CalendarDate } from '../dates/calendar-date.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { MoneyInput } from '../model/primitives.js';
import type { PaceContext } from '../pace-context.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { decide, type ComplianceRun, type DecisionSpec } from '../compliance/decide.js';
import { parseTraceOption } from '../compliance/parse-input.js';

/**
 * The input of `pace.checkEligibility`.
 * @example
 * ```ts
 * const input: EligibilityInput = { member, contract, asOf: '2025-03-01', purchase };
 * ```
 */
export interface EligibilityInput {
  member: Member;
  /** A raw contract or one returned by `pace.prepareContract`. */
  contract: Contract | PreparedContract;
  /** The date of use (YYYY-MM-DD). */
  asOf: CalendarDate;
  /** The purchase, when there is one: adds category, federal-money and document checks. */
  purchase?: Purchase;
  /** What the member already spent under this contract, e.g. `"80000.00"`: checked with the purchase against `maxAmountPerMember`. */
  spentUnderContract?: MoneyInput;
}

/**
 * May this member use this contract (for this purchase) on this date?
 * @example
 * ```ts
 * const d: EligibilityDecision = pace.checkEligibility({ member, contract, asOf: '2026-07-01' });
 * d.eligible;                      // => false
 * d.findings[0]?.code;             // => 'contract-renewal-not-exercised'
 * ```
 */
export interface EligibilityDecision extends DecisionBase {
  /** True when no finding blocks. */
  eligible: boolean;
}

/**
 * May this member use this cooperative contract (for this purchase) on this date? Runs the
 * eligibility rules of every layered pack: membership status, dates and fees; member kind and
 * state; the contract's term with exercised and unexercised renewals; purchase category and
 * supply kind (a contract that covers goods only is not for services or public works); board
 * authorization scope and dates; lead agency and competition; federal-money conditions; the Ed.
 * Code § 38112 rule for small elementary districts.
 *
 * @param context - The layered packs.
 * @param input - `{ member, contract, asOf, purchase? }`.
 * @param options - `{ trace: false }` leaves the trace empty (see {@link DecisionOptions}).
 * @returns `eligible` (no blocking finding), the findings with code, citation, rule id and pack,
 *   the trace and the rules version.
 * @throws PaceError `invalid-input` / `invalid-date` naming the path of bad input.
 * @internal
 */
export function checkEligibility(context: PaceContext, input: unknown, options?: DecisionOptions): EligibilityDecision {
  return eligibilityOf(context, decide(context, input, ELIGIBILITY, parseTraceOption(options, ELIGIBILITY.capability)));
}

/** The eligibility decision of a run of {@link ELIGIBILITY}. @internal */
export function eligibilityOf(context: PaceContext, run: ComplianceRun): EligibilityDecision {
  const { findings, trace } = run;
  return { eligible: !findings.some((f) => f.severity === 'block'), findings, trace: trace ?? [], rulesVersion: context.rulesVersion };
}

/** What checkEligibility asks of the compliance pipeline. @internal */
export const ELIGIBILITY: DecisionSpec = {
  capability: 'checkEligibility',
  asOf: 'given',
  rules: (compliance) => compliance.eligibility,
  needsMethods: () => false,
};
