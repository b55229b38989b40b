import type { CalendarDate } from '../dates/calendar-date.js';
import { PaceError } from '../errors/pace-error.js';
import { MemberSchema, type Member } from '../model/member.js';
import { parseWith } from '../model/parse.js';
import { CalendarDateSchema } from '../model/primitives.js';
import { PurchaseSchema, type Purchase } from '../model/purchase.js';
import { prepareContract, type PreparedContract } from '../contracts/prepare-contract.js';
import { REFUSED, inputParser } from '../model/fast-parse.js';
import { isCalendarDate } from '../dates/calendar-date.js';

/** Checks that the argument of a capability is an object with only the fields it knows. @internal */
export function parseArgs(value: unknown, capability: string, allowed: readonly string[], requiredFields: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PaceError('invalid-input', `${capability} expects an object { ${allowed.join(', ')} }`, [{ path: '$', message: `expected an object with ${requiredFields.join(', ')}` }]);
  }
  const record = value as Record<string, unknown>;
  let ok = true;
  for (const k in record) if (!allowed.includes(k)) ok = false;
  for (const f of requiredFields) if (record[f] === undefined) ok = false;
  if (ok) return record;
  const issues = [
    ...requiredFields.filter((f) => record[f] === undefined).map((f) => ({ path: `$.${f}`, message: 'required' })),
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
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new PaceError('invalid-input', `${capability}: options must be an object { trace? }`, [{ path: '$.options', message: 'expected an object { trace?: boolean }' }]);
  }
  let trace: unknown;
  let unknown: string | undefined;
  try {
    for (const key of Object.keys(options)) if (key !== 'trace') unknown ??= key;
    trace = (options as Record<string, unknown>)['trace'];
  } catch (error) {
    throw new PaceError('invalid-input', `${capability}: the options could not be read`, [{ path: '$.options', message: 'reading the options threw' }], { cause: error });
  }
  if (unknown !== undefined) throw new PaceError('invalid-input', `${capability}: unknown option "${unknown}"`, [{ path: `$.options.${unknown}`, message: 'unknown option (expected trace)' }]);
  if (trace !== undefined && typeof trace !== 'boolean') throw new PaceError('invalid-input', `${capability}: options.trace must be true or false`, [{ path: '$.options.trace', message: 'expected a boolean' }]);
  return trace !== false;
}

const fastMember = inputParser(MemberSchema);
const fastPurchase = inputParser(PurchaseSchema);

/** A validated copy of a member (the fast parser derived from MemberSchema, else the schema). @internal */
export function parseMember(value: unknown, root = '$.member'): Member {
  const fast = fastMember(value);
  return fast !== REFUSED ? (fast as Member) : parseWith(MemberSchema, value, root, 'member');
}

/** A validated copy of a purchase (the fast parser derived from PurchaseSchema, else the schema). @internal */
export function parsePurchase(value: unknown, root = '$.purchase'): Purchase {
  const fast = fastPurchase(value);
  return fast !== REFUSED ? (fast as Purchase) : parseWith(PurchaseSchema, value, root, 'purchase');
}

/** @internal */
export function parseContract(value: unknown, root = '$.contract'): PreparedContract {
  return prepareContract(value, root);
}

/** @internal */
export function parseAsOf(value: unknown, root = '$.asOf'): CalendarDate {
  return isCalendarDate(value) ? value : parseWith(CalendarDateSchema, value, root, 'date', 'invalid-date');
}
