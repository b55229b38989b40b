// Decisions reused across a ledger's rows: one decision per purchase class (pace.purchaseClassifier)
// of a member under a contract, kept within a bound on the thread's heap.
import { getHeapStatistics } from 'node:v8';
import { isPaceError, type Pace, type PreparedContract } from '../../index.js';
import { paceContextOf } from '../../pace.js';
import { purchaseClassNumbering, type NodeBudget, type NodeNumbering } from '../../compliance/purchase-classes.js';
import type { PaceContext } from '../../pace-context.js';
import type { Decided } from './decide-rows.js';

/**
 * Decisions kept at most per thread: a quarter of the thread's heap at about 200 bytes a class
 * (measured: 21,000 classes took 4 MB), in two generations of half of it each (see
 * DecisionReuse.add). On the bench's generated ledgers one thread keeps 3,378 decisions in
 * 200,000 rows and 4,270 in 1,000,000 (counted at 377491e; 21,000 and 55,000 classes before
 * classes left out other years' figures, 3,837 and 5,173 before a threshold period's first and
 * last days fell with the days inside it); audit-ledger's
 * threads have 32 MB (workers) and 64 MB and more (the ledger's own thread), see bin.ts and pool.ts.
 */
function keptDecisionsLimit(): number {
  return Math.max(10_000, Math.floor((getHeapStatistics().heap_size_limit * 0.25) / 200));
}

/**
 * Class nodes all of a thread's classifiers may hold together (one for each member and contract it
 * buys under): a tenth of the heap at about 150 bytes a node. A worker's 34 MB heap ran out with
 * 12 classifiers of documents-rich rows, each within its own limit (16,384 nodes).
 */
function classNodesLimit(): number {
  return Math.max(16_384, Math.floor((getHeapStatistics().heap_size_limit * 0.1) / 150));
}

/** The purchases of one member under one contract (or none): their classes and the decisions kept by class. */
export interface Scope {
  /** The number of a purchase's class (purchaseClassNumbering: the classes of pace.purchaseClassifier), and its steps. */
  readonly classify: ((purchase: unknown) => number | undefined) & Partial<NodeNumbering>;
  /** Decisions kept since the last turn of generations, and those kept in the generation before. */
  kept: Map<number, Decided>;
  older: Map<number, Decided>;
}

/**
 * Decisions reused across rows: rows of one member (under one contract) whose purchases have the
 * same class (pace.purchaseClassifier: the same fields where a decision reads them, the date and
 * amounts falling alike among the figures and dates of the packs, the member and the contract)
 * get the same outcomes, so one decision serves them all. On the bench ledger 98% of the rows
 * reuse an earlier row's decision.
 */
export class DecisionReuse {
  /** By member index, then by contract id ('' without a contract). */
  private readonly scopes: (Map<string, Scope> | undefined)[] = [];
  private keptCount = 0;
  private readonly limit = keptDecisionsLimit();
  /** The classifiers' nodes, all scopes together (see classNodesLimit). */
  private readonly nodes: NodeBudget = { live: 0, limit: classNodesLimit() };
  /** One decision per distinct outcome (method, findings that block, missing items). */
  private readonly outcomes = new Map<string, Decided>();

  private readonly context: PaceContext;

  constructor(pace: Pace) {
    const context = paceContextOf(pace);
    if (context === undefined) throw new Error("the ledger's Pace was not built by createPace");
    this.context = context;
  }

  /** The decisions kept for a member's purchases under a contract (or none). */
  scope(memberIndex: number, member: unknown, contractId: string | undefined, contract: PreparedContract | undefined): Scope {
    const byContract = (this.scopes[memberIndex] ??= new Map());
    const name = contract === undefined ? '' : contractId!;
    let scope = byContract.get(name);
    if (scope === undefined) {
      let classify: Scope['classify'];
      try {
        classify = purchaseClassNumbering(this.context, contract === undefined ? { member } : { member, contract }, this.nodes);
      } catch (e) {
        if (!isPaceError(e)) throw e;
        // A bad member: each row's decision reports it.
        classify = () => undefined;
      }
      byContract.set(name, (scope = { classify, kept: new Map(), older: new Map() }));
    }
    return scope;
  }

  /**
   * Keeps a decision for its class, and returns the one kept for the same outcome: the thousands of
   * classes of a ledger share a few dozen outcomes, and one object each keeps the kept decisions to
   * a few megabytes (the threads' heaps are small, see bin.ts and pool.ts).
   */
  keep(scope: Scope, key: number, decided: Decided): Decided {
    const signature = `${decided.method}\u0000${decided.blocks ?? ''}\u0000${decided.missing.join('\u0000')}`;
    let shared = this.outcomes.get(signature);
    if (shared === undefined) this.outcomes.set(signature, (shared = decided));
    this.add(scope, key, shared);
    return shared;
  }

  /** The decision kept for a class (one kept a generation ago moves to the current one). */
  get(scope: Scope, key: number): Decided | undefined {
    const decided = scope.kept.get(key);
    if (decided !== undefined) return decided;
    const older = scope.older.get(key);
    if (older !== undefined) this.add(scope, key, older);
    return older;
  }

  // Two generations: when the current one holds half the limit, it becomes the older one and the
  // one before is dropped. Classes still in use move up when they are next used, so a ledger with
  // more classes than the limit keeps deciding the few it uses most (dropping all of them at the
  // limit decided the bench's 1,000,000-row ledger's classes again and again).
  private add(scope: Scope, key: number, decided: Decided): void {
    if (this.keptCount >= this.limit / 2) {
      for (const byContract of this.scopes) {
        for (const s of byContract?.values() ?? []) {
          s.older = s.kept;
          s.kept = new Map();
        }
      }
      this.keptCount = 0;
    }
    scope.kept.set(key, decided);
    this.keptCount++;
  }
}
