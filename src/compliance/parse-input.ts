import type { CalendarDate } from '../dates/calendar-date.js';
import { PaceError } from '../errors/pace-error.js';
import { MemberSchema, type Member } from '../model/member.js';
import { parseWith } from '../model/parse.js';
import { CalendarDateSchema } from '../model/primitives.js';
import { PurchaseSchema, type Purchase } from '../model/purchase.js';
import { prepareContract, type PreparedContract } from '../contracts/prepare-contract.js';
import { checkReferences } from './derive-facts.js';
import { isPlainValidDate, isPlainValidMember, isPlainValidPurchase } from './fast-validate.js';

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

/** @internal */
export function parseMember(value: unknown, root = '$.member'): Member {
  return isPlainValidMember(value) ? (value as Member) : parseWith(MemberSchema, value, root, 'member');
}

/** @internal */
export function parsePurchase(value: unknown, root = '$.purchase'): Purchase {
  return isPlainValidPurchase(value) ? (value as Purchase) : parseWith(PurchaseSchema, value, root, 'purchase');
}

/** @internal */
export function parseContract(value: unknown, root = '$.contract'): PreparedContract {
  return prepareContract(value, root);
}

/** @internal */
export function parseAsOf(value: unknown, root = '$.asOf'): CalendarDate {
  return isPlainValidDate(value) ? (value as CalendarDate) : parseWith(CalendarDateSchema, value, root, 'date', 'invalid-date');
}

/**
 * The `{ member, purchase, contract? }` argument of `procurementMethod` and `auditChecklist`:
 * each part validated, and the purchase checked to belong to the member (and to cite the contract).
 * @internal
 */
export function parsePurchaseDecisionArgs(input: unknown, capability: string): { member: Member; purchase: Purchase; contract: PreparedContract | undefined } {
  const args = parseArgs(input, capability, ['member', 'purchase', 'contract'], ['member', 'purchase']);
  const member = parseMember(args['member']);
  const purchase = parsePurchase(args['purchase']);
  const contract = args['contract'] === undefined ? undefined : parseContract(args['contract']);
  checkReferences(member, contract, purchase);
  return { member, purchase, contract };
}
