import type { CalendarDate } from '../dates/calendar-date.js';
import type { Finding, TraceStep } from '../decision.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { PaceContext } from '../pace-context.js';
import { checkReferences, deriveFacts, withoutMethods, type DerivedFacts, type Facts } from './derive-facts.js';
import { factsStep } from './facts-step.js';
import { PaceError } from '../errors/pace-error.js';
import { Dec } from '../money/decimal.js';
import { formatMoney } from '../money/money.js';
import { parseWith } from '../model/parse.js';
import { NonNegativeMoneySchema, isNegativeText } from '../model/primitives.js';
import { argumentShape, parseArgs, parseAsOf, parseContract, parseMember, parsePurchase } from './parse-input.js';
import { readList } from '../model/read-input.js';
import type { RequiredMethods, RequiredMethodsResult } from './required-method.js';
import { complianceContext, pushFindings, runRuleSet, type ComplianceContext, type RuleSet } from './rule-sets.js';
import { evaluationOrder } from '../engine/compile-rules.js';

/** The validated input of a compliance decision. @internal */
export interface ComplianceSubject {
  readonly member: Member;
  readonly contract: PreparedContract | undefined;
  readonly purchase: Purchase | undefined;
  readonly asOf: CalendarDate;
  /** The member's earlier spend under the contract (for its cap per member), as given. */
  readonly spentUnderContract?: string | number | undefined;
  /** Change orders of the purchase (each `revisionOf` it), in the order given. */
  readonly changeOrders?: readonly Purchase[] | undefined;
  /** checkPurchase: the date its eligibility is judged on, when the caller gave one. */
  readonly eligibilityAsOf?: CalendarDate | undefined;
}

/**
 * What a compliance capability asks of the pipeline: the shape of its argument, which rules to run
 * and whether the threshold methods must be computed for them.
 * @internal
 */
export interface DecisionSpec {
  /** The capability's name, for messages (`checkEligibility`). */
  readonly capability: string;
  /**
   * `asOf` given by the caller (eligibility), or the purchase's PO date (method, audit file), or
   * the PO date with an optional `asOf` for eligibility (checkPurchase).
   */
  readonly asOf: 'given' | 'purchase-date' | 'purchase-date-or-given';
  /** The rules to run for this subject. */
  readonly rules: (compliance: ComplianceContext, subject: ComplianceSubject) => RuleSet;
  /** Whether the required methods are needed beyond what the rules read (procurementMethod reports them). */
  readonly needsMethods: (compliance: ComplianceContext, rules: RuleSet) => boolean;
  /** Judge the purchase at its amount with its change orders (the audit file of the PO as changed). */
  readonly foldChangeOrders?: boolean;
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
  /** Threshold comparisons, the derived facts, then one step per rule; undefined without trace. */
  readonly trace: TraceStep[] | undefined;
  /** With `keepRuleRun`: the rule set run, the rules that fired and the rule steps (see {@link leadingRulesRun}). */
  readonly ruleRun?: { readonly rules: RuleSet; readonly fired: readonly number[]; readonly steps: readonly TraceStep[] | undefined };
}

// The argument of each kind of capability; the order of the fields is the order they are read in.
const GIVEN_ARGS = argumentShape(
  (r) => ({ member: r['member'], contract: r['contract'], asOf: r['asOf'], purchase: r['purchase'], spentUnderContract: r['spentUnderContract'] }),
  ['member', 'contract', 'asOf'],
);
const PURCHASE_ARGS = argumentShape(
  (r) => ({ member: r['member'], purchase: r['purchase'], contract: r['contract'], spentUnderContract: r['spentUnderContract'], changeOrders: r['changeOrders'] }),
  ['member', 'purchase'],
);
const PURCHASE_CHECK_ARGS = argumentShape(
  (r) => ({ member: r['member'], purchase: r['purchase'], contract: r['contract'], asOf: r['asOf'], spentUnderContract: r['spentUnderContract'], changeOrders: r['changeOrders'] }),
  ['member', 'purchase'],
);

/**
 * Validates a compliance capability's argument (every part, and that the purchase belongs to the
 * member and cites the contract given). Bad input throws a PaceError naming its path.
 * @internal
 */
