import { PaceError, formatIssues, isPaceError, type PaceErrorIssue } from '../errors/pace-error.js';
import { compileRules } from '../engine/compile-rules.js';
import { RulesPackSchema, type RulesPack } from '../model/rules-pack.js';
import { zodIssues } from '../model/parse.js';
import { parseMoney } from '../money/money.js';
import { canonicalJson, sha256Hex } from './sha256.js';
import { factVocabulary, readsContractCoverage, vocabularyPath } from './facts.js';
import { deepFreeze } from '../model/deep-freeze.js';
import { RULE_LIMITS } from '../engine/limits.js';
import { tryParsePath } from '../engine/path.js';
import { copyPackData } from './copy-pack-data.js';
import { findPricingLawIssues } from './find-pricing-law-issues.js';
import { findSeriesIssues, type SeriesPeriod } from './find-series-issues.js';

/** A pack that passed validation: frozen, with its content hash. */
export type LoadedRulesPack = Readonly<RulesPack> & {
  /** SHA-256 of the pack's canonical JSON (key order does not matter). */
  readonly contentHash: string;
};

const loaded = new WeakSet<object>();

/** Whether a value is a pack returned by {@link loadRulesPack}. @internal */
export function isLoadedRulesPack(value: unknown): value is LoadedRulesPack {
  return typeof value === 'object' && value !== null && loaded.has(value);
}

/**
 * A pack that {@link loadRulesPack} validated and hashed when the package was built, as its JSON
 * (the `pace-rules` command's bundled packs: see tsup.config.ts): frozen and known as loaded, as
 * loadRulesPack would have returned it, without validating it again at every start (70-90 ms of
 * a command's start-up). Only for JSON the build wrote from loadRulesPack's own result.
 * @internal
 */
export function adoptValidatedPack(pack: LoadedRulesPack): LoadedRulesPack {
  const result = deepFreeze(pack);
  loaded.add(result);
  return result;
}

/**
 * The issues of an error thrown for one entry, their paths moved from `from` to `to`. A rule
 * compiled on its own is `$[0]` to compileRules, which labels it so in its messages too:
 * `label` names the entry whose label is replaced by its own path (`rule $.rules[3] ("r3")`,
 * `checklist item $.checklist[0] ("c0")`).
 */
function rerooted(error: unknown, from: string, to: string, fallbackPath: string, label?: { what: string; id: string; at: string }): PaceErrorIssue[] {
  if (!isPaceError(error)) throw error;
  if (error.issues.length === 0) return [{ path: fallbackPath, message: error.message }];
  const name = label && JSON.stringify(label.id);
  const message = (text: string): string => (label ? text.split(`rule $[0] (${name})`).join(`${label.what} $[0] (${name})`).split(`$[0] (${name})`).join(`${label.at} (${name})`) : text);
  return error.issues.map((i) => ({ path: i.path.startsWith(from) ? to + i.path.slice(from.length) : `${fallbackPath}: ${i.path}`, message: message(i.message) }));
}

/** An `invalid-pack` error listing at most RULE_LIMITS.maxIssues problems (and saying how many there were). */
function packError(summary: string, issues: readonly PaceErrorIssue[]): PaceError {
  const listed = issues.slice(0, RULE_LIMITS.maxIssues);
  const more = issues.length > listed.length ? ` (${issues.length} problems; the first ${listed.length} are listed)` : '';
  return new PaceError('invalid-pack', formatIssues(`${summary}${more}`, listed), listed);
}

interface LeafVisit {
  fact: string;
  path?: string | undefined;
  at: string;
}

/** The leaves of conditions (a private copy of JSON data); deeper than the compiler accepts is left to it. */
function collectFacts(node: unknown, at: string, out: LeafVisit[], depth = 1): void {
  if (node === null || typeof node !== 'object' || depth > RULE_LIMITS.maxNestingDepth) return;
  const n = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    const list = Object.hasOwn(n, key) ? n[key] : undefined;
    if (Array.isArray(list) && list.length <= RULE_LIMITS.maxLeavesPerCondition) list.forEach((child, i) => collectFacts(child, `${at}.${key}[${i}]`, out, depth + 1));
  }
  if (Object.hasOwn(n, 'not') && n['not'] !== undefined) collectFacts(n['not'], `${at}.not`, out, depth + 1);
  if (typeof n['fact'] === 'string') {
    out.push({ fact: n['fact'], path: typeof n['path'] === 'string' ? n['path'] : undefined, at });
    const value = n['value'];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as Record<string, unknown>)['fact'] === 'string') {
      const v = value as Record<string, unknown>;
      out.push({ fact: v['fact'] as string, path: typeof v['path'] === 'string' ? v['path'] : undefined, at: `${at}.value` });
    }
  }
}

