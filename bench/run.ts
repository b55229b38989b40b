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
 *
 * Each file runs in three processes, and every rate is reported per process and as the median of
 * the three. On the 2-vCPU reference machine a process lands, at random, in a mode where
 * allocation is slow: a loop that only allocates small objects took 270-300 ms in most processes
 * and 420-450 ms in one of three to six, with the CPU otherwise idle, and so decisions (which
 * allocate their traces) vary by process, not within one. Each process prints that loop's time
 * too, so a slow process shows itself.
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
const PROCESSES = 3;
const MARK = '@@measurements ';
let failed = false;
const summary: { file: string; byName: Map<string, number[]> }[] = [];
for (const file of files) {
  console.log(`\n## ${file} (bundled, ${PROCESSES} processes)`);
  const bundle = join(out, file.replace(/\.ts$/u, '.mjs'));
  await build({
    stdin: {
      contents: [
        `import { run } from './${file}';`,
        `import { measurements, sinkValue } from './harness.js';`,
        // The allocation check: the same loop in every process (see above).
        `let keep = {}; const t0 = performance.now();`,
        `for (let i = 0; i < 3e7; i++) keep = { a: i, b: [i, i + 1], c: { d: i } };`,
        `console.log(\`allocation check: 3e7 small objects in \${Math.round(performance.now() - t0)} ms (\${Object.keys(keep).length} keys)\`);`,
        `await run();`,
        `console.log(\`(sink \${sinkValue()})\`);`,
        `console.log('${MARK}' + JSON.stringify(measurements().map((m) => [m.name, m.opsPerSecond])));`,
      ].join('\n'),
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
  const byName = new Map<string, number[]>();
  for (let p = 1; p <= PROCESSES; p++) {
    console.log(`\n### process ${p} of ${PROCESSES}`);
    const result = spawnSync(process.execPath, ['--expose-gc', bundle], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 24 });
    for (const line of result.stdout.split('\n')) {
      if (line.startsWith(MARK)) {
        for (const [name, rate] of JSON.parse(line.slice(MARK.length)) as [string, number][]) byName.set(name, [...(byName.get(name) ?? []), rate]);
      } else if (line !== '') console.log(line);
    }
    if (result.status !== 0) failed = true;
  }
  summary.push({ file, byName });
}
console.log(`\n## Rates per process, and their median (operations per second)`);
for (const { file, byName } of summary) {
  for (const [name, rates] of byName) {
    const sorted = [...rates].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`${file} | ${name}: ${rates.map((r) => Math.round(r).toLocaleString('en-US')).join(', ')}; median ${Math.round(median).toLocaleString('en-US')}`);
  }
}
if (failed) process.exitCode = 1;
