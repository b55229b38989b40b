// The state of one run, and how a run's facts get into it.
import { PaceError } from '../errors/pace-error.js';
import { bitOf } from './condition-tree.js';
import { isThenable, pathStep } from './json-data.js';
import type { PathSlot } from './operand-slots.js';
import type { ConditionTrace } from './types.js';

/** Marks an absent fact in a run's values (only when undefined facts are not allowed). @internal */
export const MISSING: unique symbol = Symbol('missing-fact');

/** The trace buffer between traced runs. @internal */
export const NO_RECORDS: ConditionTrace[] = [];

/**
 * The state of one run. `values` holds each slot's value (slot = a fact, a fact path or a cached
 * leaf result) and `stamps` the run it was computed in: a slot holds a value of this run exactly
 * when its stamp is `epoch`, so nothing is reset between runs and no sentinel is compared.
 * @internal
 */
export class RunState {
  readonly values: unknown[];
  readonly stamps: Int32Array;
  epoch = 0;
  /** Bits of the absent facts (always 0 with allowUndefinedFacts); bits may alias (slot & 31). */
  missing = 0;
  /** Trace mode: a buffer of the leaf records of the rule being traced (fresh each traced run: young, so storing records in it costs no write barrier), and how many there are. */
  records: ConditionTrace[] = NO_RECORDS;
  count = 0;
  /** Trace mode: the raw result of the leaf traced last. */
  leafResult: unknown = undefined;
  /** Trace mode: the path of the named-condition references being traced (`conditions.any[0]<name>`), '' outside them. */
  tracePrefix = '';

  constructor(width: number) {
    this.values = new Array<unknown>(width).fill(undefined);
    this.stamps = new Int32Array(width);
  }

