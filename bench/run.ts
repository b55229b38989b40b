/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn. Each exports `run(): Promise<void> | void`
 * and prints what it measured, with the targets from the issues beside the figures.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sinkValue } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();
console.log(`pace-rules benchmarks on Node ${process.version}, ${process.platform}/${process.arch}`);
for (const file of files) {
  console.log(`\n## ${file}`);
  const mod = (await import(join(here, file))) as { run: () => Promise<void> | void };
  await mod.run();
}
console.log(`\n(sink ${sinkValue()})`);
