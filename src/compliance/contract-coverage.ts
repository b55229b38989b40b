import type { Finding } from '../decision.js';
import type { Facts } from './derive-facts.js';
import { runRuleSet, type ComplianceContext } from './rule-sets.js';

/**
 * Whether a given contract can stand in for the member's own procurement of a purchase, by what
 * deciding the purchase with it found: no finding blocks. procurementMethod's `contractUsable`,
 * and the `purchase.coveredByCooperativeContract` fact of the audit checklist.
 * @internal
 */
export function leavesContractUsable(findings: readonly Finding[]): boolean {
  for (let i = 0; i < findings.length; i++) if (findings[i]!.severity === 'block') return false;
  return true;
}

/** Whether a cooperative contract covers a purchase, and the codes of the findings that keep it from doing so. @internal */
export interface ContractCoverage {
  readonly covered: boolean;
  /** The codes of the blocking findings, in firing order (empty when covered or without a contract). */
  readonly blockedBy: readonly string[];
}

const NO_CONTRACT: ContractCoverage = Object.freeze({ covered: false, blockedBy: Object.freeze([]) });

/**
 * The coverage a decision's findings give a given contract: covered when none blocks
 * ({@link leavesContractUsable}).
 * @internal
 */
export function coverageAfter(findings: readonly Finding[]): ContractCoverage {
  if (leavesContractUsable(findings)) return { covered: true, blockedBy: [] };
  return { covered: false, blockedBy: findings.filter((f) => f.severity === 'block').map((f) => f.code) };
}

/**
 * Whether the contract of the facts (if any) covers the purchase: the eligibility and procurement
 * rules, run as procurementMethod runs them to decide whether the contract is usable, find nothing
 * that blocks on these facts (which must hold the threshold methods when those rules read them).
 * The threshold comparison itself only warns. Not covered without a contract.
 * @internal
 */
export function contractCoverage(compliance: ComplianceContext, facts: Facts): ContractCoverage {
  if (facts.contract['given'] !== true) return NO_CONTRACT;
  const findings: Finding[] = [];
  runRuleSet(compliance.usability, facts, findings, undefined);
  return coverageAfter(findings);
}

/**
 * The facts with `purchase.coveredByCooperativeContract` set: derived from the eligibility and
 * procurement rules' findings, after them, for the audit checklist only. deriveFacts leaves the
 * field undefined in the purchase fact, which is the decision's own; checkPurchase's parts share
 * theirs. Without trace nothing keeps the fact (a decision holds no facts), and the field is set
 * in place: the fact keeps its shape, where a copy of it cost about a third of checkPurchase's time
 * (measured). With trace a step may hold the purchase fact (a condition that reads it whole), so
 * it is copied: no other decision's trace sees the field change.
 * @internal
 */
export function withCoverage(facts: Facts, coverage: ContractCoverage, trace: boolean): Facts {
  if (trace) return { ...facts, purchase: { ...facts.purchase, coveredByCooperativeContract: coverage.covered } };
  facts.purchase['coveredByCooperativeContract'] = coverage.covered;
  return facts;
}
