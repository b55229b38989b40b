// The state bid limit shown beside a member's spending in a fiscal year (the report's memberYears),
// with what the library says about that limit: a figure not found in the rules pack (another one
// stands in), a joint powers authority judged as a district, a charter school that no PCC bid
// limit binds, a county office judged under the district limits whose basis was not found. The
// reports word those findings; they never show a stand-in as the known figure.
import type { Finding, Pace } from '../../index.js';
import { NO_TRACE } from './decide-rows.js';
import { centsOf } from './cents-text.js';

/** A finding of the procurement decision that concerns the year's bid limit (the library's, unchanged but for ruleId and pack). */
export interface BidLimitFinding {
  code: string;
  severity: Finding['severity'];
  message: string;
  citation?: string;
  /** The library's values behind it: for `threshold-figure-unknown`, `date` (the day whose figure is not found), `usedAmount` (the figure that stands in), `usedThresholdId` and `series`. */
  data?: Record<string, unknown>;
}

/** Findings about the member rather than a figure: they concern the bid limit whatever the day. */
const MEMBER_CODES: ReadonlySet<string> = new Set(['member-regime-unknown', 'charter-school-not-subject-to-pcc-bidding', 'county-office-pcc-bidding-basis-not-found']);
const FIGURE_UNKNOWN = 'threshold-figure-unknown';

export interface BidLimit {
  /** The lowest figure, or null when none applies or none is known. */
  amount: string | null;
  citation: string | null;
  findings: BidLimitFinding[];
}

/**
 * The lowest state formal-bid limit for a supply kind (goods unless said; for public works, of a kind of work when given) in force on July 1 or January 1 of the fiscal year
 * (amount null: none applies, none is known, or the member is refused), and the findings of
 * those two decisions that concern it: `threshold-figure-unknown` for the series of a limit
 * consulted (a figure the rules pack does not have, another standing in), `member-regime-unknown`,
 * `charter-school-not-subject-to-pcc-bidding` and `county-office-pcc-bidding-basis-not-found`, each once.
 */
export function bidLimitOf(pace: Pace, member: { id: string; member: unknown }, fiscalYear: string, supplyKind = 'goods', publicWorksKind?: string): BidLimit {
  const start = Number(fiscalYear.slice(0, 4));
  let best: { amount: string; citation: string; cents: number } | undefined;
  const findings: BidLimitFinding[] = [];
  const seen = new Set<string>();
  for (const date of [`${start}-07-01`, `${start + 1}-01-01`]) {
    let decision: ReturnType<Pace['procurementMethod']>;
    try {
      decision = pace.procurementMethod({ member: member.member, purchase: { id: 'bid-limit', memberId: member.id, date, amount: '0.00', supplyKind, ...(publicWorksKind !== undefined ? { publicWorks: { kind: publicWorksKind } } : {}) } } as never, NO_TRACE);
    } catch {
      return { amount: null, citation: null, findings: [] };
    }
    const series = new Set<string>();
    for (const t of decision.thresholds) {
      if (!t.applies || t.level !== 'state' || t.method !== 'formal-bid' || t.amount === null) continue;
      series.add(t.series);
      const cents = centsOf(t.amount);
      if (!best || cents < best.cents) best = { amount: t.amount, citation: t.citation, cents };
    }
    for (const f of decision.findings) {
      const concerns = MEMBER_CODES.has(f.code) || (f.code === FIGURE_UNKNOWN && series.has(String(f.data?.['series'])));
      if (!concerns) continue;
      const key = `${f.code}\u0000${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ code: f.code, severity: f.severity, message: f.message, ...(f.citation !== undefined ? { citation: f.citation } : {}), ...(f.data !== undefined ? { data: { ...f.data } } : {}) });
    }
  }
  return { amount: best?.amount ?? null, citation: best?.citation ?? null, findings };
}

/** The days of a fiscal year on which its bid limit is judged (the figure changes on January 1). */
function judgedDays(fiscalYear: string): string[] {
  const start = Number(fiscalYear.slice(0, 4));
  return [`${start}-07-01`, `${start + 1}-01-01`];
}

type YearLimit = { fiscalYear: string; bidLimit: string | null; bidLimitCitation: string | null; bidLimitFindings: readonly BidLimitFinding[] };

/** The days of the year whose figure the rules pack does not have. */
function unknownDays(year: YearLimit): string[] {
  return year.bidLimitFindings.filter((f) => f.code === FIGURE_UNKNOWN).map((f) => String(f.data?.['date'] ?? '')).filter((d) => d !== '');
}

/** Whether the year's bid limit is a stand-in on every day it is judged on (no figure of the year is known). */
export function standsInAllYear(year: YearLimit): boolean {
  const days = unknownDays(year);
  return year.bidLimit !== null && days.length > 0 && judgedDays(year.fiscalYear).every((d) => days.includes(d));
}

/**
 * A member-year's bid limit in words, for the text and HTML reports (plain text; the HTML report
 * escapes it). `money` formats an amount ("$114,800.00"). Examples:
 * - "$114,800.00 (Cal. Pub. Cont. Code § 20111(a), …)"
 * - "$114,800.00, a stand-in: no figure in force on 2026-07-01 or 2027-01-01 is found in the rules pack, so a known figure stands in (citation)"
 * - "none: a charter school is not subject to the Public Contract Code bid limit (Cal. Educ. Code § 47610)"
 */
export function bidLimitInWords(year: YearLimit, money: (amount: string) => string): string {
  const cite = (c: string | null | undefined): string => (c ? ` (${c})` : '');
  const unknown = year.bidLimitFindings.filter((f) => f.code === FIGURE_UNKNOWN);
  const charter = year.bidLimitFindings.find((f) => f.code === 'charter-school-not-subject-to-pcc-bidding');
  const others = year.bidLimitFindings.filter((f) => f.code !== FIGURE_UNKNOWN && f !== charter);
  let words: string;
  if (year.bidLimit === null) {
    words = charter ? `none: a charter school is not subject to the Public Contract Code bid limit${cite(charter.citation)}` : 'not known';
  } else {
    const days = unknownDays(year);
    const whole = standsInAllYear(year);
    const usedAmounts = [...new Set(unknown.map((f) => f.data?.['usedAmount']).filter((a): a is string => typeof a === 'string'))];
    const notFound = `no figure in force on ${days.length > 0 ? days.join(' or ') : 'a day of the year'} is found in the rules pack`;
    if (unknown.length === 0) words = `${money(year.bidLimit)}${cite(year.bidLimitCitation)}`;
    else if (whole) words = `${money(year.bidLimit)}, a stand-in: ${notFound}, so a known figure stands in${cite(unknown[0]!.citation ?? year.bidLimitCitation)}`;
    else words = `${money(year.bidLimit)}${cite(year.bidLimitCitation)}; but ${notFound}${usedAmounts.length > 0 ? ` (${usedAmounts.map(money).join(' or ')} stands in for it)` : ''}, so the year's lowest limit is not certain`;
    if (charter) words += `; a charter school is not subject to the Public Contract Code bid limit${cite(charter.citation)}`;
  }
  // Anything else (a JPA judged as a district): the library's own sentence.
  for (const f of others) words += `. ${f.message}${cite(f.citation)}`;
  return words;
}
