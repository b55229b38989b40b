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
  readonly exclude?: {
    readonly kinds?: readonly MutationKind[];
    readonly junk?: readonly string[];
    readonly because: string;
    /** Junk left out of the survey too: it takes the worker down (out of memory) instead of failing. */
    readonly crashes?: readonly string[];
  };
}

const pace = createPace();

const asOfFor = (contract: { term: { start: string } }): string => contract.term.start;

const arbCompliance = fc.oneof(
  fc.constant({ member: fixtureMember, contract: fixtureContract, purchase: fixturePurchase, asOf: '2025-03-01' }),
  fc.record({ member: arbMember({ eligible: true }), contract: arbContract({ usable: true }), purchase: arbPurchase(), asOf: arbCalendarDate() }),
  fc.record({ member: arbMember(), contract: arbContract(), purchase: arbPurchase(), asOf: arbCalendarDate() }),
);

/**
 * The purchase-date decisions (procurementMethod, auditChecklist) also take the member's earlier
 * spend under the contract and the purchase's change orders: the fixture with both, besides the
 * inputs above.
 */
const arbWithChangeOrders = fc.oneof(
  { weight: 3, arbitrary: arbCompliance.map(({ member, contract, purchase }): Record<string, unknown> => ({ member, purchase, contract })) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom('1500.00', '200.00', '75000.00'), { minLength: 1, maxLength: 3 }).map((amounts): Record<string, unknown> => ({
      member: fixtureMember,
      purchase: fixturePurchase,
      contract: fixtureContract,
      spentUnderContract: '12000.00',
      changeOrders: amounts.map((amount, i) => ({ ...fixturePurchase, id: `co-${i + 1}`, revisionOf: fixturePurchase.id, date: '2025-04-01', amount })),
    })),
  },
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

/**
 * The one exclusion left: the exported schemas are zod schemas that users call directly, and zod's
 * own `parse` reads the value as it is, by design, without a guard. Seen (seed 340798849, and again
 * on h-harden): a throwing getter or Proxy trap escapes as itself and a revoked Proxy as TypeError
 * "Cannot perform 'IsArray'" (zod/v4/core/schemas.js reads `input[key]` and calls Array.isArray);
 * an array of length 2^32 - 1 is walked index by index into a result of that length until the heap
 * runs out. The library's own capabilities never hand the caller's value to zod: they validate a
 * copy read once under a guard (src/model/read-input.ts), and run with every mutation.
 */
const ZOD_OWN_PARSE = {
  kinds: ['throwing-getter', 'throwing-proxy', 'changing-getter'] as MutationKind[],
  junk: ['Proxy whose traps throw', 'array Proxy whose traps throw', 'revoked Proxy', 'array of length 2^32 - 1', 'object with a throwing getter'],
  because: 'zod\'s own parse (the schemas users call directly) lets a throwing getter or Proxy trap escape as itself, and visits every index of an array of length 2^32 - 1',
  crashes: ['array of length 2^32 - 1'],
};

export const ENTRIES: readonly FuzzEntry[] = [
  // Compliance, on one Pace built once.
  {
    name: 'pace.checkEligibility',
    weight: 3,
    args: arbCompliance.map(({ member, contract, purchase, asOf }) => [{ member, contract, asOf, purchase }]),
    call: ([input]) => pace.checkEligibility(input as never),
  },
  {
    name: 'pace.procurementMethod',
    weight: 3,
    args: arbWithChangeOrders.map((input) => [input]),
    call: ([input]) => pace.procurementMethod(input as never),
  },
  {
    name: 'pace.auditChecklist',
    weight: 3,
    args: arbWithChangeOrders.map((input) => [input]),
    call: ([input]) => pace.auditChecklist(input as never),
  },
  {
    name: 'pace.findSplitPurchases',
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
    weight: 1,
    args: arbContract().map((contract) => [contract]),
    call: ([contract]) => pace.prepareContract(contract),
  },
  {
    name: 'pace.quote',
    weight: 2,
    args: arbOrder.map((order) => [order]),
    call: ([input]) => pace.quote(input as never),
  },
  {
    name: 'pace.quoteGroupBuy',
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
    weight: 1,
    args: arbOrder.map(({ contract, lines, asOf }) => [{ contract, invoice: { date: asOf, lines: lines.map((l) => ({ ...l, unitPrice: '10.00' })) } }]),
    call: ([input]) => pace.verifyInvoice(input as never),
  },
  // Packs and the engine.
  {
    name: 'createPace',
    weight: 0.1,
    args: arbPacks.map((packs) => [{ packs }]),
    call: ([options]) => createPace(options as never),
  },
  {
    name: 'loadRulesPack',
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
  { name: 'MemberSchema.parse', weight: 1, args: arbMember().map((m) => [m]), call: ([m]) => MemberSchema.parse(m), allowed: isZodError, exclude: ZOD_OWN_PARSE },
  { name: 'ContractSchema.parse', weight: 1, args: arbContract().map((c) => [c]), call: ([c]) => ContractSchema.parse(c), allowed: isZodError, exclude: ZOD_OWN_PARSE },
  { name: 'PurchaseSchema.parse', weight: 1, args: arbPurchase().map((p) => [p]), call: ([p]) => PurchaseSchema.parse(p), allowed: isZodError, exclude: ZOD_OWN_PARSE },
  { name: 'PriceScheduleSchema.parse', weight: 1, args: arbPriceSchedule().map((s) => [s]), call: ([s]) => PriceScheduleSchema.parse(s), allowed: isZodError, exclude: ZOD_OWN_PARSE },
  { name: 'RulesPackSchema.parse', weight: 0.5, args: fc.constant([cloneJson(oakValleyPolicy)]), call: ([p]) => RulesPackSchema.parse(p), allowed: isZodError, exclude: ZOD_OWN_PARSE },
];

/**
 * Entries kept out of the suite while a known failure is open (the survey mode, PACE_FUZZ_SURVEY,
 * still runs them): move each back into ENTRIES when the fix named in its `because` lands. None
 * today: createPace, loadRulesPack and parsePath run in the suite again.
 */
export const EXCLUDED: readonly FuzzEntry[] = [];
