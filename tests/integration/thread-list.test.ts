/**
 * `thread/list` as a Codex client meets it, through the BUILT CLI: Codex's order with pages both
 * ways, and each thread's Git facts from the real `git`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../helpers/git';
import { useHarness } from '../helpers/harness';

const h = useHarness();

const ids = (page: { data: Array<{ id: string }> }): string[] => page.data.map((t) => t.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('thread/list', () => {
  it("pages in Codex's default order (created_at, newest first) and back again with backwardsCursor", async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir() });
    await client.initialize('codex-client');
    const t: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.push((await client.request('thread/start', {})).thread.id);
      await sleep(3);
    }
    // Renaming the oldest makes it the most recently updated; the default order is by creation.
    await client.request('thread/name/set', { threadId: t[0]!, name: 'renamed' });

    const p1 = await client.request('thread/list', { limit: 2 });
    expect(ids(p1)).toEqual([t[4], t[3]]);
    const p2 = await client.request('thread/list', { limit: 2, cursor: p1.nextCursor });
    expect(ids(p2)).toEqual([t[2], t[1]]);
    const p3 = await client.request('thread/list', { limit: 2, cursor: p2.nextCursor });
    expect(ids(p3)).toEqual([t[0]]);
    expect(p3.nextCursor).toBeNull();
    expect(p3.backwardsCursor).toEqual(expect.any(String));

    // Backwards from page 3: the threads before it, nearest first, across two pages (as Codex answers).
    const b1 = await client.request('thread/list', { limit: 2, sortDirection: 'asc', cursor: p3.backwardsCursor });
    expect(ids(b1)).toEqual([t[1], t[2]]);
    const b2 = await client.request('thread/list', { limit: 2, sortDirection: 'asc', cursor: b1.nextCursor });
    expect(ids(b2)).toEqual([t[3], t[4]]);
    expect(b2.nextCursor).toBeNull();
    // From page 2 back: only page 1's threads.
    const fromP2 = await client.request('thread/list', { sortDirection: 'asc', cursor: p2.backwardsCursor });
    expect(ids(fromP2)).toEqual([t[3], t[4]]);

    // A backwards cursor used in its own page's direction is refused, not silently misread.
    await expect(client.request('thread/list', { limit: 2, cursor: p2.backwardsCursor })).rejects.toMatchObject({
      code: -32602,
      data: { reason: 'invalidCursor' },
    });
    // The other keys still work: updated_at puts the renamed thread first.
    expect(ids(await client.request('thread/list', { limit: 1, sortKey: 'updated_at' }))).toEqual([t[0]]);
    // An empty page has no cursors at all.
    const none = await client.request('thread/list', { archived: true });
    expect(none).toMatchObject({ data: [], nextCursor: null, backwardsCursor: null });
  });

  it('shows gitInfo (sha, branch, origin URL) for a repository folder, fresh after a commit, and none elsewhere', async () => {
    const repo = await h.tempDir('repo-');
    git(repo, 'init', '-q', '-b', 'main');
    await writeFile(join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', 'a.txt');
    git(repo, 'commit', '-q', '-m', 'first');
    git(repo, 'remote', 'add', 'origin', 'https://example.com/team/project.git');
    const first = git(repo, 'rev-parse', 'HEAD');
    const plain = await h.tempDir('plain-');

    const home = await h.tempDir();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('codex-client');
    const inRepo = (await client.request('thread/start', { cwd: repo })).thread.id;
    const elsewhere = (await client.request('thread/start', { cwd: plain })).thread.id;

    const byId = async () =>
      Object.fromEntries((await client.request('thread/list', {})).data.map((t) => [t.id, t.gitInfo]));
    let listed = await byId();
    expect(listed[inRepo]).toEqual({ sha: first, branch: 'main', originUrl: 'https://example.com/team/project.git' });
    expect(listed[elsewhere]).toBeNull();

    // A new commit and branch show on the next listing (the cache watches the repository's refs).
    git(repo, 'checkout', '-q', '-b', 'feature');
    await writeFile(join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', 'b.txt');
    git(repo, 'commit', '-q', '-m', 'second');
    const second = git(repo, 'rev-parse', 'HEAD');
    await sleep(1_100);
    listed = await byId();
    expect(listed[inRepo]).toEqual({
      sha: second,
      branch: 'feature',
      originUrl: 'https://example.com/team/project.git',
    });

    // thread/metadata/update patches the stored facts: a string replaces, null clears, absent keeps.
    const updated = await client.request('thread/metadata/update', {
      threadId: inRepo,
      gitInfo: { branch: 'release', originUrl: null },
    });
    expect(updated.thread.gitInfo).toEqual({ sha: second, branch: 'release', originUrl: null });
    await client.close();

    // Persisted: a new server on the same home lists the patched facts.
    const again = h.stdio({ TANDEM_HOME: home });
    await again.initialize('codex-client');
    const after = (await again.request('thread/list', {})).data.find((t) => t.id === inRepo);
    expect(after?.gitInfo).toEqual({ sha: second, branch: 'release', originUrl: null });
    await expect(
      again.request('thread/metadata/update', { threadId: 'nope', gitInfo: { sha: 'abc' } }),
    ).rejects.toMatchObject({ code: -32004 });
    // As Codex: a patch of nothing is refused, and nothing is written.
    await expect(again.request('thread/metadata/update', { threadId: inRepo })).rejects.toMatchObject({
      code: -32602,
      message: 'thread metadata update must include at least one field',
    });
  });

  it('lists 10,000 threads of one repository, every page with its Git facts', async () => {
    const repo = await h.tempDir('repo-');
    git(repo, 'init', '-q', '-b', 'main');
    const home = await h.tempDir();
    const threads = join(home, 'threads');
    await mkdir(threads, { recursive: true });
    const base = Date.now() - 10_000_000;
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = `019a0000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
      const header = {
        t: 'thread',
        v: 1,
        at: base + i,
        id,
        sessionId: id,
        cwd: repo,
        model: 'm',
        modelProvider: 'openai',
        reasoningEffort: null,
        approvalPolicy: 'on-request',
        sandbox: 'workspace-write',
        forkedFromId: null,
        cliVersion: 'test',
      };
      const text = JSON.stringify(header) + '\n';
      await writeFile(join(threads, `${id}.jsonl`), text);
      lines.push(JSON.stringify({ meta: metaOf(header), bytes: Buffer.byteLength(text) }));
    }
    await writeFile(join(threads, 'index.jsonl'), lines.join('\n') + '\n');
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('codex-client');
    // Every page's threads carry the folder's facts: git is asked per folder and cached (how often
    // is counted in tests/unit/main/server/threads/git-info.test.ts); speed is the bench's business.
    let cursor: string | null | undefined = null;
    let seen = 0;
    do {
      const page: { data: Array<{ gitInfo?: unknown }>; nextCursor?: string | null } = await client.request(
        'thread/list',
        { limit: 200, cursor },
      );
      seen += page.data.length;
      expect(page.data.every((t) => (t.gitInfo as { branch?: string } | null)?.branch === 'main')).toBe(true);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toBe(10_000);
  }, 60_000);
});

/** The index entry's metadata for a header (what the server would have written). */
function metaOf(h: { at: number; id: string; cwd: string }): Record<string, unknown> {
  return {
    id: h.id,
    sessionId: h.id,
    createdAtMs: h.at,
    updatedAtMs: h.at,
    cwd: h.cwd,
    model: 'm',
    modelProvider: 'openai',
    reasoningEffort: null,
    approvalPolicy: 'on-request',
    sandbox: 'workspace-write',
    forkedFromId: null,
    cliVersion: 'test',
    name: null,
    archived: false,
    preview: '',
    ephemeral: false,
  };
}
