// The second stage of compileRules: condition trees lowered into evaluation cells.
//
// One class for every kind of node, so that every property read in the evaluator sees a single
// hidden class; the evaluator (evaluate-conditions.ts) switches on small integer codes: one
// optimised copy of each function instead of one closure per leaf behind a megamorphic call
// site. No code is generated at run time (no `eval`, no `new Function`), so compiled rules run
// under a strict Content-Security-Policy.
import { bitOf } from './condition-tree.js';
import type { ConditionNode, LeafNode, ValidatedRule } from './condition-tree.js';
import type { OperatorEvaluate } from './operators.js';

// Cell kinds.
export const LEAF = 0;
export const ALL = 1;
export const ANY = 2;
export const NOT = 3;
/** A reference to a named condition: evaluates its (shared) target. */
export const REFERENCE = 4;

// Operator codes of a leaf: the ten undecorated built-ins, or GENERIC (decorated or custom).
const BUILT_IN_CODES: ReadonlyMap<string, number> = new Map([
  ['equal', 0],
  ['notEqual', 1],
  ['in', 2],
  ['notIn', 3],
  ['contains', 4],
  ['doesNotContain', 5],
  ['lessThan', 6],
  ['lessThanInclusive', 7],
  ['greaterThan', 8],
  ['greaterThanInclusive', 9],
]);
export const GENERIC = 10;
// equal / notEqual against a literal true, false or string: compared without the generic
// strict-equality builtin that a comparison of operands of unknown type costs.
export const EQUAL_TRUE = 11;
export const EQUAL_FALSE = 12;
export const NOT_EQUAL_TRUE = 13;
export const NOT_EQUAL_FALSE = 14;
export const EQUAL_STRING = 15;
export const NOT_EQUAL_STRING = 16;
/** lessThan … greaterThanInclusive */
export const NUMERIC_FIRST = 6;
export const NUMERIC_LAST = 9;

/** The operator code of a leaf: its built-in's, specialised for a literal where that is cheaper. */
function operatorCodeOf(leaf: LeafNode): number {
  if (leaf.builtIn === undefined) return GENERIC;
  const code = BUILT_IN_CODES.get(leaf.builtIn)!;
  if (leaf.right !== undefined || code > 1) return code;
  const value = leaf.value;
  const equal = code === 0;
  if (value === true) return equal ? EQUAL_TRUE : NOT_EQUAL_TRUE;
  if (value === false) return equal ? EQUAL_FALSE : NOT_EQUAL_FALSE;
  if (typeof value === 'string') return equal ? EQUAL_STRING : NOT_EQUAL_STRING;
  return code;
}

const NO_CELLS: readonly Cell[] = [];
const NO_NUMBERS: readonly number[] = [];
const NO_FLAGS: readonly boolean[] = [];
const NO_SEGMENTS: readonly string[] = [];

/** The fields a group cell needs beyond its members. */
interface GroupLayout {
  readonly members: readonly Cell[];
  readonly groupEnds: readonly number[];
  readonly restSafe: readonly boolean[];
  readonly restMask: readonly number[];
}

const NO_GROUP: GroupLayout = { members: NO_CELLS, groupEnds: NO_NUMBERS, restSafe: NO_FLAGS, restMask: NO_NUMBERS };

/** One node of the evaluation tree; fields a kind does not use hold neutral values. @internal */
export class Cell {
  readonly kind: number;
  /** Cannot throw on JSON data once every fact it reads is present (see LeafNode.safe)… */
  readonly safe: boolean;
  /** …those facts (bits of fact slots). */
  readonly mask: number;
  /** A group evaluated by json-rules-engine's `evaluateCondition` whose only child is a raw-result leaf: compare `=== true`. */
  readonly strict: boolean;
  // all / any: the members flattened in evaluation order (priority groups, highest first).
  readonly members: readonly Cell[];
  /** End (exclusive) in `members` of each priority group. */
  readonly groupEnds: readonly number[];
  /** For member i: members i..end of its priority group can only throw by reading an absent fact… */
  readonly restSafe: readonly boolean[];
  /** …one of these (bits of fact slots). */
  readonly restMask: readonly number[];
  /** not: the negated cell; reference: the named condition's cell. */
  readonly child: Cell | undefined;
  /** reference: what the target's trace paths continue from, `<name>` after the reference's own path. */
  readonly traceStep: string;
  // leaf
  readonly leaf: LeafNode | undefined;
  readonly operatorCode: number;
  /** Left operand: its slot, the slot of its fact, and the path from that fact (empty: the fact itself). */
  readonly leftSlot: number;
  readonly leftFactSlot: number;
  readonly leftPath: readonly string[];
  /** The only segment of a one-segment path. */
  readonly leftKey: string | undefined;
  /** Bit of the left operand's fact in the mask of absent facts. */
  readonly leftFactBit: number;
  /** Right operand when it is a fact reference (rightSlot > 0); otherwise `literal` is the right operand. */
  readonly rightSlot: number;
  readonly rightFactSlot: number;
  readonly rightPath: readonly string[];
  readonly rightKey: string | undefined;
  readonly rightFactBit: number;
  readonly literal: unknown;
  readonly evaluate: OperatorEvaluate | undefined;
  readonly rawResult: boolean;
  /** Slot caching this leaf's result for the run, shared by identical leaves; 0 when not cached. */
  readonly memo: number;

