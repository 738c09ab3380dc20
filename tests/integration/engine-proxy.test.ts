/**
 * Web mode on another engine (issue 12, section 4), through the built CLI: settings.json's
 * `engine` sends each UI connection to that engine — here another Tandem app-server at a ws://
 * address, and (where installed) the real `codex app-server` — with Tandem's own settings
 * answered by this server, and Tandem's other extensions refused on Codex with a clear error.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnWsServer, type ServerProcess } from '../helpers/cli';
import { codexBinary, prepareCodexHome } from '../helpers/codex-peer';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { spawnWebMode } from '../helpers/serve';
import { connectWebSocket, RpcError, type TestClient } from '../helpers/test-client';

const h = useHarness();
const running: ServerProcess[] = [];
const clients: TestClient[] = [];
const fakes: FakeOpenAI[] = [];
const codexHomes: string[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  await Promise.all(codexHomes.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** `tandem serve` on a home whose settings choose `engine`, and a client on its WebSocket. */
async function webModeOn(
  engine: unknown,
  env: Record<string, string> = {},
): Promise<{ client: TestClient; home: string }> {
  const home = await h.tempDir('tandem-engine-home-');
  await writeFile(join(home, 'settings.json'), JSON.stringify({ engine }));
  const web = await spawnWebMode({ TANDEM_HOME: home, ...env });
  running.push(web);
  const client = await connectWebSocket(`ws://127.0.0.1:${web.port}/?token=${web.token}`);
  clients.push(client);
  return { client, home };
}

async function initialize(client: TestClient) {
  const result = await client.request('initialize', { clientInfo: { name: 'engine-proxy-test', version: '0.0.0' } });
  client.notify('initialized');
  return result;
}

const failure = async (p: Promise<unknown>): Promise<RpcError> => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof RpcError)) throw new Error(`expected a JSON-RPC error, got ${String(e)}`);
  return e;
};

