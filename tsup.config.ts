import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import { loadRulesPack } from './src/packs/load-rules-pack.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const external = ['zod', 'zod/mini', 'fast-check', 'json-rules-engine', 'decimal.js', 'date-fns', 'csv-parse', 'csv-parse/sync'];

// The CLI uses only the public API (src/cli imports nothing but src/index.ts), and is built as one
// self-contained file: the library, zod, decimal.js and the few date-fns functions it uses,
// tree-shaken, so that `pace-rules check` does not resolve and compile hundreds of modules at
// start-up (date-fns' barrel alone cost 150 ms). The HTML report's Chart.js bundle is inlined as
// text (src/cli/html/chart-source.ts is replaced), so the installed command needs no chart.js.
const chartJsInlined = {
  name: 'chart-js-inlined',
  setup(build: { onLoad: (o: { filter: RegExp }, cb: () => { contents: string; loader: 'js' }) => void }) {
    build.onLoad({ filter: /[\\/]src[\\/]cli[\\/]html[\\/]chart-source\.ts$/ }, () => ({
      contents: `export function chartJsSource() { return ${JSON.stringify(readFileSync('node_modules/chart.js/dist/chart.umd.min.js', 'utf8'))}; }`,
      loader: 'js',
    }));
  },
};

// The command's bundled packs (rules/california/law.json, rules/pace/program.json) are validated
// and hashed here, by the library's own loadRulesPack, and the command adopts the result
// (adoptValidatedPack): it no longer validates them at every start (70-90 ms of cold code: the
// schema, the rules compiled, SHA-256 of the canonical JSON). An invalid pack fails the build. The
// library's entries still validate them on first use.
const packsValidatedAtBuild = {
  name: 'packs-validated-at-build',
  setup(build: { onLoad: (o: { filter: RegExp }, cb: (args: { path: string }) => { contents: string; loader: 'js'; resolveDir: string }) => void }) {
    build.onLoad({ filter: /[\\/]rules[\\/](california[\\/]law|pace[\\/]program)\.json$/ }, (args) => {
      const pack = loadRulesPack(JSON.parse(readFileSync(args.path, 'utf8')));
      return {
        contents: `import { adoptValidatedPack } from './src/packs/load-rules-pack.js';\nexport default adoptValidatedPack(JSON.parse(${JSON.stringify(JSON.stringify(pack))}));\n`,
        loader: 'js',
        resolveDir: process.cwd(),
      };
    });
  },
};

export default defineConfig([
  // Every public entry as ESM and CJS with its own declaration files (.d.ts / .d.cts). Rule packs
  // are imported as JSON modules and inlined by esbuild: nothing is read from disk at run time.
  {
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      'json-rules-engine': 'src/adapters/json-rules-engine.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'neutral',
    treeshake: true,
    external,
  },
  // The `pace-rules` command (package.json "bin"), for Node only.
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    noExternal: [/.*/],
    splitting: false,
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    esbuildPlugins: [chartJsInlined as NonNullable<Options['esbuildPlugins']>[number], packsValidatedAtBuild as NonNullable<Options['esbuildPlugins']>[number]],
  },
]);
