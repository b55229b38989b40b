/**
 * The documentation is executable: every output README.md and docs/*.md claim is checked here
 * against the code (the sources, through the vitest aliases that map `pace-rules` to src/).
 *
 * - every `// =>` claim of a ts/js block: the expression's value matches the claim (partial claims
 *   with `…` are compared on the parts shown; see scripts/doc-test/claims.ts);
 * - every untyped block right after a ts/js block: exactly what that block prints with console.log;
 * - every table with `<!-- doc-test: table=EXPR -->`: its rows are EXPR's;
 * - every `$ pace-rules …` session: the command's output (stdout, then stderr) and the exit code
 *   of the `$ echo $?` after it, run from the sources with tsx in a scratch directory that holds a
 *   copy of examples/data/ (and the files of `writes=` blocks);
 * - every `shows=PATH` block: the repo file, exactly.
 *
 * The blocks of a file run in order as one module per chain (`chain=NAME`, default `main`), so a
 * later block sees the variables of an earlier one; `setup=PATH` puts a module's exports in scope
 * (test/docs/setup/). The convention is in scripts/doc-test/markdown.ts and in README.md
 * ("Docs that run"); the parts are tested in test/docs/doc-test-harness.test.ts.
 *
 * A failure names the file and line of the claim, what the doc says and what the code gives.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { matchesOutput, mismatches } from '../../scripts/doc-test/claims.js';
import { readMarkdown } from '../../scripts/doc-test/markdown.js';
import { chainModule, normalizeOutput, planDoc, type Chain, type DocPlan } from '../../scripts/doc-test/plan.js';
import * as paceRules from 'pace-rules';
import * as paceRulesTesting from 'pace-rules/testing';
import * as paceRulesJre from 'pace-rules/json-rules-engine';

const root = join(import.meta.dirname, '..', '..');
const DOCS = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const read = DOCS.map((file): DocPlan | { file: string; error: unknown } => {
  try {
    return planDoc(readMarkdown(join(root, file), file), file);
  } catch (error) {
    return { file, error };
  }
});
const plans = read.filter((p): p is DocPlan => !('error' in p));

describe('the docs follow the doc-test convention', () => {
  for (const r of read) {
    it(`${r.file} can be read`, () => {
      if ('error' in r) expect.fail(String((r.error as Error).message));
    });
  }
});

interface ChainRun {
  values: Map<number, unknown>;
  tables: Map<number, { rows?: unknown; error?: unknown }>;
  printed: Map<number, string[]>;
  error: unknown;
  /** The doc line where the chain stopped, when it threw. */
  stoppedAt: number | undefined;
}

const docRequire = createRequire(join(root, 'package.json'));
const MODULES: Record<string, unknown> = { 'pace-rules': paceRules, 'pace-rules/testing': paceRulesTesting, 'pace-rules/json-rules-engine': paceRulesJre };

