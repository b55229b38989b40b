// The UTF-8 check of ledger and input text (src/cli/ledger/utf8.ts): where text first stops being
// UTF-8 agrees with Node's own validator and decoder. Failing runs print their seed.
import { isUtf8 } from 'node:buffer';
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { firstNonUtf8, scanNonUtf8 } from '../../src/cli/ledger/utf8.js';

// Bytes as they come: UTF-8 text of any characters, cut and spliced with stray bytes (Windows-1252
// letters, lone continuation bytes, overlong forms, surrogates, bytes past U+10FFFF).
const stray = fc.constantFrom(0x92, 0xe9, 0xc9, 0x80, 0xbf, 0xc0, 0xc1, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff);
const piece = fc.oneof(
  fc.string({ unit: 'binary' }).map((s) => [...Buffer.from(s, 'utf8')]),
  fc.array(stray, { minLength: 1, maxLength: 3 }),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }),
);
const bytes = fc.array(piece, { maxLength: 8 }).map((pieces) => Uint8Array.from(pieces.flat()));

test.prop([bytes])('finds no byte in UTF-8 text, and in other text the first byte where Node stops decoding it', (b) => {
  const at = scanNonUtf8(b);
  expect(firstNonUtf8(b)).toBe(at);
  expect(at === -1).toBe(isUtf8(b));
  if (at >= 0) {
    // What comes before is UTF-8, and Node's decoder puts its first replacement character there.
    expect(isUtf8(b.subarray(0, at))).toBe(true);
    const before = Buffer.from(b.subarray(0, at)).toString('utf8');
    const whole = Buffer.from(b).toString('utf8');
    expect(whole.startsWith(before)).toBe(true);
    expect(whole.charCodeAt(before.length)).toBe(0xfffd);
  }
});

test.prop([bytes, fc.nat(), fc.nat()])('looks only inside the range it is given', (b, x, y) => {
  const from = Math.min(x, y) % (b.length + 1);
  const to = from + (Math.max(x, y) % (b.length - from + 1));
  const at = firstNonUtf8(b, from, to);
  expect(at === -1 || (at >= from && at < to)).toBe(true);
  expect(at === -1).toBe(isUtf8(b.subarray(from, to)));
});
