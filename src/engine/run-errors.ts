// What a run throws: every failure as a PaceError naming the facts or the condition involved.
import { PaceError, isPaceError } from '../errors/pace-error.js';
import type { ValidatedRule } from './condition-tree.js';
import { LeafFailure } from './evaluate-conditions.js';
import { pathStep } from './json-data.js';
import { RULE_LIMITS } from './limits.js';

const messageOf = (error: unknown): string => {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unprintable value was thrown';
  }
};

/**
 * The PaceError for a failure while evaluating `rule` (undefined: before any rule, while the
 * facts were read). A PaceError (from a run nested in a custom operator, or about the facts)
 * passes through unchanged. @internal
 */
export function runFailure(error: unknown, rule: ValidatedRule | undefined): PaceError {
  if (isPaceError(error)) return error;
  if (!(error instanceof LeafFailure)) {
    // A built-in operator threw: a number comparison converting a symbol or a null-prototype
    // object, or `in` against a fact value without indexOf. The rule is known, the leaf is not.
    const message = messageOf(error);
    if (rule === undefined) return new PaceError('invalid-input', `reading the facts failed: ${message}`, [{ path: '$.facts', message }], { cause: error });
    const at = `$[${rule.index}].conditions`;
    return new PaceError('invalid-input', `evaluating rule ${rule.label} failed: ${message}`, [{ path: at, message }], { cause: error });
  }
  const { leaf } = error;
  const label = rule === undefined ? '?' : rule.label;
  switch (error.reason) {
    case 'undefined-fact': {
      const fact = error.detail as string;
      const message = `Undefined fact: "${fact}" is read by rule ${label} at ${leaf.sourcePath} and was not supplied (pass it, or compile with allowUndefinedFacts: true)`;
      return new PaceError('undefined-fact', message, [
        { path: `$.facts${pathStep(fact)}`, message: `not supplied; read by rule ${label}` },
        { path: leaf.sourcePath, message: `reads the fact "${fact}"` },
      ]);
    }
    case 'promise': {
      const message = `operator "${leaf.operator}" returned a promise in rule ${label} at ${leaf.sourcePath}; operators must be synchronous`;
      return new PaceError('invalid-input', message, [{ path: `${leaf.sourcePath}.operator`, message: 'returned a promise' }]);
    }
    case 'operator-threw': {
      const thrown = messageOf(error.detail);
      const message = `evaluating rule ${label} failed: operator "${leaf.operator}" at ${leaf.sourcePath} threw: ${thrown}`;
      return new PaceError('invalid-input', message, [{ path: `${leaf.sourcePath}.operator`, message: `threw: ${thrown}` }], { cause: error.detail });
    }
    case 'list-too-long': {
      const length = error.detail as number;
      const message = `evaluating rule ${label} failed: operator "${leaf.operator}" at ${leaf.sourcePath} would walk an array of ${length} elements from the facts; at most ${RULE_LIMITS.maxFactListValues.toLocaleString('en-US')} are walked (RULE_LIMITS.maxFactListValues)`;
      return new PaceError('invalid-input', message, [{ path: leaf.sourcePath, message: `operator "${leaf.operator}" got an array of ${length} elements from the facts (at most ${RULE_LIMITS.maxFactListValues.toLocaleString('en-US')})` }]);
    }
    default: {
      const unexpected: never = error.reason;
      throw new Error(`unexpected failure ${String(unexpected)}`);
    }
  }
}
