import { defineConfig } from 'tsup';

// Every public entry is built as ESM and CJS with its own declaration files (.d.ts / .d.cts).
// Rule packs are imported as JSON modules and inlined by esbuild: nothing is read from disk at run time.
export default defineConfig({
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
  external: ['zod', 'fast-check', 'json-rules-engine', 'decimal.js', 'date-fns'],
});
