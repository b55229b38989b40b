import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { californiaLaw, createPace } from 'pace-rules';
import { RULES_VERSION, currentVersion, shownVersions } from '../../scripts/write-doc-versions.js';

describe('the rulesVersion strings shown in README.md and docs/', () => {
  const shown = shownVersions();

  it('are found (the docs show the bundled packs and the Oak Valley policy)', () => {
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.some((v) => v.shown.includes('+oak-valley-policy@'))).toBe(true);
  });

  it('are each what the packs give today (run `npm run docs:versions`)', () => {
    const stale = shown.filter((v) => v.shown !== v.current).map((v) => `${v.file}:${v.line}: shows ${v.shown}, the packs give ${v.current}`);
    expect(stale).toEqual([]);
  });

  it('are recomputed from the packs they name, so a changed pack changes them', () => {
    const bundled = createPace().rulesVersion;
    expect(currentVersion('california-law@0.0.0+pace-program@0.0.0#0000000000000000', 'test')).toBe(bundled);
    const rawProgram = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'rules', 'pace', 'program.json'), 'utf8')) as Record<string, unknown>;
    expect(createPace({ packs: [californiaLaw(), rawProgram] }).rulesVersion).toBe(bundled);
    const changed = createPace({ packs: [californiaLaw(), { ...rawProgram, description: 'changed' }] }).rulesVersion;
    expect(changed).not.toBe(bundled);
    expect(changed.split('#')[0]).toBe(bundled.split('#')[0]);
  });

  it('reads a version in code, prose and JSON, and refuses a pack it does not know', () => {
    const text = "'california-law@2026.1.1+pace-program@1.0.0#aa99ba29db7a0d3a' and `x-pack@1.0.0#0123456789abcdef`.";
    expect([...text.matchAll(RULES_VERSION)].map((m) => m[0])).toEqual(['california-law@2026.1.1+pace-program@1.0.0#aa99ba29db7a0d3a', 'x-pack@1.0.0#0123456789abcdef']);
    expect(() => currentVersion('x-pack@1.0.0#0123456789abcdef', 'docs/x.md:3')).toThrow(/docs\/x\.md:3: .*"x-pack"/);
  });
});
