import type { Finding, Severity, TraceStep } from '../decision.js';
import { compileRules, runCompiledInto, type StepFactory } from '../engine/compile-rules.js';
import type { CompiledRules } from '../engine/types.js';
import { parsePath } from '../engine/path.js';
import { PaceError, formatIssues, type PaceErrorIssue } from '../errors/pace-error.js';
import type { ChecklistItem, PackRule } from '../model/rules-pack.js';
import type { FromPack } from '../packs/layer-packs.js';
import { readsContractCoverage, readsPathsUnder } from '../packs/facts.js';
import type { PaceContext } from '../pace-context.js';
import type { Facts } from './derive-facts.js';
import { buildThresholdTable, type ThresholdTable } from './threshold-table.js';
import { findingParams } from './finding-params.js';

/** The event a rule emits to report a finding; any other event type is traced but ignored. */
export const FINDING_EVENT = 'finding';

const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['block', 'warn', 'info']);

/** A finding template, checked once when the packs are bound. @internal */
interface FindingTemplate {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly citation: string | undefined;
}

/** The rules of one capability, compiled once. @internal */
export interface RuleSet {
  readonly rules: readonly FromPack<PackRule>[];
  /** Finding templates by rule index; undefined for rules whose event is not a finding. */
  readonly templates: readonly (FindingTemplate | undefined)[];
  readonly compiled: CompiledRules;
  /** Whether a rule reads the methods the thresholds require (so they must be computed first). */
  readonly readsRequiredMethods: boolean;
  /** The trace step of a rule, by rule index. */
  readonly makeStep: StepFactory<TraceStep>;
  /** Whether a condition reads a fact whole (without a path), not only values at paths in it. */
  readonly readsWholeFacts: boolean;
}

/** The facts of `purchase` derived from the methods the thresholds require (derive-facts.ts). */
const METHOD_FACTS: ReadonlySet<string> = new Set(['requiredMethod', 'stateMethod', 'federalMethod', 'localMethod', 'microPurchaseBySelfCertification', 'microPurchaseThresholdSelfCertified', 'competitionRequired', 'publicProjectMethod']);

/** Whether conditions read one of the derived method facts of `purchase`. @internal */
export function readsRequiredMethods(conditions: readonly unknown[]): boolean {
  return readsPathsUnder(conditions, METHOD_FACTS);
}

/** Whether conditions read a fact whole: a condition or fact reference without a path (or `$`). @internal */
export function readsWholeFacts(conditions: readonly unknown[]): boolean {
  let whole = false;
  JSON.stringify(conditions, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')) {
      const path = (value as { path?: unknown }).path;
      try {
        if (path === undefined || typeof path !== 'string' || parsePath(path).length === 0) whole = true;
      } catch {
        whole = true;
      }
    }
    return value;
  });
  return whole;
}

/** Checklist items with their `requiredWhen` compiled as one rule each. @internal */
export interface ChecklistSet {
  readonly items: readonly FromPack<ChecklistItem>[];
  readonly compiled: CompiledRules;
  readonly readsRequiredMethods: boolean;
  /** Whether an item reads `purchase.coveredByCooperativeContract` (so it must be derived first). */
  readonly readsContractCoverage: boolean;
  /** Per item, the parsed path of its `decidedBy` fact (undefined when documents decide it). */
  readonly decidedByPaths: readonly (readonly string[] | undefined)[];
  /** Per item, the message of its `checklist-item-missing` finding (built once, not per decision). */
  readonly missingMessages: readonly string[];
}

/** Everything the compliance capabilities compile once per `createPace`. @internal */
export interface ComplianceContext {
  readonly eligibility: RuleSet;
  readonly procurement: RuleSet;
  /** Eligibility and procurement rules in one set: whether a contract is usable, in one run. */
  readonly usability: RuleSet;
  readonly audit: RuleSet;
  readonly checklist: ChecklistSet;
  readonly thresholds: ThresholdTable;
}

const cache = new WeakMap<PaceContext, ComplianceContext>();

function rulePath(context: PaceContext, rule: FromPack<PackRule>): string {
  const packIndex = context.packs.findIndex((p) => p.id === rule.pack);
  const ruleIndex = context.packs[packIndex]?.rules?.findIndex((r) => r.id === rule.id) ?? -1;
  return `$.packs[${packIndex}].rules[${ruleIndex}]`;
}

/**
 * A rule's finding template, its params checked: each field that is given and wrong is one issue.
 * A default is never reported: a message not given (nor a description) is the code, reported as such.
 */
function findingTemplate(context: PaceContext, rule: FromPack<PackRule>, issues: PaceErrorIssue[]): FindingTemplate | undefined {
  if (rule.event.type !== FINDING_EVENT) return undefined;
  const { code, severity, message, citation } = findingParams(rule);
  const givenMessage = rule.event.params?.['message'] ?? rule.description;
  const at = (field: string): string => `${rulePath(context, rule)}.${field}`; // found only for an issue
  if (typeof code !== 'string' || code === '') issues.push({ path: at('event.params.code'), message: 'a finding needs a non-empty string "code"' });
  if (typeof severity !== 'string' || !SEVERITIES.has(severity)) issues.push({ path: at('event.params.severity'), message: 'the severity of a finding must be "block", "warn" or "info" (default "block")' });
  if (givenMessage !== undefined && (typeof givenMessage !== 'string' || givenMessage === '')) {
    issues.push({ path: at(rule.event.params?.['message'] == null ? 'description' : 'event.params.message'), message: `the message of a finding (its params' "message", else the rule's "description") must be a non-empty string` });
  }
  if (citation !== undefined && typeof citation !== 'string') issues.push({ path: at('event.params.citation'), message: 'a citation must be a string' });
  return { code: String(code), severity: severity as Severity, message: String(message), citation: citation as string | undefined };
}

