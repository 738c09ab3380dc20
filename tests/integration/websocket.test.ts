import { afterEach, describe, expect, it } from 'vitest';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { useHarness } from '../helpers/harness';
import { upgradeStatus } from '../helpers/test-client';

const h = useHarness();
let server: WsServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('tandem app-server over WebSocket', () => {
  it('serves clients that present the token, each with its own initialize gate', async () => {
    server = await spawnWsServer({ TANDEM_HOME: await h.tempDir() });
    const a = await h.ws(server.url);
    const b = await h.ws(server.url, { Origin: `http://127.0.0.1:${server.port}` });
    await a.initialize('a');
    await expect(b.request('thread/list', {})).rejects.toMatchObject({ code: -32002 });
    await b.initialize('b');
    const { thread } = await a.request('thread/start', {});
    // Another client sees the new thread announced and listed.
    await b.notification('thread/started', (p) => (p.thread as { id: string }).id === thread.id);
    expect((await b.request('thread/list', {})).data.map((t) => t.id)).toEqual([thread.id]);
  });

  it('accepts the token as a bearer header too', async () => {
    server = await spawnWsServer({ TANDEM_HOME: await h.tempDir() });
    const url = `ws://127.0.0.1:${server.port}/`;
    expect(await upgradeStatus(url, { Authorization: `Bearer ${server.token}` })).toBe(101);
  });

  it('refuses an upgrade without the right token with 401', async () => {
    server = await spawnWsServer({ TANDEM_HOME: await h.tempDir() });
    const base = `ws://127.0.0.1:${server.port}/`;
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${'0'.repeat(32)}`)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${server.token.slice(0, -1)}`)).toBe(401);
  });

  it('refuses a foreign browser Origin or Host with 403, even with the token', async () => {
    server = await spawnWsServer({ TANDEM_HOME: await h.tempDir() });
    expect(await upgradeStatus(server.url, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(server.url, { Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(server.url, { Host: `attacker.example:${server.port}` })).toBe(403);
    expect(await upgradeStatus(server.url, { Origin: `http://localhost:${server.port}` })).toBe(101);
  });

  it('answers a malformed frame with its error and keeps the socket', async () => {
    server = await spawnWsServer({ TANDEM_HOME: await h.tempDir() });
    const client = await h.ws(server.url);
    client.sendRaw('{not json');
    await expect(client.waitFor((m) => m.id === null)).resolves.toMatchObject({ error: { code: -32700 } });
    await client.initialize();
    expect((await client.request('thread/list', {})).data).toEqual([]);
  });
});
