import { layerPacks } from './packs/layer-packs.js';
import { PaceError, describeValue, guardInput } from './errors/pace-error.js';
import { californiaLaw, paceProgram } from './packs/bundled.js';
import type { PaceContext } from './pace-context.js';
import type { DecisionOptions } from './decision.js';
import { checkEligibility, type EligibilityDecision, type EligibilityInput } from './eligibility/check-eligibility.js';
import { procurementMethod, type ProcurementMethodDecision, type ProcurementMethodInput } from './thresholds/procurement-method.js';
import { auditChecklist, type AuditChecklistDecision, type AuditChecklistInput } from './audit/audit-checklist.js';
import { checkPurchase, type CheckPurchaseInput, type PurchaseCheck } from './check-purchase/check-purchase.js';
import { purchaseClassifier, type PurchaseClassifier, type PurchaseClassifierInput } from './compliance/purchase-classes.js';
import { findSplitPurchases, type SplitPurchaseGroup, type SplitPurchaseOptions } from './audit/find-split-purchases.js';
import { complianceContext } from './compliance/rule-sets.js';
import type { Purchase } from './model/purchase.js';
import { prepareContract, type PreparedContract } from './contracts/prepare-contract.js';
import { quote, type Quote, type QuoteInput } from './pricing/quote.js';
import { quoteGroupBuy, type GroupBuyInput, type GroupBuyQuote } from './pricing/quote-group-buy.js';
import { verifyInvoice, type InvoiceVerification, type InvoiceVerificationInput } from './pricing/verify-invoice.js';
import { checkContract, type CheckContractInput, type ContractCheck } from './pricing/check-contract.js';

/** Options of {@link createPace}. */
export interface PaceOptions {
  /**
   * The rules packs, in layering order (default: the bundled California law and PACE program
   * packs). Raw JSON packs are validated here; a later pack may replace an earlier pack's entry
   * only with `"replace": true`.
   */
  packs?: readonly unknown[];
}

/** A summary of one layered pack. */
export interface PackInfo {
  id: string;
  version: string;
  title: string;
  kind: 'law' | 'program' | 'policy';
  contentHash: string;
}

/** The packs bound to the capabilities. Every method is synchronous and pure. */
export interface Pace {
  /** Pack ids, versions and a content hash; also on every decision. */
  readonly rulesVersion: string;
  /** The layered packs, in order. */
  readonly packs: readonly PackInfo[];
  // Compliance (src/eligibility/, src/thresholds/, src/audit/ on the shared core in src/compliance/)
  /**
   * May this member use this cooperative contract (for this purchase) on this date?
   * @example
   * ```ts
   * pace.checkEligibility({ member, contract, asOf: '2025-03-01' }).eligible; // => true
   * ```
   */
  checkEligibility(input: EligibilityInput, options?: DecisionOptions): EligibilityDecision;
  /**
   * The procurement method a purchase needs (the strictest of state, federal and local), or
   * `cooperative-contract` when a given contract is usable for it.
   * @example
   * ```ts
   * pace.procurementMethod({ member, purchase: { ...purchase, amount: '114800.01' } }).method; // => 'formal-bid'
   * ```
   */
  procurementMethod(input: ProcurementMethodInput, options?: DecisionOptions): ProcurementMethodDecision;
  /**
   * The audit file of a purchase: required items, what is on file and what is missing.
   * @example
   * ```ts
   * pace.auditChecklist({ member, purchase, contract }).missing; // => ['po-cites-contract', ...]
   * ```
   */
  auditChecklist(input: AuditChecklistInput, options?: DecisionOptions): AuditChecklistDecision;
  /**
   * Eligibility (when a contract is given), procurement method and audit file of one purchase in
   * one call: the input is validated, and the facts and thresholds derived, once. Each part is
   * exactly the separate call's answer (eligibility on `asOf`, default the purchase's date).
   * @example
   * ```ts
   * const d = pace.checkPurchase({ member, purchase, contract }, { trace: false });
   * d.eligibility?.eligible;    // => true
   * d.procurementMethod.method; // => 'cooperative-contract'
   * d.auditChecklist.missing;   // => ['po-cites-contract', ...]
   * ```
   */
  checkPurchase(input: CheckPurchaseInput, options?: DecisionOptions): PurchaseCheck;
  /**
   * Classes of one member's purchases (under one contract) that get the same decisions: for a
   * ledger of many purchases, decide one purchase of each class and reuse its outcomes. Two
   * purchases with the same class get the same outcomes from `checkPurchase` (and the single
   * calls) with this member and contract, without `spentUnderContract`, `changeOrders` or an
   * `asOf` of its own: method, `requiresFormalBid`, thresholds' `applies` and `exceeded`,
   * eligibility, checklist items' `required` and `status`, `missing`, and findings by code. Messages, traces and fields that
   * quote the purchase itself (its id, date, amount) may differ. A class is undefined for a purchase
   * that is not valid or not the member's (a decision on it throws), or when the packs read
   * purchases in a way classes cannot follow. A purchase's date and amounts enter its class only
   * through where they fall among the dates and amounts of the packs, the member and the contract.
   * @example
   * ```ts
   * const classOf = pace.purchaseClassifier({ member });
   * classOf({ ...purchase, id: 'po-2', amount: '120.00' }) === classOf({ ...purchase, id: 'po-3', amount: '130.00' }); // => true
   * ```
   */
  purchaseClassifier(input: PurchaseClassifierInput): PurchaseClassifier;
  /**
   * Purchases that look split to stay under the bid limit (PCC § 20116).
   * @example
   * ```ts
   * pace.findSplitPurchases(purchases, { window: { days: 30 } })[0]?.purchaseIds; // => ['po-1', 'po-2']
   * ```
   */
  findSplitPurchases(purchases: readonly Purchase[], options?: SplitPurchaseOptions): SplitPurchaseGroup[];

