/**
 * Revert and undo after the model (or a command) replaced a file and a folder it had edited by
 * symbolic links to outside: `tandem/turn/revert` must not change anything outside the
 * workspace; it refuses, saying why (issue 10).
 */
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { patchCall, done } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { outsideDir, readOrNull, useFakes, writeFiles } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const outside: string[] = [];
afterEach(async () => {
  await Promise.all(outside.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const edit = `*** Begin Patch
*** Update File: a.txt
@@
-a1
+a2
*** Update File: dir/b.txt
@@
-b1
+b2
*** End Patch
`;

describe('revert through symbolic links (built CLI)', () => {
  it('refuses to revert or undo through a file or folder replaced by a link to outside, and changes nothing there', async () => {
    const fake = await fakeModel([patchCall('p1', edit), done]);
    const ws = await h.tempDir('tandem-ws-');
    await writeFiles(ws, { 'a.txt': 'a1\n', 'dir/b.txt': 'b1\n' });
    const out = await outsideDir();
    outside.push(out);
    await writeFiles(out, { 'a.txt': 'outside a\n', 'dir/b.txt': 'outside b\n' });

    const client = h.stdio({
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-revert-links',
      HOME: await h.tempDir('tandem-user-'),
    });
    await client.initialize();
    const { thread } = await client.request('thread/start', {
      cwd: ws,
      approvalPolicy: 'never',
      sandbox: 'workspace-write',
    });
    const threadId = thread.id;
    const { turn } = await client.request('turn/start', { threadId, input: [{ type: 'text', text: 'edit' }] });
    await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect(await readOrNull(join(ws, 'a.txt'))).toBe('a2\n');
    expect(await readOrNull(join(ws, 'dir/b.txt'))).toBe('b2\n');

    // a.txt is reverted while still a file: that works, and can be undone later.
    const first = await client.request('tandem/turn/revert', { threadId, turnId: turn.id, path: 'a.txt' });
    expect(first.reverted).toEqual(['a.txt']);

    // Then the file and the folder become links to outside.
    await rm(join(ws, 'a.txt'));
    await symlink(join(out, 'a.txt'), join(ws, 'a.txt'));
    await rm(join(ws, 'dir'), { recursive: true });
    await symlink(join(out, 'dir'), join(ws, 'dir'));

    const refusal = { data: { reason: 'pathRefused' }, message: expect.stringMatching(/symbolic link/) };
    await expect(client.request('tandem/turn/revert', { threadId, turnId: turn.id })).rejects.toMatchObject(refusal);
    await expect(
      client.request('tandem/turn/revert', { threadId, turnId: turn.id, path: 'dir/b.txt' }),
    ).rejects.toMatchObject(refusal);
    await expect(
      client.request('tandem/turn/revert/undo', { threadId, itemId: first.itemId ?? '' }),
    ).rejects.toMatchObject(refusal);

    // Outside: exactly as before, nothing added.
    expect(await readOrNull(join(out, 'a.txt'))).toBe('outside a\n');
    expect(await readOrNull(join(out, 'dir/b.txt'))).toBe('outside b\n');
    expect((await readdir(out, { recursive: true })).map(String).sort()).toEqual(['a.txt', 'dir', 'dir/b.txt']);

    // With the folder real again, the revert goes ahead.
    await rm(join(ws, 'dir'));
    await mkdir(join(ws, 'dir'));
    await writeFiles(ws, { 'dir/b.txt': 'b2\n' });
    expect(
      (await client.request('tandem/turn/revert', { threadId, turnId: turn.id, path: 'dir/b.txt' })).reverted,
    ).toEqual(['dir/b.txt']);
    expect(await readOrNull(join(ws, 'dir/b.txt'))).toBe('b1\n');
  });
});
