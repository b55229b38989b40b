// The public face of pace-rules: every export is listed by name.
export { createPace } from './pace.js';
export type { Pace, PaceOptions, PackInfo } from './pace.js';
export type { EligibilityInput, EligibilityDecision } from './eligibility/check-eligibility.js';
export type { ProcurementMethodInput, ProcurementMethodDecision, ProcurementMethod } from './thresholds/procurement-method.js';
export type { ThresholdCheck, RequiredMethod } from './compliance/required-method.js';
export type { AuditChecklistInput, AuditChecklistDecision, AuditChecklistItem } from './audit/audit-checklist.js';
export type { CheckPurchaseInput, PurchaseCheck } from './check-purchase/check-purchase.js';
export type { PurchaseClassifier, PurchaseClassifierInput } from './compliance/purchase-classes.js';
export type { SplitPurchaseOptions, SplitPurchaseGroup, SplitPurchaseGroupKind } from './audit/find-split-purchases.js';
export { californiaLaw, paceProgram } from './packs/bundled.js';
export { loadRulesPack } from './packs/load-rules-pack.js';
export type { LoadedRulesPack } from './packs/load-rules-pack.js';
export { factVocabulary } from './packs/facts.js';
export type { FactDefinition } from './packs/facts.js';

// Pricing
export { isPreparedContract } from './contracts/prepare-contract.js';
export type { PreparedContract } from './contracts/prepare-contract.js';
export type { QuoteInput, QuoteLineInput, QuoteChargeInput, Quote, QuoteLine, QuoteTier, GraduatedSlice, PricingContext, QuoteCharge, QuoteFee, QuoteAdminFee } from './pricing/quote.js';
export type { CheckContractInput, ContractCheck } from './pricing/check-contract.js';
export {
  QuoteInputSchema,
  QuoteLineInputSchema,
  ChargeInputSchema,
  GroupBuyInputSchema,
  SharedCostInputSchema,
  InvoiceVerificationInputSchema,
  InvoiceLineInputSchema,
  InvoiceInputSchema,
  InvoiceFeeInputSchema,
  PurchaseOrderInputSchema,
  ReceiptInputSchema,
  SignedQuantitySchema,
  CheckContractInputSchema,
} from './model/pricing-input.js';
export { UnitPriceSchema } from './model/price-schedule.js';
export type { UnitPrice } from './model/price-schedule.js';
export { ChargeTermSchema, ChargeKindSchema } from './model/contract.js';
export type { ChargeTerm, ChargeKind } from './model/contract.js';
export { FeePeriodSchema, PricingLawSchema } from './model/rules-pack.js';
export type { FeePeriod, PricingLaw } from './model/rules-pack.js';
export type { GroupBuyInput, GroupBuyOrderInput, SharedCostInput, GroupBuyQuote, GroupBuyMember, GroupBuyCharge } from './pricing/quote-group-buy.js';
export type { InvoiceVerificationInput, InvoiceLineInput, InvoiceInput, PurchaseOrderInput, ReceiptInput, OrderedLineInput, InvoiceVerification, InvoiceLineVerification, InvoiceAmounts, InvoiceChargeVerification } from './pricing/verify-invoice.js';

export { PaceError, isPaceError } from './errors/pace-error.js';
export type { PaceErrorCode, PaceErrorIssue } from './errors/pace-error.js';
export type { Finding, Severity, TraceStep, DecisionBase, DecisionOptions } from './decision.js';

export { allocate, roundToCents } from './money/index.js';
export type { Money, RoundingMode } from './money/index.js';
export { isCalendarDate, compareDates, isDateInRange, addDays, daysBetween, fiscalYearOf } from './dates/index.js';
export type { CalendarDate, FiscalYear } from './dates/index.js';

export {
  MemberSchema,
  ContractSchema,
  PurchaseSchema,
  PriceScheduleSchema,
  RulesPackSchema,
  MoneySchema,
  CalendarDateSchema,
  QuantitySchema,
  MemberKindSchema,
  BoardAuthorizationSchema,
  TierSchema,
  PriceRuleSchema,
  PurchaseSupplyKindSchema,
  ThresholdSchema,
  PackRuleSchema,
  ChecklistItemSchema,
  ProgramSchema,
  ConfidenceSchema,
  ProcurementMethodSchema,
  ThresholdAppliesToSchema,
} from './model/index.js';
// Schemas behind exported types that the model barrel keeps under shorter internal names.
export { SupplyKindSchema as ContractSupplyKindSchema } from './model/contract.js';
export { PriceScheduleItemSchema } from './model/price-schedule.js';
export { DocumentSchema as PurchaseDocumentSchema } from './model/purchase.js';
export type {
  Member,
  MemberKind,
  BoardAuthorization,
  Contract,
  ContractSupplyKind,
  PriceSchedule,
  PriceRule,
  Tier,
  PriceScheduleItem,
  Purchase,
  PurchaseSupplyKind,
  PurchaseDocument,
  RulesPack,
  Threshold,
  PackRule,
  ChecklistItem,
  Program,
  ProcurementMethodName,
  ThresholdAppliesTo,
  Confidence,
  MoneyInput,
  QuantityInput,
} from './model/index.js';

export { compileRules, parsePath, RULE_LIMITS } from './engine/index.js';
export type {
  AllConditions,
  AnyConditions,
  CompileRulesOptions,
  CompiledRules,
  RuleLimits,
  ConditionReference,
  ConditionTrace,
  CustomOperator,
  FactReference,
  JsonRulesEngineRule,
  LeafCondition,
  NestedCondition,
  NotConditions,
  RuleEvent,
  RuleTrace,
  RunOptions,
  RunResult,
  TopLevelCondition,
} from './engine/index.js';
