import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// Two projects:
// - unit: the fast suite, run in parallel (`npm run test:unit`, before the build);
// - package: tests of the packed tarball and the browser page (`npm run test:package`, after the
//   build). They share one installed consumer project (test/package/packed-project.ts, guarded by
//   a lock), and run one file at a time, after the unit project when both are selected.
const packageTests = ['test/package/**/*.test.ts', 'test/browser/**/*.test.ts'];

export default defineConfig({
  // Examples import the library by its package name, as users do. Tests run them against the
  // sources (as tsconfig's "paths" does for tsc and tsx), never against a stale or missing dist/.
  resolve: {
    alias: [
      { find: /^pace-rules$/, replacement: src('index.ts') },
      { find: /^pace-rules\/testing$/, replacement: src('testing/index.ts') },
      { find: /^pace-rules\/json-rules-engine$/, replacement: src('adapters/json-rules-engine.ts') },
    ],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the CPUs: one on this 2-core machine, so the unit
    // files ran one after another (363 s of a 707 s CI run). Two workers keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // As the pace-rules command runs audit-ledger (src/cli/bin.ts): Node 20's V8 miscompiles
          // the ledger's row loop with TurboFan's load elimination on ledgers of many distinct
          // vendors, and the tests run the command in-process (a worker died of it, 2 runs in 6 of
          // test/cli/ledger-html-splits.test.ts, once the inliner gathered the loop differently).
          execArgv: ['--no-turbo-load-elimination'],
          exclude: [...configDefaults.exclude, ...packageTests],
        },
      },
      {
        extends: true,
        test: {
          name: 'package',
          include: packageTests,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
