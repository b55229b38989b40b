// Reading the caller's input once, under a guard, before a schema validates it. Shared by every
// capability whose input takes the schema path (compliance when its fast parser refuses, pricing,
// contracts, split purchases): what the schema validates and what the capability then uses is one
// private copy, so a getter that answers differently on a second read cannot slip a value past
// validation, a getter or Proxy trap that throws is a PaceError naming where it threw, and an array
// too long to walk is refused before anything walks it.
import { PaceError, isPaceError } from '../errors/pace-error.js';
import { toJsonPath } from './parse.js';

/** The most elements an array of an input may hold (a contract's price list included). @internal */
export const MAX_INPUT_ARRAY_LENGTH = 1_000_000;

const UNREADABLE = 'could not be read (reading it threw); pass plain data';

function oversized(path: string, length: number): PaceError {
  const message = `an array of ${length} elements; at most ${MAX_INPUT_ARRAY_LENGTH} are read`;
  return new PaceError('invalid-input', `${path}: ${message}`, [{ path, message }]);
}

function unreadable(what: string, path: string, error: unknown): PaceError {
  return new PaceError('invalid-input', `Invalid ${what}: ${path}: ${UNREADABLE}`, [{ path, message: UNREADABLE }], { cause: error });
}

/**
 * A list of the caller's read once: a copy of `value`'s elements (each read once; a hole is
 * undefined), or undefined when `value` is not an array. An array longer than
 * {@link MAX_INPUT_ARRAY_LENGTH}, and a revoked Proxy or a getter or trap that throws, are a
 * PaceError naming `path` (or the element's path).
 * @internal
 */
export function readList(value: unknown, path: string, what: string): unknown[] | undefined {
  let at = path;
  try {
    if (!Array.isArray(value)) return undefined;
    const n = value.length;
    if (n > MAX_INPUT_ARRAY_LENGTH) throw oversized(path, n);
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      at = `${path}[${i}]`;
      out[i] = value[i];
    }
    return out;
  } catch (error) {
    if (isPaceError(error)) throw error;
    throw unreadable(what, at, error);
  }
}

type Container = Record<PropertyKey, unknown> | unknown[];

/**
 * A private copy of the caller's value for a schema to validate, read once under a guard (no
 * recursion: any depth is copied). Arrays and ordinary objects are copied: an array's elements
 * (holes stay holes), an object's own enumerable properties (string and symbol keys; a getter is
 * called once; an own `__proto__` key stays an own key), on the object's own prototype (so the
 * schema still sees inherited keys as before). Other objects (a Date, a Map, …) are kept as they
 * are: the schema refuses them where it expects data, and `meta` carries them. Shared references
 * and cycles are copied as shared references and cycles.
 *
 * @param value - The caller's value.
 * @param root - Its JSON path, e.g. `$.contract`.
 * @param what - What it is, for the message (`contract`).
 * @param keep - Objects to keep as they are, not copied (a prepared contract inside a pricing input).
 * @returns The copy (the value itself when it is not an object).
 * @throws PaceError `invalid-input` naming the path of an array longer than
 *   {@link MAX_INPUT_ARRAY_LENGTH} or of a value whose reading threw (a revoked Proxy, a throwing
 *   getter or Proxy trap).
 * @internal
 */
export function readInput(value: unknown, root: string, what: string, keep?: (value: object) => boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copies = new Map<object, unknown>();
  const pending: { from: object; to: Container; path: string }[] = [];
  // Where reading is: a container's path and the key being read (undefined: the container itself).
  let at = root;
  let key: PropertyKey | undefined;
  const copyOf = (v: unknown, path: string): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    at = path;
    key = undefined;
    let to: Container;
    if (Array.isArray(v)) {
      const n = v.length;
      if (n > MAX_INPUT_ARRAY_LENGTH) throw oversized(path, n);
      to = new Array<unknown>(n);
    } else {
      const proto = Object.getPrototypeOf(v) as object | null;
      if ((proto !== Object.prototype && proto !== null && Object.prototype.toString.call(v) !== '[object Object]') || keep?.(v) === true) {
        copies.set(v, v); // a Date, a Map, a boxed primitive, …: kept as it is
        return v;
      }
      to = proto === Object.prototype ? {} : (Object.create(proto) as Record<PropertyKey, unknown>);
    }
    copies.set(v, to);
    pending.push({ from: v, to, path });
    return to;
  };
  try {
    const copy = copyOf(value, root);
    while (pending.length > 0) {
      const { from, to, path } = pending.pop()!;
      at = path;
      if (Array.isArray(to)) {
        for (let i = 0; i < to.length; i++) {
          key = i;
          const d = Object.getOwnPropertyDescriptor(from, i);
          if (d === undefined) continue; // a hole stays a hole
          const v = 'value' in d ? d.value : d.get?.call(from);
          to[i] = v === null || typeof v !== 'object' ? v : copyOf(v, `${path}[${i}]`);
          at = path;
        }
      } else {
        for (const k of Reflect.ownKeys(from)) {
          key = k;
          const d = Object.getOwnPropertyDescriptor(from, k);
          if (d === undefined || !d.enumerable) continue;
          const v: unknown = 'value' in d ? d.value : d.get?.call(from);
          const copied = v === null || typeof v !== 'object' ? v : copyOf(v, toJsonPath([k], path));
          // Defined, not assigned: a key "__proto__" stays an own key instead of setting the prototype.
          Object.defineProperty(to, k, { value: copied, enumerable: true, writable: true, configurable: true });
          at = path;
        }
      }
      key = undefined;
    }
    return copy;
  } catch (error) {
    if (isPaceError(error)) throw error;
    throw unreadable(what, key === undefined ? at : toJsonPath([key], at), error);
  }
}

