/**
 * The `// =>` claims of the documentation: a small literal language, and a matcher that says where
 * an actual value differs from it.
 *
 * A claim is a JavaScript-like literal: strings in single or double quotes, numbers, `true`,
 * `false`, `null`, `undefined`, arrays and objects (keys bare or quoted). It may be partial:
 *
 * - `…` (or `...`) as the last element of an array: the array starts with the elements shown;
 *   as the first element: it ends with them.
 * - `…` as a member of an object: the object has at least the keys shown (others are ignored);
 *   without it, exactly the keys shown.
 * - a bare key in an object (`{ from, to, … }`): the key is present, whatever its value.
 * - a string ending in `…`: the actual string starts with the text before it.
 *
 * After the literal, commentary may follow when it starts with `:`, `(` or `—`
 * (`// => true: without the contract, …`).
 */
import { inspect } from 'node:util';

export type Pattern =
  | { kind: 'value'; value: unknown }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'array'; items: Pattern[]; open: 'none' | 'end' | 'start' }
  | { kind: 'object'; entries: [string, Pattern | 'present'][]; open: boolean };

export class ClaimSyntaxError extends Error {}

type Token = { type: 'string'; value: string; raw: string } | { type: 'number'; value: number } | { type: 'word'; value: string } | { type: 'punct'; value: string } | { type: 'ellipsis' };

const ELLIPSIS = /^(…|\.\.\.)/;

