/**
 * `pace-rules/json-rules-engine`: the rules packs as a configured json-rules-engine `Engine`, for
 * systems that already run json-rules-engine. json-rules-engine is an optional peer dependency:
 * install it beside pace-rules to use this entry. This is the only module of the library that
 * imports it; the core entry never does.
 *
 * The pack rules read derived facts (`member.boardAuthorization.coversContract`,
 * `purchase.amountCents`, `contract.inForce`, …) that the library computes in code. The engine
 * computes them itself: pass the raw inputs as the runtime fact `paceInput` and the dynamic facts
 * `member`, `contract`, `purchase`, `program` and `asOf` are derived from it, once per run. Or derive
 * them with {@link toJsonRulesEngineFacts} and pass them as runtime facts. See
 * `docs/json-rules-engine.md`.
 */
import { Engine, Fact, type Almanac, type EngineResult, type RuleProperties, type RunOptions } from 'json-rules-engine';
import type { CalendarDate } from '../dates/calendar-date.js';
import { checkReferences, deriveFacts } from '../compliance/derive-facts.js';
import { parseAsOf, parseContract, parseMember, parsePurchase } from '../compliance/parse-input.js';
import { FINDING_EVENT, complianceContext } from '../compliance/rule-sets.js';
import { findingParams } from '../compliance/finding-params.js';
import type { CustomOperator } from '../engine/types.js';
import { isRecord } from '../model/plain-data.js';
import { PaceError, formatIssues, type PaceErrorIssue } from '../errors/pace-error.js';
import type { Contract } from '../model/contract.js';
import type { Member } from '../model/member.js';
import type { Purchase } from '../model/purchase.js';
import type { PackRule } from '../model/rules-pack.js';
import { californiaLaw, paceProgram } from '../packs/bundled.js';
import { layerPacks, type LayeredPacks } from '../packs/layer-packs.js';
import { isLoadedRulesPack } from '../packs/load-rules-pack.js';
import type { PreparedContract } from '../contracts/prepare-contract.js';
import type { ThresholdTable } from '../compliance/threshold-table.js';
import { copyJson } from '../engine/json-data.js';

/**
 * The name of the runtime fact that carries the raw inputs: `engine.run({ paceInput: { member, contract?, purchase?, asOf? } })`.
 *
 * @example
 * ```ts
 * const { events } = await engine.run({ [PACE_INPUT_FACT]: { member, contract, purchase } });
 * ```
 */
export const PACE_INPUT_FACT = 'paceInput';

/**
 * The facts the pack rules read, registered on the engine as dynamic facts derived from
 * {@link PACE_INPUT_FACT} (see `docs/facts.md` for every derived path).
 *
 * @example
 * ```ts
 * PACE_FACT_NAMES; // => ['member', 'contract', 'purchase', 'program', 'asOf']
 * ```
 */
export const PACE_FACT_NAMES = Object.freeze(['member', 'contract', 'purchase', 'program', 'asOf'] as const);

/**
 * A capability whose rules go into the engine: a rule's `capability` in its pack.
 *
 * @example
 * ```ts
 * const only: JsonRulesEngineCapability[] = ['eligibility'];
 * ```
 */
export type JsonRulesEngineCapability = 'eligibility' | 'procurement' | 'audit';

const CAPABILITIES: readonly JsonRulesEngineCapability[] = ['eligibility', 'procurement', 'audit'];

/**
 * Options of {@link toJsonRulesEngine}.
 *
 * @example
 * ```ts
 * const options: ToJsonRulesEngineOptions = { capabilities: ['eligibility', 'procurement'], allowUndefinedFacts: false };
 * ```
 */
export interface ToJsonRulesEngineOptions {
  /** Whose rules to add (default all three: `eligibility`, `procurement`, `audit`). */
  readonly capabilities?: readonly JsonRulesEngineCapability[] | undefined;
  /**
   * json-rules-engine's `allowUndefinedFacts` (default false, as in `compileRules`): when false, a
   * run without `paceInput` (and without the derived facts themselves) rejects with a `PaceError`
   * `undefined-fact`; when true, the derived facts are then undefined.
   */
  readonly allowUndefinedFacts?: boolean | undefined;
}

/**
 * The raw inputs the derived facts are computed from: the value of the `paceInput` runtime fact,
 * and the second argument of {@link toJsonRulesEngineFacts}. It is validated as the capabilities
 * validate their input.
 *
 * - `asOf` is the decision date; it defaults to `purchase.date` and is required without a purchase.
 *   `checkEligibility` decides on its `asOf`; `procurementMethod` and `auditChecklist` on the PO date.
 * - `purchase.memberId` must be `member.id`, and `purchase.contractId` (when given) the contract's id.
 *
 * @example
 * ```ts
 * const input: PaceFactsInput = { member, contract, purchase, asOf: '2025-03-01' };
 * ```
 */
