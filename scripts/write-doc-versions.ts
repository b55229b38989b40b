/**
 * Keeps every `rulesVersion` shown in README.md and docs/*.md true: each string such as
 * `california-law@2026.1.1+pace-program@1.0.0#aa99ba29db7a0d3a` is recomputed from the packs it
 * names (createPace with those packs, in that order) and rewritten, versions and hash included.
 *
 * The hash changes with any change to any pack, so these strings cannot be kept by hand.
 * `npm run docs:versions` rewrites them; test/docs/doc-versions.test.ts fails, naming the file and
 * line, when one is out of date. Pack ids it knows: the bundled `california-law` and
 * `pace-program`, and the example policy `oak-valley-policy` (examples/data/oak-valley-policy.json).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { californiaLaw, createPace, paceProgram } from '../src/index.js';

const ROOT = join(import.meta.dirname, '..');

/** The docs that may show a rulesVersion: README.md and docs/*.md. */
export function docFiles(): string[] {
  return ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

const PACKS: Record<string, () => unknown> = {
  'california-law': () => californiaLaw(),
  'pace-program': () => paceProgram(),
  'oak-valley-policy': () => JSON.parse(readFileSync(join(ROOT, 'examples', 'data', 'oak-valley-policy.json'), 'utf8')) as unknown,
};

/** A rules version as the docs show it: `id@version` joined by `+`, then `#` and 16 hex digits. */
export const RULES_VERSION = /\b([a-z][a-z0-9-]*@[0-9A-Za-z.-]*[0-9A-Za-z](?:\+[a-z][a-z0-9-]*@[0-9A-Za-z.-]*[0-9A-Za-z])*)#([0-9a-f]{16})\b/g;

export interface ShownVersion {
  file: string;
  line: number;
  shown: string;
  current: string;
}

/** The rules version of the packs a shown version names, computed now. */
export function currentVersion(shown: string, where: string): string {
  const ids = shown.split('#')[0]!.split('+').map((p) => p.slice(0, p.indexOf('@')));
  const packs = ids.map((id) => {
    const pack = PACKS[id];
    if (!pack) throw new Error(`${where}: rulesVersion ${shown} names pack "${id}", which scripts/write-doc-versions.ts does not know (known: ${Object.keys(PACKS).join(', ')})`);
    return pack();
  });
  return createPace({ packs }).rulesVersion;
}

/** Every rules version shown in the docs, with the one the packs give today. */
export function shownVersions(): ShownVersion[] {
  const out: ShownVersion[] = [];
  const cache = new Map<string, string>();
  for (const file of docFiles()) {
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const m of text.matchAll(RULES_VERSION)) {
          const key = m[1]!.replace(/@[^+]*/g, '');
          let current = cache.get(key);
          if (current === undefined) cache.set(key, (current = currentVersion(m[0], `${file}:${i + 1}`)));
          out.push({ file, line: i + 1, shown: m[0], current });
        }
      });
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stale = shownVersions().filter((v) => v.shown !== v.current);
  for (const file of new Set(stale.map((v) => v.file))) {
    let text = readFileSync(join(ROOT, file), 'utf8');
    for (const v of stale.filter((s) => s.file === file)) text = text.split(v.shown).join(v.current);
    writeFileSync(join(ROOT, file), text);
  }
  for (const v of stale) console.log(`${v.file}:${v.line}: ${v.shown} -> ${v.current}`);
  console.log(stale.length === 0 ? 'every rulesVersion in the docs is current' : `rewrote ${stale.length} rulesVersion strings`);
}