/** Runs one chain as a generated module and records its claims' values and its console output. */
async function runChain(file: string, chain: Chain): Promise<ChainRun> {
  const run: ChainRun = { values: new Map(), tables: new Map(), printed: new Map(), error: undefined, stoppedAt: undefined };
  let setupExports: string[] = [];
  let setupUrl: string | undefined;
  if (chain.setup !== undefined) {
    setupUrl = pathToFileURL(join(root, chain.setup)).href;
    setupExports = Object.keys((await import(/* @vite-ignore */ setupUrl)) as object).filter((k) => k !== 'default');
  }
  const { text, lines } = chainModule(chain, setupExports, setupUrl);
  const dir = join(root, '.tmp', 'doc-test');
  mkdirSync(dir, { recursive: true });
  const modulePath = join(dir, `${file.replace(/[^\w]+/g, '_')}.${chain.name}.${process.pid}.${Date.now()}.ts`);
  writeFileSync(modulePath, text);

  let current = -1;
  const hooks = {
    claim: (id: number, value: unknown) => {
      run.values.set(id, value);
      return value;
    },
    block: (id: number) => {
      current = id;
    },
    table: (id: number, rows: () => unknown) => {
      try {
        run.tables.set(id, { rows: rows() });
      } catch (error) {
        run.tables.set(id, { error });
      }
    },
    require: (id: string) => (id in MODULES ? MODULES[id] : docRequire(id)),
  };
  const log = console.log;
  (globalThis as { __docTest?: unknown }).__docTest = hooks;
  console.log = (...args: unknown[]) => {
    const list = run.printed.get(current) ?? [];
    list.push(format(...args));
    run.printed.set(current, list);
  };
  try {
    await import(/* @vite-ignore */ pathToFileURL(modulePath).href);
  } catch (error) {
    run.error = error;
    const stack = String((error as Error)?.stack ?? '');
    const hit = new RegExp(`${modulePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(stack);
    if (hit) run.stoppedAt = lines[Number(hit[1]) - 1];
  } finally {
    console.log = log;
    delete (globalThis as { __docTest?: unknown }).__docTest;
    rmSync(modulePath, { force: true });
  }
  return run;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const issues = (e as { issues?: unknown }).issues;
    return `${e.name}: ${e.message}${issues ? `\n${inspect(issues)}` : ''}`;
  }
  return String(e);
}

const TSX_LOADER = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI = join(root, 'src', 'cli', 'bin.ts');

/** The argv of a documented command: `pace-rules …`, `npx pace-rules …` or `npx tsx src/cli/bin.ts …`. */
function cliArgs(command: string): string[] | undefined {
  const words = [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  if (words[0] === 'npx') words.shift();
  if (words[0] === 'pace-rules') return words.slice(1);
  if (words[0] === 'tsx' && words[1] === 'src/cli/bin.ts') return words.slice(2);
  return undefined;
}

for (const plan of plans) {
  const { file } = plan;
  const checked = plan.chains.some((c) => c.claims.length + c.outputs.length + c.tables.length > 0) || plan.cli.length > 0 || plan.shows.length > 0;
  if (!checked) continue;
  describe(file, () => {
    for (const chain of plan.chains) {
      const claimsOrOutputs = chain.claims.length + chain.outputs.length + chain.tables.length;
      // A chain that claims nothing (a type sketch, an import line) is not run.
      if (claimsOrOutputs === 0) continue;
      describe(`chain "${chain.name}" (blocks at lines ${chain.blocks.map((b) => b.fence.line).join(', ')})`, () => {
        let result: Promise<ChainRun> | undefined;
        const ran = (): Promise<ChainRun> => (result ??= runChain(file, chain));

        it('runs to the end', async () => {
          const r = await ran();
          if (r.error !== undefined) {
            expect.fail(`${file}:${r.stoppedAt ?? chain.blocks[0]!.fence.line}: the documented code throws: ${describeError(r.error)}`);
          }
        });
        for (const claim of chain.claims) {
          it(`${file}:${claim.line}: ${claim.expression} // => ${claim.text.replace(/\s+/g, ' ').slice(0, 80)}`, async () => {
            const r = await ran();
            if (!r.values.has(claim.id)) expect.fail(`${file}:${claim.line}: not reached; the code stopped at ${file}:${r.stoppedAt ?? '?'} with ${describeError(r.error)}`);
            const diff = mismatches(claim.pattern, r.values.get(claim.id));
            if (diff.length > 0) {
              expect.fail(`${file}:${claim.line}: \`${claim.expression}\` does not give what the doc claims (// => ${claim.text.replace(/\s+/g, ' ')}):\n  ${diff.join('\n  ')}`);
            }
          });
        }
        for (const output of chain.outputs) {
          it(`${file}:${output.line}: the output of the block at line ${output.blockLine}`, async () => {
            const r = await ran();
            const printed = normalizeOutput((r.printed.get(output.blockId) ?? []).join('\n'));
            if (!matchesOutput(output.expected, printed)) {
              expect(printed, `${file}:${output.line}: the block at line ${output.blockLine} prints something else than the doc shows${r.error ? ` (it threw: ${describeError(r.error)})` : ''}`).toBe(output.expected);
            }
          });
        }
        for (const table of chain.tables) {
          it(`${file}:${table.line}: the table is ${table.expression.slice(0, 60)}`, async () => {
            const r = await ran();
            const got = r.tables.get(table.id);
            if (!got) expect.fail(`${file}:${table.line}: not reached; the code stopped with ${describeError(r.error)}`);
            if (got.error !== undefined) expect.fail(`${file}:${table.line}: table=${table.expression} throws: ${describeError(got.error)}`);
            const rows = (got.rows as unknown[][]).map((row) => row.map(String));
            const shown = table.rows.map((row) => row.cells);
            rows.forEach((row, i) => {
              const cells = shown[i];
              if (JSON.stringify(cells) !== JSON.stringify(row)) {
                expect.fail(`${file}:${table.rows[i]?.line ?? table.line}: table row ${i + 1} shows | ${cells?.join(' | ') ?? '(no row)'} |, the code gives | ${row.join(' | ')} |`);
              }
            });
            expect(shown.length, `${file}:${table.line}: the table has ${shown.length} rows, the code gives ${rows.length}`).toBe(rows.length);
          });
        }
      });
    }

    if (plan.cli.some((s) => s.kind === 'transcript')) {
      describe('command-line sessions', () => {
        const scratch = mkdtempSync(join(tmpdir(), 'pace-doc-cli-'));
        cpSync(join(root, 'examples', 'data'), join(scratch, 'examples', 'data'), { recursive: true });
        let lastExit: number | undefined;
        for (const step of plan.cli) {
          if (step.kind === 'writes') {
            it(`${file}:${step.line}: writes ${step.name}`, () => {
              writeFileSync(join(scratch, step.name), `${step.text}\n`);
              expect(readFileSync(join(scratch, step.name), 'utf8')).toBe(`${step.text}\n`);
            });
            continue;
          }
          for (const s of step.steps) {
            it(`${file}:${s.line}: $ ${s.command}`, () => {
              const args = cliArgs(s.command);
              if (!args) expect.fail(`${file}:${s.line}: the test runs only pace-rules commands (pace-rules, npx pace-rules, npx tsx src/cli/bin.ts); got: ${s.command}`);
              const r = spawnSync(process.execPath, ['--import', TSX_LOADER, CLI, ...args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
              lastExit = r.status ?? -1;
              const printed = normalizeOutput(`${r.stdout}${r.stderr}`);
              if (!matchesOutput(s.expected, printed)) expect(printed, `${file}:${s.line}: \`${s.command}\` prints something else than the doc shows (exit ${lastExit})`).toBe(s.expected);
              if (s.exit) expect(lastExit, `${file}:${s.exit.line}: \`${s.command}\` exits with another code than the doc's \`echo $?\``).toBe(s.exit.code);
            });
          }
        }
      });
    }

    for (const shown of plan.shows) {
      it(`${file}:${shown.line}: shows ${shown.path} as it is`, () => {
        const actual = readFileSync(join(root, shown.path), 'utf8').replace(/\n$/, '');
        expect(shown.text, `${file}:${shown.line}: the block differs from ${shown.path}`).toBe(actual);
      });
    }
  });
}

