import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confine, confinementFor, PathRefused } from '../../../../main/tools/paths';

let root: string;
let ws: string;
beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'tandem-paths-')));
  ws = join(root, 'ws');
  await mkdir(join(ws, 'src'), { recursive: true });
  await mkdir(join(root, 'ws-sibling'));
  await mkdir(join(root, 'outside'));
  await symlink(join(root, 'outside'), join(ws, 'out-link'));
  await symlink(join(ws, 'src'), join(ws, 'src-link'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('confine', () => {
  it('resolves paths inside the workspace, existing or not, through links that stay inside', async () => {
    const c = await confinementFor(ws);
    expect(await confine(c, 'src/a.ts')).toBe(join(ws, 'src/a.ts'));
    expect(await confine(c, 'new/dir/file.txt')).toBe(join(ws, 'new/dir/file.txt'));
    expect(await confine(c, join(ws, 'src'))).toBe(join(ws, 'src'));
    expect(await confine(c, 'src-link/b.ts')).toBe(join(ws, 'src/b.ts'));
    expect(await confine(c, 'src/../README.md')).toBe(join(ws, 'README.md'));
    expect(await confine(c, '..foo')).toBe(join(ws, '..foo'));
  });
  it('refuses .., absolute paths elsewhere, prefix siblings and links that lead out', async () => {
    const c = await confinementFor(ws);
    for (const p of [
      '../x',
      '/etc/passwd',
      join(root, 'ws-sibling/x'),
      '../ws-sibling/x',
      'out-link/x',
      'src/../../x',
      'a\0b',
    ]) {
      await expect(confine(c, p), p).rejects.toBeInstanceOf(PathRefused);
    }
    await expect(confine(c, 'out-link/x')).rejects.toThrow(/symbolic link/);
  });
});
