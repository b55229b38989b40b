// The table of the fuzz suite: one entry per public function of pace-rules (src/index.ts), with a
// generator of valid arguments that the harness then mutates. To fuzz a new function, add an
// entry; to exclude one, move it to EXCLUDED with the failure it shows (the integrator re-enables
// it once the fix lands).
import { fc } from '@fast-check/vitest';
import * as z from 'zod/mini';
import {
  addDays,
  allocate,
  californiaLaw,
  compareDates,
  compileRules,
  ContractSchema,
  createPace,
  daysBetween,
  factVocabulary,
  fiscalYearOf,
  isCalendarDate,
  isDateInRange,
  isPaceError,
  isPreparedContract,
  loadRulesPack,
  MemberSchema,
  paceProgram,
  parsePath,
  PriceScheduleSchema,
  PurchaseSchema,
  roundToCents,
  RulesPackSchema,
} from '../../src/index.js';
import { arbCalendarDate, arbContract, arbMember, arbMoney, arbPriceSchedule, arbPurchase } from '../../src/testing/index.js';
import { oakValleyPolicy } from '../../examples/district-policy.js';
import { contract as fixtureContract, district as fixtureMember, purchase as fixturePurchase } from '../compliance/fixtures.js';
import { facts as arbFacts, ruleSet } from '../engine/arbitraries.js';
import { cloneJson, type MutationKind } from './harness.js';

/** One public function under fuzz. */
export interface FuzzEntry {
  /** The function, as a user calls it. */
  readonly name: string;
  /** Its share of the run budget (the cheap ones get more cases). */
  readonly weight: number;
  /** Valid argument lists; the harness copies and mutates them. */
  readonly args: fc.Arbitrary<unknown[]>;
  /** Calls the function with the (mutated) arguments. */
  readonly call: (args: unknown[]) => unknown;
  /** What may escape besides nothing (default: a PaceError only). */
  readonly allowed?: (thrown: unknown) => boolean;
  /**
   * Mutations left out while a known failure outside the fuzzed code is open: each with the
   * failure it shows, so the integrator re-enables it when the fix lands.
   */
  readonly exclude?: { readonly kinds?: readonly MutationKind[]; readonly junk?: readonly string[]; readonly because: string };
}

const pace = createPace();

const asOfFor = (contract: { term: { start: string } }): string => contract.term.start;

const arbCompliance = fc.oneof(
  fc.constant({ member: fixtureMember, contract: fixtureContract, purchase: fixturePurchase, asOf: '2025-03-01' }),
  fc.record({ member: arbMember({ eligible: true }), contract: arbContract({ usable: true }), purchase: arbPurchase(), asOf: arbCalendarDate() }),
  fc.record({ member: arbMember(), contract: arbContract(), purchase: arbPurchase(), asOf: arbCalendarDate() }),
);

/** A contract with its first schedule's skus ordered at a date the schedule is in force. */
const arbOrder = arbContract().chain((contract) => {
  const skus = (contract.priceSchedules[0]?.items ?? []).map((item) => item.sku);
  const sku = skus.length > 0 ? fc.constantFrom(...skus) : fc.constant('NO-SKU');
  const line = fc.record({ sku, quantity: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.constantFrom('1', '2.5', '10')) });
  return fc.record({ contract: fc.constant(contract), lines: fc.array(line, { minLength: 1, maxLength: 4 }), asOf: fc.constant(asOfFor(contract)) });
});

/** A small policy pack to layer on the bundled ones, and the bundled ones as JSON. */
const arbPacks = fc.constantFrom(
  () => [californiaLaw(), paceProgram(), oakValleyPolicy],
  () => [oakValleyPolicy],
  () => [californiaLaw(), paceProgram()],
).map((make) => make().map((pack) => cloneJson(pack) as unknown));

const isZodError = (e: unknown): boolean => e instanceof z.core.$ZodError;