function buildRuleSet(context: PaceContext, capabilities: readonly PackRule['capability'][], templateOf: ReadonlyMap<PackRule, FindingTemplate | undefined>): RuleSet {
  const rules = capabilities.flatMap((capability) => context.rules.filter((r) => r.capability === capability));
  const templates = rules.map((rule) => templateOf.get(rule));
  const compiled = compileRules(rules.map((r) => ({ name: r.id, conditions: r.conditions, event: r.event, ...(r.priority !== undefined ? { priority: r.priority } : {}) })) as never);
  const makeStep: StepFactory<TraceStep> = (index, passed, conditions) => {
    const rule = rules[index]!;
    return { step: 'rule', id: rule.id, pack: rule.pack, passed, conditions };
  };
  const conditions = rules.map((r) => r.conditions);
  return { rules, templates, compiled, readsRequiredMethods: readsRequiredMethods(conditions), makeStep, readsWholeFacts: readsWholeFacts(conditions) };
}

/**
 * The compliance capabilities' compiled form of a context, built on first use and cached.
 * @throws PaceError `invalid-pack` when a finding event is malformed.
 * @internal
 */
export function complianceContext(context: PaceContext): ComplianceContext {
  let found = cache.get(context);
  if (found) return found;
  // Each rule is checked once, though the eligibility and procurement rules are in two sets each.
  const issues: PaceErrorIssue[] = [];
  const templates = new Map(context.rules.map((rule) => [rule, findingTemplate(context, rule, issues)]));
  if (issues.length > 0) throw new PaceError('invalid-pack', formatIssues('A rule emits a malformed finding', issues), issues);
  const eligibility = buildRuleSet(context, ['eligibility'], templates);
  const procurement = buildRuleSet(context, ['procurement'], templates);
  const usability = buildRuleSet(context, ['eligibility', 'procurement'], templates);
  const audit = buildRuleSet(context, ['audit'], templates);
  const items = context.checklist;
  const checklist: ChecklistSet = {
    items,
    compiled: compileRules(items.map((item) => ({ name: item.id, conditions: item.requiredWhen, event: { type: item.id } })) as never),
    readsRequiredMethods: readsRequiredMethods(items.map((i) => i.requiredWhen)),
    readsContractCoverage: readsContractCoverage(items.flatMap((i) => (i.decidedBy ? [i.requiredWhen, i.decidedBy] : [i.requiredWhen]))),
    decidedByPaths: items.map((i) => (i.decidedBy ? parsePath(i.decidedBy.path) : undefined)),
    missingMessages: items.map((i) => `Missing from the audit file: ${i.title}.`),
  };
  // decide.ts's leadingRulesRun reads eligibility off a usability run: its rules come first there.
  if (!eligibility.rules.every((rule, i) => usability.rules[i] === rule)) throw new Error('internal: the usability rules must begin with the eligibility rules');
  found = Object.freeze({ eligibility, procurement, usability, audit, checklist, thresholds: buildThresholdTable(context.thresholds) });
  cache.set(context, found);
  return found;
}

// The contract and program facts stay the same from decision to decision on one prepared contract
// (derive-facts keeps one frozen contract fact per contract, program and term status, whatever the
// date, and the programs come from the bound packs): they are bound to the compiled rules as
// constant facts once, so the paths the rules read from them are not resolved again on every run.
// Keyed weakly by the library's own contract fact, never by an object of the caller's.
const constantBindings = new WeakMap<object, Map<CompiledRules, CompiledRules>>();

/**
 * The compiled rules with the decision's constant facts (contract, program) bound.
 * @internal
 */
export function withDecisionConstants(compiled: CompiledRules, facts: Facts): CompiledRules {
  let byRules = constantBindings.get(facts.contract);
  if (!byRules) constantBindings.set(facts.contract, (byRules = new Map()));
  let bound = byRules.get(compiled);
  if (!bound) byRules.set(compiled, (bound = compiled.withConstantFacts({ contract: facts.contract, program: facts.program })));
  return bound;
}

/** The facts that vary from decision to decision: what is left once contract and program are bound. @internal */
export function varyingFacts(facts: Facts): Record<string, unknown> {
  return { member: facts.member, purchase: facts.purchase, asOf: facts.asOf };
}

/**
 * Runs a rule set: findings of the rules that fired (in firing order) and, when asked, a trace
 * step per rule (in evaluation order) with the leaf conditions evaluated. The steps are built
 * straight from the run, without the events and per-rule records `run` would return. Returns the
 * indexes of the rules that fired, in firing order.
 * @internal
 */
export function runRuleSet(set: RuleSet, facts: Facts, findings: Finding[], trace: TraceStep[] | undefined): readonly number[] {
  const fired: number[] = [];
  runCompiledInto(withDecisionConstants(set.compiled, facts), varyingFacts(facts), fired, trace, set.makeStep);
  pushFindings(set, fired, set.rules.length, findings);
  return fired;
}

/** The findings of the fired rules (firing order) whose index is below `limit`, pushed on `findings`. @internal */
export function pushFindings(set: RuleSet, fired: readonly number[], limit: number, findings: Finding[]): void {
  for (let i = 0; i < fired.length; i++) {
    const index = fired[i]!;
    const template = set.templates[index];
    if (!template || index >= limit) continue;
    const rule = set.rules[index]!;
    const finding: Finding = { code: template.code, severity: template.severity, message: template.message, ruleId: rule.id, pack: rule.pack };
    if (template.citation !== undefined) finding.citation = template.citation;
    findings.push(finding);
  }
}
