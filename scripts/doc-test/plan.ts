/**
 * Turns the fenced blocks of one Markdown file into what the documentation test runs:
 *
 * - chains: the ts/js blocks of one scope, as one generated module in which every `// =>` claim
 *   is wrapped so its value is recorded, and every table with a `table=` directive is evaluated;
 * - outputs: untyped blocks that follow a ts/js block (its console output);
 * - transcripts: `$ pace-rules …` sessions with their output and `$ echo $?` exit codes;
 * - files: blocks that show a repo file (`shows=`) or write one for the transcripts (`writes=`).
 *
 * Every untyped block must be one of these (or say why not with `not-output="…"`), so an output
 * cannot sit in the docs unchecked.
 */
import ts from 'typescript';
import { isClaimOpen, looksLikeClaim, parseClaim, type Pattern } from './claims.js';
import { DocSyntaxError, type Fence, type Item, type Table } from './markdown.js';

export interface Claim {
  readonly id: number;
  /** Doc line of the `// =>` comment. */
  readonly line: number;
  /** The expression, as written. */
  readonly expression: string;
  /** The claim, as written. */
  readonly text: string;
  readonly pattern: Pattern;
}

export interface Output {
  /** The runnable block whose console output this is. */
  readonly blockId: number;
  readonly blockLine: number;
  readonly line: number;
  readonly expected: string;
  /** How many lines the block's text has in the doc (for `npm run docs:outputs`). */
  readonly textLines: number;
}

export interface TableClaim {
  readonly id: number;
  readonly line: number;
  readonly expression: string;
  readonly rows: Table['rows'];
}

export interface Chain {
  readonly name: string;
  setup: string | undefined;
  readonly blocks: { id: number; fence: Fence; code: string }[];
  readonly claims: Claim[];
  readonly outputs: Output[];
  readonly tables: TableClaim[];
}

export interface TranscriptStep {
  readonly line: number;
  readonly command: string;
  /** Expected output lines (stdout, then stderr), as the doc shows them. */
  readonly expected: string;
  /** How many doc lines the output takes, after the command's line. */
  readonly outputLines: number;
  /** Doc line and value of the `$ echo $?` that follows, if any. */
  exit: { line: number; code: number } | undefined;
}

export type FileStep = { kind: 'writes'; name: string; text: string; line: number } | { kind: 'transcript'; steps: TranscriptStep[]; line: number };

export interface DocPlan {
  readonly file: string;
  readonly chains: Chain[];
  /** In doc order: files to write, then the sessions that use them. */
  readonly cli: FileStep[];
  readonly shows: { path: string; text: string; line: number }[];
  readonly skipped: { line: number; reason: string }[];
}

const RUNNABLE = new Set(['ts', 'js', 'typescript', 'javascript']);
const UNTYPED = new Set(['', 'text', 'console', 'shell-session']);

function isTranscript(fence: Fence): boolean {
  return UNTYPED.has(fence.lang) && /^\$ /.test(fence.text.trimStart());
}

/** Reads a `$ …` session: commands, their output, and `$ echo $?` checks. */
export function parseTranscript(fence: Fence, file: string): TranscriptStep[] {
  const steps: TranscriptStep[] = [];
  const lines = fence.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const docLine = fence.line + 1 + i;
    if (!line.startsWith('$ ')) {
      if (steps.length === 0 && line.trim() !== '') throw new DocSyntaxError(`${file}:${docLine}: output before the first $ command`);
      continue;
    }
    const command = line.slice(2).trim();
    if (command === 'echo $?') {
      const value = lines[i + 1]?.trim() ?? '';
      const last = steps[steps.length - 1];
      if (!last || last.exit || !/^\d+$/.test(value)) throw new DocSyntaxError(`${file}:${docLine}: \`$ echo $?\` must follow a command and be followed by its exit code`);
      last.exit = { line: docLine, code: Number(value) };
      i++;
      continue;
    }
    const out: string[] = [];
    while (i + 1 < lines.length && !lines[i + 1]!.startsWith('$ ')) out.push(lines[++i]!);
    steps.push({ line: docLine, command, expected: normalizeOutput(out.join('\n')), outputLines: out.length, exit: undefined });
  }
  return steps;
}