// Known failures outside src/dates, src/money, src/errors (issue #9), seen on branch h-harden.
// Each exclusion names the failure; remove it when the fix lands, and the suite checks it again.
const PROXY_JUNK = ['Proxy whose traps throw', 'array Proxy whose traps throw', 'revoked Proxy'];
/**
 * An array of length 2^32 - 1 with no elements: zod visits every index (prepareContract with
 * `categories` set to one runs for minutes and runs out of memory), and
 * pace.findSplitPurchases(that array) throws RangeError after 14 s.
 */
const HUGE_SPARSE = 'array of length 2^32 - 1';
/** Validation reads the caller's objects outside guardInput: a throwing getter or Proxy trap escapes as itself ("e.issues is not iterable" in read-pricing-input). */
const UNGUARDED_READS = {
  kinds: ['throwing-getter', 'throwing-proxy', 'changing-getter'] as MutationKind[],
  junk: [...PROXY_JUNK, HUGE_SPARSE, 'object with a throwing getter'],
};
/**
 * findSplitPurchases (src/audit/find-split-purchases.ts) reads its purchases array itself before
 * validating: Array.isArray of a revoked Proxy is a TypeError and a trap that throws escapes; an
 * array of length 2^32 - 1 as the list is walked. The decisions (checkEligibility,
 * procurementMethod, auditChecklist) run with every mutation.
 */
const SPLIT_EXCLUDE = {
  ...UNGUARDED_READS,
  because: 'the purchases array is read before validation: a revoked Proxy gives TypeError "Cannot perform \'IsArray\'", a throwing trap or getter escapes as itself, an array of length 2^32 - 1 is walked',
};
const PRICING_EXCLUDE = {
  ...UNGUARDED_READS,
  junk: [...UNGUARDED_READS.junk, 'array nested 10,000 deep', 'object nested 10,000 deep', 'null-prototype object'],
  because:
    'getters/Proxies: the user error escapes, or TypeError "e.issues is not iterable" (src/pricing/read-pricing-input.ts readLines); ' +
    'a tier `upTo` nested 10,000 deep gives RangeError "Maximum call stack size exceeded" (pace.quote); ' +
    'a tier `upTo` that is Object.create(null) gives TypeError "Cannot convert object to primitive value" (pace.verifyInvoice)',
};
const SCHEMA_EXCLUDE = {
  ...UNGUARDED_READS,
  because: 'zod lets a throwing getter or Proxy trap escape as itself, and a revoked Proxy as TypeError "Cannot perform \'IsArray\'"; it visits every index of an array of length 2^32 - 1',
};

/**
 * The decisions read their input under a guard now (a throwing getter or Proxy trap is a PaceError
 * naming the part), but with these mutations enabled a fuzz run's worker exited (out of memory,
 * not yet diagnosed, seen 2026-11-29 on h-core): kept out until that is found.
 */
const DECISION_EXCLUDE = {
  ...UNGUARDED_READS,
  because: 'with getters, Proxies and the 2^32-1 array enabled, a fuzz worker exited unexpectedly (memory; not yet diagnosed)',
};

const PACK_EXCLUDE = {
  junk: [HUGE_SPARSE],
  because: 'RulesPackSchema (zod) visits every index of an array of length 2^32 - 1 in a pack (src/packs would need the bound compliance input has, refuseOversizedArrays)',
};

