import { PaceError } from '../errors/pace-error.js';

/** Segments that would reach the prototype chain; refused whatever the path syntax. */
const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Characters that jsonpath-plus's `toPathArray` or `_trace` give a meaning inside a segment
// (filters, scripts, unions, slices, wildcards, parent/property operators, its own placeholders),
// plus quotes, brackets and backslashes. A quoted segment containing any of them is refused.
const UNSAFE_IN_QUOTED = /['"[\]().;,~^@*?$`#%:\\\u0000-\u001f]/u;
const DOT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*/u;
const INDEX = /^\[(\d+)\]/u;
const QUOTED = /^\[(['"])([^'"]*)\1\]/u;

/** Result of {@link tryParsePath}: the segments, or why the path is refused. */
export type PathParseResult = { ok: true; segments: readonly string[] } | { ok: false; message: string };

/**
 * Parses a path without throwing. See {@link parsePath} for the accepted subset.
 *
 * @param path - A JSONPath expression from a rule.
 * @returns The segments, or a message saying why the path is refused.
 * @example
 * ```ts
 * tryParsePath('$.a[0]'); // => { ok: true, segments: ['a', '0'] }
 * tryParsePath('$..a');   // => { ok: false, message: '…recursive descent…' }
 * ```
 */
export function tryParsePath(path: string): PathParseResult {
  // Called from JavaScript with anything: a non-string is refused, not a TypeError.
  if (typeof path !== 'string') return { ok: false, message: `a path must be a string such as "$.a.b" (got ${path === null ? 'null' : typeof path})` };
  if (!path.startsWith('$')) return { ok: false, message: `path "${path}" must start with "$"` };
  const segments: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    let segment: string;
    if (rest.startsWith('..')) return { ok: false, message: `path "${path}": recursive descent ".." is not supported` };
    if (rest.startsWith('.')) {
      const m = DOT_NAME.exec(rest.slice(1));
      if (m === null) return { ok: false, message: `path "${path}": unsupported segment after "." at "${rest}" (only names like .abc, [0] and ['a b'] are supported; no wildcards, filters or scripts)` };
      segment = m[0];
      rest = rest.slice(1 + segment.length);
    } else if (rest.startsWith('[')) {
      const index = INDEX.exec(rest);
      const quoted = index === null ? QUOTED.exec(rest) : null;
      if (index !== null) {
        segment = index[1]!;
        rest = rest.slice(index[0].length);
      } else if (quoted !== null) {
        segment = quoted[2]!;
        if (segment.length === 0 || UNSAFE_IN_QUOTED.test(segment)) {
          return { ok: false, message: `path "${path}": quoted segment ${JSON.stringify(segment)} is empty or contains a character JSONPath interprets` };
        }
        rest = rest.slice(quoted[0].length);
      } else {
        return { ok: false, message: `path "${path}": unsupported bracket expression at "${rest}" (filters ?(), scripts (), wildcards *, slices, unions and negative indexes are not supported)` };
      }
    } else {
      return { ok: false, message: `path "${path}": unexpected "${rest}"` };
    }
    if (FORBIDDEN_SEGMENTS.has(segment)) return { ok: false, message: `path "${path}": segment "${segment}" is forbidden (it would reach the prototype chain)` };
    segments.push(segment);
  }
  return { ok: true, segments };
}

/**
 * Parses the JSONPath subset `compileRules` supports into property names: `$`, `.name`
 * (letters, digits, `_`, `-`, not starting with a digit), `[0]` and `['a b']` / `["a b"]`, in any
 * combination. Anything else jsonpath-plus would interpret (filters, scripts, wildcards,
 * recursive descent, slices, unions) and the segments `__proto__`, `constructor`, `prototype`
 * are refused.
 *
 * @param path - A JSONPath expression from a rule.
 * @returns The property names to follow, in order (indexes stay strings, as jsonpath-plus keeps them).
 * @throws PaceError `unsupported-path` when the path is outside the subset.
 * @example
 * ```ts
 * parsePath("$.member['board resolution'].dates[0]"); // => ['member', 'board resolution', 'dates', '0']
 * parsePath('$');                                      // => []
 * ```
 */
export function parsePath(path: string): readonly string[] {
  const result = tryParsePath(path);
  if (!result.ok) throw new PaceError('unsupported-path', result.message, [{ path: '$', message: result.message }]);
  return result.segments;
}

export { resolvePath } from '../model/plain-data.js';
