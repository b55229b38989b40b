/**
 * Freezes a freshly parsed value and everything inside it, so a prepared contract or a loaded pack
 * can be shared and reused without anyone changing it under the next caller. Stops at values that
 * are already frozen (they were frozen the same way).
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
