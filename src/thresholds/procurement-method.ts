import type { DecisionBase, DecisionOptions, Finding } from '../decision.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { MoneyInput } from '../model/primitives.js';
import type { PaceContext } from '../pace-context.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { decide, runDecision, withChangeOrders, type ComplianceRun, type DecisionSpec } from '../compliance/decide.js';
import { parseTraceOption } from '../compliance/parse-input.js';
import { computeRequiredMethods, methodRank, type RequiredMethod, type RequiredMethods, type ThresholdCheck } from '../compliance/required-method.js';
import { hasFederalFunds, isCupccaaInForce } from '../compliance/derive-facts.js';
import { moneyToCents, type ThresholdTable } from '../compliance/threshold-table.js';
import { leavesContractUsable } from '../compliance/contract-coverage.js';

/**
 * The input of `pace.procurementMethod`.
 * @example
 * ```ts
 * const input: ProcurementMethodInput = { member, purchase: { id: 'po-1', memberId: member.id, date: '2025-03-01', amount: '20000.00', supplyKind: 'goods' } };
 * ```
 */
export interface ProcurementMethodInput {
  member: Member;
  purchase: Purchase;
  /** A cooperative contract the member means to buy under, raw or prepared. */
  contract?: Contract | PreparedContract;
  /** What the member already spent under the contract (its cap per member). */
  spentUnderContract?: MoneyInput;
  /** Change orders of the purchase (each with `revisionOf` = its id). */
  changeOrders?: Purchase[];
}

/**
 * A procurement method, or buying under a usable cooperative contract.
 * @example
 * ```ts
 * const m: ProcurementMethod = 'cooperative-contract';
 * ```
 */
export type ProcurementMethod = RequiredMethod | 'cooperative-contract';

/**
 * What the law (and any policy pack) requires for a purchase.
 * @example
 * ```ts
 * const d: ProcurementMethodDecision = pace.procurementMethod({ member, purchase: { ...purchase, amount: '114800.01' } });
 * d.method;                                    // => 'formal-bid'
 * d.thresholds.find((t) => t.applies)?.id;     // => 'ca.pcc20111a.k12.2025'
 * ```
 */
export interface ProcurementMethodDecision extends DecisionBase {
  method: ProcurementMethod;
  /** Would the member's own formal bid be required without a contract? */
  requiresFormalBid: boolean;
  /** Every threshold consulted, in pack order. */
  thresholds: ThresholdCheck[];
  /** What each level requires without a contract (the strictest wins). */
  required: { state: RequiredMethod; federal: RequiredMethod; local: RequiredMethod; overall: RequiredMethod };
  /** With a contract: whether it can stand in for the member's own procurement for this purchase. */
  contractUsable?: boolean;
}

/**
 * The procurement method a purchase needs: the strictest of the state, federal and local
 * requirements (none < quotes < informal-bid < formal-bid), or `cooperative-contract` when a given
 * contract is usable for it (eligibility rules and the procurement rules of the packs raise no
 * blocking finding) and the purchase would otherwise need quotes or a bid.
 *
 * @param context - The layered packs.
 * @param input - `{ member, purchase, contract? }`.
 * @param options - `{ trace: false }` leaves the trace empty (see {@link DecisionOptions}).
 * @returns The method, every threshold consulted, findings, trace and rules version.
 * @throws PaceError naming the path of bad input.
 * @internal
 */
export function procurementMethod(context: PaceContext, input: unknown, options?: DecisionOptions): ProcurementMethodDecision {
  return procurementMethodOf(context, decide(context, input, PROCUREMENT, parseTraceOption(options, PROCUREMENT.capability)));
}

