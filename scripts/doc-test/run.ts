/**
 * Runs what the documentation test checks (scripts/doc-test/plan.ts): a chain of ts/js blocks as a
 * generated module (its claims' values, its tables, what each block prints), and a documented
 * `pace-rules` command from the sources. Shared by test/docs/doc-blocks.test.ts (under vitest,
 * whose aliases map `pace-rules` to src/) and scripts/write-doc-outputs.ts (under tsx, whose
 * tsconfig paths do the same).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, inspect } from 'node:util';
import * as paceRules from 'pace-rules';
import * as paceRulesTesting from 'pace-rules/testing';
import * as paceRulesJre from 'pace-rules/json-rules-engine';
import { readMarkdown } from './markdown.js';
import { chainModule, normalizeOutput, planDoc, type Chain, type DocPlan } from './plan.js';

const root = join(import.meta.dirname, '..', '..');

/** The docs the test reads: README.md and docs/*.md. */
export const DOCS = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** The plan of each doc, or the error that stops it being read (a broken convention). */
export function readDocs(): (DocPlan | { file: string; error: unknown })[] {
  return DOCS.map((file) => {
    try {
      return planDoc(readMarkdown(join(root, file), file), file);
    } catch (error) {
      return { file, error };
    }
  });
}

export interface ChainRun {
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
export async function runChain(file: string, chain: Chain): Promise<ChainRun> {
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

export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const issues = (e as { issues?: unknown }).issues;
    return `${e.name}: ${e.message}${issues ? `\n${inspect(issues)}` : ''}`;
  }
  return String(e);
}

const TSX_LOADER = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI = join(root, 'src', 'cli', 'bin.ts');

/** The argv of a documented command: `pace-rules …`, `npx pace-rules …` or `npx tsx src/cli/bin.ts …`. */
export function cliArgs(command: string): string[] | undefined {
  const words = [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  if (words[0] === 'npx') words.shift();
  if (words[0] === 'pace-rules') return words.slice(1);
  if (words[0] === 'tsx' && words[1] === 'src/cli/bin.ts') return words.slice(2);
  return undefined;
}

/** A scratch directory for the sessions of one doc, holding a copy of examples/data/. */
export function cliScratch(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'pace-doc-cli-'));
  cpSync(join(root, 'examples', 'data'), join(scratch, 'examples', 'data'), { recursive: true });
  return scratch;
}

/**
 * Runs a documented command from the sources in `cwd`: its output (stdout, then stderr) and exit
 * code. A command ending `< file` gets that file (in `cwd`) on standard input.
 */
export function runCommand(command: string, cwd: string): { output: string; exitCode: number } | undefined {
  const redirect = /\s<\s*(\S+)\s*$/.exec(command);
  const args = cliArgs(redirect ? command.slice(0, redirect.index) : command);
  if (!args) return undefined;
  const input = redirect ? readFileSync(join(cwd, redirect[1]!)) : undefined;
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, ...(input ? { input } : {}) });
  return { output: normalizeOutput(`${r.stdout}${r.stderr}`), exitCode: r.status ?? -1 };
}

/** What a block printed, as an output block compares it. */
export function printedBy(run: ChainRun, blockId: number): string {
  return normalizeOutput((run.printed.get(blockId) ?? []).join('\n'));
}
