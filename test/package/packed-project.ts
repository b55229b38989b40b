/**
 * A throwaway consumer project with the PACKED library installed, shared by the package test and
 * the browser test (and by every vitest worker that asks for it).
 *
 * Once per tarball: make sure `dist/` is built from the current sources, `npm pack` it, and install
 * the tarball plus the peers a consumer would add (zod, fast-check, json-rules-engine) into
 * `<os tmpdir>/pace-rules-packed/<tarball sha256>/`. The project lives outside the repository on
 * purpose: nothing can resolve from the repo's own node_modules, so a missing dependency or a bad
 * `exports` entry fails here as it would for a user.
 *
 * Workers and processes coordinate through a lock directory (mkdir is atomic); a project that is
 * already installed for the same tarball hash is reused, so a second run costs one `npm pack`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const baseDir = join(tmpdir(), 'pace-rules-packed');
const lockDir = join(baseDir, '.lock');
const STALE_LOCK_MS = 5 * 60_000;
// Another run may still use an older tarball's project (a run takes minutes); each holds about
// 800 MB once the scale tests have run, and a day of them filled this machine's disk once.
const KEEP_OLD_PROJECTS_MS = 60 * 60_000;

export interface PackedProject {
  /** The consumer project's directory (has node_modules/pace-rules installed from the tarball). */
  readonly dir: string;
  /** The tarball that was installed. */
  readonly tarball: string;
  /** sha256 of the tarball (the cache key). */
  readonly hash: string;
  /** The library's package.json, as packed. */
  readonly packageJson: { name: string; version: string; bin?: string | Record<string, string> } & Record<string, unknown>;
  /** Whether this call installed the project (false when an earlier run's install was reused). */
  readonly installed: boolean;
  /** Runs `node <args>` in the project and returns stdout; throws with stderr on a non-zero exit. */
  node(args: readonly string[]): string;
  /** Writes a file into the project (relative path) and returns its absolute path. */
  write(relativePath: string, contents: string): string;
}

let cached: Promise<PackedProject> | undefined;

/** The packed consumer project, prepared at most once per process. */
export function packedProject(): Promise<PackedProject> {
  cached ??= withLock(prepare);
  return cached;
}

function run(cmd: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stderr ?? ''}\n${e.stdout ?? ''}\n${e.message}`);
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds unless every dist entry is newer than everything it is built from. */
function ensureBuilt(): void {
  const outputs = ['index', 'testing', 'json-rules-engine'].flatMap((n) => [`dist/${n}.js`, `dist/${n}.cjs`, `dist/${n}.d.ts`, `dist/${n}.d.cts`]);
  const oldestOutput = Math.min(...outputs.map((f) => (existsSync(join(repoRoot, f)) ? statSync(join(repoRoot, f)).mtimeMs : 0)));
  const newestInput = Math.max(...['src', 'rules', 'package.json', 'tsup.config.ts', 'tsconfig.json'].map((p) => newestMtime(join(repoRoot, p))));
  if (oldestOutput > newestInput) return;
  run('npm', ['run', 'build'], repoRoot);
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

async function prepare(): Promise<PackedProject> {
  ensureBuilt();
  const packDir = join(baseDir, 'packs', String(process.pid));
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  // Scripts are skipped: dist was just checked above, and `prepack` would rebuild it every time.
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], repoRoot)) as { filename: string }[];
  const packedFile = join(packDir, packed!.filename);
  const hash = createHash('sha256').update(readFileSync(packedFile)).digest('hex');

  const dir = join(baseDir, hash.slice(0, 16));
  const tarball = join(dir, 'pace-rules.tgz');
  const readyMarker = join(dir, '.ready');
  let installed = false;
  if (!existsSync(readyMarker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(tarball, readFileSync(packedFile));
    // The peers at the versions the repo tests against, so --prefer-offline finds them in the npm cache.
    const manifest = {
      name: 'pace-rules-consumer',
      private: true,
      type: 'module',
      dependencies: {
        'pace-rules': `file:${tarball}`,
        zod: installedVersion('zod'),
        'fast-check': installedVersion('fast-check'),
        'json-rules-engine': installedVersion('json-rules-engine'),
      },
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'], dir);
    writeFileSync(readyMarker, `${new Date().toISOString()}\n`);
    installed = true;
    removeOldProjects(dir);
  }
  rmSync(packDir, { recursive: true, force: true });

  const packageJson = JSON.parse(readFileSync(join(dir, 'node_modules', 'pace-rules', 'package.json'), 'utf8')) as PackedProject['packageJson'];
  return {
    dir,
    tarball,
    hash,
    packageJson,
    installed,
    node: (args) => run(process.execPath, args, dir),
    write: (relativePath, contents) => {
      const file = join(dir, relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents);
      return file;
    },
  };
}

function removeOldProjects(keep: string): void {
  for (const entry of readdirSync(baseDir)) {
    const path = join(baseDir, entry);
    if (path === keep || !/^[0-9a-f]{16}$/.test(entry)) continue;
    if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_PROJECTS_MS) rmSync(path, { recursive: true, force: true });
  }
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(baseDir, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run is broken after a while.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // removed by its owner meanwhile
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
