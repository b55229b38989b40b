// pace-rules/json-rules-engine: the engine toJsonRulesEngine returns gives the same events (and
// fires the same rules) as compileRules on the same facts, and as the library's own decisions.
import fc from 'fast-check';
import { Engine, type EngineResult } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { oakValleyPolicy } from '../../examples/district-policy.js';
import { PACE_FACT_NAMES, PACE_INPUT_FACT, toJsonRulesEngine, toJsonRulesEngineFacts, type JsonRulesEngineCapability, type PaceFactsInput } from '../../src/adapters/json-rules-engine.js';
import { isBuiltInOperator } from '../../src/engine/operators.js';
import { californiaLaw, compileRules, createPace, isPaceError, paceProgram, type JsonRulesEngineRule, type PackRule, type RuleEvent } from '../../src/index.js';
import { layerPacks } from '../../src/packs/layer-packs.js';
import { findingParams } from '../../src/compliance/finding-params.js';
import { arbCalendarDate, arbContract, arbMember, arbPurchase } from '../../src/testing/index.js';
import { contract, district, purchase } from '../compliance/fixtures.js';

const CAPABILITIES: readonly JsonRulesEngineCapability[] = ['eligibility', 'procurement', 'audit'];
const bundled = layerPacks([californiaLaw(), paceProgram()]);
const pace = createPace();

const rulesOf = (capabilities: readonly JsonRulesEngineCapability[], rules: readonly PackRule[] = bundled.rules): PackRule[] => rules.filter((r) => capabilities.includes(r.capability));
/** A rule's event as the adapter gives it: a finding's documented defaults filled in (code, severity, message, citation). */
const eventWithDefaults = (r: PackRule): RuleEvent => {
  if (r.event.type !== 'finding') return r.event as RuleEvent;
  const { code, severity, message, citation } = findingParams(r);
  return { ...r.event, params: { ...r.event.params, code, severity, message, ...(citation !== undefined ? { citation } : {}) } };
};
const compiledFor = (rules: readonly PackRule[]) =>
  compileRules(rules.map((r): JsonRulesEngineRule => ({ name: r.id, conditions: r.conditions as JsonRulesEngineRule['conditions'], event: eventWithDefaults(r) as JsonRulesEngineRule['event'], ...(r.priority !== undefined ? { priority: r.priority } : {}) })));

const compiled = new Map(CAPABILITIES.map((c) => [c, { rules: rulesOf([c]), run: compiledFor(rulesOf([c])) }]));
const engines = new Map(CAPABILITIES.map((c) => [c, toJsonRulesEngine(undefined, { capabilities: [c] })]));

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
/** The rules a run evaluated (public API: results and failureResults), by name. */
const evaluatedRules = (result: EngineResult): { name: string; priority: number }[] =>
  [...result.results, ...result.failureResults].map((r) => ({ name: String(r.name), priority: Number(r.priority) })).sort(byName);
const multiset = (events: readonly RuleEvent[]): string[] => events.map((e) => JSON.stringify(e)).sort();
const firedIds = (result: EngineResult): string[] => result.results.map((r) => String(r.name)).sort();

/** Runs one capability both ways on one input and asserts the same events and fired rules. */
async function expectSame(capability: JsonRulesEngineCapability, input: PaceFactsInput): Promise<string[]> {
  const { rules, run } = compiled.get(capability)!;
  const facts = toJsonRulesEngineFacts(undefined, input);
  const ours = run.run(facts);
  const engine = engines.get(capability)!;
  const theirs = await engine.run({ [PACE_INPUT_FACT]: input });
  expect(multiset(theirs.events)).toEqual(multiset(ours.events));
  const oursIds = ours.firedRuleIndexes.map((i) => rules[i]!.id).sort();
  expect(firedIds(theirs)).toEqual(oursIds);
  // Passing the derived facts as runtime facts fires the same rules.
  const direct = await engine.run(facts);
  expect(firedIds(direct)).toEqual(oursIds);
  return oursIds;
}

/** Rule ids of the library's own decision's findings, for the rules the engine holds. */
function decisionRuleIds(capability: JsonRulesEngineCapability, input: PaceFactsInput): string[] | undefined {
  const ids = (findings: readonly { ruleId?: string | undefined }[], rules: readonly PackRule[]): string[] => {
    const known = new Set(rules.map((r) => r.id));
    return findings.flatMap((f) => (f.ruleId !== undefined && known.has(f.ruleId) ? [f.ruleId] : [])).sort();
  };
  const { member, contract: c, purchase: p } = input;
  if (capability === 'eligibility' && c) {
    return ids(pace.checkEligibility({ member, contract: c, asOf: input.asOf ?? p!.date, ...(p ? { purchase: p } : {}) }).findings, rulesOf(['eligibility']));
  }
  if (capability === 'audit' && p && input.asOf === undefined) return ids(pace.auditChecklist({ member, purchase: p, ...(c ? { contract: c } : {}) }).findings, rulesOf(['audit']));
  return undefined;
}