export interface PaceFactsInput {
  member: Member;
  /** A raw contract or one returned by `pace.prepareContract` (faster when reused). */
  contract?: Contract | PreparedContract | undefined;
  purchase?: Purchase | undefined;
  /** The decision date `YYYY-MM-DD` (default: `purchase.date`). */
  asOf?: CalendarDate | undefined;
}

/**
 * The derived facts the pack rules read (see `docs/facts.md`): each input plus what the library
 * computes from it; `contract` and `purchase` are `{ given: false }` when not given, `program` is
 * `{}` when the contract's program is unknown.
 *
 * @example
 * ```ts
 * const facts: PaceFacts = toJsonRulesEngineFacts(undefined, { member, contract, purchase });
 * facts.purchase['amountCents']; // => 5000000
 * ```
 */
export type PaceFacts = {
  member: Record<string, unknown>;
  contract: Record<string, unknown>;
  purchase: Record<string, unknown>;
  program: Record<string, unknown>;
  asOf: CalendarDate;
};

/**
 * Custom operators by name: the single place where an operator the packs need beyond
 * json-rules-engine's built-ins is defined, and registered on every engine whose rules use it.
 * The bundled packs use only the built-ins (pack loading refuses any other operator), so it is empty.
 */
const CUSTOM_OPERATORS: Readonly<Record<string, CustomOperator>> = Object.freeze({});

interface Bound {
  readonly context: LayeredPacks;
  readonly thresholds: ThresholdTable;
}


/**
 * A pack loaded by another copy of the library (the CJS build of the main entry is a separate
 * bundle) is frozen and carries its `contentHash`: load its content again here.
 */
function asPackInput(pack: unknown): unknown {
  if (isLoadedRulesPack(pack) || !isRecord(pack) || typeof pack['contentHash'] !== 'string' || !Object.isFrozen(pack)) return pack;
  const { contentHash: _hash, ...content } = pack;
  return content;
}

function bind(packs: unknown): Bound {
  const list: readonly unknown[] = packs === undefined ? [californiaLaw(), paceProgram()] : Array.isArray(packs) ? packs : [packs];
  const context = layerPacks(list.map(asPackInput));
  // As createPace does: compiles the rules once and refuses a malformed finding event now.
  return { context, thresholds: complianceContext(context).thresholds };
}

// Layered packs for toJsonRulesEngineFacts, cached by the identity of the loaded packs in order.
interface CacheNode {
  readonly next: WeakMap<object, CacheNode>;
  bound?: Bound;
}
const boundCache: CacheNode = { next: new WeakMap() };

function boundFor(packs: unknown): Bound {
  const list: readonly unknown[] = packs === undefined ? [californiaLaw(), paceProgram()] : Array.isArray(packs) ? packs : [packs];
  if (list.length === 0 || !list.every(isLoadedRulesPack)) return bind(packs);
  let node = boundCache;
  for (const pack of list) {
    let next = node.next.get(pack);
    if (!next) node.next.set(pack, (next = { next: new WeakMap() }));
    node = next;
  }
  node.bound ??= bind(list);
  return node.bound;
}

const INPUT_FIELDS = ['member', 'contract', 'purchase', 'asOf'];

/** Validates the raw inputs (`root` is where they sit, for error paths) and derives the facts. */
function derive(bound: Bound, raw: unknown, root: string): PaceFacts {
  if (!isRecord(raw)) {
    const message = `expected an object { member, contract?, purchase?, asOf? }`;
    throw new PaceError('invalid-input', `${root}: ${message}`, [{ path: root, message }]);
  }
  const issues: PaceErrorIssue[] = [];
  if (raw['member'] === undefined) issues.push({ path: `${root}.member`, message: 'required' });
  if (raw['asOf'] === undefined && raw['purchase'] === undefined) issues.push({ path: `${root}.asOf`, message: 'required when no purchase is given (it defaults to purchase.date)' });
  for (const k of Object.keys(raw)) if (!INPUT_FIELDS.includes(k)) issues.push({ path: `${root}.${k}`, message: `unknown field "${k}" (expected ${INPUT_FIELDS.join(', ')})` });
  if (issues.length > 0) throw new PaceError('invalid-input', formatIssues(`Invalid ${root}`, issues), issues);
  const member = parseMember(raw['member'], `${root}.member`);
  const contract = raw['contract'] === undefined ? undefined : parseContract(raw['contract'], `${root}.contract`);
  const purchase = raw['purchase'] === undefined ? undefined : parsePurchase(raw['purchase'], `${root}.purchase`);
  const asOf = raw['asOf'] === undefined ? purchase!.date : parseAsOf(raw['asOf'], `${root}.asOf`);
  checkReferences(member, contract, purchase, root);
  // The method facts are always computed: a rule that does not read them is not affected.
  return deriveFacts(bound.thresholds, bound.context.programs, { member, contract, purchase, asOf }, true).facts;
}

function operatorsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) operatorsOf(v, into);
  } else if (isRecord(value)) {
    if (typeof value['operator'] === 'string') into.add(value['operator'].slice(value['operator'].lastIndexOf(':') + 1));
    for (const k of ['all', 'any', 'not']) if (value[k] !== undefined) operatorsOf(value[k], into);
  }
  return into;
}


function isUndefinedFactError(e: unknown): boolean {
  return isRecord(e) && e['code'] === 'UNDEFINED_FACT';
}

const INPUT_ROOT = `$.${PACE_INPUT_FACT}`;

function missingInput(): PaceError {
  const message = `required: pass engine.run({ ${PACE_INPUT_FACT}: { member, contract?, purchase?, asOf? } }), or the derived facts themselves (toJsonRulesEngineFacts)`;
  return new PaceError('undefined-fact', `Undefined fact: "${PACE_INPUT_FACT}" (the pack rules read facts derived from it): ${message}`, [{ path: INPUT_ROOT, message }]);
}

/**
 * The engine {@link toJsonRulesEngine} returns: a json-rules-engine `Engine` whose `run` validates
 * `paceInput` and derives the facts before json-rules-engine starts. Bad input then rejects before
 * any rule runs: json-rules-engine keeps evaluating after a fact rejects, and then marks the
 * engine finished, which would cut short the next run started at once (all its rules skipped).
 */
class PaceEngine extends Engine {
  /** Facts derived in `run`, by the `paceInput` object, for the dynamic facts to pick up. */
  readonly prepared = new WeakMap<object, PaceFacts>();

  constructor(
    private readonly bound: Bound,
    private readonly allowUndefined: boolean,
  ) {
    super([], { allowUndefinedFacts: allowUndefined });
  }

  override run(facts: Record<string, unknown> = {}, runOptions?: RunOptions): Promise<EngineResult> {
    try {
      const input = Object.hasOwn(facts, PACE_INPUT_FACT) ? facts[PACE_INPUT_FACT] : undefined;
      if (input !== undefined && !(input instanceof Fact)) {
        const derived = derive(this.bound, input, INPUT_ROOT);
        if (isRecord(input)) this.prepared.set(input, derived);
      } else if (input === undefined && !this.allowUndefined && runOptions?.almanac === undefined && !PACE_FACT_NAMES.some((n) => Object.hasOwn(facts, n))) {
        throw missingInput();
      }
    } catch (e) {
      return Promise.reject(e as Error);
    }
    return super.run(facts, runOptions);
  }
}

/**
 * A rule's event as the engine emits it: a finding with the documented defaults filled in (code the
 * rule's id, severity block, message its description, citation its own), as the library's own
 * findings have them. Before, a policy rule relying on the defaults emitted `{ type: 'finding' }`
 * with no params, and `events.filter((e) => e.params?.severity === 'block')` missed a block.
 */
function eventOf(rule: PackRule): RuleProperties['event'] {
  const event = copyJson(rule.event) as { type: string; params?: Record<string, unknown> };
  if (event.type !== FINDING_EVENT) return event as RuleProperties['event'];
  const { code, severity, message, citation } = findingParams(rule);
  event.params = { ...event.params, code, severity, message, ...(citation !== undefined ? { citation } : {}) };
  return event as RuleProperties['event'];
}

/**
 * Hands the rules packs to json-rules-engine: returns a new `Engine` with every rule of the
 * layered packs (name = rule id, priority kept; conditions and event deep-copied, so the engine
 * cannot change the frozen packs), the custom operators the rules need (none for the bundled
 * packs), and the dynamic facts `member`, `contract`, `purchase`, `program` and `asOf`.
 *
 * The dynamic facts are derived from the runtime fact `paceInput` ({@link PaceFactsInput}: the raw
 * `{ member, contract?, purchase?, asOf? }`), validated as the capabilities validate their input
 * and computed once per run. Bad input makes `engine.run` reject with a `PaceError` whose issues
 * name the path (e.g. `$.paceInput.member.kind`); a run without `paceInput` rejects with
 * `undefined-fact` unless `allowUndefinedFacts`. Runtime facts take precedence over the engine's,
 * so `engine.run(toJsonRulesEngineFacts(packs, input))` works too. A rule fires with the same
 * events as `compileRules` (and the library's own decisions) on the same facts.
 *
 * Finding events are `{ type: 'finding', params: { code, severity, message, citation } }` (see
 * `docs/rule-packs.md`); the result's `results[i].name` is the id of a rule that fired. Checklist
 * items are not rules and are not added.
 *
 * @param packs - One pack or an array of packs (raw JSON or loaded), layered in order as
 *   `createPace({ packs })` does; default: the bundled California law and PACE program packs.
 * @param options - Which capabilities' rules to add, and `allowUndefinedFacts`.
 * @returns A json-rules-engine `Engine`, ready to `run`; add your own rules, facts or listeners freely.
 * @throws PaceError `invalid-pack` or `duplicate-id` when a pack is invalid or packs conflict,
 *   `invalid-input` for an unknown capability.
 * @example
 * ```ts
 * import { toJsonRulesEngine } from 'pace-rules/json-rules-engine';
 *
 * const engine = toJsonRulesEngine(undefined, { capabilities: ['eligibility'] });
 * const { events, results } = await engine.run({ paceInput: { member, contract, asOf: '2025-03-01' } });
 * events.filter((e) => e.params?.severity === 'block'); // => [] when the member may use the contract
 * results.map((r) => r.name);                          // => ids of the rules that fired
 * ```
 */
