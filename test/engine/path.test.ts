import { JSONPath } from 'jsonpath-plus';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePath, resolvePath, tryParsePath } from '../../src/engine/path.js';

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/).filter((s) => !['__proto__', 'constructor', 'prototype'].includes(s));
const quoted = fc.stringMatching(/^[A-Za-z0-9 _\-+/!&=<>{}|]{1,6}$/);
const segment = fc.oneof(
  name.map((n) => ({ text: `.${n}`, key: n })),
  fc.nat(20).map((i) => ({ text: `[${i}]`, key: String(i) })),
  quoted.map((q) => ({ text: `['${q}']`, key: q })),
  quoted.map((q) => ({ text: `["${q}"]`, key: q })),
);

describe('parsePath', () => {
  it('splits a path exactly as jsonpath-plus does, for every path it accepts', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = '$' + segments.map((s) => s.text).join('');
        const theirs = JSONPath.toPathArray(path);
        expect(theirs[0]).toBe('$');
        expect(parsePath(path)).toEqual(theirs.slice(1));
        expect(parsePath(path)).toEqual(segments.map((s) => s.key));
      }),
      { numRuns: 2000 },
    );
  });
  it('reads values exactly as json-rules-engine\'s JSONPath resolver does', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constantFrom(0, 1, '', 'ab', null, true), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', '0', 'length'), tie('node'), { maxKeys: 3 })),
    })).node;
    const path = fc.array(fc.constantFrom('.a', '.b', '[0]', '[1]', '.length', "['a']"), { maxLength: 4 }).map((s) => '$' + s.join(''));
    fc.assert(
      fc.property(value.filter((v) => v !== null && typeof v === 'object'), path, (json, p) => {
        expect(resolvePath(json, parsePath(p))).toEqual(JSONPath({ path: p, json: json as object, wrap: false }));
      }),
      { numRuns: 2000 },
    );
  });
  it('refuses everything outside the subset', () => {
    for (const p of ['', 'a', '$..a', '$.*', '$[*]', '$.a[?(@.x)]', '$[(@.length)]', '$[0:1]', '$[0,1]', "$['a,b']", "$['']", '$.a.', '$. a', '$.1a', '$.^', '$.a~', '$.__proto__', "$['prototype']", '$.a.constructor']) {
      expect(tryParsePath(p).ok, p).toBe(false);
    }
    expect(() => parsePath('$..x')).toThrow(expect.objectContaining({ code: 'unsupported-path' }) as Error);
  });
});
