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
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchesOutput, mismatches } from '../../scripts/doc-test/claims.js';
import type { DocPlan } from '../../scripts/doc-test/plan.js';
import { cliScratch, describeError, printedBy, readDocs, runChain, runCommand } from '../../scripts/doc-test/run.js';

const root = join(import.meta.dirname, '..', '..');
const read = readDocs();
const plans = read.filter((p): p is DocPlan => !('error' in p));

describe('the docs follow the doc-test convention', () => {
  for (const r of read) {
    it(`${r.file} can be read`, () => {
      if ('error' in r) expect.fail(String((r.error as Error).message));
    });
  }
});

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
        let result: ReturnType<typeof runChain> | undefined;
        const ran = (): ReturnType<typeof runChain> => (result ??= runChain(file, chain));

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
            const printed = printedBy(r, output.blockId);
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
        const scratch = cliScratch();
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
              const r = runCommand(s.command, scratch);
              if (!r) expect.fail(`${file}:${s.line}: the test runs only pace-rules commands (pace-rules, npx pace-rules, npx tsx src/cli/bin.ts); got: ${s.command}`);
              // Exit 3 is the CLI's internal error: a doc never shows one as an example.
              expect(r.exitCode, `${file}:${s.line}: \`${s.command}\` failed with an internal error: ${r.output.slice(0, 300)}`).not.toBe(3);
              if (!matchesOutput(s.expected, r.output)) expect(r.output, `${file}:${s.line}: \`${s.command}\` prints something else than the doc shows (exit ${r.exitCode})`).toBe(s.expected);
              if (s.exit) expect(r.exitCode, `${file}:${s.exit.line}: \`${s.command}\` exits with another code than the doc's \`echo $?\``).toBe(s.exit.code);
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
  // When cli.md cannot be read, "docs/cli.md can be read" above says why.
  const plan = plans.find((p) => p.file === 'docs/cli.md');
  const steps = (plan?.cli ?? []).flatMap((s) => (s.kind === 'transcript' ? s.steps : []));
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
