/** The no-follow file operations every server-side workspace write goes through. */
import { lstat, mkdir, mkdtemp, readFile, readlink, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  inspectNoFollow,
  mkdirNoFollow,
  RACE_FREE,
  readTextNoFollow,
  SymlinkRefused,
  unlinkNoFollow,
  writeFileAtomicNoFollow,
} from '../../../../main/tools/safe-fs';

let root = '';
let out = '';
beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'tandem-safe-fs-')));
  out = await realpath(await mkdtemp(join(tmpdir(), 'tandem-safe-fs-out-')));
  await mkdir(join(out, 'dir'));
  await writeFile(join(out, 'dir', 'f.txt'), 'outside');
  await writeFile(join(out, 'file.txt'), 'outside');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('safe-fs', () => {
  it('is race-free on Linux', () => {
    if (process.platform === 'linux') expect(RACE_FREE).toBe(true);
  });

  it('writes, reads and removes files below the root, making folders, leaving no temporary', async () => {
    await writeFileAtomicNoFollow(root, join(root, 'a/b/c.txt'), 'hello');
    expect(await readTextNoFollow(root, join(root, 'a/b/c.txt'))).toBe('hello');
    expect(await readTextNoFollow(root, join(root, 'a/none.txt'))).toBeNull();
    expect(await readTextNoFollow(root, join(root, 'missing/none.txt'))).toBeNull();
    expect(await mkdirNoFollow(root, join(root, 'x/y'))).toBe(join(root, 'x'));
    expect(await unlinkNoFollow(root, join(root, 'a/b/c.txt'))).toBe(true);
    expect(await unlinkNoFollow(root, join(root, 'a/b/c.txt'))).toBe(false);
    expect((await readdir(root, { recursive: true })).sort()).toEqual(['a', 'a/b', 'x', 'x/y']);
  });

  it('refuses a folder on the way that is a link, for reads and writes, and touches nothing outside', async () => {
    await symlink(join(out, 'dir'), join(root, 'dir'));
    await expect(writeFileAtomicNoFollow(root, join(root, 'dir/f.txt'), 'x')).rejects.toThrow(
      /goes through a symbolic link/,
    );
    await expect(writeFileAtomicNoFollow(root, join(root, 'dir/new/g.txt'), 'x')).rejects.toBeInstanceOf(
      SymlinkRefused,
    );
    await expect(readTextNoFollow(root, join(root, 'dir/f.txt'))).rejects.toBeInstanceOf(SymlinkRefused);
    await expect(unlinkNoFollow(root, join(root, 'dir/f.txt'))).rejects.toBeInstanceOf(SymlinkRefused);
    await expect(mkdirNoFollow(root, join(root, 'dir/sub'))).rejects.toBeInstanceOf(SymlinkRefused);
    expect(await readFile(join(out, 'dir/f.txt'), 'utf8')).toBe('outside');
    expect((await readdir(out, { recursive: true })).sort()).toEqual(['dir', 'dir/f.txt', 'file.txt']);
  });

  it('replaces a file that became a link instead of writing through it, and reports a link as such', async () => {
    await symlink(join(out, 'file.txt'), join(root, 'l.txt'));
    expect(await inspectNoFollow(root, join(root, 'l.txt'))).toEqual({
      kind: 'symlink',
      target: join(out, 'file.txt'),
    });
    await expect(readTextNoFollow(root, join(root, 'l.txt'))).rejects.toThrow(/is a symbolic link/);
    await writeFileAtomicNoFollow(root, join(root, 'l.txt'), 'mine');
    expect((await lstat(join(root, 'l.txt'))).isSymbolicLink()).toBe(false);
    expect(await readFile(join(out, 'file.txt'), 'utf8')).toBe('outside');
    // Unlinking a link removes the link, never its target.
    await symlink(join(out, 'file.txt'), join(root, 'l2.txt'));
    expect(await unlinkNoFollow(root, join(root, 'l2.txt'))).toBe(true);
    expect(await readFile(join(out, 'file.txt'), 'utf8')).toBe('outside');
    await expect(readlink(join(root, 'l2.txt'))).rejects.toThrow();
  });

  it('refuses paths that are not below the root', async () => {
    await expect(writeFileAtomicNoFollow(root, join(out, 'x.txt'), 'x')).rejects.toThrow(/not inside/);
  });
});
