// Conservative fast checks for the hot paths (a decision should cost microseconds, and zod's
// full parse of a member costs several). Each returns true only for values its schema certainly
// accepts; anything else (including every invalid value) goes to the schema, which reports the
// problems with their paths. A property test holds them to that: fast ⇒ schema accepts.
import { isCalendarDate } from '../dates/calendar-date.js';
import { MemberKindSchema } from '../model/member.js';
import { PurchaseSupplyKindSchema } from '../model/purchase.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * `/^-?(?:0|[1-9]\d*)(?:\.\d{1,2})?$/` (the minus only when `signed`), by hand: a regular
 * expression test costs more than the rest of a purchase's check.
 * @internal
 */
export function isMoneyText(text: string, signed: boolean): boolean {
  const n = text.length;
  let i = signed && text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return false;
  const first = text.charCodeAt(i++);
  if (first !== 48) {
    if (!isDigit(first)) return false;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  if (i === n) return true;
  if (text.charCodeAt(i++) !== 46) return false;
  const decimals = n - i;
  if (decimals < 1 || decimals > 2) return false;
  for (; i < n; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** `/^[A-Z]{2}$/` by hand. */
function isStateCode(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 2) return false;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}
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

const isDate = isCalendarDate;
const isOptionalDate = (v: unknown): boolean => v === undefined || isDate(v);
const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isOptionalId = (v: unknown): boolean => v === undefined || isId(v);
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

function isRecord(v: unknown): v is Record<string, unknown> {
  // No prototype check (it is a runtime call): the schemas accept any non-array object whose
  // fields pass, and for…in in hasOnly sees inherited enumerable keys as well as own ones.
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
/**
 * Whether every key for…in yields is one of `keys`: the keys it yields are internalized strings,
 * so each comparison with a listed key is a pointer comparison (a Set would hash every key).
 */
function hasOnly(r: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const k in r) {
    let known = false;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === k) {
        known = true;
        break;
      }
    }
    if (!known) return false;
  }
  return true;
}
function isIdList(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (const x of v) if (!isId(x)) return false;
  return true;
}

const MEMBER_KEYS = ['id', 'name', 'kind', 'districtType', 'state', 'averageDailyAttendance', 'membership', 'boardAuthorizations', 'cupccaa', 'federalMicroPurchaseThreshold'];
const MEMBERSHIP_KEYS = ['programId', 'status', 'since', 'until', 'feesPaidThrough'];
const AUTHORIZATION_KEYS = ['id', 'adoptedOn', 'expiresOn', 'scope', 'ref'];
const SCOPE_KEYS = ['programIds', 'contractIds', 'categories'];
const CUPCCAA_KEYS = ['optedIn', 'since'];
const MPT_KEYS = ['amount', 'selfCertifiedOn'];

/** True only for members `MemberSchema` certainly accepts. @internal */
export function isPlainValidMember(value: unknown): boolean {
  if (!isRecord(value) || !hasOnly(value, MEMBER_KEYS)) return false;
  const m = value;
  if (!isId(m['id']) || typeof m['name'] !== 'string' || m['name'] === '' || !isMemberKind(m['kind'])) return false;
  if (m['districtType'] !== undefined && !isDistrictType(m['districtType'])) return false;
  if (!isStateCode(m['state'])) return false;
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
  if (mpt !== undefined && (!isRecord(mpt) || !hasOnly(mpt, MPT_KEYS) || typeof mpt['amount'] !== 'string' || !isMoneyText(mpt['amount'], true) || !isDate(mpt['selfCertifiedOn']))) return false;
  return true;
}

const PURCHASE_KEYS = ['id', 'memberId', 'date', 'amount', 'supplyKind', 'category', 'contractId', 'vendorId', 'description', 'emergency', 'funding', 'documents'];
const FUNDING_KEYS = ['source', 'program', 'amount'];
const DOCUMENT_KEYS = ['kind', 'ref', 'date'];

/** True only for purchases `PurchaseSchema` certainly accepts. @internal */
export function isPlainValidPurchase(value: unknown): boolean {
  if (!isRecord(value) || !hasOnly(value, PURCHASE_KEYS)) return false;
  const p = value;
  if (!isId(p['id']) || !isId(p['memberId']) || !isDate(p['date']) || !isSupplyKind(p['supplyKind'])) return false;
  const amount = p['amount'];
  if (typeof amount === 'string') {
    if (!isMoneyText(amount, false)) return false;
  } else if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) return false;
  if (!isOptionalId(p['category']) || !isOptionalId(p['contractId']) || !isOptionalId(p['vendorId']) || !isOptionalString(p['description'])) return false;
  if (p['emergency'] !== undefined && typeof p['emergency'] !== 'boolean') return false;
  const funding = p['funding'];
  if (funding !== undefined) {
    if (!Array.isArray(funding)) return false;
    for (const f of funding as unknown[]) {
      if (!isRecord(f) || !hasOnly(f, FUNDING_KEYS) || !isSource(f['source']) || !isOptionalString(f['program']) || typeof f['amount'] !== 'string' || !isMoneyText(f['amount'], true)) return false;
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
