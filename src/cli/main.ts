// The pace-rules command: the public API on files, for systems that are not JavaScript.
import { createPace, loadRulesPack, californiaLaw, paceProgram, isPaceError } from '../index.js';
import type { Pace } from '../index.js';
import { InputError, explainInputError, readJson, readLedger } from './input.js';
import { renderCheck, renderLedger, renderQuote } from './report.js';
import { auditLedger, type LedgerReport } from './ledger.js';

/** Exit codes: documented in docs/cli.md and `pace-rules --help`. */
export const EXIT = { clear: 0, blocked: 1, badInput: 2, internal: 3 } as const;

const HELP = `pace-rules: California cooperative purchasing rules (eligibility, procurement method, price, audit file)

Usage:
  pace-rules check <purchase.json> [--json] [--packs <a.json,b.json>]
      eligibility, procurement method and audit checklist for one purchase.
      The file holds { "member", "purchase", "contract"?, "asOf"? } (asOf defaults to the PO date).
  pace-rules quote <order.json> [--json] [--packs ...]
      a quote ({ "contract", "asOf", "lines", "tierQuantities"? }) or a group buy
      ({ "contract", "asOf", "orders", "sharedCosts"? }).
  pace-rules audit-ledger <purchases.csv|purchases.json> --members <members.json> --contracts <contracts.json>
                          [--json] [--window fiscal-year|<days>] [--packs ...]
      a year of purchase orders at once: split purchases, missing documents, purchases that needed a bid.

Options:
  --json        print JSON instead of a report
  --packs       extra rules packs layered on the bundled California law and PACE program packs
  -h, --help    this text;  -v, --version  the version and rules version

Exit codes: 0 all clear; 1 findings that block (ineligible, a blocking finding, a purchase that
needed a bid, split purchases); 2 bad input (the message names the file, the line or JSON path,
and what was expected); 3 an internal error.`;

interface Parsed {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  const valued = new Set(['--packs', '--members', '--contracts', '--window']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (valued.has(name)) {
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new InputError(`${name} needs a value`);
        flags.set(name, value);
      } else if (['--json', '--help', '--version'].includes(name)) flags.set(name, true);
      else throw new InputError(`unknown option ${name} (see pace-rules --help)`);
    } else if (arg === '-h') flags.set('--help', true);
    else if (arg === '-v') flags.set('--version', true);
    else positional.push(arg);
  }
  return { command: positional.shift(), positional, flags };
}

function buildPace(flags: Parsed['flags']): Pace {
  const packs: unknown[] = [californiaLaw(), paceProgram()];
  const list = flags.get('--packs');
  if (typeof list === 'string') {
    for (const file of list.split(',').map((f) => f.trim()).filter(Boolean)) {
      const json = readJson(file);
      try {
        packs.push(loadRulesPack(json));
      } catch (e) {
        explainInputError(e, file);
      }
    }
  }
  try {
    return createPace({ packs });
  } catch (e) {
    return explainInputError(e, typeof list === 'string' ? list : '--packs');
  }
}

function requireFile(parsed: Parsed, what: string): string {
  const file = parsed.positional[0];
  if (!file) throw new InputError(`${parsed.command} needs ${what} (see pace-rules --help)`);
  if (parsed.positional.length > 1) throw new InputError(`${parsed.command} takes one file, got ${parsed.positional.length}`);
  return file;
}

function asObject(json: unknown, file: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new InputError(`${file}: $: expected a JSON object`);
  return json as Record<string, unknown>;
}

/** What a command produces: the whole output, written at once, and the exit code. */
export interface CliResult {
  stdout: string;
  exitCode: number;
}

