import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileEffect, type PatchIO, planPatch, writeEffects } from '../../../../../main/tools/apply-patch';
import { patch } from '../../../../helpers/patch-text';

describe('planPatch + writeEffects on disk', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tandem-apply-patch-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const diskIO = (): PatchIO => ({
    resolve: async (p) => {
      const abs = resolve(root, p);
      const rel = relative(root, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`Refused path ${p}`);
      return abs;
    },
    read: async (abs) =>
      readFile(abs, 'utf8').catch((e: unknown) => {
        if ((e as { code?: string }).code === 'ENOENT') return null;
        throw e;
      }),
  });
  const put = async (rel: string, content: string): Promise<void> => {
    await mkdir(join(root, rel, '..'), { recursive: true });
    await writeFile(join(root, rel), content);
  };
  const get = (rel: string): Promise<string> => readFile(join(root, rel), 'utf8');
  const exists = (rel: string): Promise<boolean> =>
    lstat(join(root, rel)).then(
      () => true,
      () => false,
    );
  const apply = async (text: string): Promise<void> => writeEffects(await planPatch(text, diskIO()), { roots: [root] });
  /** Every entry under root, so leftovers (temporary files, folders) are visible. */
  const tree = async (): Promise<string[]> => (await readdir(root, { recursive: true })).map(String).sort();

  it('adds, updates, moves and deletes files, creating parent folders', async () => {
    await put('src/app.py', 'def greet():\n    print("hi")\n');
    await put('old/name.txt', 'old\n');
    await put('obsolete.txt', 'bye\n');
    await apply(
      patch(
        '*** Add File: deep/new/file.txt',
        '+line one',
        '*** Update File: src/app.py',
        '@@ def greet():',
        '-    print("hi")',
        '+    print("hello")',
        '*** Update File: old/name.txt',
        '*** Move to: renamed/dir/name.txt',
        '@@',
        '-old',
        '+new',
        '*** Delete File: obsolete.txt',
      ),
    );
    expect(await get('deep/new/file.txt')).toBe('line one\n');
    expect(await get('src/app.py')).toBe('def greet():\n    print("hello")\n');
    expect(await get('renamed/dir/name.txt')).toBe('new\n');
    expect(await exists('old/name.txt')).toBe(false);
    expect(await exists('obsolete.txt')).toBe(false);
    expect(await tree()).toEqual([
      'deep',
      'deep/new',
      'deep/new/file.txt',
      'old',
      'renamed',
      'renamed/dir',
      'renamed/dir/name.txt',
      'src',
      'src/app.py',
    ]);
  });

  it('leaves the first file untouched when the second file of the patch fails', async () => {
    await put('one.txt', 'first\n');
    await put('two.txt', 'second\n');
    const text = patch(
      '*** Update File: one.txt',
      '@@',
      '-first',
      '+FIRST',
      '*** Update File: two.txt',
      '@@',
      '-missing',
      '+x',
      '*** Add File: three.txt',
      '+3',
    );
    await expect(apply(text)).rejects.toThrow('Failed to find expected lines in two.txt:\nmissing');
    expect(await get('one.txt')).toBe('first\n');
    expect(await get('two.txt')).toBe('second\n');
    expect(await tree()).toEqual(['one.txt', 'two.txt']);
  });

  it('writes CRLF and unterminated files back faithfully and keeps the file mode', async () => {
    await put('win.txt', 'a\r\nb\r\n');
    await put('tail.txt', 'x\ny');
    await chmod(join(root, 'tail.txt'), 0o751);
    await apply(
      patch(
        '*** Update File: win.txt',
        '@@',
        '-b',
        '+B',
        '*** Update File: tail.txt',
        '*** Move to: moved.txt',
        '@@',
        '-x',
        '+X',
      ),
    );
    expect(await get('win.txt')).toBe('a\r\nB\r\n');
    expect(await get('moved.txt')).toBe('X\ny');
    expect((await stat(join(root, 'moved.txt'))).mode & 0o777).toBe(0o751);
  });

  it('writes through a symbolic link and keeps the link', async () => {
    await put('real.txt', 'v1\n');
    await symlink('real.txt', join(root, 'link.txt'));
    await apply(patch('*** Update File: link.txt', '@@', '-v1', '+v2'));
    expect(await readlink(join(root, 'link.txt'))).toBe('real.txt');
    expect(await get('real.txt')).toBe('v2\n');
  });

  it('undoes renames already done when a later write fails, and removes the folders it made', async () => {
    await put('a.txt', 'a\n');
    await put('b.txt', 'b\n');
    await put('blocker/inside.txt', 'keep\n'); // a non-empty folder cannot be replaced by a file
    const effects = await planPatch(
      patch(
        '*** Update File: a.txt',
        '@@',
        '-a',
        '+A',
        '*** Delete File: b.txt',
        '*** Add File: new/dir/c.txt',
        '+c',
        '*** Add File: x.txt',
        '+x',
      ),
      diskIO(),
    );
    const blocked: FileEffect = { ...effects[3]!, path: 'blocker', absPath: join(root, 'blocker') };
    await expect(writeEffects([effects[0]!, effects[1]!, effects[2]!, blocked], { roots: [root] })).rejects.toThrow();
    expect(await get('a.txt')).toBe('a\n');
    expect(await get('b.txt')).toBe('b\n');
    expect(await tree()).toEqual(['a.txt', 'b.txt', 'blocker', 'blocker/inside.txt']);
  });

  it('restores moved and overwritten files when a removal fails', async () => {
    await put('src.txt', 'src\n');
    await put('dest.txt', 'dest\n');
    await chmod(join(root, 'src.txt'), 0o640);
    await mkdir(join(root, 'folder'));
    const effects = await planPatch(
      patch('*** Update File: src.txt', '*** Move to: dest.txt', '@@', '-src', '+moved'),
      diskIO(),
    );
    const removeFolder: FileEffect = {
      path: 'folder',
      absPath: join(root, 'folder'),
      kind: 'delete',
      movePath: null,
      moveAbsPath: null,
      before: '',
      after: null,
    };
    await expect(writeEffects([...effects, removeFolder], { roots: [root] })).rejects.toThrow();
    expect(await get('src.txt')).toBe('src\n');
    expect((await stat(join(root, 'src.txt'))).mode & 0o777).toBe(0o640);
    expect(await get('dest.txt')).toBe('dest\n');
    expect(await tree()).toEqual(['dest.txt', 'folder', 'src.txt']);
  });
});
