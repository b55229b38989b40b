// The first stage of compileRules: options and rules checked, condition trees built.
import { PaceError, formatIssues } from '../errors/pace-error.js';
import type { PaceErrorCode } from '../errors/pace-error.js';
import type { ValidatedRule } from './condition-tree.js';
import { describeValue, hasDefined, isPlainObject, isRecord, NOT_JSON_DATA, pathStep, readJsonData } from './json-data.js';
import { RULE_LIMITS } from './limits.js';
import { OperandSlots } from './operand-slots.js';
import type { CompileRulesOptions } from './types.js';
import { ConditionValidator } from './validate-conditions.js';
import type { ValidationIssue } from './validate-conditions.js';

/** Event params are copied per run; this bounds the copy (and refuses cycles). */
const MAX_PARAMS_DEPTH = 64;

/** The rules that passed, in evaluation order, and the operand slots their leaves use. @internal */
export interface ValidatedRules {
  readonly rules: readonly ValidatedRule[];
  readonly slots: OperandSlots;
}

function validateOptions(options: unknown, issues: ValidationIssue[]): void {
  const add = (path: string, message: string): void => {
    issues.push({ code: 'invalid-input', path, message: `${message} (invalid-input)` });
  };
  if (!isRecord(options)) {
    add('options', 'options must be an object');
    return;
  }
  if (hasDefined(options, 'allowUndefinedFacts') && typeof options['allowUndefinedFacts'] !== 'boolean') add('options.allowUndefinedFacts', 'must be a boolean');
  if (hasDefined(options, 'operators')) {
    const operators = options['operators'];
    if (!isRecord(operators)) add('options.operators', 'must be an object of functions');
    else {
      for (const name of Object.keys(operators)) {
        if (typeof operators[name] !== 'function') add(`options.operators${pathStep(name)}`, 'Missing operator callback: must be a function');
        if (name === '') add('options.operators', 'Missing operator name');
      }
    }
  }
  if (hasDefined(options, 'conditions') && !isRecord(options['conditions'])) add('options.conditions', 'must be an object of named conditions');
}

function ruleLabel(index: number, rule: Record<string, unknown>): string {
  const name = rule['name'] ?? rule['id'];
  return typeof name === 'string' || typeof name === 'number' ? `$[${index}] (${JSON.stringify(name)})` : `$[${index}]`;
}

/** A rule's event: its type and a private copy of its params, or undefined when it is refused. */
function validateEvent(raw: Record<string, unknown>, path: string, validator: ConditionValidator): { type: string; params: Record<string, unknown> | undefined } | undefined {
  const event = raw['event'];
  if (!Object.hasOwn(raw, 'event') || !isRecord(event)) {
    validator.issue('invalid-rule', `${path}.event`, 'a rule needs an "event" object');
    return undefined;
  }
  const type = event['type'];
  if (typeof type !== 'string') {
    validator.issue('invalid-rule', `${path}.event.type`, `the event needs a string "type", got ${describeValue(type)}`);
    return undefined;
  }
  const params = event['params'];
  if (params === undefined || params === null) return { type, params: undefined };
  // Checked and copied in one read (a getter is read once: the copy is what was checked).
  const copy = isPlainObject(params) ? readJsonData(params, MAX_PARAMS_DEPTH, RULE_LIMITS.maxDataValues) : NOT_JSON_DATA;
  if (copy === NOT_JSON_DATA) {
    validator.issue('invalid-rule', `${path}.event.params`, `event params must be a plain object of JSON data, at most ${MAX_PARAMS_DEPTH} levels deep and ${RULE_LIMITS.maxDataValues.toLocaleString('en-US')} values`);
    return undefined;
  }
  return { type, params: copy as Record<string, unknown> };
}

function validateRule(raw: unknown, index: number, validator: ConditionValidator): ValidatedRule | undefined {
  const path = `$[${index}]`;
  if (!isRecord(raw)) {
    validator.issue('invalid-rule', path, 'a rule must be an object');
    return undefined;
  }
  const label = ruleLabel(index, raw);
  const priority = validator.priority(raw, path);
  const priorityOk = !hasDefined(raw, 'priority') || priority === raw['priority'];
  const event = validateEvent(raw, path, validator);
  if (!Object.hasOwn(raw, 'conditions')) {
    validator.issue('invalid-rule', `${path}.conditions`, 'a rule needs "conditions"');
    return undefined;
  }
  const conditions = raw['conditions'];
  const root = validator.tree(conditions, `${path}.conditions`, 'conditions', label);
  if (root === undefined || event === undefined || !priorityOk) return undefined;
  const name = raw['name'] ?? raw['id'];
  return {
    index,
    label,
    name: typeof name === 'string' || typeof name === 'number' ? name : undefined,
    priority,
    root,
    // json-rules-engine's rule.evaluate calls all()/any()/not() on the root directly; a root
    // reference goes through realize → evaluateCondition, like any nested condition.
    rootIsInner: root.kind === 'all' || root.kind === 'any' || root.kind === 'not',
    type: event.type,
    params: event.params,
  };
}

/**
 * Checks the options and every rule, and builds the rules' condition trees, in evaluation order
 * (priority, highest first, then rule order).
 * @throws PaceError listing every problem (at most RULE_LIMITS.maxIssues) with its JSON path.
 * @internal
 */
export function validateRules(rules: unknown, options: CompileRulesOptions): ValidatedRules {
  if (!Array.isArray(rules)) {
    throw new PaceError('invalid-rule', 'compileRules expects an array of rules', [{ path: '$', message: 'expected an array of rules' }]);
  }
  if (rules.length > RULE_LIMITS.maxRules) {
    const message = `${rules.length} rules given; at most ${RULE_LIMITS.maxRules} are accepted (RULE_LIMITS.maxRules)`;
    throw new PaceError('invalid-rule', message, [{ path: '$', message }]);
  }
  const issues: ValidationIssue[] = [];
  validateOptions(options, issues);
  const record = isRecord(options) ? options : {};
  const operators = isRecord(record['operators']) ? record['operators'] : {};
  const named = isRecord(record['conditions']) ? record['conditions'] : {};
  const slots = new OperandSlots();
  const validator = new ConditionValidator(slots, operators as Record<string, (f: unknown, v: unknown) => unknown>, named);
  // Named conditions are checked once each, as json-rules-engine's setCondition would see them.
  for (const name of Object.keys(named)) validator.namedCondition(name);
  const validated: ValidatedRule[] = [];
  for (let index = 0; index < rules.length; index++) {
    if (!Object.hasOwn(rules, index)) continue; // a hole, skipped as forEach (and json-rules-engine) skips it
    const rule = validateRule(rules[index], index, validator);
    if (rule !== undefined) validated.push(rule);
  }
  issues.push(...validator.issues.slice(0, Math.max(0, RULE_LIMITS.maxIssues - issues.length)));
  if (issues.length > 0) {
    const codes = new Set(issues.map((i) => i.code));
    const code: PaceErrorCode = codes.size === 1 ? issues[0]!.code : 'invalid-rule';
    const total = issues.length + validator.unlisted;
    const summary = `compileRules refused ${total} problem${total === 1 ? '' : 's'}${total > issues.length ? ` (the first ${issues.length} are listed)` : ''}`;
    throw new PaceError(code, formatIssues(summary, issues), issues.map(({ path, message }) => ({ path, message })));
  }
  validated.sort((a, b) => b.priority - a.priority || a.index - b.index);
  return { rules: validated, slots };
}
