/**
 * `gitInfo` (HEAD's commit, its branch, the origin URL) on the thread that thread/read,
 * thread/resume and thread/fork answer, as thread/list shows it, and on thread/start what is
 * already known of the folder (nothing waits for git to start a thread; Codex answers none):
 * through the BUILT CLI, on a real `git init` repository with a commit and an origin remote.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../helpers/git';
import { useHarness } from '../helpers/harness';

const h = useHarness();

const ORIGIN = 'https://example.com/team/project.git';

describe('gitInfo on the thread of start, read, resume and fork', () => {
  it('is the folder’s commit, branch and origin, fresh after a commit, stored fields winning, none outside a repo', async () => {
    const repo = await h.tempDir('git-info-');
    git(repo, 'init', '-q', '-b', 'main');
    await writeFile(join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', 'a.txt');
    git(repo, 'commit', '-q', '-m', 'first');
    git(repo, 'remote', 'add', 'origin', ORIGIN);
    const first = { sha: git(repo, 'rev-parse', 'HEAD'), branch: 'main', originUrl: ORIGIN };
    const home = await h.tempDir();

    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('codex-client');
    // The first thread in a folder starts without asking git; once a read has asked, the next one knows.
    const started = await client.request('thread/start', { cwd: repo });
    expect(started.thread.gitInfo).toBeNull();
    const id = started.thread.id;
    expect((await client.request('thread/read', { threadId: id })).thread.gitInfo).toEqual(first);
    const listed = (await client.request('thread/list', {})).data.find((t) => t.id === id);
    expect(listed?.gitInfo).toEqual(first);
    expect((await client.request('thread/start', { cwd: repo })).thread.gitInfo).toEqual(first);

    // A new commit on a new branch shows on the next read.
    git(repo, 'checkout', '-q', '-b', 'feature');
    await writeFile(join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', 'b.txt');
    git(repo, 'commit', '-q', '-m', 'second');
    const second = { sha: git(repo, 'rev-parse', 'HEAD'), branch: 'feature', originUrl: ORIGIN };
    // The cache looks at the repository at most once a second.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await client.request('thread/read', { threadId: id, includeTurns: true })).thread.gitInfo).toEqual(second);
    const forked = await client.request('thread/fork', { threadId: id });
    expect(forked.thread.gitInfo).toEqual(second);

    // What a client stored wins field by field, in every answer.
    await client.request('thread/metadata/update', { threadId: id, gitInfo: { branch: 'release' } });
    await client.close();

    const again = h.stdio({ TANDEM_HOME: home });
    await again.initialize('codex-client');
    const resumed = await again.request('thread/resume', { threadId: id });
    expect(resumed.thread.gitInfo).toEqual({ ...second, branch: 'release' });
    expect((await again.request('thread/read', { threadId: id })).thread.gitInfo).toEqual({
      ...second,
      branch: 'release',
    });

    // A folder that is no repository has none.
    const plain = await h.tempDir('not-a-repo-');
    const elsewhere = await again.request('thread/start', { cwd: plain });
    expect(elsewhere.thread.gitInfo).toBeNull();
    expect((await again.request('thread/read', { threadId: elsewhere.thread.id })).thread.gitInfo).toBeNull();
  });
});
