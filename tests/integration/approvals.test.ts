/**
 * Approvals: what each decision does (decline, cancel, acceptForSession, a denying network
 * amendment), when the policy asks, and a pending approval's life — the thread's
 * waitingOnApproval flag, clients that join while it waits (they are asked too), an interrupt that
 * withdraws it, and clients that leave (issue 9, items 1 and 12): a client that leaves decides
 * nothing; one that resumes the thread gets the same request again, after the thread/resume
 * response; only an answer, turn/interrupt or the server's shutdown ends it, and then nothing runs.
 * In-memory servers, and the built CLI's WebSocket for the clients that leave.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { itWithBwrap } from '../helpers/bwrap';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { TestClient, WireMessage } from '../helpers/test-client';
import { outsideDir, readOrNull, runTurn, sequence, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const execCall = (id: string, cmd: string, extra: Record<string, unknown> = {}) => ({
  outputs: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd, ...extra }, callId: id }],
});
const ok = { outputs: [{ type: 'message' as const, text: 'ok' }] };

describe('approval decisions', () => {
  it('goes on after a declined command and tells the model it was declined', async () => {
    const fake = await fakeModel([
      {
        outputs: [
          { type: 'function_call', name: 'exec_command', arguments: { cmd: 'rm -rf build' }, callId: 'call_rm' },
        ],
      },
      { outputs: [{ type: 'message', text: 'Understood, I left build alone.' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' }, { files: { 'build/x': 'keep' } });
    w.client.onServerRequest = () => ({ decision: 'decline' });
    const { turnId, completed } = await runTurn(w, 'clean up');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');
    expect(sequence(w.client, turnId)).toContain('item/completed:commandExecution:declined');
    expect(await readOrNull(join(w.cwd, 'build/x'))).toBe('keep');
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('declined');
  });

  it('interrupts the turn on a cancel decision, running nothing', async () => {
    const fake = await fakeModel([
      {
        outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch cancelled' }, callId: 'c' }],
      },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' });
    w.client.onServerRequest = () => ({ decision: 'cancel' });
    const { completed } = await runTurn(w, 'go');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('interrupted');
    expect(await readOrNull(join(w.cwd, 'cancelled'))).toBeNull();
    expect(fake.modelCalls).toHaveLength(1);
  });

  it('remembers acceptForSession for the same command only', async () => {
    const call = (id: string, cmd: string) => ({
      outputs: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd }, callId: id }],
    });
    const fake = await fakeModel([
      call('c1', 'touch one'),
      call('c2', 'touch one'),
      call('c3', 'touch two'),
      { outputs: [{ type: 'message', text: 'done' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' });
    const asked: string[] = [];
    w.client.onServerRequest = (_m, p) => {
      asked.push((p as { command: string }).command);
      return { decision: 'acceptForSession' };
    };
    await runTurn(w, 'touch things');
    expect(asked).toEqual(['touch one', 'touch two']);
  });

  // Needs the sandbox: without one the first run is already unsandboxed, and its approval rightly covers both.
  itWithBwrap(
    'never lets a session approval for a sandboxed run cover the same command outside the sandbox',
    async () => {
      const fake = await fakeModel([
        execCall('c1', 'touch a'),
        execCall('c2', 'touch a', { sandbox_permissions: 'require_escalated', justification: 'needs it' }),
        ok,
      ]);
      const w = await world(h, fake, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
      const asked: Array<string | undefined> = [];
      w.client.onServerRequest = (_m, p) => {
        asked.push((p as { reason?: string }).reason);
        return { decision: asked.length === 1 ? 'acceptForSession' : 'decline' };
      };
      await runTurn(w, 'go');
      expect(asked).toHaveLength(2);
      expect(asked[1]).toBe('needs it');
    },
  );

  it('treats a network amendment that denies as a decline', async () => {
    const fake = await fakeModel([execCall('c', 'touch denied'), ok]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' });
    w.client.onServerRequest = () => ({
      decision: { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'example.com', action: 'deny' } } },
    });
    await runTurn(w, 'go');
    expect(await readOrNull(join(w.cwd, 'denied'))).toBeNull();
  });
});

describe('when the policy asks', () => {
  it('runs known-safe commands without asking under untrusted, and asks for chained ones', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'ls' }, callId: 'call_ls' }] },
      {
        outputs: [
          { type: 'function_call', name: 'exec_command', arguments: { cmd: 'ls; touch pwned' }, callId: 'call_chain' },
        ],
      },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' }, { files: { 'a.txt': 'a' } });
    const asked: string[] = [];
    w.client.onServerRequest = (_m, p) => {
      asked.push((p as { command: string }).command);
      return { decision: 'decline' };
    };
    await runTurn(w, 'look around');
    expect(asked).toEqual(['ls; touch pwned']);
    expect(await readOrNull(join(w.cwd, 'pwned'))).toBeNull();
  });

  itWithBwrap('on-failure: offers to rerun outside the sandbox what the sandbox blocked', async () => {
    const target = join(await outsideDir(), 'made-outside');
    const fake = await fakeModel([
      {
        outputs: [
          { type: 'function_call', name: 'exec_command', arguments: { cmd: `mkdir -p ${target}` }, callId: 'c' },
        ],
      },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'on-failure', sandbox: 'workspace-write' });
    const reasons: string[] = [];
    w.client.onServerRequest = (_m, p) => {
      reasons.push((p as { reason: string }).reason);
      return { decision: 'accept' };
    };
    await runTurn(w, 'make it');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/without the sandbox/);
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('Process exited with code 0');
    const { rm } = await import('node:fs/promises');
    await rm(dirname(target), { recursive: true, force: true });
  });
});

describe('a pending approval', () => {
  it('shows waitingOnApproval while an approval is pending, then active, then idle', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch x' }, callId: 'c' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' });
    w.client.onServerRequest = () => ({ decision: 'accept' });
    await runTurn(w, 'go');
    const statuses = w.client
      .notifications('thread/status/changed')
      .map((m) => (m.params as { status: { type: string; activeFlags?: string[] } }).status);
    expect(statuses).toEqual([
      { type: 'active', activeFlags: [] },
      { type: 'active', activeFlags: ['waitingOnApproval'] },
      { type: 'active', activeFlags: [] },
      { type: 'idle' },
    ]);
  });

  it('asks a client that starts following the thread while an approval is pending', async () => {
    const fake = await fakeModel([execCall('c', 'touch joined'), ok]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' });
    w.client.onServerRequest = () => undefined; // the first client never answers
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'go' }],
    });
    await w.client.waitFor((m) => m.method === 'item/commandExecution/requestApproval');
    const late = await h.client(w.server, 'late');
    late.onServerRequest = () => ({ decision: 'accept' });
    await late.request('thread/resume', { threadId: w.threadId });
    await late.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect(await readOrNull(join(w.cwd, 'joined'))).toBe('');
    // Both clients are told the request is resolved.
    await w.client.notification('serverRequest/resolved');
  });

  it('withdraws a pending approval when the turn is interrupted, and runs nothing', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch late' }, callId: 'c' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' });
    let answer!: (v: unknown) => void;
    w.client.onServerRequest = () => new Promise((r) => (answer = r));
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'go' }],
    });
    const request = await w.client.waitFor((m) => m.method === 'item/commandExecution/requestApproval');
    await w.client.request('turn/interrupt', { threadId: w.threadId, turnId: turn.id });
    await w.client.notification('turn/completed');
    await w.client.notification('serverRequest/resolved', (p) => p.requestId === request.id);
    answer({ decision: 'accept' }); // too late: nothing may run
    await new Promise((r) => setTimeout(r, 200));
    expect(await readOrNull(join(w.cwd, 'late'))).toBeNull();
  });
});

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
    {
      outputs: [
        { type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch ran.txt' }, callId: 'call_touch' },
      ],
    },
    { outputs: [{ type: 'message', text: 'Touched it.' }] },
  ]);
  const home = await h.tempDir('tandem-home-');
  const cwd = await h.tempDir('tandem-ws-');
  // An empty HOME: commands run with `bash -lc`, and this machine's login profile can take seconds.
  const server = await spawnWsServer({
    TANDEM_HOME: home,
    HOME: await h.tempDir('tandem-user-'),
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-test',
  });
  servers.push(server);
  const first = await h.ws(server.url);
  await first.initialize('first');
  // Unsandboxed, so the test needs no bubblewrap; untrusted asks before `touch`.
  const { thread } = await first.request('thread/start', {
    cwd,
    approvalPolicy: 'untrusted',
    sandbox: 'danger-full-access',
  });
  await first.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'touch it' }] });
  const approval = await first.waitFor(isApproval);
  return { home, cwd, server, threadId: thread.id, first, approval };
}

describe('a pending approval when its client leaves', () => {
  it(
    'is sent again to a client that resumes the thread, after the response, and its answer runs the command',
    { timeout: 60_000 },
    async () => {
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
      const responseAt = second.received.findIndex(
        (m) => m.result !== undefined && (m.result as { thread?: unknown }).thread !== undefined,
      );
      expect(second.received.indexOf(again)).toBeGreaterThan(responseAt);

      second.sendRaw(JSON.stringify({ id: again.id, result: { decision: 'accept' } }));
      const done = await second.notification('turn/completed');
      expect((done.params as { turn: { status: string } }).turn.status).toBe('completed');
      expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(true);
      const command = second
        .notifications('item/completed')
        .map((m) => (m.params as { item: { type: string; status?: string } }).item)
        .find((i) => i.type === 'commandExecution');
      expect(command?.status).toBe('completed');
      await second.notification('serverRequest/resolved', (p) => p.requestId === again.id);
    },
  );

  it(
    'never runs the command when nobody comes back; the thread waits, and shutdown ends the turn with nothing run',
    { timeout: 60_000 },
    async () => {
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
      const restarted = await spawnWsServer({
        TANDEM_HOME: w.home,
        HOME: w.home,
        OPENAI_BASE_URL: fake?.baseURL ?? '',
        OPENAI_API_KEY: 'sk-test',
      });
      servers.push(restarted);
      const reader = await h.ws(restarted.url);
      await reader.initialize('reader');
      const { thread } = await reader.request('thread/read', { threadId: w.threadId, includeTurns: true });
      expect(thread.turns[0]?.status).toBe('interrupted');
      expect(thread.turns[0]?.items.some((i) => i.type === 'commandExecution' && i.status === 'completed')).toBe(false);
      expect(existsSync(join(w.cwd, 'ran.txt'))).toBe(false);
    },
  );

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

  // Issue 9: a client leaving is no decision. The approval stays pending (the thread waiting on
  // it) for the next client; nothing runs meanwhile, and an interrupt ends it with nothing run.
  it('runs nothing when the client leaves while an approval is pending, and keeps the approval for the next client', async () => {
    const fake = await fakeModel([
      {
        outputs: [
          {
            type: 'function_call',
            name: 'exec_command',
            arguments: { cmd: 'touch should-not-exist' },
            callId: 'call_x',
          },
        ],
      },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'untrusted' });
    let asked!: () => void;
    const wasAsked = new Promise<void>((r) => (asked = r));
    w.client.onServerRequest = () => {
      asked();
      return undefined; // never answers
    };
    const { turn } = await w.client.request('turn/start', {
      threadId: w.threadId,
      input: [{ type: 'text', text: 'touch it' }],
    });
    await wasAsked;
    await w.client.close();
    await expect.poll(() => w.server.connectionCount).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(w.server.registry.getLoaded(w.threadId)?.activeTurn).not.toBeNull();
    expect(w.server.registry.statusOf(w.threadId)).toEqual({ type: 'active', activeFlags: ['waitingOnApproval'] });
    expect(await readFile(join(w.cwd, 'should-not-exist')).catch(() => null)).toBeNull();

    const next = await h.client(w.server, 'next');
    await next.request('thread/resume', { threadId: w.threadId });
    await next.waitFor((m) => m.method === 'item/commandExecution/requestApproval' && m.id !== undefined);
    await next.request('turn/interrupt', { threadId: w.threadId, turnId: turn.id });
    await expect.poll(() => w.server.registry.getLoaded(w.threadId)?.activeTurn ?? null).toBeNull();
    expect(await readFile(join(w.cwd, 'should-not-exist')).catch(() => null)).toBeNull();
    const recorded = (await w.server.store.read(w.threadId))?.turns[0];
    expect(recorded?.status).toBe('interrupted');
  });
});
