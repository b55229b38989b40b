import type { CalendarDate } from '../dates/calendar-date.js';
import type { Finding, TraceStep } from '../decision.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import { checkReferences, deriveFacts, type Facts } from './derive-facts.js';
import { factsStep } from './facts-step.js';
import { parseArgs, parseAsOf, parseContract, parseMember, parsePurchase } from './parse-input.js';
import type { RequiredMethods } from './required-method.js';
import { complianceContext, runRuleSet, type ComplianceContext, type RuleSet } from './rule-sets.js';

/** The validated input of a compliance decision. @internal */
export interface ComplianceSubject {
  readonly member: Member;
  readonly contract: PreparedContract | undefined;
  readonly purchase: Purchase | undefined;
  readonly asOf: CalendarDate;
}

/**
 * What a compliance capability asks of the pipeline: the shape of its argument, which rules to run
 * and whether the threshold methods must be computed for them.
 * @internal
 */
export interface DecisionSpec {
  /** The capability's name, for messages (`checkEligibility`). */
  readonly capability: string;
  /** `asOf` given by the caller (eligibility), or the purchase's PO date (method, audit file). */
  readonly asOf: 'given' | 'purchase-date';
  /** The rules to run for this subject. */
  readonly rules: (compliance: ComplianceContext, subject: ComplianceSubject) => RuleSet;
  /** Whether the required methods are needed beyond what the rules read (procurementMethod reports them). */
  readonly needsMethods: (compliance: ComplianceContext, rules: RuleSet) => boolean;
}

/** A decision's common part: the subject, its facts, the methods, findings and trace so far. @internal */
export interface ComplianceRun {
  readonly compliance: ComplianceContext;
  readonly subject: ComplianceSubject;
  readonly facts: Facts;
  /** The methods the thresholds require, when they were computed. */
  readonly methods: RequiredMethods | undefined;
  /** Threshold findings, then the findings of the rules that fired, in firing order. */
  readonly findings: Finding[];
  /** Threshold comparisons, the derived facts, then one step per rule. */
  readonly trace: TraceStep[];
}

const GIVEN_FIELDS = ['member', 'contract', 'asOf', 'purchase'];
const GIVEN_REQUIRED = ['member', 'contract', 'asOf'];
const PURCHASE_FIELDS = ['member', 'purchase', 'contract'];
const PURCHASE_REQUIRED = ['member', 'purchase'];

/**
 * Validates a compliance capability's argument (every part, and that the purchase belongs to the
 * member and cites the contract given). Bad input throws a PaceError naming its path.
 * @internal
 */
export function parseSubject(input: unknown, spec: Pick<DecisionSpec, 'capability' | 'asOf'>): ComplianceSubject {
  const byDate = spec.asOf === 'given';
  const args = parseArgs(input, spec.capability, byDate ? GIVEN_FIELDS : PURCHASE_FIELDS, byDate ? GIVEN_REQUIRED : PURCHASE_REQUIRED);
  const member = parseMember(args['member']);
  const parseContractArg = (): PreparedContract | undefined => (args['contract'] === undefined ? undefined : parseContract(args['contract']));
  const parsePurchaseArg = (): Purchase | undefined => (args['purchase'] === undefined ? undefined : parsePurchase(args['purchase']));
  // Parts are validated in the order the capability lists them, so the first error is the first part's.
  let subject: ComplianceSubject;
  if (byDate) {
    const contract = parseContractArg();
    const asOf = parseAsOf(args['asOf']);
    subject = { member, contract, purchase: parsePurchaseArg(), asOf };
  } else {
    const purchase = parsePurchaseArg()!;
    subject = { member, contract: parseContractArg(), purchase, asOf: purchase.date };
  }
  checkReferences(subject.member, subject.contract, subject.purchase);
  return subject;
}

/**
 * The pipeline the three compliance capabilities share: validate the input, derive the facts
 * (with the threshold methods when needed), and run the capability's rules. Each capability then
 * reads its own outcome from the run.
 * @internal
 */
export function decide(context: PaceContext, input: unknown, spec: DecisionSpec): ComplianceRun {
  const subject = parseSubject(input, spec);
  const compliance = complianceContext(context);
  const rules = spec.rules(compliance, subject);
  const withMethods = rules.readsRequiredMethods || spec.needsMethods(compliance, rules);
  const { facts, required } = deriveFacts(compliance.thresholds, context.programs, subject, withMethods);
  const findings: Finding[] = required ? [...required.findings] : [];
  const trace: TraceStep[] = required ? [...required.steps] : [];
  trace.push(factsStep(facts));
  runRuleSet(rules, facts, findings, trace);
  return { compliance, subject, facts, methods: required?.methods, findings, trace };
}
