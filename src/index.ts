// The public face of pace-rules: every export is listed by name.
export { PaceError, isPaceError } from './errors/pace-error.js';
export type { PaceErrorCode, PaceErrorIssue } from './errors/pace-error.js';
export { compileRules, parsePath } from './engine/index.js';
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
} from './engine/index.js';
