// `npm run example:quote-page`: bundles the vendor quote page for the browser (main.ts with the
// library from the sources) into .tmp/vendor-quote-page/, and prints the page's path to open.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = join(root, '.tmp', 'vendor-quote-page');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'main.ts')],
  outfile: join(out, 'main.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
  alias: { 'pace-rules': join(root, 'src', 'index.ts') },
});
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
console.log(`Open ${pathToFileURL(join(out, 'index.html')).href}`);
console.log(join(out, 'index.html'));