export function parseSubject(input: unknown, spec: Pick<DecisionSpec, 'capability' | 'asOf'>): ComplianceSubject {
  const byDate = spec.asOf === 'given';
  const args = parseArgs(input, spec.capability, byDate ? GIVEN_ARGS : spec.asOf === 'purchase-date' ? PURCHASE_ARGS : PURCHASE_CHECK_ARGS);
  const member = parseMember(args['member']);
  const rawContract = args['contract'];
  const rawPurchase = args['purchase'];
  // Parts are validated in the order the capability lists them, so the first error is the first part's.
  let contract: PreparedContract | undefined;
  let purchase: Purchase | undefined;
  let asOf: CalendarDate;
  let eligibilityAsOf: CalendarDate | undefined;
  if (byDate) {
    contract = rawContract === undefined ? undefined : parseContract(rawContract);
    asOf = parseAsOf(args['asOf']);
    purchase = rawPurchase === undefined ? undefined : parsePurchase(rawPurchase);
  } else {
    purchase = parsePurchase(rawPurchase);
    contract = rawContract === undefined ? undefined : parseContract(rawContract);
    asOf = purchase.date;
    if (args['asOf'] !== undefined) eligibilityAsOf = parseAsOf(args['asOf']);
  }
  checkReferences(member, contract, purchase);
  const spent = args['spentUnderContract'];
  const changeOrders = args['changeOrders'];
  if (spent === undefined && changeOrders === undefined && eligibilityAsOf === undefined) return { member, contract, purchase, asOf };
  return {
    member,
    contract,
    purchase,
    asOf,
    eligibilityAsOf,
    spentUnderContract: spent === undefined ? undefined : parseWith(NonNegativeMoneySchema, spent, '$.spentUnderContract', 'amount'),
    changeOrders: changeOrders === undefined ? undefined : parseChangeOrders(changeOrders, purchase!),
  };
}

function parseChangeOrders(value: unknown, purchase: Purchase): Purchase[] {
  // Read once under a guard: a revoked Proxy or a throwing trap is a PaceError, an over-long list is refused unwalked.
  const list = readList(value, '$.changeOrders', 'change orders');
  if (list === undefined) throw new PaceError('invalid-input', '$.changeOrders: expected an array of purchases', [{ path: '$.changeOrders', message: 'expected an array of change orders (purchases with revisionOf)' }]);
  const orders = list.map((raw, i) => {
    const order = parsePurchase(raw, `$.changeOrders[${i}]`);
    if (order.revisionOf !== purchase.id || order.memberId !== purchase.memberId) {
      const path = order.revisionOf !== purchase.id ? `$.changeOrders[${i}].revisionOf` : `$.changeOrders[${i}].memberId`;
      throw new PaceError('invalid-input', `${path}: a change order of purchase "${purchase.id}" must name it in revisionOf and belong to member "${purchase.memberId}"`, [
        { path, message: order.revisionOf !== purchase.id ? `expected "${purchase.id}" (the purchase given)` : `expected "${purchase.memberId}"` },
      ]);
    }
    return order;
  });
  // The purchase they change is a PO (not itself a deduction), and together they may not bring it below zero.
  if (isNegativeText(purchase.amount)) throw new PaceError('invalid-input', '$.purchase.amount: a purchase given with its change orders is the PO they change: its amount may not be negative', [{ path: '$.purchase.amount', message: 'expected an amount of zero or more (the PO the change orders change)' }]);
  const total = orders.reduce((sum, order) => sum.plus(String(order.amount)), new Dec(String(purchase.amount)));
  if (total.lt(0)) throw belowZero(`$.changeOrders[${orders.length - 1}]`, purchase.id, formatMoney(total));
  return orders;
}

/** A deductive change order that brings its PO below zero (`path`: the change order's). @internal */
export function belowZero(path: string, id: string, total: string): PaceError {
  const message = `the change orders bring purchase "${id}" below zero (${total})`;
  return new PaceError('invalid-input', `${path}.amount: ${message}`, [{ path: `${path}.amount`, message }]);
}

/**
 * The purchase as its change orders leave it, when they add to it: its amount with theirs, and its
 * funding lines with theirs. When together they take off as much as they add or more, the
 * purchase as issued: a deduction does not undo what the PO needed (a $120,000 PO keeps its bid
 * file after $10,000 comes off). Unchanged without change orders. The order of the change orders
 * decides nothing.
 * @internal
 */
export function withChangeOrders(purchase: Purchase, changeOrders: readonly Purchase[] | undefined): Purchase {
  if (changeOrders === undefined || changeOrders.length === 0) return purchase;
  const own = new Dec(String(purchase.amount));
  const total = changeOrders.reduce((sum, c) => sum.plus(String(c.amount)), own);
  if (!total.greaterThan(own)) return purchase;
  const funding = [...(purchase.funding ?? []), ...changeOrders.flatMap((c) => c.funding ?? [])];
  return { ...purchase, amount: formatMoney(total), ...(funding.length > 0 ? { funding } : {}) };
}

