import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../../protocol/rpc/errors';
import type { Thread } from '../../../../../protocol/schema/thread';
import { useHarness } from '../../../../helpers/harness';

const h = useHarness();

describe('threads', () => {
  it('starts a thread with the requested settings, on disk, and announces it', async () => {
    const server = await h.server();
    const cwd = await h.tempDir();
    const client = await h.client(server);
    const res = await client.request('thread/start', {
      cwd,
      model: 'gpt-test',
      approvalPolicy: 'never',
      sandbox: 'read-only',
    });
    expect(res).toMatchObject({ cwd, model: 'gpt-test', approvalPolicy: 'never', sandbox: { type: 'readOnly' } });
    expect(res.thread).toMatchObject({ cwd, model: 'gpt-test', status: { type: 'idle' }, ephemeral: false, turns: [] });
    const started = await client.notification('thread/started');
    expect((started.params as { thread: Thread }).thread.id).toBe(res.thread.id);
    // The response came before the announcement.
    const order = client.received.map((m) => m.method ?? 'response');
    expect(order.indexOf('response', 1)).toBeLessThan(order.indexOf('thread/started'));

    const read = await client.request('thread/read', { threadId: res.thread.id });
    expect(read.thread).toMatchObject({ id: res.thread.id, cwd, model: 'gpt-test' });
  });

  it('uses the defaults when thread/start names nothing', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const res = await client.request('thread/start', {});
    expect(res).toMatchObject({
      cwd: server.options.defaultCwd,
      model: 'gpt-5.5',
      approvalPolicy: 'on-request',
      sandbox: { type: 'workspaceWrite' },
    });
  });

  it('refuses a cwd that is not an existing folder, and writes nothing', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const missing = join(server.options.home, 'no-such-folder');
    await expect(client.request('thread/start', { cwd: missing })).rejects.toMatchObject({
      code: ErrorCode.InvalidTarget,
      data: { reason: 'invalidCwd' },
    });
    expect((await client.request('thread/list', {})).data).toEqual([]);
  });

  it('lists threads most recently updated first (sortKey updated_at), with cursor pagination and a cwd filter', async () => {
    const server = await h.server();
    const a = await h.tempDir();
    const b = await h.tempDir();
    const client = await h.client(server);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.request('thread/start', { cwd: i % 2 ? a : b })).thread.id);
      await new Promise((r) => setTimeout(r, 2));
    }
    // Touch the oldest: it becomes the most recently updated.
    await client.request('thread/name/set', { threadId: ids[0]!, name: 'renamed' });
    const page1 = await client.request('thread/list', { limit: 2, sortKey: 'updated_at' });
    expect(page1.data.map((t) => t.id)).toEqual([ids[0], ids[4]]);
    const page2 = await client.request('thread/list', { limit: 2, sortKey: 'updated_at', cursor: page1.nextCursor });
    expect(page2.data.map((t) => t.id)).toEqual([ids[3], ids[2]]);
    const page3 = await client.request('thread/list', { limit: 2, sortKey: 'updated_at', cursor: page2.nextCursor });
    expect(page3.data.map((t) => t.id)).toEqual([ids[1]]);
    expect(page3.nextCursor).toBeNull();
    const inA = await client.request('thread/list', { cwd: a });
    expect(inA.data.map((t) => t.id).sort()).toEqual([ids[1], ids[3]].sort());
    const found = await client.request('thread/list', { searchTerm: 'RENAM' });
    expect(found.data.map((t) => t.id)).toEqual([ids[0]]);
  });

  it('rejects a cursor it did not make', async () => {
    const server = await h.server();
    const client = await h.client(server);
    await expect(client.request('thread/list', { cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: -32602,
      data: { reason: 'invalidCursor' },
    });
  });

  it('archives and unarchives, moving the thread between the lists, announced to every client', async () => {
    const server = await h.server();
    const owner = await h.client(server, 'owner');
    const other = await h.client(server, 'other');
    const { thread } = await owner.request('thread/start', {});
    expect(await owner.request('thread/archive', { threadId: thread.id })).toEqual({});
    await other.notification('thread/archived', (p) => p.threadId === thread.id);
    expect((await owner.request('thread/list', {})).data).toEqual([]);
    expect((await owner.request('thread/list', { archived: true })).data.map((t) => t.id)).toEqual([thread.id]);
    const un = await owner.request('thread/unarchive', { threadId: thread.id });
    expect(un.thread.id).toBe(thread.id);
    await other.notification('thread/unarchived', (p) => p.threadId === thread.id);
    expect((await owner.request('thread/list', {})).data.map((t) => t.id)).toEqual([thread.id]);
  });

  it('names a thread, and an empty name clears it', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const { thread } = await client.request('thread/start', {});
    await client.request('thread/name/set', { threadId: thread.id, name: '  Fix the build  ' });
    await client.notification('thread/name/updated', (p) => p.threadName === 'Fix the build');
    expect((await client.request('thread/read', { threadId: thread.id })).thread.name).toBe('Fix the build');
    await client.request('thread/name/set', { threadId: thread.id, name: '' });
    await client.notification('thread/name/updated', (p) => p.threadName === null);
    expect((await client.request('thread/read', { threadId: thread.id })).thread.name).toBeNull();
  });

  it('resumes a thread from disk in a new server, and the status becomes idle', async () => {
    const home = await h.tempDir();
    const first = await h.server({ home });
    const c1 = await h.client(first);
    const { thread } = await c1.request('thread/start', {});
    await c1.request('thread/name/set', { threadId: thread.id, name: 'kept' });

    const second = await h.server({ home });
    const c2 = await h.client(second);
    const listed = await c2.request('thread/list', {});
    expect(listed.data).toEqual([
      expect.objectContaining({ id: thread.id, name: 'kept', status: { type: 'notLoaded' } }),
    ]);
    const resumed = await c2.request('thread/resume', { threadId: thread.id, model: 'other-model' });
    expect(resumed.thread).toMatchObject({
      id: thread.id,
      name: 'kept',
      status: { type: 'idle' },
      model: 'other-model',
    });
    await c2.notification('thread/status/changed', (p) => p.threadId === thread.id);
    // The changed setting was recorded.
    const third = await h.server({ home });
    const c3 = await h.client(third);
    expect((await c3.request('thread/read', { threadId: thread.id })).thread.model).toBe('other-model');
  });

  it('forks a thread into a new one that remembers its origin', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const { thread } = await client.request('thread/start', { model: 'm1' });
    const fork = await client.request('thread/fork', { threadId: thread.id });
    expect(fork.thread.id).not.toBe(thread.id);
    expect(fork.thread).toMatchObject({ forkedFromId: thread.id, sessionId: thread.sessionId, model: 'm1' });
    await client.notification('thread/started', (p) => (p.thread as Thread).id === fork.thread.id);
    const listed = await client.request('thread/list', {});
    expect(listed.data.map((t) => t.id)).toEqual([fork.thread.id, thread.id]);
  });

  it('keeps ephemeral threads off disk and out of the list', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const { thread } = await client.request('thread/start', { ephemeral: true });
    expect(thread.ephemeral).toBe(true);
    expect(thread.path).toBeNull();
    expect((await client.request('thread/list', {})).data).toEqual([]);
    expect((await client.request('thread/read', { threadId: thread.id })).thread.id).toBe(thread.id);
  });

  it('answers unknown and hostile thread ids with "thread not found", touching no file', async () => {
    const server = await h.server();
    const client = await h.client(server);
    for (const threadId of ['nope', '../../etc/passwd', '..', 'a/b', '%2e%2e']) {
      for (const method of ['thread/read', 'thread/resume', 'thread/archive', 'thread/fork'] as const) {
        await expect(client.request(method, { threadId })).rejects.toMatchObject({
          code: ErrorCode.ThreadNotFound,
          data: { reason: 'threadNotFound' },
        });
      }
    }
  });

  it('sends a thread’s notifications to every connection that follows it', async () => {
    const server = await h.server();
    const a = await h.client(server, 'a');
    const b = await h.client(server, 'b');
    const { thread } = await a.request('thread/start', {});
    await b.request('thread/resume', { threadId: thread.id });
    await a.request('thread/name/set', { threadId: thread.id, name: 'shared' });
    await a.notification('thread/name/updated', (p) => p.threadName === 'shared');
    await b.notification('thread/name/updated', (p) => p.threadName === 'shared');
  });

  it('accepts a cwd reached through a symlink and reports it as given', async () => {
    const server = await h.server();
    const real = await h.tempDir();
    await mkdir(join(real, 'project'));
    const link = join(real, 'link');
    await symlink(join(real, 'project'), link);
    const client = await h.client(server);
    const res = await client.request('thread/start', { cwd: link });
    expect(res.cwd).toBe(link);
  });
});

