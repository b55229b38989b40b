// Small helpers on JSON-like data shared by the engine's stages.

import { isPlainObject, isRecord } from '../model/plain-data.js';

export { isPlainObject, isRecord };

/** An own property that is not undefined. @internal */
export const hasDefined = (value: object, key: string): boolean => Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined;

/** Something with a callable `then` (a promise or look-alike). Reading `then` may run a getter. @internal */
export const isThenable = (value: unknown): boolean =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** What {@link readJsonData} answers for data it refuses. @internal */
export const NOT_JSON_DATA: unique symbol = Symbol('not JSON data');

/**
 * A private copy of JSON data (what event params may contain), at most `maxDepth` arrays and
 * objects deep and at most `maxValues` values (arrays, objects and leaves; an array's length counts
 * in full before its elements are walked, so a sparse array of length 2^32 - 1 is refused at once),
 * or {@link NOT_JSON_DATA}. Each property is read once, and the copy is what was read: a getter that
 * answers a valid value when checked and another when copied cannot slip past the check. @internal
 */
export function readJsonData(value: unknown, maxDepth: number, maxValues: number): unknown {
  return readJsonDataWithin(value, maxDepth, { left: maxValues });
}

function readJsonDataWithin(value: unknown, maxDepth: number, budget: { left: number }): unknown {
  if (maxDepth < 0 || --budget.left < 0) return NOT_JSON_DATA;
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object': {
      if (Array.isArray(value)) {
        const length = value.length;
        if (length > budget.left) return NOT_JSON_DATA;
        const out: unknown[] = new Array<unknown>(length);
        for (let i = 0; i < length; i++) {
          const item = readJsonDataWithin(value[i], maxDepth - 1, budget);
          if (item === NOT_JSON_DATA) return NOT_JSON_DATA;
          out[i] = item;
        }
        return out;
      }
      if (!isPlainObject(value)) return NOT_JSON_DATA;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = readJsonDataWithin((value as Record<string, unknown>)[key], maxDepth - 1, budget);
        if (item === NOT_JSON_DATA) return NOT_JSON_DATA;
        out[key] = item;
      }
      return out;
    }
    default:
      return NOT_JSON_DATA;
  }
}

/** A deep copy of JSON data the library already holds (a copy made by {@link readJsonData}, a pack's rules). @internal */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyJson((value as Record<string, unknown>)[k]);
  return out as T;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/u;

/** A property name as a JSON path step: `.name`, or `["a b"]` when it is not an identifier. @internal */
export const pathStep = (name: string): string => (IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);

/**
 * A value for an error message. Never throws: a BigInt, a cycle, a symbol or a throwing getter
 * (all of which make `JSON.stringify` throw, or print nothing) are named by their type. @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${String(value)}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return Array.isArray(value) ? 'an array' : 'an object';
  }
}
