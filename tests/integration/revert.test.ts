/**
 * Changes made by shell commands, and a revert that is exact, confirmed, recorded, told to the
 * model and undoable (issue 9, item 11) — over stdio against the built CLI.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { useHarness } from '../helpers/harness';
import { readOrNull, useFakes, writeFiles } from '../helpers/turns';
import type { StdioClient } from '../helpers/test-client';

const h = useHarness();
const fakeModel = useFakes();
const exec = (cmd: string, callId: string) => ({
  outputs: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd }, callId }],
});
const say = (text: string) => ({ outputs: [{ type: 'message' as const, text }] });

async function start(env: Record<string, string>, cwd: string): Promise<{ client: StdioClient; threadId: string }> {
  const client = h.stdio(env);
  await client.initialize();
  const { thread } = await client.request('thread/start', {
    cwd,
    approvalPolicy: 'never',
    sandbox: 'danger-full-access',
  });
  return { client, threadId: thread.id };
}

async function turn(client: StdioClient, threadId: string, text: string): Promise<string> {
  const { turn: t } = await client.request('turn/start', { threadId, input: [{ type: 'text', text }] });
  await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === t.id);
  return t.id;
}

// Commands run with `bash -lc`: each test gives them an empty HOME, so no login profile of this
// machine's user (slow or broken) is part of what is tested.
const items = (client: StdioClient, method: 'item/started' | 'item/completed'): ThreadItem[] =>
  client.notifications(method).map((m) => (m.params as { item: ThreadItem }).item);

describe('changes made by commands, and revert (built CLI)', () => {
  it('lists files a command wrote, reverts exactly, records it, tells the model and undoes it', async () => {
    const fake = await fakeModel([
      exec("printf 'a2\\n' > a.txt && echo made > made.txt && cp b.txt b.tmp && mv b.tmp b.txt", 'c1'),
      say('done'),
      say('noted'),
    ]);
    const cwd = await h.tempDir('tandem-ws-');
    await writeFiles(cwd, { 'a.txt': 'a1\n', 'b.txt': 'b1\n' });
    const env = {
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-revert-test',
      HOME: await h.tempDir('tandem-user-'),
    };
    const { client, threadId } = await start(env, cwd);
    const t1 = await turn(client, threadId, 'write files');

    // The command's files are the turn's changes (b.txt was rewritten with the same content: not a change).
    const diff = await client.request('tandem/turn/diff', { threadId, turnId: t1 });
    expect(diff.files.map((f) => [f.display, f.before, f.after])).toEqual([
      ['a.txt', 'a1\n', 'a2\n'],
      ['made.txt', null, 'made\n'],
    ]);
    expect(client.notifications('turn/diff/updated').at(-1)?.params).toMatchObject({
      turnId: t1,
      diff: expect.stringContaining('+made'),
    });

    // One file, then the rest of the turn: each message names exactly the files it changed.
    const one = await client.request('tandem/turn/revert', { threadId, turnId: t1, path: 'a.txt' });
    expect(one.reverted).toEqual(['a.txt']);
    expect(await readOrNull(join(cwd, 'a.txt'))).toBe('a1\n');
    const dry = await client.request('tandem/turn/revert', { threadId, turnId: t1, dryRun: true });
    expect(dry).toEqual({ reverted: ['made.txt'], itemId: null });
    expect(await readOrNull(join(cwd, 'made.txt'))).toBe('made\n'); // a dry run touches nothing
    await expect(
      client.request('tandem/turn/revert', { threadId, turnId: t1, expected: ['a.txt', 'made.txt'] }),
    ).rejects.toMatchObject({ data: { reason: 'revertChanged' } });
    const rest = await client.request('tandem/turn/revert', { threadId, turnId: t1, expected: ['made.txt'] });
    expect(rest.reverted).toEqual(['made.txt']);
    expect(await readOrNull(join(cwd, 'made.txt'))).toBeNull();
    await expect(client.request('tandem/turn/revert', { threadId, turnId: t1 })).rejects.toMatchObject({
      data: { reason: 'nothingToRevert' },
    });

    // Recorded in the thread as completed fileChange items.
    const records = items(client, 'item/completed').filter((i) => i.id.startsWith('tandem-revert:'));
    expect(records.map((i) => i.id)).toEqual([one.itemId, rest.itemId]);
    expect(records[1]).toMatchObject({
      type: 'fileChange',
      status: 'completed',
      changes: [{ path: join(cwd, 'made.txt'), kind: { type: 'delete' } }],
    });

    // The next turn's model input says which files were reverted.
    await turn(client, threadId, 'carry on');
    const input = JSON.stringify(fake.modelCalls.at(-1)?.body);
    expect(input).toContain('The user reverted your changes from turn 1');
    expect(input).toContain('a.txt (restored)');
    expect(input).toContain('made.txt (deleted)');

    // Undo puts the agent's version back, and is told too.
    const undo = await client.request('tandem/turn/revert/undo', { threadId, itemId: rest.itemId ?? '' });
    expect(undo).toEqual({ restored: ['made.txt'], itemId: `tandem-undo:${rest.itemId}` });
    expect(await readOrNull(join(cwd, 'made.txt'))).toBe('made\n');
    expect(await readOrNull(join(cwd, 'a.txt'))).toBe('a1\n');
    await client.close();

    // Everything survives a restart; an undo happens once.
    const again = h.stdio(env);
    await again.initialize();
    const read = await again.request('thread/read', { threadId, includeTurns: true });
    const ids = read.thread.turns.flatMap((t) => t.items).map((i) => i.id);
    expect(ids.filter((id) => id.startsWith('tandem-'))).toEqual([
      one.itemId,
      rest.itemId,
      `tandem-undo:${rest.itemId}`,
    ]);
    await expect(
      again.request('tandem/turn/revert/undo', { threadId, itemId: rest.itemId ?? '' }),
    ).rejects.toMatchObject({ data: { reason: 'revertNotFound' } });
    // Undo of the first revert would overwrite nothing unexpected: a.txt is still as it left it.
    expect((await again.request('tandem/turn/revert/undo', { threadId, itemId: one.itemId ?? '' })).restored).toEqual([
      'a.txt',
    ]);
    expect(await readOrNull(join(cwd, 'a.txt'))).toBe('a2\n');
  });

  it('in a git repository, takes the files git knows (ignored ones stay out) and refuses an undo over newer edits', async () => {
    const fake = await fakeModel([
      exec('echo new > tracked.txt && echo out > build.log && echo hi > fresh.txt', 'c1'),
      say('done'),
    ]);
    const cwd = await h.tempDir('tandem-ws-');
    await writeFiles(cwd, { 'tracked.txt': 'old\n', '.gitignore': '*.log\n' });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const env = {
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-revert-test',
      HOME: await h.tempDir('tandem-user-'),
    };
    const { client, threadId } = await start(env, cwd);
    const t1 = await turn(client, threadId, 'go');
    const diff = await client.request('tandem/turn/diff', { threadId, turnId: t1 });
    expect(diff.files.map((f) => [f.display, f.before, f.after])).toEqual([
      ['fresh.txt', null, 'hi\n'],
      ['tracked.txt', 'old\n', 'new\n'],
    ]);
    const r = await client.request('tandem/turn/revert', { threadId, turnId: t1 });
    expect(r.reverted).toEqual(['fresh.txt', 'tracked.txt']);
    expect(git('status', '--porcelain')).toBe('');
    await writeFiles(cwd, { 'tracked.txt': 'edited by the user\n' });
    await expect(client.request('tandem/turn/revert/undo', { threadId, itemId: r.itemId ?? '' })).rejects.toMatchObject(
      { data: { reason: 'revertConflict', files: ['tracked.txt'] } },
    );
    expect(await readOrNull(join(cwd, 'tracked.txt'))).toBe('edited by the user\n');
    expect(await readOrNull(join(cwd, 'build.log'))).toBe('out\n');
  });

  it('says when the watch is bounded: too many files, a binary file, a file too large', async () => {
    const fake = await fakeModel([
      exec(
        "printf 'x\\000y' > blob.bin && head -c 3000 /dev/zero | tr '\\0' z > big.txt && echo changed > a.txt",
        'c1',
      ),
      say('done'),
    ]);
    const cwd = await h.tempDir('tandem-ws-');
    await writeFiles(cwd, {
      'a.txt': 'a\n',
      'big.txt': 'small\n',
      'blob.bin': 'text for now\n',
      'd.txt': 'd\n',
      'e.txt': 'e\n',
    });
    await writeFiles(cwd, { 'big.txt': 'y'.repeat(2000) });
    const env = {
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-revert-test',
      HOME: await h.tempDir('tandem-user-'),
      TANDEM_WATCH_MAX_FILES: '4',
      TANDEM_WATCH_MAX_FILE_BYTES: '1024',
    };
    const { client, threadId } = await start(env, cwd);
    const t1 = await turn(client, threadId, 'go');
    const diff = await client.request('tandem/turn/diff', { threadId, turnId: t1 });
    // a.txt (kept) is shown; big.txt was over the size bound before: said, not shown; blob.bin becomes binary but was text: shown.
    expect(diff.files.map((f) => f.display)).toEqual(['a.txt', 'blob.bin']);
    expect(diff.notes).toEqual([
      'Only 4 files of the workspace are watched for changes made by commands; changes to others are not shown.',
      'big.txt changed by a command but is not shown: files over 1 KB are not kept.',
    ]);
    // Persisted with the thread.
    await client.close();
    const again = h.stdio(env);
    await again.initialize();
    expect((await again.request('tandem/turn/diff', { threadId })).notes).toHaveLength(2);
  });
});
