// Each member's own legal regime for split detection (PCC § 20116; § 22033 for CUPCCAA), and the
// limit a purchase is judged against under it.
import type { Finding } from '../decision.js';
import type { Member, MemberKind } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import { isCupccaaInForce } from '../compliance/derive-facts.js';
import { regimeKindOf } from '../compliance/required-method.js';
import { figureOn, isExceeded, type ThresholdPeriod, type ThresholdSeries, type ThresholdTable } from '../compliance/threshold-table.js';

/** The lower of two limits; at equal amounts the one that binds at the limit itself (`>=`). */
export function lower(a: ThresholdPeriod, b: ThresholdPeriod): ThresholdPeriod {
  if (b.amountCents! < a.amountCents!) return b;
  if (b.amountCents! === a.amountCents! && b.comparison === '>=' && a.comparison !== '>=') return b;
  return a;
}

/**
 * The regime a purchase is judged under: the member kind whose limits bind it (undefined: any
 * kind, the assumption without `members`), its CUPCCAA election on the date, and what is open
 * about it. The finding codes are stable.
 */
export interface Regime {
  readonly key: string;
  readonly kind: MemberKind | undefined;
  readonly cupccaa: boolean;
  readonly memberId: string;
  /** What is open about it; `ruleId` and `pack` default to the limit's. */
  readonly finding: (Omit<Finding, 'ruleId' | 'pack'> & { ruleId?: string; pack?: string }) | undefined;
  /** The limits of this regime by limit kind ({@link limitKindOf}) and day, filled by {@link Limits.on}. */
  readonly limits: Map<string, KeyLimits>;
}

/** The limit a purchase is judged against, and whether it stands in for an unknown figure. */
export interface LimitHit {
  readonly used: ThresholdPeriod;
  readonly fallback: boolean;
}

export const ASSUMED: Omit<Finding, 'ruleId' | 'pack'> = {
  code: 'member-regimes-assumed',
  severity: 'info',
  message: 'No members were given: the purchaser was judged as a school district or community college district that did not elect CUPCCAA. Pass options.members to judge each member by its own regime.',
};

/** The pack rule that warns of a JPA without a designated member kind, for its citation. */
interface RegimeRule {
  readonly id: string;
  readonly pack: string;
  readonly citation: string | undefined;
}

/** Regimes by member id and CUPCCAA election: one object per member, not one per purchase. */
export class Regimes {
  private readonly cache = new Map<string, Regime>();
  /**
   * @param undatedInForce - Whether an election without a date (`cupccaa.since`) is taken to be in
   *   force on every date (the member's word, as procurementMethod takes it) or on none (the
   *   stricter reading: PCC § 22030 makes the election depend on a board resolution and its notice
   *   to the State Controller). findSplitPurchases judges such a member both ways.
   */
  constructor(
    private readonly members: ReadonlyMap<string, Member> | undefined,
    private readonly jpaRule: RegimeRule | undefined,
    private readonly undatedInForce = true,
  ) {}

  /** The member with this id, among the members given. */
  member(memberId: string): Member | undefined {
    return this.members?.get(memberId);
  }

  of(memberId: string, date: string): Regime {
    const member = this.members?.get(memberId);
    const cupccaa = member !== undefined && (isElectionUndated(member) ? this.undatedInForce : isCupccaaInForce(member, date));
    const key = cupccaa ? `${memberId}\u0000c` : memberId;
    let regime = this.cache.get(key);
    if (!regime) this.cache.set(key, (regime = this.build(memberId, member, cupccaa)));
    return regime;
  }

  private build(memberId: string, member: Member | undefined, cupccaa: boolean): Regime {
    const limits = new Map<string, KeyLimits>();
    if (this.members === undefined) return { key: '*', kind: undefined, cupccaa: false, memberId, finding: ASSUMED, limits };
    if (member === undefined) {
      // (keys in the order of the other regimes: one hidden class for all of them)
      return {
        key: '*', kind: undefined, cupccaa: false, memberId,
        finding: { code: 'member-regime-unknown', severity: 'warn', message: `Member "${memberId}" is not among options.members: it was judged as a school district or community college district that did not elect CUPCCAA.` },
        limits,
      };
    }
    const { kind, unknown } = regimeKindOf(member);
    if (!unknown) return { key: `${kind}|${cupccaa}`, kind, cupccaa, memberId, finding: undefined, limits };
    const rule = this.jpaRule;
    const finding: Regime['finding'] = {
      code: 'member-regime-unknown',
      severity: 'warn',
      message: `Joint powers authority "${memberId}" names no designated member kind (regimeOf): it follows the restrictions of the member its agreement designates, so it was judged as a ${kind}.`,
      ...(rule?.citation !== undefined ? { citation: rule.citation } : {}),
      ...(rule ? { ruleId: rule.id, pack: rule.pack } : {}),
    };
    return { key: `${kind}|${cupccaa}`, kind, cupccaa, memberId, finding, limits };
  }
}

