// The intermediate form of validated rules: a tree per rule, built once by the validator
// (validate-conditions.ts) and lowered into evaluation cells (lower-to-cells.ts). A named
// condition is validated once and its tree is shared by every reference to it.
import type { OperatorEvaluate } from './operators.js';

/** What every node knows about the facts it reads and the errors it may throw. @internal */
interface NodeSummary {
  /** Cannot throw on JSON data facts once every fact it reads is present. */
  readonly safe: boolean;
  /** Bits (slot & 31) of the facts it reads. */
  readonly mask: number;
  /** Levels from this node down to its deepest leaf, through references (a leaf is 1). */
  readonly height: number;
}

/** The right-hand side of a leaf when it names a fact. @internal */
export interface FactOperand {
  readonly fact: string;
  /** Slot of the fact (with no path) or of the (fact, path) pair in a run's values. */
  readonly slot: number;
  /** Slot of the fact itself. */
  readonly factSlot: number;
  readonly segments: readonly string[];
}

/** A comparison: fact (narrowed by path) operator value. @internal */
export interface LeafNode extends NodeSummary {
  readonly kind: 'leaf';
  /** Where the leaf sits, relative to the root of its tree: `conditions.all[2]` in a rule, `.all[2]` in a named condition. */
  readonly tracePath: string;
  /** Its JSON path in the input of compileRules: `$[3].conditions.all[2]`, `options.conditions.x.all[2]`. */
  readonly sourcePath: string;
  readonly left: FactOperand;
  /** The condition's `path` as written, or undefined. */
  readonly factPath: string | undefined;
  readonly operator: string;
  readonly evaluate: OperatorEvaluate;
  /** `equal`, `lessThan`, … when the operator is an undecorated, unreplaced built-in. */
  readonly builtIn: string | undefined;
  readonly right: FactOperand | undefined;
  /** The literal right-hand side (undefined when `right` is a fact). */
  readonly value: unknown;
  /** The operator may return something other than a boolean (custom operators). */
  readonly rawResult: boolean;
}

/** `all` / `any`. @internal */
export interface GroupNode extends NodeSummary {
  readonly kind: 'all' | 'any';
  readonly children: readonly ConditionNode[];
  /** Children grouped by priority, highest first; within a group, in source order. */
  readonly groups: readonly (readonly ConditionNode[])[];
}

/** `not`. @internal */
export interface NotNode extends NodeSummary {
  readonly kind: 'not';
  readonly child: ConditionNode;
}

/** `{ condition: name }`: the shared tree of a named condition. @internal */
export interface ReferenceNode extends NodeSummary {
  readonly kind: 'reference';
  readonly name: string;
  /** Where the reference sits relative to its tree's root; the target's trace paths continue `<name>`. */
  readonly tracePath: string;
  readonly target: ConditionNode;
}

/** @internal */
export type ConditionNode = LeafNode | GroupNode | NotNode | ReferenceNode;

/** A validated rule. @internal */
export interface ValidatedRule {
  /** Index in the rules array given to compileRules. */
  readonly index: number;
  /** `$[3]`, or `$[3] ("name")`, for messages. */
  readonly label: string;
  readonly name: string | number | undefined;
  readonly priority: number;
  readonly root: ConditionNode;
  /** The root is evaluated as json-rules-engine's `rule.evaluate` does (no `=== true` at the root). */
  readonly rootIsInner: boolean;
  readonly type: string;
  readonly params: Record<string, unknown> | undefined;
}

/** Bit of a slot in a mask of facts (bits alias beyond 31 slots: a set bit means "may"). @internal */
export const bitOf = (slot: number): number => 1 << (slot & 31);