export const ENTRIES: readonly FuzzEntry[] = [
  // Compliance, on one Pace built once.
  {
    name: 'pace.checkEligibility',
    exclude: DECISION_EXCLUDE,
    weight: 3,
    args: arbCompliance.map(({ member, contract, purchase, asOf }) => [{ member, contract, asOf, purchase }]),
    call: ([input]) => pace.checkEligibility(input as never),
  },
  {
    name: 'pace.procurementMethod',
    exclude: DECISION_EXCLUDE,
    weight: 3,
    args: arbCompliance.map(({ member, contract, purchase }) => [{ member, purchase, contract }]),
    call: ([input]) => pace.procurementMethod(input as never),
  },
  {
    name: 'pace.auditChecklist',
    exclude: DECISION_EXCLUDE,
    weight: 3,
    args: arbCompliance.map(({ member, contract, purchase }) => [{ member, purchase, contract }]),
    call: ([input]) => pace.auditChecklist(input as never),
  },
  {
    name: 'pace.findSplitPurchases',
    exclude: SPLIT_EXCLUDE,
    weight: 2,
    args: fc.tuple(
      fc.array(arbPurchase({ memberId: 'm-1', vendorId: 'v-1', supplyKind: 'goods', date: { from: '2024-07-01', to: '2025-06-30' } }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom<unknown>(undefined, { window: 'fiscal-year' }, { window: { days: 30 } }, { members: [fixtureMember] }),
    ).map(([purchases, options]) => [purchases, options]),
    call: ([purchases, options]) => pace.findSplitPurchases(purchases as never, options as never),
  },
  // Pricing.
  {
    name: 'pace.prepareContract',
    exclude: PRICING_EXCLUDE,
    weight: 1,
    args: arbContract().map((contract) => [contract]),
    call: ([contract]) => pace.prepareContract(contract),
  },
  {
    name: 'pace.quote',
    exclude: PRICING_EXCLUDE,
    weight: 2,
    args: arbOrder.map((order) => [order]),
    call: ([input]) => pace.quote(input as never),
  },
  {
    name: 'pace.quoteGroupBuy',
    exclude: PRICING_EXCLUDE,
    weight: 1,
    args: arbOrder.map(({ contract, lines, asOf }) => [
      {
        contract,
        asOf,
        orders: [
          { memberId: 'm-1', lines },
          { memberId: 'm-2', lines: lines.slice(0, 1) },
        ],
        sharedCosts: [{ kind: 'freight', amount: '120.00', basis: 'quantity' }],
      },
    ]),
    call: ([input]) => pace.quoteGroupBuy(input as never),
  },
  {
    name: 'pace.verifyInvoice',
    exclude: PRICING_EXCLUDE,
    weight: 1,
    args: arbOrder.map(({ contract, lines, asOf }) => [{ contract, invoice: { date: asOf, lines: lines.map((l) => ({ ...l, unitPrice: '10.00' })) } }]),
    call: ([input]) => pace.verifyInvoice(input as never),
  },
  // Packs and the engine.
  {
    name: 'createPace',
    exclude: PACK_EXCLUDE,
    weight: 0.1,
    args: arbPacks.map((packs) => [{ packs }]),
    call: ([options]) => createPace(options as never),
  },
  {
    name: 'loadRulesPack',
    exclude: PACK_EXCLUDE,
    weight: 1,
    args: fc.constantFrom<unknown>(oakValleyPolicy, paceProgram()).map((pack) => [cloneJson(pack)]),
    call: ([pack]) => loadRulesPack(pack),
  },
  {
    name: 'parsePath',
    weight: 1,
    args: fc.constantFrom('$.a.b', '$.arr[0]', "$['x'].y", '$["x"]', '$').map((path) => [path]),
    call: ([path]) => parsePath(path as never),
  },
  {
    name: 'compileRules(...).run',
    exclude: {
      ...UNGUARDED_READS,
      junk: [...UNGUARDED_READS.junk, 'object nested 10,000 deep', 'array nested 10,000 deep', 'cyclic object', 'cyclic array', 'object with a throwing getter', 'BigInt'],
      because:
        'getters/Proxies escape as themselves; conditions nested 10,000 deep give RangeError "Maximum call stack size exceeded"; ' +
        'an event `type` that is a cyclic object gives TypeError "Converting circular structure to JSON" at compile, ' +
        'and one with a throwing getter lets the getter\'s error escape (the event is JSON.stringify-ed); ' +
        '`conditions: 10n` gives TypeError "Do not know how to serialize a BigInt" (JSON.stringify in an error message)',
    },
    weight: 2,
    args: fc.tuple(ruleSet({ custom: false }), arbFacts, fc.constantFrom<unknown>(undefined, { allowUndefinedFacts: true })).map(([rules, facts, options]) => [rules, facts, options]),
    call: ([rules, facts, options]) => compileRules(rules as never, options as never).run(facts as never),
  },

  // Money and dates.
  {
    name: 'allocate',
    weight: 2,
    args: fc.tuple(arbMoney(), fc.array(fc.oneof(fc.nat(1000), fc.constantFrom('0.5', '3', '1.25')), { minLength: 1, maxLength: 8 })).map(([total, weights]) => [total, weights]),
    call: ([total, weights]) => allocate(total as never, weights as never),
  },
  {
    name: 'roundToCents',
    weight: 1,
    args: fc.tuple(fc.constantFrom('2.675', '1.005', '-3', 12.5), fc.constantFrom<unknown>(undefined, 'half-up', 'half-even')).map(([v, mode]) => [v, mode]),
    call: ([value, mode]) => roundToCents(value as never, mode as never),
  },
  { name: 'isCalendarDate', weight: 0.5, args: arbCalendarDate().map((d) => [d]), call: ([d]) => isCalendarDate(d) },
  { name: 'compareDates', weight: 0.5, args: fc.tuple(arbCalendarDate(), arbCalendarDate()), call: ([a, b]) => compareDates(a as never, b as never) },
  { name: 'isDateInRange', weight: 0.5, args: fc.tuple(arbCalendarDate(), arbCalendarDate(), arbCalendarDate()), call: ([d, f, t]) => isDateInRange(d as never, f as never, t as never) },
  { name: 'addDays', weight: 0.5, args: fc.tuple(arbCalendarDate(), fc.integer({ min: -4000, max: 4000 })), call: ([d, n]) => addDays(d as never, n as never) },
  { name: 'daysBetween', weight: 0.5, args: fc.tuple(arbCalendarDate(), arbCalendarDate()), call: ([a, b]) => daysBetween(a as never, b as never) },
  { name: 'fiscalYearOf', weight: 0.5, args: arbCalendarDate().map((d) => [d]), call: ([d]) => fiscalYearOf(d as never) },
  // Predicates and data.
  { name: 'isPreparedContract', weight: 0.5, args: arbContract().map((c) => [c]), call: ([c]) => isPreparedContract(c) },
  { name: 'isPaceError', weight: 0.5, args: fc.constant([{ code: 'invalid-input', message: 'x' }]), call: ([e]) => isPaceError(e) },
  { name: 'factVocabulary', weight: 0.2, args: fc.constant([]), call: () => factVocabulary() },
  // The schemas: zod's own parse, which throws a ZodError (not a PaceError) by design.
  { name: 'MemberSchema.parse', weight: 1, args: arbMember().map((m) => [m]), call: ([m]) => MemberSchema.parse(m), allowed: isZodError, exclude: SCHEMA_EXCLUDE },
  { name: 'ContractSchema.parse', weight: 1, args: arbContract().map((c) => [c]), call: ([c]) => ContractSchema.parse(c), allowed: isZodError, exclude: SCHEMA_EXCLUDE },
  { name: 'PurchaseSchema.parse', weight: 1, args: arbPurchase().map((p) => [p]), call: ([p]) => PurchaseSchema.parse(p), allowed: isZodError, exclude: SCHEMA_EXCLUDE },
  { name: 'PriceScheduleSchema.parse', weight: 1, args: arbPriceSchedule().map((s) => [s]), call: ([s]) => PriceScheduleSchema.parse(s), allowed: isZodError, exclude: SCHEMA_EXCLUDE },
  { name: 'RulesPackSchema.parse', weight: 0.5, args: fc.constant([cloneJson(oakValleyPolicy)]), call: ([p]) => RulesPackSchema.parse(p), allowed: isZodError, exclude: SCHEMA_EXCLUDE },
];

/**
 * Entries kept out of the suite while a known failure is open (the survey mode, PACE_FUZZ_SURVEY,
 * still runs them): move each back into ENTRIES when the fix named in its `because` lands. None
 * today: createPace, loadRulesPack and parsePath run in the suite again.
 */
export const EXCLUDED: readonly FuzzEntry[] = [];
