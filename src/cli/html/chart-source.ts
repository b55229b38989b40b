// The Chart.js browser bundle, inlined into HTML reports so that they need no network. From the
// sources it is read from node_modules; the CLI build (tsup.config.ts) replaces this module with
// the file's text, so the installed command needs no chart.js package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The text of chart.js/dist/chart.umd.min.js (MIT licence banner included). */
export function chartJsSource(): string {
  // chart.js's "exports" do not list the file: find the package, then the file in it.
  const main = createRequire(import.meta.url).resolve('chart.js');
  let dir = dirname(main);
  while (!dir.endsWith('chart.js') && dirname(dir) !== dir) dir = dirname(dir);
  return readFileSync(join(dir, 'dist', 'chart.umd.min.js'), 'utf8');
}
