/**
 * Per-test resources that clean up after themselves: temp folders, in-memory servers, clients.
 * After each test every client's schema problems must be empty: each message the server sent
 * during the test validated against the Codex schema.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { createLinkedChannels } from '../../protocol/rpc/memory';
import { frameTransport } from '../../protocol/rpc/frames';
import { AppServer } from '../../main/server/app-server';
import { silentLogger, type Logger } from '../../main/server/log';
import { DEFAULT_THREAD_SETTINGS, type ServerOptions } from '../../main/server/options';
import { defaultModelFactory } from '../../main/model/factory';
import { connectWebSocket, spawnStdio, TestClient, type StdioClient } from './test-client';

/** What the server logs when the read-only command classifier cannot load (main/agent/command-tool.ts). */
export const CLASSIFIER_FAULT = 'the read-only command classifier could not load';

/** Server options for tests; `modelEnv` stands in for OPENAI_* variables (e.g. a fake server's URL). */
export type TestServerOptions = Partial<ServerOptions> & { modelEnv?: Record<string, string> };

export interface Harness {
  tempDir(prefix?: string): Promise<string>;
  server(options?: TestServerOptions): Promise<AppServer>;
  /** A client connected to `server` over an in-memory pair. */
  connect(server: AppServer): TestClient;
  /** Connect and initialize. */
  client(server: AppServer, name?: string): Promise<TestClient>;
  stdio(env: Record<string, string>, args?: string[]): StdioClient;
  ws(url: string, headers?: Record<string, string>): Promise<TestClient>;
}

export function useHarness(): Harness {
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  const stdioClients: StdioClient[] = [];
  const servers: AppServer[] = [];

  afterEach(async () => {
    const problems = clients.flatMap((c) => c.schemaProblems);
    await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
    // A built CLI whose read-only classifier cannot load fails closed and only says so in its
    // log: no test that ran one may pass over that.
    const faults = stdioClients.splice(0).flatMap((c) =>
      c.stderr
        .join('')
        .split('\n')
        .filter((l) => l.includes(CLASSIFIER_FAULT)),
    );
    await Promise.all(servers.splice(0).map((s) => s.dispose()));
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
    expect(problems, 'every server message validates against the Codex schema').toEqual([]);
    expect(faults, 'the CLI logged that its command classifier could not load').toEqual([]);
  });

  const tempDir = async (prefix = 'tandem-test-'): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };

  const connect = (server: AppServer): TestClient => {
    const [clientSide, serverSide] = createLinkedChannels();
    server.connect(frameTransport(serverSide, { stampNotifications: true }));
    const client = new TestClient(
      (text) => void clientSide.send(text).catch(() => undefined),
      async () => clientSide.close(),
    );
    clientSide.onFrame((frame) => {
      if (typeof frame === 'string') client.receive(frame);
    });
    clients.push(client);
    return client;
  };

  return {
    tempDir,
    async server(options = {}) {
      const { modelEnv, ...rest } = options;
      const home = rest.home ?? (await tempDir('tandem-home-'));
      const log: Logger = rest.log ?? silentLogger;
      const server = new AppServer({
        home,
        version: '0.0.0-test',
        log,
        defaults: DEFAULT_THREAD_SETTINGS,
        defaultCwd: rest.defaultCwd ?? home,
        // Never the real network: without a fake server, model calls go to a closed port.
        createModel: defaultModelFactory(
          home,
          modelEnv ?? { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
        ),
        env: modelEnv ?? { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
        retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50 },
        ...rest,
      });
      servers.push(server);
      return server;
    },
    connect,
    async client(server, name) {
      const client = connect(server);
      await client.initialize(name);
      return client;
    },
    stdio(env, args) {
      const client = spawnStdio(env, args);
      clients.push(client);
      stdioClients.push(client);
      return client;
    },
    async ws(url, headers) {
      const client = await connectWebSocket(url, headers);
      clients.push(client);
      return client;
    },
  };
}
