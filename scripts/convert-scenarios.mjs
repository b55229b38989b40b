// One-off migration to the one scenario format (test/scenarios/README.md), idempotent: files
// already in it are left as they are. Run: node scripts/convert-scenarios.mjs
import { readdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../test/scenarios/', import.meta.url).pathname;
const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.startsWith('_') ? [join(dir, e.name)] : []));

// Fixtures: the compliance members and contracts, and the pricing base contract, in one file.
const fixturesFile = join(root, '_fixtures.json');
const fixtures = existsSync(fixturesFile) ? JSON.parse(readFileSync(fixturesFile, 'utf8')) : { members: {}, contracts: {} };
for (const old of [join(root, 'compliance/_fixtures.json')]) {
  if (!existsSync(old)) continue;
  const f = JSON.parse(readFileSync(old, 'utf8'));
  Object.assign(fixtures.members, f.members);
  Object.assign(fixtures.contracts, f.contracts);
  renameSync(old, old + '.migrated');
}
const base = join(root, 'pricing/_base-contract.json');
if (existsSync(base)) {
  fixtures.contracts['pricing-base'] = JSON.parse(readFileSync(base, 'utf8'));
  renameSync(base, base + '.migrated');
}
writeFileSync(fixturesFile, JSON.stringify(fixtures, null, 2) + '\n');

let converted = 0;
for (const file of files(root)) {
  const s = JSON.parse(readFileSync(file, 'utf8'));
  const pricing = file.includes('/pricing/');
  // Already in the one format: a top-level capability, and a pricing contract laid over a fixture.
  if (typeof s.capability === 'string' && !(pricing && s.input?.contract && !('$ref' in s.input.contract))) continue;
  const out = { description: s.description };
  if (s.cites !== undefined) out.cites = s.cites;
  let input = { ...s.input };
  if (pricing) {
    out.capability = s.capability ?? 'quote';
    if (input.contract && !('$ref' in input.contract)) input.contract = { $ref: 'pricing-base', ...input.contract };
  } else {
    out.capability = input.capability;
    delete input.capability;
  }
  out.input = input;
  out.expected = s.expected;
  for (const [k, v] of Object.entries(s)) if (!(k in out) && k !== 'input') out[k] = v;
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  converted++;
}
console.log(`${converted} scenario files converted`);
