import type { DecisionBase, Finding, TraceStep } from '../decision.js';
import type { CalendarDate } from '../dates/calendar-date.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { checkReferences, deriveFacts, type Facts } from '../compliance/derive-facts.js';
import { parseArgs, parseAsOf, parseContract, parseMember, parsePurchase } from '../compliance/parse-input.js';
import { complianceContext, runRuleSet } from '../compliance/rule-sets.js';
import { factsStep } from '../compliance/facts-step.js';

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

/** Options of {@link checkEligibility}. @internal */
export interface EligibilityOptions {
  /** Record a trace (default true). */
  trace?: boolean;
}

/**
 * Runs the eligibility rules of the packs for validated inputs. Shared with `procurementMethod`,
 * which judges whether a contract is usable for a purchase with the same rules.
 * @internal
 */
export function evaluateEligibility(
  context: PaceContext,
  input: { member: Member; contract: Contract; asOf: CalendarDate; purchase: Purchase | undefined },
  findings: Finding[],
  trace: TraceStep[] | undefined,
): Facts {
  const compliance = complianceContext(context);
  const { facts } = deriveFacts(compliance.thresholds, context.programs, input, findings, trace, compliance.eligibility.readsRequiredMethods);
  if (trace) trace.push(factsStep(facts));
  runRuleSet(compliance.eligibility, facts, findings, trace);
  return facts;
}

/**
 * May this member use this cooperative contract (for this purchase) on this date? Runs the
 * eligibility rules of every layered pack: membership status, dates and fees; member kind and
 * state; the contract's term with exercised and unexercised renewals; purchase category; board
 * authorization scope and dates; lead agency and competition; federal-money conditions; the Ed.
 * Code § 38112 rule for small elementary districts.
 *
 * @param context - The layered packs.
 * @param input - `{ member, contract, asOf, purchase? }`.
 * @returns `eligible` (no blocking finding), the findings with code, citation, rule id and pack,
 *   the trace and the rules version.
 * @throws PaceError `invalid-input` / `invalid-date` naming the path of bad input.
 * @internal
 */
export function checkEligibility(context: PaceContext, input: unknown): EligibilityDecision {
  const args = parseArgs(input, 'checkEligibility', ['member', 'contract', 'asOf', 'purchase'], ['member', 'contract', 'asOf']);
  const member = parseMember(args['member']);
  const contract = parseContract(args['contract']);
  const asOf = parseAsOf(args['asOf']);
  const purchase = args['purchase'] === undefined ? undefined : parsePurchase(args['purchase']);
  checkReferences(member, contract, purchase);
  const findings: Finding[] = [];
  const trace: TraceStep[] = [];
  evaluateEligibility(context, { member, contract, asOf, purchase }, findings, trace);
  return { eligible: !findings.some((f) => f.severity === 'block'), findings, trace, rulesVersion: context.rulesVersion };
}
