/**
 * A pending approval outlives the clients that were asked (issue 9, items 1 and 12), over the
 * built CLI's WebSocket: a client that leaves decides nothing; one that resumes the thread gets
 * the same request again, after the thread/resume response; only an answer, turn/interrupt or
 * the server's shutdown ends it — and then nothing runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { TestClient, WireMessage } from '../helpers/test-client';

const h = useHarness();
const servers: WsServerProcess[] = [];
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await fake?.close();
  fake = undefined;
});

const APPROVAL = 'item/commandExecution/requestApproval';
const isApproval = (m: WireMessage): boolean => m.method === APPROVAL && m.id !== undefined;

interface World {
  home: string;
  cwd: string;
  server: WsServerProcess;
  threadId: string;
  first: TestClient;
  approval: WireMessage;
}

/** A server on a fake model whose first call runs `touch ran.txt`; a client starts the turn and is asked. */
async function askedOnce(): Promise<World> {
  fake = await FakeOpenAI.start([
    { outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch ran.txt' }, callId: 'call_touch' }] },
    { outputs: [{ type: 'message', text: 'Touched it.' }] },
  ]);
  const home = await h.tempDir('tandem-home-');
  const cwd = await h.tempDir('tandem-ws-');
  // An empty HOME: commands run with `bash -lc`, and this machine's login profile can take seconds.
  const server = await spawnWsServer({ TANDEM_HOME: home, HOME: await h.tempDir('tandem-user-'), OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-test' });
  servers.push(server);
  const first = await h.ws(server.url);
  await first.initialize('first');
  // Unsandboxed, so the test needs no bubblewrap; untrusted asks before `touch`.
  const { thread } = await first.request('thread/start', { cwd, approvalPolicy: 'untrusted', sandbox: 'danger-full-access' });
  await first.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'touch it' }] });
  const approval = await first.waitFor(isApproval);
  return { home, cwd, server, threadId: thread.id, first, approval };
}

describe('a pending approval when its client leaves', () => {
  it('is sent again to a client that resumes the thread, after the response, and its answer runs the command', { timeout: 60_000 }, async () => {
    const w = await askedOnce();
    await w.first.close();
    await sleep(300); // the server has seen the socket close
    expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(false);

    const second = await h.ws(w.server.url);
    await second.initialize('second');
    const resumed = await second.request('thread/resume', { threadId: w.threadId });
    expect(resumed.thread.status).toEqual({ type: 'active', activeFlags: ['waitingOnApproval'] });
    const again = await second.waitFor(isApproval);
    // The same request (same item, same command), after the resume response.
    expect(again.params).toEqual(w.approval.params);
    const responseAt = second.received.findIndex((m) => m.result !== undefined && (m.result as { thread?: unknown }).thread !== undefined);
    expect(second.received.indexOf(again)).toBeGreaterThan(responseAt);

    second.sendRaw(JSON.stringify({ id: again.id, result: { decision: 'accept' } }));
    const done = await second.notification('turn/completed');
    expect((done.params as { turn: { status: string } }).turn.status).toBe('completed');
    expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(true);
    const command = second.notifications('item/completed').map((m) => (m.params as { item: { type: string; status?: string } }).item).find((i) => i.type === 'commandExecution');
    expect(command?.status).toBe('completed');
    await second.notification('serverRequest/resolved', (p) => p.requestId === again.id);
  });

  it('never runs the command when nobody comes back; the thread waits, and shutdown ends the turn with nothing run', { timeout: 60_000 }, async () => {
    const w = await askedOnce();
    await w.first.close();
    await sleep(1_000);
    expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(false);
    // Another client that only lists sees the thread still waiting for an answer.
    const lister = await h.ws(w.server.url);
    await lister.initialize('lister');
    const listed = (await lister.request('thread/list', {})).data.find((t) => t.id === w.threadId);
    expect(listed?.status).toEqual({ type: 'active', activeFlags: ['waitingOnApproval'] });
    expect(lister.received.some(isApproval)).toBe(false); // not following the thread: not asked
    await lister.close();

    await w.server.stop();
    expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(false);
    const restarted = await spawnWsServer({ TANDEM_HOME: w.home, HOME: w.home, OPENAI_BASE_URL: fake?.baseURL ?? '', OPENAI_API_KEY: 'sk-test' });
    servers.push(restarted);
    const reader = await h.ws(restarted.url);
    await reader.initialize('reader');
    const { thread } = await reader.request('thread/read', { threadId: w.threadId, includeTurns: true });
    expect(thread.turns[0]?.status).toBe('interrupted');
    expect(thread.turns[0]?.items.some((i) => i.type === 'commandExecution' && i.status === 'completed')).toBe(false);
    expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(false);
  });

  it('ends with turn/interrupt from a client that resumed, and nothing runs', async () => {
    const w = await askedOnce();
    await w.first.close();
    const second = await h.ws(w.server.url);
    await second.initialize('second');
    await second.request('thread/resume', { threadId: w.threadId });
    const again = await second.waitFor(isApproval);
    const turnId = (again.params as { turnId: string }).turnId;
    await second.request('turn/interrupt', { threadId: w.threadId, turnId });
    const done = await second.notification('turn/completed');
    expect((done.params as { turn: { status: string } }).turn.status).toBe('interrupted');
    await second.notification('serverRequest/resolved', (p) => p.requestId === again.id);
    expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(false);
  });
});
