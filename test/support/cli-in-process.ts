import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as runCliAsync } from '../../src/cli/main.js';

/** Runs the CLI in this process: what it wrote on stdout, and its exit code. */
export async function runCli(argv: string[]): Promise<{ stdout: string; exitCode: number }> {
  let stdout = '';
  const exitCode = await runCliAsync(argv, { stdout: (t) => (stdout += t), stderr: () => {} });
  return { stdout, exitCode };
}

/** A scratch folder of its own, and a writer of files in it (returning each file's path). */
export function scratchFiles(prefix: string): { dir: string; file: (name: string, text: string) => string } {
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
