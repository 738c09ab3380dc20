/**
 * Agent configuration folders: `.git` (hooks, config that runs programs), Tandem's own `.tandem`,
 * and other agents' `.codex`, `.agents`, `.claude`, `.cursor`. An agent that can write them can
 * grant itself anything (a hook, an approval rule, an MCP server), so a write into one needs the
 * user's approval under every policy but danger-full-access, and the sandbox mounts them read-only.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isWithin } from './paths';

export const AGENT_CONFIG_DIRS = ['.git', '.tandem', '.codex', '.agents', '.claude', '.cursor'] as const;

/**
 * Case-insensitively, and without the trailing dots and spaces Windows drops: on a
 * case-insensitive filesystem (macOS, Windows, a mounted volume) `.Codex` and `.git.` are the
 * same folder as `.codex` and `.git`.
 */
function isAgentConfigName(name: string): boolean {
  const plain = name.toLowerCase().replace(/[. ]+$/, '');
  return (AGENT_CONFIG_DIRS as readonly string[]).includes(plain);
}

/**
 * The agent configuration folder a real path lies in (at any depth), or null. Only the part below
 * the workspace root that holds it counts: a workspace that itself lives under ~/.codex is not all
 * configuration. A git folder by another name counts too (where a submodule's or a worktree's
 * `.git` file points, or a bare repository): git runs its hooks and config all the same.
 */
export function agentConfigFolderOf(real: string, roots: readonly string[] = []): string | null {
  const root = roots.filter((r) => isWithin(r, real)).sort((a, b) => b.length - a.length)[0];
  const parts = (root === undefined ? real : relative(root, real)).split(sep);
  const named = parts.find((p) => p !== '' && isAgentConfigName(p));
  if (named !== undefined || root === undefined) return named ?? null;
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    if (isGitDir(dir)) return relative(root, dir);
  }
  return null;
}

/** Git's own test of a git folder: a HEAD, and objects and refs (or a worktree's commondir). */
function isGitDir(dir: string): boolean {
  const is = (name: string, kind: 'file' | 'dir'): boolean => {
    try {
      const st = statSync(join(dir, name));
      return kind === 'file' ? st.isFile() : st.isDirectory();
    } catch {
      return false;
    }
  };
  return is('HEAD', 'file') && (is('commondir', 'file') || (is('objects', 'dir') && is('refs', 'dir')));
}

/** At most this many folders are read looking for nested configuration folders, per command. */
const SCAN_LIMIT = 20_000;

/**
 * The agent configuration folders inside `root`, at any depth (the top-level ones first), not
 * following symbolic links and not descending into the ones found. Bounded: a huge tree is
 * scanned up to SCAN_LIMIT folders, breadth first, so the shallow ones are always found.
 */
export async function findAgentConfigDirs(root: string): Promise<string[]> {
  return (await scan(root)).dirs;
}

/**
 * What the sandbox mounts read-only in `root`: the configuration folders, each `.git` FILE (a
 * submodule's or a worktree's pointer, `gitdir: …`) with the git folder it points to, which may be
 * any folder (`.git/modules/x`, or one with an ordinary name elsewhere in the workspace), and any
 * other folder that is a git folder (a bare repository): writing one would let a command plant a
 * hook or a config that runs programs.
 */
export async function findProtectedConfig(root: string): Promise<string[]> {
  const { dirs, gitFiles, gitDirs } = await scan(root);
  const out = [...dirs, ...gitDirs];
  for (const file of gitFiles) out.push(file, ...gitDirsOf(file));
  return [...new Set(out)];
}

