/**
 * `npm run bench`: runs every `bench/*.bench.ts`, each in its own fresh Node process (as the
 * research harness did), so that one workload's JIT state does not slow the next: run in one
 * process after the compliance benchmark, the engine benchmark measured about half its rate.
 * Each file exports `run(): Promise<void> | void` and prints what it measured, with the targets
 * from the issues beside the figures. `npm run bench -- engine` runs the files whose name matches.
 *
 * Each benchmark is first bundled with esbuild (as tsup bundles the package; dependencies stay
 * external) and run by plain `node`, not through the tsx loader: the loader's own code shares the
 * process and its inline caches, and measured that way the same build landed near one of two
 * rates from run to run (procurementMethod 4.8 µs or 7.7 µs per decision, by V8's hash seed).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.out');

const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();
console.log(`pace-rules benchmarks on Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}`);
mkdirSync(out, { recursive: true });
let failed = false;
for (const file of files) {
  console.log(`\n## ${file} (bundled, own process)`);
  const bundle = join(out, file.replace(/\.ts$/u, '.mjs'));
  await build({
    stdin: {
      contents: `import { run } from './${file}';\nimport { sinkValue } from './harness.js';\nawait run();\nconsole.log(\`(sink \${sinkValue()})\`);\n`,
      resolveDir: here,
      sourcefile: `${file}.entry.ts`,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, ['--expose-gc', bundle], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
if (failed) process.exitCode = 1;
