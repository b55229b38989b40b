import type { CalendarDate } from '../dates/calendar-date.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { Program } from '../model/rules-pack.js';
import { PaceError } from '../errors/pace-error.js';
import { isPreparedContract } from '../contracts/prepare-contract.js';
import { termStatus, type TermStatus } from '../contracts/term-status.js';
import { monthsLaterWithin } from '../dates/calendar-date.js';
import { computeRequiredMethods, publicProjectMethod, regimeKindOf, type RequiredMethod, type RequiredMethodsResult, type ThresholdSubject } from './required-method.js';
import { moneyToCents, type ThresholdTable } from './threshold-table.js';

/** The facts object the rules read (see docs/facts.md). @internal */
export type Facts = {
  member: Record<string, unknown>;
  contract: Record<string, unknown>;
  purchase: Record<string, unknown>;
  program: Record<string, unknown>;
  asOf: CalendarDate;
};

/** Facts, and (when asked for) the methods the thresholds require with what comparing them found. @internal */
export interface DerivedFacts {
  readonly facts: Facts;
  readonly required: RequiredMethodsResult | undefined;
}

/** Whether a member's CUPCCAA election is in force on a date. @internal */
export function isCupccaaInForce(member: Member, date: CalendarDate): boolean {
  const c = member.cupccaa;
  return c !== undefined && c.optedIn && (c.since === undefined || c.since <= date);
}

/** Whether any funding line of the purchase is federal. @internal */
export function hasFederalFunds(purchase: Purchase): boolean {
  return purchase.funding?.some((f) => f.source === 'federal') ?? false;
}

/** The `fundingProgramKeys` of a purchase without funding lines that name a program: one frozen list. */
const NO_PROGRAM_KEYS: readonly string[] = Object.freeze([]);

/**
 * A funding program's name as a key the packs compare with: compatibility-decomposed (NFKD),
 * lower-cased, and with every character other than `a`-`z` and `0`-`9` left out, so that the
 * ways an ERP may write one program give one key ("E-Rate", "e-rate", "E Rate" and "ERATE" give
 * `erate`; "Title I" gives `titlei`). Which programs a rule keys on is pack data. @internal
 */