/** Consistent inputs from the library's arbitraries: the purchase is the member's, under the contract when there is one. */
const arbInput: fc.Arbitrary<PaceFactsInput> = fc
  .record({
    member: fc.oneof(arbMember(), arbMember({ eligible: true })),
    contract: fc.option(fc.oneof(arbContract(), arbContract({ usable: true })), { nil: undefined, freq: 4 }),
    purchase: fc.option(arbPurchase(), { nil: undefined, freq: 6 }),
    asOf: fc.option(arbCalendarDate({ from: '2018-01-01', to: '2027-12-31' }), { nil: undefined, freq: 2 }),
    citesContract: fc.boolean(),
  })
  .map(({ member, contract: c, purchase: p, asOf, citesContract }) => {
    const input: PaceFactsInput = { member };
    if (c) input.contract = c;
    if (p) {
      const { contractId: _none, ...rest } = p;
      input.purchase = { ...rest, memberId: member.id, ...(c && citesContract ? { contractId: c.id, vendorId: c.vendor.id } : {}) };
    }
    if (asOf !== undefined || !p) input.asOf = asOf ?? '2025-03-01';
    return input;
  });

const federal = [{ source: 'federal' as const, program: 'Title I', amount: '50000.00' }];
const named: { name: string; input: PaceFactsInput }[] = [
  { name: 'eligible district under a contract in force', input: { member: district, contract, purchase } },
  { name: 'eligibility on an explicit date of use', input: { member: district, contract, asOf: '2026-08-01' } },
  {
    name: 'suspended, out of scope, federal money, excluded vendor',
    input: {
      member: { ...district, membership: { programId: 'pace', status: 'suspended', since: '2026-01-01' } },
      contract: { ...contract, vendor: { id: 'v', name: 'V', excludedFromFederalAwards: true }, solicitation: { ...contract.solicitation, kind: 'other', federalProcurementCompliant: false } },
      purchase: { ...purchase, category: 'furniture', funding: federal },
    },
  },
  {
    name: 'small elementary district, services contract, unexercised renewal',
    input: { member: { ...district, districtType: 'elementary', averageDailyAttendance: 800 }, contract: { ...contract, supplyKind: 'services' }, purchase: { ...purchase, date: '2026-08-01', supplyKind: 'services', amount: '200000.00' } },
  },
  { name: 'charter school, professional services', input: { member: { ...district, kind: 'charter-school', boardAuthorizations: [] }, contract, purchase: { ...purchase, supplyKind: 'professional-services' } } },
  { name: 'own purchase one cent over the bid limit, no contract', input: { member: district, purchase: { ...purchase, contractId: undefined, amount: '114800.01' } } },
  { name: 'own public-works purchase with federal money', input: { member: { ...district, cupccaa: { optedIn: true, since: '2019-01-01' } }, purchase: { ...purchase, contractId: undefined, supplyKind: 'public-works', amount: '75000.00', funding: federal } } },
];

