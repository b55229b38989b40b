// Trace mode: evaluates exactly the leaves json-rules-engine evaluates (whole priority groups)
// and records each leaf as it is evaluated, operands and all.
import { apply, leftOperand, rightOperand } from './evaluate-conditions.js';
import { ALL, LEAF, NOT, REFERENCE } from './lower-to-cells.js';
import type { Cell } from './lower-to-cells.js';
import type { RunState } from './run-state.js';
import type { ConditionTrace } from './types.js';

/** Evaluates a leaf in trace mode: its record, and its raw result in `run.leafResult`. @internal */
export function traceLeaf(cell: Cell, run: RunState): ConditionTrace {
  // A cached result implies both operands were resolved (and present) earlier in this run.
  const b = rightOperand(cell, run);
  const a = leftOperand(cell, run);
  const memo = cell.memo;
  let r: unknown;
  if (memo !== 0 && run.current(memo)) r = run.values[memo];
  else {
    r = apply(cell, a, b);
    if (memo !== 0) run.keep(memo, r);
  }
  run.leafResult = r;
  // An object literal: allocated inline wherever this is inlined (a class constructor that is
  // not inlined goes through the generic construct stub), and one hidden class for every record.
  const leaf = cell.leaf!;
  const prefix = run.tracePrefix;
  const path = prefix === '' ? leaf.tracePath : prefix + leaf.tracePath;
  return { path, fact: leaf.left.fact, factPath: leaf.factPath, operator: leaf.operator, factValue: a, value: b, passed: r === true };
}

/** Traces the (shared) target of a named-condition reference, its records' paths continuing the reference's. */
function traceReference(cell: Cell, run: RunState): unknown {
  const outer = run.tracePrefix;
  run.tracePrefix = outer + cell.traceStep;
  const r = traceCondition(cell.child!, run);
  run.tracePrefix = outer;
  return r;
}

/** Traces a condition, adding the record of each leaf evaluated to `run.records`. */
function traceCondition(cell: Cell, run: RunState): unknown {
  switch (cell.kind) {
    case LEAF: {
      const record = traceLeaf(cell, run);
      const records = run.records;
      // Appended (count never passes its length), so the buffer stays a packed array.
      if (run.count === records.length) records.push(record);
      else records[run.count] = record;
      run.count++;
      return run.leafResult;
    }
    case NOT:
      return !traceCondition(cell.child!, run);
    case REFERENCE:
      return traceReference(cell, run);
    default: {
      const r = traceGroup(cell, run);
      return cell.strict ? r === true : r;
    }
  }
}

function traceGroup(cell: Cell, run: RunState): unknown {
  const members = cell.members;
  if (members.length === 0) return true;
  if (members.length === 1) return traceCondition(members[0]!, run);
  const isAll = cell.kind === ALL;
  const ends = cell.groupEnds;
  let i = 0;
  for (let g = 0; g < ends.length; g++) {
    const end = ends[g]!;
    let decided = false;
    for (; i < end; i++) if ((traceCondition(members[i]!, run) === true) !== isAll) decided = true;
    if (decided) return !isAll;
  }
  return isAll;
}

/** Traces a rule's root; its leaf records, in evaluation order, are then {@link takeRecords}. @internal */
export function traceRoot(cell: Cell, inner: boolean, run: RunState): unknown {
  run.count = 0;
  run.tracePrefix = '';
  return inner ? traceGroup(cell, run) : traceCondition(cell, run);
}

/**
 * The records of the rule just traced, in an array of their number: they are written to a
 * buffer kept by the run state, then copied into an array literal of the right length (an array
 * grown by push reallocates its backing store, and shortening one is a runtime call).
 * @internal
 */
export function takeRecords(run: RunState): ConditionTrace[] {
  const r = run.records;
  switch (run.count) {
    case 0:
      return [];
    case 1:
      return [r[0]!];
    case 2:
      return [r[0]!, r[1]!];
    case 3:
      return [r[0]!, r[1]!, r[2]!];
    case 4:
      return [r[0]!, r[1]!, r[2]!, r[3]!];
    default:
      return r.slice(0, run.count);
  }
}