  constructor(node: ConditionNode, group: GroupLayout, child: Cell | undefined, memo: number) {
    this.kind = node.kind === 'leaf' ? LEAF : node.kind === 'all' ? ALL : node.kind === 'any' ? ANY : node.kind === 'not' ? NOT : REFERENCE;
    const only = node.kind === 'all' || node.kind === 'any' ? (node.children.length === 1 ? node.children[0] : undefined) : undefined;
    this.strict = only !== undefined && only.kind === 'leaf' && only.rawResult;
    this.safe = node.safe;
    this.mask = node.mask;
    this.members = group.members;
    this.groupEnds = group.groupEnds;
    this.restSafe = group.restSafe;
    this.restMask = group.restMask;
    this.child = child;
    this.traceStep = node.kind === 'reference' ? `${node.tracePath}<${node.name}>` : '';
    const leaf = node.kind === 'leaf' ? node : undefined;
    this.leaf = leaf;
    this.operatorCode = leaf === undefined ? GENERIC : operatorCodeOf(leaf);
    this.leftSlot = leaf === undefined ? 0 : leaf.left.slot;
    this.leftFactSlot = leaf === undefined ? 0 : leaf.left.factSlot;
    this.leftPath = leaf === undefined ? NO_SEGMENTS : leaf.left.segments;
    this.leftKey = this.leftPath.length === 1 ? this.leftPath[0] : undefined;
    this.leftFactBit = leaf === undefined ? 0 : bitOf(this.leftFactSlot);
    const right = leaf?.right;
    this.rightSlot = right === undefined ? 0 : right.slot;
    this.rightFactSlot = right === undefined ? 0 : right.factSlot;
    this.rightPath = right === undefined ? NO_SEGMENTS : right.segments;
    this.rightKey = this.rightPath.length === 1 ? this.rightPath[0] : undefined;
    this.rightFactBit = right === undefined ? 0 : bitOf(this.rightFactSlot);
    this.literal = leaf === undefined ? undefined : leaf.value;
    this.evaluate = leaf?.evaluate;
    this.rawResult = leaf !== undefined && leaf.rawResult;
    this.memo = memo;
  }
}

/** Members in evaluation order, where each priority group ends, and what the rest of a group may throw. */
function layoutGroup(groups: readonly (readonly ConditionNode[])[], lower: (node: ConditionNode) => Cell): GroupLayout {
  const members: Cell[] = [];
  const groupEnds: number[] = [];
  for (const group of groups) {
    for (const node of group) members.push(lower(node));
    groupEnds.push(members.length);
  }
  // Computed backwards within each group: linear in the number of members.
  const restSafe = new Array<boolean>(members.length);
  const restMask = new Array<number>(members.length);
  let start = 0;
  for (const end of groupEnds) {
    let safe = true;
    let mask = 0;
    for (let i = end - 1; i >= start; i--) {
      safe &&= members[i]!.safe;
      mask |= members[i]!.mask;
      restSafe[i] = safe;
      restMask[i] = mask;
    }
    start = end;
  }
  return { members, groupEnds, restSafe, restMask };
}

/**
 * Two leaves with the same built-in operator, the same operand slots and an equal literal give
 * the same result within a run (built-ins are pure, and operands are read once per run), so the
 * result is computed once. Equal literals: primitives compared as the operators compare them
 * (`===`, `<`: 0 and -0 alike), or the frozen lists of `in` / `notIn` of such primitives. Any
 * other literal, and custom or decorated operators (which may be impure), are not cached.
 * Undefined: no key.
 */