describe('toJsonRulesEngine on the bundled packs: the same events as compileRules', () => {
  for (const capability of CAPABILITIES) {
    it(`${capability}: inputs from arbMember, arbContract and arbPurchase`, async () => {
      let fired = 0;
      await fc.assert(
        fc.asyncProperty(arbInput, async (input) => {
          const ids = await expectSame(capability, input);
          fired += ids.length;
          const decided = decisionRuleIds(capability, input);
          if (decided) expect(ids).toEqual(decided);
        }),
        { numRuns: 300, seed: 20260701 },
      );
      expect(fired).toBeGreaterThan(0); // the inputs reach the rules, not only the quiet paths
    });

    for (const { name, input } of named) {
      it(`${capability}: ${name}`, async () => {
        const ids = await expectSame(capability, input);
        const decided = decisionRuleIds(capability, input);
        if (decided) expect(ids).toEqual(decided);
      });
    }
  }

  it('all capabilities at once: every rule of the packs, named by id, priority kept', async () => {
    const engine = toJsonRulesEngine();
    const input = named[2]!.input;
    const result = await engine.run({ paceInput: input });
    // Every rule is evaluated once: it is among the results or the failure results, with its priority.
    expect(evaluatedRules(result)).toEqual(bundled.rules.map((r) => ({ name: r.id, priority: r.priority ?? 1 })).sort(byName));
    expect(multiset(result.events)).toEqual(multiset(compiledFor(bundled.rules).run(toJsonRulesEngineFacts(undefined, input)).events));
    expect(firedIds(result)).toContain('membership-not-active');
  });

  it('registers the five derived facts, and the pack rules need no operator beyond the built-ins', async () => {
    const engine = toJsonRulesEngine();
    for (const name of PACE_FACT_NAMES) expect(engine.getFact(name)).toBeDefined();
    const operators = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (typeof record['operator'] === 'string') operators.add(record['operator']);
        Object.values(record).forEach(collect);
      }
    };
    bundled.rules.forEach((r) => collect(r.conditions));
    expect(operators.size).toBeGreaterThan(3);
    for (const operator of operators) expect(isBuiltInOperator(operator), operator).toBe(true);
    // No custom operator is registered under another name: a rule using one is refused on run.
    engine.addRule({ name: 'custom', conditions: { all: [{ fact: 'asOf', operator: 'startsWith', value: '2' }] }, event: { type: 'x' } });
    await expect(engine.run({ paceInput: named[0]!.input })).rejects.toThrow(/Unknown operator: startsWith/);
  });

  it('with allowUndefinedFacts and no input, the facts are undefined, as for compileRules', async () => {
    const engine = toJsonRulesEngine(undefined, { allowUndefinedFacts: true, capabilities: ['eligibility'] });
    const theirs = await engine.run({});
    const ours = compileRules(rulesOf(['eligibility']).map((r) => ({ name: r.id, conditions: r.conditions as JsonRulesEngineRule['conditions'], event: r.event as JsonRulesEngineRule['event'] })), { allowUndefinedFacts: true }).run({});
    expect(multiset(theirs.events)).toEqual(multiset(ours.events));
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('the packs stay as they are', () => {
  it('copies conditions and events: the deep-frozen packs are neither shared with nor changed by the engine', async () => {
    const policy = deepFreeze(structuredClone(oakValleyPolicy));
    const packs = [californiaLaw(), paceProgram(), policy];
    const before = JSON.stringify(packs);
    const engine = toJsonRulesEngine(packs);
    const layered = layerPacks(packs);
    let checked = 0;
    // A handler that changes the events it is given.
    engine.on('success', (event, _almanac, ruleResult) => {
      const source = layered.rules.find((r) => r.id === ruleResult.name)!;
      expect(event.params).toEqual(eventWithDefaults(source).params);
      if (event.params) (event.params as Record<string, unknown>)['touched'] = true;
      checked++;
    });
    for (const input of named.map((n) => n.input)) await engine.run({ paceInput: input });
    expect(checked).toBeGreaterThan(0);
    // json-rules-engine hands out its rule's own event: the change shows in the next run. That it
    // could be made at all, while the deep-frozen packs stay unchanged, shows the engine holds
    // copies of the packs' events, not the packs' objects.
    const again = await engine.run({ paceInput: named[2]!.input });
    expect(again.events.filter((e) => e.params !== undefined).length).toBeGreaterThan(0);
    for (const event of again.events) if (event.params !== undefined) expect(event.params['touched']).toBe(true);
    expect(JSON.stringify(packs)).toBe(before);
    for (const p of packs) expect(isDeepFrozen(p)).toBe(true);
  });
});

describe('a district policy pack layered on top', () => {
  const engine = toJsonRulesEngine([californiaLaw(), paceProgram(), oakValleyPolicy]);
  const own = (amount: string): PaceFactsInput => ({ member: district, purchase: { ...purchase, contractId: undefined, amount } });

  it('adds its rules to the engine and they fire on the derived facts', async () => {
    const over = await engine.run({ paceInput: own('50000.01') });
    expect(evaluatedRules(over).map((r) => r.name)).toContain('oak.board-approval');
    expect(firedIds(over)).toContain('oak.board-approval');
    expect(over.events.map((e) => e.params?.['code'])).toContain('board-approval-required');
    expect(firedIds(await engine.run({ paceInput: own('50000.00') }))).not.toContain('oak.board-approval');
  });

  it('gives the same events as compileRules on its layered rules', async () => {
    const layered = layerPacks([californiaLaw(), paceProgram(), oakValleyPolicy]);
    const run = compiledFor(layered.rules);
    for (const amount of ['15000.00', '15000.01', '50000.00', '50000.01', '114800.01']) {
      const input = own(amount);
      const theirs = await engine.run({ paceInput: input });
      expect(multiset(theirs.events)).toEqual(multiset(run.run(toJsonRulesEngineFacts([californiaLaw(), paceProgram(), oakValleyPolicy], input)).events));
    }
  });

  it("emits a finding's documented defaults, so a block that relies on them is found as the docs find blocks", async () => {
    // A policy rule whose event is only { type: 'finding' }: a block, its code the rule's id, its
    // message the description and its citation the rule's. json-rules-engine emitted no params.
    const policy = {
      id: 'district-x',
      version: '1.0.0',
      title: 'District X BP 3311',
      kind: 'policy',
      sources: [{ id: 'bp-3311', title: 'BP 3311' }],
      rules: [{ id: 'x.board-over-40000', capability: 'eligibility', description: 'Technology purchases over $40,000 need board approval.', citation: 'District X BP 3311', sources: ['bp-3311'], conditions: { all: [{ fact: 'purchase', path: '$.amountCents', operator: 'greaterThan', value: 4000000 }] }, event: { type: 'finding' } }],
    };
    const input = { member: district, contract, purchase: { ...purchase, amount: '45000.00' }, asOf: purchase.date };
    const { events } = await toJsonRulesEngine([californiaLaw(), paceProgram(), policy], { capabilities: ['eligibility'] }).run({ paceInput: input });
    const blocks = events.filter((e) => e.params?.['severity'] === 'block');
    expect(blocks).toContainEqual({ type: 'finding', params: { code: 'x.board-over-40000', severity: 'block', message: 'Technology purchases over $40,000 need board approval.', citation: 'District X BP 3311' } });
    const library = createPace({ packs: [californiaLaw(), paceProgram(), policy] }).checkEligibility(input);
    expect(library.findings).toContainEqual(expect.objectContaining({ code: 'x.board-over-40000', severity: 'block', citation: 'District X BP 3311' }));
  });

  it('takes a single pack too, and refuses conflicting packs as createPace does', async () => {
    const single = await toJsonRulesEngine(californiaLaw()).run({ paceInput: named[0]!.input });
    expect(evaluatedRules(single).map((r) => r.name)).toEqual(californiaLaw().rules!.map((r) => r.id).sort());
    let caught: unknown;
    try {
      toJsonRulesEngine([californiaLaw(), paceProgram(), californiaLaw()]);
    } catch (e) {
      caught = e;
    }
    expect(isPaceError(caught) && caught.code).toBe('duplicate-id');
  });
});

describe('bad input', () => {
  const engine = toJsonRulesEngine();
  const rejection = async (facts: Record<string, unknown>): Promise<{ code: string; paths: string[] }> => {
    try {
      await engine.run(facts);
    } catch (e) {
      if (!isPaceError(e)) throw e;
      return { code: e.code, paths: e.issues.map((i) => i.path) };
    }
    throw new Error('the run did not reject');
  };

  it('rejects the run with a PaceError naming the path under paceInput', async () => {
    expect(await rejection({ paceInput: { member: { ...district, kind: 'city' }, purchase } })).toEqual({ code: 'invalid-input', paths: ['$.paceInput.member.kind'] });
    expect((await rejection({ paceInput: { member: district, purchase: { ...purchase, amount: '12.345' } } })).paths).toEqual(['$.paceInput.purchase.amount']);
    expect(await rejection({ paceInput: { member: district, purchase: { ...purchase, memberId: 'm-other' } } })).toEqual({ code: 'invalid-input', paths: ['$.paceInput.purchase.memberId'] });
    expect(await rejection({ paceInput: { member: district, contract } })).toEqual({ code: 'invalid-input', paths: ['$.paceInput.asOf'] });
    expect(await rejection({ paceInput: { member: district, asOf: '2025-02-30' } })).toMatchObject({ paths: ['$.paceInput.asOf'] });
    expect(await rejection({ paceInput: { member: district, asOf: '2025-03-01', vendor: 'x' } })).toEqual({ code: 'invalid-input', paths: ['$.paceInput.vendor'] });
    expect(await rejection({ paceInput: 'member' })).toEqual({ code: 'invalid-input', paths: ['$.paceInput'] });
    expect(await rejection({})).toEqual({ code: 'undefined-fact', paths: ['$.paceInput'] });
  });

  it('a run after a rejected one is complete (json-rules-engine shares one status per engine)', async () => {
    const input = named[2]!.input;
    const expected = firedIds(await engine.run({ paceInput: input }));
    expect(expected.length).toBeGreaterThan(0);
    await expect(engine.run({ paceInput: { member: { ...district, kind: 'city' } } })).rejects.toThrow();
    expect(firedIds(await engine.run({ paceInput: input }))).toEqual(expected);
  });

  it('toJsonRulesEngineFacts names the path from its own argument', () => {
    let caught: unknown;
    try {
      toJsonRulesEngineFacts(undefined, { member: { ...district, state: 'California' }, asOf: '2025-03-01' });
    } catch (e) {
      caught = e;
    }
    expect(isPaceError(caught) && caught.issues.map((i) => i.path)).toEqual(['$.member.state']);
  });

  it('refuses an unknown capability', () => {
    expect(() => toJsonRulesEngine(undefined, { capabilities: ['pricing' as JsonRulesEngineCapability] })).toThrow(/capabilities\[0\]/);
  });
});
