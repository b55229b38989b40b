// The third stage: cells evaluated against the facts of a run, as json-rules-engine 7.3 would.
import { isPaceError } from '../errors/pace-error.js';
import type { LeafNode } from './condition-tree.js';
import { isThenable } from './json-data.js';
import {
  ALL,
  EQUAL_FALSE,
  EQUAL_STRING,
  EQUAL_TRUE,
  LEAF,
  NOT,
  NOT_EQUAL_FALSE,
  NOT_EQUAL_STRING,
  NOT_EQUAL_TRUE,
  NUMERIC_FIRST,
  NUMERIC_LAST,
  REFERENCE,
} from './lower-to-cells.js';
import type { Cell } from './lower-to-cells.js';
import { isNumericFact, ListTooLong } from './operators.js';
import { RULE_LIMITS } from './limits.js';
import { resolvePath } from './path.js';
import { MISSING } from './run-state.js';
import type { RunState } from './run-state.js';

/**
 * Why a leaf failed, thrown from inside an evaluation and turned into a PaceError by the run,
 * which knows the rule (run-errors.ts). Not an Error: no stack is captured. @internal
 */
export class LeafFailure {
  constructor(
    readonly reason: 'undefined-fact' | 'promise' | 'operator-threw' | 'list-too-long',
    readonly leaf: LeafNode,
    /** The absent fact, for 'undefined-fact'; what the operator threw, for 'operator-threw'; the array's length, for 'list-too-long'. */
    readonly detail: unknown,
  ) {}
}

/**
 * Resolves a path from a fact value as json-rules-engine's JSONPath resolver does (resolvePath; a
 * value that is not an object, MISSING too, is returned as it is): one segment (`$.type`, the
 * common case) without the loop.
 */
function resolve(fact: unknown, key: string | undefined, path: readonly string[]): unknown {
  if (key === undefined) return resolvePath(fact, path);
  return fact !== null && typeof fact === 'object' ? (Object.hasOwn(fact, key) ? (fact as Record<string, unknown>)[key] : undefined) : fact;
}

/** Throws when the fact of a slot is absent: `bit` says it may be (bits alias), the slot says whether it is. */
function checkPresent(cell: Cell, run: RunState, factBit: number, factSlot: number, fact: string): void {
  if ((run.missing & factBit) !== 0 && run.values[factSlot] === MISSING) throw new LeafFailure('undefined-fact', cell.leaf!, fact);
}

/** The left operand of a leaf; a path is resolved on first use in a run and kept in its slot. @internal */
export function leftOperand(cell: Cell, run: RunState): unknown {
  if (run.missing !== 0) checkPresent(cell, run, cell.leftFactBit, cell.leftFactSlot, cell.leaf!.left.fact);
  const slot = cell.leftSlot;
  if (run.current(slot)) return run.values[slot];
  const a = resolve(run.values[cell.leftFactSlot], cell.leftKey, cell.leftPath);
  run.keep(slot, a);
  return a;
}

/** The right operand: the literal, or a fact reference resolved like the left operand. @internal */
export function rightOperand(cell: Cell, run: RunState): unknown {
  const slot = cell.rightSlot;
  if (slot === 0) return cell.literal;
  if (run.missing !== 0) checkPresent(cell, run, cell.rightFactBit, cell.rightFactSlot, cell.leaf!.right!.fact);
  if (run.current(slot)) return run.values[slot];
  const b = resolve(run.values[cell.rightFactSlot], cell.rightKey, cell.rightPath);
  run.keep(slot, b);
  return b;
}


/** A custom or decorated operator; what it throws is attributed to its leaf. */
function applyGeneric(cell: Cell, a: unknown, b: unknown): unknown {
  let r: unknown;
  try {
    r = cell.evaluate!(a, b);
  } catch (error) {
    // A PaceError (from a run nested in the operator) or a failure of a nested leaf passes through.
    if (error instanceof ListTooLong) throw new LeafFailure('list-too-long', cell.leaf!, error.length);
    throw error instanceof LeafFailure || isPaceError(error) ? error : new LeafFailure('operator-threw', cell.leaf!, error);
  }
  // json-rules-engine would await a promise returned by a custom operator; we refuse it.
  if (cell.rawResult && typeof r !== 'boolean' && isThenable(r)) throw new LeafFailure('promise', cell.leaf!, undefined);
  return r;
}

/**
 * What `in` / `notIn` search or `contains` / `doesNotContain` walk (a literal list is bounded when
 * compiled; an array from the facts is refused beyond RULE_LIMITS.maxFactListValues). A string
 * (`in` against a fact that is a string tests a substring, as json-rules-engine does) or anything
 * else passes as it is.
 */
function walked(cell: Cell, list: unknown): unknown[] {
  if (Array.isArray(list) && list.length > RULE_LIMITS.maxFactListValues) throw new LeafFailure('list-too-long', cell.leaf!, list.length);
  return list as unknown[];
}

