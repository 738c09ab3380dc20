/** Test helpers for turns: a workspace, a server on a fake model, and running a turn to its end. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import type { AppServer } from '../../main/server/app-server';
import { FakeOpenAI, type FakeOpenAIOptions, type ScriptedCall } from './fake-openai';
import type { Harness, TestServerOptions } from './harness';
import type { TestClient, WireMessage } from './test-client';

export interface TurnWorld {
  fake: FakeOpenAI;
  server: AppServer;
  client: TestClient;
  cwd: string;
  threadId: string;
}

/** Fake model servers close after each test. */
export function useFakes(): (
  script: ScriptedCall[] | ((req: never, i: number) => ScriptedCall),
  options?: FakeOpenAIOptions,
) => Promise<FakeOpenAI> {
  const fakes: FakeOpenAI[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });
  return async (script, options) => {
    const fake = await FakeOpenAI.start(script as ScriptedCall[], options);
    fakes.push(fake);
    return fake;
  };
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

export const readOrNull = (path: string): Promise<string | null> => readFile(path, 'utf8').catch(() => null);

/** A server on `fake`, an initialized client, and a thread in a fresh workspace. */
export async function world(
  h: Harness,
  fake: FakeOpenAI,
  thread: Record<string, unknown> = {},
  options: TestServerOptions & { wireApi?: 'responses' | 'chat'; files?: Record<string, string> } = {},
): Promise<TurnWorld> {
  const { wireApi, files, ...rest } = options;
  const cwd = await h.tempDir('tandem-ws-');
  await writeFiles(cwd, files ?? {});
  const server = await h.server({
    modelEnv: {
      OPENAI_API_KEY: 'sk-test-secret',
      OPENAI_BASE_URL: fake.baseURL,
      TANDEM_WIRE_API: wireApi ?? 'responses',
    },
    ...rest,
  });
  const client = await h.client(server);
  const res = await client.request('thread/start', { cwd, ...thread });
  return { fake, server, client, cwd, threadId: res.thread.id };
}

/** Start a turn and wait for its turn/completed; returns the completion's turn. */
export async function runTurn(
  w: TurnWorld,
  text: string,
  extra: Record<string, unknown> = {},
): Promise<{ turnId: string; completed: WireMessage }> {
  const { turn } = await w.client.request('turn/start', {
    threadId: w.threadId,
    input: [{ type: 'text', text }],
    ...extra,
  });
  const completed = await w.client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
  return { turnId: turn.id, completed };
}

/** The methods (and item types) the client received for one turn, in order, runs of deltas collapsed. */
export function sequence(client: TestClient, turnId: string): string[] {
  const out: string[] = [];
  for (const m of client.received) {
    const p = (m.params ?? {}) as { turnId?: string; turn?: { id: string }; item?: { type: string; status?: string } };
    if (!m.method) continue;
    if (m.method !== 'serverRequest/resolved' && p.turnId !== turnId && p.turn?.id !== turnId) continue;
    const status = p.item?.status && m.method === 'item/completed' ? `:${p.item.status}` : '';
    const label = p.item ? `${m.method}:${p.item.type}${status}` : m.method;
    if (/[dD]elta$/.test(label) && out.at(-1) === label) continue;
    out.push(label);
  }
  return out;
}

/**
 * A scratch folder outside /tmp (which workspace-write leaves writable, as Codex does) and outside
 * the project, for checking that the sandbox keeps commands in: /var/tmp, else the home folder.
 */
export async function outsideDir(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises');
  const { homedir } = await import('node:os');
  const { existsSync } = await import('node:fs');
  const base = existsSync('/var/tmp') ? '/var/tmp' : homedir();
  return mkdtemp(join(base, 'tandem-outside-'));
}
