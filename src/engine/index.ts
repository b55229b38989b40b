// The rule engine: json-rules-engine-format rules compiled once, evaluated synchronously.
export { compileRules } from './compile-rules.js';
export { RULE_LIMITS } from './limits.js';
export type { RuleLimits } from './limits.js';
export { parsePath, tryParsePath, resolvePath } from './path.js';
export type { PathParseResult } from './path.js';
export { BUILT_IN_OPERATORS, isBuiltInOperator, isNumericFact, resolveOperator } from './operators.js';
export type { BuiltInOperatorName, OperatorEvaluate, ResolvedOperator } from './operators.js';
export type {
  AllConditions,
  AnyConditions,
  CompileRulesOptions,
  CompiledRules,
  ConditionReference,
  ConditionTrace,
  CustomOperator,
  FactReference,
  JsonRulesEngineRule,
  LeafCondition,
  NestedCondition,
  NotConditions,
  RuleEvent,
  RuleTrace,
  RunOptions,
  RunResult,
  TopLevelCondition,
} from './types.js';
