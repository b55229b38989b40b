// Validation of condition trees and their construction (the first stage of compileRules).
import type { PaceErrorCode, PaceErrorIssue } from '../errors/pace-error.js';
import { bitOf } from './condition-tree.js';
import type { ConditionNode, FactOperand, GroupNode, LeafNode, NotNode, ReferenceNode } from './condition-tree.js';
import { describeValue, isRecord, isThenable, pathStep } from './json-data.js';
import { RULE_LIMITS } from './limits.js';
import type { OperandSlots } from './operand-slots.js';
import { resolveOperator } from './operators.js';
import { tryParsePath } from './path.js';

/** A problem found while validating, with the code it would be reported under. @internal */
export interface ValidationIssue extends PaceErrorIssue {
  readonly code: PaceErrorCode;
}

/** The tree being built: a rule's conditions or a named condition. */
interface TreeContext {
  /** `$[3] ("name")` or `options.conditions.x`, for messages. */
  readonly label: string;
  leaves: number;
}

const BOOLEAN_KEYS = ['any', 'all', 'not', 'condition'] as const;

const UNKNOWN_OPERATOR_HELP =
  '(built-ins: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive; decorators someFact, someValue, everyFact, everyValue, swap, not; or supply it in options.operators)';

const isPriority = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;

/**
 * Checks conditions as json-rules-engine 7.3 would see them and builds their trees. Every
 * problem is collected (up to RULE_LIMITS.maxIssues); nothing is thrown. Each named condition is
 * built once, on first use, and shared by every reference. @internal
 */
export class ConditionValidator {
  readonly issues: ValidationIssue[] = [];
  /** Problems found beyond RULE_LIMITS.maxIssues (counted, not listed). */
  unlisted = 0;
  /** Named condition → its tree, or null when it is invalid. */
  private readonly named = new Map<string, ConditionNode | null>();
  /** Named conditions being built, outermost first (to find cycles and long chains). */
  private readonly building: string[] = [];

  constructor(
    private readonly slots: OperandSlots,
    private readonly operators: Readonly<Record<string, (f: unknown, v: unknown) => unknown>>,
    private readonly namedConditions: Readonly<Record<string, unknown>>,
  ) {}

  issue(code: PaceErrorCode, path: string, message: string): void {
    if (this.issues.length < RULE_LIMITS.maxIssues) this.issues.push({ code, path, message: `${message} (${code})` });
    else this.unlisted++;
  }

  /** A rule or condition priority: an integer >= 1, default 1 (a bad one is reported). */
  priority(node: Record<string, unknown>, path: string): number {
    const value = node['priority'];
    if (!Object.hasOwn(node, 'priority') || value === undefined) return 1;
    if (!isPriority(value)) {
      this.issue('invalid-rule', `${path}.priority`, `priority must be an integer >= 1, got ${describeValue(value)}`);
      return 1;
    }
    return value;
  }

  /** The root of a rule's conditions or of a named condition. */
  tree(raw: unknown, path: string, tracePath: string, label: string): ConditionNode | undefined {
    return this.node(raw, path, tracePath, { label, leaves: 0 }, true, 1);
  }

  /** The tree of a named condition (built on first use), or null when it is invalid. */
  namedCondition(name: string): ConditionNode | null {
    const known = this.named.get(name);
    if (known !== undefined) return known;
    const at = `options.conditions${pathStep(name)}`;
    this.building.push(name);
    // The target runs through json-rules-engine's evaluateCondition (realize → evaluateCondition).
    const tree = this.tree(this.namedConditions[name], at, '', at) ?? null;
    this.building.pop();
    this.named.set(name, tree);
    return tree;
  }

