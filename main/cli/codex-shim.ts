/**
 * `tandem install-codex-shim [--dir DIR] [--force]`: puts a `codex` command on PATH that runs
 * Tandem, so programs written for Codex (which spawn `codex app-server`) can be tried on Tandem
 * unchanged. Opt-in, and it never replaces a `codex` that is not its own without --force.
 */
import { accessSync, constants } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { UsageError } from './app-server-args';

/** The shim's own mark: a `codex` holding it is Tandem's to replace. */
const SHIM_MARK = 'tandem-codex-shim';

/** The first argument the shim passes: Tandem answers `--version` as Codex would. */
export const AS_CODEX = '--invoked-as=codex';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function shimScript(node: string, cli: string): string {
  return `#!/bin/sh
# ${SHIM_MARK}: written by \`tandem install-codex-shim\`; runs Tandem as \`codex\`.
# Remove this file to undo. Tandem: ${cli}
exec ${quote(node)} ${quote(cli)} ${AS_CODEX} "$@"
`;
}

interface ShimArgs {
  dir: string;
  force: boolean;
}

function parse(argv: readonly string[], env: NodeJS.ProcessEnv): ShimArgs {
  let dir = join(env.HOME || homedir(), '.local', 'bin');
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--dir') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError('--dir needs a value');
      dir = v;
    } else if (arg.startsWith('--dir=')) dir = arg.slice('--dir='.length);
    else if (arg === '--force') force = true;
    else throw new UsageError(`install-codex-shim: unknown option: ${arg}`);
  }
  return { dir: resolve(dir), force };
}

/** Writes DIR/codex; returns its path. `cli` is the tandem.cjs the shim runs. */
export async function installCodexShim(argv: readonly string[], cli: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (process.platform === 'win32') throw new UsageError('install-codex-shim: only POSIX systems for now');
  const { dir, force } = parse(argv, env);
  const target = join(dir, 'codex');
  const existing = await readFile(target, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    // A binary or unreadable `codex` is not ours either.
    return '';
  });
  if (existing !== undefined && !existing.includes(SHIM_MARK) && !force)
    throw new UsageError(`${target} exists and is not Tandem's; pass --force to replace it`);
  await mkdir(dir, { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, shimScript(process.execPath, cli), { mode: 0o755 });
  await chmod(tmp, 0o755);
  await rename(tmp, target);
  return target;
}

/** What stands between the shim and a client finding it on PATH, if anything. */
export function pathAdvice(shim: string, env: NodeJS.ProcessEnv): string | undefined {
  const dir = resolve(shim, '..');
  const entries = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((d) => resolve(d));
  const at = entries.indexOf(dir);
  if (at < 0) return `${dir} is not on PATH; add it (before any other folder holding a codex) to use the shim`;
  const earlier = entries.slice(0, at).find((d) => {
    try {
      accessSync(join(d, 'codex'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return earlier
    ? `${join(earlier, 'codex')} comes first on PATH; put ${dir} before ${earlier} to use the shim`
    : undefined;
}