/** The procurement method decision of a run of {@link PROCUREMENT}. @internal */
export function procurementMethodOf(context: PaceContext, run: ComplianceRun): ProcurementMethodDecision {
  const { findings, trace } = run;
  const contract = run.subject.contract;
  const methods = run.methods!;
  const changeOrders = run.subject.changeOrders;
  if (changeOrders !== undefined && changeOrders.length > 0) {
    findings.push(...changeOrderFindings(run.compliance.thresholds, run.subject.member, run.subject.purchase!, changeOrders, methods));
    if (contract) findings.push(...changedContractBlocks(context, run, findings));
  }
  let method: ProcurementMethod = methods.overall;
  let contractUsable: boolean | undefined;
  if (contract) {
    contractUsable = leavesContractUsable(findings);
    if (contractUsable && methods.overall !== 'none') method = 'cooperative-contract';
  }
  if (trace) {
    const detail: Record<string, unknown> = { state: methods.state, federal: methods.federal, local: methods.local, overall: methods.overall, method };
    if (contractUsable !== undefined) detail['contractUsable'] = contractUsable;
    trace.push({ step: 'decision', id: 'procurement-method', detail });
  }
  const decision: ProcurementMethodDecision = {
    method,
    requiresFormalBid: methods.overall === 'formal-bid',
    thresholds: methods.thresholds,
    required: { state: methods.state, federal: methods.federal, local: methods.local, overall: methods.overall },
    findings,
    trace: trace ?? [],
    rulesVersion: context.rulesVersion,
  };
  if (contractUsable !== undefined) decision.contractUsable = contractUsable;
  return decision;
}

/** What procurementMethod asks of the compliance pipeline. @internal */
export const PROCUREMENT: DecisionSpec = {
  capability: 'procurementMethod',
  asOf: 'purchase-date',
  // With a contract: eligibility and procurement rules in one run decide whether it is usable.
  rules: (compliance, subject) => (subject.contract ? compliance.usability : compliance.procurement),
  needsMethods: () => true,
};

/** The same rules on the PO as its change orders leave it ({@link changedContractBlocks}). */
const FOLDED_PROCUREMENT: DecisionSpec = { ...PROCUREMENT, foldChangeOrders: true };

/**
 * What blocks the contract for the PO as its change orders leave it (its amount and funding with
 * theirs, as the audit checklist judges it) that did not block it as issued: the contract's cap per
 * member with the member's earlier spend (PCC § 20118: the contract's own terms), or federal money a
 * change order brings to a contract not let under 2 CFR 200. Each block once, its message saying
 * the total. Before, a $90,000 PO raised to $110,000 under a $100,000 cap left the contract usable
 * with no finding.
 */
function changedContractBlocks(context: PaceContext, run: ComplianceRun, findings: readonly Finding[]): Finding[] {
  const folded = runDecision(context, run.compliance, run.subject, FOLDED_PROCUREMENT, false, undefined);
  const total = withChangeOrders(run.subject.purchase!, run.subject.changeOrders).amount as string;
  const out: Finding[] = [];
  for (const f of folded.findings) {
    if (f.severity !== 'block' || findings.some((g) => g.code === f.code) || out.some((g) => g.code === f.code)) continue;
    out.push({ ...f, message: `With its ${run.subject.changeOrders!.length} change order(s) the purchase comes to ${total}: ${f.message}`, data: { ...f.data, total } });
  }
  return out;
}

/**
 * A PO whose change orders carry it past a limit it was within: the method stays the one the PO
 * needed when it was issued, and a finding names each limit the changed total passes.
 */
function changeOrderFindings(table: ThresholdTable, member: Member, purchase: Purchase, changeOrders: readonly Purchase[], original: RequiredMethods): Finding[] {
  const changed = withChangeOrders(purchase, changeOrders);
  const cents = moneyToCents(changed.amount);
  // (federal money a change order brings makes the changed PO a federal procurement: its funding
  // lines are folded in with the amounts)
  const federal = hasFederalFunds(changed);
  const folded = computeRequiredMethods(table, { member, purchase: changed, date: purchase.date, cents, hasFederalFunds: federal, cupccaaInForce: isCupccaaInForce(member, purchase.date) });
  const before = new Map(original.thresholds.map((t) => [t.id, t.exceeded]));
  const out: Finding[] = [];
  for (const t of folded.methods.thresholds) {
    if (!t.applies || !t.exceeded || before.get(t.id) !== false || methodRank(t.method) <= methodRank(original.overall)) continue;
    out.push({
      code: 'change-orders-exceed-limit',
      severity: 'warn',
      message: `With its ${changeOrders.length} change order(s) the purchase comes to ${changed.amount as string}, past ${t.amount ?? 'the limit'} (${t.id}), which the PO itself was within: the total would need ${t.method}. A change order past the limit needs its own justification or a new procurement.`,
      citation: t.citation,
      ruleId: t.id,
      pack: t.pack,
      data: { total: changed.amount, method: t.method },
    });
  }
  return out;
}
