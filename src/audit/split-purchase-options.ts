import { PaceError } from '../errors/pace-error.js';
import type { Member } from '../model/member.js';
import { parseMember } from '../compliance/parse-input.js';

/** The options of findSplitPurchases, validated. @internal */
export interface ParsedOptions {
  days: number | undefined;
  members: ReadonlyMap<string, Member> | undefined;
  acrossVendors: boolean;
}

const OPTION_KEYS = ['window', 'members', 'acrossVendors'];

/**
 * Validates the options of findSplitPurchases (`window`, `members`, `acrossVendors`); bad options
 * throw a PaceError naming `$.options…`.
 * @internal
 */
export function parseSplitPurchaseOptions(options: unknown): ParsedOptions {
  if (options === undefined) return { days: undefined, members: undefined, acrossVendors: false };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new PaceError('invalid-input', 'findSplitPurchases: options must be an object { window?, members?, acrossVendors? }', [{ path: '$.options', message: 'expected an object { window?, members?, acrossVendors? }' }]);
  }
  const o = options as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!OPTION_KEYS.includes(k)) throw new PaceError('invalid-input', `findSplitPurchases: unknown option "${k}"`, [{ path: `$.options.${k}`, message: `unknown option (expected ${OPTION_KEYS.join(', ')})` }]);
  }
  const acrossVendors = o['acrossVendors'];
  if (acrossVendors !== undefined && typeof acrossVendors !== 'boolean') {
    throw new PaceError('invalid-input', 'findSplitPurchases: acrossVendors must be true or false', [{ path: '$.options.acrossVendors', message: 'expected a boolean' }]);
  }
  return { days: parseWindow(o['window']), members: parseMembers(o['members']), acrossVendors: acrossVendors === true };
}

function parseWindow(w: unknown): number | undefined {
  if (w === undefined || w === 'fiscal-year') return undefined;
  if (w !== null && typeof w === 'object' && !Array.isArray(w)) {
    const keys = Object.keys(w);
    const days = (w as Record<string, unknown>)['days'];
    if (keys.length === 1 && typeof days === 'number' && Number.isSafeInteger(days) && days >= 0) return days;
    throw new PaceError('invalid-input', 'findSplitPurchases: window.days must be a whole number of days, zero or more', [{ path: '$.options.window.days', message: 'expected a whole number of days, zero or more' }]);
  }
  throw new PaceError('invalid-input', 'findSplitPurchases: window must be "fiscal-year" or { days }', [{ path: '$.options.window', message: 'expected "fiscal-year" or { days: number }' }]);
}

function parseMembers(value: unknown): ReadonlyMap<string, Member> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new PaceError('invalid-input', 'findSplitPurchases: members must be an array of members', [{ path: '$.options.members', message: 'expected an array of members' }]);
  const byId = new Map<string, Member>();
  value.forEach((raw, i) => {
    const member = parseMember(raw, `$.options.members[${i}]`);
    if (byId.has(member.id)) {
      throw new PaceError('invalid-input', `findSplitPurchases: member "${member.id}" is given twice`, [{ path: `$.options.members[${i}].id`, message: `duplicate member id "${member.id}"` }]);
    }
    byId.set(member.id, member);
  });
  return byId;
}
