/**
 * The vendor quoting page (examples/vendor-quote-page) in a real browser: bundled with esbuild for
 * the browser from the PACKED library (the consumer project of test/package/packed-project.ts), then
 * opened from file:// in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
 *
 * The bundle must not need Node: any import of a Node built-in fails the build.
 */
import { builtinModules } from 'node:module';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedProject, repoRoot, type PackedProject } from '../package/packed-project.js';

const CHROMIUM = process.env['PACE_CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAGE_DIR = join(repoRoot, 'examples/vendor-quote-page');

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (path: string): boolean => path.startsWith('node:') || nodeBuiltins.has(path) || nodeBuiltins.has(path.split('/')[0]!);

/** Fails the build on any import of a Node built-in (`node:fs`, `crypto`, `path/posix`, ...). */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      isNodeBuiltin(args.path) ? { errors: [{ text: `the browser bundle imports the Node built-in "${args.path}" (from ${args.importer})` }] } : undefined,
    );
  },
};

/** Resolves `pace-rules` (and its subpaths) from the packed consumer project, never from this repo. */
function fromPackedProject(projectDir: string): Plugin {
  return {
    name: 'pace-rules-from-packed-project',
    setup(b) {
      b.onResolve({ filter: /^pace-rules(\/.*)?$/ }, async (args) => {
        if (args.pluginData === 'packed') return undefined;
        const result = await b.resolve(args.path, { kind: args.kind, resolveDir: projectDir, pluginData: 'packed' });
        return result.errors.length > 0 ? { errors: result.errors } : { path: result.path, ...(result.sideEffects === false ? { sideEffects: false } : {}) };
      });
    },
  };
}

let project: PackedProject;
let browser: Browser | undefined;
let page: Page;
let metafile: Metafile;
let bundleBytes = 0;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Headless Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set PACE_CHROMIUM_PATH). .ci/run does this in CI.`);
  }
  project = await packedProject();
  const outDir = join(project.dir, 'vendor-quote-page');
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(PAGE_DIR, 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins, fromPackedProject(project.dir)],
  });
  metafile = result.metafile;
  bundleBytes = Object.values(metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  copyFileSync(join(PAGE_DIR, 'index.html'), join(outDir, 'index.html'));

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(pathToFileURL(join(outDir, 'index.html')).href);
  await page.waitForSelector('body[data-renders]');
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

async function table(): Promise<string[][]> {
  return page.$$eval('#result tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));
}

async function submit(): Promise<void> {
  const before = await page.getAttribute('body', 'data-renders');
  await page.click('#compute');
  await page.waitForFunction((n) => document.body.dataset['renders'] !== n, before);
}

describe('the vendor quote page, bundled from the packed library', () => {
  it('bundles pace-rules from the installed tarball, with no Node built-ins', () => {
    const inputs = Object.keys(metafile.inputs);
    const rel = relative(repoRoot, project.dir);
    expect(inputs.some((i) => i.includes('node_modules/pace-rules/dist/'))).toBe(true);
    // Nothing from the repo's own build or sources, other than the page itself.
    expect(inputs.filter((i) => !i.includes(rel) && !i.startsWith('examples/'))).toEqual([]);
    const imports = Object.values(metafile.inputs).flatMap((i) => i.imports.map((imp) => imp.path));
    expect(imports.filter(isNodeBuiltin)).toEqual([]);
    expect(inputs.filter((i) => /node_modules\/(json-rules-engine|fast-check)\//.test(i))).toEqual([]);
    expect(bundleBytes).toBeGreaterThan(0);
    console.info(`vendor-quote-page bundle: ${(bundleBytes / 1024).toFixed(1)} KiB minified`);
  });

  it('shows the group quote at the pooled tier, e-waste fees, tax, shipping split to the cent, and the rules version', async () => {
    expect(await page.getAttribute('body', 'data-state')).toBe('ready');
    // 530 units pooled reach the 500-999 tier ($265.00) of the 2025-26 schedule; alone, Alder and
    // Birch would pay $274.00 and Cedar $289.00. The e-waste fee: $4.00 a Chromebook (the 2020-2025
    // figure, the last known). Tax 7.75 % on the lines. $250.00 shipping split by quantity.
    expect(await table()).toEqual([
      ['Alder USD', '300', '265.00', '79500.00', '1200.00', '6161.25', '87002.76', '89912.01', '2909.25'],
      ['Birch ESD', '150', '265.00', '39750.00', '600.00', '3080.63', '43501.38', '44956.00', '1454.62'],
      ['Cedar Charter', '80', '265.00', '21200.00', '320.00', '1643.00', '23200.74', '25269.54', '2068.80'],
    ]);
    expect(await page.textContent('#total')).toBe('153704.88');
    expect(await page.textContent('#tier')).toBe('530 units pooled');
    const nodeRulesVersion = project.node(['--input-type=module', '-e', "import { createPace } from 'pace-rules'; console.log(createPace().rulesVersion)"]).trim();
    expect(await page.textContent('#rules-version')).toBe(nodeRulesVersion);
    expect(nodeRulesVersion).toMatch(/^california-law@.+\+pace-program@.+#[0-9a-f]+$/);
  });

  it('recomputes when the form changes (99 units stay in the first tier)', async () => {
    await page.fill('#shipping', '100');
    const quantities = await page.$$('input[name=quantity]');
    for (const [i, q] of ['40', '30', '29'].entries()) await quantities[i]!.fill(q);
    await submit();
    // 99 units pooled stay in the first tier ($289.00): pooling saves nothing here.
    expect(await table()).toEqual([
      ['Alder USD', '40', '289.00', '11560.00', '160.00', '895.90', '12656.31', '12656.31', '0.00'],
      ['Birch ESD', '30', '289.00', '8670.00', '120.00', '671.93', '9492.23', '9492.23', '0.00'],
      ['Cedar Charter', '29', '289.00', '8381.00', '116.00', '649.53', '9175.82', '9175.82', '0.00'],
    ]);
    expect(await page.textContent('#total')).toBe('31324.36');
    // No tax rate entered: no tax (the library never guesses one).
    await page.fill('#taxRate', '');
    await submit();
    expect((await table()).map((row) => row[5])).toEqual(['0.00', '0.00', '0.00']);
    expect(await page.textContent('#total')).toBe('29107.00');
  });

  it('shows a PaceError code for invalid input (isPaceError works in the browser bundle)', async () => {
    await page.fill('#shipping', '12.345');
    await submit();
    expect(await page.getAttribute('body', 'data-state')).toBe('error');
    expect(await page.textContent('#error')).toMatch(/^invalid-money: /);
    expect(await table()).toEqual([]);
  });

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
