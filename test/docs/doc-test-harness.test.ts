// The parts of the documentation test: claims, the Markdown reader and the plan. Each check here is
// one a doc could get wrong, so a broken harness cannot pass the docs silently.
import { describe, expect, it } from 'vitest';
import { isClaimOpen, matchesOutput, mismatches, parseClaim } from '../../scripts/doc-test/claims.js';
import { parseMarkdown } from '../../scripts/doc-test/markdown.js';
import { chainModule, planDoc } from '../../scripts/doc-test/plan.js';

const diff = (claim: string, actual: unknown): string[] => mismatches(parseClaim(claim).pattern, actual);
const plan = (md: string) => planDoc(parseMarkdown(md, 'doc.md'), 'doc.md');
const fence = (lang: string, body: string): string => `\`\`\`${lang}\n${body}\n\`\`\``;

describe('claims', () => {
  it('compare values exactly, with a path to each difference', () => {
    expect(diff("'114800.00'", '114800.00')).toEqual([]);
    expect(diff("'114800.00'", '114800')).toEqual(["$: claimed '114800.00', got '114800'"]);
    expect(diff('true', 'true')).toEqual(["$: claimed true, got 'true'"]);
    expect(diff("{ id: 'a', amount: '1.00' }", { id: 'a', amount: '2.00' })).toEqual(["$.amount: claimed '1.00', got '2.00'"]);
  });
  it('refuse extra keys unless the object ends with …', () => {
    expect(diff("{ id: 'a' }", { id: 'a', amount: '1.00' })).toEqual(['$: has keys the claim does not show (end the claim with … to allow them): amount']);
    expect(diff("{ id: 'a', … }", { id: 'a', amount: '1.00' })).toEqual([]);
    expect(diff("{ id: 'a', ... }", { id: 'a', amount: '1.00' })).toEqual([]);
  });
  it('match a bare key when it is present, a string ending in … by its start', () => {
    expect(diff('{ from, to, … }', { from: '2025-01-01', to: '2025-02-01', x: 1 })).toEqual([]);
    expect(diff('{ from, … }', { to: '2025-02-01' })).toEqual(['$.from: claimed present, got undefined']);
    expect(diff("'Cal. Pub. Cont. Code § 20111(a), …'", 'Cal. Pub. Cont. Code § 20111(a), adjusted')).toEqual([]);
    expect(diff("'Cal. Pub. Cont. Code § 20111(b)…'", 'Cal. Pub. Cont. Code § 20111(a)')).toHaveLength(1);
  });
  it('match arrays exactly, by their start (… last) or by their end (… first)', () => {
    expect(diff("['a', 'b']", ['a', 'b', 'c'])).toEqual(["$: claimed 2 elements, got 3: [ 'a', 'b', 'c' ]"]);
    expect(diff("['a', 'b', …]", ['a', 'b', 'c'])).toEqual([]);
    expect(diff("[…, 'c']", ['a', 'b', 'c'])).toEqual([]);
    expect(diff("['b', …]", ['a', 'b'])).toEqual(["$[0]: claimed 'b', got 'a'"]);
    expect(diff("[{ memberId: 'alder-usd', … }]", [{ memberId: 'birch-esd', total: '1.00' }])).toEqual(["$[0].memberId: claimed 'alder-usd', got 'birch-esd'"]);
  });
  it('take commentary after the value only when it starts with ":", "(" or "—"', () => {
    expect(parseClaim("true: without the contract, it is over").rest).toBe(': without the contract, it is over');
    expect(parseClaim("'2700.00' (530 units pooled)").rest).toBe('(530 units pooled)');
    expect(() => parseClaim("'a' + 'b'")).toThrow(/commentary must start/);
    expect(() => parseClaim('ids of the rules')).toThrow(/not a value/);
  });
  it('know when a claim continues on the next comment line', () => {
    expect(isClaimOpen("{ id: 'x', amount: '1.00',")).toBe(true);
    expect(isClaimOpen("{ id: 'x' } (a note with a ( in it")).toBe(false);
  });
});

describe('outputs', () => {
  it('match line by line, … standing for any number of lines', () => {
    expect(matchesOutput('a\nb', 'a\nb')).toBe(true);
    expect(matchesOutput('a\nb', 'a\nc')).toBe(false);
    expect(matchesOutput('a\n…\nd', 'a\nb\nc\nd')).toBe(true);
    expect(matchesOutput('a\n…\nd', 'a\nd')).toBe(true);
    expect(matchesOutput('a\n…\nd', 'a\nb\nc')).toBe(false);
    expect(matchesOutput('a', 'a\nb')).toBe(false);
  });
});

