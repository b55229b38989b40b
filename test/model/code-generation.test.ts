// The fast parsers without code generation: under node's --disallow-code-generation-from-strings
// (as under a Content-Security-Policy without 'unsafe-eval') and with z.config({ jitless: true }),
// the library falls back to closures and decides exactly as it does with generated parsers.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Decisions over valid inputs, inputs the fast path refuses (the schema then reports them), and
// the parser kind in use, printed as JSON.
const script = (jitless: boolean) => `
  import * as z from 'zod/mini';
  // zod's own probe may have run before the application says jitless: the library still heeds it.
  ${jitless ? 'z.core.util.allowsEval.value; z.config({ jitless: true });' : ''}
  const { createPace, MemberSchema } = await import('./src/index.js');
  const { codeGenerationAllowed, fastParser } = await import('./src/model/fast-parse.js');
  const { contract, district, purchase } = await import('./test/compliance/fixtures.js');
  const pace = createPace();
  const prepared = pace.prepareContract(contract);
  const outcome = (f) => { try { return f(); } catch (e) { return { code: e.code, issues: e.issues }; } };
  const inputs = [
    { member: district, purchase, contract: prepared },
    { member: { ...district, meta: { erp: 'x' } }, purchase: { ...purchase, amount: '150000.00' }, contract: prepared },
    { member: { ...district, membership: { ...district.membership, status: 'lapsed' } }, purchase, contract: prepared },
    { member: district, purchase: { ...purchase, amount: '1.005', extra: true } },
  ];
  console.log(JSON.stringify({
    generation: codeGenerationAllowed(),
    parser: fastParser(MemberSchema).name,
    decisions: inputs.map((input) => outcome(() => pace.checkPurchase(input))),
  }));
`;

function run(flags: string[], jitless: boolean): { generation: boolean; parser: string; decisions: unknown[] } {
  const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script(jitless)], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as never;
}

test('without code generation the parsers are closures, and every decision is the same', () => {
  const generated = run([], false);
  expect(generated.generation).toBe(true);
  expect(generated.parser).toBe('parseObject');
  for (const [flags, jitless] of [[['--disallow-code-generation-from-strings'], false], [[], true]] as const) {
    const closures = run([...flags], jitless);
    expect(closures.generation).toBe(false);
    expect(closures.parser).not.toBe('parseObject');
    expect(closures.decisions).toStrictEqual(generated.decisions);
  }
  // The inputs reach both outcomes: decisions, and a PaceError naming the path.
  expect(JSON.stringify(generated.decisions)).toContain('"procurementMethod"');
  expect(JSON.stringify(generated.decisions)).toContain('$.purchase.amount');
}, 60_000);