/**
 * Limits in ascending order: by amount, then the one that binds at the amount itself (`>=`) first,
 * as {@link lower} prefers it; limits alike in both keep their order (a stable sort).
 */
export function ascendingLimits(a: ThresholdPeriod, b: ThresholdPeriod): number {
  return a.amountCents! - b.amountCents! || (a.comparison === '>=' ? 0 : 1) - (b.comparison === '>=' ? 0 : 1);
}

/**
 * Of a day's limits (lowest first, as {@link Limits.on} gives them), the one a purchase of `cents`
 * is judged against: the lowest, or, when the amount is over a limit that asks only for an informal
 * bid, the next one up; and, when that one asks only for an informal bid, the formal-bid limit above
 * it (`upper`). Under CUPCCAA a $30,000 repair is within the force-account limit (PCC § 22032(a))
 * and grouped against it, and a $100,000 one, bid informally, against the formal-bid limit
 * (§ 22032(b)): several of them together over it were split to escape a formal bid. Over a
 * formal-bid limit a purchase was bid formally: there is no stricter bid a higher limit could ask
 * for (a district's own lower limit, then the state's).
 */
export function judgedAgainst(hits: readonly LimitHit[], cents: number): { hit: LimitHit; upper: ThresholdPeriod | null } {
  let k = 0;
  while (k < hits.length - 1 && isExceeded(cents, hits[k]!.used) && hits[k]!.used.method !== 'formal-bid') k++;
  const hit = hits[k]!;
  const upper = hit.used.method === 'formal-bid' ? undefined : hits.find((h) => h.used.method === 'formal-bid' && h.used.amountCents! > hit.used.amountCents!);
  return { hit, upper: upper?.used ?? null };
}

/** Whether the member says it elected CUPCCAA without saying when (`cupccaa.since`). */
export function isElectionUndated(member: Member): boolean {
  return member.cupccaa !== undefined && member.cupccaa.optedIn && member.cupccaa.since === undefined;
}

/**
 * What a purchase's bid limit depends on besides its regime and date: its supply kind, and for a
 * public-works purchase that names its kind of work, that kind (`public-works/maintenance`):
 * maintenance is judged against PCC § 20111(a), not the public-project limit of § 20111(b).
 */
export function limitKindOf(p: Pick<Purchase, 'supplyKind' | 'publicWorks'>): string {
  return p.supplyKind === 'public-works' && p.publicWorks !== undefined ? `public-works/${p.publicWorks.kind}` : p.supplyKind;
}

/**
 * Whether a period is a bid limit that binds a purchase of this regime and limit kind
 * ({@link limitKindOf}) on its own. A public-works purchase that names its kind of work is covered
 * by the kinds a period lists (`appliesTo.publicWorksKinds`), whatever its supply kinds; any other
 * by its supply kinds: as procurementMethod reads a period (required-method.ts).
 */
function bindsAlone(p: ThresholdPeriod, regime: Regime, limitKind: string): boolean {
  if (!bindsKind(p, limitKind)) return false;
  const a = p.appliesTo;
  if (!a) return true;
  if (a.memberIds !== undefined && !a.memberIds.includes(regime.memberId)) return false;
  if (regime.kind !== undefined && a.memberKinds !== undefined && !a.memberKinds.includes(regime.kind)) return false;
  if (a.cupccaa !== undefined && a.cupccaa !== regime.cupccaa) return false;
  return true;
}

/**
 * Whether a period is a state or local bid limit that binds a purchase of this limit kind, whoever
 * the member: one above which a formal bid is required, or an informal one when the pack names the
 * anti-splitting section that covers it (`params.splittingCitation`): under CUPCCAA, work over the
 * force-account limit must be bid informally, and splitting it to stay under that limit is
 * unlawful too (PCC § 22033: "competitive bidding"; the Commission reviews "work exceeding
 * force-account limits", § 22042).
 */