/** Reads one literal from the start of `text`; returns it and the text after it. */
export function parseClaim(text: string): { pattern: Pattern; rest: string } {
  let pos = 0;
  const skip = (): void => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const next = (): Token => {
    skip();
    const c = text[pos];
    if (c === undefined) throw new ClaimSyntaxError(`the claim ends early: ${JSON.stringify(text)}`);
    const ell = ELLIPSIS.exec(text.slice(pos));
    if (ell) {
      pos += ell[0].length;
      return { type: 'ellipsis' };
    }
    if (c === "'" || c === '"') {
      let value = '';
      const start = pos;
      pos++;
      while (pos < text.length && text[pos] !== c) {
        if (text[pos] === '\\') {
          const e = text[pos + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : (e ?? '');
          pos += 2;
        } else value += text[pos++];
      }
      if (pos >= text.length) throw new ClaimSyntaxError(`unterminated string in claim ${JSON.stringify(text)}`);
      pos++;
      return { type: 'string', value, raw: text.slice(start, pos) };
    }
    const num = /^-?\d+(\.\d+)?/.exec(text.slice(pos));
    if (num) {
      pos += num[0].length;
      return { type: 'number', value: Number(num[0]) };
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(pos));
    if (word) {
      pos += word[0].length;
      return { type: 'word', value: word[0] };
    }
    if ('{}[],:'.includes(c)) {
      pos++;
      return { type: 'punct', value: c };
    }
    throw new ClaimSyntaxError(`unexpected ${JSON.stringify(c)} in claim ${JSON.stringify(text)}`);
  };
  const peek = (): Token | undefined => {
    const save = pos;
    skip();
    if (pos >= text.length) {
      pos = save;
      return undefined;
    }
    const t = next();
    pos = save;
    return t;
  };
  const isPunct = (t: Token | undefined, p: string): boolean => t?.type === 'punct' && t.value === p;

  const value = (): Pattern => {
    const t = next();
    switch (t.type) {
      case 'string': {
        const m = /(…|\.\.\.)$/.exec(t.value);
        return m ? { kind: 'prefix', prefix: t.value.slice(0, -m[0].length) } : { kind: 'value', value: t.value };
      }
      case 'number':
        return { kind: 'value', value: t.value };
      case 'word': {
        const words: Record<string, unknown> = { true: true, false: false, null: null, undefined };
        if (t.value in words) return { kind: 'value', value: words[t.value] };
        throw new ClaimSyntaxError(`${t.value} is not a value (quote strings) in claim ${JSON.stringify(text)}`);
      }
      case 'ellipsis':
        throw new ClaimSyntaxError(`… stands only in an array or an object, in claim ${JSON.stringify(text)}`);
      case 'punct':
        if (t.value === '[') return array();
        if (t.value === '{') return object();
        throw new ClaimSyntaxError(`unexpected ${t.value} in claim ${JSON.stringify(text)}`);
      default: {
        const never: never = t;
        return never;
      }
    }
  };
  const array = (): Pattern => {
    const items: Pattern[] = [];
    const ellipses: number[] = [];
    while (!isPunct(peek(), ']')) {
      if (peek()?.type === 'ellipsis') {
        next();
        ellipses.push(items.length);
      } else items.push(value());
      if (isPunct(peek(), ',')) next();
      else if (!isPunct(peek(), ']')) throw new ClaimSyntaxError(`expected , or ] in claim ${JSON.stringify(text)}`);
    }
    next();
    if (ellipses.length > 1 || (ellipses.length === 1 && ellipses[0] !== 0 && ellipses[0] !== items.length)) {
      throw new ClaimSyntaxError(`… may stand only first or last in an array, in claim ${JSON.stringify(text)}`);
    }
    const open = ellipses.length === 0 ? 'none' : ellipses[0] === items.length ? 'end' : 'start';
    return { kind: 'array', items, open };
  };
  const object = (): Pattern => {
    const entries: [string, Pattern | 'present'][] = [];
    let open = false;
    while (!isPunct(peek(), '}')) {
      const t = next();
      if (t.type === 'ellipsis') open = true;
      else if (t.type === 'word' || t.type === 'string') {
        if (isPunct(peek(), ':')) {
          next();
          entries.push([t.value, value()]);
        } else if (t.type === 'word') entries.push([t.value, 'present']);
        else throw new ClaimSyntaxError(`expected : after ${t.raw} in claim ${JSON.stringify(text)}`);
      } else throw new ClaimSyntaxError(`expected a key in claim ${JSON.stringify(text)}`);
      if (isPunct(peek(), ',')) next();
      else if (!isPunct(peek(), '}')) throw new ClaimSyntaxError(`expected , or } in claim ${JSON.stringify(text)}`);
    }
    next();
    return { kind: 'object', entries, open };
  };

  const pattern = value();
  const rest = text.slice(pos).trim();
  if (rest !== '' && !/^[:(—]/.test(rest)) {
    throw new ClaimSyntaxError(`after the value, commentary must start with ":", "(" or "—"; got ${JSON.stringify(rest)} in claim ${JSON.stringify(text)}`);
  }
  return { pattern, rest };
}

/** Whether `text` is a literal with nothing but commentary after it (a claim that lacks its `=>`). */
export function looksLikeClaim(text: string): boolean {
  try {
    return parseClaim(text).rest === '';
  } catch {
    return false;
  }
}

/** Whether the brackets and quotes of a claim's text are still open (the claim goes on the next comment line). */
export function isClaimOpen(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth > 0 || quote !== undefined;
}

const show = (v: unknown): string => inspect(v, { depth: 4, breakLength: Infinity });

/** Where `actual` differs from the claim: one line per difference, each with its path (`$` is the value). */
export function mismatches(pattern: Pattern, actual: unknown, path = '$'): string[] {
  switch (pattern.kind) {
    case 'value':
      return Object.is(pattern.value, actual) ? [] : [`${path}: claimed ${show(pattern.value)}, got ${show(actual)}`];
    case 'prefix':
      return typeof actual === 'string' && actual.startsWith(pattern.prefix) ? [] : [`${path}: claimed a string starting ${show(pattern.prefix)}, got ${show(actual)}`];
    case 'array': {
      if (!Array.isArray(actual)) return [`${path}: claimed an array, got ${show(actual)}`];
      const n = pattern.items.length;
      if (pattern.open === 'none' ? actual.length !== n : actual.length < n) {
        return [`${path}: claimed ${pattern.open === 'none' ? '' : 'at least '}${n} elements, got ${actual.length}: ${show(actual)}`];
      }
      const offset = pattern.open === 'start' ? actual.length - n : 0;
      return pattern.items.flatMap((p, i) => mismatches(p, actual[offset + i], `${path}[${offset + i}]`));
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${path}: claimed an object, got ${show(actual)}`];
      const record = actual as Record<string, unknown>;
      const out: string[] = [];
      const claimed = new Set(pattern.entries.map(([k]) => k));
      if (!pattern.open) {
        const extra = Object.keys(record).filter((k) => !claimed.has(k) && record[k] !== undefined);
        if (extra.length > 0) out.push(`${path}: has keys the claim does not show (end the claim with … to allow them): ${extra.join(', ')}`);
      }
      for (const [key, p] of pattern.entries) {
        const keyPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
        if (p === 'present') {
          if (record[key] === undefined) out.push(`${keyPath}: claimed present, got undefined`);
        } else out.push(...mismatches(p, record[key], keyPath));
      }
      return out;
    }
    default: {
      const never: never = pattern;
      return never;
    }
  }
}

/**
 * Whether printed text matches an output block: line by line, where a line that is only `…`
 * stands for any number of lines (an output shortened in the docs).
 */
export function matchesOutput(expected: string, actual: string): boolean {
  const parts = expected.split('\n');
  const lines = actual.split('\n');
  const match = (p: number, a: number): boolean => {
    if (p === parts.length) return a === lines.length;
    if (parts[p]!.trim() === '…') {
      for (let k = a; k <= lines.length; k++) if (match(p + 1, k)) return true;
      return false;
    }
    return a < lines.length && lines[a] === parts[p] && match(p + 1, a + 1);
  };
  return match(0, 0);
}
