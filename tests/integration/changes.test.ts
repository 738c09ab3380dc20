/** The changes panel's server side: a turn's and a thread's changes, and reverting them. */
import { execFileSync } from 'node:child_process';
import { rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import { readOrNull, runTurn, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const patch = (id: string, body: string) => ({
  outputs: [
    {
      type: 'custom_tool_call' as const,
      name: 'apply_patch',
      input: `*** Begin Patch\n${body}*** End Patch\n`,
      callId: id,
    },
  ],
});
const ok = { outputs: [{ type: 'message' as const, text: 'ok' }] };

describe('changes and revert', () => {
  it('shows each turn’s and the thread’s changes, and reverts a file or a whole turn to before it', async () => {
    const fake = await fakeModel([
      patch('p1', '*** Update File: a.txt\n@@\n-a1\n+a2\n*** Add File: new.txt\n+fresh\n'),
      ok,
      patch('p2', '*** Update File: a.txt\n@@\n-a2\n+a3\n*** Update File: b.txt\n@@\n-b1\n+b2\n'),
      ok,
    ]);
    const w = await world(
      h,
      fake,
      { approvalPolicy: 'never' },
      { files: { 'a.txt': 'a1\n', 'b.txt': 'b1\n', 'untouched.txt': 'keep\n' } },
    );
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: w.cwd, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const head = git('rev-parse', 'HEAD');
    const { turnId: t1 } = await runTurn(w, 'first');
    const { turnId: t2 } = await runTurn(w, 'second');

    const d1 = await w.client.request('tandem/turn/diff', { threadId: w.threadId, turnId: t1 });
    expect(d1.files.map((f) => [f.display, f.before, f.after])).toEqual([
      ['a.txt', 'a1\n', 'a3\n'],
      ['new.txt', null, 'fresh\n'],
    ]);
    const all = await w.client.request('tandem/turn/diff', { threadId: w.threadId });
    expect(all.files.map((f) => [f.display, f.before, f.after])).toEqual([
      ['a.txt', 'a1\n', 'a3\n'],
      ['b.txt', 'b1\n', 'b2\n'],
      ['new.txt', null, 'fresh\n'],
    ]);

    // One file of turn 2, then the whole of turn 1 (a.txt back to a1, new.txt gone).
    expect(
      await w.client.request('tandem/turn/revert', { threadId: w.threadId, turnId: t2, path: 'b.txt' }),
    ).toMatchObject({ reverted: ['b.txt'], itemId: expect.stringMatching(/^tandem-revert:/) });
    expect(await readOrNull(join(w.cwd, 'b.txt'))).toBe('b1\n');
    expect(await readOrNull(join(w.cwd, 'a.txt'))).toBe('a3\n');
    expect(
      (await w.client.request('tandem/turn/revert', { threadId: w.threadId, turnId: t1 })).reverted.sort(),
    ).toEqual(['a.txt', 'new.txt']);
    expect(await readOrNull(join(w.cwd, 'a.txt'))).toBe('a1\n');
    expect(await readOrNull(join(w.cwd, 'new.txt'))).toBeNull();
    expect(await readOrNull(join(w.cwd, 'untouched.txt'))).toBe('keep\n');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(git('status', '--porcelain')).toBe('');

    // Baselines survive a restart.
    const again = await h.server({ home: w.server.options.home });
    const c2 = await h.client(again);
    const d2 = await c2.request('tandem/turn/diff', { threadId: w.threadId, turnId: t2 });
    // Against turn 2's own baselines: b.txt is as before it; a.txt went further back (to before turn 1).
    expect(d2.files.map((f) => [f.display, f.before, f.after])).toEqual([['a.txt', 'a2\n', 'a1\n']]);
    await expect(
      c2.request('tandem/turn/revert', { threadId: w.threadId, turnId: 'no-such-turn' }),
    ).rejects.toMatchObject({ data: { reason: 'turnNotFound' } });
  });

  it('lists a changed file that became a symbolic link as not shown, and still shows the others', async () => {
    const fake = await fakeModel([
      patch('p1', '*** Update File: a.txt\n@@\n-a1\n+a2\n*** Update File: b.txt\n@@\n-b1\n+b2\n'),
      ok,
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never' }, { files: { 'a.txt': 'a1\n', 'b.txt': 'b1\n' } });
    const { turnId } = await runTurn(w, 'change both');
    await rm(join(w.cwd, 'b.txt'));
    await symlink('/etc/hostname', join(w.cwd, 'b.txt'));

    const diff = await w.client.request('tandem/turn/diff', { threadId: w.threadId, turnId });
    expect(diff.files.map((f) => [f.display, f.before, f.after])).toEqual([['a.txt', 'a1\n', 'a2\n']]);
    expect(diff.notes).toEqual(['b.txt is not shown: it is a symbolic link now, or leads through one.']);
  });
});
