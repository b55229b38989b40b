/**
 * `npm run bench`: runs every `bench/*.bench.ts`, each in its own fresh Node process (as the
 * research harness did), so that one workload's JIT state does not slow the next: run in one
 * process after the compliance benchmark, the engine benchmark measured about half its rate.
 * Each file exports `run(): Promise<void> | void` and prints what it measured, with the targets
 * from the issues beside the figures. `npm run bench -- engine` runs the files whose name matches.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const child = process.env['PACE_BENCH_CHILD'];

if (child) {
  const { sinkValue } = await import('./harness.js');
  const mod = (await import(pathToFileURL(join(here, child)).href)) as { run: () => Promise<void> | void };
  await mod.run();
  console.log(`(sink ${sinkValue()})`);
} else {
  const only = process.argv[2];
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || f.includes(only))
    .sort();
  console.log(`pace-rules benchmarks on Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}`);
  let failed = false;
  for (const file of files) {
    console.log(`\n## ${file} (own process)`);
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, PACE_BENCH_CHILD: file } });
    if (result.status !== 0) failed = true;
  }
  if (failed) process.exitCode = 1;
}
