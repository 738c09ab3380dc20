/**
 * Writing a planned patch to disk all or nothing: every new content is staged in a temporary
 * file beside its target before any target changes, then the temporaries are renamed into
 * place and removed files are unlinked. If any step fails, what was done is undone.
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, readlink, realpath, rename, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { FileEffect } from './plan';

/** What was at a path before we touched it, so it can be put back. */
type Snapshot =
  | { kind: 'absent' }
  | { kind: 'file'; data: Buffer; mode: number }
  | { kind: 'symlink'; target: string }
  // A directory or other special file: never ours to restore, and any change to it fails anyway.
  | { kind: 'other' };

interface Write {
  target: string;
  content: string;
  /** The path whose permissions the new file keeps (the source of a move). */
  modeFrom: string;
}

/**
 * Apply planned effects to disk, all or nothing.
 * Existing files keep their permission bits; parent folders are created as needed (and removed
 * again on failure). Writes go through symbolic links to the file they point to.
 * @throws the first error met, after restoring every file already changed.
 */
export async function writeEffects(effects: FileEffect[]): Promise<void> {
  const writes: Write[] = [];
  const removals: string[] = [];
  for (const e of effects) {
    if (e.kind === 'delete') {
      removals.push(e.absPath);
    } else if (e.after === null) {
      throw new Error(`Effect for ${e.path} has no content to write`);
    } else if (e.kind === 'update' && e.moveAbsPath !== null) {
      writes.push({ target: await followLink(e.moveAbsPath), content: e.after, modeFrom: e.absPath });
      removals.push(e.absPath);
    } else {
      const target = await followLink(e.absPath);
      writes.push({ target, content: e.after, modeFrom: target });
    }
  }

  const undo: Array<() => Promise<void>> = [];
  const staged = new Map<string, string>(); // temporary file -> target
  try {
    const snapshots = new Map<string, Snapshot>();
    for (const path of [...writes.flatMap((w) => [w.target, w.modeFrom]), ...removals]) {
      if (!snapshots.has(path)) snapshots.set(path, await snapshot(path));
    }
    const snap = (path: string): Snapshot => snapshots.get(path) ?? { kind: 'absent' };

    for (const w of writes) {
      const dir = dirname(w.target);
      const firstCreated = await mkdir(dir, { recursive: true });
      if (firstCreated !== undefined) undo.push(() => removeEmptyDirs(dir, firstCreated));
      const temp = join(dir, `.${basename(w.target)}.${randomBytes(6).toString('hex')}.tmp`);
      const source = snap(w.modeFrom);
      await writeFile(temp, w.content, { encoding: 'utf8', flag: 'wx' });
      staged.set(temp, w.target);
      // chmod after writing: the mode option of writeFile is masked by the umask.
      if (source.kind === 'file') await chmod(temp, source.mode);
    }

    for (const [temp, target] of staged) {
      await rename(temp, target);
      staged.delete(temp);
      undo.push(() => restore(target, snap(target)));
    }
    for (const path of removals) {
      await unlink(path);
      undo.push(() => restore(path, snap(path)));
    }
  } catch (error) {
    for (const temp of staged.keys()) await unlink(temp).catch(() => undefined);
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/** The file a path leads to, so that writing through a symbolic link keeps the link. */
async function followLink(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

async function snapshot(path: string): Promise<Snapshot> {
  let stats;
  try {
    stats = await lstat(path);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return { kind: 'absent' };
    throw e;
  }
  if (stats.isSymbolicLink()) return { kind: 'symlink', target: await readlink(path) };
  if (stats.isFile()) return { kind: 'file', data: await readFile(path), mode: stats.mode & 0o7777 };
  return { kind: 'other' };
}

async function restore(path: string, before: Snapshot): Promise<void> {
  if (before.kind === 'other') return;
  await unlink(path).catch((e: unknown) => {
    if (!isErrno(e, 'ENOENT')) throw e;
  });
  if (before.kind === 'file') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, before.data, { flag: 'wx' });
    await chmod(path, before.mode);
  } else if (before.kind === 'symlink') {
    await symlink(before.target, path);
  }
}

/** Remove `dir` and its parents up to and including `top`, while they are empty. */
async function removeEmptyDirs(dir: string, top: string): Promise<void> {
  for (let d = dir; ; d = dirname(d)) {
    if (relative(top, d).startsWith('..')) return;
    try {
      await rmdir(d);
    } catch {
      return; // not empty (or already gone): leave it and its parents
    }
    if (d === top || dirname(d) === d) return;
  }
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code?: unknown }).code === code;
}
