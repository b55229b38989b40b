// The command's arguments: flags with and without a value, and the positional ones. Light (no
// library import): the entry (bin.ts) reads audit-ledger's arguments before the command runs.
import { InputError } from './input-error.js';
import { boundedMessage } from './safe-text.js';

export interface Parsed {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUED = new Set(['--packs', '--members', '--contracts', '--window', '--format', '--out', '--max-errors', '--jobs']);
const BOOLEAN = new Set(['--json', '--help', '--version', '--progress']);

export function parseArgs(argv: readonly string[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (VALUED.has(name)) {
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new InputError(`${name} needs a value`);
        flags.set(name, value);
      } else if (BOOLEAN.has(name)) flags.set(name, true);
      else throw new InputError(`unknown option ${boundedMessage(name, 40)} (see pace-rules --help)`);
    } else if (arg === '-h') flags.set('--help', true);
    else if (arg === '-v') flags.set('--version', true);
    else positional.push(arg);
  }
  return { command: positional.shift(), positional, flags };
}

/**
 * The options each command takes (docs/cli.md, "Options"); `--help` and `--version` go with any.
 * An option another command takes is refused, not ignored: `batch --out answers.jsonl` wrote its
 * answers to stdout and never made the file, and a caller's script lost them.
 */
export const COMMAND_OPTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['check', ['--format', '--json', '--out', '--packs']],
  ['check-invoice', ['--format', '--json', '--out', '--packs']],
  ['quote', ['--format', '--json', '--out', '--packs']],
  ['audit-ledger', ['--members', '--contracts', '--format', '--json', '--out', '--max-errors', '--window', '--progress', '--jobs', '--packs']],
  ['batch', ['--contracts', '--jobs', '--packs']],
]);

const ANY_COMMAND = new Set(['--help', '--version']);

/** Throws when an option given is not one the command takes (a command not in the table is left to the caller). */
export function refuseOptionsNotTaken(parsed: Parsed): void {
  const takes = parsed.command === undefined ? undefined : COMMAND_OPTIONS.get(parsed.command);
  if (takes === undefined) return;
  const notTaken = [...parsed.flags.keys()].filter((name) => !ANY_COMMAND.has(name) && !takes.includes(name));
  if (notTaken.length === 0) return;
  const hint = parsed.command === 'batch' && notTaken.includes('--out') ? '; batch writes its answers to stdout: redirect it to a file' : '';
  throw new InputError(`${parsed.command} does not take ${notTaken.join(', ')} (it takes ${takes.join(', ')}${hint}; see pace-rules --help)`);
}

export const stringFlag = (parsed: Parsed, name: string): string | undefined => {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
};
