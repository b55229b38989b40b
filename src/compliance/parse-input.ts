import type { CalendarDate } from '../dates/calendar-date.js';
import { PaceError, isPaceError } from '../errors/pace-error.js';
import { MemberSchema, type Member } from '../model/member.js';
import { parseWith } from '../model/parse.js';
import { CalendarDateSchema } from '../model/primitives.js';
import { PurchaseSchema, type Purchase } from '../model/purchase.js';
import { isPreparedContract, prepareContract, type PreparedContract } from '../contracts/prepare-contract.js';
import { REFUSED, inputParser } from '../model/fast-parse.js';
import { isCalendarDate } from '../dates/calendar-date.js';
import { pathStep } from '../engine/json-data.js';

/** Checks that the argument of a capability is an object with only the fields it knows. @internal */
export function parseArgs(value: unknown, capability: string, allowed: readonly string[], requiredFields: readonly string[]): Record<string, unknown> {
  try {
    return checkArgs(value, capability, allowed, requiredFields);
  } catch (error) {
    if (isPaceError(error)) throw error;
    // A revoked Proxy, or a trap or getter of the caller's that throws while the argument is read.
    const message = 'could not be read (reading it threw); pass plain data';
    throw new PaceError('invalid-input', `${capability}: the argument ${message}`, [{ path: '$', message }], { cause: error });
  }
}

