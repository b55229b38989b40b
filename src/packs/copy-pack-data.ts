import type { PaceErrorIssue } from '../errors/pace-error.js';
import { RULE_LIMITS } from '../engine/limits.js';

/** What {@link copyPackData} found: the copy, and the problems (at most RULE_LIMITS.maxIssues listed). @internal */
export interface PackDataCopy {
  readonly copy: unknown;
  readonly issues: PaceErrorIssue[];
  /** Problems found beyond the listed ones. */
  readonly unlisted: number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;
/** Thrown inside the copy to stop it when the pack has more values than RULE_LIMITS.maxDataValues. */
const TOO_MANY_VALUES = Symbol('too-many-values');

function kindOf(value: unknown): string {
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'object' && value !== null) return 'an object that is not plain data (a class instance, a Map, a Date, …)';
  return `a ${typeof value}`;
}

/**
 * A private deep copy of a parsed pack, so that the library validates, compiles and freezes only
 * objects it built: the caller's objects are read once and never changed or frozen. A pack is JSON
 * data: strings, finite numbers, booleans, null, arrays without holes and plain objects (own
 * enumerable string keys); `undefined` is kept so that optional fields read as absent. Anything
 * else, data nested deeper than RULE_LIMITS.maxDataDepth, and cycles are problems.
 * @internal
 */
export function copyPackData(value: unknown): PackDataCopy {
  const issues: PaceErrorIssue[] = [];
  let unlisted = 0;
  // The path of the value being copied, as steps; a path string is built only for a problem.
  const steps: string[] = ['$'];
  const problem = (message: string, step = ''): undefined => {
    if (issues.length < RULE_LIMITS.maxIssues) issues.push({ path: steps.join('') + step, message });
    else unlisted++;
    return undefined;
  };
  // The arrays and objects on the path being copied: one seen again is a cycle, refused at once
  // (by depth alone, a cycle reached through an array of many references to it is walked
  // exponentially often before the depth limit stops it: the fuzz ran out of memory on one).
  const open = new Set<object>();
  let values = 0;
  const copy = (item: unknown, depth: number): unknown => {
    if (++values > RULE_LIMITS.maxDataValues) throw TOO_MANY_VALUES;
    switch (typeof item) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return item;
      case 'number':
        return Number.isFinite(item) ? item : problem(`expected JSON data, got ${kindOf(item)}`);
      case 'object':
        break;
      default:
        return problem(`expected JSON data, got ${kindOf(item)}`);
    }
    if (item === null) return null;
    if (open.has(item)) return problem('cyclic: this value contains itself');
    if (depth >= RULE_LIMITS.maxDataDepth) return problem(`nested deeper than ${RULE_LIMITS.maxDataDepth} levels (RULE_LIMITS.maxDataDepth)`);
    open.add(item);
    try {
      return Array.isArray(item) ? copyArray(item, depth) : copyObject(item, depth);
    } finally {
      open.delete(item);
    }
  };
  const copyObject = (item: object, depth: number): unknown => {
    const proto: unknown = Object.getPrototypeOf(item);
    if (proto !== Object.prototype && proto !== null) return problem(`expected JSON data, got ${kindOf(item)}`);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(item)) {
      steps.push(IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
      const copied = copy((item as Record<string, unknown>)[key], depth + 1);
      steps.pop();
      // A key "__proto__" must stay an own property instead of setting the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      else out[key] = copied;
    }
    return out;
  };
  const copyArray = (item: readonly unknown[], depth: number): unknown[] => {
    // Every element is a value (a hole a problem): an array longer than the values left is refused
    // before its indexes are walked (one of length 2^32 - 1 with no elements ran for minutes).
    if (item.length > RULE_LIMITS.maxDataValues - values) {
      problem(`an array of ${item.length} elements; a pack holds at most ${RULE_LIMITS.maxDataValues} values (RULE_LIMITS.maxDataValues)`);
      return [];
    }
    const out = new Array<unknown>(item.length);
    for (let i = 0; i < item.length; i++) {
      if (!Object.hasOwn(item, i)) {
        problem('an array must not have holes', `[${i}]`);
        continue;
      }
      steps.push(`[${i}]`);
      out[i] = copy(item[i], depth + 1);
      steps.pop();
    }
    return out;
  };
  try {
    return { copy: copy(value, 0), issues, unlisted };
  } catch (error) {
    if (error === TOO_MANY_VALUES) {
      steps.length = 1;
      problem(`more than ${RULE_LIMITS.maxDataValues} values (RULE_LIMITS.maxDataValues; shared references count each time they are reached)`);
      return { copy: undefined, issues, unlisted };
    }
    // A proxy trap or a getter threw while the pack was read.
    let reason = 'an exception was thrown';
    try {
      if (error instanceof Error) reason = String(error.message);
    } catch {
      // keep the generic reason: even the error's message could not be read
    }
    steps.length = 1;
    problem(`the pack could not be read: ${reason}`);
    return { copy: undefined, issues, unlisted };
  }
}
