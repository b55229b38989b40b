import type { PaceErrorIssue } from '../errors/pace-error.js';
import type { CalendarDate } from '../dates/calendar-date.js';
import { addDays } from '../dates/calendar-date.js';

/** One period of a threshold series and where it was given. @internal */
export interface SeriesPeriod {
  readonly series: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate | undefined;
  /** The entry's JSON path: `$.thresholds[1]`, or `$.packs[2].thresholds[0]` once packs are layered. */
  readonly at: string;
  /** Which pack gave it (its index in the layering): of two periods in conflict, the later pack's is blamed. */
  readonly rank: number;
  /** Said after the path in messages, e.g. ` of pack "district-x"`; empty within one pack. */
  readonly owner: string;
}

const span = (p: SeriesPeriod): string => `${p.from} to ${p.to ?? 'open end'}`;

/**
 * The periods of each series that overlap or leave a gap, one issue per conflict, at the period
 * the later pack gave (its `effectiveFrom` when it starts too early or too late, its `effectiveTo`
 * when it ends so), or at the later-starting one within a pack. Each period is compared with the
 * one reaching furthest before it, so a period inside another is one overlap, not also a gap.
 * @internal
 */
export function findSeriesIssues(periods: readonly SeriesPeriod[]): PaceErrorIssue[] {
  const issues: PaceErrorIssue[] = [];
  const bySeries = new Map<string, SeriesPeriod[]>();
  for (const p of periods) {
    const list = bySeries.get(p.series);
    if (list) list.push(p);
    else bySeries.set(p.series, [p]);
  }
  for (const [series, list] of bySeries) {
    const sorted = list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let reach = sorted[0]!;
    for (const cur of sorted.slice(1)) {
      const overlaps = reach.to === undefined || reach.to >= cur.from;
      if (overlaps || addDays(reach.to!, 1) !== cur.from) {
        const blamed = reach.rank > cur.rank ? reach : cur;
        const other = blamed === cur ? reach : cur;
        const name = (p: SeriesPeriod): string => (p === blamed ? 'this period' : p.at) + p.owner;
        issues.push({
          path: `${blamed.at}.${blamed === cur ? 'effectiveFrom' : 'effectiveTo'}`,
          message: overlaps
            ? `series "${series}": this period${blamed.owner} (${span(blamed)}) overlaps ${other.at}${other.owner} (${span(other)})`
            : `series "${series}": gap between ${name(reach)} (ends ${reach.to}) and ${name(cur)} (starts ${cur.from})`,
        });
      }
      if (reach.to !== undefined && (cur.to === undefined || cur.to > reach.to)) reach = cur;
    }
  }
  return issues;
}
