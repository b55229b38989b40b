// Where a command's report goes: stdout, or --out through a temporary file renamed into place
// only when the whole run succeeded.
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, packFilesOf } from './files.js';
import { stringFlag, type Parsed } from './args.js';
import { boundedMessage } from './safe-text.js';
import type { CliIo } from './main.js';

/**
 * Output that appears only when the whole run succeeded: to `--out` through a temporary file in
 * the same directory, renamed into place at the end; to stdout at the end. (Exported for its
 * tests: a rename that fails at the end cannot be brought about through runCli.)
 */
export class Output {
  private fd: number | undefined;
  private temp: string | undefined;
  private buffered: string[] = [];
  private size = 0;
  constructor(
    private readonly out: string | undefined,
    private readonly io: CliIo,
  ) {}
  write(text: string): void {
    if (this.out === undefined) {
      this.io.stdout(text);
      return;
    }
    this.buffered.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  /** Bytes of UTF-8 text split anywhere (a copy of a spill file): to --out as they are. */
  writeBytes(bytes: Uint8Array, decoder: TextDecoder): void {
    if (this.out === undefined) {
      this.io.stdout(decoder.decode(bytes, { stream: true }));
      return;
    }
    this.flush();
    this.writing(() => writeSync(this.fd!, bytes));
  }
  private flush(): void {
    if (this.out === undefined) return;
    const out = this.out;
    this.writing(() => {
      // (opens the temporary file on the first call, so writeBytes always has one)
      if (this.fd === undefined) {
        this.temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
        this.fd = openSync(this.temp, 'w');
      }
      writeSync(this.fd, this.buffered.join(''));
    });
    this.buffered = [];
    this.size = 0;
  }
  /**
   * Puts the report in place. Whatever fails here (the target became a directory, the disk is
   * full) is the --out given, not the run: the temporary file goes, and the message names --out.
   */
  commit(): void {
    if (this.out === undefined) return;
    this.flush();
    this.writing(() => {
      const fd = this.fd!;
      this.fd = undefined;
      closeSync(fd);
      renameSync(this.temp!, this.out!);
      this.temp = undefined;
    });
  }
  /** Runs a step of writing --out; when it fails, removes the temporary file and names --out. */
  private writing(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.abandon();
      // (an error of the file system; anything else is a fault of the command's own)
      if (typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
      throw cannotWriteOut(this.out!, e);
    }
  }
  /** Closes and removes the temporary file, if there is one (again: a no-op). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.temp !== undefined) rmSync(this.temp, { force: true });
    this.temp = undefined;
  }
}

/**
 * The input an --out file is (the same file, by device and inode: a hard link or another path to
 * it counts), as a message names it; undefined when it is none. The report renamed into place
 * would have replaced the ledger, members, contracts or packs it was made from.
 */
function inputNamedBy(out: string, parsed: Parsed): string | undefined {
  let target: Stats;
  try {
    target = statSync(out);
  } catch {
    return undefined; // (not there yet: no input is)
  }
  const file = parsed.positional[0];
  const inputs: [string | undefined, string][] = [
    [file, 'input file'],
    [stringFlag(parsed, '--members'), '--members file'],
    [stringFlag(parsed, '--contracts'), '--contracts file'],
    ...packFilesOf(stringFlag(parsed, '--packs')).map((pack): [string, string] => [pack, '--packs file']),
  ];
  for (const [name, what] of inputs) {
    if (name === undefined || name === '-') continue;
    try {
      const stat = statSync(name);
      if (stat.dev === target.dev && stat.ino === target.ino) return what;
    } catch {
      // (an input that is not there is reported when it is read)
    }
  }
  return undefined;
}

/** The error of an --out that cannot be written: one line naming it and why. */
function cannotWriteOut(out: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  return new InputError(`--out ${out}: cannot write there (${code === 'EISDIR' ? 'a directory: name a file in it' : (code ?? 'error')})`);
}

/**
 * The --out file, checked before the command does its work where that is cheap: an existing
 * directory (the rename at the end would fail) or a folder that is not there. Output.commit still
 * turns a later failure into the same message.
 */
export function outOf(parsed: Parsed): string | undefined {
  const out = stringFlag(parsed, '--out');
  if (out === undefined) return undefined;
  if (out === '') throw new InputError('--out needs a file name');
  let isDirectory = false;
  try {
    isDirectory = statSync(out).isDirectory();
  } catch {
    // not there yet (the usual case), or under something that is not a folder: its folder tells
  }
  if (isDirectory) throw cannotWriteOut(out, { code: 'EISDIR' });
  const input = inputNamedBy(out, parsed);
  if (input !== undefined) throw new InputError(`--out ${boundedMessage(out, 200)}: that is the ${input}; the report would replace it: name another file`);
  let folder: Stats;
  try {
    folder = statSync(dirname(out));
  } catch (e) {
    throw cannotWriteOut(out, e);
  }
  if (!folder.isDirectory()) throw cannotWriteOut(out, { code: 'ENOTDIR' });
  return out;
}
