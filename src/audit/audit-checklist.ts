import type { DecisionBase, DecisionOptions } from '../decision.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { MoneyInput } from '../model/primitives.js';
import type { PaceContext } from '../pace-context.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import { decide, withChangeOrders, type ComplianceRun, type DecisionSpec } from '../compliance/decide.js';
import { parseTraceOption } from '../compliance/parse-input.js';
import { varyingFacts, withDecisionConstants } from '../compliance/rule-sets.js';
import { deriveFacts, type Facts } from '../compliance/derive-facts.js';
import { resolvePath } from '../engine/path.js';
import { runCompiledInto, type StepFactory } from '../engine/compile-rules.js';
import type { ConditionTrace } from '../engine/types.js';
import { contractCoverage, withCoverage, type ContractCoverage } from '../compliance/contract-coverage.js';

/**
 * The input of `pace.auditChecklist`.
 * @example
 * ```ts
 * const input: AuditChecklistInput = { member, purchase, contract };
 * ```
 */
export interface AuditChecklistInput {
  member: Member;
  purchase: Purchase;
  contract?: Contract | PreparedContract;
  /** What the member already spent under the contract (its cap per member). */
  spentUnderContract?: MoneyInput;
  /** Change orders of the purchase (each with `revisionOf` = its id): the file is judged at the amount with them. */
  changeOrders?: Purchase[];
}

/**
 * One item of the audit file.
 * @example
 * ```ts
 * const item: AuditChecklistItem = { id: 'prevailing-wage', title: 'Prevailing wage …', citation: 'Cal. Lab. Code § 1771',
 *   required: true, status: 'missing', pack: 'california-law', decidedBy: 'documents' };
 * ```
 */
export interface AuditChecklistItem {
  id: string;
  title: string;
  citation: string;
  required: boolean;
  status: 'on-file' | 'missing' | 'not-applicable';
  /** The pack the item came from. */
  pack: string;
  /** What decided the status: `documents` (listed in `purchase.documents`) or `data` (e.g. the contract's term). */
  decidedBy: 'documents' | 'data';
}

/**
 * What the audit file of a purchase must hold, and what is missing.
 * @example
 * ```ts
 * const d: AuditChecklistDecision = pace.auditChecklist({ member, purchase: { ...purchase, documents: [] } });
 * d.complete; // => false
 * d.missing;  // => ['board-ratification']
 * ```
 */
export interface AuditChecklistDecision extends DecisionBase {
  items: AuditChecklistItem[];
  /** True when no required item is missing. */
  complete: boolean;
  /** Ids of the required items that are missing. */
  missing: string[];
}

/**
 * The audit file of a purchase: every checklist item of the packs, whether it is required (its
 * `requiredWhen` rule) and whether it is on file. An item is on file when `purchase.documents`
 * lists its kind; an item with `decidedBy` is decided by the data itself (the contract's term on
 * the PO date, a board authorization in the member record), and a document that contradicts the
 * data is a finding.
 *
 * @param context - The layered packs.
 * @param input - `{ member, purchase, contract? }`.
 * @param options - `{ trace: false }` leaves the trace empty (see {@link DecisionOptions}).
 * @returns The items, `complete`, `missing`, findings, trace and rules version.
 * @throws PaceError naming the path of bad input.
 * @internal
 */
export function auditChecklist(context: PaceContext, input: unknown, options?: DecisionOptions): AuditChecklistDecision {
  return auditChecklistOf(context, decide(context, input, AUDIT, parseTraceOption(options, AUDIT.capability)));
}

/**
 * The audit checklist decision of a run of {@link AUDIT}. `coverage`: whether the contract covers
 * the purchase, when the caller already knows it for the run's facts (checkPurchase reads it off
 * procurementMethod's run); else it is found here when an item reads it.
 * @internal
 */
