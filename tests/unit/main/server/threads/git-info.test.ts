/** The Git facts cache of thread/list: git is asked once per folder, and again only when the repository changed. */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitInfoCache } from '../../../../../main/server/threads/git-info';
import { useHarness } from '../../../../helpers/harness';

const h = useHarness();
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

describe('GitInfoCache', () => {
  it('asks git once per folder, and again only after the repository changed', async () => {
    const repo = await h.tempDir('repo-');
    git(repo, 'init', '-q', '-b', 'main');
    await writeFile(join(repo, 'a'), 'a');
    git(repo, 'add', 'a');
    git(repo, 'commit', '-q', '-m', 'one');
    let now = 1_000_000;
    const cache = new GitInfoCache(() => now);
    const first = await Promise.all(Array.from({ length: 50 }, () => cache.of(repo)));
    expect(cache.lookups).toBe(1);
    expect(first[49]).toEqual({ sha: git(repo, 'rev-parse', 'HEAD'), branch: 'main', originUrl: null });

    // Past the fresh window but unchanged: the repository's files are compared, git not run.
    now += 5_000;
    await cache.of(repo);
    expect(cache.lookups).toBe(1);

    git(repo, 'commit', '-q', '--allow-empty', '-m', 'two');
    git(repo, 'remote', 'add', 'origin', 'git@example.com:o/r.git');
    now += 5_000;
    expect(await cache.of(repo)).toEqual({
      sha: git(repo, 'rev-parse', 'HEAD'),
      branch: 'main',
      originUrl: 'git@example.com:o/r.git',
    });
    expect(cache.lookups).toBe(2);
  });

  it('is null for a folder outside any repository (or missing), and lets stored facts win field by field', async () => {
    const plain = await h.tempDir('plain-');
    const cache = new GitInfoCache();
    expect(await cache.of(plain)).toBeNull();
    expect(await cache.of(join(plain, 'gone'))).toBeNull();
    expect(await cache.forThread(plain, { branch: 'b' })).toEqual({ sha: null, branch: 'b', originUrl: null });
    expect(await cache.forThread(plain, undefined)).toBeNull();
  });
});