function checkVocabulary(conditions: unknown, at: string, issues: PaceErrorIssue[]): void {
  const vocabulary = factVocabulary();
  const leaves: LeafVisit[] = [];
  collectFacts(conditions, at, leaves);
  for (const leaf of leaves) {
    // Own keys only: a fact named "constructor" or "toString" is not in the vocabulary.
    const definition = Object.hasOwn(vocabulary, leaf.fact) ? vocabulary[leaf.fact] : undefined;
    if (!definition) {
      issues.push({ path: leaf.at, message: `unknown fact "${leaf.fact}"; rules may read ${Object.keys(vocabulary).map((k) => `"${k}"`).join(', ')}` });
      continue;
    }
    if (leaf.path === undefined) continue;
    const normalised = vocabularyPath(leaf.path);
    if (normalised === undefined) continue; // the compiler reports malformed paths
    if (!definition.paths.includes(normalised)) {
      issues.push({ path: `${leaf.at}.path`, message: `"${leaf.fact}" has no path "${leaf.path}" in the facts vocabulary (docs/facts.md)` });
    }
  }
}

/**
 * Reads the caller's pack once into a private copy and validates the copy: everything after this
 * reads, compiles and finally freezes objects the library built, never the caller's.
 */
function parsePackCopy(json: unknown): RulesPack {
  const data = copyPackData(json);
  if (data.issues.length > 0) {
    const total = data.issues.length + data.unlisted;
    throw new PaceError('invalid-pack', formatIssues(`Invalid rules pack: ${total} value${total === 1 ? ' is' : 's are'} not JSON data`, data.issues), data.issues);
  }
  const parsed = RulesPackSchema.safeParse(data.copy);
  if (!parsed.success) throw packError('Invalid rules pack', zodIssues(parsed.error, '$', data.copy));
  const pack = parsed.data;
  for (const [field, list] of [['rules', pack.rules], ['checklist', pack.checklist], ['thresholds', pack.thresholds]] as const) {
    if (list !== undefined && list.length > RULE_LIMITS.maxRules) {
      const message = `${list.length} entries; at most ${RULE_LIMITS.maxRules} are accepted (RULE_LIMITS.maxRules)`;
      throw new PaceError('invalid-pack', `Invalid rules pack "${pack.id}": $.${field} has ${message}`, [{ path: `$.${field}`, message }]);
    }
  }
  return pack;
}

/** Ids unique within each list, and every cited source id among the pack's sources. */
function checkIds(pack: RulesPack, issues: PaceErrorIssue[]): void {
  const checkUnique = (ids: readonly string[], at: string, what: string): void => {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = seen.get(id);
      if (first !== undefined) issues.push({ path: `${at}[${i}].id`, message: `duplicate ${what} id "${id}" (also at ${at}[${first}])` });
      else seen.set(id, i);
    });
  };
  checkUnique((pack.sources ?? []).map((s) => s.id), '$.sources', 'source');
  checkUnique((pack.rules ?? []).map((r) => r.id), '$.rules', 'rule');
  checkUnique((pack.thresholds ?? []).map((t) => t.id), '$.thresholds', 'threshold');
  checkUnique((pack.checklist ?? []).map((c) => c.id), '$.checklist', 'checklist item');
  checkUnique((pack.programs ?? []).map((p) => p.id), '$.programs', 'program');
  const sourceIds = new Set((pack.sources ?? []).map((s) => s.id));
  const checkSources = (entries: readonly { sources?: readonly string[] | undefined }[] | undefined, field: string): void => {
    entries?.forEach((entry, e) => {
      entry.sources?.forEach((id, i) => {
        if (!sourceIds.has(id)) issues.push({ path: `$.${field}[${e}].sources[${i}]`, message: `no source with id "${id}" in this pack's "sources"` });
      });
    });
  };
  checkSources(pack.rules, 'rules');
  checkSources(pack.checklist, 'checklist');
  checkSources(pack.thresholds, 'thresholds');
}