function checkArgs(value: unknown, capability: string, allowed: readonly string[], requiredFields: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PaceError('invalid-input', `${capability} expects an object { ${allowed.join(', ')} }`, [{ path: '$', message: `expected an object with ${requiredFields.join(', ')}` }]);
  }
  const record = value as Record<string, unknown>;
  let ok = true;
  for (const k in record) if (!allowed.includes(k)) ok = false;
  // The fields are read once, here (a getter of the caller's is not asked twice), into the copy
  // the capability then reads.
  const fields: Record<string, unknown> = {};
  for (const f of allowed) fields[f] = record[f];
  for (const f of requiredFields) if (fields[f] === undefined) ok = false;
  if (ok) return fields;
  const issues = [
    ...requiredFields.filter((f) => fields[f] === undefined).map((f) => ({ path: `$.${f}`, message: 'required' })),
    ...Object.keys(record).filter((k) => !allowed.includes(k)).map((k) => ({ path: `$.${k}`, message: `unknown field "${k}" (expected ${allowed.join(', ')})` })),
  ];
  throw new PaceError('invalid-input', `${capability}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/**
 * Whether a compliance decision builds its trace: `options` is undefined or `{ trace?: boolean }`
 * (DecisionOptions); anything else throws a PaceError naming `$.options…`.
 * @internal
 */
export function parseTraceOption(options: unknown, capability: string): boolean {
  if (options === undefined) return true;
  let trace: unknown;
  let unknown: string | undefined;
  let isObject = false;
  try {
    isObject = options !== null && typeof options === 'object' && !Array.isArray(options);
    if (isObject) {
      for (const key of Object.keys(options as object)) if (key !== 'trace') unknown ??= key;
      trace = (options as Record<string, unknown>)['trace'];
    }
  } catch (error) {
    // A revoked Proxy, or a trap or getter that throws.
    throw new PaceError('invalid-input', `${capability}: the options could not be read`, [{ path: '$.options', message: 'reading the options threw' }], { cause: error });
  }
  if (!isObject) throw new PaceError('invalid-input', `${capability}: options must be an object { trace? }`, [{ path: '$.options', message: 'expected an object { trace?: boolean }' }]);
  if (unknown !== undefined) throw new PaceError('invalid-input', `${capability}: unknown option ${JSON.stringify(unknown.slice(0, 40))}`, [{ path: `$.options${pathStep(unknown)}`, message: 'unknown option (expected trace)' }]);
  if (trace !== undefined && typeof trace !== 'boolean') throw new PaceError('invalid-input', `${capability}: options.trace must be true or false`, [{ path: '$.options.trace', message: 'expected a boolean' }]);
  return trace !== false;
}

/** The most elements an array of a compliance input may hold (a contract's price list included). @internal */
export const MAX_INPUT_ARRAY_LENGTH = 1_000_000;
/** How many values the guard below visits before it leaves the rest to the schema. */
const GUARD_BUDGET = 200_000;

/**
 * Refuses an input holding an array longer than {@link MAX_INPUT_ARRAY_LENGTH} before a schema
 * visits it: zod walks every index of an array, and an array of length 2^32 - 1 with no elements
 * (a few bytes of JSON-free JavaScript) ran for minutes and out of memory. Runs only where the
 * schema is about to run (the fast parser refuses such an array at its first hole). It visits at
 * most a bounded number of values through their data properties (a getter is left uncalled, for
 * the schema to read once); a value it cannot read is left to the schema, which reports it.
 * @internal
 */
export function refuseOversizedArrays(value: unknown, root: string): void {
  let budget = GUARD_BUDGET;
  const stack: [unknown, string][] = [[value, root]];
  try {
    while (stack.length > 0 && budget > 0) {
      const [node, path] = stack.pop()!;
      budget--;
      if (node === null || typeof node !== 'object') continue;
      if (Array.isArray(node)) {
        if (node.length > MAX_INPUT_ARRAY_LENGTH) {
          const message = `an array of ${node.length} elements; at most ${MAX_INPUT_ARRAY_LENGTH} are read`;
          throw new PaceError('invalid-input', `${path}: ${message}`, [{ path, message }]);
        }
        for (let i = Math.min(node.length, budget) - 1; i >= 0; i--) pushData(stack, node, String(i), `${path}[${i}]`);
      } else {
        const keys = Object.keys(node);
        for (let i = Math.min(keys.length, budget) - 1; i >= 0; i--) pushData(stack, node, keys[i]!, `${path}${pathStep(keys[i]!)}`);
      }
    }
  } catch (error) {
    if (isPaceError(error)) throw error;
    // A getter, a Proxy trap or a revoked Proxy: the schema reads it and reports it.
  }
}

/** Queues a data property's value; a getter is not called (the schema reads it, once). */
function pushData(stack: [unknown, string][], node: object, key: string, path: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(node, key);
  if (descriptor !== undefined && 'value' in descriptor) stack.push([descriptor.value, path]);
}

const fastMember = inputParser(MemberSchema);
const fastPurchase = inputParser(PurchaseSchema);

/** A validated copy of a member (the fast parser derived from MemberSchema, else the schema). @internal */
export function parseMember(value: unknown, root = '$.member'): Member {
  const fast = fastMember(value);
  if (fast !== REFUSED) return fast as Member;
  return readGuarded(root, 'member', () => {
    refuseOversizedArrays(value, root);
    return parseWith(MemberSchema, value, root, 'member');
  });
}

/** A validated copy of a purchase (the fast parser derived from PurchaseSchema, else the schema). @internal */
export function parsePurchase(value: unknown, root = '$.purchase'): Purchase {
  const fast = fastPurchase(value);
  if (fast !== REFUSED) return fast as Purchase;
  return readGuarded(root, 'purchase', () => {
    refuseOversizedArrays(value, root);
    return parseWith(PurchaseSchema, value, root, 'purchase');
  });
}

/** @internal */
export function parseContract(value: unknown, root = '$.contract'): PreparedContract {
  if (isPreparedContract(value)) return value;
  return readGuarded(root, 'contract', () => {
    refuseOversizedArrays(value, root);
    return prepareContract(value, root);
  });
}

/**
 * Runs a schema path over the caller's value: a getter or Proxy trap that throws, or a revoked
 * Proxy met while reading or describing the value, is a PaceError naming `root`.
 */
function readGuarded<T>(root: string, what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isPaceError(error)) throw error;
    const message = 'could not be read (reading it threw); pass plain data';
    throw new PaceError('invalid-input', `Invalid ${what}: ${root}: ${message}`, [{ path: root, message }], { cause: error });
  }
}

/** @internal */
export function parseAsOf(value: unknown, root = '$.asOf'): CalendarDate {
  return isCalendarDate(value) ? value : readGuarded(root, 'date', () => parseWith(CalendarDateSchema, value, root, 'date', 'invalid-date'));
}
