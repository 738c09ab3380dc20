import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { useHarness } from '../helpers/harness';
import { fullTurnScript, INITIAL_FILES } from '../helpers/scenario';
import { readOrNull, useFakes, writeFiles } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

const completedItems = (messages: Array<{ method?: string; params?: unknown }>): ThreadItem[] =>
  messages.filter((m) => m.method === 'item/completed').map((m) => (m.params as { item: ThreadItem }).item);

describe('tandem app-server over stdio', () => {
  it('answers initialize, thread/start, thread/list and thread/read, with only protocol on stdout', async () => {
    const home = await h.tempDir();
    const cwd = await h.tempDir();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize();
    const { thread } = await client.request('thread/start', { cwd });
    const listed = await client.request('thread/list', {});
    expect(listed.data.map((t) => t.id)).toEqual([thread.id]);
    const read = await client.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread).toMatchObject({ id: thread.id, cwd, turns: [] });
    await client.notification('thread/started');
    // Anything on stdout that is not a protocol message shows up as a schema problem, which
    // the harness fails the test on.
    const notes = client.received.filter((m) => m.method !== undefined);
    for (const n of notes) expect(typeof n.emittedAtMs).toBe('number');
  });

  it('exits cleanly when stdin closes, after answering what it received', async () => {
    const home = await h.tempDir();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize();
    const pending = client.request('thread/start', {});
    client.child.stdin.end();
    const [code] = (await once(client.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    await expect(pending).resolves.toMatchObject({ thread: { status: { type: 'idle' } } });
  });

  it('sends what a piped session is owed, announcements included, before exiting', async () => {
    const home = await h.tempDir();
    const client = h.stdio({ TANDEM_HOME: home });
    void client.requestRaw({ id: 1, method: 'initialize', params: { clientInfo: { name: 'pipe', version: '1' } } });
    client.notify('initialized');
    void client.requestRaw({ id: 2, method: 'thread/start', params: {} });
    const outputClosed = once(client.child.stdout, 'close');
    client.child.stdin.end();
    const [code] = (await once(client.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    await outputClosed;
    expect(client.received.map((m) => m.method ?? `response ${String(m.id)}`)).toEqual([
      'response 1',
      'response 2',
      'thread/started',
    ]);
  });

  it('prints usage and exits 2 on a bad --listen', async () => {
    const home = await h.tempDir();
    for (const listen of ['ws://0.0.0.0:0', 'http://127.0.0.1:1', 'nonsense']) {
      const client = h.stdio({ TANDEM_HOME: home }, ['--listen', listen]);
      const [code] = (await once(client.child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(client.stderr.join('')).toMatch(/--listen/);
    }
  });
});

describe('a turn over stdio against the built CLI', () => {
  it('asks the client for approvals and applies the answers', async () => {
    const fake = await fakeModel(fullTurnScript());
    const cwd = await h.tempDir('tandem-ws-');
    await writeFiles(cwd, INITIAL_FILES);
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-stdio',
    });
    const decisions = ['accept', 'decline'];
    client.onServerRequest = () => ({ decision: decisions.shift() });
    await client.initialize();
    const { thread } = await client.request('thread/start', { cwd, approvalPolicy: 'untrusted' });
    await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
    await client.notification('turn/completed');
    expect(await readOrNull(join(cwd, 'log.txt'))).toBe('started\n'); // the accepted command ran
    expect(await readOrNull(join(cwd, 'hello.txt'))).toBe('hello\nworld\n'); // the declined patch did not
    expect(await readOrNull(join(cwd, 'notes/todo.md'))).toBeNull();
    expect(completedItems(client.received).map((i) => `${i.type}${'status' in i ? `:${i.status}` : ''}`)).toEqual([
      'userMessage',
      'agentMessage',
      'commandExecution:completed',
      'fileChange:declined',
      'agentMessage',
    ]);
  });
});