function bindsKind(p: ThresholdPeriod, limitKind: string): boolean {
  const bid = p.method === 'formal-bid' || (p.method === 'informal-bid' && typeof p.params?.['splittingCitation'] === 'string');
  if (!bid || (p.level !== 'state' && p.level !== 'local') || p.role !== 'limit') return false;
  const a = p.appliesTo;
  if (!a) return true;
  if (a.federalFunds === true) return false;
  const slash = limitKind.indexOf('/');
  if (slash >= 0 && a.publicWorksKinds !== undefined) return a.publicWorksKinds.includes(limitKind.slice(slash + 1) as never);
  return a.supplyKinds === undefined || a.supplyKinds.includes((slash >= 0 ? limitKind.slice(0, slash) : limitKind) as Purchase['supplyKind']);
}

/** The series that can bind a regime key and limit kind, and the limits found by day. */
interface KeyLimits {
  readonly series: readonly ThresholdSeries[];
  /** Each day's limits, lowest first (several: the bands of one regime, as CUPCCAA's); null: none. */
  readonly byDay: Map<number, readonly LimitHit[] | null>;
}

/** Days a regime's limits are kept for at most per limit kind (then they are found again). */
const MAX_DAYS_KEPT = 20_000;

/**
 * Limits by regime, limit kind and day, computed once each. One per threshold table (see
 * {@link limitsOf}): a caller that checks a ledger bucket by bucket (audit-ledger) finds each
 * day's limits once, not once per call.
 */
export class Limits {
  /** By the regime's key (and member, when limits bind named members) and limit kind. */
  private readonly byKey = new Map<string, KeyLimits>();
  /** {@link bucketKindOf}'s answers. */
  private readonly bucketKinds = new Map<string, string>();
  /** Whether some limit binds named members only: only then do limits differ member by member. */
  private readonly byMember: boolean;
  constructor(private readonly table: ThresholdTable) {
    this.byMember = table.series.some((s) => s.periods.some((p) => p.appliesTo?.memberIds !== undefined));
  }

  /**
   * The kind purchases of a limit kind are grouped by in the split check: their supply kind, unless
   * they name a kind of work that other limits bind than those of their supply kind (maintenance,
   * PCC § 20111(a), beside the public projects of § 20111(b)); a repair and a construction PO, both
   * public projects, are one group's.
   */
  bucketKindOf(limitKind: string): string {
    const slash = limitKind.indexOf('/');
    if (slash < 0) return limitKind;
    let kind = this.bucketKinds.get(limitKind);
    if (kind === undefined) {
      const supplyKind = limitKind.slice(0, slash);
      const binding = (k: string): string => this.table.series.filter((s) => s.periods.some((p) => bindsKind(p, k))).map((s) => s.id).join('\u0000');
      this.bucketKinds.set(limitKind, (kind = binding(limitKind) === binding(supplyKind) ? supplyKind : limitKind));
    }
    return kind;
  }

  /** The bid limits binding the regime and limit kind ({@link limitKindOf}) on the day, lowest first, or null when none does. */
  on(regime: Regime, limitKind: string, day: number): readonly LimitHit[] | null {
    let limits = regime.limits.get(limitKind);
    if (!limits) {
      // What bindsAlone reads of a regime and limit kind: regimes of one key share their limits.
      const key = this.byMember ? `${regime.key}|${regime.memberId}|${limitKind}` : `${regime.key}|${limitKind}`;
      limits = this.byKey.get(key);
      if (!limits) this.byKey.set(key, (limits = { series: this.table.series.filter((s) => s.periods.some((p) => bindsAlone(p, regime, limitKind))), byDay: new Map() }));
      regime.limits.set(limitKind, limits);
    }
    const { series, byDay } = limits;
    const cached = byDay.get(day);
    if (cached !== undefined) return cached;
    if (byDay.size >= MAX_DAYS_KEPT) byDay.clear();
    let found: LimitHit[] | null = null;
    for (const s of series) {
      const hit = figureOn(s, day);
      // A period of the series may bind another regime (e.g. a CUPCCAA period): check the one used.
      if (!hit || !bindsAlone(hit.used, regime, limitKind)) continue;
      (found ??= []).push(hit);
    }
    found?.sort((a, b) => ascendingLimits(a.used, b.used));
    byDay.set(day, found);
    return found;
  }
}

const limitsByTable = new WeakMap<ThresholdTable, Limits>();

/** The limits of a threshold table, one object per table. */
export function limitsOf(table: ThresholdTable): Limits {
  let limits = limitsByTable.get(table);
  if (!limits) limitsByTable.set(table, (limits = new Limits(table)));
  return limits;
}
