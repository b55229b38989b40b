/**
 * Renders docs/california-law.md from the bundled California law pack (rules/california/law.json):
 * the thresholds by series, the rules by capability, the audit checklist and the sources, then a
 * hand-written section on what the pack does not know or cover.
 *
 * Every figure in the document comes from the pack data; the hand-written text below holds none.
 * `npm run docs:law` writes the file; test/docs/law-doc.test.ts fails when the committed file is
 * out of date with the pack.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChecklistItem, PackRule, RulesPack, Threshold } from '../src/index.js';

const ROOT = join(import.meta.dirname, '..');
export const LAW_PACK_PATH = 'rules/california/law.json';
export const LAW_DOC_PATH = 'docs/california-law.md';

/** Reads the raw pack as committed (not the loaded one: the document shows the data as written). */
export function readLawPack(): RulesPack {
  return JSON.parse(readFileSync(join(ROOT, LAW_PACK_PATH), 'utf8')) as RulesPack;
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers

/** `"114800.00"` → `$114,800`; `"1234.50"` → `$1,234.50`. */
function dollars(amount: string | number): string {
  const [whole = '0', cents = '00'] = String(amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return cents === '00' || cents === '' ? `$${grouped}` : `$${grouped}.${cents.padEnd(2, '0')}`;
}

/** Integer cents (as the rules compare them) → dollars. */
function centsToDollars(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return dollars(`${whole}.${String(rest).padStart(2, '0')}`);
}

/** Escapes a table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function code(text: string): string {
  return `\`${text}\``;
}

/**
 * The comparison in the words the statute uses for it. `<=` reads "or less" in the California
 * statutes (CUPCCAA § 22032) and "does not exceed" in the federal text (2 CFR 200.320, the FAR),
 * told apart by the threshold's citation.
 */
function comparisonInWords(t: Threshold): string {
  const amount = t.amount === null ? 'the amount (not known)' : dollars(t.amount);
  switch (t.comparison) {
    case '>':
      return `more than ${amount}`;
    case '>=':
      return `${amount} or more`;
    case '<=':
      return /\b(CFR|FAR)\b/.test(t.citation) ? `does not exceed ${amount}` : `${amount} or less`;
    default: {
      const never: never = t.comparison;
      return never;
    }
  }
}

/** What the comparison means for the method, in words. */
function whenRequired(t: Threshold): string {
  if (t.method === undefined || t.level === undefined) return t.role === 'self-certification-ceiling' ? 'the most a member may self-certify (no method of its own)' : 'reference figure (no method)';
  const method = t.method;
  const role = t.role === 'micro-purchase' ? ' (a member\'s self-certified threshold replaces it, up to the ceiling)' : '';
  switch (t.comparison) {
    case '>':
      return `${method} when the amount is more than the limit${role}`;
    case '>=':
      return `${method} when the amount is at or above the limit${role}`;
    case '<=':
      return `${method} when the amount is above the limit${role}`;
    default: {
      const never: never = t.comparison;
      return never;
    }
  }
}

function period(t: Threshold): string {
  return t.effectiveTo === undefined ? `from ${t.effectiveFrom}` : `${t.effectiveFrom} to ${t.effectiveTo}`;
}

function appliesTo(t: Threshold): string {
  const a = t.appliesTo;
  if (!a) {
    if (t.role === 'self-certification-ceiling') return 'read only when a member has self-certified its own micro-purchase threshold';
    return t.level ? 'everyone at its level' : 'no one directly (reference figure)';
  }
  const parts: string[] = [];
  if (a.memberKinds) parts.push(`members: ${a.memberKinds.join(', ')}`);
  if (a.memberIds) parts.push(`member ids: ${a.memberIds.join(', ')}`);
  if (a.supplyKinds) parts.push(`supply kinds: ${a.supplyKinds.join(', ')}`);
  if (a.publicWorksKinds) parts.push(`public works that name their kind (\`publicWorks.kind\`): only ${a.publicWorksKinds.join(', ')}`);
  if (a.cupccaa === true) parts.push('only members whose CUPCCAA election is in force');
  if (a.cupccaa === false) parts.push('only members without a CUPCCAA election in force');
  if (a.federalFunds === true) parts.push('only purchases with federal money');
  if (a.federalFunds === false) parts.push('only purchases without federal money');
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------
// Conditions in words

type Condition = Record<string, unknown>;

function factName(fact: unknown, path: unknown): string {
  const p = typeof path === 'string' ? path.replace(/^\$\.?/, '') : '';
  return p === '' ? String(fact) : `${String(fact)}.${p}`;
}

function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string';
}

function valueInWords(value: unknown, path: unknown): string {
  if (isFactReference(value)) return code(factName(value.fact, value.path));
  if (typeof value === 'number' && typeof path === 'string' && /Cents$/.test(path)) return `${value} (${centsToDollars(value)})`;
  if (Array.isArray(value)) return value.map((v) => valueInWords(v, path)).join(', ');
  if (typeof value === 'string') return code(value);
  return code(JSON.stringify(value));
}

const OPERATOR_WORDS: Record<string, string> = {
  equal: 'is',
  notEqual: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is more than',
  greaterThanInclusive: 'is at least',
};

/** A json-rules-engine condition tree in words: `contract.given` is `true` and …. */
export function conditionInWords(condition: Condition, nested = false): string {
  const group = (items: unknown, joiner: string): string => {
    const list = (Array.isArray(items) ? items : []) as Condition[];
    const text = list.map((c) => conditionInWords(c, true)).join(joiner);
    return nested && list.length > 1 ? `(${text})` : text;
  };
  if ('all' in condition) return group(condition['all'], ' and ');
  if ('any' in condition) return group(condition['any'], ' or ');
  if ('not' in condition) return `not (${conditionInWords(condition['not'] as Condition)})`;
  if ('condition' in condition) return `condition ${code(String(condition['condition']))}`;
  const operator = String(condition['operator']);
  const words = OPERATOR_WORDS[operator] ?? operator;
  return `${code(factName(condition['fact'], condition['path']))} ${words} ${valueInWords(condition['value'], condition['path'])}`;
}

// ---------------------------------------------------------------------------------------------
// Sections

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function sourcesCell(ids: readonly string[] | undefined): string {
  return ids && ids.length > 0 ? ids.map(code).join(', ') : '';
}

function renderThresholds(pack: RulesPack): string[] {
  const out: string[] = ['## Thresholds', ''];
  out.push(
    'One table per series: the periods of one limit. A period with an unknown amount is a figure the research did not find (see [What the pack does not know](#what-the-pack-does-not-know)).',
    'The comparison is written as the statute words it; "required" says what `procurementMethod` requires once the limit is passed.',
    '',
  );
  for (const [series, periods] of groupBy(pack.thresholds ?? [], (t) => t.series)) {
    const first = periods[0]!;
    out.push(`### ${code(series)}`, '');
    out.push(`- Level: ${first.level ?? 'none (reference figure)'}; required: ${whenRequired(first)}.`);
    out.push(`- Applies to: ${appliesTo(first)}.`);
    out.push('');
    out.push('| period | amount | comparison | citation | confidence | sources |', '|---|---|---|---|---|---|');
    for (const t of periods) {
      out.push(`| ${period(t)} | ${t.amount === null ? 'unknown' : dollars(t.amount)} | ${cell(comparisonInWords(t))} | ${cell(t.citation)} | ${t.confidence} | ${sourcesCell(t.sources)} |`);
    }
    const notes = periods.filter((t) => t.note !== undefined);
    if (notes.length > 0) {
      out.push('');
      for (const t of notes) out.push(`- ${period(t)}: ${t.note}`);
    }
    out.push('');
  }
  return out;
}

const CAPABILITY_TITLES: Record<PackRule['capability'], string> = {
  eligibility: 'Eligibility (`checkEligibility`, and whether a contract is usable in `procurementMethod`)',
  procurement: 'Procurement (`procurementMethod`)',
  audit: 'Audit (`auditChecklist`)',
};

function severity(rule: PackRule): string {
  const params = rule.event.params as { severity?: unknown } | undefined;
  return rule.event.type === 'finding' ? String(params?.severity ?? 'block') : `(event ${code(rule.event.type)})`;
}

/** The `code` of the finding a rule reports: the event's, else the rule id (as the engine does). */
export function findingCode(rule: PackRule): string {
  const params = rule.event.params as { code?: unknown } | undefined;
  return rule.event.type === 'finding' ? String(params?.code ?? rule.id) : '';
}

/**
 * The `## Rules` section: one table per capability, each rule with the finding code it reports
 * (what an integration branches on), its conditions in words, severity and citation. The law
 * document and the program document (scripts/render-program-doc.ts) share it.
 */
export function renderRules(pack: RulesPack): string[] {
  const out: string[] = ['## Rules', ''];
  out.push(
    'Each rule reports a finding when its conditions hold; the finding carries the code shown, the rule id as `ruleId` and the pack id as `pack`. `block` stops the member using the contract (or the purchase proceeding that way); `warn` and `info` do not. The facts are described in [facts.md](facts.md).',
    '',
  );
  for (const [capability, rules] of groupBy(pack.rules ?? [], (r) => r.capability)) {
    out.push(`### ${CAPABILITY_TITLES[capability as PackRule['capability']] ?? capability}`, '');
    out.push('| id | finding code | what it checks | fires when | severity | citation | confidence |', '|---|---|---|---|---|---|---|');
    for (const r of rules) {
      const finding = findingCode(r);
      out.push(`| ${code(r.id)} | ${finding === '' ? '' : code(finding)} | ${cell(r.description ?? '')} | ${cell(conditionInWords(r.conditions))} | ${severity(r)} | ${cell(r.citation ?? '')} | ${r.confidence ?? ''} |`);
    }
    out.push('');
  }
  return out;
}

function renderChecklist(pack: RulesPack): string[] {
  const out: string[] = ['## Audit checklist', ''];
  out.push(
    'An item is required when its condition holds. It is on file when `purchase.documents` lists a document whose `kind` is the item id, except where "decided by" names a fact: then the data decides, and a document that contradicts it is a finding.',
    '',
    '| id | title | citation | required when | decided by | confidence |',
    '|---|---|---|---|---|---|',
  );
  for (const c of pack.checklist ?? ([] as ChecklistItem[])) {
    const decided = c.decidedBy ? code(factName(c.decidedBy.fact, c.decidedBy.path)) : '';
    out.push(`| ${code(c.id)} | ${cell(c.title)} | ${cell(c.citation)} | ${cell(conditionInWords(c.requiredWhen))} | ${decided} | ${c.confidence ?? ''} |`);
  }
  const described = (pack.checklist ?? []).filter((c) => c.description !== undefined);
  if (described.length > 0) {
    out.push('', 'Notes on the items:', '');
    for (const c of described) out.push(`- ${code(c.id)}: ${c.description}`);
  }
  out.push('');
  return out;
}

export function renderSources(pack: RulesPack): string[] {
  const out: string[] = ['## Sources', '', '| id | title | date | link |', '|---|---|---|---|'];
  for (const s of pack.sources ?? []) out.push(`| ${code(s.id)} | ${cell(s.title)} | ${s.date ?? ''} | ${s.url ? `<${s.url}>` : ''} |`);
  out.push('');
  return out;
}

/** The unknown periods (amount `null`) and the figure used in their place: all from the data. */
function renderUnknownFigures(pack: RulesPack): string[] {
  const out: string[] = [];
  const bySeries = groupBy(pack.thresholds ?? [], (t) => t.series);
  for (const [series, periods] of bySeries) {
    for (const t of periods.filter((p) => p.amount === null)) {
      const known = periods.filter((p) => p.amount !== null && p.effectiveFrom < t.effectiveFrom);
      const latest = known[known.length - 1];
      const used = latest ? `${dollars(latest.amount!)} (${code(latest.id)}, in force from ${latest.effectiveFrom})` : 'none (the series is not applied)';
      out.push(`- ${code(series)}, ${period(t)} (${code(t.id)}): not found. Figure used meanwhile: ${used}. ${t.note ?? ''}`.trimEnd());
    }
  }
  return out;
}

const NOT_LEGAL_ADVICE =
  '> **Not legal advice.** The figures and rules come from research on stored copies of public sources, summarised in the project\'s legal reference. Re-verify every figure against the official sources (leginfo.legislature.ca.gov, the CDE and CCCCO announcements, eCFR) before relying on it.';

function renderIntro(pack: RulesPack): string[] {
  const counts = `${(pack.thresholds ?? []).length} threshold periods, ${(pack.rules ?? []).length} rules, ${(pack.checklist ?? []).length} checklist items and ${(pack.sources ?? []).length} sources`;
  return [
    '# California law in the bundled pack',
    '',
    `<!-- Generated by scripts/render-law-doc.ts from ${LAW_PACK_PATH}. Do not edit by hand: run \`npm run docs:law\`. -->`,
    '',
    NOT_LEGAL_ADVICE,
    '',
    `Pack ${code(`${pack.id}@${pack.version}`)}: ${pack.title}. It holds ${counts}.`,
    '',
    pack.description ?? '',
    '',
    'How the library reads these tables: [concepts.md](concepts.md) (packs, decisions), [rule-packs.md](rule-packs.md) (the pack format, how thresholds pick a method) and [facts.md](facts.md) (the facts the conditions read). The PACE program pack\'s rules are in [pace-program.md](pace-program.md). Confidence: `high` = seen in the official text or in two or more agreeing sources; `medium` = one secondary source, or consistent with a parallel section; `low` = recalled or inferred; `unknown` = not found.',
    '',
  ];
}

/** The hand-written part: what the pack does not know, the open questions, and what was left out. No figures here. */
function renderLimits(pack: RulesPack): string[] {
  return [
    '## What the pack does not know',
    '',
    '### Figures not found',
    '',
    ...renderUnknownFigures(pack),
    '',
    'For a date in such a period (or past the last period of a series), `procurementMethod` and `findSplitPurchases` compare against the latest known figure and add a `threshold-figure-unknown` warning that names the figure used. A date before the first known figure of a series that would apply is compared against the strictest known figure of the series, with the same warning: the answer is never `none` for want of a figure. A figure known only at `low` confidence (the 2012 PCC § 20111(a) figure) is used, and `findSplitPurchases` adds a `threshold-confidence-low` warning to a group judged against it. Add the announced figure to the pack (a new period, or a district pack entry with `"replace": true`) as soon as it is published.',
    '',
    '### Open questions that affect results',
    '',
    'The legal research left these open. Each one changes what the library answers in some cases; the library takes the position shown.',
    '',
    '| question | what the library does | what to check |',
    '|---|---|---|',
    '| Which date picks the calendar-year PCC § 20111 limit when the solicitation, the board award and the PO fall in different years | Uses the PO date (`purchase.date`) for `procurementMethod`, `auditChecklist` and `findSplitPurchases`; `checkEligibility` uses `asOf`. It does not compare the award date. | Ask counsel. Near January 1, run the check with the award date too and compare. |',
    '| How spend is aggregated for the bid limit and the anti-splitting rule (PCC § 20116; § 22033; § 20657) | `procurementMethod` looks at one purchase (with its change orders when given). `findSplitPurchases` groups one member\'s purchases of one vendor (and, with `acrossVendors`, of one category across vendors) and supply kind in a fiscal year (or a chain with gaps of at most N days), judged against the lowest limit of the member\'s own regime on their dates, folds change orders into their PO and leaves out purchases under a cooperative contract. Purchases across July 1 that would be a split within a rolling year (364 days apart at most) are a warning, not a split. | Counsel\'s position before relying on the grouping, and before summing cooperative-contract use. |',
    '| Which regime a joint powers authority follows (Gov. Code § 6509) | The regime of the member kind its agreement designates (`regimeOf`); without one, a district\'s, with a `member-regime-unknown` warning. That § 6509 carries bidding restrictions is an inference; no case or AG opinion was found. | The JPA agreement and counsel. |',
    '| Whether the self-certified micro-purchase threshold\'s "annual basis" means a fiscal or a calendar year (2 CFR 200.320(a)(1)(iv)) | Twelve months from `selfCertifiedOn`, then a warning and the federal figure. | The certification and the cognizant agency. |',
    '| Whether PCC § 20111 binds county offices of education | The bid-limit series apply to `county-office` members, as CDE and county office policies assume: the stricter reading, since without them no state limit would apply. `procurementMethod` adds the `county-office-pcc-bidding-basis-not-found` info finding on every purchase judged under § 20111, and `auditChecklist` on those § 20111 required to be bid; `audit-ledger` words it beside the member\'s bid limit. | The statutory basis was not found. |',
    '| Whether some state funding imposes PCC bidding on charter schools | Charter schools are not bound by the PCC bid limits; `procurementMethod` adds the `charter-school-not-subject-to-pcc-bidding` info finding. Federal limits still apply. | The charter petition and the conditions of each state funding source. A district policy pack can add a limit for a member id. |',
    '| Whether an out-of-state lead agency counts as "any public corporation or agency" (PCC § 20118), and whether its process must match California bidding law | The rules check that the lead agency is public and the solicitation was competitive and allows cooperative use; they do not check the lead agency\'s state. A contract\'s `eligibleStates` limits which members may use it, not who led it. | Counsel, for national cooperatives. |',
    '| Community college figures for years not separately confirmed | The K-12 figure is used, at `medium` confidence (see the notes under `ca.pcc20651a.ccd`). | The CCCCO announcements. |',
    '| Whether a member\'s CUPCCAA election was in force on the PO date when the member record gives no date (`cupccaa` without `since`; PCC § 22030: only once the board has elected by resolution and notified the State Controller) | The election is taken at the member\'s word: the CUPCCAA bands apply, with a `cupccaa-election-date-unknown` warning that names the answer without them (PCC § 20111(b)) when that one is stricter. `findSplitPurchases` (and `audit-ledger`) judge such a member both ways: a group found only without the election (two $10,000 repairs, together over § 20111(b)\'s $15,000) is reported with its `split-purchase` finding as a warning, not a block; a group found only with it (four $60,000 repairs, together over CUPCCAA\'s formal-bidding limit) blocks as any split does; either carries a `cupccaa-election-date-unknown` warning saying which reading found it. | The board\'s resolution and its notice to the State Controller; add its date as `cupccaa.since`. |',
    '| The effective date of the 2011 CUPCCAA change (AB 720) | The first CUPCCAA period starts January 1, 2012, at `medium` confidence. | The chapter and effective date of AB 720. |',
    '| The day the DIR small-project exemption took effect (Lab. Code §§ 1725.5, 1771.1: $25,000 or less, $15,000 or less for maintenance): 2017-07-01 in legal.md, 2017-06-27 in legal-2.md | The later day, 2017-07-01, which exempts fewer projects: `dir-registration` and `pwc-100-notice` are required for a small project dated before it. | SB 96 and DIR\'s notice. |',
    '| What applied to DIR registration and the PWC-100 notice before the small-project exemption (when contractor registration began, and which public works it covered) | Both items are required at any amount before 2017-07-01, the strictest reading, and the audit warning `dir-requirements-before-small-project-exemption-unknown` says so on every public work dated before then. | Lab. Code §§ 1725.5, 1771.1 and 1773.3 as in force on the PO date. |',
    '| Whether a cooperative\'s contract can carry E-Rate money (47 CFR 54.500: a state master contract may; FCC DA 19-737) | E-Rate money under any cooperative contract gets the `e-rate-cooperative-contract` warning, and the audit file asks for the member\'s own FCC Form 470 and 28-day wait whatever the contract: the pack cannot tell a state master contract from another. | Whether the contract is a state master contract competitively bid by a state entity; USAC. |',
    '| The day E-Rate record retention became ten years (FCC 14-99, 2014; five years before, FCC 04-190) | Ten years on every date (`records-retention-e-rate`). | The effective date of the order. |',
    '| What county office audit manuals require for a cooperative purchase | The checklist follows the statutes and the guidance that could be read; the county office manuals were not read in full. | Your county office\'s accounts payable manual; add items in a district pack. |',
    '',
    'Open questions that change nothing here because the pack does not model the subject: local agencies\' use of CMAS (offers and best value), the CMAS installation pilot, US Department of Education guidance on cooperative purchasing, the exact current text of PCC §§ 20651.7, 20118.1, 20118.4, the PCC § 20114 day-labor hours, and performance bonds.',
    '',
    '### Deliberately left out',
    '',
    '| subject | why | effect on results |',
    '|---|---|---|',
    '| CUPCCAA bands before 2012 | The $30,000 and $125,000 bands (legal.md, amounts high) end on 2011-12-31; the date they took effect is not found. | The first CUPCCAA periods are open at the start: an earlier public-works purchase of an opted-in member is compared against them. |',
    '| Installation on a goods PO before 2025 | Installation became a public project on 2025-01-01 (PCC § 22002(c), AB 2192); the reference gives no bid rule for installation alone before then. | No `installation-part-public-project` warning before 2025; the PO is judged as goods, and the audit file still lists the public-works items (prevailing wage, Lab. Code § 1720(a)(1)). |',
    '| The amount of the installation part of a PO | The input carries one amount per PO. | The whole amount stands for the part: at or over the public-project limit the warning asks for the part to be stated and bid if it reaches the limit; below it, nothing is said. |',
    '| The CUPCCAA 4/5-vote award ceilings (PCC § 22034) | They govern awarding after informal bids all come in over the limit, not the method a purchase needs. | Not reported. |',
    '| Appendix II(F), rights to inventions (37 CFR 401.2(a)) | It applies to funding agreements for experimental, developmental or research work, which the data does not tell apart. | No `federal-clause-*` item for it; add one in a district pack where it applies. |',
    '| PCC § 20118.1 (technology: any of the three lowest bidders), § 20118.2 (technology best value), § 20118.3 (instructional materials in any amount without bids) | They change how a member\'s own bid is awarded, or exempt kinds of goods the pack does not classify. | Such purchases get the ordinary bid limit; a district that relies on § 20118.3 should record that in its own policy pack. |',
    '| Emergency purchases (PCC § 20113) | The exemption needs a unanimous board vote and the county superintendent\'s approval, which the data does not carry. | `purchase.emergency` is accepted but no rule reads it: the method is the ordinary one. |',
    '| Contracted pupil transportation (Ed. Code § 39802) | Transportation is not a supply kind the pack distinguishes. | Transportation services get the ordinary services limit. |',
    '| Funding programs other than E-Rate, and E-Rate written otherwise | The pack recognises E-Rate money by a funding line whose `program` is E-Rate in any case, with or without the hyphen or a space (`purchase.fundingProgramKeys` contains `erate`, see [facts.md](facts.md)); it keys no rule on any other program. | A line named otherwise (`Schools and Libraries`, `E-Rate FY2025`) is judged as other federal money: no E-Rate items. Name the program `E-Rate`, or add a rule in a district pack for the key your ERP gives. |',
    '| Child nutrition purchases under SB 544 (PCC § 20111(c)) | Purchases with federal child nutrition funds may follow the federal standards instead; the pack does not tell CNP funds from other federal funds. | The stricter of the state and federal requirements applies, as for other federal money. |',
    '',
    NOT_LEGAL_ADVICE,
    '',
  ];
}

/** The whole document. */
export function renderLawDoc(pack: RulesPack = readLawPack()): string {
  return [...renderIntro(pack), ...renderThresholds(pack), ...renderRules(pack), ...renderChecklist(pack), ...renderLimits(pack), ...renderSources(pack)]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n*$/, '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(join(ROOT, LAW_DOC_PATH), renderLawDoc());
  console.log(`wrote ${LAW_DOC_PATH}`);
}
