/**
 * The thread methods a Codex client calls on its first screens, through the BUILT CLI: items a
 * page at a time, loaded threads, unsubscribing (and the unload that follows), deleting, stored
 * metadata, and the user's own shell command (thread/list: thread-list.test.ts).
 */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { TestClient, WireMessage } from '../helpers/test-client';

const h = useHarness();
let ws: WsServerProcess | undefined;
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await ws?.stop();
  ws = undefined;
  await fake?.close();
  fake = undefined;
});

const ids = (page: { data: Array<{ id: string }> }): string[] => page.data.map((t) => t.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait for the turn with this id to complete. */
const turnCompleted = (c: TestClient, turnId?: string): Promise<WireMessage> =>
  c.notification('turn/completed', (p) => turnId === undefined || (p.turn as { id: string }).id === turnId);

describe('thread/shellCommand and thread/items/list', () => {
  it("runs the user's command as a userShell item in a turn of its own, and the model sees it next turn", async () => {
    fake = await FakeOpenAI.start([
      { outputs: [{ type: 'message', text: 'hello there' }] },
      { outputs: [{ type: 'message', text: 'seen it' }] },
    ]);
    const cwd = await h.tempDir('work-');
    const key = 'sk-user-shell-secret-0123456789abcdef';
    await writeFile(join(cwd, 'marker.txt'), `marker-content-42 ${key}\n`);
    const client = h.stdio({ TANDEM_HOME: await h.tempDir(), OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: key });
    await client.initialize('codex-client');
    const { thread } = await client.request('thread/start', { cwd });
    const { turn: first } = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'hi' }],
    });
    await turnCompleted(client, first.id);

    await expect(client.request('thread/shellCommand', { threadId: thread.id, command: '   ' })).rejects.toMatchObject({
      code: -32602,
    });
    expect(
      await client.request('thread/shellCommand', { threadId: thread.id, command: 'cat marker.txt; pwd' }),
    ).toEqual({});
    const started = await client.notification(
      'item/started',
      (p) => (p.item as ThreadItem).type === 'commandExecution',
    );
    const item = (started.params as { item: ThreadItem; turnId: string }).item;
    expect(item).toMatchObject({ type: 'commandExecution', source: 'userShell', status: 'inProgress', cwd });
    const shellTurn = (started.params as { turnId: string }).turnId;
    expect(shellTurn).not.toBe(first.id);
    const completed = await client.notification('item/completed', (p) => (p.item as ThreadItem).id === item.id);
    expect((completed.params as { item: ThreadItem }).item).toMatchObject({
      source: 'userShell',
      status: 'completed',
      exitCode: 0,
      aggregatedOutput: expect.stringContaining('marker-content-42'),
    });
    const delta = await client.notification('item/commandExecution/outputDelta', (p) => p.itemId === item.id);
    expect((delta.params as { delta: string }).delta).toContain('marker-content-42');
    const ended = await turnCompleted(client, shellTurn);
    expect((ended.params as { turn: { status: string; items: ThreadItem[] } }).turn).toMatchObject({
      status: 'completed',
      items: [expect.objectContaining({ id: item.id })],
    });
    // A turn/started came first, and the status went active and back to idle.
    expect(client.notifications('turn/started').map((m) => (m.params as { turn: { id: string } }).turn.id)).toContain(
      shellTurn,
    );

    // The next turn tells the model what the user ran and what it printed.
    const { turn: next } = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'did you see?' }],
    });
    await turnCompleted(client, next.id);
    const told = JSON.stringify(fake.modelCalls[1]?.body);
    expect(told).toContain('user_shell_command');
    expect(told).toContain('marker-content-42');
    // The endpoint's key, printed by the command, reached neither the model nor a client.
    expect(told).not.toContain(key);
    expect(JSON.stringify(client.received)).not.toContain(key);

    // Items across the thread: 2 + 1 + 2, a page of 2 at a time, then back.
    const all: string[] = [];
    let cursor: string | null | undefined = null;
    const pages: Array<{ nextCursor?: string | null; backwardsCursor?: string | null; data: unknown[] }> = [];
    do {
      const page: {
        data: Array<{ item: { type: string }; turnId: string }>;
        nextCursor?: string | null;
        backwardsCursor?: string | null;
      } = await client.request('thread/items/list', { threadId: thread.id, limit: 2, cursor });
      pages.push(page);
      all.push(...page.data.map((e) => `${e.turnId === shellTurn ? 'shell' : 'turn'}:${e.item.type}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual([
      'turn:userMessage',
      'turn:agentMessage',
      'shell:commandExecution',
      'turn:userMessage',
      'turn:agentMessage',
    ]);
    expect(pages).toHaveLength(3);
    const back = await client.request('thread/items/list', {
      threadId: thread.id,
      limit: 2,
      sortDirection: 'desc',
      cursor: pages[1]?.backwardsCursor,
    });
    expect(back.data.map((e) => e.item.type)).toEqual(['commandExecution', 'agentMessage']);
    const back2 = await client.request('thread/items/list', {
      threadId: thread.id,
      limit: 2,
      sortDirection: 'desc',
      cursor: back.nextCursor,
    });
    expect(back2.data.map((e) => e.item.type)).toEqual(['userMessage']);
    expect(back2.nextCursor).toBeNull();
    // One turn only, starting after an item of it.
    const firstTurnItems = await client.request('thread/items/list', { threadId: thread.id, turnId: first.id });
    const [question] = firstTurnItems.data;
    const afterQuestion = await client.request('thread/items/list', {
      threadId: thread.id,
      turnId: first.id,
      cursor: { type: 'item', itemId: question!.item.id },
    });
    expect(afterQuestion.data.map((e) => e.item.type)).toEqual(['agentMessage']);
    // And the stored thread shows the shell turn with its item.
    const read = await client.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread.turns.find((t) => t.id === shellTurn)?.items).toEqual([
      expect.objectContaining({ type: 'commandExecution', source: 'userShell' }),
    ]);
  }, 60_000);
});

describe('thread/shellCommand during a turn', () => {
  it('joins the running turn, as in Codex, and the next model call is told', async () => {
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    fake = await FakeOpenAI.start([
      { outputs: [{ type: 'message', text: 'working on it now' }], pauses: [{ afterEvents: 2, until: paused }] },
      { outputs: [{ type: 'message', text: 'next' }] },
    ]);
    const cwd = await h.tempDir('work-');
    const client = h.stdio({ TANDEM_HOME: await h.tempDir(), OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-t' });
    await client.initialize('codex-client');
    const { thread } = await client.request('thread/start', { cwd });
    const { turn } = await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
    while (fake.modelCalls.length === 0) await sleep(20);
    await client.request('thread/shellCommand', { threadId: thread.id, command: 'echo joined-output' });
    const done = await client.notification('item/completed', (p) => (p.item as ThreadItem).type === 'commandExecution');
    const { turnId, item } = done.params as { turnId: string; item: ThreadItem };
    expect(turnId).toBe(turn.id);
    expect(item).toMatchObject({ source: 'userShell', status: 'completed', aggregatedOutput: 'joined-output\n' });
    // No turn of its own was started for it.
    expect(client.notifications('turn/started')).toHaveLength(1);
    release();
    await turnCompleted(client, turn.id);
    const read = await client.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread.turns.map((t) => t.items.map((i) => i.type))).toEqual([
      expect.arrayContaining(['userMessage', 'commandExecution', 'agentMessage']),
    ]);
    const { turn: next } = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'and?' }],
    });
    await turnCompleted(client, next.id);
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('joined-output');
  }, 60_000);
});

describe('thread/shellCommand and thread/delete', () => {
  it('stops a user command in a turn of its own on turn/interrupt', async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir() });
    await client.initialize('codex-client');
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir('work-') });
    await client.request('thread/shellCommand', { threadId: thread.id, command: 'echo started; sleep 300' });
    const delta = await client.notification('item/commandExecution/outputDelta', (p) => p.threadId === thread.id);
    const turnId = (delta.params as { turnId: string }).turnId;
    // The command sleeps far beyond the test's time: the turn ends only if it was stopped.
    expect(await client.request('turn/interrupt', { threadId: thread.id, turnId })).toEqual({});
    const ended = await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turnId);
    expect((ended.params as { turn: { status: string } }).turn.status).toBe('interrupted');
    await expect(client.request('turn/interrupt', { threadId: thread.id, turnId })).rejects.toMatchObject({
      code: -32005,
    });
  }, 30_000);

  it('stops a long user command when its thread is deleted', async () => {
    const home = await h.tempDir();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('codex-client');
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir('work-') });
    await client.request('thread/shellCommand', { threadId: thread.id, command: 'echo started; sleep 300' });
    await client.notification('item/commandExecution/outputDelta', (p) => p.threadId === thread.id);
    // The command sleeps far beyond the test's time: the delete answers only once it was stopped.
    expect(await client.request('thread/delete', { threadId: thread.id })).toEqual({});
    const ended = await client.notification('turn/completed', (p) => p.threadId === thread.id);
    expect((ended.params as { turn: { items: ThreadItem[] } }).turn.items).toEqual([
      expect.objectContaining({ source: 'userShell', status: 'failed' }),
    ]);
    await client.notification('thread/deleted', (p) => p.threadId === thread.id);
    expect(existsSync(join(home, 'threads', `${thread.id}.jsonl`))).toBe(false);
  }, 30_000);
});

describe('thread/loaded/list, thread/unsubscribe, thread/delete', () => {
  it('pages the loaded thread ids', async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir() });
    await client.initialize('codex-client');
    const a = (await client.request('thread/start', {})).thread.id;
    const b = (await client.request('thread/start', {})).thread.id;
    const c = (await client.request('thread/start', {})).thread.id;
    const sorted = [a, b, c].sort();
    const p1 = await client.request('thread/loaded/list', { limit: 2 });
    expect(p1.data).toEqual(sorted.slice(0, 2));
    const p2 = await client.request('thread/loaded/list', { limit: 2, cursor: p1.nextCursor });
    expect(p2).toEqual({ data: sorted.slice(2), nextCursor: null });
    expect((await client.request('thread/loaded/list', {})).data).toEqual(sorted);
  });

  it('stops notifications to a client that unsubscribed; the last one leaving unloads the thread (thread/closed)', async () => {
    fake = await FakeOpenAI.start(() => ({ outputs: [{ type: 'message', text: 'ok' }] }));
    ws = await spawnWsServer({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-t',
      TANDEM_THREAD_UNLOAD_DELAY_MS: '300',
    });
    const a = await h.ws(ws.url);
    const b = await h.ws(ws.url);
    await a.initialize('a');
    await b.initialize('b');
    const { thread } = await a.request('thread/start', {});
    await b.request('thread/resume', { threadId: thread.id });

    expect(await b.request('thread/unsubscribe', { threadId: thread.id })).toEqual({ status: 'unsubscribed' });
    expect(await b.request('thread/unsubscribe', { threadId: thread.id })).toEqual({ status: 'notSubscribed' });
    const { turn } = await a.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi' }] });
    await turnCompleted(a, turn.id);
    await sleep(100);
    // b still gets what every sidebar gets (status), but nothing of the thread's turn.
    expect(b.notifications('turn/started')).toEqual([]);
    expect(b.notifications('item/completed')).toEqual([]);
    expect(b.notifications('turn/completed')).toEqual([]);
    expect(b.notifications('thread/status/changed').length).toBeGreaterThan(0);

    // a was following it still: nothing is unloaded until a leaves too.
    await sleep(500);
    expect((await a.request('thread/loaded/list', {})).data).toEqual([thread.id]);
    expect(await a.request('thread/unsubscribe', { threadId: thread.id })).toEqual({ status: 'unsubscribed' });
    const closed = await b.notification('thread/closed', (p) => p.threadId === thread.id);
    expect(closed.params).toEqual({ threadId: thread.id });
    await a.notification('thread/closed', (p) => p.threadId === thread.id);
    expect((await a.request('thread/loaded/list', {})).data).toEqual([]);
    expect(await a.request('thread/unsubscribe', { threadId: thread.id })).toEqual({ status: 'notLoaded' });
    const listed = (await b.request('thread/list', {})).data.find((t) => t.id === thread.id);
    expect(listed?.status).toEqual({ type: 'notLoaded' });
    // Resumed again, it is loaded from disk with its turn.
    const resumed = await b.request('thread/resume', { threadId: thread.id });
    expect(resumed.thread.turns.map((t) => t.id)).toEqual([turn.id]);
    // As in Codex: an unknown but well-formed id is merely not loaded; a malformed one is refused.
    expect(await a.request('thread/unsubscribe', { threadId: 'no-such-thread' })).toEqual({ status: 'notLoaded' });
    await expect(a.request('thread/unsubscribe', { threadId: '../not a thread' })).rejects.toMatchObject({
      code: -32004,
    });
  }, 30_000);

  it('unloads a thread whose last client disconnected, after the delay', async () => {
    ws = await spawnWsServer({ TANDEM_HOME: await h.tempDir(), TANDEM_THREAD_UNLOAD_DELAY_MS: '300' });
    const leaving = await h.ws(ws.url);
    const watcher = await h.ws(ws.url);
    await leaving.initialize('leaving');
    await watcher.initialize('watcher');
    const { thread } = await leaving.request('thread/start', {});
    expect((await watcher.request('thread/loaded/list', {})).data).toEqual([thread.id]);
    await leaving.close();
    await watcher.notification('thread/closed', (p) => p.threadId === thread.id);
    expect((await watcher.request('thread/loaded/list', {})).data).toEqual([]);
    expect(ids(await watcher.request('thread/list', {}))).toEqual([thread.id]);
  }, 30_000);

  it('deletes a thread: its file gone, unlisted, announced with thread/deleted; a running turn is stopped first', async () => {
    const release = (() => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    })();
    fake = await FakeOpenAI.start(() => ({
      outputs: [{ type: 'message', text: 'a long answer that takes a while' }],
      pauses: [{ afterEvents: 2, until: release.promise }],
    }));
    const home = await h.tempDir();
    ws = await spawnWsServer({ TANDEM_HOME: home, OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-t' });
    const a = await h.ws(ws.url);
    const b = await h.ws(ws.url);
    await a.initialize('a');
    await b.initialize('b');
    const keep = (await a.request('thread/start', {})).thread.id;
    const { thread } = await a.request('thread/start', {});
    const file = join(home, 'threads', `${thread.id}.jsonl`);
    expect(existsSync(file)).toBe(true);
    const { turn } = await a.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi' }] });
    // The model is answering (its stream paused) when the thread is deleted.
    await a.notification('turn/started', (p) => (p.turn as { id: string }).id === turn.id);
    while (fake.modelCalls.length === 0) await sleep(20);

    expect(await a.request('thread/delete', { threadId: thread.id })).toEqual({});
    release.resolve();
    await b.notification('thread/deleted', (p) => p.threadId === thread.id);
    // As with Codex: shown unloaded, then deleted.
    const order = b.received
      .filter((m) => (m.params as { threadId?: string } | undefined)?.threadId === thread.id)
      .map((m) =>
        m.method === 'thread/status/changed'
          ? `status:${(m.params as { status: { type: string } }).status.type}`
          : m.method,
      );
    expect(order.slice(-2)).toEqual(['status:notLoaded', 'thread/deleted']);
    await a.notification('thread/deleted', (p) => p.threadId === thread.id);
    // The turn was interrupted before the thread went.
    const ended = await a.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect((ended.params as { turn: { status: string } }).turn.status).toBe('interrupted');
    expect(existsSync(file)).toBe(false);
    expect((await readdir(join(home, 'threads'))).filter((n) => n.includes(thread.id))).toEqual([]);
    expect(ids(await b.request('thread/list', {}))).toEqual([keep]);
    expect((await b.request('thread/loaded/list', {})).data).toEqual([keep]);
    await expect(b.request('thread/read', { threadId: thread.id })).rejects.toMatchObject({ code: -32004 });
    await expect(b.request('thread/delete', { threadId: thread.id })).rejects.toMatchObject({ code: -32004 });
    await ws.stop();

    // Gone for a new server too (the index does not bring it back).
    const again = h.stdio({ TANDEM_HOME: home });
    await again.initialize('codex-client');
    expect(ids(await again.request('thread/list', {}))).toEqual([keep]);
    // An ephemeral thread has nothing on disk to delete.
    const { thread: eph } = await again.request('thread/start', { ephemeral: true });
    await expect(again.request('thread/delete', { threadId: eph.id })).rejects.toMatchObject({ code: -32602 });
  }, 30_000);
});
