import { PaceError, formatIssues, isPaceError, type PaceErrorIssue } from '../errors/pace-error.js';
import { compileRules } from '../engine/compile-rules.js';
import { RulesPackSchema, type RulesPack } from '../model/rules-pack.js';
import { zodIssues } from '../model/parse.js';
import { parseMoney } from '../money/money.js';
import { canonicalJson, sha256Hex } from './sha256.js';
import { factVocabulary, vocabularyPath } from './facts.js';
import { addDays } from '../dates/calendar-date.js';
import { deepFreeze } from '../model/deep-freeze.js';
import { findPricingLawIssues } from './find-pricing-law-issues.js';

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

function rerooted(error: unknown, from: string, to: string, fallbackPath: string): PaceErrorIssue[] {
  if (!isPaceError(error)) throw error;
  if (error.issues.length === 0) return [{ path: fallbackPath, message: error.message }];
  return error.issues.map((i) => ({ path: i.path.startsWith(from) ? to + i.path.slice(from.length) : `${fallbackPath}: ${i.path}`, message: i.message }));
}

interface LeafVisit {
  fact: string;
  path?: string | undefined;
  at: string;
}

function collectFacts(node: unknown, at: string, out: LeafVisit[]): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    const list = n[key];
    if (Array.isArray(list)) list.forEach((child, i) => collectFacts(child, `${at}.${key}[${i}]`, out));
  }
  if (n['not'] !== undefined) collectFacts(n['not'], `${at}.not`, out);
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
    const definition = vocabulary[leaf.fact];
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
  const parsed = RulesPackSchema.safeParse(json);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error, '$', json);
    throw new PaceError('invalid-pack', formatIssues('Invalid rules pack', issues), issues);
  }
  const pack = parsed.data;
  const issues: PaceErrorIssue[] = [];
  const sourceIds = new Set((pack.sources ?? []).map((s) => s.id));
  const checkSources = (ids: readonly string[] | undefined, at: string): void => {
    ids?.forEach((id, i) => {
      if (!sourceIds.has(id)) issues.push({ path: `${at}.sources[${i}]`, message: `no source with id "${id}" in this pack's "sources"` });
    });
  };
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

  (pack.rules ?? []).forEach((rule, i) => {
    const at = `$.rules[${i}]`;
    checkSources(rule.sources, at);
    try {
      compileRules([{ conditions: rule.conditions, event: rule.event, name: rule.id, ...(rule.priority !== undefined ? { priority: rule.priority } : {}) }] as never);
    } catch (e) {
      issues.push(...rerooted(e, '$[0]', at, at));
    }
    checkVocabulary(rule.conditions, `${at}.conditions`, issues);
  });

  (pack.checklist ?? []).forEach((item, i) => {
    const at = `$.checklist[${i}]`;
    checkSources(item.sources, at);
    try {
      compileRules([{ conditions: item.requiredWhen, event: { type: item.id }, name: item.id }] as never);
    } catch (e) {
      issues.push(...rerooted(e, '$[0].conditions', `${at}.requiredWhen`, `${at}.requiredWhen`));
    }
    checkVocabulary(item.requiredWhen, `${at}.requiredWhen`, issues);
    if (item.decidedBy) checkVocabulary(item.decidedBy, `${at}.decidedBy`, issues);
  });

  // Threshold series: each period well-formed; periods of a series sorted without overlap or gap.
  const bySeries = new Map<string, { index: number; from: string; to: string | undefined }[]>();
  (pack.thresholds ?? []).forEach((t, i) => {
    const at = `$.thresholds[${i}]`;
    checkSources(t.sources, at);
    if (t.effectiveTo !== undefined && t.effectiveTo < t.effectiveFrom) issues.push({ path: `${at}.effectiveTo`, message: `ends (${t.effectiveTo}) before it starts (${t.effectiveFrom})` });
    if (t.amount === null && t.confidence !== 'unknown') issues.push({ path: `${at}.amount`, message: 'an unknown amount (null) must have confidence "unknown"' });
    if (t.amount !== null) {
      try {
        if (parseMoney(t.amount, `${at}.amount`).isNegative()) issues.push({ path: `${at}.amount`, message: 'a threshold cannot be negative' });
      } catch (e) {
        issues.push(...rerooted(e, `${at}.amount`, `${at}.amount`, `${at}.amount`));
      }
    }
    const list = bySeries.get(t.series) ?? [];
    list.push({ index: i, from: t.effectiveFrom, to: t.effectiveTo });
    bySeries.set(t.series, list);
  });
  for (const [series, periods] of bySeries) {
    const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      const at = `$.thresholds[${cur.index}].effectiveFrom`;
      if (prev.to === undefined || prev.to >= cur.from) {
        issues.push({ path: at, message: `series "${series}": this period (from ${cur.from}) overlaps $.thresholds[${prev.index}] (${prev.from} to ${prev.to ?? 'open end'})` });
      } else if (addDays(prev.to, 1) !== cur.from) {
        issues.push({ path: at, message: `series "${series}": gap between $.thresholds[${prev.index}] (ends ${prev.to}) and this period (starts ${cur.from})` });
      }
    }
  }

  issues.push(...findPricingLawIssues(pack.pricing, sourceIds));

  if (issues.length > 0) throw new PaceError('invalid-pack', formatIssues(`Invalid rules pack "${pack.id}"`, issues), issues);
  // "$schema" only tells editors where the JSON Schema is; it is not content.
  const { $schema: _editorHint, ...content } = pack;
  const contentHash = sha256Hex(canonicalJson(content));
  const result = deepFreeze({ ...pack, contentHash }) as LoadedRulesPack;
  loaded.add(result);
  return result;
}
