import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/rpc/errors';
import { useHarness } from '../../helpers/harness';
import { RpcError } from '../../helpers/test-client';

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
    expect(result.userAgent).toMatch(/^tandem\/0\.0\.0-test /);
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
