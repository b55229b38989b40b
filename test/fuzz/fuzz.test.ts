// Fuzz suite: every public function (entries.ts) called with mutated valid inputs and junk.
// Each call must: let only a PaceError escape (zod's ZodError for the schemas' own parse); leave
// its input unchanged and unfrozen (own descriptors, prototypes and frozen state, deeply); leave
// the built-in prototypes unchanged and unfrozen; and return within a second.
//
// Runs: 20,000 cases in all by default, shared by the entries' weights; PACE_FUZZ_RUNS=200000 for
// a longer run, PACE_FUZZ_SEED=<seed> to replay one (the seed of a failing run is printed).
// PACE_FUZZ_SURVEY=<cases per entry> runs every entry without its exclusions (except junk that takes
// the worker down) and prints each kind of failure once, with a small reproducing input, instead of
// stopping at the first.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isPaceError } from '../../src/index.js';
import { ENTRIES, EXCLUDED, type FuzzEntry } from './entries.js';
import { arbMutation, builtInsSnapshot, cloneJson, mutate, snapshot, type Mutation } from './harness.js';

const TOTAL_RUNS = Number(process.env['PACE_FUZZ_RUNS'] ?? 20_000);
// One seed for the whole run, chosen here and printed before any case runs: a run that hangs (and so
// never reports a failure with its seed) can still be replayed.
const SEED = process.env['PACE_FUZZ_SEED'] === undefined ? (Math.random() * 2 ** 32) | 0 : Number(process.env['PACE_FUZZ_SEED']);
console.log(`fuzz seed ${SEED} (replay: PACE_FUZZ_SEED=${SEED} npx vitest run --project unit test/fuzz -t <name>)`);
const SURVEY = Number(process.env['PACE_FUZZ_SURVEY'] ?? 0);
const MAX_CALL_MS = 1_000;
// The suite's 60 s per test is for the default 20,000 cases; a longer run (PACE_FUZZ_RUNS) gets proportionally longer.
const ENTRY_TIMEOUT_MS = Math.max(60_000, Math.ceil(TOTAL_RUNS / 20_000) * 60_000);

const totalWeight = ENTRIES.reduce((sum, e) => sum + e.weight, 0);
const runsOf = (weight: number): number => Math.max(50, Math.ceil((TOTAL_RUNS * weight) / totalWeight));

function firstDifference(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `at token ${i}: before ${String(a[i])}, after ${String(b[i])}`;
  return undefined;
}

function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 200)}`;
  return typeof e;
}

const builtIns = builtInsSnapshot();

/** Milliseconds one call takes on a fresh copy of the same mutated input. */
function timeCall(entry: FuzzEntry, valid: unknown[], mutations: readonly Mutation[]): number {
  const args = cloneJson(valid);
  mutate(args, mutations);
  const started = performance.now();
  try {
    entry.call(args);
  } catch {
    // Only the time matters here.
  }
  return performance.now() - started;
}

/** One call and its checks; the failure, with what was done to the input, or undefined. */
function check(entry: FuzzEntry, valid: unknown[], mutations: readonly Mutation[]): { what: string; context: string; stack?: string } | undefined {
  const allowed = entry.allowed ?? isPaceError;
  const args = cloneJson(valid);
  const applied = mutate(args, mutations);
  const before = snapshot(args);
  const started = performance.now();
  let escaped: { error: unknown } | undefined;
  try {
    entry.call(args);
  } catch (error) {
    escaped = { error };
  }
  // The machine is shared: a slow call is timed twice more, and only the fastest of the three counts.
  let elapsed = performance.now() - started;
  for (let retry = 0; retry < 2 && elapsed >= MAX_CALL_MS; retry++) elapsed = Math.min(elapsed, timeCall(entry, valid, mutations));
  const context = `${entry.name} with mutations [${applied.join('; ')}]`;
  if (escaped !== undefined && !allowed(escaped.error)) {
    const stack = escaped.error instanceof Error ? (escaped.error.stack ?? '').split('\n').slice(1, 4).join('\n') : undefined;
    return { what: `threw ${describeThrown(escaped.error)}`, context, ...(stack === undefined ? {} : { stack }) };
  }
  const changed = firstDifference(before, snapshot(args));
  if (changed !== undefined) return { what: `changed or froze its input ${changed}`, context };
  if (builtInsSnapshot() !== builtIns) return { what: 'changed or froze a built-in prototype', context };
  if (elapsed >= MAX_CALL_MS) return { what: `took ${Math.round(elapsed)} ms`, context };
  return undefined;
}

describe.skipIf(SURVEY > 0)('fuzz: only PaceError escapes, inputs and built-ins untouched, every call under a second', () => {
  it(`runs at least ${TOTAL_RUNS} cases over ${ENTRIES.length} public functions`, () => {
    expect(ENTRIES.reduce((sum, e) => sum + runsOf(e.weight), 0)).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });

  for (const entry of ENTRIES) {
    const mutations = fc.array(arbMutation(entry.exclude), { maxLength: 3 });
    test.prop([entry.args, mutations], { numRuns: runsOf(entry.weight), seed: SEED })(entry.name, (valid, applied) => {
      const failure = check(entry, valid, applied);
      if (failure !== undefined) expect.fail(`${failure.context} ${failure.what}\n${failure.stack ?? ''}`);
    }, ENTRY_TIMEOUT_MS);
  }
});

describe.runIf(SURVEY > 0)('fuzz survey: every kind of failure, once each', () => {
  it('lists the failures of every entry, exclusions ignored', () => {
    const lines: string[] = [];
    for (const entry of [...ENTRIES, ...EXCLUDED]) {
      const seen = new Map<string, string>();
      const cases = fc.sample(fc.tuple(entry.args, arbMutation({ junk: entry.exclude?.crashes ?? [] })), { numRuns: SURVEY, seed: SEED });
      for (const [valid, mutation] of cases) {
        const failure = check(entry, valid, [mutation]);
        if (failure === undefined) continue;
        const key = `${mutation.kind}${mutation.kind === 'junk' || mutation.kind === 'changing-getter' || mutation.kind === 'unknown-key' ? `(${mutation.junk})` : ''}: ${failure.what.replace(/\d+/g, 'N').slice(0, 120)}`;
        if (!seen.has(key)) seen.set(key, `${failure.context}\n        ${(failure.stack ?? '').replace(/\n/g, '\n        ')}`);
      }
      lines.push(`== ${entry.name}: ${seen.size} kinds of failure`);
      for (const [key, example] of seen) lines.push(`  - ${key}\n      e.g. ${example}`);
    }
    console.log(lines.join('\n'));
    expect(lines.length).toBeGreaterThan(0);
  });
});