  /** Starts a run: every slot computed in an earlier run becomes stale. */
  next(): number {
    if (this.epoch === 0x3fffffff) {
      this.stamps.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** Whether a slot holds a value of this run. */
  current(slot: number): boolean {
    return this.stamps[slot] === this.epoch;
  }

  /** Keeps a value of this run in a slot. */
  keep(slot: number, value: unknown): void {
    this.values[slot] = value;
    this.stamps[slot] = this.epoch;
  }

  /** Ends a run: the state lets go of the facts and of everything read from them. */
  clear(): void {
    // A loop the optimizer inlines: Array.prototype.fill is a call into a builtin, slower here (profiled).
    const values = this.values;
    for (let i = 0; i < values.length; i++) values[i] = undefined;
    this.records = NO_RECORDS;
    this.leafResult = undefined;
    this.tracePrefix = '';
  }
}

/** `slotOf` answers this for the name of a fact bound by withConstantFacts. */
const CONSTANT = -1;

/**
 * Which facts a run takes from its argument, and the constant facts (with their paths) written
 * into every run. @internal
 */
export interface FactBinding {
  /** Names of the facts a run's argument supplies, and their slots. */
  readonly names: readonly string[];
  readonly slots: readonly number[];
  /** Slot of a fact name: a slot > 0, CONSTANT, or undefined for a name no rule reads. */
  readonly slotOf: (name: string) => number | undefined;
  /** `[slot, value, slot, value, …]`: constant facts and their resolved paths. */
  readonly constants: readonly unknown[];
  /** Constant fact name → value (to bind more constants on top). */
  readonly constantFacts: ReadonlyMap<string, unknown>;
}

function slotLookup(table: ReadonlyMap<string, number>): (name: string) => number | undefined {
  // A few string comparisons beat a Map lookup for the handful of facts rules usually read.
  if (table.size > 8) return (name) => table.get(name);
  const names = [...table.keys()];
  const slots = [...table.values()];
  return (name) => {
    for (let i = 0; i < names.length; i++) if (names[i] === name) return slots[i];
    return undefined;
  };
}

/** Marks a path whose value must be read on each run (see constantPathValue). */
const PER_RUN: unique symbol = Symbol('per-run');

/**
 * A path of a constant fact resolved as the evaluator resolves it (`resolvePath` in path.ts),
 * when it goes through own data properties only: a getter, or a property absent from an object
 * that is not frozen, is PER_RUN (read on every run). Primitives on the way are immutable, and a
 * frozen object cannot gain the property it lacks.
 */
function constantPathValue(fact: unknown, path: readonly string[]): unknown {
  if (fact === null || typeof fact !== 'object') return fact;
  let value: unknown = fact;
  for (const segment of path) {
    if (!value) return undefined;
    if (typeof value === 'object' || typeof value === 'function') {
      const descriptor = Object.getOwnPropertyDescriptor(value, segment);
      // Absent from a frozen object: absent for good (a frozen object cannot gain a property).
      if (descriptor === undefined) return Object.isFrozen(value) ? undefined : PER_RUN;
      if (!('value' in descriptor)) return PER_RUN;
      value = descriptor.value;
    } else {
      value = Object.hasOwn(value as object, segment) ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return value;
}

/** The binding of compiled rules without constant facts. @internal */
export function bindFacts(facts: ReadonlyMap<string, number>): FactBinding {
  return { names: [...facts.keys()], slots: [...facts.values()], slotOf: slotLookup(facts), constants: [], constantFacts: new Map() };
}

/**
 * A binding with more constant facts: their values, and the values of the paths the rules read
 * from them, are resolved here once. Names no rule reads are ignored.
 * @throws PaceError `invalid-input` for a name already constant, a function or promise, or a
 *   value whose paths cannot be read.
 * @internal
 */
export function bindConstantFacts(
  base: FactBinding,
  facts: ReadonlyMap<string, number>,
  paths: readonly PathSlot[],
  constants: Readonly<Record<string, unknown>>,
): FactBinding {
  if (typeof constants !== 'object' || constants === null || Array.isArray(constants)) {
    throw new PaceError('invalid-input', 'withConstantFacts(facts) expects an object of facts', [{ path: '$', message: 'expected an object of facts' }]);
  }
  const constantFacts = new Map(base.constantFacts);
  for (const name of Object.keys(constants)) {
    const at = `$${pathStep(name)}`;
    if (constantFacts.has(name)) throw new PaceError('invalid-input', `fact "${name}" is already constant`, [{ path: at, message: 'already bound by withConstantFacts' }]);
    let value: unknown;
    let thenable: boolean;
    try {
      value = constants[name];
      thenable = isThenable(value);
    } catch (error) {
      // A getter, or a proxy that refuses to be read.
      const message = `reading it failed: ${error instanceof Error ? error.message : 'an exception was thrown'}`;
      throw new PaceError('invalid-input', `constant fact "${name}": ${message}`, [{ path: at, message }], { cause: error });
    }
    if (typeof value === 'function' || thenable) {
      throw new PaceError('invalid-input', `fact "${name}" is a function or a promise; compiled rules evaluate data facts only`, [{ path: at, message: 'expected data, not a function or a promise' }]);
    }
    constantFacts.set(name, value);
  }
  const pairs: unknown[] = [];
  const runTable = new Map<string, number>();
  for (const [name, slot] of facts) {
    if (!constantFacts.has(name)) {
      runTable.set(name, slot);
      continue;
    }
    const value = constantFacts.get(name);
    pairs.push(slot, value);
    for (const p of paths) {
      if (p.factSlot !== slot) continue;
      let resolved: unknown;
      try {
        resolved = constantPathValue(value, p.segments);
      } catch (error) {
        const message = `reading ${p.segments.join('.')} failed: ${error instanceof Error ? error.message : String(error)}`;
        throw new PaceError('invalid-input', `constant fact "${name}": ${message}`, [{ path: `$${pathStep(name)}`, message }], { cause: error });
      }
      if (resolved !== PER_RUN) pairs.push(p.slot, resolved);
    }
  }
  const lookup = slotLookup(runTable);
  return {
    names: [...runTable.keys()],
    slots: [...runTable.values()],
    slotOf: (name) => lookup(name) ?? (constantFacts.has(name) ? CONSTANT : undefined),
    constants: pairs,
    constantFacts,
  };
}

/**
 * Starts a run: reads the facts into their slots, writes the constant facts, and sets `missing`,
 * the bits of absent facts. json-rules-engine takes its runtime facts with for…in (own and
 * inherited enumerable string keys, a non-enumerable own key shadowing an inherited one), and so
 * do we: one pass, much cheaper than asking propertyIsEnumerable about each name.
 * @internal
 */
export function readFacts(facts: Readonly<Record<string, unknown>>, run: RunState, binding: FactBinding, absent: unknown, trackMissing: boolean): void {
  // The arrays and the epoch are read once here, for every fact of the run.
  const epoch = run.next();
  const { values, stamps } = run;
  const slotOf = binding.slotOf;
  let empty = false;
  for (const name in facts) {
    if (name === '') empty = true;
    else {
      const slot = slotOf(name);
      if (slot !== undefined) {
        if (slot === CONSTANT) throw constantPassed(name);
        values[slot] = facts[name];
        stamps[slot] = epoch;
      }
    }
  }
  if (empty) throw new PaceError('invalid-input', 'a fact name must not be empty (json-rules-engine: "factId required")', [{ path: '$.facts[""]', message: 'a fact name must not be empty' }]);
  const constants = binding.constants;
  for (let j = 0; j < constants.length; j += 2) {
    const at = constants[j] as number;
    values[at] = constants[j + 1];
    stamps[at] = epoch;
  }
  const { names, slots } = binding;
  let missing = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (stamps[slot] !== epoch) {
      values[slot] = absent;
      stamps[slot] = epoch;
      missing |= bitOf(slot);
      continue;
    }
    const value = values[slot];
    if (typeof value === 'function' || isThenable(value)) throw notData(names[i]!);
  }
  run.missing = trackMissing ? missing : 0;
}

function constantPassed(name: string): PaceError {
  const message = `fact "${name}" is constant (bound by withConstantFacts) and cannot be passed to run as well`;
  return new PaceError('invalid-input', message, [{ path: `$.facts${pathStep(name)}`, message }]);
}

function notData(name: string): PaceError {
  const message = `fact "${name}" is a function or a promise; compileRules evaluates data facts only (resolve it before run)`;
  return new PaceError('invalid-input', message, [{ path: `$.facts${pathStep(name)}`, message: 'expected data, not a function or a promise' }]);
}
