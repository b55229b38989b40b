import { PaceError, formatIssues, guardInput, isPaceError, type PaceErrorIssue } from '../errors/pace-error.js';
import type { ChecklistItem, PackRule, Program, Threshold } from '../model/rules-pack.js';
import { loadRulesPack, type LoadedRulesPack } from './load-rules-pack.js';
import { sha256Hex } from './sha256.js';
import { findSeriesIssues } from './find-series-issues.js';

/** The most packs one createPace layers (law, program, a county's and a district's are four). */
const MAX_PACKS = 1000;

/** An entry of a pack with the id of the pack it came from. */
export type FromPack<T> = T & { readonly pack: string };

/** Packs layered in order: later packs add entries and replace earlier ones only where they say so. */
export interface LayeredPacks {
  readonly packs: readonly LoadedRulesPack[];
  /** `"california-law@2026.1.1+pace-program@1.0.0#<hash>"`. */
  readonly rulesVersion: string;
  readonly rules: readonly FromPack<PackRule>[];
  readonly thresholds: readonly FromPack<Threshold>[];
  readonly checklist: readonly FromPack<ChecklistItem>[];
  readonly programs: ReadonlyMap<string, FromPack<Program>>;
}

function layer<T extends { id: string; replace?: boolean | undefined }>(
  packs: readonly LoadedRulesPack[],
  pick: (p: LoadedRulesPack) => readonly T[] | undefined,
  what: string,
  field: string,
  issues: PaceErrorIssue[],
  where?: Map<FromPack<T>, { at: string; rank: number }>,
): FromPack<T>[] {
  const byId = new Map<string, FromPack<T>>();
  packs.forEach((pack, packIndex) => {
    pick(pack)?.forEach((entry, i) => {
      const at = `$.packs[${packIndex}].${field}[${i}]`;
      const earlier = byId.get(entry.id);
      if (earlier && !entry.replace) {
        issues.push({ path: `${at}.id`, message: `${what} "${entry.id}" of pack "${pack.id}" is already defined by pack "${earlier.pack}"; set "replace": true to replace it on purpose` });
        return;
      }
      if (!earlier && entry.replace) {
        issues.push({ path: `${at}.replace`, message: `${what} "${entry.id}" of pack "${pack.id}" says it replaces an earlier entry, but no earlier pack defines "${entry.id}"` });
        return;
      }
      if (earlier) byId.delete(entry.id); // a replacement takes the place at the end, in its pack's order
      // Frozen like the pack it came from (so the engine may keep what it reads from it).
      const layered = Object.freeze({ ...entry, pack: pack.id });
      byId.set(entry.id, layered);
      where?.set(layered, { at, rank: packIndex });
    });
  });
  return [...byId.values()];
}

/**
 * Loads and layers packs in order. A later pack may add entries, and may replace a rule,
 * threshold, checklist item or program of an earlier pack by id only with `"replace": true`;
 * anything else is a `duplicate-id` error, never a silent override. The periods of each threshold
 * series, layered, may neither overlap nor leave gaps (`invalid-pack` at the later pack's entry).
 *
 * @internal
 */
export function layerPacks(input: readonly unknown[]): LayeredPacks {
  // Read the caller's array once, under a guard: a throwing getter or Proxy trap is a PaceError.
  const list = guardInput(() => (Array.isArray(input) && input.length <= MAX_PACKS ? Array.from(input) : undefined), '$.packs');
  if (list === undefined || list.length === 0) {
    throw new PaceError('invalid-input', `createPace needs between 1 and ${MAX_PACKS} rules packs in "packs"`, [{ path: '$.packs', message: `expected an array of 1 to ${MAX_PACKS} rules packs` }]);
  }
  const packs = list.map((p, i) => {
    try {
      return loadRulesPack(p);
    } catch (e) {
      if (isPaceError(e)) {
        const err = e;
        const issues = err.issues.map((issue) => ({ path: `$.packs[${i}]${issue.path.slice(1)}`, message: issue.message }));
        throw new PaceError(err.code, formatIssues(`Invalid rules pack at $.packs[${i}]`, issues), issues, { cause: e });
      }
      throw e;
    }
  });
  const ids = new Map<string, number>();
  const issues: PaceErrorIssue[] = [];
  packs.forEach((p, i) => {
    const first = ids.get(p.id);
    if (first !== undefined) issues.push({ path: `$.packs[${i}].id`, message: `pack "${p.id}" is given twice (also at $.packs[${first}])` });
    else ids.set(p.id, i);
  });
  const rules = layer(packs, (p) => p.rules, 'rule', 'rules', issues);
  const thresholdPaths = new Map<FromPack<Threshold>, { at: string; rank: number }>();
  const thresholds = layer(packs, (p) => p.thresholds, 'threshold', 'thresholds', issues, thresholdPaths);
  const checklist = layer(packs, (p) => p.checklist, 'checklist item', 'checklist', issues);
  const programs = layer(packs, (p) => p.programs, 'program', 'programs', issues);
  if (issues.length > 0) throw new PaceError('duplicate-id', formatIssues('The rules packs conflict', issues), issues);
  // Each pack's own series were checked when it was loaded; a later pack's period, or a
  // replacement that moves a period, can still overlap or leave a gap in a series layered from
  // several packs, where the lookup would silently keep one figure and ignore the other.
  const seriesIssues = findSeriesIssues(thresholds.map((t) => ({ series: t.series, from: t.effectiveFrom, to: t.effectiveTo, owner: ` of pack "${t.pack}"`, ...thresholdPaths.get(t)! })));
  if (seriesIssues.length > 0) throw new PaceError('invalid-pack', formatIssues('The threshold series of the rules packs conflict', seriesIssues), seriesIssues);
  const hash = sha256Hex(packs.map((p) => `${p.id}@${p.version}#${p.contentHash}`).join('\n')).slice(0, 16);
  return Object.freeze({
    packs: Object.freeze(packs),
    rulesVersion: `${packs.map((p) => `${p.id}@${p.version}`).join('+')}#${hash}`,
    rules: Object.freeze(rules),
    thresholds: Object.freeze(thresholds),
    checklist: Object.freeze(checklist),
    programs: new Map(programs.map((p) => [p.id, p])),
  });
}
