import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/rpc/errors';
import { useHarness } from '../../helpers/harness';

const h = useHarness();

describe('concurrent requests', () => {
  it('refuses a request that reuses the id of one still in flight, and answers both', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const first = client.waitFor((m) => m.id === 77 && m.result !== undefined);
    const second = client.waitFor((m) => m.id === '77' && m.error !== undefined);
    void client.requestRaw({ id: 77, method: 'thread/start', params: {} });
    void client.requestRaw({ id: '77', method: 'thread/list', params: {} });
    await expect(first).resolves.toMatchObject({ result: { thread: { status: { type: 'idle' } } } });
    await expect(second).resolves.toMatchObject({
      error: { code: ErrorCode.DuplicateRequestId, data: { reason: 'duplicateRequestId' } },
    });
    // Once answered, the id may be used again.
    void client.requestRaw({ id: 77, method: 'thread/list', params: {} });
    await expect(
      client.waitFor((m) => m.id === 77 && Array.isArray((m.result as { data?: unknown } | undefined)?.data)),
    ).resolves.toBeTruthy();
  });

  it('gives concurrent archive and unarchive the result of running them in order', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const { thread } = await client.request('thread/start', {});
    await client.request('thread/archive', { threadId: thread.id });
    await Promise.all([
      client.request('thread/unarchive', { threadId: thread.id }),
      client.request('thread/archive', { threadId: thread.id }),
      client.request('thread/archive', { threadId: thread.id }),
    ]);
    expect((await client.request('thread/read', { threadId: thread.id })).thread).toMatchObject({ id: thread.id });
    expect((await client.request('thread/list', { archived: true })).data.map((t) => t.id)).toEqual([thread.id]);
    // One archive, one unarchive, one archive: three announcements, never a duplicate in a row.
    const events = client.received
      .filter((m) => m.method === 'thread/archived' || m.method === 'thread/unarchived')
      .map((m) => m.method);
    expect(events).toEqual(['thread/archived', 'thread/unarchived', 'thread/archived']);
  });

  it('keeps a rename made while the thread is being resumed', async () => {
    const home = await h.tempDir();
    const first = await h.server({ home });
    const c1 = await h.client(first);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await c1.request('thread/start', {})).thread.id);
    const second = await h.server({ home });
    const c2 = await h.client(second);
    await Promise.all(
      ids.flatMap((id, i) => [
        c2.request('thread/resume', { threadId: id }),
        c2.request('thread/name/set', { threadId: id, name: `n${i}` }),
      ]),
    );
    for (const [i, id] of ids.entries())
      expect((await c2.request('thread/read', { threadId: id })).thread.name).toBe(`n${i}`);
  });

  it('delivers broadcasts to every other client while one that left is still finishing', async () => {
    const server = await h.server();
    const gone = await h.client(server, 'gone'); // first in line for every broadcast
    const stays = await h.client(server, 'stays');
    for (let i = 0; i < 5; i++)
      gone.requestRaw({ id: 100 + i, method: 'thread/start', params: {} }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0)); // the server has them in flight
    await gone.close(); // its input ends while it still owes answers and announcements
    const { thread } = await stays.request('thread/start', {});
    await stays.notification('thread/started', (p) => (p.thread as { id: string }).id === thread.id);
    // The server kept working for the client that left, and announced it to the one that stayed.
    await expect.poll(async () => (await stays.request('thread/list', {})).data.length).toBe(6);
    await expect.poll(() => stays.notifications('thread/started').length).toBe(6);
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