  // Pricing (src/pricing/)
  /** Validates a contract once (tier tables included) and returns it frozen and indexed. */
  prepareContract(contract: unknown): PreparedContract;
  /** Prices an order under the schedule in force. */
  quote(input: QuoteInput): Quote;
  /** Prices a group buy with pooled tiers and shared costs. */
  quoteGroupBuy(input: GroupBuyInput): GroupBuyQuote;
  /** Checks an invoice against the contract prices. */
  verifyInvoice(input: InvoiceVerificationInput): InvoiceVerification;
  /**
   * Checks a contract's price file before it is published: price increases over
   * `priceIncreaseCap`, schedules outside the term, covered devices without a screen size,
   * `basedOn` schedules that point nowhere, and volume cliffs.
   * @example
   * ```ts
   * const check = pace.checkContract({ contract: vendorPriceFile });
   * check.ok;                                  // => false
   * check.findings.map((f) => f.code);         // => ['price-increase-over-cap']
   * ```
   */
  checkContract(input: CheckContractInput): ContractCheck;
}

/**
 * Binds rules packs to the capabilities.
 *
 * @param options - The packs to use (default: California law + the PACE program).
 * @returns A frozen {@link Pace} object.
 * @throws PaceError `invalid-pack` or `duplicate-id` when a pack is invalid or packs conflict.
 * @example
 * ```ts
 * const pace = createPace();
 * pace.rulesVersion; // => 'california-law@…+pace-program@…#…'
 * ```
 */
export function createPace(options: PaceOptions = {}): Pace {
  // Array.isArray throws on a revoked Proxy: asked under the guard (fuzz seed 1676662046).
  if (!guardInput(() => options !== null && typeof options === 'object' && !Array.isArray(options), '$')) {
    throw new PaceError('invalid-input', `createPace takes an options object { packs? }, not ${describeValue(options)}`, [{ path: '$', message: 'expected an object or nothing' }]);
  }
  const packs = guardInput(() => options.packs, '$.packs'); // read once: a getter cannot change it later
  const context: PaceContext = layerPacks(packs ?? [californiaLaw(), paceProgram()]);
  complianceContext(context); // compile the compliance rules once, and report malformed findings now
  const pace: Pace = Object.freeze({
    checkEligibility: (input: EligibilityInput, decisionOptions?: DecisionOptions) => checkEligibility(context, input, decisionOptions),
    procurementMethod: (input: ProcurementMethodInput, decisionOptions?: DecisionOptions) => procurementMethod(context, input, decisionOptions),
    auditChecklist: (input: AuditChecklistInput, decisionOptions?: DecisionOptions) => auditChecklist(context, input, decisionOptions),
    checkPurchase: (input: CheckPurchaseInput, decisionOptions?: DecisionOptions) => checkPurchase(context, input, decisionOptions),
    findSplitPurchases: (purchases: readonly Purchase[], options?: SplitPurchaseOptions) => findSplitPurchases(context, purchases, options),
    purchaseClassifier: (input: PurchaseClassifierInput) => purchaseClassifier(context, input),
    rulesVersion: context.rulesVersion,
    packs: Object.freeze(context.packs.map((p) => Object.freeze({ id: p.id, version: p.version, title: p.title, kind: p.kind, contentHash: p.contentHash }))),
    // Pricing
    prepareContract: (contract: unknown) => prepareContract(contract, '$'),
    quote: (input: QuoteInput) => quote(context, input),
    quoteGroupBuy: (input: GroupBuyInput) => quoteGroupBuy(context, input),
    verifyInvoice: (input: InvoiceVerificationInput) => verifyInvoice(context, input),
    checkContract: (input: CheckContractInput) => checkContract(context, input),
  });
  contexts.set(pace, context);
  return pace;
}

/** The layered packs behind each Pace that createPace built. */
const contexts = new WeakMap<Pace, PaceContext>();

/**
 * The layered packs behind a Pace from {@link createPace}: for the command's calls of the library's
 * inner functions (audit-ledger's split check, on rows it validated when it read them).
 * @internal
 */
export function paceContextOf(pace: Pace): PaceContext | undefined {
  return contexts.get(pace);
}
