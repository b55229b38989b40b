// The fuzz harness: mutated valid inputs and junk for every public function, and the checks each
// call must pass. Entries (one per public function, with its generator of valid arguments) live
// in entries.ts; this file knows nothing about any one function.
import { fc } from '@fast-check/vitest';

/** An error the harness plants in getters and Proxy traps: the library must turn it into a PaceError. */
export class PlantedError extends Error {
  constructor(where: string) {
    super(`planted by the fuzz harness: ${where}`);
  }
}

// Proxies the harness built: the snapshot names them without looking inside (their traps throw).
const proxies = new WeakSet<object>();

/** Marks a Proxy as the harness's (or a test's): snapshots name it without calling its traps. */
export function register<T extends object>(proxy: T): T {
  proxies.add(proxy);
  return proxy;
}

const throwingTraps: ProxyHandler<object> = {
  get: () => { throw new PlantedError('proxy get'); },
  has: () => { throw new PlantedError('proxy has'); },
  ownKeys: () => { throw new PlantedError('proxy ownKeys'); },
  getOwnPropertyDescriptor: () => { throw new PlantedError('proxy getOwnPropertyDescriptor'); },
  getPrototypeOf: () => { throw new PlantedError('proxy getPrototypeOf'); },
  set: () => { throw new PlantedError('proxy set'); },
  defineProperty: () => { throw new PlantedError('proxy defineProperty'); },
  deleteProperty: () => { throw new PlantedError('proxy deleteProperty'); },
  preventExtensions: () => { throw new PlantedError('proxy preventExtensions'); },
  isExtensible: () => { throw new PlantedError('proxy isExtensible'); },
};

function nested(depth: number, make: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = make(value);
  return value;
}

/**
 * Junk values, each made fresh per use (a library that mutates or freezes one must not spoil the
 * next case): wrong types, edge numbers, huge and deep values, cycles, BigInt, Symbol, Proxies,
 * frozen objects, holes, Symbol keys, own `__proto__` keys, inherited enumerable keys.
 */
export const JUNK: readonly (readonly [name: string, make: () => unknown])[] = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['NaN', () => Number.NaN],
  ['-0', () => -0],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['-1e308', () => -1e308],
  ['2^53 + 2', () => 2 ** 53 + 2],
  ['1e21', () => 1e21],
  ['0.1 + 0.2', () => 0.1 + 0.2],
  ['empty string', () => ''],
  ['long string', () => 'x'.repeat(20_000)],
  ['a day that does not exist', () => '2025-02-30'],
  ['the year 0099', () => '0099-12-31'],
  ['exponent money', () => '1e3'],
  ['money beyond 2^53 cents', () => `${'9'.repeat(40)}.00`],
  ['"__proto__"', () => '__proto__'],
  ['"constructor"', () => 'constructor'],
  ['"toString"', () => 'toString'],
  ['true', () => true],
  ['BigInt', () => 10n],
  ['Symbol', () => Symbol('junk')],
  ['function', () => (): number => 1],
  ['Date', () => new Date(0)],
  ['Map', () => new Map([['a', 1]])],
  ['RegExp', () => /x/u],
  ['empty object', () => ({})],
  ['empty array', () => []],
  ['null-prototype object', () => Object.create(null) as object],
  ['cyclic object', () => { const o: Record<string, unknown> = { a: 1 }; o['self'] = o; return o; }],
  ['cyclic array', () => { const a: unknown[] = [1]; a.push(a); return a; }],
  ['object nested 10,000 deep', () => nested(10_000, (inner) => ({ a: inner }))],
  ['array nested 10,000 deep', () => nested(10_000, (inner) => [inner])],
  ['20,000 strings', () => Array.from({ length: 20_000 }, () => 'x')],
  ['sparse array', () => { const a: unknown[] = [1]; a.length = 10; a[5] = 'x'; return a; }],
  ['array of length 2^32 - 1', () => { const a: unknown[] = []; a.length = 2 ** 32 - 1; return a; }],
  ['object with a throwing getter', () => Object.defineProperty({ a: 1 }, 'x', { get: () => { throw new PlantedError('getter x'); }, enumerable: true })],
  ['Proxy whose traps throw', () => register(new Proxy({}, throwingTraps))],
  ['array Proxy whose traps throw', () => register(new Proxy([], throwingTraps))],
  ['revoked Proxy', () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return register(proxy); }],
  ['frozen object', () => Object.freeze({ a: 1 })],
  ['object with a Symbol key', () => ({ [Symbol('k')]: 1, a: 1 })],
  ['object with an own __proto__ key', () => JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown],
  ['object with an inherited enumerable key', () => Object.create({ inherited: 'x' }) as object],
];

/** A place in an input: a container and one of its keys. */
interface Location {
  readonly container: Record<PropertyKey, unknown>;
  readonly key: PropertyKey;
}

