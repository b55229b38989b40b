/**
 * Freezes a freshly parsed value and everything inside it, so a prepared contract or a loaded pack
 * can be shared and reused without anyone changing it under the next caller. Stops at values that
 * are already frozen (they were frozen the same way).
 *
 * Only what the library built may be frozen: a schema's parse copies every object it validates,
 * but passes the caller's own data (`meta`, typed unknown) through by reference. The values under
 * the keys in `carried` are therefore left as they are: the caller still holds them.
 * @internal
 */
export function deepFreeze<T>(value: T, carried: readonly string[] = ['meta']): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const [key, v] of Object.entries(value)) if (!carried.includes(key)) deepFreeze(v, carried);
  }
  return value;
}