async function scan(root: string): Promise<{ dirs: string[]; gitFiles: string[]; gitDirs: string[] }> {
  const found: string[] = [];
  const gitFiles: string[] = [];
  const gitDirs: string[] = [];
  // A level at a time, each level's folders read together and off the event loop: a command in a
  // large tree must not stall the server's other work (streams, interrupts) while it is scanned.
  let level = [root];
  let read = 0;
  while (level.length > 0 && read < SCAN_LIMIT) {
    const batch = level.slice(0, SCAN_LIMIT - read);
    read += batch.length;
    const listed = await Promise.all(
      batch.map((dir) =>
        readdir(dir, { withFileTypes: true }).then(
          (entries) => ({ dir, entries }),
          () => null,
        ),
      ),
    );
    const next: string[] = [];
    for (const one of listed) {
      if (!one) continue; // unreadable: nothing inside can be written either
      if (one.dir !== root && looksLikeGitDir(one.entries)) {
        gitDirs.push(one.dir); // a bare repository, or a git folder by another name: not descended
        continue;
      }
      for (const e of one.entries) {
        const path = join(one.dir, e.name);
        if (e.isDirectory()) {
          if (isAgentConfigName(e.name)) found.push(path);
          else next.push(path);
        } else if (e.isSymbolicLink() && isAgentConfigName(e.name)) {
          // A `.codex` that links to an ordinary folder is still what agents read: protect where it leads.
          const target = linkedDir(path);
          if (target !== null) found.push(target);
        } else if (e.isFile() && e.name.toLowerCase().replace(/[. ]+$/, '') === '.git') {
          gitFiles.push(path);
        }
      }
    }
    level = next;
  }
  return { dirs: found, gitFiles, gitDirs };
}

/** isGitDir's test, from a folder's listing (no more reads while scanning). */
function looksLikeGitDir(entries: readonly Dirent[]): boolean {
  const has = (name: string, dir: boolean): boolean =>
    entries.some((e) => e.name === name && (dir ? e.isDirectory() : e.isFile()));
  return has('HEAD', false) && (has('commondir', false) || (has('objects', true) && has('refs', true)));
}

/** The git folder a `.git` file points to (and a worktree's common folder), as real paths. */
function gitDirsOf(file: string): string[] {
  const out: string[] = [];
  try {
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(file, 'utf8').slice(0, 4096));
    if (!m?.[1]) return out;
    const gitdir = linkedDir(resolve(dirname(file), m[1]));
    if (gitdir === null) return out;
    out.push(gitdir);
    const common = readFileSync(join(gitdir, 'commondir'), 'utf8').trim();
    const commonDir = linkedDir(resolve(gitdir, common));
    if (commonDir !== null) out.push(commonDir);
  } catch {
    // Unreadable, or no commondir (not a worktree).
  }
  return out;
}

// Mount points this process made for missing folders, with how many running commands use each.
const madeMountpoints = new Map<string, number>();

/**
 * Empty folders standing in for the missing top-level configuration folders of `root`, so the
 * sandbox can mount them read-only and a command cannot create `.codex/` itself (bubblewrap would
 * have to create the mount point anyway). The returned release removes them again once the
 * command is over, unless another command still uses them or something was put inside.
 */
export function missingConfigMountpoints(root: string): { paths: string[]; release: () => void } {
  const paths: string[] = [];
  for (const name of AGENT_CONFIG_DIRS) {
    const path = join(root, name);
    const users = madeMountpoints.get(path);
    if (users !== undefined) {
      madeMountpoints.set(path, users + 1);
      paths.push(path);
      continue;
    }
    if (!leftByCrash(path)) {
      if (exists(path)) continue;
      try {
        mkdirSync(path);
        utimesSync(path, STAND_IN_TIME, STAND_IN_TIME);
      } catch {
        continue; // a read-only workspace: nothing can create it inside the sandbox either
      }
    }
    madeMountpoints.set(path, 1);
    paths.push(path);
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    for (const path of paths) {
      const users = (madeMountpoints.get(path) ?? 1) - 1;
      if (users > 0) {
        madeMountpoints.set(path, users);
        continue;
      }
      madeMountpoints.delete(path);
      try {
        rmdirSync(path); // only when empty: whatever the user put there meanwhile stays
      } catch {
        // Not empty, or already gone.
      }
    }
  };
  return { paths, release };
}

/**
 * Stand-ins carry this modification time (the epoch), so that one left by a server killed while
 * its command ran — an empty `.git/` or `.codex/` in the user's workspace — is recognised at the
 * next command there and removed with that command's own. Anything put inside changes the time.
 */
const STAND_IN_TIME = 0;

function leftByCrash(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isDirectory() && st.mtimeMs === STAND_IN_TIME && readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

function linkedDir(link: string): string | null {
  try {
    const target = realpathSync(link);
    return statSync(target).isDirectory() ? target : null;
  } catch {
    return null;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
