// Spending per member, fiscal year and vendor (the ledger report's memberYears), under cooperative
// contracts or outside them, with the state bid limit of each member's year (bid-limit.ts).
import type { Pace } from '../../index.js';
import { bidLimitOf, type BidLimitFinding } from './bid-limit.js';
import { centsText } from './cents-text.js';
import type { LedgerGroup } from './split-buckets.js';
import { supplyKindOfBucket } from './decide-rows.js';

/** Spending of one member with one vendor in one fiscal year. */
export interface VendorSpending {
  /** Absent for the purchases that name no vendor (as in split groups). */
  vendorId?: string;
  /**
   * Outside any cooperative contract the member may use (what the bid limit is about): with no
   * contract, one not in the contracts file, or one a finding blocks the purchase under.
   */
  outsideContracts: string;
  /** Under a contract in the contracts file, no finding blocking the purchase. */
  underContracts: string;
  purchases: number;
  /**
   * The same spending per supply kind (goods, services, public works, professional services, in
   * that order; kinds with no purchase left out): each kind has its own bid limit
   * (`MemberYear.bidLimitsBySupplyKind`).
   */
  bySupplyKind: SupplyKindSpending[];
}

/** Spending of one member with one vendor in one fiscal year, of one supply kind. */
export interface SupplyKindSpending {
  supplyKind: string;
  /**
   * Public works of a kind of work that other bid limits bind than public projects' (maintenance:
   * PCC § 20111(a)) are an entry of their own, with that kind (`publicWorks.kind`, the ledger's
   * `publicWorksKind`); absent on every other entry.
   */
  publicWorksKind?: string;
  outsideContracts: string;
  underContracts: string;
  purchases: number;
}

/**
 * The state formal-bid limit of a supply kind in a member's fiscal year, as `bidLimit` is for goods
 * (the lowest in force on July 1 or January 1): $15,000 for a district's public projects
 * (Cal. Pub. Cont. Code § 20111(b)), none for professional services.
 */
export interface SupplyKindBidLimit {
  supplyKind: string;
  /** As in {@link SupplyKindSpending}: maintenance's limit is an entry of its own. */
  publicWorksKind?: string;
  bidLimit: string | null;
  bidLimitCitation: string | null;
}

/** A member's fiscal year: spending per vendor, and the state bid limit in force in it. */
export interface MemberYear {
  memberId: string;
  fiscalYear: string;
  /**
   * The lowest state formal-bid limit for goods in force during the year (July 1 or January 1), or
   * null when none applies or none is known. It may be a figure standing in for one the rules pack
   * does not have: `bidLimitFindings` says so.
   */
  bidLimit: string | null;
  bidLimitCitation: string | null;
  /**
   * What the library found about that limit on those days, each once: `threshold-figure-unknown`
   * (no figure in the rules pack for a day; another stands in), `member-regime-unknown` (a joint
   * powers authority without regimeOf, judged as a school district),
   * `charter-school-not-subject-to-pcc-bidding` (no PCC bid limit binds it),
   * `county-office-pcc-bidding-basis-not-found` (a county office judged under the district limits,
   * whose statutory basis for county offices was not found). Empty: the figure is the known one.
   */
  bidLimitFindings: BidLimitFinding[];
  /** The bid limit of each supply kind the year's purchases are of (same order as `bySupplyKind`). */
  bidLimitsBySupplyKind: SupplyKindBidLimit[];
  vendors: VendorSpending[];
}

const SUPPLY_KINDS = ['goods', 'services', 'public-works', 'professional-services'];
/** A kind's place: by its supply kind, then a public work's kind of work after the public works naming none. */
const kindOrder = (a: string, b: string): number => {
  const at = (kind: string): number => {
    const supplyKind = supplyKindOfBucket(kind);
    return SUPPLY_KINDS.includes(supplyKind) ? SUPPLY_KINDS.indexOf(supplyKind) : SUPPLY_KINDS.length;
  };
  return at(a) - at(b) || (a < b ? -1 : a > b ? 1 : 0);
};
/** The fields that name a kind (`public-works/maintenance`: a public work's kind of work too). */
const kindFields = (kind: string): { supplyKind: string; publicWorksKind?: string } => {
  const supplyKind = supplyKindOfBucket(kind);
  return supplyKind === kind ? { supplyKind } : { supplyKind, publicWorksKind: kind.slice(supplyKind.length + 1) };
};

type Sums = { outside: number; under: number; purchases: number };

/**
 * The key the ledger sums spending under: one number per (member, supply kind and vendor group,
 * fiscal year, under a contract or not), no string built per row. Fiscal years are numbered below
 * 1024.
 */
