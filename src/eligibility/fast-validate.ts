// Conservative fast checks for the hot paths (a decision should cost microseconds, and zod's
// full parse of a member costs several). Each returns true only for values its schema certainly
// accepts; anything else (including every invalid value) goes to the schema, which reports the
// problems with their paths. A property test holds them to that: fast ⇒ schema accepts.
import { isCalendarDate } from '../dates/calendar-date.js';
import { MemberKindSchema } from '../model/member.js';
import { PurchaseSupplyKindSchema } from '../model/purchase.js';

const MONEY = /^-?(?:0|[1-9]\d*)(?:\.\d{1,2})?$/;
const NON_NEGATIVE_MONEY = /^(?:0|[1-9]\d*)(?:\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATE = /^[A-Z]{2}$/;
/** A check for one of a few strings: a short scan of string comparisons beats a Set's hashing. */
function oneOf(list: readonly string[]): (v: unknown) => boolean {
  return (v) => {
    if (typeof v !== 'string') return false;
    for (let i = 0; i < list.length; i++) if (list[i] === v) return true;
    return false;
  };
}
const isMemberKind = oneOf(MemberKindSchema.options);
const isSupplyKind = oneOf(PurchaseSupplyKindSchema.options);
const isDistrictType = oneOf(['elementary', 'high-school', 'unified']);
const isStatus = oneOf(['active', 'pending', 'suspended', 'withdrawn']);
const isSource = oneOf(['federal', 'state', 'local']);

const knownDates = new Map<string, boolean>();
function isDate(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  let ok = knownDates.get(v);
  if (ok === undefined) {
    ok = DATE.test(v) && isCalendarDate(v);
    if (knownDates.size > 50_000) knownDates.clear();
    knownDates.set(v, ok);
  }
  return ok;
}
const isOptionalDate = (v: unknown): boolean => v === undefined || isDate(v);
const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isOptionalId = (v: unknown): boolean => v === undefined || isId(v);
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
function hasOnly(r: Record<string, unknown>, known: (key: string) => boolean): boolean {
  for (const k in r) if (!known(k)) return false;
  return true;
}
function isIdList(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (const x of v) if (!isId(x)) return false;
  return true;
}

// Key checks as switches: the keys for…in yields are internalized strings, so each case is a
// pointer comparison, where a Set lookup hashes the key (measured: the switch halves the cost of
// validating a member).
const MEMBER_KEYS = (k: string): boolean => {
  switch (k) {
    case 'id':
    case 'name':
    case 'kind':
    case 'districtType':
    case 'state':
    case 'averageDailyAttendance':
    case 'membership':
    case 'boardAuthorizations':
    case 'cupccaa':
    case 'federalMicroPurchaseThreshold':
      return true;
    default:
      return false;
  }
};
const MEMBERSHIP_KEYS = (k: string): boolean => k === 'programId' || k === 'status' || k === 'since' || k === 'until' || k === 'feesPaidThrough';
const AUTHORIZATION_KEYS = (k: string): boolean => k === 'id' || k === 'adoptedOn' || k === 'expiresOn' || k === 'scope' || k === 'ref';
const SCOPE_KEYS = (k: string): boolean => k === 'programIds' || k === 'contractIds' || k === 'categories';
const CUPCCAA_KEYS = (k: string): boolean => k === 'optedIn' || k === 'since';
const MPT_KEYS = (k: string): boolean => k === 'amount' || k === 'selfCertifiedOn';

/** True only for members `MemberSchema` certainly accepts. @internal */
export function isPlainValidMember(value: unknown): boolean {
  if (!isRecord(value) || !hasOnly(value, MEMBER_KEYS)) return false;
  const m = value;
  if (!isId(m['id']) || typeof m['name'] !== 'string' || m['name'] === '' || !isMemberKind(m['kind'])) return false;
  if (m['districtType'] !== undefined && !isDistrictType(m['districtType'])) return false;
  if (typeof m['state'] !== 'string' || !STATE.test(m['state'])) return false;
  const ada = m['averageDailyAttendance'];
  if (ada !== undefined && (typeof ada !== 'number' || !Number.isFinite(ada) || ada < 0)) return false;
  const ms = m['membership'];
  if (ms !== undefined) {
    if (!isRecord(ms) || !hasOnly(ms, MEMBERSHIP_KEYS)) return false;
    if (!isId(ms['programId']) || !isStatus(ms['status']) || !isDate(ms['since']) || !isOptionalDate(ms['until']) || !isOptionalDate(ms['feesPaidThrough'])) return false;
  }
  const auths = m['boardAuthorizations'];
  if (auths !== undefined) {
    if (!Array.isArray(auths)) return false;
    for (const a of auths as unknown[]) {
      if (!isRecord(a) || !hasOnly(a, AUTHORIZATION_KEYS)) return false;
      if (!isId(a['id']) || !isDate(a['adoptedOn']) || !isOptionalDate(a['expiresOn']) || !isOptionalString(a['ref'])) return false;
      const scope = a['scope'];
      if (!isRecord(scope) || !hasOnly(scope, SCOPE_KEYS) || !isIdList(scope['programIds']) || !isIdList(scope['contractIds']) || !isIdList(scope['categories'])) return false;
    }
  }
  const cup = m['cupccaa'];
  if (cup !== undefined && (!isRecord(cup) || !hasOnly(cup, CUPCCAA_KEYS) || typeof cup['optedIn'] !== 'boolean' || !isOptionalDate(cup['since']))) return false;
  const mpt = m['federalMicroPurchaseThreshold'];
  if (mpt !== undefined && (!isRecord(mpt) || !hasOnly(mpt, MPT_KEYS) || typeof mpt['amount'] !== 'string' || !MONEY.test(mpt['amount']) || !isDate(mpt['selfCertifiedOn']))) return false;
  return true;
}

const PURCHASE_KEYS = (k: string): boolean => {
  switch (k) {
    case 'id':
    case 'memberId':
    case 'date':
    case 'amount':
    case 'supplyKind':
    case 'category':
    case 'contractId':
    case 'vendorId':
    case 'description':
    case 'emergency':
    case 'funding':
    case 'documents':
      return true;
    default:
      return false;
  }
};
const FUNDING_KEYS = (k: string): boolean => k === 'source' || k === 'program' || k === 'amount';
const DOCUMENT_KEYS = (k: string): boolean => k === 'kind' || k === 'ref' || k === 'date';

/** True only for purchases `PurchaseSchema` certainly accepts. @internal */
export function isPlainValidPurchase(value: unknown): boolean {
  if (!isRecord(value) || !hasOnly(value, PURCHASE_KEYS)) return false;
  const p = value;
  if (!isId(p['id']) || !isId(p['memberId']) || !isDate(p['date']) || !isSupplyKind(p['supplyKind'])) return false;
  const amount = p['amount'];
  if (typeof amount === 'string') {
    if (!NON_NEGATIVE_MONEY.test(amount)) return false;
  } else if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) return false;
  if (!isOptionalId(p['category']) || !isOptionalId(p['contractId']) || !isOptionalId(p['vendorId']) || !isOptionalString(p['description'])) return false;
  if (p['emergency'] !== undefined && typeof p['emergency'] !== 'boolean') return false;
  const funding = p['funding'];
  if (funding !== undefined) {
    if (!Array.isArray(funding)) return false;
    for (const f of funding as unknown[]) {
      if (!isRecord(f) || !hasOnly(f, FUNDING_KEYS) || !isSource(f['source']) || !isOptionalString(f['program']) || typeof f['amount'] !== 'string' || !MONEY.test(f['amount'])) return false;
    }
  }
  const documents = p['documents'];
  if (documents !== undefined) {
    if (!Array.isArray(documents)) return false;
    for (const d of documents as unknown[]) {
      if (!isRecord(d) || !hasOnly(d, DOCUMENT_KEYS) || !isId(d['kind']) || !isOptionalString(d['ref']) || !isOptionalDate(d['date'])) return false;
    }
  }
  return true;
}

/** True only for calendar dates `CalendarDateSchema` accepts (cached). @internal */
export function isPlainValidDate(value: unknown): boolean {
  return isDate(value);
}
