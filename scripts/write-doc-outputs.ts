/**
 * `npm run docs:outputs`: after a change that alters outputs (a charge, a total, a new finding),
 * rewrites the outputs the docs show from what the code prints now, so the change can be reviewed
 * as a diff of the docs (`git diff README.md docs/`) instead of copied by hand:
 *
 * - an untyped output block after a ts/js block: replaced with what the block prints;
 * - the output of a `$ pace-rules …` session and the exit code after its `$ echo $?`: replaced
 *   with what the command prints and returns.
 *
 * It does not touch what a person wrote on purpose: `// =>` claims (often partial), tables, and
 * outputs shortened with `…` lines. It prints each of those that differs, with the value the code
 * gives, for a person to fix. test/docs/doc-blocks.test.ts is the check; this is only its helper.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { matchesOutput, mismatches } from './doc-test/claims.js';
import { cliScratch, describeError, printedBy, readDocs, runChain, runCommand } from './doc-test/run.js';

const ROOT = join(import.meta.dirname, '..');

interface Edit {
  /** 0-based index of the first doc line replaced. */
  start: number;
  count: number;
  lines: string[];
}

const shortened = (text: string): boolean => text.split('\n').some((l) => l.trim() === '…');

async function main(): Promise<number> {
  let byHand = 0;
  let rewritten = 0;
  const note = (where: string, what: string): void => {
    byHand++;
    console.log(`${where}: ${what}`);
  };
  for (const plan of readDocs()) {
    if ('error' in plan) {
      note(plan.file, `cannot be read: ${(plan.error as Error).message}`);
      continue;
    }
    const { file } = plan;
    const edits: Edit[] = [];
    for (const chain of plan.chains) {
      if (chain.claims.length + chain.outputs.length + chain.tables.length === 0) continue;
      const run = await runChain(file, chain);
      if (run.error !== undefined) note(`${file}:${run.stoppedAt ?? chain.blocks[0]!.fence.line}`, `the documented code throws: ${describeError(run.error)}`);
      for (const claim of chain.claims) {
        if (!run.values.has(claim.id)) continue;
        const diff = mismatches(claim.pattern, run.values.get(claim.id));
        if (diff.length > 0) note(`${file}:${claim.line}`, `// => claim of \`${claim.expression}\` (fix by hand): ${diff.join('; ')}`);
      }
      for (const table of chain.tables) {
        const got = run.tables.get(table.id);
        const rows = got?.rows === undefined ? undefined : (got.rows as unknown[][]).map((r) => r.map(String));
        if (rows && JSON.stringify(rows) !== JSON.stringify(table.rows.map((r) => r.cells))) {
          note(`${file}:${table.line}`, `table (fix by hand); the code gives:\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
        }
      }
      for (const output of chain.outputs) {
        const printed = printedBy(run, output.blockId);
        if (matchesOutput(output.expected, printed)) continue;
        if (shortened(output.expected)) note(`${file}:${output.line}`, `shortened output (fix by hand); the block prints:\n${printed}`);
        else edits.push({ start: output.line, count: output.textLines, lines: printed.split('\n') });
      }
    }
    const scratch = plan.cli.length > 0 ? cliScratch() : '';
    for (const step of plan.cli) {
      if (step.kind === 'writes') {
        writeFileSync(join(scratch, step.name), `${step.text}\n`);
        continue;
      }
      for (const s of step.steps) {
        const r = runCommand(s.command, scratch);
        if (!r) {
          note(`${file}:${s.line}`, `not a pace-rules command: ${s.command}`);
          continue;
        }
        if (r.exitCode === 3) {
          // An internal error is never written into the docs as an example's output.
          note(`${file}:${s.line}`, `\`${s.command}\` failed with an internal error (exit 3); nothing rewritten:\n${r.output}`);
          continue;
        }
        if (!matchesOutput(s.expected, r.output)) {
          if (shortened(s.expected)) note(`${file}:${s.line}`, `shortened output of \`${s.command}\` (fix by hand); it prints:\n${r.output}`);
          else edits.push({ start: s.line, count: s.outputLines, lines: r.output === '' ? [] : r.output.split('\n') });
        }
        if (s.exit && s.exit.code !== r.exitCode) edits.push({ start: s.exit.line, count: 1, lines: [String(r.exitCode)] });
      }
    }
    if (edits.length > 0) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      for (const e of edits.sort((a, b) => b.start - a.start)) lines.splice(e.start, e.count, ...e.lines);
      writeFileSync(join(ROOT, file), lines.join('\n'));
      rewritten += edits.length;
      console.log(`${file}: rewrote ${edits.length} output${edits.length === 1 ? '' : 's'}`);
    }
  }
  console.log(`${rewritten} outputs rewritten; ${byHand} to fix by hand${byHand > 0 ? ' (listed above)' : ''}. Review with: git diff README.md docs/`);
  return byHand > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(inspect(error));
    process.exitCode = 3;
  },
);