/** A copy of a JSON-like value: arrays and plain objects copied, anything else kept. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneJson(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
    return out as T;
  }
  return value;
}

/** Every location in a value (plain objects and arrays), breadth first, at most `limit`. */
function locationsOf(root: unknown[], limit = 2_000): Location[] {
  const out: Location[] = [];
  const queue: unknown[] = [root];
  const seen = new Set<unknown>();
  while (queue.length > 0 && out.length < limit) {
    const node = queue.shift();
    if (node === null || typeof node !== 'object' || seen.has(node) || proxies.has(node)) continue;
    seen.add(node);
    const proto = Object.getPrototypeOf(node) as unknown;
    if (!Array.isArray(node) && proto !== Object.prototype) continue;
    for (const key of Object.keys(node)) {
      const own = Object.getOwnPropertyDescriptor(node, key);
      if (own === undefined || !('value' in own)) continue;
      out.push({ container: node as Record<PropertyKey, unknown>, key });
      queue.push(own.value);
    }
  }
  return out;
}

/** The kinds of mutation, by name (an entry may exclude some while a known failure is open). */
export const MUTATION_KINDS = [
  'junk',
  'delete',
  'throwing-getter',
  'changing-getter',
  'freeze',
  'symbol-and-proto-keys',
  'throwing-proxy',
  'type-change',
  'unknown-key',
  'inherited-keys',
  'many-copies',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** One mutation: what to do, with which junk, at the location picked by `at` (modulo the locations). */
export interface Mutation {
  readonly at: number;
  readonly kind: MutationKind;
  readonly junk: string;
}

/** Mutations, leaving out the kinds and junk an entry excludes. */
export function arbMutation(exclude: { kinds?: readonly MutationKind[]; junk?: readonly string[] } = {}): fc.Arbitrary<Mutation> {
  const kinds = MUTATION_KINDS.filter((k) => !(exclude.kinds ?? []).includes(k));
  const junk = JUNK.map(([name]) => name).filter((name) => !(exclude.junk ?? []).includes(name));
  return fc.record({ at: fc.nat(), kind: fc.constantFrom(...kinds), junk: fc.constantFrom(...junk) });
}

const junkByName = new Map(JUNK.map(([name, make]) => [name, make]));

/** A fresh junk value by its name in {@link JUNK} (a Proxy registered for snapshots). */
export function junk(name: string): unknown {
  const make = junkByName.get(name);
  if (make === undefined) throw new Error(`no junk named ${name}`);
  return make();
}

/**
 * Applies mutations in place to `args` (a fresh copy of valid arguments) and says what was done.
 * The argument list itself is not the caller's input: an argument may be replaced (by junk, a
 * Proxy, ...), but not turned into a getter of the argument list.
 */
/**
 * Sets a data property, whatever was there: an assignment would throw on a getter without a
 * setter that an earlier mutation planted on the same key (fuzz seed 360890027).
 */
function put(container: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

export function mutate(args: unknown[], mutations: readonly Mutation[]): string[] {
  const done: string[] = [];
  for (const m of mutations) {
    const places = locationsOf(args);
    if (places.length === 0) break;
    const { container, key } = places[m.at % places.length]!;
    const makeJunk = junkByName.get(m.junk)!;
    // Read without running a getter an earlier mutation planted on the same key.
    const descriptor = Object.getOwnPropertyDescriptor(container, key);
    const original = descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
    const atRoot = (container as unknown) === args;
    const where = atRoot ? `argument ${String(key)}` : String(key);
    const kind = atRoot && (m.kind === 'throwing-getter' || m.kind === 'changing-getter' || m.kind === 'freeze' || m.kind === 'symbol-and-proto-keys' || m.kind === 'unknown-key') ? 'junk' : m.kind;
    // A container an earlier mutation froze, or a Proxy it planted, cannot take this one: skip it.
    if (!Object.isExtensible(container) || proxies.has(container) || (original !== null && typeof original === 'object' && proxies.has(original))) continue;
    switch (kind) {
      case 'junk':
        put(container, key, makeJunk());
        done.push(`${where} := ${m.junk}`);
        break;
      case 'delete':
        if (Array.isArray(container)) delete container[key as number];
        else delete container[key];
        done.push(`${where} deleted (a hole in an array)`);
        break;
      case 'throwing-getter':
        Object.defineProperty(container, key, { get: () => { throw new PlantedError(`getter ${where}`); }, enumerable: true, configurable: true });
        done.push(`${where} is a getter that throws`);
        break;
      case 'changing-getter': {
        let reads = 0;
        Object.defineProperty(container, key, { get: () => (++reads === 1 ? original : makeJunk()), enumerable: true, configurable: true });
        done.push(`${where} is a getter: the valid value once, then ${m.junk}`);
        break;
      }
      case 'freeze':
        Object.freeze(container);
        done.push(`the container of ${where} frozen`);
        break;
      case 'symbol-and-proto-keys':
        Object.defineProperty(container, Symbol('extra'), { value: makeJunk(), enumerable: true, configurable: true, writable: true });
        Object.defineProperty(container, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
        done.push(`the container of ${where} has a Symbol key and an own __proto__ key`);
        break;
      case 'throwing-proxy':
        put(container, key, register(new Proxy(original !== null && typeof original === 'object' ? original : {}, throwingTraps)));
        done.push(`${where} wrapped in a Proxy whose traps throw`);
        break;
      case 'type-change':
        put(container, key, typeof original === 'string' ? Number(original) : typeof original === 'number' || typeof original === 'boolean' ? String(original) : [original]);
        done.push(`${where} changed type`);
        break;
      case 'unknown-key':
        put(container, 'unexpected', makeJunk());
        done.push(`the container of ${where} has an unknown key holding ${m.junk}`);
        break;
      case 'inherited-keys': {
        const child = Object.create({ inherited: makeJunk(), [String(key)]: original }) as Record<string, unknown>;
        if (original !== null && typeof original === 'object') Object.defineProperties(child, Object.getOwnPropertyDescriptors(original));
        put(container, key, child);
        done.push(`${where} has inherited enumerable keys`);
        break;
      }
      case 'many-copies':
        put(container, key, Array.from({ length: 300 }, () => original));
        done.push(`${where} := 300 copies of itself`);
        break;
      default: {
        const unknownKind: never = kind;
        throw new Error(`unknown mutation ${String(unknownKind)}`);
      }
    }
  }
  return done;
}

// ---------------------------------------------------------------------------------------------
// Snapshots: the own property descriptors and the frozen, sealed and extensible state of every
// object reachable from a value, read without running getters or Proxy traps.

type Token = string | number;

function describePrimitive(value: unknown, symbols: Map<symbol, number>): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? 'n:-0' : `n:${value}`;
    case 'string':
      return `s:${value.length > 64 ? `${value.slice(0, 64)}…${value.length}` : value}`;
    case 'bigint':
      return `b:${value}`;
    case 'symbol': {
      if (!symbols.has(value)) symbols.set(value, symbols.size);
      return `y:${symbols.get(value)!}`;
    }
    default:
      return `${typeof value}:${String(value)}`;
  }
}

/** A deep snapshot of `value`: equal snapshots before and after a call mean nothing was changed. */
export function snapshot(value: unknown): Token[] {
  const out: Token[] = [];
  const ids = new Map<object, number>();
  const symbols = new Map<symbol, number>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      out.push(describePrimitive(v, symbols));
      continue;
    }
    const object = v as object;
    const seen = ids.get(object);
    if (seen !== undefined) {
      out.push(`ref:${seen}`);
      continue;
    }
    ids.set(object, ids.size);
    if (proxies.has(object)) {
      out.push('proxy');
      continue;
    }
    if (typeof object === 'function') {
      out.push('function', Object.isFrozen(object) ? 'frozen' : 'open');
      continue;
    }
    const keys = Reflect.ownKeys(object);
    out.push(`object:${keys.length}`, Object.isFrozen(object) ? 'F' : Object.isSealed(object) ? 'S' : Object.isExtensible(object) ? 'E' : 'N');
    const proto = Object.getPrototypeOf(object) as object | null;
    out.push(proto === Object.prototype ? 'P:Object' : proto === Array.prototype ? 'P:Array' : proto === null ? 'P:null' : 'P:other');
    if (proto !== null && proto !== Object.prototype && proto !== Array.prototype) stack.push(proto);
    for (const key of keys) {
      const d = Object.getOwnPropertyDescriptor(object, key)!;
      out.push(typeof key === 'symbol' ? describePrimitive(key, symbols) : `k:${key}`, (d.enumerable ? 1 : 0) + (d.configurable ? 2 : 0) + (d.writable ? 4 : 0));
      if ('value' in d) stack.push(d.value);
      else stack.push(d.get ?? null, d.set ?? null);
    }
  }
  return out;
}