describe('the plan of a doc', () => {
  it('finds // => claims on the same line or the next, across continued comment lines, and wraps their expressions', () => {
    const p = plan(fence('ts', "const x = f();\nx.a; // => 'A'\nx.b;\n// => { id: 'b',\n//      n: 2, … }\nconst y = g(); // => 3"));
    const [chain] = p.chains;
    expect(chain!.claims.map((c) => [c.line, c.expression, c.text])).toEqual([
      [3, 'x.a', "'A'"],
      [5, 'x.b', "{ id: 'b',\nn: 2, … }"],
      [7, 'g()', '3'],
    ]);
    expect(chain!.blocks[0]!.code).toMatch(/__docTest\.claim\(\d+, \(x\.a\)\); \/\/ => 'A'/);
    expect(chain!.blocks[0]!.code).toMatch(/const y = __docTest\.claim\(\d+, \(g\(\)\)\);/);
    expect(chain!.blocks[0]!.code.split('\n')).toHaveLength(6);
  });
  it('refuses a comment that reads as a claim but lacks its =>', () => {
    expect(() => plan(fence('js', "pace.method; // 'formal-bid'"))).toThrow(/doc\.md:2: .*write it `\/\/ => 'formal-bid'`/);
    expect(() => plan(fence('js', 'events; // the rules that fired'))).not.toThrow();
  });
  it('takes an untyped block after a ts/js block as its output, and refuses one that nothing prints', () => {
    const p = plan(`${fence('js', 'console.log(1);')}\n\nOutput:\n\n${fence('', '1')}`);
    expect(p.chains[0]!.outputs.map((o) => [o.line, o.blockLine, o.expected])).toEqual([[7, 1, '1']]);
    expect(() => plan(`# A\n\n${fence('js', 'console.log(1);')}\n\n## B\n\n${fence('', '1')}`)).toThrow(/doc\.md:9: this block reads as an output/);
    expect(() => plan(fence('', 'some text'))).toThrow(/reads as an output/);
    expect(() => plan(`<!-- doc-test: not-output="an illustration" -->\n${fence('', 'some text')}`)).not.toThrow();
  });
  it('reads sessions: commands, their output and the exit code of echo $?', () => {
    const p = plan(`<!-- doc-test: writes=bad.csv -->\n${fence('csv', 'id\nx')}\n\n${fence('', '$ pace-rules audit-ledger bad.csv\npace-rules: bad\n$ echo $?\n2')}`);
    expect(p.cli[0]).toEqual({ kind: 'writes', name: 'bad.csv', text: 'id\nx', line: 2 });
    expect(p.cli[1]).toMatchObject({ kind: 'transcript', steps: [{ line: 8, command: 'pace-rules audit-ledger bad.csv', expected: 'pace-rules: bad', exit: { line: 10, code: 2 } }] });
  });
  it('keeps chains apart, puts a setup module in scope and evaluates a table after its block', () => {
    const md = [
      '<!-- doc-test: setup=test/docs/setup/readme.ts -->',
      fence('ts', 'const n = alder.id; // => \'alder-usd\''),
      '<!-- doc-test: chain=other -->',
      fence('js', 'const n = 2; // => 2'),
      '<!-- doc-test: table="[[n]]" -->',
      '| n |',
      '|---|',
      '| 2 |',
    ].join('\n');
    const p = plan(md);
    expect(p.chains.map((c) => [c.name, c.setup, c.claims.length, c.tables.length])).toEqual([
      ['main', 'test/docs/setup/readme.ts', 1, 0],
      ['other', undefined, 1, 1],
    ]);
    expect(p.chains[1]!.tables[0]!.rows).toEqual([{ line: 12, cells: ['2'] }]);
    const module = chainModule(p.chains[0]!, ['alder'], 'file:///setup.ts');
    expect(module.text).toContain('import * as __setup from "file:///setup.ts";');
    expect(module.text).toContain('const { alder } = __setup as any;');
    // Each line of the generated module maps back to its doc line.
    expect(module.lines[module.text.split('\n').findIndex((l) => l.includes('alder.id'))]).toBe(3);
  });
  it('refuses unknown directive keys and a directive that stands before nothing', () => {
    expect(() => plan(`<!-- doc-test: skipp="x" -->\n${fence('ts', '1')}`)).toThrow(/unknown doc-test key "skipp"/);
    expect(() => plan('<!-- doc-test: output -->\nsome prose')).toThrow(/must stand right before a fenced block or a table/);
    expect(() => plan(`<!-- doc-test: skip -->\n${fence('ts', '1')}`)).toThrow(/skip needs a reason/);
  });
});
