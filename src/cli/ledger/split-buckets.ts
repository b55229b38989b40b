// audit-ledger's split check, one bucket (member, vendor) at a time: the bucket's purchases are
// rebuilt from the ledger's columns and handed to findSplitGroups. The ledger's thread checks some
// buckets and its worker threads the others (ledger-book.ts), reading the same columns in shared
// memory.
import type { SplitPurchaseGroup } from '../../index.js';
import type { PaceContext } from '../../pace-context.js';
import type { PublicWorksKind, Purchase } from '../../model/purchase.js';
import { findSplitGroups } from '../../audit/find-split-purchases.js';
import { parseSplitPurchaseOptions, type ParsedOptions } from '../../audit/split-purchase-options.js';
import { CentsColumn, Column, IdIndex, SmallIntColumn, type SharedIds } from './columns.js';
import { CITES_CONTRACT, FEDERAL_MONEY } from './chunk-result.js';
import { centsText } from './cents-text.js';

/**
 * A split group as the text and HTML reports keep it: its first {@link KEPT_GROUP_IDS} purchase
 * ids (they print at most that many) and how many it has. Kept whole, the first 200 groups of a
 * 5,000,000-row ledger held about 1,200,000 ids, and the thread spent 5 s of its split check
 * collecting garbage under its heap limit.
 */
export type KeptSplitGroup = SplitPurchaseGroup & { purchaseIdCount: number };
export const KEPT_GROUP_IDS = 12;

/** A group of a bucket: its JSON as the report nests it, and what the ledger keeps of it (when it still keeps groups). */
export interface BucketGroup {
  json: string;
  /** Its first date (the report counts groups by member and fiscal year). */
  from: string;
  /** Whether a finding of the group blocks (a split: severity `block`); else it is a warning to check (across July 1, federal micro-purchases, change orders). */
  blocks: boolean;
  kept: KeptSplitGroup | undefined;
}

/**
 * A group of rows: one member's purchases of one supply kind from one vendor. Public works naming a
 * kind of work that other bid limits bind (maintenance: PCC § 20111(a)) are a group of their own,
 * with that kind (decide-rows.ts: bucketKindOf).
 */
export interface LedgerGroup {
  readonly member: number;
  readonly vendor: string;
  readonly supplyKind: string;
  readonly publicWorks: { readonly kind: PublicWorksKind } | undefined;
}

/** What the split check reads of the ledger's rows. */
export interface SplitColumns {
  ids: IdIndex;
  group: SmallIntColumn;
  date: Column<Uint16Array<ArrayBufferLike>>;
  cents: CentsColumn;
  flags: Column<Uint8Array<ArrayBufferLike>>;
  /** By group number: (member, supply kind and a public work's kind of its own limits, vendor). */
  groups: readonly LedgerGroup[];
  /** By date number. */
  dateValues: readonly string[];
  /** By row: the amount a PO was issued at, when its change orders changed it (its `cents` are its total). */
  issuedCents: ReadonlyMap<number, number>;
}

/** The columns as a worker thread receives them: pages in shared memory, the few strings copied. */
export interface SharedSplitColumns {
  ids: SharedIds;
  group: ReturnType<SmallIntColumn['share']>;
  date: Uint16Array<ArrayBufferLike>[];
  cents: ReturnType<CentsColumn['share']>;
  flags: Uint8Array<ArrayBufferLike>[];
  groups: readonly LedgerGroup[];
  dateValues: readonly string[];
  issuedCents: ReadonlyMap<number, number>;
}

export function shareSplitColumns(columns: SplitColumns): SharedSplitColumns {
  const { ids, group, date, cents, flags, groups, dateValues, issuedCents } = columns;
  return { ids: ids.share(), group: group.share(), date: date.share(), cents: cents.share(), flags: flags.share(), groups, dateValues, issuedCents };
}