function memoKey(leaf: LeafNode): string | undefined {
  if (leaf.builtIn === undefined) return undefined;
  let literal: string | undefined = '';
  if (leaf.right === undefined) {
    const value = leaf.value;
    // Only in/notIn lists are compared element by element (and were copied and frozen at compile
    // time); any other operator sees an array literal by identity or through its conversion, and
    // the caller still holds it.
    if (Array.isArray(value)) {
      if (leaf.builtIn !== 'in' && leaf.builtIn !== 'notIn') return undefined;
      const items = value.map(primitiveKey);
      literal = items.every((k) => k !== undefined) ? `[${items.join(',')}]` : undefined;
    } else literal = primitiveKey(value);
  }
  return literal === undefined ? undefined : `${leaf.builtIn} ${leaf.left.slot} ${leaf.right?.slot ?? 0} ${literal}`;
}

/** A primitive literal as the operators see it (`'1'` and `1` apart, 0 and -0 alike); undefined for anything else. */
function primitiveKey(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return `s${JSON.stringify(v)}`;
    case 'number':
    case 'boolean':
    case 'undefined':
      return `${typeof v}:${String(v)}`;
    default:
      return undefined;
  }
}

/** Every distinct node once (a named condition's tree is visited once, however often it is used). */
function forEachLeaf(roots: readonly ConditionNode[], visit: (leaf: LeafNode) => void): void {
  const seen = new Set<ConditionNode>();
  const walk = (node: ConditionNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.kind === 'leaf') visit(node);
    else if (node.kind === 'not' || node.kind === 'reference') walk(node.kind === 'not' ? node.child : node.target);
    else node.children.forEach(walk);
  };
  roots.forEach(walk);
}

/** A rule ready to evaluate. @internal */
export interface RunnableRule {
  readonly rule: ValidatedRule;
  readonly root: Cell;
  /** The root is a group evaluated as json-rules-engine's rule.evaluate does (no `=== true`). */
  readonly inner: boolean;
  /** The one leaf whose raw result is the rule's, when the root is that leaf or an inner group of it alone. */
  readonly onlyLeaf: Cell | undefined;
}

/**
 * Lowers validated rules into cells. `width` is the first free slot: slots from there on cache
 * the results of leaves that occur more than once (for the others a cache would be written and
 * never read). Each node is lowered once, so a shared named condition gives one shared cell.
 * @internal
 */
export function lowerRules(rules: readonly ValidatedRule[], width: number): { runnable: RunnableRule[]; width: number } {
  const occurrences = new Map<string, number>();
  const keys = new Map<LeafNode, string>();
  forEachLeaf(
    rules.map((r) => r.root),
    (leaf) => {
      const key = memoKey(leaf);
      if (key === undefined) return;
      keys.set(leaf, key);
      occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
    },
  );
  const memoSlots = new Map<string, number>();
  let next = width;
  const memoSlotOf = (leaf: LeafNode): number => {
    const key = keys.get(leaf);
    if (key === undefined || occurrences.get(key)! < 2) return 0;
    let slot = memoSlots.get(key);
    if (slot === undefined) memoSlots.set(key, (slot = next++));
    return slot;
  };
  const cells = new Map<ConditionNode, Cell>();
  const lower = (node: ConditionNode): Cell => {
    let cell = cells.get(node);
    if (cell !== undefined) return cell;
    switch (node.kind) {
      case 'leaf':
        cell = new Cell(node, NO_GROUP, undefined, memoSlotOf(node));
        break;
      case 'not':
        cell = new Cell(node, NO_GROUP, lower(node.child), 0);
        break;
      case 'reference':
        cell = new Cell(node, NO_GROUP, lower(node.target), 0);
        break;
      default:
        cell = new Cell(node, layoutGroup(node.groups, lower), undefined, 0);
    }
    cells.set(node, cell);
    return cell;
  };
  const runnable = rules.map((rule): RunnableRule => {
    const root = lower(rule.root);
    const inner = rule.rootIsInner && rule.root.kind !== 'not';
    // traceRoot: an inner group of one member returns traceCondition(member); a root leaf is traceCondition(leaf).
    const onlyLeaf = root.kind === LEAF && !inner ? root : inner && root.members.length === 1 && root.members[0]!.kind === LEAF ? root.members[0] : undefined;
    return { rule, root, inner, onlyLeaf };
  });
  return { runnable, width: next };
}