  /** A node in a position where json-rules-engine's `evaluateCondition` runs it. */
  private node(raw: unknown, path: string, tracePath: string, tree: TreeContext, root: boolean, depth: number): ConditionNode | undefined {
    if (depth > RULE_LIMITS.maxNestingDepth) {
      this.issue('invalid-rule', path, `conditions are nested deeper than ${RULE_LIMITS.maxNestingDepth} levels (RULE_LIMITS.maxNestingDepth)`);
      return undefined;
    }
    if (!isRecord(raw)) {
      this.issue('invalid-rule', path, `a condition must be an object, got ${Array.isArray(raw) ? 'an array' : describeValue(raw)}`);
      return undefined;
    }
    const present = BOOLEAN_KEYS.filter((k) => Object.hasOwn(raw, k));
    if (present.length > 1) {
      this.issue('invalid-rule', path, `a condition must have exactly one of "all", "any", "not", "condition"; found ${present.join(', ')}`);
      return undefined;
    }
    if (present.length === 1 && (Object.hasOwn(raw, 'fact') || Object.hasOwn(raw, 'operator'))) {
      this.issue('invalid-rule', path, `"${present[0]!}" cannot be combined with "fact" or "operator" in one condition`);
      return undefined;
    }
    if (root && present.length === 0) {
      this.issue('invalid-rule', path, '"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
      return undefined;
    }
    const kind = present[0];
    if (kind === 'all' || kind === 'any') return this.group(kind, raw, path, tracePath, tree, depth);
    if (kind === 'not') return this.not(raw, path, tracePath, tree, depth);
    if (kind === 'condition') return this.reference(raw, path, tracePath, tree, depth);
    return this.leaf(raw, path, tracePath, tree);
  }

  private group(kind: 'all' | 'any', raw: Record<string, unknown>, path: string, tracePath: string, tree: TreeContext, depth: number): GroupNode | undefined {
    const children: unknown = raw[kind];
    if (!Array.isArray(children)) {
      this.issue('invalid-rule', `${path}.${kind}`, `"${kind}" must be an array`);
      return undefined;
    }
    if (children.length > RULE_LIMITS.maxLeavesPerCondition) {
      this.issue('invalid-rule', `${path}.${kind}`, `"${kind}" has ${children.length} conditions; at most ${RULE_LIMITS.maxLeavesPerCondition} are accepted (RULE_LIMITS.maxLeavesPerCondition)`);
      return undefined;
    }
    const nodes: ConditionNode[] = [];
    const byPriority = new Map<number, ConditionNode[]>();
    let failed = false;
    let safe = true;
    let mask = 0;
    let height = 0;
    for (let i = 0; i < children.length && tree.leaves <= RULE_LIMITS.maxLeavesPerCondition; i++) {
      const child: unknown = children[i];
      const at = `${path}.${kind}[${i}]`;
      const node = this.node(child, at, `${tracePath}.${kind}[${i}]`, tree, false, depth + 1);
      const priority = isRecord(child) ? this.priority(child, at) : 1;
      if (node === undefined) {
        failed = true;
        continue;
      }
      nodes.push(node);
      const bucket = byPriority.get(priority);
      if (bucket === undefined) byPriority.set(priority, [node]);
      else bucket.push(node);
      safe &&= node.safe;
      mask |= node.mask;
      height = Math.max(height, node.height);
    }
    if (failed || tree.leaves > RULE_LIMITS.maxLeavesPerCondition) return undefined;
    const groups = [...byPriority.keys()].sort((a, b) => b - a).map((p) => byPriority.get(p)!);
    return { kind, children: nodes, groups, safe, mask, height: height + 1 };
  }

  private not(raw: Record<string, unknown>, path: string, tracePath: string, tree: TreeContext, depth: number): NotNode | undefined {
    const child = raw['not'];
    if (Array.isArray(child)) {
      this.issue('invalid-rule', `${path}.not`, '"not" cannot be an array');
      return undefined;
    }
    if (isRecord(child)) this.priority(child, `${path}.not`);
    const inner = this.node(child, `${path}.not`, `${tracePath}.not`, tree, false, depth + 1);
    if (inner === undefined) return undefined;
    return { kind: 'not', child: inner, safe: inner.safe, mask: inner.mask, height: inner.height + 1 };
  }

  private reference(raw: Record<string, unknown>, path: string, tracePath: string, tree: TreeContext, depth: number): ReferenceNode | undefined {
    const name = raw['condition'];
    if (typeof name !== 'string') {
      this.issue('invalid-rule', `${path}.condition`, `a condition reference must name a condition (a string), got ${describeValue(name)}`);
      return undefined;
    }
    if (!Object.hasOwn(this.namedConditions, name)) {
      this.issue('unknown-condition', path, `rule ${tree.label} references condition "${name}", which is not among options.conditions`);
      return undefined;
    }
    if (this.building.includes(name)) {
      this.issue('invalid-rule', path, `condition reference cycle: ${[...this.building, name].join(' -> ')}`);
      return undefined;
    }
    if (this.building.length >= RULE_LIMITS.maxReferenceChain && !this.named.has(name)) {
      this.issue('invalid-rule', path, `named conditions refer to named conditions more than ${RULE_LIMITS.maxReferenceChain} deep (RULE_LIMITS.maxReferenceChain): ${[...this.building, name].join(' -> ')}`);
      return undefined;
    }
    tree.leaves++;
    const target = this.namedCondition(name);
    if (target === null) {
      // Its own problems were reported once, under options.conditions; make sure the set fails.
      if (this.issues.length === 0) this.issue('invalid-rule', path, `condition "${name}" is invalid`);
      return undefined;
    }
    // The reference is a level of its own (evaluation recurses through it).
    if (depth + target.height > RULE_LIMITS.maxNestingDepth) {
      this.issue('invalid-rule', path, `through condition "${name}" the conditions nest deeper than ${RULE_LIMITS.maxNestingDepth} levels (RULE_LIMITS.maxNestingDepth)`);
      return undefined;
    }
    return { kind: 'reference', name, tracePath, target, safe: target.safe, mask: target.mask, height: target.height + 1 };
  }

  /** A condition's `path` (or a fact reference's), parsed; undefined when it is refused. */
  private factPath(raw: Record<string, unknown>, path: string, tree: TreeContext): { segments: readonly string[]; text: string | undefined } | undefined {
    const text = raw['path'];
    if (!Object.hasOwn(raw, 'path') || text === undefined || text === '') return { segments: [], text: undefined };
    if (typeof text !== 'string') {
      this.issue('unsupported-path', `${path}.path`, `rule ${tree.label}: path must be a string, got ${describeValue(text)}`);
      return undefined;
    }
    const parsed = tryParsePath(text);
    if (!parsed.ok) {
      this.issue('unsupported-path', `${path}.path`, `rule ${tree.label}: ${parsed.message}`);
      return undefined;
    }
    return { segments: parsed.segments, text };
  }

  /** The right-hand side: a fact reference, a literal, or undefined when refused. */
  private rightHandSide(raw: Record<string, unknown>, path: string, tree: TreeContext, listOperator: string | undefined): { right: FactOperand | undefined; literal: unknown } | undefined {
    const value = raw['value'];
    if (isRecord(value) && Object.hasOwn(value, 'fact')) {
      const fact = value['fact'];
      const factPath = this.factPath(value, `${path}.value`, tree);
      if (typeof fact !== 'string' || fact === '') {
        this.issue('invalid-rule', `${path}.value.fact`, `a fact reference must name a fact (a non-empty string), got ${describeValue(fact)}`);
        return undefined;
      }
      return factPath === undefined ? undefined : { right: this.slots.operand(fact, factPath.segments), literal: undefined };
    }
    if (typeof value === 'function' || isThenable(value)) {
      this.issue('invalid-rule', `${path}.value`, 'a condition value must be data, not a function or a promise');
      return undefined;
    }
    if (listOperator === undefined) return { right: undefined, literal: value };
    if (!Array.isArray(value)) {
      this.issue('invalid-rule', `${path}.value`, `"${listOperator}" needs an array value (json-rules-engine would test a substring of a string, or throw on anything else), got ${describeValue(value)}`);
      return undefined;
    }
    // The length is read once: a Proxy answering another length on a second read cannot make the copy walk more.
    const length = value.length;
    if (length > RULE_LIMITS.maxListValues) {
      this.issue('invalid-rule', `${path}.value`, `"${listOperator}" lists ${length} values; at most ${RULE_LIMITS.maxListValues} are accepted (RULE_LIMITS.maxListValues)`);
      return undefined;
    }
    // A copy the caller cannot change (the memo of identical leaves compares its elements).
    const copy: unknown[] = new Array<unknown>(length);
    for (let i = 0; i < length; i++) copy[i] = value[i];
    return { right: undefined, literal: Object.freeze(copy) };
  }

  /** Whether a leaf has a non-empty string `fact`, a string `operator` and a `value` (each missing one is reported). */
  private hasLeafFields(raw: Record<string, unknown>, path: string): boolean {
    let ok = true;
    const fact = raw['fact'];
    if (!Object.hasOwn(raw, 'fact')) {
      this.issue('invalid-rule', path, 'Condition: constructor "fact" property required');
      ok = false;
    } else if (typeof fact !== 'string' || fact === '') {
      this.issue('invalid-rule', `${path}.fact`, `"fact" must be a non-empty string, got ${describeValue(fact)}`);
      ok = false;
    }
    const operator = raw['operator'];
    if (!Object.hasOwn(raw, 'operator')) {
      this.issue('invalid-rule', path, 'Condition: constructor "operator" property required');
      ok = false;
    } else if (typeof operator !== 'string') {
      this.issue('invalid-rule', `${path}.operator`, `"operator" must be a string, got ${describeValue(operator)}`);
      ok = false;
    }
    if (!Object.hasOwn(raw, 'value')) {
      this.issue('invalid-rule', path, 'Condition: constructor "value" property required');
      ok = false;
    }
    return ok;
  }

  private leaf(raw: Record<string, unknown>, path: string, tracePath: string, tree: TreeContext): LeafNode | undefined {
    if (++tree.leaves > RULE_LIMITS.maxLeavesPerCondition) {
      if (tree.leaves === RULE_LIMITS.maxLeavesPerCondition + 1) {
        this.issue('invalid-rule', path, `${tree.label} has more than ${RULE_LIMITS.maxLeavesPerCondition} leaf conditions (RULE_LIMITS.maxLeavesPerCondition)`);
      }
      return undefined;
    }
    let ok = this.hasLeafFields(raw, path);
    const fact = raw['fact'];
    const operator = raw['operator'];
    const factPath = this.factPath(raw, path, tree);
    const resolved = typeof operator === 'string' ? resolveOperator(operator, this.operators) : undefined;
    if (typeof operator === 'string' && resolved === undefined) {
      this.issue('unknown-operator', `${path}.operator`, `rule ${tree.label}: unknown operator "${operator}" ${UNKNOWN_OPERATOR_HELP}`);
      ok = false;
    }
    const builtIn = resolved !== undefined && resolved.decorators.length === 0 ? resolved.builtIn : undefined;
    const listOperator = builtIn === 'in' || builtIn === 'notIn' ? builtIn : undefined;
    const rightHandSide = ok || Object.hasOwn(raw, 'value') ? this.rightHandSide(raw, path, tree, listOperator) : undefined;
    if (!ok || rightHandSide === undefined || resolved === undefined || factPath === undefined || typeof fact !== 'string' || typeof operator !== 'string') return undefined;
    const { right, literal } = rightHandSide;
    const left = this.slots.operand(fact, factPath.segments);
    // Leaves that can never throw once the facts they read are present: equal and notEqual
    // (strict comparison), contains and doesNotContain (an Array.isArray guard, then strict
    // indexOf), in and notIn against a literal array. Everything else may throw on some value:
    // the numeric operators convert both sides (a symbol or a null-prototype object throws),
    // in/notIn against a fact call indexOf on whatever the fact holds, and decorated or custom
    // operators run arbitrary code.
    const safe =
      builtIn === 'equal' || builtIn === 'notEqual' || builtIn === 'contains' || builtIn === 'doesNotContain' || (listOperator !== undefined && right === undefined);
    return {
      kind: 'leaf',
      tracePath,
      sourcePath: path,
      left,
      factPath: factPath.text,
      operator,
      evaluate: resolved.evaluate,
      builtIn,
      right,
      value: literal,
      safe,
      rawResult: resolved.builtIn === undefined,
      mask: bitOf(left.factSlot) | (right === undefined ? 0 : bitOf(right.factSlot)),
      height: 1,
    };
  }
}
