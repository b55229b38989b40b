// Known-answer vectors for the SHA-256 behind every pack's content hash (rulesVersion): the
// FIPS 180-4 / NIST CSRC example messages, multi-block UTF-8 text, and every padding length around
// the 55/56/64-byte block edges checked against node:crypto.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/packs/sha256.js';

describe('sha256Hex', () => {
  it.each([
    ['the empty message', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc" (one block)', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the 448-bit message (two blocks)', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['one million "a"', 'a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('gives the published digest of %s', (_name, text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  it('hashes the UTF-8 bytes of multi-block text with non-ASCII characters', () => {
    const text = 'Cal. Pub. Cont. Code § 20111 — Bid limit: $109,300 ✓ 🏫 '.repeat(40);
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(64 * 30);
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(sha256Hex('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'); // U+00E9 as C3 A9
    expect(sha256Hex('\u{1F3EB}')).toBe(createHash('sha256').update(Buffer.from([0xf0, 0x9f, 0x8f, 0xab])).digest('hex'));
  });

  it('agrees with node:crypto at every length around the padding edges', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text), `length ${n}`).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});
