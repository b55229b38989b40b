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

export const stringFlag = (parsed: Parsed, name: string): string | undefined => {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
};
