import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../protocol/rpc/errors';
import { useHarness } from '../../../helpers/harness';
import { RpcError } from '../../../helpers/test-client';

const h = useHarness();

describe('initialize gate', () => {
  it('refuses every request before initialize with "Not initialized"', async () => {
    const server = await h.server();
    const client = h.connect(server);
    const err = await client.request('thread/list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({
      code: ErrorCode.NotInitialized,
      message: 'Not initialized',
      data: { reason: 'notInitialized' },
    });
    // Nothing was done: no thread exists afterwards either.
    await client.initialize();
    expect((await client.request('thread/list', {})).data).toEqual([]);
  });

  it('answers initialize with Codex-shaped server info', async () => {
    const server = await h.server();
    const client = h.connect(server);
    const result = await client.request('initialize', { clientInfo: { name: 'codex_vscode', version: '1.0.0' } });
    expect(result.codexHome).toBe(server.options.home);
    expect(result.platformFamily).toBe('unix');
    // Codex's form, carrying the Codex protocol version (clients compare it with a minimum) and
    // ending with the client's own name and version, as Codex's does.
    expect(result.userAgent).toMatch(/^tandem\/0\.169\.0 \([^;()]+; [^;()]+\) \S+ \(codex_vscode; 1\.0\.0\)$/);
    expect(result.tandem).toEqual({ version: '0.0.0-test', codexProtocolVersion: '0.169.0' });
  });

  it('refuses a second initialize with "Already initialized"', async () => {
    const server = await h.server();
    const client = await h.client(server);
    const err = await client
      .request('initialize', { clientInfo: { name: 'x', version: '1' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.AlreadyInitialized, message: 'Already initialized' });
  });

  it('gates each connection on its own', async () => {
    const server = await h.server();
    await h.client(server, 'first');
    const second = h.connect(server);
    await expect(second.request('thread/list', {})).rejects.toMatchObject({ code: ErrorCode.NotInitialized });
  });

  it('rejects initialize params that do not fit the schema with -32602 and the issues', async () => {
    const server = await h.server();
    const client = h.connect(server);
    const err = await client.request('initialize', { clientInfo: { name: 5 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: -32602, data: { reason: 'invalidParams' } });
    const issues = (err as RpcError).data as { issues: Array<{ path: string[] }> };
    expect(issues.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['clientInfo.name', 'clientInfo.version']),
    );
    // The failed initialize did not count: a proper one still works.
    await client.initialize();
  });

  it('sends no notifications the client opted out of', async () => {
    const server = await h.server();
    const quiet = await (async () => {
      const c = h.connect(server);
      await c.initialize('quiet', { optOutNotificationMethods: ['thread/started'] });
      return c;
    })();
    const loud = await h.client(server, 'loud');
    const { thread } = await loud.request('thread/start', {});
    await loud.notification('thread/started', (p) => (p.thread as { id: string }).id === thread.id);
    await quiet.request('thread/list', {}); // a round trip after the broadcast
    expect(quiet.notifications('thread/started')).toEqual([]);
  });
});

describe('backpressure', () => {
  it('answers requests beyond the in-flight bound with -32001 and serves again afterwards', async () => {
    const server = await h.server({ maxInFlightRequests: 3 });
    const client = await h.client(server);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.request('thread/start', {})));
    const rejected = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as { code: number; message: string }] : [],
    );
    const started = results.filter((r) => r.status === 'fulfilled').length;
    expect(started).toBeGreaterThanOrEqual(3);
    expect(rejected.length).toBeGreaterThan(0);
    for (const e of rejected)
      expect(e).toMatchObject({ code: ErrorCode.Overloaded, message: 'Server overloaded; retry later.' });
    // Every thread that was acknowledged exists; nothing else does.
    const listed = await client.request('thread/list', { limit: 100 });
    expect(listed.data).toHaveLength(started);
  });
});

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
