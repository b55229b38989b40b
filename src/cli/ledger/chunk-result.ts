// What deciding a chunk of ledger rows hands back (decide-rows.ts): each row as compact columns,
// its flags as bits, and the change orders kept to be folded into their POs where the running total
// is known. Shared by the threads that decide chunks and the main thread that books them.
import type { RowProblem } from './rows.js';

/** Row flags (bits of {@link ChunkResult.flags}). */
export const CITES_CONTRACT = 1;
export const NEEDED_BID = 2;
export const MISSING_DOCUMENTS = 4;
export const UNKNOWN_CONTRACT = 8;
/** A funding line of the purchase is federal (its split check includes 2 CFR 200.320's micro-purchases). */
export const FEDERAL_MONEY = 16;
/** The purchase's documents list its bid file (kind `formal-bid-file`, the audit checklist's item, or `formal-bid`). */
export const BID_ON_FILE = 32;
/** A finding of severity `block` (see Decided.blocks). */
export const BLOCKED = 64;
/** With NEEDED_BID: the bid it needed is a CUPCCAA informal bid (PCC § 22034), not a formal one. */
export const INFORMAL_BID = 128;

/** A change order as read: decided later, in order, by the thread that knows its PO's total. */
export interface ChangeOrderRow {
  line: number;
  revisionOf: string;
  purchase: Record<string, unknown>;
  /** The change in cents (may be negative). */
  cents: number;
  columnOf?: (path: string) => string;
}

/**
 * A PO changed by change orders: its latest change order's line, the amount it was issued at, and
 * the funding lines its change orders list (JSON, by line; most list none).
 */
export interface ChangedPO {
  line: number;
  issued: number;
  funding: [line: number, json: string][] | undefined;
}

/** The decided rows of one chunk, as columns (lines relative to the chunk's first line, from 0). */
export interface ChunkResult {
  count: number;
  lines: Int32Array;
  ids: string[];
  members: Int32Array;
  /**
   * Each row's (member, supply kind, vendor) as an index into `groupKeys`, and its date as an
   * index into `dateValues`: the chunk's few distinct values cross to the main thread once each,
   * not once a row (the main thread then reads an array where it hashed three strings a row).
   */
  groups: Int32Array;
  /** member index, supply kind, vendor ('' when the row names no vendor), in order of first row. */
  groupKeys: [number, string, string][];
  dates: Int32Array;
  dateValues: string[];
  cents: Float64Array;
  flags: Uint8Array;
  /** Contract ids named by rows flagged UNKNOWN_CONTRACT, in row order. */
  unknownContracts: string[];
  /**
   * Rows under a contract with a cap per member (maxAmountPerMember): each row's index in the
   * chunk and its contract id, in row order. Decided alone; judged again with the member's earlier
   * spend under the contract once the whole ledger is read (overContractCaps, contract-caps.ts).
   */
  capped: [row: number, contractId: string][];
  /**
   * JSON of each distinct list of missing checklist items, and for each row flagged
   * MISSING_DOCUMENTS (in row order) the index of its list. The details themselves are built
   * where they are written: built here, one string a row lived until the chunk was taken and was
   * promoted to the old generation (about 600 bytes a row).
   */
  missingLists: string[];
  missingListOf: Int32Array;
  /** Checklist items seen missing in this chunk: id, title, citation, and on how many rows. */
  titles: [string, string, string, number][];
  /** For each row flagged BLOCKED (in row order), the JSON array of the codes of its findings that block. */
  blocked: string[];
  /** Findings that block seen in this chunk: code, message, citation, and on how many rows. */
  blockFindings: [string, string, string, number][];
  /** Documents of kinds that satisfy nothing (see knownDocumentKinds): kind and how many, and how many in all. */
  unknownKinds: [string, number][];
  unknownKindCount: number;
  changes: Omit<ChangeOrderRow, 'columnOf'>[];
  problems: RowProblem[];
  /** Lines the chunk spans. */
  lineCount: number;
}