export function splitColumnsOf(shared: SharedSplitColumns): SplitColumns {
  return {
    ids: IdIndex.reader(shared.ids),
    group: new SmallIntColumn(true, shared.group.pages, shared.group.wide),
    date: new Column<Uint16Array<ArrayBufferLike>>(Uint16Array, true, shared.date),
    cents: CentsColumn.reader(shared.cents),
    flags: new Column<Uint8Array<ArrayBufferLike>>(Uint8Array, true, shared.flags),
    groups: shared.groups,
    dateValues: shared.dateValues,
    issuedCents: shared.issuedCents,
  };
}

/**
 * The rows outside contracts by bucket (member, vendor): `order` lists each bucket's rows, in row
 * order, from `sizes[b]` to `sizes[b + 1]`; `buckets` are in the report's order.
 */
export function bucketsOf(columns: Pick<SplitColumns, 'ids' | 'group' | 'flags' | 'groups'>, members: readonly { id: string }[], shared: boolean): { bucketKeys: { member: number; vendor: string }[]; sizes: Int32Array; order: Int32Array; buckets: number[] } {
  const n = columns.ids.size;
  // Each (member, supply kind, vendor) group's bucket: its (member, vendor).
  const bucketKeys: { member: number; vendor: string }[] = [];
  const bucketIndex = new Map<string, number>();
  const bucketOf = columns.groups.map(({ member, vendor }) => {
    const key = `${member}\u0000${vendor}`;
    let b = bucketIndex.get(key);
    if (b === undefined) {
      b = bucketKeys.push({ member, vendor }) - 1;
      bucketIndex.set(key, b);
    }
    return b;
  });
  const bucketCount = bucketKeys.length;
  const sizes = new Int32Array(bucketCount + 1);
  for (let row = 0; row < n; row++) if (!(columns.flags.get(row) & CITES_CONTRACT)) sizes[bucketOf[columns.group.get(row)]! + 1]!++;
  for (let b = 0; b < bucketCount; b++) sizes[b + 1]! += sizes[b]!;
  // (in shared memory with the columns: worker threads read their buckets' rows from it)
  const order = new Int32Array(shared ? new SharedArrayBuffer(4 * sizes[bucketCount]!) : new ArrayBuffer(4 * sizes[bucketCount]!));
  const fill = sizes.slice(0, bucketCount);
  for (let row = 0; row < n; row++) if (!(columns.flags.get(row) & CITES_CONTRACT)) order[fill[bucketOf[columns.group.get(row)]!]!++] = row;
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const buckets = Array.from({ length: bucketCount }, (_, b) => b).sort((a, b) => {
    const x = bucketKeys[a]!;
    const y = bucketKeys[b]!;
    return text(members[x.member]!.id, members[y.member]!.id) || text(x.vendor, y.vendor);
  });
  return { bucketKeys, sizes, order, buckets };
}

/** Worker threads that check buckets too (the ledger's WorkerPool). */
export interface SplitHelpers {
  readonly count: number;
  /** Gives every helper the columns and the buckets' rows (`order`, in shared memory), once. */
  start(columns: SharedSplitColumns, order: Int32Array, window: 'fiscal-year' | { days: number }): void;
  /** The groups of a bucket (rows `order[from..to)`), checked by helper number `helper`; `keep`: with what the ledger keeps of them. */
  split(helper: number, from: number, to: number, member: number, vendor: string, keep: boolean): Promise<BucketGroup[]>;
}

/** Finds the split groups of buckets, one at a time. */
export class BucketSplitter {
  /** The options of each member's buckets (its own regime decides the limit). */
  private readonly optionsOf = new Map<number, ParsedOptions>();
  /**
   * The rows `issuedCents` holds, one bit each: a bucket's rows are looked up there only when their
   * bit is set (a Map lookup for every row of every bucket was 2.2 s of 20,000,000 rows' split
   * check, 400,000 of them changed by change orders). Undefined when no change order changed a PO.
   */
  private readonly issuedRows: Uint32Array | undefined;