export function fundingProgramKey(program: string): string {
  return program.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The `fundingProgramKeys` fact: the key ({@link fundingProgramKey}) of the program of each
 * funding line that names one, in the lines' order, whatever the line's source. @internal
 */
export function fundingProgramKeys(funding: Purchase['funding']): readonly string[] {
  let keys: string[] | undefined;
  if (funding !== undefined) for (const f of funding) if (f.program !== undefined) (keys ??= []).push(fundingProgramKey(f.program));
  return keys ?? NO_PROGRAM_KEYS;
}

/**
 * The `vendorAuthorized` fact: whether the vendor is the contract's or one of its authorized
 * dealers; undefined without a contract or a vendor. @internal
 */
export function isVendorAuthorized(contract: Contract | undefined, vendorId: string | undefined): boolean | undefined {
  return contract === undefined || vendorId === undefined ? undefined : vendorId === contract.vendor.id || (contract.authorizedDealers?.some((d) => d.id === vendorId) ?? false);
}

function boardAuthorization(member: Member, contract: Contract | undefined, program: Program | undefined, category: string | undefined, given: boolean, date: CalendarDate) {
  const required = program !== undefined && includes(program.boardAuthorizationRequiredFor, member.kind);
  let coversContract = false;
  let coversCategory = false;
  // Whether an authorization covering the contract names no categories (covers every one).
  let coversEveryCategory = false;
  if (contract) {
    for (const a of member.boardAuthorizations ?? []) {
      if (a.adoptedOn > date || (a.expiresOn !== undefined && date > a.expiresOn)) continue;
      const { programIds, contractIds, categories } = a.scope;
      // An authorization that names neither programs nor contracts is a general one.
      const named = programIds !== undefined || contractIds !== undefined;
      if (named && !(programIds?.includes(contract.programId) ?? false) && !(contractIds?.includes(contract.id) ?? false)) continue;
      coversContract = true;
      if (categories === undefined) coversEveryCategory = true;
      // Without a category named, the contract is what is covered: one of its categories must be
      // within the authorization (a resolution for technology alone does not cover a custodial
      // contract; it did, whenever no purchase category was given).
      if (categories === undefined || (category === undefined ? contract.categories.some((c) => categories.includes(c)) : categories.includes(category))) coversCategory = true;
    }
  }
  const limitedToCategories = coversContract && !coversEveryCategory;
  // A purchase that names no category cannot be shown to be within an authorization limited to
  // categories (the eligibility rule board-authorization-category-not-named); without a purchase,
  // the contract is what is covered.
  return { required, coversContract, coversCategory, limitedToCategories, coversPurchase: coversCategory && !(limitedToCategories && given && category === undefined) };
}

const NO_CONTRACT: Readonly<Record<string, unknown>> = Object.freeze({ given: false });
/** The program fact of a decision without a known program: one object, so it can be bound as constant. */
const NO_PROGRAM: Readonly<Record<string, unknown>> = Object.freeze({});

// The contract fact depends only on the contract, its program and where the date falls in the
// contract's term (in force, outside, in an unexercised renewal), not on the date itself. For a
// prepared contract (frozen by the library, and never changed) the facts are kept beside the
// contract, weakly, one per program and term status: decisions on any date reuse one of a few
// frozen facts (and the rules bound to it as constants, see rule-sets.ts), where keeping them per
// date rebuilt both for most rows of a ledger spanning more dates than the cache held. A raw
// contract is parsed afresh for each decision anyway, and its fact is built afresh.
interface KeptContractFact {
  readonly program: Program | undefined;
  readonly status: TermStatus;
  readonly fact: Record<string, unknown>;
}
const contractFacts = new WeakMap<object, KeptContractFact[]>();
/** Facts kept per contract at most (three term statuses for each of a few programs; the oldest goes first). */
const KEPT_FACTS_PER_CONTRACT = 12;

function contractFactOf(contract: Contract, program: Program | undefined, asOf: CalendarDate): Record<string, unknown> {
  const status = termStatus(contract, asOf);
  // Only prepared contracts are kept, so a contract found here is one (asked only on a miss).
  let kept = contractFacts.get(contract);
  if (kept !== undefined) {
    for (let i = 0; i < kept.length; i++) {
      const k = kept[i]!;
      if (k.status === status && k.program === program) return k.fact;
    }
  }
  const cacheable = kept !== undefined || isPreparedContract(contract);
  const fact: Record<string, unknown> = Object.assign({}, contract, {
    given: true,
    programKnown: program !== undefined,
    inForce: status === 'in-force',
    inForceByUnexercisedRenewal: status === 'unexercised-renewal',
    states: contract.eligibleStates ?? ['CA'],
    categoriesInProgram: program === undefined || contract.categories.every((c) => program.categories.some((pc) => pc.id === c)),
    competitivelySolicited: contract.solicitation.kind !== 'other',
    fullTermMonths: fullTermMonths(contract),
    goodsOnly: isGoodsOnly(contract),
  });
  if (cacheable) {
    // Frozen so that no rule engine or caller can change a fact another decision will read.
    deepFreezeShallowArrays(fact);
    if (!kept) contractFacts.set(contract, (kept = []));
    if (kept.length >= KEPT_FACTS_PER_CONTRACT) kept.shift();
    kept.push({ program, status, fact });
  }
  return fact;
}

/**
 * Whether the contract covers goods only: its supply kind is goods and so is every item of its
 * price schedules (an item may be of another kind: training hours on a technology contract).
 */
function isGoodsOnly(contract: Contract): boolean {
  if (contract.supplyKind !== 'goods') return false;
  for (const schedule of contract.priceSchedules) for (const item of schedule.items) if (item.supplyKind !== undefined && item.supplyKind !== 'goods') return false;
  return true;
}

/**
 * The months the term runs with its renewal options (exercised or not: the contract as written):
 * the fewest whole months from its start that reach past its last day. 60 for 2024-07-01 to
 * 2029-06-30; 61 for a day more.
 */
function fullTermMonths(contract: Contract): number {
  let end = contract.term.end;
  for (const r of contract.term.renewals ?? []) if (r.end > end) end = r.end;
  const start = contract.term.start;
  let months = Math.max(0, (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + (Number(end.slice(5, 7)) - Number(start.slice(5, 7))) - 1);
  // (a term to 9999-12-31, an ERP's "no end date", reaches past the calendar's last month)
  const past = (m: number): boolean => {
    const at = monthsLaterWithin(start, m);
    return at === undefined || at > end;
  };
  while (!past(months)) months++;
  while (months > 0 && past(months - 1)) months--;
  return months;
}

function deepFreezeShallowArrays(fact: Record<string, unknown>): void {
  Object.freeze(fact['states']);
  Object.freeze(fact);
}

// The contract and the program are deep-frozen (prepared contracts, packs), and V8 runs
// includes/some on a frozen array in a builtin that calls back per element instead of inlining
// them: a plain loop is several times cheaper (measured: the program's categories were the costliest
// line of deriveFacts).
function includes(list: readonly string[], value: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

function hasCategory(program: Program, id: string): boolean {
  const categories = program.categories;
  for (let i = 0; i < categories.length; i++) if (categories[i]!.id === id) return true;
  return false;
}

/** Whether the purchase with the member's earlier spend goes over the contract's cap per member (undefined: no cap). */
function exceedsMaxAmountPerMember(contract: Contract | undefined, cents: number, spent: string | number | undefined): boolean | undefined {
  if (contract?.maxAmountPerMember === undefined) return undefined;
  return cents + (spent === undefined ? 0 : moneyToCents(spent)) > moneyToCents(contract.maxAmountPerMember);
}

/** Whether the funding lines add up to the amount (undefined: no lines given). */
function fundingAddsUp(funding: Purchase['funding'], cents: number): boolean | undefined {
  if (funding === undefined || funding.length === 0) return undefined;
  let sum = 0;
  for (const f of funding) sum += moneyToCents(f.amount);
  return sum === cents;
}

/**
 * Checks that a purchase belongs with the member and contract it is judged with; `root` is the
 * JSON path of the object holding them (default `$`, the capability's argument).
 * @internal
 */
export function checkReferences(member: Member, contract: Contract | undefined, purchase: Purchase | undefined, root = '$'): void {
  if (purchase && purchase.memberId !== member.id) {
    throw new PaceError('invalid-input', `${root}.purchase.memberId: the purchase is of member "${purchase.memberId}", not of the member given ("${member.id}")`, [
      { path: `${root}.purchase.memberId`, message: `expected "${member.id}" (the member given)` },
    ]);
  }
  if (purchase && contract && purchase.contractId !== undefined && purchase.contractId !== contract.id) {
    throw new PaceError('invalid-input', `${root}.purchase.contractId: the purchase cites contract "${purchase.contractId}", not the contract given ("${contract.id}")`, [
      { path: `${root}.purchase.contractId`, message: `expected "${contract.id}" (the contract given)` },
    ]);
  }
}

/**
 * Computes the facts the rules read: the inputs plus the derived facts of docs/facts.md, each
 * computed once, and (when there is a purchase and `withMethods`) the methods its thresholds
 * require (their trace steps only with `trace`); rules that do not read those are spared
 * comparing every threshold. Pure: what
 * comparing the thresholds found and traced comes back in `required`, nothing is pushed anywhere.
 * @internal
 */
export function deriveFacts(
  table: ThresholdTable,
  programs: ReadonlyMap<string, Program>,
  input: { member: Member; contract: Contract | undefined; purchase: Purchase | undefined; asOf: CalendarDate; spentUnderContract?: string | number | undefined },
  withMethods = true,
  trace = true,
): DerivedFacts {
  const { member, contract, purchase, asOf } = input;
  const regime = regimeKindOf(member);
  const program = contract ? programs.get(contract.programId) : undefined;
  const category = purchase?.category;
  const membership = member.membership;
  const cupccaaInForce = isCupccaaInForce(member, asOf);
  // The member's fields and the derived facts, built as one literal: V8 then allocates the
  // object once with every property in place, where Object.assign({}, member) followed by six
  // assignments grows its property store several times (about 4x slower, measured). Members are
  // validated to hold only these fields (a strict schema), so the fact has the same entries; an
  // absent optional field is an own key holding undefined, which every path reads as absent.
  // test/compliance/derive-facts.test.ts checks the keys against MemberSchema.
  const memberFact: Record<string, unknown> = {
    id: member.id,
    name: member.name,
    kind: member.kind,
    districtType: member.districtType,
    state: member.state,
    averageDailyAttendance: member.averageDailyAttendance,
    membership,
    boardAuthorizations: member.boardAuthorizations,
    cupccaa: member.cupccaa,
    federalMicroPurchaseThreshold: member.federalMicroPurchaseThreshold,
    regimeOf: member.regimeOf,
    meta: member.meta,
    regime: regime.kind,
    regimeKnown: !regime.unknown,
    isMemberOfProgram: membership !== undefined && (contract === undefined || membership.programId === contract.programId),
    membershipInForce: membership !== undefined && membership.since <= asOf && (membership.until === undefined || asOf <= membership.until),
    feesPaid: membership?.feesPaidThrough !== undefined && membership.feesPaidThrough >= asOf,
    averageDailyAttendanceGiven: member.averageDailyAttendance !== undefined,
    cupccaaInForce,
    boardAuthorization: boardAuthorization(member, contract, program, category, purchase !== undefined, asOf),
  };
  const contractFact = contract ? contractFactOf(contract, program, asOf) : NO_CONTRACT;
  let purchaseFact: Record<string, unknown> = { given: false };
  let required: RequiredMethodsResult | undefined;
  if (purchase) {
    const cents = moneyToCents(purchase.amount);
    const federal = hasFederalFunds(purchase);
    let federalCents = 0;
    for (const f of purchase.funding ?? []) if (f.source === 'federal') federalCents += moneyToCents(f.amount);
    let projectMethod: RequiredMethod | undefined;
    if (withMethods) {
      const subject: ThresholdSubject = { member, purchase, date: purchase.date, cents, hasFederalFunds: federal, cupccaaInForce: isCupccaaInForce(member, purchase.date) };
      required = computeRequiredMethods(table, subject, trace);
      // A public work inside a purchase of another kind (a goods PO with installation).
      if (purchase.publicWorks !== undefined && purchase.supplyKind !== 'public-works') projectMethod = publicProjectMethod(table, subject);
    }
    // One literal, as for the member (checked against PurchaseSchema by the same test).
    purchaseFact = {
      id: purchase.id,
      memberId: purchase.memberId,
      date: purchase.date,
      amount: purchase.amount,
      supplyKind: purchase.supplyKind,
      category,
      contractId: purchase.contractId,
      vendorId: purchase.vendorId,
      description: purchase.description,
      funding: purchase.funding,
      emergency: purchase.emergency,
      documents: purchase.documents,
      revisionOf: purchase.revisionOf,
      publicWorks: purchase.publicWorks,
      meta: purchase.meta,
      given: true,
      amountCents: cents,
      federalAmountCents: federalCents,
      hasFederalFunds: federal,
      fundingProgramKeys: fundingProgramKeys(purchase.funding),
      documentKinds: (purchase.documents ?? []).map((d) => d.kind),
      categoryGiven: category !== undefined,
      categoryInContract: category === undefined || contract === undefined || includes(contract.categories, category),
      categoryInProgram: category === undefined || program === undefined || hasCategory(program, category),
      requiredMethod: required?.methods.overall,
      stateMethod: required?.methods.state,
      federalMethod: required?.methods.federal,
      localMethod: required?.methods.local,
      microPurchaseBySelfCertification: required === undefined ? undefined : federal && required.methods.bySelfCert,
      microPurchaseThresholdSelfCertified: required === undefined ? undefined : federal && required.methods.selfCertified,
      competitionRequired: required === undefined ? undefined : required.methods.overall !== 'none',
      publicProjectMethod: projectMethod,
      exceedsMaxAmountPerMember: exceedsMaxAmountPerMember(contract, cents, input.spentUnderContract),
      vendorAuthorized: isVendorAuthorized(contract, purchase.vendorId),
      fundingAddsUp: fundingAddsUp(purchase.funding, cents),
      // Set by the audit checklist after the eligibility and procurement rules (contract-coverage.ts).
      coveredByCooperativeContract: undefined,
    };
  }
  const facts: Facts = { member: memberFact, contract: contractFact as Record<string, unknown>, purchase: purchaseFact, program: (program ?? NO_PROGRAM) as Record<string, unknown>, asOf };
  return { facts, required };
}

/**
 * The facts as {@link deriveFacts} gives them without the methods: the purchase fact holds no
 * method (the same keys, undefined). The member, contract and program facts are shared.
 * @internal
 */
export function withoutMethods(facts: Facts): Facts {
  const purchase = facts.purchase;
  if (purchase['given'] !== true || purchase['requiredMethod'] === undefined) return facts;
  return { ...facts, purchase: { ...purchase, requiredMethod: undefined, stateMethod: undefined, federalMethod: undefined, localMethod: undefined, microPurchaseBySelfCertification: undefined, microPurchaseThresholdSelfCertified: undefined, competitionRequired: undefined, publicProjectMethod: undefined } };
}
