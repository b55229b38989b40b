// Plain-data helpers shared by the engine, the models and the capabilities: the one test of "a
// plain record", and the one reader of a path of keys into caller data.

/** A non-null object that is not an array. @internal */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A record whose prototype is Object.prototype or null (what JSON.parse and object literals build). @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Reads a path from a fact value exactly as json-rules-engine 7.3 does with its default JSONPath
 * resolver, for the supported subset: a fact value that is not a non-null object is returned as
 * it is (the path is ignored); otherwise each segment follows an own property of a truthy value
 * (`Object.hasOwn`, so `'abc'` has `length` and `0` but `''` has nothing), and the first missing
 * segment yields undefined.
 *
 * @param factValue - The fact's value.
 * @param segments - Path segments, e.g. from `parsePath` (src/engine/path.ts).
 * @returns The value at the path, or undefined.
 * @example
 * ```ts
 * resolvePath({ a: [1, 2] }, ['a', '1']); // => 2
 * resolvePath(5, ['a']);                  // => 5 (not an object: the path is ignored)
 * resolvePath({ a: 5 }, ['a', 'b']);      // => undefined
 * ```
 */
export function resolvePath(factValue: unknown, segments: readonly string[]): unknown {
  if (factValue === null || typeof factValue !== 'object') return factValue;
  let value: unknown = factValue;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    if (!value || !Object.hasOwn(value as object, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
