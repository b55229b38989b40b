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
import { readInput } from '../model/read-input.js';

// The slow path of each part (its fast parser refused it) reads the caller's value once into a
// private copy under a guard (src/model/read-input.ts), and the schema validates that copy.

/**
 * The fields of a capability's argument. `read` reads each field of the caller's object once, by
 * name, into a fresh object literal: one hidden class per capability, where adding the fields one
 * by one under computed keys went through the runtime for each (about 3,000 instructions per
 * argument, measured with callgrind). `fields` are the literal's keys, so the list cannot drift
 * from what is read.
 * @internal
 */
export interface ArgumentShape {
  readonly fields: readonly string[];
  readonly required: readonly string[];
  readonly read: (record: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/** The shape of an argument read by `read` (see {@link ArgumentShape}). @internal */
export function argumentShape(read: ArgumentShape['read'], required: readonly string[]): ArgumentShape {
  return { fields: Object.keys(read({})), required, read };
}

/** Checks that the argument of a capability is an object with only the fields it knows. @internal */
export function parseArgs(value: unknown, capability: string, shape: ArgumentShape): Record<string, unknown> {
  try {
    return checkArgs(value, capability, shape);
  } catch (error) {
    if (isPaceError(error)) throw error;
    // A revoked Proxy, or a trap or getter of the caller's that throws while the argument is read.
    const message = 'could not be read (reading it threw); pass plain data';
    throw new PaceError('invalid-input', `${capability}: the argument ${message}`, [{ path: '$', message }], { cause: error });
  }
}

function checkArgs(value: unknown, capability: string, shape: ArgumentShape): Record<string, unknown> {
  const { fields: allowed, required: requiredFields } = shape;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PaceError('invalid-input', `${capability} expects an object { ${allowed.join(', ')} }`, [{ path: '$', message: `expected an object with ${requiredFields.join(', ')}` }]);
  }
  const record = value as Record<string, unknown>;
  let ok = true;
  for (const k in record) if (!allowed.includes(k)) ok = false;
  // The fields are read once, here (a getter of the caller's is not asked twice), into the copy
  // the capability then reads.
  const fields = shape.read(record);
  for (let i = 0; i < requiredFields.length; i++) if (fields[requiredFields[i]!] === undefined) ok = false;
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

const fastMember = inputParser(MemberSchema);
const fastPurchase = inputParser(PurchaseSchema);

/** A validated copy of a member (the fast parser derived from MemberSchema, else the schema). @internal */
export function parseMember(value: unknown, root = '$.member'): Member {
  const fast = fastMember(value);
  if (fast !== REFUSED) return fast as Member;
  return parseWith(MemberSchema, readInput(value, root, 'member'), root, 'member');
}

/** A validated copy of a purchase (the fast parser derived from PurchaseSchema, else the schema). @internal */
export function parsePurchase(value: unknown, root = '$.purchase'): Purchase {
  const fast = fastPurchase(value);
  if (fast !== REFUSED) return fast as Purchase;
  return parseWith(PurchaseSchema, readInput(value, root, 'purchase'), root, 'purchase');
}

/** @internal */
export function parseContract(value: unknown, root = '$.contract'): PreparedContract {
  if (isPreparedContract(value)) return value;
  return prepareContract(value, root);
}

/** @internal */
export function parseAsOf(value: unknown, root = '$.asOf'): CalendarDate {
  return isCalendarDate(value) ? value : parseWith(CalendarDateSchema, value, root, 'date', 'invalid-date');
}
