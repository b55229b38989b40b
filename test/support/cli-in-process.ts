import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as runCliAsync } from '../../src/cli/main.js';
import { InputError } from '../../src/cli/files.js';

/** A file of examples/data/. */
export const data = (file: string): string => join(import.meta.dirname, '..', '..', 'examples', 'data', file);

/** A JSON file, parsed. */
export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Runs the CLI in this process (with `stdin` as its standard input): what it wrote, and its exit code. */
export async function runCli(argv: string[], stdin?: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runCliAsync(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...(stdin !== undefined ? { stdin: (async function* () { yield stdin; })() } : {}) });
  return { stdout, stderr, exitCode };
}

/** The message of the InputError the CLI throws on these arguments (it fails the test if none is thrown). */
export async function inputError(argv: string[]): Promise<string> {
  try {
    await runCli(argv);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

/** A scratch folder of its own, and a writer of files in it (returning each file's path). */
export function scratchFiles(prefix: string): { dir: string; file: (name: string, text: string | Uint8Array) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