/**
 * The pipeline the three compliance capabilities share: validate the input, derive the facts
 * (with the threshold methods when needed), and run the capability's rules. Each capability then
 * reads its own outcome from the run. Without `trace` no step is built and the run's trace is
 * undefined (the decision then carries an empty one).
 * @internal
 */
export function decide(context: PaceContext, input: unknown, spec: DecisionSpec, trace: boolean): ComplianceRun {
  const subject = parseSubject(input, spec);
  return runDecision(context, complianceContext(context), subject, spec, trace, undefined);
}

/**
 * Runs a capability's rules on a validated subject (see {@link decide}). `shared`: facts already
 * derived for the same subject and date with the threshold methods (by {@link deriveShared}), which
 * this run reuses where they are exactly what it would derive itself (several decisions of one
 * purchase then parse, derive and compare the thresholds once).
 * @internal
 */
export function runDecision(context: PaceContext, compliance: ComplianceContext, subject: ComplianceSubject, spec: DecisionSpec, trace: boolean, shared: DerivedFacts | undefined, keepRuleRun = false): ComplianceRun {
  const rules = spec.rules(compliance, subject);
  const withMethods = rules.readsRequiredMethods || spec.needsMethods(compliance, rules);
  const folds = spec.foldChangeOrders === true && subject.purchase !== undefined && subject.changeOrders !== undefined && subject.changeOrders.length > 0;
  let facts: Facts;
  let required: RequiredMethodsResult | undefined;
  if (shared !== undefined && !folds) {
    // The same subject: the facts are those derived with the methods, or without them (the
    // purchase fact then holds no method, as deriveFacts gives it). The arrays of the threshold
    // comparison are each decision's own.
    facts = withMethods ? shared.facts : withoutMethods(shared.facts);
    required = withMethods && shared.required ? { methods: shared.required.methods, findings: shared.required.findings.slice(), steps: shared.required.steps.slice() } : undefined;
  } else {
    const judged = folds ? { ...subject, purchase: withChangeOrders(subject.purchase!, subject.changeOrders) } : subject;
    ({ facts, required } = deriveFacts(compliance.thresholds, context.programs, judged, withMethods, trace));
  }
  // The arrays of the threshold comparison are fresh and the decision's own: extended, not copied.
  const findings: Finding[] = required ? required.findings : [];
  let steps: TraceStep[] | undefined;
  if (trace) {
    steps = required ? required.steps : [];
    steps.push(factsStep(facts));
  }
  const ruleStepsFrom = steps?.length ?? 0;
  const fired = runRuleSet(rules, facts, findings, steps);
  const run: ComplianceRun = { compliance, subject, facts, methods: required?.methods, findings, trace: steps };
  return keepRuleRun ? { ...run, ruleRun: { rules, fired, steps: steps?.slice(ruleStepsFrom) } } : run;
}

/**
 * The eligibility run of a subject read off its usability run (eligibility and procurement rules
 * in one run, procurementMethod's with a contract), when that is exactly what running the
 * eligibility rules would give: the eligibility rules are the usability set's first rules, run in
 * the same order on the same facts but for the purchase's method fields, which the eligibility
 * rules then must not read (neither by path nor by reading a fact whole). Undefined otherwise.
 * Its findings are fresh objects; its rule steps are the usability run's own step objects.
 * @internal
 */
export function leadingRulesRun(run: ComplianceRun, trace: boolean): ComplianceRun | undefined {
  const { compliance, ruleRun } = run;
  const subset = compliance.eligibility;
  if (ruleRun === undefined || ruleRun.rules !== compliance.usability || subset.readsRequiredMethods || subset.readsWholeFacts) return undefined;
  const limit = subset.rules.length;
  const findings: Finding[] = [];
  pushFindings(subset, ruleRun.fired, limit, findings);
  let steps: TraceStep[] | undefined;
  if (trace && ruleRun.steps !== undefined) {
    // The facts step shows the facts as checkEligibility derives them (no method fields); the
    // rules read the same values at their paths. Without trace nothing reads them.
    steps = [factsStep(withoutMethods(run.facts))];
    const order = evaluationOrder(ruleRun.rules.compiled);
    for (let k = 0; k < order.length; k++) if (order[k]! < limit) steps.push(ruleRun.steps[k]!);
  }
  return { compliance, subject: run.subject, facts: run.facts, methods: undefined, findings, trace: steps };
}

/**
 * The facts of a subject with the threshold methods, derived once for several decisions of it
 * (see {@link runDecision}'s `shared`).
 * @internal
 */
export function deriveShared(context: PaceContext, compliance: ComplianceContext, subject: ComplianceSubject, trace: boolean): DerivedFacts {
  return deriveFacts(compliance.thresholds, context.programs, subject, true, trace);
}