describe('the CLI reference (docs/cli.md)', () => {
  const plan = plans.find((p) => p.file === 'docs/cli.md')!;
  const steps = plan.cli.flatMap((s) => (s.kind === 'transcript' ? s.steps : []));
  it('shows every command with its output and its exit code', () => {
    expect(steps.length).toBeGreaterThan(0);
    const withoutExit = steps.filter((s) => s.exit === undefined).map((s) => `docs/cli.md:${s.line}: $ ${s.command}`);
    expect(withoutExit, 'each command in docs/cli.md is followed by `$ echo $?` and its exit code').toEqual([]);
  });
  it('has no pace-rules command outside a checked session', () => {
    const text = readFileSync(join(root, 'docs/cli.md'), 'utf8');
    const fences = [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].filter((m) => m[1] === 'sh' || m[1] === 'bash');
    const unchecked = fences.flatMap((m) => m[2]!.split('\n').filter((l) => /^\s*(npx )?pace-rules /.test(l)));
    expect(unchecked).toEqual([]);
  });
});

describe('the documentation test itself', () => {
  it('finds claims, outputs and sessions in the docs', () => {
    const count = (f: (p: DocPlan) => number): number => plans.reduce((n, p) => n + f(p), 0);
    const claims = count((p) => p.chains.reduce((n, c) => n + c.claims.length, 0));
    const outputs = count((p) => p.chains.reduce((n, c) => n + c.outputs.length, 0));
    const commands = count((p) => p.cli.reduce((n, s) => n + (s.kind === 'transcript' ? s.steps.length : 0), 0));
    console.info(`documentation test: ${count((p) => p.chains.reduce((n, c) => n + c.blocks.length, 0))} ts/js blocks in ${count((p) => p.chains.length)} chains, ${claims} // => claims, ${outputs} output blocks, ${count((p) => p.chains.reduce((n, c) => n + c.tables.length, 0))} tables, ${commands} CLI commands, ${count((p) => p.shows.length)} shown files`);
    expect(claims).toBeGreaterThan(0);
    expect(outputs).toBeGreaterThan(0);
    expect(commands).toBeGreaterThan(0);
  });
});