/** Runs the CLI on arguments (without `node` and the script) and returns its output and exit code. */
export function runCli(argv: readonly string[], io: { progress?: (done: number, total: number) => void } = {}): CliResult {
  const parsed = parseArgs(argv);
  const json = parsed.flags.has('--json');
  if (parsed.flags.has('--version')) {
    const pace = buildPace(parsed.flags);
    return { stdout: `pace-rules ${PACKAGE_VERSION}\nrules ${pace.rulesVersion}\n`, exitCode: EXIT.clear };
  }
  if (parsed.flags.has('--help') || parsed.command === 'help') return { stdout: `${HELP}\n`, exitCode: EXIT.clear };
  if (parsed.command === undefined) throw new InputError('no command given; expected check, quote or audit-ledger (see pace-rules --help)');
  switch (parsed.command) {
    case 'check': {
      const file = requireFile(parsed, 'a purchase file');
      const input = asObject(readJson(file), file);
      const pace = buildPace(parsed.flags);
      const purchase = input['purchase'] as { date?: unknown } | undefined;
      const asOf = input['asOf'] ?? purchase?.date;
      try {
        const method = pace.procurementMethod({ member: input['member'], purchase: input['purchase'], ...(input['contract'] !== undefined ? { contract: input['contract'] } : {}) } as never);
        const eligibility = input['contract'] !== undefined ? pace.checkEligibility({ member: input['member'], contract: input['contract'], asOf, purchase: input['purchase'] } as never) : undefined;
        const checklist = pace.auditChecklist({ member: input['member'], purchase: input['purchase'], ...(input['contract'] !== undefined ? { contract: input['contract'] } : {}) } as never);
        const blocked = (eligibility !== undefined && !eligibility.eligible) || [eligibility?.findings ?? [], method.findings, checklist.findings].flat().some((f) => f.severity === 'block');
        const out = json ? `${JSON.stringify({ eligibility: eligibility ?? null, procurementMethod: method, auditChecklist: checklist, blocked }, null, 2)}\n` : renderCheck({ file, eligibility, method, checklist, blocked });
        return { stdout: out, exitCode: blocked ? EXIT.blocked : EXIT.clear };
      } catch (e) {
        return explainInputError(e, file);
      }
    }
    case 'quote': {
      const file = requireFile(parsed, 'an order file');
      const input = asObject(readJson(file), file);
      const pace = buildPace(parsed.flags);
      try {
        if (Array.isArray(input['orders'])) {
          const group = pace.quoteGroupBuy(input as never);
          const blocked = group.findings.some((f) => f.severity === 'block');
          return { stdout: json ? `${JSON.stringify(group, null, 2)}\n` : renderQuote({ file, group }), exitCode: blocked ? EXIT.blocked : EXIT.clear };
        }
        const quote = pace.quote(input as never);
        const blocked = quote.findings.some((f) => f.severity === 'block');
        return { stdout: json ? `${JSON.stringify(quote, null, 2)}\n` : renderQuote({ file, quote }), exitCode: blocked ? EXIT.blocked : EXIT.clear };
      } catch (e) {
        return explainInputError(e, file);
      }
    }
    case 'audit-ledger': {
      const file = requireFile(parsed, 'a purchases file (.csv or .json)');
      const membersFile = parsed.flags.get('--members');
      const contractsFile = parsed.flags.get('--contracts');
      if (typeof membersFile !== 'string') throw new InputError('audit-ledger needs --members <members.json>');
      const windowFlag = parsed.flags.get('--window');
      let window: 'fiscal-year' | { days: number } = 'fiscal-year';
      if (typeof windowFlag === 'string' && windowFlag !== 'fiscal-year') {
        if (!/^\d+$/.test(windowFlag)) throw new InputError(`--window: expected fiscal-year or a number of days, got ${JSON.stringify(windowFlag)}`);
        window = { days: Number(windowFlag) };
      }
      const pace = buildPace(parsed.flags);
      const rows = readLedger(file);
      const members = readJson(membersFile);
      const contracts = typeof contractsFile === 'string' ? readJson(contractsFile) : [];
      const report: LedgerReport = auditLedger(pace, { file, rows, members, membersFile, contracts, contractsFile: typeof contractsFile === 'string' ? contractsFile : '--contracts', window, ...(io.progress ? { progress: io.progress } : {}) });
      return { stdout: json ? `${JSON.stringify(report, null, 2)}\n` : renderLedger(report), exitCode: report.blocked ? EXIT.blocked : EXIT.clear };
    }
    default:
      throw new InputError(`unknown command ${JSON.stringify(parsed.command)} (expected check, quote or audit-ledger; see pace-rules --help)`);
  }
}

declare const __PACKAGE_VERSION__: string | undefined;
const PACKAGE_VERSION = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : 'dev';

/** Runs the CLI as a process: writes the output at once, prints errors on one line, sets the exit code. */
export function main(argv: readonly string[]): number {
  // A progress bar only on a terminal, redrawn at most once per percent so a large ledger is not
  // slowed by a million writes to stderr.
  let shown = -1;
  const progress = process.stderr.isTTY
    ? (done: number, total: number): void => {
        const percent = Math.floor((done / total) * 100);
        if (percent === shown && done !== total) return;
        shown = percent;
        const width = 30;
        const filled = Math.round((done / total) * width);
        process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
      }
    : undefined;
  try {
    const result = runCli(argv, progress ? { progress } : {});
    process.stdout.write(result.stdout);
    return result.exitCode;
  } catch (e) {
    if (e instanceof InputError || isPaceError(e)) {
      process.stderr.write(`pace-rules: ${e.message.split('\n')[0]}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`pace-rules: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.internal;
  }
}