export function spendingKey(group: number, fiscalYear: number, underContract: boolean): number {
  return (group * 1024 + fiscalYear) * 2 + (underContract ? 1 : 0);
}

/**
 * Spending per member, fiscal year and vendor from the ledger's sums (by {@link spendingKey}), with
 * the bid limit of each member's year: one member's year at a time, in the report's order (member
 * id, then fiscal year), each built when it is taken. Built all at once and written as one string,
 * the 146 MB of a 1,000-member ledger's memberYears (1,000,000 rows) took the ledger's thread to a
 * 295 MB heap, the run's peak.
 */
export function* memberYearsOf(
  spending: ReadonlyMap<number, { cents: number; count: number }>,
  fiscalYears: readonly string[],
  groups: readonly LedgerGroup[],
  memberList: readonly { id: string; member: unknown }[],
  pace: Pace,
): Generator<MemberYear, void, undefined> {
  // The sums' keys by (member id, fiscal year): a member's year is a run of them.
  const memberRank = ranks(memberList.map((m) => m.id));
  const yearRank = ranks(fiscalYears);
  const keys = Float64Array.from(spending.keys());
  const place = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) place[i] = memberRank[groups[Math.floor(keys[i]! / 2048)]!.member]! * 1024 + yearRank[Math.floor(keys[i]! / 2) % 1024]!;
  const order = Uint32Array.from(keys, (_, i) => i).sort((a, b) => place[a]! - place[b]!);
  for (let from = 0; from < order.length; ) {
    let to = from + 1;
    while (to < order.length && place[order[to]!] === place[order[from]!]) to++;
    const byVendor = new Map<string, Sums & { kinds: Map<string, Sums> }>();
    for (let i = from; i < to; i++) {
      const key = keys[order[i]!]!;
      const { cents, count } = spending.get(key)!;
      // (spendingKey read back)
      const { vendor, supplyKind, publicWorks } = groups[Math.floor(key / 2048)]!;
      const kind = publicWorks === undefined ? supplyKind : `${supplyKind}/${publicWorks.kind}`;
      let v = byVendor.get(vendor);
      if (!v) byVendor.set(vendor, (v = { outside: 0, under: 0, purchases: 0, kinds: new Map() }));
      let k = v.kinds.get(kind);
      if (!k) v.kinds.set(kind, (k = { outside: 0, under: 0, purchases: 0 }));
      for (const sums of [v, k]) {
        if (key % 2 === 1) sums.under += cents;
        else sums.outside += cents;
        sums.purchases += count;
      }
    }
    const first = keys[order[from]!]!;
    const member = groups[Math.floor(first / 2048)]!.member;
    const fiscalYear = fiscalYears[Math.floor(first / 2) % 1024]!;
    from = to;
    const limit = bidLimitOf(pace, memberList[member]!, fiscalYear);
    const kinds = [...new Set([...byVendor.values()].flatMap((v) => [...v.kinds.keys()]))].sort(kindOrder);
    yield {
      memberId: memberList[member]!.id,
      fiscalYear,
      bidLimit: limit.amount,
      bidLimitCitation: limit.citation,
      bidLimitFindings: limit.findings,
      bidLimitsBySupplyKind: kinds.map((kind) => {
        const fields = kindFields(kind);
        const kindLimit = kind === 'goods' ? limit : bidLimitOf(pace, memberList[member]!, fiscalYear, fields.supplyKind, fields.publicWorksKind);
        return { ...fields, bidLimit: kindLimit.amount, bidLimitCitation: kindLimit.citation };
      }),
      vendors: [...byVendor]
        .sort(([a, x], [b, y]) => y.outside - x.outside || (a < b ? -1 : 1))
        .map(([vendorId, v]) => ({
          // (no label such as "(no vendor)": a vendor may have that id)
          ...(vendorId === '' ? {} : { vendorId }),
          outsideContracts: centsText(v.outside),
          underContracts: centsText(v.under),
          purchases: v.purchases,
          bySupplyKind: [...v.kinds]
            .sort(([a], [b]) => kindOrder(a, b))
            .map(([kind, k]) => ({ ...kindFields(kind), outsideContracts: centsText(k.outside), underContracts: centsText(k.under), purchases: k.purchases })),
        })),
    };
  }
}

/** Each string's place among them in code-unit order (the report's order of member ids and fiscal years). */
function ranks(values: readonly string[]): Uint32Array {
  const rank = new Uint32Array(values.length);
  Uint32Array.from(values, (_, i) => i)
    .sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : a - b))
    .forEach((index, place) => (rank[index] = place));
  return rank;
}
