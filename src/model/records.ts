// The one test of "a plain record" the library uses on caller data (engine, models, adapters).

/** A non-null object that is not an array. @internal */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A record whose prototype is Object.prototype or null (what JSON.parse and object literals build). @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