/** The built-in prototypes and namespaces a library could pollute or freeze. */
const BUILT_INS: readonly (readonly [string, object])[] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['Symbol.prototype', Symbol.prototype],
  ['BigInt.prototype', BigInt.prototype],
  ['Date.prototype', Date.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Error.prototype', Error.prototype],
  ['Object', Object],
  ['Array', Array],
  ['JSON', JSON],
  ['Math', Math],
];

/** A shallow snapshot of the built-ins: own keys, descriptors by identity, frozen state. */
export function builtInsSnapshot(): string {
  const values = new Map<unknown, number>();
  const id = (v: unknown): number => {
    if (!values.has(v)) values.set(v, values.size);
    return values.get(v)!;
  };
  return BUILT_INS.map(([name, object]) => {
    const keys = Reflect.ownKeys(object).map((key) => {
      const d = Object.getOwnPropertyDescriptor(object, key)!;
      return `${String(key)}=${'value' in d ? id(d.value) : `${id(d.get)}/${id(d.set)}`}${d.writable ? 'w' : ''}${d.configurable ? 'c' : ''}`;
    });
    return `${name}[${Object.isFrozen(object) ? 'F' : Object.isExtensible(object) ? 'E' : 'N'}]{${keys.join(',')}}`;
  }).join('\n');
}