/** Trailing spaces and trailing blank lines do not count (editors strip them). */
export function normalizeOutput(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/** Where a claim comment stands: after statement `stmt`, on its last line or the line after. */
function claimAfter(sf: ts.SourceFile, code: string, stmt: ts.Statement, next: ts.Statement | undefined, where: (line: number) => string): { text: string; line: number } | undefined {
  // Comments on the statement's last line are "trailing", those on the lines after it "leading".
  const comments = [...(ts.getTrailingCommentRanges(code, stmt.end) ?? []), ...(ts.getLeadingCommentRanges(code, stmt.end) ?? [])]
    .filter((c, i, all) => all.findIndex((o) => o.pos === c.pos) === i)
    .sort((a, b) => a.pos - b.pos);
  const endLine = sf.getLineAndCharacterOfPosition(stmt.end).line;
  const limit = next ? next.getStart(sf) : code.length;
  let claim: { text: string; line: number } | undefined;
  for (const c of comments) {
    if (c.pos >= limit || c.kind !== ts.SyntaxKind.SingleLineCommentTrivia) break;
    const line = sf.getLineAndCharacterOfPosition(c.pos).line;
    const body = code.slice(c.pos + 2, c.end).trim();
    if (claim) {
      if (!isClaimOpen(claim.text) || line !== claim.line + claim.text.split('\n').length - 1 + 1) break;
      claim.text += `\n${body}`;
      continue;
    }
    if (line > endLine + 1) break;
    if (body.startsWith('=>')) claim = { text: body.slice(2).trim(), line };
    else if (line === endLine && looksLikeClaim(body)) {
      throw new DocSyntaxError(`${where(line)}: the comment \`// ${body}\` reads as an output claim; write it \`// => ${body}\` so the test checks it, or reword it`);
    }
  }
  return claim;
}

let nextId = 0;

/** Finds the claims of one block and returns the code with each claimed expression wrapped. */
function instrument(fence: Fence, file: string, chain: Chain): string {
  const code = fence.text;
  const where = (blockLine: number): string => `${file}:${fence.line + 1 + blockLine}`;
  const sf = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const statements = sf.statements;
  statements.forEach((stmt, i) => {
    const claim = claimAfter(sf, code, stmt, statements[i + 1], where);
    if (!claim) return;
    let target: ts.Expression | undefined;
    if (ts.isExpressionStatement(stmt)) target = stmt.expression;
    else if (ts.isVariableStatement(stmt) && stmt.declarationList.declarations.length === 1) target = stmt.declarationList.declarations[0]!.initializer;
    if (!target) throw new DocSyntaxError(`${where(claim.line)}: a // => claim must follow an expression or a declaration of one variable`);
    let parsed;
    try {
      parsed = parseClaim(claim.text);
    } catch (e) {
      throw new DocSyntaxError(`${where(claim.line)}: ${(e as Error).message}`);
    }
    const id = nextId++;
    const expression = target.getText(sf);
    chain.claims.push({ id, line: fence.line + 1 + claim.line, expression, text: claim.text, pattern: parsed.pattern });
    edits.push({ start: target.getStart(sf), end: target.end, text: `__docTest.claim(${id}, (${expression}))` });
  });
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The plan of one Markdown file. */
export function planDoc(items: readonly Item[], file: string): DocPlan {
  const plan: DocPlan = { file, chains: [], cli: [], shows: [], skipped: [] };
  const chains = new Map<string, Chain>();
  let previousRunnable: { id: number; fence: Fence; chain: Chain } | undefined;
  let previousFence: Fence | undefined;
  for (const item of items) {
    const d = item.directive?.values;
    const at = `${file}:${item.line}`;
    if (item.kind === 'table') {
      const expression = d?.get('table');
      if (d && typeof expression !== 'string') throw new DocSyntaxError(`${at}: a table takes only table=EXPR`);
      if (typeof expression === 'string') {
        if (!previousRunnable) throw new DocSyntaxError(`${at}: table=… needs a ts/js block before the table`);
        const id = nextId++;
        previousRunnable.chain.tables.push({ id, line: item.line, expression, rows: item.rows });
        const block = previousRunnable.chain.blocks.find((b) => b.id === previousRunnable!.id)!;
        block.code += `\n__docTest.table(${id}, () => (${expression}));`;
      }
      continue;
    }
    const fence = item;
    const skip = d?.get('skip');
    if (skip !== undefined) {
      if (typeof skip !== 'string' || skip.trim() === '') throw new DocSyntaxError(`${at}: skip needs a reason: skip="…"`);
      plan.skipped.push({ line: fence.line, reason: skip });
    } else if (RUNNABLE.has(fence.lang) || d?.has('const')) {
      const name = typeof d?.get('chain') === 'string' ? (d.get('chain') as string) : 'main';
      let chain = chains.get(name);
      if (!chain) {
        chain = { name, setup: undefined, blocks: [], claims: [], outputs: [], tables: [] };
        chains.set(name, chain);
        plan.chains.push(chain);
      }
      const setup = d?.get('setup');
      if (typeof setup === 'string') {
        if (chain.setup !== undefined && chain.setup !== setup) throw new DocSyntaxError(`${at}: chain "${name}" already has setup ${chain.setup}`);
        chain.setup = setup;
      }
      const id = nextId++;
      const constant = d?.get('const');
      if (constant !== undefined) {
        if (typeof constant !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(constant) || fence.lang !== 'json') throw new DocSyntaxError(`${at}: const=NAME goes on a json block, NAME a variable name`);
        // The JSON text as it stands is a JavaScript expression; its lines keep their doc lines.
        chain.blocks.push({ id, fence, code: `const ${constant} = ${fence.text};` });
      } else {
        chain.blocks.push({ id, fence, code: instrument(fence, file, chain) });
      }
      previousRunnable = { id, fence, chain };
    } else if (d?.has('writes')) {
      plan.cli.push({ kind: 'writes', name: String(d.get('writes')), text: fence.text, line: fence.line });
    } else if (d?.has('shows')) {
      plan.shows.push({ path: String(d.get('shows')), text: fence.text, line: fence.line });
    } else if (isTranscript(fence)) {
      plan.cli.push({ kind: 'transcript', steps: parseTranscript(fence, file), line: fence.line });
    } else if (d?.has('output') || (UNTYPED.has(fence.lang) && !d?.has('not-output'))) {
      const owner = previousFence && previousRunnable && previousFence === previousRunnable.fence && previousFence.section === fence.section ? previousRunnable : undefined;
      if (!owner) {
        throw new DocSyntaxError(
          `${at}: this block reads as an output, but no ts/js block right before it (same section) prints it. Add the code that prints it, ` +
            'make it a `$ pace-rules …` session, or mark it <!-- doc-test: not-output="why" -->',
        );
      }
      owner.chain.outputs.push({ blockId: owner.id, blockLine: owner.fence.line, line: fence.line, expected: normalizeOutput(fence.text), textLines: fence.text.split('\n').length });
    } else if (d?.has('not-output') && typeof d.get('not-output') !== 'string') {
      throw new DocSyntaxError(`${at}: not-output needs a reason: not-output="…"`);
    }
    previousFence = fence;
  }
  return plan;
}

/** The module text of a chain, and the doc line of each of its lines (undefined: generated). */
export function chainModule(chain: Chain, setupExports: readonly string[], setupUrl: string | undefined): { text: string; lines: (number | undefined)[] } {
  const text: string[] = [];
  const lines: (number | undefined)[] = [];
  const gen = (t: string): void => {
    text.push(t);
    lines.push(undefined);
  };
  gen('// Generated by test/docs/doc-blocks.test.ts from the documentation; do not edit.');
  gen('const __docTest = (globalThis as any).__docTest;');
  if (chain.blocks.some((b) => /\brequire\(/.test(b.code))) gen('const require = __docTest.require;');
  if (setupUrl !== undefined) {
    gen(`import * as __setup from ${JSON.stringify(setupUrl)};`);
    if (setupExports.length > 0) gen(`const { ${setupExports.join(', ')} } = __setup as any;`);
  }
  for (const block of chain.blocks) {
    gen(`__docTest.block(${block.id});`);
    block.code.split('\n').forEach((l, i) => {
      text.push(l);
      // Lines appended for tables map to the block's last line.
      lines.push(block.fence.line + 1 + Math.min(i, block.fence.text.split('\n').length - 1));
    });
  }
  gen('__docTest.block(-1);');
  return { text: `${text.join('\n')}\n`, lines };
}