export function auditChecklistOf(context: PaceContext, run: ComplianceRun, coverage?: ContractCoverage): AuditChecklistDecision {
  const { compliance, subject, findings, trace } = run;
  const purchase = subject.purchase!;
  let facts = run.facts;
  if (compliance.checklist.readsContractCoverage) {
    const found = coverage ?? contractCoverage(compliance, facts);
    facts = withCoverage(facts, found, trace !== undefined);
    if (trace) trace.push({ step: 'facts', id: 'coveredByCooperativeContract', passed: found.covered, detail: { coveredByCooperativeContract: found.covered, contractGiven: facts.contract['given'] === true, blockedBy: [...found.blockedBy] } });
  }

  const documents = purchase.documents ?? [];
  const firedIndexes: number[] = [];
  const steps: ItemRun[] | undefined = trace ? [] : undefined;
  runCompiledInto(withDecisionConstants(compliance.checklist.compiled, facts), varyingFacts(facts), firedIndexes, steps, itemRun);
  const itemList = compliance.checklist.items;
  const count = itemList.length;
  // Change orders that raised the PO: the items are judged at its total, and what the PO needed
  // as issued stays in its audit file (the informal bid file of a $150,000 CUPCCAA project is
  // still its award's record when change orders carry it past the informal limit).
  let asIssued: Uint8Array | undefined;
  if (subject.changeOrders !== undefined && subject.changeOrders.length > 0 && withChangeOrders(purchase, subject.changeOrders) !== purchase) {
    let issued = deriveFacts(compliance.thresholds, context.programs, subject, AUDIT.needsMethods(compliance, compliance.audit), false).facts;
    // (facts of its own, which no trace holds: set in place)
    if (compliance.checklist.readsContractCoverage) issued = withCoverage(issued, contractCoverage(compliance, issued), false);
    const firedAsIssued: number[] = [];
    runCompiledInto(withDecisionConstants(compliance.checklist.compiled, issued), varyingFacts(issued), firedAsIssued, undefined, itemRun);
    asIssued = new Uint8Array(count);
    for (let i = 0; i < firedAsIssued.length; i++) asIssued[firedAsIssued[i]!] = 1;
  }
  // Plain arrays and loops, not Sets: a purchase lists a few documents and a few dozen items. The
  // items are stored by index into an array of their number, and `required` is a byte array: the
  // optimizing compiler inlines both, where `items.push` and reads of a filled boolean array
  // went through the generic builtins on every item (measured with callgrind: about 7,500 of a
  // checkPurchase's 73,000 instructions, without trace).
  const required = new Uint8Array(count);
  for (let i = 0; i < firedIndexes.length; i++) required[firedIndexes[i]!] = 1;
  if (asIssued !== undefined) for (let i = 0; i < count; i++) required[i]! |= asIssued[i]!;
  const items = new Array<AuditChecklistItem>(count);
  const missing: string[] = [];
  for (let index = 0; index < count; index++) {
    const item = itemList[index]!;
    let status: AuditChecklistItem['status'] = 'not-applicable';
    let decidedBy: AuditChecklistItem['decidedBy'] = 'documents';
    const isRequired = required[index] === 1;
    if (isRequired) {
      if (item.decidedBy) {
        decidedBy = 'data';
        const fact = Object.hasOwn(facts, item.decidedBy.fact) ? facts[item.decidedBy.fact as keyof Facts] : undefined;
        const value = resolvePath(fact, compliance.checklist.decidedByPaths[index]!) === true;
        status = value ? 'on-file' : 'missing';
        if (!value && listsDocument(documents, item.id)) {
          findings.push({
            code: 'document-contradicts-data',
            severity: 'warn',
            message: `The purchase's documents list "${item.id}", but the data says otherwise (${item.decidedBy.fact}${item.decidedBy.path.slice(1)} is not true on the PO date); the data wins.`,
            citation: item.citation,
            ruleId: item.id,
            pack: item.pack,
          });
        }
      } else {
        status = listsDocument(documents, item.id) ? 'on-file' : 'missing';
      }
      if (status === 'missing') {
        missing.push(item.id);
        findings.push({ code: 'checklist-item-missing', severity: 'warn', message: compliance.checklist.missingMessages[index]!, citation: item.citation, ruleId: item.id, pack: item.pack });
      }
    }
    items[index] = { id: item.id, title: item.title, citation: item.citation, required: isRequired, status, pack: item.pack, decidedBy };
  }
  if (trace && steps) {
    for (const { index, passed, conditions } of steps) {
      const item = compliance.checklist.items[index]!;
      const byIssued = !passed && asIssued?.[index] === 1;
      trace.push({ step: 'checklist-item', id: item.id, pack: item.pack, passed, conditions, detail: { status: items[index]!.status, ...(byIssued ? { requiredAsIssued: true } : {}) } });
    }
  }
  return { items, complete: missing.length === 0, missing, findings, trace: trace ?? [], rulesVersion: context.rulesVersion };
}

/** Whether the purchase's documents list a document of this kind. */
function listsDocument(documents: readonly { kind: string }[], kind: string): boolean {
  for (let i = 0; i < documents.length; i++) if (documents[i]!.kind === kind) return true;
  return false;
}

/** How an item's `requiredWhen` ran; its trace step is built once the item's status is known. */
interface ItemRun {
  readonly index: number;
  readonly passed: boolean;
  readonly conditions: ConditionTrace[];
}

const itemRun: StepFactory<ItemRun> = (index, passed, conditions) => ({ index, passed, conditions });

/** What auditChecklist asks of the compliance pipeline. @internal */
export const AUDIT: DecisionSpec = {
  capability: 'auditChecklist',
  asOf: 'purchase-date',
  rules: (compliance) => compliance.audit,
  // The coverage of a contract runs the eligibility and procurement rules, which may read the methods.
  needsMethods: (compliance) => compliance.checklist.readsRequiredMethods || (compliance.checklist.readsContractCoverage && compliance.usability.readsRequiredMethods),
  foldChangeOrders: true,
};
