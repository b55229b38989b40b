import type { CalendarDate } from '../dates/calendar-date.js';
import type { DecisionOptions } from '../decision.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { MoneyInput } from '../model/primitives.js';
import type { PaceContext } from '../pace-context.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { deriveShared, leadingRulesRun, parseSubject, runDecision, type ComplianceRun, type DecisionSpec } from '../compliance/decide.js';
import { parseTraceOption } from '../compliance/parse-input.js';
import { complianceContext } from '../compliance/rule-sets.js';
import { ELIGIBILITY, eligibilityOf, type EligibilityDecision } from '../eligibility/check-eligibility.js';
import { PROCUREMENT, procurementMethodOf, type ProcurementMethodDecision } from '../thresholds/procurement-method.js';
import { AUDIT, auditChecklistOf, type AuditChecklistDecision } from '../audit/audit-checklist.js';
import { coverageAfter } from '../compliance/contract-coverage.js';

/**
 * The input of `pace.checkPurchase`: a purchase with its member, and the contract it is bought
 * under when there is one.
 * @example
 * ```ts
 * const input: CheckPurchaseInput = { member, purchase, contract };
 * ```
 */
export interface CheckPurchaseInput {
  member: Member;
  purchase: Purchase;
  /** A cooperative contract the member means to buy under, raw or prepared: adds the eligibility decision. */
  contract?: Contract | PreparedContract;
  /** The date the eligibility is judged on (default: the purchase's date). The method and the audit file are judged on the purchase's date. */
  asOf?: CalendarDate;
  /** What the member already spent under the contract (its cap per member). */
  spentUnderContract?: MoneyInput;
  /** Change orders of the purchase (each with `revisionOf` = its id), as procurementMethod and auditChecklist take them. */
  changeOrders?: Purchase[];
}

/**
 * The decisions on one purchase, each exactly what its own call answers.
 * @example
 * ```ts
 * const d: PurchaseCheck = pace.checkPurchase({ member, purchase, contract });
 * d.eligibility?.eligible;        // => true
 * d.procurementMethod.method;     // => 'cooperative-contract'
 * d.auditChecklist.complete;      // => false
 * ```
 */
export interface PurchaseCheck {
  /**
   * Present when a contract is given: `checkEligibility({ member, contract, asOf, purchase,
   * spentUnderContract })`, with `asOf` the one given or else the purchase's date.
   */
  eligibility?: EligibilityDecision;
  /** `procurementMethod({ member, purchase, contract, spentUnderContract, changeOrders })`. */
  procurementMethod: ProcurementMethodDecision;
  /** `auditChecklist({ member, purchase, contract, spentUnderContract, changeOrders })`. */
  auditChecklist: AuditChecklistDecision;
}

/** How checkPurchase reads its input: the purchase's date, and an optional `asOf` for eligibility. */
const PURCHASE_CHECK: Pick<DecisionSpec, 'capability' | 'asOf'> = { capability: 'checkPurchase', asOf: 'purchase-date-or-given' };

/**
 * Eligibility (with a contract), procurement method and audit file of one purchase in one call.
 * Each part is deep-equal to the separate call's answer, trace included; the input is validated
 * once, and the facts and the threshold comparison are derived once and shared by the parts that
 * would derive the same ones (the audit file of a purchase with change orders, judged at its
 * changed amount, and eligibility on another `asOf` derive their own). With a contract, the
 * method's run already runs the eligibility rules (whether the contract is usable), and the
 * eligibility decision is read off it when the packs' eligibility rules allow (see
 * leadingRulesRun in compliance/decide.ts).
 *
 * @param context - The layered packs.
 * @param input - `{ member, purchase, contract?, asOf?, spentUnderContract?, changeOrders? }`.
 * @param options - `{ trace: false }` leaves every part's trace empty (see {@link DecisionOptions}).
 * @returns `{ eligibility?, procurementMethod, auditChecklist }`.
 * @throws PaceError naming the path of bad input (`$.member…`, `$.purchase…`, `$.contract…`, `$.asOf`, …).
 * @internal
 */
export function checkPurchase(context: PaceContext, input: unknown, options?: DecisionOptions): PurchaseCheck {
  const trace = parseTraceOption(options, PURCHASE_CHECK.capability);
  const subject = parseSubject(input, PURCHASE_CHECK);
  const compliance = complianceContext(context);
  const shared = deriveShared(context, compliance, subject, trace);
  const methodRun = runDecision(context, compliance, subject, PROCUREMENT, trace, shared, subject.contract !== undefined);
  // Eligibility is read off the method's run before procurementMethodOf extends its arrays.
  let eligibilityRun: ComplianceRun | undefined;
  if (subject.contract !== undefined) {
    const asOf = subject.eligibilityAsOf ?? subject.asOf;
    // On another date than the purchase's, the facts differ (membership, term, authorizations): derived anew.
    if (asOf !== subject.asOf) eligibilityRun = runDecision(context, compliance, { ...subject, asOf }, ELIGIBILITY, trace, undefined);
    else eligibilityRun = leadingRulesRun(methodRun, trace) ?? runDecision(context, compliance, subject, ELIGIBILITY, trace, shared);
  }
  // The method's run decided, on the same facts, whether the contract covers the purchase: the audit
  // file reads it off that run unless it judges the purchase at another amount (its change orders).
  const sameFacts = subject.changeOrders === undefined || subject.changeOrders.length === 0;
  const coverage = subject.contract !== undefined && sameFacts ? coverageAfter(methodRun.findings) : undefined;
  const procurementMethod = procurementMethodOf(context, methodRun);
  const auditChecklist = auditChecklistOf(context, runDecision(context, compliance, subject, AUDIT, trace, shared), coverage);
  if (eligibilityRun === undefined) return { procurementMethod, auditChecklist };
  return { eligibility: eligibilityOf(context, eligibilityRun), procurementMethod, auditChecklist };
}