export function toJsonRulesEngine(packs?: unknown, options: ToJsonRulesEngineOptions = {}): Engine {
  const capabilities = options.capabilities ?? CAPABILITIES;
  const bad = capabilities.flatMap((c, i) => (CAPABILITIES.includes(c) ? [] : [{ path: `$.options.capabilities[${i}]`, message: `unknown capability ${JSON.stringify(c)} (expected ${CAPABILITIES.join(', ')})` }]));
  if (bad.length > 0) throw new PaceError('invalid-input', formatIssues('toJsonRulesEngine', bad), bad);
  const allowUndefinedFacts = options.allowUndefinedFacts ?? false;
  const bound = bind(packs);
  const rules = bound.context.rules.filter((r: PackRule) => capabilities.includes(r.capability));

  const engine = new PaceEngine(bound, allowUndefinedFacts);
  const used = new Set<string>();
  for (const rule of rules) {
    operatorsOf(rule.conditions, used);
    const properties: RuleProperties = { name: rule.id, conditions: copyJson(rule.conditions) as RuleProperties['conditions'], event: eventOf(rule) };
    if (rule.priority !== undefined) properties.priority = rule.priority;
    engine.addRule(properties);
  }
  for (const [name, operator] of Object.entries(CUSTOM_OPERATORS)) if (used.has(name)) engine.addOperator(name, operator);

  // One derivation per run (an almanac is made for each run), shared by the five facts.
  const derived = new WeakMap<Almanac, Promise<PaceFacts | undefined>>();
  const readInput = async (almanac: Almanac): Promise<unknown> => {
    try {
      return await almanac.factValue(PACE_INPUT_FACT);
    } catch (e) {
      if (isUndefinedFactError(e)) return undefined;
      throw e;
    }
  };
  const factsOf = (almanac: Almanac): Promise<PaceFacts | undefined> => {
    let facts = derived.get(almanac);
    if (!facts) {
      facts = readInput(almanac).then((input) => {
        if (input !== undefined) {
          const prepared = isRecord(input) ? engine.prepared.get(input) : undefined;
          if (prepared) engine.prepared.delete(input as object); // taken once: a later run derives again
          return prepared ?? derive(bound, input, INPUT_ROOT);
        }
        if (allowUndefinedFacts) return undefined;
        throw missingInput();
      });
      derived.set(almanac, facts);
    }
    return facts;
  };
  for (const name of PACE_FACT_NAMES) engine.addFact(name, (_params, almanac) => factsOf(almanac).then((facts) => facts?.[name]));
  return engine;
}

/**
 * The derived facts the pack rules read, for callers who pass facts to json-rules-engine (or to
 * `compileRules`) themselves: `engine.run(toJsonRulesEngineFacts(packs, input))` fires the same
 * rules as `engine.run({ paceInput: input })`.
 *
 * Layered packs are cached by the identity of loaded packs (the bundled ones, or the results of
 * `loadRulesPack`); raw JSON packs are validated on every call, so load them once.
 *
 * @param packs - As for {@link toJsonRulesEngine}: one pack, an array, or undefined for the bundled packs.
 * @param input - The raw `{ member, contract?, purchase?, asOf? }` ({@link PaceFactsInput}).
 * @returns `{ member, contract, purchase, program, asOf }` with the derived facts of `docs/facts.md`.
 * @throws PaceError naming the path of bad input (e.g. `$.purchase.amount`).
 * @example
 * ```ts
 * const facts = toJsonRulesEngineFacts(undefined, { member, contract, purchase });
 * facts.contract['inForce'];                             // => true
 * const { events } = await toJsonRulesEngine().run(facts);
 * ```
 */
export function toJsonRulesEngineFacts(packs: unknown, input: PaceFactsInput): PaceFacts {
  return derive(boundFor(packs), input, '$');
}
