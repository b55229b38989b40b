// Small helpers on JSON-like data shared by the engine's stages.

import { isPlainObject, isRecord } from '../model/plain-data.js';

export { isPlainObject, isRecord };

/** An own property that is not undefined. @internal */
export const hasDefined = (value: object, key: string): boolean => Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined;

/** Something with a callable `then` (a promise or look-alike). Reading `then` may run a getter. @internal */
export const isThenable = (value: unknown): boolean =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * JSON data (what event params may contain), at most `maxDepth` arrays and objects deep and at
 * most `maxValues` values (arrays, objects and leaves; an array's length counts in full before
 * its elements are walked, so a sparse array of length 2^32 - 1 is refused at once). @internal
 */
export function isJsonData(value: unknown, maxDepth: number, maxValues: number): boolean {
  const budget = { left: maxValues };
  return isJsonDataWithin(value, maxDepth, budget);
}

function isJsonDataWithin(value: unknown, maxDepth: number, budget: { left: number }): boolean {
  if (maxDepth < 0 || --budget.left < 0) return false;
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      if (Array.isArray(value)) {
        if (value.length > budget.left) return false;
        return value.every((item) => isJsonDataWithin(item, maxDepth - 1, budget));
      }
      return isPlainObject(value) && Object.values(value).every((item) => isJsonDataWithin(item, maxDepth - 1, budget));
    default:
      return false;
  }
}

/** A deep copy of JSON data already checked by {@link isJsonData} (events, conditions). @internal */
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
