/**
 * Server-side reads and writes inside a workspace that never follow a symbolic link, and that a
 * process swapping a folder for a link meanwhile cannot redirect (no check-then-use gap).
 *
 * Node has no openat(2), but on Linux `/proc/self/fd/<fd>/<name>` looks `name` up in the very
 * directory the descriptor holds: the root is opened once (and its real path checked from the
 * descriptor), then each component is opened relative to its parent with O_NOFOLLOW, folders are
 * made, temporary files created (O_EXCL|O_NOFOLLOW), renamed and unlinked relative to the held
 * parent. A component that is a symbolic link is refused (SymlinkRefused).
 *
 * Where /proc/self/fd is missing (macOS, Windows) the same walk checks each component with
 * lstat and then uses full paths: links present at the time are refused, but a swap between the
 * check and the write is not excluded there (documented in the README's security section).
 */
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { lstat, mkdir, open, readlink, rename, rmdir, symlink, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { slicesOf } from './text-slices';

/**
 * Where a temporary is listed while it exists, so one a crash leaves behind is found and removed
 * (TempJournal, temp-journal.ts — which uses this file, so only the shape is named here).
 */
export interface TempLedger {
  add(root: string, path: string): Promise<void>;
  forget(): void;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_DIRECTORY = constants.O_DIRECTORY ?? 0;
// A FIFO planted where a file was must not block the server's read.
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Whether `/proc/self/fd/<fd>/<name>` gives openat semantics here (Linux). */
export const RACE_FREE = process.platform === 'linux' && existsSync('/proc/self/fd');

/** How temporary files are named, so a leftover is recognisable (and cleaned at start, temp-journal.ts). */
const TEMP_PREFIX = '.tandem-tmp-';
const TEMP_NAME = /^\.tandem-tmp-\d+-[0-9a-f]+$/;

/** A write or read refused because the path goes through (or is) a symbolic link. */
export class SymlinkRefused extends Error {
  constructor(
    readonly path: string,
    readonly link: string,
  ) {
    super(
      link === path
        ? `path ${path} is a symbolic link; it is not followed`
        : `path ${path} goes through a symbolic link (${link}); it is not followed`,
    );
  }
}

const isErrno = (e: unknown, code: string): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;

/** A directory held open by descriptor (Linux), or named by its path (fallback). */
class Dir {
  constructor(
    readonly path: string,
    private readonly handle: FileHandle | null,
  ) {}

  /** A name inside this directory, as a path the kernel resolves relative to the held directory. */
  child(name: string): string {
    return this.handle ? `/proc/self/fd/${this.handle.fd}/${name}` : join(this.path, name);
  }

  async close(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
  }

  static async root(root: string): Promise<Dir> {
    if (!RACE_FREE) return new Dir(root, null);
    const handle = await open(root, constants.O_RDONLY | O_DIRECTORY);
    const real = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => '');
    if (real !== root) {
      await handle.close();
      throw new SymlinkRefused(root, root);
    }
    return new Dir(root, handle);
  }

  /** The sub-directory `name`, never through a link. */
  async sub(name: string, whole: string): Promise<Dir> {
    const path = join(this.path, name);
    if (!this.handle) {
      if ((await lstat(path)).isSymbolicLink()) throw new SymlinkRefused(whole, path);
      return new Dir(path, null);
    }
    try {
      return new Dir(path, await open(this.child(name), constants.O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
    } catch (e) {
      if (isErrno(e, 'ELOOP') || (isErrno(e, 'ENOTDIR') && (await isLink(this.child(name)))))
        throw new SymlinkRefused(whole, path);
      throw e;
    }
  }
}

const isLink = (p: string): Promise<boolean> =>
  lstat(p).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );

/** The most specific of `roots` (real paths) that holds `abs`; throws if none does. */
export function rootFor(roots: readonly string[], abs: string): string {
  const inside = roots.filter((r) => r === abs || isBelow(r, abs));
  const best = inside.sort((a, b) => b.length - a.length)[0];
  if (best === undefined) throw new Error(`${abs} is outside the workspace`);
  return best;
}

function isBelow(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Open the folder holding `abs` (below `root`) without following links, making missing folders
 * when `create`. Returns it, the file's name in it, and the first folder made (null: none).
 */
async function parentOf(
  root: string,
  abs: string,
  create: boolean,
): Promise<{ dir: Dir; name: string; created: string | null }> {
  if (!isBelow(root, abs)) throw new Error(`${abs} is not inside ${root}`);
  const parts = relative(root, abs).split(sep);
  const name = parts.pop() ?? '';
  let dir = await Dir.root(root);
  let created: string | null = null;
  try {
    for (const part of parts) {
      let next: Dir;
      try {
        next = await dir.sub(part, abs);
      } catch (e) {
        if (!create || !isErrno(e, 'ENOENT')) throw e;
        // mkdir never follows a link in its last component (EEXIST), so this makes a real folder or fails.
        await mkdir(dir.child(part)).then(
          () => (created ??= join(dir.path, part)),
          (err: unknown) => {
            if (!isErrno(err, 'EEXIST')) throw err;
          },
        );
        next = await dir.sub(part, abs);
      }
      await dir.close();
      dir = next;
    }
  } catch (e) {
    await dir.close();
    throw e;
  }
  return { dir, name, created };
}

/** What is at a path now, without following a link. */
export type Entry =
  | { kind: 'absent' }
  | { kind: 'file'; data: Buffer; mode: number }
  | { kind: 'symlink'; target: string }
  | { kind: 'other' };

/**
 * Write `data` to an open file. A long string goes a slice at a time, so a 200 MB file is never
 * also held whole as bytes (writeFile converts a string in one piece).
 */
export async function writeAll(handle: FileHandle, data: string | Buffer): Promise<void> {
  if (typeof data !== 'string') {
    await handle.writeFile(data);
    return;
  }
  for (const slice of slicesOf(data)) await handle.write(slice, null, 'utf8');
}

/**
 * What is at `abs` (absent also when a parent folder is missing); a link on the way is refused.
 * With `data: false` a file's content is not read (its `data` is then empty).
 */
export async function inspectNoFollow(root: string, abs: string, opts: { data?: boolean } = {}): Promise<Entry> {
  let parent;
  try {
    parent = await parentOf(root, abs, false);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return { kind: 'absent' };
    throw e;
  }
  const { dir, name } = parent;
  try {
    let handle: FileHandle;
    try {
      handle = await open(dir.child(name), constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return { kind: 'absent' };
      if (isErrno(e, 'ELOOP') || (isErrno(e, 'EMLINK') && (await isLink(dir.child(name)))))
        return { kind: 'symlink', target: await readlink(dir.child(name)) };
      throw e;
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return { kind: 'other' };
      return {
        kind: 'file',
        data: opts.data === false ? Buffer.alloc(0) : await handle.readFile(),
        mode: stats.mode & 0o7777,
      };
    } finally {
      await handle.close();
    }
  } finally {
    await dir.close();
  }
}

/** A file's text, or null when there is none; a link (on the way, or the file itself) is refused. */
export async function readTextNoFollow(root: string, abs: string): Promise<string | null> {
  const e = await inspectNoFollow(root, abs);
  if (e.kind === 'symlink') throw new SymlinkRefused(abs, abs);
  if (e.kind === 'other') throw new Error(`${abs} is not a regular file`);
  return e.kind === 'file' ? e.data.toString('utf8') : null;
}

/** New content written beside its target, not yet in place. */
export interface StagedFile {
  target: string;
  /** The first folder made for it (null: none), for undoing. */
  created: string | null;
  /** Rename into place (replacing whatever is there, a link included, never writing through it); discard() after a failure. */
  commit(): Promise<void>;
  /** Remove the temporary file. */
  discard(): Promise<void>;
}

/**
 * Write `data` into a new temporary file in `abs`'s folder (made if missing), fsynced, with
 * `mode` (null: the default for new files). The temporary is journalled before it exists.
 */
export async function stageFile(
  root: string,
  abs: string,
  data: string | Buffer,
  mode: number | null,
  journal: TempLedger | null,
): Promise<StagedFile> {
  const { dir, name, created } = await parentOf(root, abs, true);
  const temp = `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`;
  let open_ = true;
  const release = async (): Promise<void> => {
    if (!open_) return;
    open_ = false;
    await dir.close();
    journal?.forget();
  };
  try {
    await journal?.add(root, join(dir.path, temp));
    const handle = await open(
      dir.child(temp),
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW,
      0o666,
    );
    try {
      await writeAll(handle, data);
      // chmod after creating: the mode given to open is masked by the umask.
      if (mode !== null) await handle.chmod(mode);
      await handle.sync();
    } catch (e) {
      await handle.close();
      await unlink(dir.child(temp)).catch(() => undefined);
      throw e;
    }
    await handle.close();
  } catch (e) {
    await release();
    throw e;
  }
  return {
    target: abs,
    created,
    async commit() {
      // On failure the folder stays open, so discard() can still remove the temporary in it.
      await rename(dir.child(temp), dir.child(name));
      await release();
    },
    async discard() {
      // Only while the folder is held: after release its descriptor number may name another folder.
      if (!open_) return;
      await unlink(dir.child(temp)).catch(() => undefined);
      await release();
    },
  };
}

/** Replace `abs` with `data` atomically, never through a link. */
export async function writeFileAtomicNoFollow(
  root: string,
  abs: string,
  data: string | Buffer,
  opts: { mode?: number | null; journal?: TempLedger | null } = {},
): Promise<void> {
  const staged = await stageFile(root, abs, data, opts.mode ?? null, opts.journal ?? null);
  try {
    await staged.commit();
  } catch (e) {
    await staged.discard();
    throw e;
  }
}

/** Remove the file (or link) `abs` itself; false if there was none. */
export async function unlinkNoFollow(root: string, abs: string): Promise<boolean> {
  return withParent(root, abs, (dir, name) =>
    unlink(dir.child(name)).then(
      () => true,
      (e: unknown) => {
        if (isErrno(e, 'ENOENT')) return false;
        throw e;
      },
    ),
  );
}

/** Create the link `abs` → `target` (putting back a link that was there). */
export async function symlinkNoFollow(root: string, abs: string, target: string): Promise<void> {
  const { dir, name } = await parentOf(root, abs, true);
  try {
    await symlink(target, dir.child(name));
  } finally {
    await dir.close();
  }
}

/** Make the folder `abs` and its missing parents; returns the first one made (null: it existed). */
export async function mkdirNoFollow(root: string, abs: string): Promise<string | null> {
  const { dir, name, created } = await parentOf(root, abs, true);
  try {
    await mkdir(dir.child(name));
    return created ?? abs;
  } catch (e) {
    if (isErrno(e, 'EEXIST')) return created;
    throw e;
  } finally {
    await dir.close();
  }
}

/** Remove the empty folder `abs`; false if it is not empty or gone. */
async function rmdirNoFollow(root: string, abs: string): Promise<boolean> {
  return withParent(root, abs, (dir, name) =>
    rmdir(dir.child(name)).then(
      () => true,
      () => false,
    ),
  ).catch(() => false);
}

async function withParent<T>(root: string, abs: string, act: (dir: Dir, name: string) => Promise<T>): Promise<T> {
  const { dir, name } = await parentOf(root, abs, false);
  try {
    return await act(dir, name);
  } finally {
    await dir.close();
  }
}

/** Remove `dir` and its parents up to and including `top` while they are empty, without following links. */
export async function removeEmptyDirsNoFollow(root: string, dir: string, top: string): Promise<void> {
  for (let d = dir; isBelow(root, d); d = dirname(d)) {
    if (d !== top && !isBelow(top, d)) return;
    if (!(await rmdirNoFollow(root, d))) return;
    if (d === top) return;
  }
}

export const tempNameOf = (p: string): string | null => (TEMP_NAME.test(basename(p)) ? basename(p) : null);