describe('thread/list edge cases', () => {
  it('treats limit 0 as the default page size, and refuses a cursor from another order', async () => {
    const server = await h.server();
    const client = await h.client(server);
    for (let i = 0; i < 3; i++) await client.request('thread/start', {});
    expect((await client.request('thread/list', { limit: 0 })).data).toHaveLength(3);
    const page = await client.request('thread/list', { limit: 1, sortKey: 'created_at', sortDirection: 'asc' });
    await expect(client.request('thread/list', { cursor: page.nextCursor })).rejects.toMatchObject({
      data: { reason: 'invalidCursor' },
    });
    const next = await client.request('thread/list', {
      limit: 1,
      sortKey: 'created_at',
      sortDirection: 'asc',
      cursor: page.nextCursor,
    });
    expect(next.data[0]?.id).not.toBe(page.data[0]?.id);
  });
});

describe('storage failures', () => {
  it('answers storageFailed when the threads folder is unusable, and recovers once it is fixed', async () => {
    const home = await h.tempDir();
    await writeFile(join(home, 'threads'), 'not a folder');
    const server = await h.server({ home });
    const client = await h.client(server);
    await expect(client.request('thread/list', {})).rejects.toMatchObject({
      code: ErrorCode.StorageFailed,
      data: { reason: 'storageFailed' },
    });
    await expect(client.request('thread/start', {})).rejects.toMatchObject({ data: { reason: 'storageFailed' } });
    const { rm } = await import('node:fs/promises');
    await rm(join(home, 'threads'));
    await client.request('thread/start', {});
    expect((await client.request('thread/list', {})).data).toHaveLength(1);
  });

  it('skips one unreadable entry and lists the other threads', async () => {
    const home = await h.tempDir();
    const first = await h.server({ home });
    const c1 = await h.client(first);
    const { thread } = await c1.request('thread/start', {});
    await first.store.flush();
    await mkdir(join(home, 'threads', 'broken.jsonl'));
    const second = await h.server({ home });
    const c2 = await h.client(second);
    expect((await c2.request('thread/list', {})).data.map((t) => t.id)).toEqual([thread.id]);
  });
});
