import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const external = ['zod', 'zod/mini', 'fast-check', 'json-rules-engine', 'decimal.js', 'date-fns', 'csv-parse', 'csv-parse/sync'];

// The CLI uses only the public API: its import of the library entry stays an import of the built
// dist/index.js at run time, so the command runs exactly the code a user imports (and ships once).
const libraryEntryStaysExternal = {
  name: 'library-entry-stays-external',
  setup(build: { onResolve: (o: { filter: RegExp }, cb: (args: { importer: string }) => { path: string; external: boolean } | undefined) => void }) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) => (/[\\/]src[\\/]cli[\\/]/.test(args.importer) ? { path: './index.js', external: true } : undefined));
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
    external,
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    esbuildPlugins: [libraryEntryStaysExternal as NonNullable<Options['esbuildPlugins']>[number]],
  },
]);