  constructor(
    private readonly columns: SplitColumns,
    private readonly context: PaceContext,
    /** By member index: the member's id and the member as the members file has it. */
    private readonly members: readonly { id: string; member: unknown }[],
    private readonly window: 'fiscal-year' | { days: number },
  ) {
    if (columns.issuedCents.size === 0) return;
    let last = 0;
    for (const row of columns.issuedCents.keys()) if (row > last) last = row;
    const bits = (this.issuedRows = new Uint32Array((last >>> 5) + 1));
    for (const row of columns.issuedCents.keys()) bits[row >>> 5]! |= 1 << (row & 31);
  }

  /**
   * The groups of one bucket, each handed to `take` as it is found: its rows (in row order), its
   * member (index) and vendor ('' for none); `keep()`: whether the ledger still keeps groups (what
   * it keeps of a group is built only then).
   */
  split(rows: Int32Array, member: number, vendor: string, keep: () => boolean, take: (group: BucketGroup) => void): void {
    // The bucket's member, so that its own regime (kind, a JPA's regimeOf, its CUPCCAA election)
    // decides the limit, as pace.findSplitPurchases(purchases, { members }) does. The purchases
    // are rebuilt from rows validated when they were read: they are not validated again
    // (findSplitGroups is findSplitPurchases after its validation).
    let options = this.optionsOf.get(member);
    if (options === undefined) this.optionsOf.set(member, (options = parseSplitPurchaseOptions({ window: this.window, members: [this.members[member]!.member] })));
    // A PO its change orders changed is judged as issued and at its total, as the library judges it
    // given its change orders: over its limit as issued, its own procurement; within it as issued and
    // over it at its total, a change-orders group.
    let issued: (number | undefined)[] | undefined;
    const bits = this.issuedRows;
    if (bits !== undefined) {
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k]!;
        const word = row >>> 5;
        if (word < bits.length && (bits[word]! & (1 << (row & 31))) !== 0) (issued ??= [])[k] = this.columns.issuedCents.get(row)!;
      }
    }
    for (const split of findSplitGroups(this.context, this.purchasesOf(rows, this.members[member]!.id, vendor), options, issued)) {
      take({ json: nestedJson(split), from: split.from, blocks: split.findings.some((f) => f.severity === 'block'), kept: keep() ? { ...split, purchaseIds: split.purchaseIds.slice(0, KEPT_GROUP_IDS), purchaseIdCount: split.purchaseIds.length } : undefined });
    }
  }

  /**
   * The purchases of rows of one bucket, rebuilt from the columns (a method of its own: called once
   * a bucket, it is optimized as a function, not only by replacing a running loop).
   */
  private purchasesOf(rows: Int32Array, memberId: string, vendor: string): Purchase[] {
    const { ids, group, date, cents, flags, groups, dateValues } = this.columns;
    const purchases: Purchase[] = [];
    const vendorId = vendor === '' ? undefined : vendor;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      // A group's kind is its supply kind, or `public-works/maintenance` (decide-rows.ts: bucketKindOf).
      const { supplyKind, publicWorks } = groups[group.get(row)]!;
      const amount = centsText(cents.get(row));
      // One literal with every key (undefined where absent, which the library reads as absent):
      // purchases of one hidden class, where adding keys to some took two.
      purchases.push({
        id: ids.id(row),
        memberId,
        date: dateValues[date.get(row)]!,
        amount,
        supplyKind,
        vendorId,
        publicWorks,
        funding: flags.get(row) & FEDERAL_MONEY ? [{ source: 'federal', amount }] : undefined,
      } as Purchase);
    }
    return purchases;
  }
}

const NESTED_HEAD = '{\n  "a": {\n    "b": ';
const NESTED_TAIL = '\n  }\n}';

/**
 * JSON.stringify(value, null, 2) with every line after the first indented by four more spaces (a
 * split group as the report nests it): stringified two levels down, where JSON.stringify indents
 * it so, and cut out (no pass over the text to indent it).
 */
export function nestedJson(value: unknown): string {
  return JSON.stringify({ a: { b: value } }, null, 2).slice(NESTED_HEAD.length, -NESTED_TAIL.length);
}