/** The operator of a leaf applied to its operands (the built-ins inlined, as in operators.ts). @internal */
export function apply(cell: Cell, a: unknown, b: unknown): unknown {
  switch (cell.operatorCode) {
    case 0:
      return a === b;
    case 1:
      return a !== b;
    case 2:
      return walked(cell, b).indexOf(a) > -1;
    case 3:
      return walked(cell, b).indexOf(a) === -1;
    case 4:
      return Array.isArray(a) && walked(cell, a).indexOf(b) > -1;
    case 5:
      return Array.isArray(a) && walked(cell, a).indexOf(b) === -1;
    case 6:
      return isNumericFact(a) && (a as number) < (b as number);
    case 7:
      return isNumericFact(a) && (a as number) <= (b as number);
    case 8:
      return isNumericFact(a) && (a as number) > (b as number);
    case 9:
      return isNumericFact(a) && (a as number) >= (b as number);
    case EQUAL_TRUE:
      return a === true;
    case EQUAL_FALSE:
      return a === false;
    case NOT_EQUAL_TRUE:
      return a !== true;
    case NOT_EQUAL_FALSE:
      return a !== false;
    case EQUAL_STRING:
      return typeof a === 'string' && a === b;
    case NOT_EQUAL_STRING:
      return typeof a !== 'string' || a !== b;
    default:
      return applyGeneric(cell, a, b);
  }
}

/** A leaf's raw result; kept apart from evaluateCondition (which recurses) so it can be inlined. */
function evaluateLeaf(cell: Cell, run: RunState): unknown {
  const memo = cell.memo;
  if (memo !== 0 && run.current(memo)) return run.values[memo];
  const b = rightOperand(cell, run);
  const r = apply(cell, leftOperand(cell, run), b);
  if (memo !== 0) run.keep(memo, r);
  return r;
}

/**
 * json-rules-engine's `evaluateCondition(node)`: a leaf's raw result (json-rules-engine resolves
 * both operands before comparing, so either may be an absent fact; the right one is checked
 * first); a boolean node's result, compared `=== true` where json-rules-engine would.
 */
function evaluateCondition(cell: Cell, run: RunState): unknown {
  switch (cell.kind) {
    case LEAF:
      return evaluateLeaf(cell, run);
    case NOT:
      return !evaluateCondition(cell.child!, run);
    case REFERENCE:
      return evaluateCondition(cell.child!, run);
    default: {
      const r = evaluateGroup(cell, run);
      return cell.strict ? r === true : r;
    }
  }
}

/**
 * json-rules-engine's `all()` / `any()` (`prioritizeAndRun`): every member of a priority group is
 * evaluated (they run in parallel under Promise.all, so any of them may throw), and evaluation
 * stops only between groups. We stop inside a group as soon as its outcome is known, and then
 * evaluate the rest of the group only when one of them could throw: it reads an absent fact
 * (mask test) or holds a leaf that may throw on present data (`restSafe` is false).
 */
function evaluateGroup(cell: Cell, run: RunState): unknown {
  const members = cell.members;
  if (members.length === 0) return true;
  if (members.length === 1) return evaluateCondition(members[0]!, run);
  const isAll = cell.kind === ALL;
  const ends = cell.groupEnds;
  let i = 0;
  for (let g = 0; g < ends.length; g++) {
    const end = ends[g]!;
    for (; i < end; i++) {
      const member = members[i]!;
      if (((member.kind === LEAF ? evaluateLeaf(member, run) : evaluateCondition(member, run)) === true) !== isAll) {
        const rest = i + 1;
        if (rest < end && !(cell.restSafe[rest] === true && (run.missing & cell.restMask[rest]!) === 0)) {
          for (let j = rest; j < end; j++) settle(members[j]!, run);
        }
        return !isAll;
      }
    }
  }
  return isAll;
}

/** A primitive that converts to a number or a string without calling anything (so without throwing). */
const isInert = (x: unknown): boolean => {
  const t = typeof x;
  return x === null || t === 'number' || t === 'string' || t === 'boolean' || t === 'undefined';
};

/**
 * Evaluates a member whose group is already decided, only for the error it may throw (as in
 * json-rules-engine, where it runs anyway). A member that cannot throw is skipped: a safe one
 * whose facts are all present, or a numeric comparison of two inert operands (resolving its
 * operands is what can throw, for an absent fact). Anything else is evaluated as usual.
 */
function settle(cell: Cell, run: RunState): void {
  if (cell.safe && (run.missing & cell.mask) === 0) return;
  if (cell.kind === LEAF && cell.operatorCode >= NUMERIC_FIRST && cell.operatorCode <= NUMERIC_LAST) {
    const b = rightOperand(cell, run);
    if (isInert(leftOperand(cell, run)) && isInert(b)) return;
  }
  evaluateCondition(cell, run);
}

/** The root of a rule: json-rules-engine's rule.evaluate calls all()/any() on it without `=== true`. @internal */
export function evaluateRoot(cell: Cell, inner: boolean, run: RunState): unknown {
  return inner ? evaluateGroup(cell, run) : evaluateCondition(cell, run);
}