/** Rules and checklist conditions: compiled (to find what the compiler refuses) and read against the facts vocabulary. */
function checkRules(pack: RulesPack, issues: PaceErrorIssue[]): void {
  (pack.rules ?? []).forEach((rule, i) => {
    const at = `$.rules[${i}]`;
    try {
      compileRules([{ conditions: rule.conditions, event: rule.event, name: rule.id, ...(rule.priority !== undefined ? { priority: rule.priority } : {}) }] as never);
    } catch (e) {
      issues.push(...rerooted(e, '$[0]', at, at, { what: 'rule', id: rule.id, at }));
    }
    checkVocabulary(rule.conditions, `${at}.conditions`, issues);
    if (readsContractCoverage([rule.conditions])) {
      issues.push({ path: `${at}.conditions`, message: '"purchase.coveredByCooperativeContract" is decided by the eligibility and procurement rules\' findings: only checklist items may read it, not a rule' });
    }
  });
  (pack.checklist ?? []).forEach((item, i) => {
    const at = `$.checklist[${i}]`;
    try {
      compileRules([{ conditions: item.requiredWhen, event: { type: item.id }, name: item.id }] as never);
    } catch (e) {
      issues.push(...rerooted(e, '$[0].conditions', `${at}.requiredWhen`, `${at}.requiredWhen`, { what: 'checklist item', id: item.id, at }));
    }
    checkVocabulary(item.requiredWhen, `${at}.requiredWhen`, issues);
    if (item.decidedBy) {
      // Refused here as a condition's path is (the compiler parses those), not first by createPace at "$".
      const parsed = tryParsePath(item.decidedBy.path);
      if (!parsed.ok) issues.push({ path: `${at}.decidedBy.path`, message: parsed.message });
      // The fact is checked either way; the path against the vocabulary only once it parses (one problem, one issue).
      checkVocabulary(parsed.ok ? item.decidedBy : { fact: item.decidedBy.fact }, `${at}.decidedBy`, issues);
    }
  });
}

/** Threshold series: each period well-formed; periods of a series without overlap or gap. */
function checkThresholdSeries(pack: RulesPack, issues: PaceErrorIssue[]): void {
  const periods: SeriesPeriod[] = [];
  (pack.thresholds ?? []).forEach((t, i) => {
    const at = `$.thresholds[${i}]`;
    if (t.effectiveTo !== undefined && t.effectiveTo < t.effectiveFrom) issues.push({ path: `${at}.effectiveTo`, message: `ends (${t.effectiveTo}) before it starts (${t.effectiveFrom})` });
    if (t.amount === null && t.confidence !== 'unknown') issues.push({ path: `${at}.amount`, message: 'an unknown amount (null) must have confidence "unknown"' });
    if (t.amount !== null) {
      try {
        if (parseMoney(t.amount, `${at}.amount`).isNegative()) issues.push({ path: `${at}.amount`, message: 'a threshold cannot be negative' });
      } catch (e) {
        issues.push(...rerooted(e, `${at}.amount`, `${at}.amount`, `${at}.amount`));
      }
    }
    periods.push({ series: t.series, from: t.effectiveFrom, to: t.effectiveTo, at, rank: 0, owner: '' });
  });
  issues.push(...findSeriesIssues(periods));
}

/**
 * Validates a rules pack, compiles its rules and returns it frozen with its content hash. Every
 * problem is reported at once: schema errors, rules the compiler refuses, facts outside the
 * vocabulary, duplicate ids, dangling source ids, and threshold series whose periods overlap or
 * leave gaps.
 *
 * @param json - A parsed pack (e.g. the import of `rules/california/law.json`).
 * @returns The validated pack, frozen, with `contentHash`.
 * @throws PaceError `invalid-pack` listing every problem with its JSON path.
 * @example
 * ```ts
 * const pack = loadRulesPack({ id: 'my-district', version: '1.0.0', title: 'Policy', kind: 'policy' });
 * pack.contentHash.length; // => 64
 * ```
 */
export function loadRulesPack(json: unknown): LoadedRulesPack {
  if (isLoadedRulesPack(json)) return json;
  const pack = parsePackCopy(json);
  const issues: PaceErrorIssue[] = [];
  checkIds(pack, issues);
  checkRules(pack, issues);
  checkThresholdSeries(pack, issues);
  for (const issue of findPricingLawIssues(pack.pricing, new Set((pack.sources ?? []).map((s) => s.id)))) issues.push(issue);
  if (issues.length > 0) throw packError(`Invalid rules pack "${pack.id}"`, issues);
  // "$schema" only tells editors where the JSON Schema is; it is not content.
  const { $schema: _editorHint, ...content } = pack;
  const contentHash = sha256Hex(canonicalJson(content));
  // Only objects built here are frozen: zod's output and the private copy it was parsed from.
  const result = deepFreeze({ ...pack, contentHash }) as LoadedRulesPack;
  loaded.add(result);
  return result;
}