describe('web mode on a remote engine', () => {
  it("sends the connection to the engine at the ws:// address, and answers Tandem's settings itself", async () => {
    const engineHome = await h.tempDir('tandem-remote-engine-');
    const engine = await spawnWsServer({ TANDEM_HOME: engineHome });
    running.push(engine);
    const { client, home } = await webModeOn({ kind: 'remote', url: engine.url });

    // The engine answers: its home is the remote server's, not this one's.
    const init = await initialize(client);
    expect(init.codexHome).toBe(engineHome);
    const cwd = await h.tempDir('tandem-engine-cwd-');
    const { thread } = await client.request('thread/start', { cwd });
    expect((await client.request('thread/list', {})).data.map((t) => t.id)).toEqual([thread.id]);

    // The engine choice is this server's setting: read here (the remote has no settings.json).
    const settings = await client.request('tandem/settings/read', {});
    expect(settings.engine).toEqual({ kind: 'remote', url: engine.url });
    // An engine this build cannot use is refused, and nothing is written.
    const bad = await failure(client.request('tandem/settings/write', { engine: { kind: 'remote', url: 'http://x' } }));
    expect(bad.code).toBe(-32602);
    expect(JSON.parse(await readFile(join(home, 'settings.json'), 'utf8'))).toEqual({
      engine: { kind: 'remote', url: engine.url },
    });
    await client.request('tandem/settings/write', { engine: { kind: 'builtin' } });
    expect(JSON.parse(await readFile(join(home, 'settings.json'), 'utf8'))).toMatchObject({
      engine: { kind: 'builtin' },
    });
    // Another Tandem answers its own extensions.
    expect((await client.request('tandem/folders/complete', { prefix: `${cwd}/` })).parent).toBe(cwd);
    expect(client.schemaProblems).toEqual([]);
  });

  it('falls back to the built-in server when the engine is unreachable, and says why in the settings', async () => {
    const { client, home } = await webModeOn({ kind: 'remote', url: 'ws://127.0.0.1:1/' });
    const init = await initialize(client);
    expect(init.codexHome).toBe(home);
    const settings = await client.request('tandem/settings/read', {});
    expect(settings.engineProblem).toMatch(/could not connect to ws:\/\/127\.0\.0\.1:1\//);
  });
});

describe('web mode on an engine command that is not an app server', () => {
  it('falls back to the built-in server when the engine exits before answering initialize', async () => {
    // `false app-server` starts, prints nothing and exits: the replayed initialize gets the built-in answer.
    const { client, home } = await webModeOn({ kind: 'codex', command: 'false' });
    const init = await initialize(client);
    expect(init.codexHome).toBe(home);
    const settings = await client.request('tandem/settings/read', {});
    expect(settings.engineProblem).toContain('stopped before answering initialize');
    expect((await client.request('thread/list', {})).data).toEqual([]);
  });

  it("closes the page's connection when the engine goes away mid-session (the page reconnects to a new one)", async () => {
    const engine = await spawnWsServer({ TANDEM_HOME: await h.tempDir('tandem-remote-engine-') });
    running.push(engine);
    const home = await h.tempDir('tandem-engine-home-');
    await writeFile(join(home, 'settings.json'), JSON.stringify({ engine: { kind: 'remote', url: engine.url } }));
    const web = await spawnWebMode({ TANDEM_HOME: home });
    running.push(web);
    const page = new WebSocket(`ws://127.0.0.1:${web.port}/?token=${web.token}`);
    await once(page, 'open');
    const answered = once(page, 'message');
    page.send(JSON.stringify({ id: 1, method: 'initialize', params: { clientInfo: { name: 'x', version: '0' } } }));
    expect(JSON.parse(String((await answered)[0]))).toMatchObject({ id: 1, result: { codexHome: expect.any(String) } });
    const closed = once(page, 'close');
    await engine.stop();
    await closed;
  });
});

const codex = codexBinary();
describe.skipIf(!codex)('web mode on the Codex engine', () => {
  it("proxies to `codex app-server`, refusing Tandem's other extensions with a clear error", async () => {
    const fake = await FakeOpenAI.start([]);
    fakes.push(fake);
    const codexHome = await prepareCodexHome(fake.baseURL, 'proxy');
    codexHomes.push(codexHome.home);
    const { client } = await webModeOn(
      { kind: 'codex', command: codex },
      { CODEX_HOME: codexHome.env.CODEX_HOME ?? '', FAKE_OPENAI_KEY: 'test-key' },
    );
    const init = await initialize(client);
    expect(init.userAgent).toMatch(/^engine-proxy-test\/0\.169\.0 /);
    expect(init.codexHome).toBe(codexHome.env.CODEX_HOME);

    const refused = await failure(client.request('tandem/folders/complete', { prefix: '/' }));
    expect(refused.code).toBe(-32601);
    expect(refused.message).toContain('tandem/folders/complete is a Tandem extension');
    expect(refused.message).toContain('Codex (`');
    expect(refused.data).toEqual({ reason: 'notOnThisEngine', method: 'tandem/folders/complete' });

    const settings = await client.request('tandem/settings/read', {});
    expect(settings.engine).toEqual({ kind: 'codex', command: codex });
    expect(settings.engineProblem ?? null).toBeNull();
  });
});

describe.skipIf(!codex)('web mode on Codex at a ws:// address', () => {
  it('proxies to `codex app-server --listen ws://…` like any Codex-compatible server', async () => {
    const fake = await FakeOpenAI.start([]);
    fakes.push(fake);
    const codexHome = await prepareCodexHome(fake.baseURL, 'proxy-ws');
    codexHomes.push(codexHome.home);
    const port = await freePort();
    const child = spawn(codex ?? '', ['app-server', '--listen', `ws://127.0.0.1:${port}`], {
      env: codexHome.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      await listening(port);
      const { client } = await webModeOn({ kind: 'remote', url: `ws://127.0.0.1:${port}` });
      const init = await initialize(client);
      expect(init.userAgent).toMatch(/\/0\.169\.0 /);
      const cwd = await h.tempDir('tandem-engine-cwd-');
      const { thread } = await client.request('thread/start', { cwd });
      expect(thread.cwd).toBe(cwd);
      expect(client.schemaProblems).toEqual([]);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});

/** A port free on loopback just now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Until something accepts connections on the port (the child started listening). */
async function listening(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

if (!codex) {
  describe('web mode on the Codex engine', () => {
    it.skip('skipped: the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)', () => {});
  });
}
