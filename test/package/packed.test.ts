/**
 * The package as users get it: `npm pack`, installed into a fresh project (see packed-project.ts),
 * then used from plain Node scripts through every public door: ESM, CJS, the `/testing` and
 * `/json-rules-engine` subpaths, the raw rule packs and the JSON Schemas.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packedProject, repoRoot, type PackedProject } from './packed-project.js';

let project: PackedProject;

beforeAll(async () => {
  project = await packedProject();
}, 240_000);

const ESM_SCRIPT = `
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { createPace, allocate, roundToCents, isPaceError, PaceError, MemberSchema } from 'pace-rules';
import { arbMember, arbMoney } from 'pace-rules/testing';
import law from 'pace-rules/rules/california/law.json' with { type: 'json' };
import memberJsonSchema from 'pace-rules/schema/member.schema.json' with { type: 'json' };

const require = createRequire(import.meta.url);
const fromCjs = require('pace-rules');

// A PaceError thrown by the CJS build, examined with the ESM build's guard.
let crossed = null;
try { fromCjs.allocate('10.00', []); } catch (e) {
  crossed = { isPaceError: isPaceError(e), code: e.code, name: e.name, instanceofEsmClass: e instanceof PaceError };
}

const members = fc.sample(arbMember({ eligible: true }), { numRuns: 25, seed: 42 });
const money = fc.sample(arbMoney({ boundaries: ['114800.00'], boundaryBias: 1 }), { numRuns: 10, seed: 7 });

console.log(JSON.stringify({
  allocation: allocate('100.00', [1, 1, 1]),
  rounded: roundToCents('2.675'),
  rulesVersion: createPace().rulesVersion,
  sameRulesVersionAsCjs: createPace().rulesVersion === fromCjs.createPace().rulesVersion,
  crossed,
  membersValid: members.every((m) => MemberSchema.safeParse(m).success),
  membersAllCA: members.every((m) => m.state === 'CA'),
  money: [...new Set(money)].sort(),
  lawId: law.id,
  lawVersion: law.version,
  memberSchemaId: memberJsonSchema.$id,
  memberSchemaRef: memberJsonSchema.$ref,
}));
`;

const CJS_SCRIPT = `
const fc = require('fast-check');
const pace = require('pace-rules');
const testing = require('pace-rules/testing');
const law = require('pace-rules/rules/california/law.json');
const memberJsonSchema = require('pace-rules/schema/member.schema.json');

(async () => {
  // A PaceError thrown by the ESM build, examined with the CJS build's guard.
  const fromEsm = await import('pace-rules');
  let crossed = null;
  try { fromEsm.allocate('1.00', [0, 0]); } catch (e) {
    crossed = { isPaceError: pace.isPaceError(e), code: e.code, instanceofCjsClass: e instanceof pace.PaceError };
  }
  const members = fc.sample(testing.arbMember({ kind: 'charter-school' }), { numRuns: 10, seed: 1 });
  console.log(JSON.stringify({
    allocation: pace.allocate('0.05', [1, 1]),
    rulesVersion: pace.createPace().rulesVersion,
    packs: pace.createPace().packs.map((p) => p.id),
    crossed,
    membersAreCharterSchools: members.every((m) => m.kind === 'charter-school' && pace.MemberSchema.safeParse(m).success),
    lawId: law.id,
    memberSchemaId: memberJsonSchema.$id,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('the packed tarball', () => {
  it('ships dist, rules and schema, and no sources or tests', () => {
    const root = join(project.dir, 'node_modules', 'pace-rules');
    for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/testing.js', 'dist/testing.cjs', 'dist/json-rules-engine.js', 'dist/json-rules-engine.cjs', 'dist/json-rules-engine.d.ts', 'dist/json-rules-engine.d.cts', 'rules/california/law.json', 'rules/pace/program.json', 'schema/member.schema.json']) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
    for (const f of ['src', 'test', 'tsconfig.json', 'tsup.config.ts', 'docs/api']) expect(existsSync(join(root, f)), f).toBe(false);
  });

  it('ships docs/, so that every docs/ link of the README works from node_modules', () => {
    const root = join(project.dir, 'node_modules', 'pace-rules');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const linked = [...new Set([...readme.matchAll(/\b(docs\/[\w.-]+\.md)\b/g)].map((m) => m[1]!))];
    expect(linked).toContain('docs/cli.md');
    for (const f of linked) expect(existsSync(join(root, f)), f).toBe(true);
  });

  it('keeps json-rules-engine and fast-check out of the core entry (ESM and CJS)', () => {
    const dist = join(project.dir, 'node_modules', 'pace-rules', 'dist');
    const core = ['index.js', 'index.cjs'];
    // The core entry and every chunk it loads.
    const files = new Set<string>();
    const visit = (file: string): void => {
      if (files.has(file)) return;
      files.add(file);
      const text = readFileSync(join(dist, file), 'utf8');
      for (const m of text.matchAll(/(?:from\s*|import\s*\(?\s*|require\(\s*)['"]\.\/([^'"]+)['"]/g)) visit(m[1]!);
    };
    core.forEach(visit);
    for (const file of files) {
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text, file).not.toMatch(/(from\s*|import\s*\(\s*|require\(\s*)['"](json-rules-engine|fast-check)(\/[^'"]*)?['"]/);
    }
    expect(files.size).toBeGreaterThanOrEqual(2);
  });
});

// pace-rules/json-rules-engine with the json-rules-engine peer installed beside it: a real input
// through `paceInput`, a pack loaded by the other build, and bad input rejecting with a PaceError.
const ADAPTER_INPUT = `{
  member: { id: 'm-oak', name: 'Oak Valley USD', kind: 'school-district', districtType: 'unified', state: 'CA',
            membership: { programId: 'pace', status: 'suspended', since: '2023-07-01' },
            boardAuthorizations: [{ id: 'res-1', adoptedOn: '2024-06-15', scope: { programIds: ['pace'] } }] },
  contract: { id: 'c-tech', number: 'PACE-24-001', title: 'Classroom technology', programId: 'pace',
              leadAgency: { name: 'Lead COE', isPublicAgency: true, state: 'CA' },
              solicitation: { number: 'RFP-24-01', kind: 'request-for-proposals', awardedOn: '2024-06-01', cooperativeUseClause: true, federalProcurementCompliant: true },
              vendor: { id: 'v-acme', name: 'Acme' }, categories: ['technology'], supplyKind: 'goods',
              term: { start: '2024-07-01', end: '2026-06-30' }, eligibleMemberKinds: ['school-district'], priceSchedules: [] },
  purchase: { id: 'po-1', memberId: 'm-oak', date: '2025-03-01', amount: '50000.00', supplyKind: 'goods', category: 'technology', contractId: 'c-tech' },
}`;

const ADAPTER_ESM_SCRIPT = `
import { createRequire } from 'node:module';
import { isPaceError } from 'pace-rules';
import { toJsonRulesEngine, toJsonRulesEngineFacts, PACE_INPUT_FACT } from 'pace-rules/json-rules-engine';
import { Engine } from 'json-rules-engine';
import law from 'pace-rules/rules/california/law.json' with { type: 'json' };

const require = createRequire(import.meta.url);
const input = ${ADAPTER_INPUT};
const engine = toJsonRulesEngine(undefined, { capabilities: ['eligibility'] });
const run = await engine.run({ [PACE_INPUT_FACT]: input });
const direct = await engine.run(toJsonRulesEngineFacts(undefined, input));
// A pack loaded by the CJS build of the main entry, and a raw JSON pack.
const cjsPacks = [require('pace-rules').californiaLaw(), require('pace-rules').paceProgram()];
const fromCjsPacks = await toJsonRulesEngine(cjsPacks).run({ paceInput: input });
const fromRawLaw = await toJsonRulesEngine(law).run({ paceInput: input });
let bad = null;
try { await engine.run({ paceInput: { ...input, member: { ...input.member, kind: 'city' } } }); } catch (e) {
  bad = { isPaceError: isPaceError(e), code: e.code, path: e.issues[0].path };
}
console.log(JSON.stringify({
  isEngine: engine instanceof Engine,
  codes: run.events.map((e) => e.params.code).sort(),
  fired: run.results.map((r) => r.name).sort(),
  directFired: direct.results.map((r) => r.name).sort(),
  cjsPacksFired: fromCjsPacks.results.map((r) => r.name).sort(),
  rawLawFired: fromRawLaw.results.map((r) => r.name).sort(),
  bad,
}));
`;

const ADAPTER_CJS_SCRIPT = `
const { Engine } = require('json-rules-engine');
const { isPaceError } = require('pace-rules');
const { toJsonRulesEngine } = require('pace-rules/json-rules-engine');

(async () => {
  const input = ${ADAPTER_INPUT};
  const engine = toJsonRulesEngine();
  const run = await engine.run({ paceInput: input });
  let bad = null;
  try { await engine.run({ paceInput: { ...input, purchase: { ...input.purchase, amount: 'lots' } } }); } catch (e) {
    bad = { isPaceError: isPaceError(e), code: e.code, path: e.issues[0].path };
  }
  console.log(JSON.stringify({
    isEngine: engine instanceof Engine,
    codes: run.events.map((e) => e.params.code).sort(),
    bad,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('pace-rules/json-rules-engine', () => {
  it('from ESM: an engine built from the packs derives the facts from paceInput and fires the rules', () => {
    const out = JSON.parse(project.node([project.write('adapter.mjs', ADAPTER_ESM_SCRIPT)]));
    expect(out.isEngine).toBe(true);
    expect(out.codes).toEqual(['membership-not-active']);
    expect(out.fired).toEqual(['membership-not-active']);
    expect(out.directFired).toEqual(out.fired);
    expect(out.cjsPacksFired).toEqual(['membership-not-active']);
    // The raw law pack alone: the PACE program pack's membership rule is not in it.
    expect(out.rawLawFired).not.toContain('membership-not-active');
    expect(out.bad).toEqual({ isPaceError: true, code: 'invalid-input', path: '$.paceInput.member.kind' });
  });

  it('from CommonJS: the same engine, and bad input rejects with a PaceError naming the path', () => {
    const out = JSON.parse(project.node([project.write('adapter.cjs', ADAPTER_CJS_SCRIPT)]));
    expect(out.isEngine).toBe(true);
    expect(out.codes).toEqual(['membership-not-active']);
    expect(out.bad).toEqual({ isPaceError: true, code: 'invalid-input', path: '$.paceInput.purchase.amount' });
  });
});

describe('from ESM', () => {
  it('runs the root entry, /testing, a raw pack and a JSON Schema', () => {
    const out = JSON.parse(project.node([project.write('esm.mjs', ESM_SCRIPT)]));
    expect(out.allocation).toEqual(['33.34', '33.33', '33.33']);
    expect(out.rounded).toBe('2.68');
    expect(out.rulesVersion).toMatch(/^california-law@\d+\.\d+\.\d+\+pace-program@\d+\.\d+\.\d+#[0-9a-f]+$/);
    expect(out.sameRulesVersionAsCjs).toBe(true);
    expect(out.crossed).toEqual({ isPaceError: true, code: 'invalid-allocation', name: 'PaceError', instanceofEsmClass: false });
    expect(out.membersValid).toBe(true);
    expect(out.membersAllCA).toBe(true);
    expect(out.money.every((m: string) => ['114799.99', '114800.00', '114800.01'].includes(m))).toBe(true);
    expect(out.lawId).toBe('california-law');
    expect(out.lawVersion).toBe(JSON.parse(readFileSync(join(project.dir, 'node_modules/pace-rules/rules/california/law.json'), 'utf8')).version);
    expect(out.memberSchemaId).toBe('https://unpkg.com/pace-rules/schema/member.schema.json');
    expect(out.memberSchemaRef).toBe('#/$defs/Member');
  });
});

describe('from CommonJS', () => {
  it('requires the root entry, /testing, a raw pack and a JSON Schema', () => {
    const out = JSON.parse(project.node([project.write('cjs.cjs', CJS_SCRIPT)]));
    expect(out.allocation).toEqual(['0.03', '0.02']);
    expect(out.rulesVersion).toMatch(/^california-law@.+\+pace-program@.+#[0-9a-f]+$/);
    expect(out.packs).toEqual(['california-law', 'pace-program']);
    expect(out.crossed).toEqual({ isPaceError: true, code: 'invalid-allocation', instanceofCjsClass: false });
    expect(out.membersAreCharterSchools).toBe(true);
    expect(out.lawId).toBe('california-law');
    expect(out.memberSchemaId).toBe('https://unpkg.com/pace-rules/schema/member.schema.json');
  });
});

// ---------------------------------------------------------------------------------------------
// Through the CLI: the `pace-rules` bin of the installed tarball, as a non-JS system would run it.
// ---------------------------------------------------------------------------------------------
describe('through the CLI', () => {
  const data = (f: string): string => join(repoRoot, 'examples', 'data', f);
  const cli = (args: readonly string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(join(project.dir, 'node_modules/.bin/pace-rules'), args, { cwd: project.dir, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('is installed as node_modules/.bin/pace-rules and reports its version and rules version', () => {
    expect(project.packageJson.bin).toEqual({ 'pace-rules': './dist/cli.js' });
    const r = cli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^pace-rules ${project.packageJson.version.replace(/\./g, '\\.')}\nrules california-law@`));
    // The command's bundled packs were validated and hashed when it was built (tsup.config.ts);
    // the library validates and hashes the same packs when it runs: the same content hashes.
    const library = project.node([project.write('rules-version.mjs', "import { createPace } from 'pace-rules';\nconsole.log(createPace().rulesVersion);\n")]).trim();
    expect(r.stdout.split('\n')[1]).toBe(`rules ${library}`);
  });

  it('runs check, quote and audit-ledger with the documented exit codes', () => {
    const check = cli(['check', data('purchase.json')]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('Eligibility: ELIGIBLE');
    const quote = cli(['quote', data('group-order.json'), '--json']);
    expect(quote.status).toBe(0);
    expect((JSON.parse(quote.stdout) as { total: string }).total).toBe('173746.04');
    const ledger = cli(['audit-ledger', data('ledger.csv'), '--members', data('members.json'), '--contracts', data('contracts.json')]);
    expect(ledger.status).toBe(1);
    expect(ledger.stdout).toContain('PO-25-0031, PO-25-0047, PO-25-0052');
    // stderr is a pipe here, not a terminal: no progress bar.
    expect(ledger.stderr).toBe('');
  });

  it('audits a ledger piped in on standard input (`-`) as it audits the same ledger from a file, in each format', () => {
    // A district's batch job pipes its database's export: `psql -c "COPY ... TO STDOUT CSV HEADER" | pace-rules audit-ledger - ...`.
    const purchases = [
      { id: 'PO-26-0101', memberId: 'alder-usd', date: '2025-09-02', amount: '61200.00', supplyKind: 'goods', category: 'technology', vendorId: 'v-oakline', description: 'Chromebooks, cart 1' },
      { id: 'PO-26-0102', memberId: 'alder-usd', date: '2025-09-19', amount: '58900.00', supplyKind: 'goods', category: 'technology', vendorId: 'v-oakline', description: 'Chromebooks, cart 2' },
      { id: 'PO-26-0103', memberId: 'birch-esd', date: '2025-10-07', amount: '4200.00', supplyKind: 'services', vendorId: 'v-9', documents: [{ kind: 'quote', ref: 'Q-77' }] },
      // A change order that raises its PO past the bid limit: judged at its total with the PO's
      // own fields, which are read again (from the temporary file standard input is kept in).
      { id: 'CO-26-0101-1', memberId: 'alder-usd', date: '2025-11-03', amount: '60000.00', supplyKind: 'goods', vendorId: 'v-oakline', revisionOf: 'PO-26-0101' },
    ];
    const texts = {
      'ledger-stdin.csv': `${readFileSync(data('ledger.csv'), 'utf8').trimEnd().split('\n').map((line, i) => `${line},${i === 0 ? 'revisionOf' : ''}`).join('\n')}\nCO-25-0031-1,alder-usd,2025-10-01,70000.00,goods,technology,,v-oakline,,70000.00,,,more displays,PO-25-0031\n`,
      'ledger-stdin.jsonl': purchases.map((p) => JSON.stringify(p)).join('\n') + '\n',
      'ledger-stdin.json': `[\n${purchases.map((p) => `  ${JSON.stringify(p)}`).join(',\n')}\n]\n`,
      'ledger-stdin-object.json': JSON.stringify({ purchases }, null, 2),
      // An ERP's export with a header before its purchases, pretty and on one line.
      'ledger-stdin-export.json': JSON.stringify({ exportedAt: '2026-07-02T06:00:00Z', source: 'district ERP', purchases }, null, 2),
      'ledger-stdin-export-line.json': JSON.stringify({ exportedAt: '2026-07-02T06:00:00Z', purchases }),
    };
    const args = ['--members', data('members.json'), '--contracts', data('contracts.json'), '--format', 'json'];
    for (const [name, text] of Object.entries(texts)) {
      const fromFile = cli(['audit-ledger', project.write(name, text), ...args]);
      const piped = spawnSync(join(project.dir, 'node_modules/.bin/pace-rules'), ['audit-ledger', '-', ...args], { cwd: project.dir, encoding: 'utf8', input: text });
      expect(piped.stderr, name).toBe('');
      expect(piped.status, name).toBe(fromFile.status);
      const { file: fileName, ...report } = JSON.parse(fromFile.stdout) as Record<string, unknown> & { purchaseCount: number };
      const { file: pipedName, ...pipedReport } = JSON.parse(piped.stdout) as Record<string, unknown>;
      expect([fileName, pipedName]).toEqual([join(project.dir, name), '-']);
      expect(pipedReport, name).toEqual(report);
      expect(report.purchaseCount, name).toBe(name.endsWith('.csv') ? 8 : 3);
      const raised = (report['neededBid'] as { purchaseId: string; byChangeOrder?: boolean }[]).filter((p) => p.byChangeOrder).map((p) => p.purchaseId);
      const again = (report['missingDocuments'] as { purchaseId: string; byChangeOrder?: boolean }[]).filter((p) => p.byChangeOrder).map((p) => p.purchaseId);
      expect([raised, again], name).toEqual(name.endsWith('.csv') ? [['PO-25-0031'], ['PO-25-0031']] : [['PO-26-0101'], ['PO-26-0101']]);
      // A pipe named as the file (`<(psql ...)`, /dev/stdin) is kept too, to be read again.
      const pipe = join(project.dir, `pipe-${name}`);
      if (!existsSync(pipe)) symlinkSync('/dev/stdin', pipe);
      // (through a shell's pipe: /dev/stdin cannot be opened on the socket child_process gives)
      const named = spawnSync('bash', ['-c', 'cat "$0" | "$1" audit-ledger "$2" "${@:3}"', join(project.dir, name), join(project.dir, 'node_modules/.bin/pace-rules'), pipe, ...args], { cwd: project.dir, encoding: 'utf8' });
      expect(named.stderr, name).toBe('');
      const { file: _named, ...namedReport } = JSON.parse(named.stdout) as Record<string, unknown>;
      expect(namedReport, name).toEqual(report);
      // A named pipe (mkfifo) that a job writes into: before, the command opened it to size its
      // thread's heap and closed it, which ended the writer, and then waited for one forever.
      const fifo = join(project.dir, `fifo-${name}`);
      const viaFifo = spawnSync('bash', ['-c', 'rm -f "$2"; mkfifo "$2"; (cat "$0" > "$2" &); "$1" audit-ledger "$2" "${@:3}"', join(project.dir, name), join(project.dir, 'node_modules/.bin/pace-rules'), fifo, ...args], { cwd: project.dir, encoding: 'utf8', timeout: 60_000 });
      expect(viaFifo.stderr, name).toBe('');
      const { file: _fifo, ...fifoReport } = JSON.parse(viaFifo.stdout) as Record<string, unknown>;
      expect(fifoReport, name).toEqual(report);
    }
  });

  it('exits 2 with one line on stderr and nothing on stdout for bad input', () => {
    const r = cli(['check', join(repoRoot, 'examples', 'data', 'no-such-file.json')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^pace-rules: .*no-such-file\.json: cannot read the file/);
  });

  it('exits 2 with one line, no stack trace and no temporary file, for --out naming a directory, an option the command does not take, and an empty ledger', () => {
    // (before: exit 3, "internal error (please report it)" with EISDIR's stack, and .somedir.<pid>.tmp left)
    const folder = mkdtempSync(join(tmpdir(), 'pace-rules-out-'));
    mkdirSync(join(folder, 'somedir'));
    const bad = [
      [['check', data('purchase.json'), '--out', join(folder, 'somedir')], /^pace-rules: --out .*somedir: cannot write there \(a directory: name a file in it\)\n$/],
      [['audit-ledger', data('ledger.csv'), '--members', data('members.json'), '--out', join(folder, 'somedir')], /^pace-rules: --out .*somedir: cannot write there \(a directory/],
      // (before: exit 0, the answers on stdout and no file)
      [['batch', '--out', join(folder, 'answers.jsonl')], /^pace-rules: batch does not take --out \(/],
      [['check', data('purchase.json'), '--window', '30'], /^pace-rules: check does not take --window \(/],
      // (before: exit 0, "Result: clear")
      [['audit-ledger', project.write('empty-ledger.json', ''), '--members', data('members.json')], /^pace-rules: .*empty-ledger\.json: the file holds no JSON \(it is empty or blank\); expected an array of purchases/],
    ] as const;
    for (const [args, message] of bad) {
      const r = spawnSync(join(project.dir, 'node_modules/.bin/pace-rules'), args, { cwd: project.dir, encoding: 'utf8', input: '' });
      expect([r.status, r.stdout], args.join(' ')).toEqual([2, '']);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(readdirSync(folder)).toEqual(['somedir']);
    expect(readdirSync(join(folder, 'somedir'))).toEqual([]);
    rmSync(folder, { recursive: true });
  });

  it.runIf(existsSync('/dev/full'))('exits 2 with one line naming stdout when stdout cannot be written (a full disk)', () => {
    // (before: exit 3, "internal error (please report it)" with ENOSPC's stack)
    const requests = readFileSync(join(repoRoot, 'examples', 'data', 'purchase.json'), 'utf8');
    const full = openSync('/dev/full', 'w');
    try {
      for (const [args, input] of [
        [['check', data('purchase.json')], ''],
        [['audit-ledger', data('ledger.csv'), '--members', data('members.json')], ''],
        [['batch'], `${JSON.stringify({ id: 1, op: 'procurement-method', input: JSON.parse(requests) })}\n`],
      ] as const) {
        const r = spawnSync(join(project.dir, 'node_modules/.bin/pace-rules'), args, { cwd: project.dir, encoding: 'utf8', input, stdio: ['pipe', full, 'pipe'] });
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr, args.join(' ')).toBe('pace-rules: stdout: cannot write there (ENOSPC)\n');
      }
    } finally {
      closeSync(full);
    }
  });
});
