/**
 * Resuming a thread whose turn is running (issue 9, item 6), over the built CLI's WebSocket: the
 * response holds the turn in progress with its items so far — the partial text of the message
 * being streamed included — and the deltas that follow continue it with nothing lost or doubled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { FakeOpenAI, type ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { TestClient, WireMessage } from '../helpers/test-client';
import type { Turn } from '../../protocol/schema/turn';

const h = useHarness();
let server: WsServerProcess | undefined;
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.stop();
  await fake?.close();
  server = fake = undefined;
});

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i} `).join('');

async function start(...calls: ScriptedCall[]): Promise<{ a: TestClient; threadId: string }> {
  fake = await FakeOpenAI.start(calls);
  server = await spawnWsServer({
    TANDEM_HOME: await h.tempDir(),
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-test',
  });
  const a = await h.ws(server.url);
  await a.initialize('a');
  const { thread } = await a.request('thread/start', { cwd: await h.tempDir() });
  await a.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'talk' }] });
  return { a, threadId: thread.id };
}

let resumes = 0;
/** thread/resume; returns the running turn it answered with and where its response sits in `received`. */
async function resume(client: TestClient, threadId: string): Promise<{ turn: Turn; at: number }> {
  const id = `resume-${++resumes}`;
  const response = await client.requestRaw({ id, method: 'thread/resume', params: { threadId } });
  const turns = (response.result as { thread: { turns: Turn[] } }).thread.turns;
  return { turn: turns.at(-1) as Turn, at: client.received.indexOf(response) };
}

const messageText = (turn: Turn): string => {
  const item = turn.items.find((i) => i.type === 'agentMessage');
  return item?.type === 'agentMessage' ? item.text : '';
};

/** The text the deltas received after position `at` add to `itemId`. */
function deltasAfter(client: TestClient, at: number, itemId: string): string {
  return client.received
    .slice(at + 1)
    .filter(
      (m: WireMessage) => m.method === 'item/agentMessage/delta' && (m.params as { itemId: string }).itemId === itemId,
    )
    .map((m) => (m.params as { delta: string }).delta)
    .join('');
}

const messageId = (turn: Turn): string => turn.items.find((i) => i.type === 'agentMessage')?.id ?? '';

describe('thread/resume of a running turn', () => {
  it('returns the turn in progress with the partial message, and the deltas continue it exactly', async () => {
    const full = words(60);
    let go!: () => void;
    const until = new Promise<void>((r) => (go = r));
    // created, in_progress, item added, part added, then 20 word deltas: the model pauses there.
    const { a, threadId } = await start({
      outputs: [{ type: 'message', text: full }],
      pauses: [{ afterEvents: 24, until }],
    });
    await expect.poll(() => a.notifications('item/agentMessage/delta').length, { timeout: 15_000 }).toBe(20);

    const b = await h.ws(server?.url ?? '');
    await b.initialize('b');
    const snap = await resume(b, threadId);
    expect(snap.turn.status).toBe('inProgress');
    expect(snap.turn.items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage']);
    expect(messageText(snap.turn)).toBe(words(20));
    // thread/read mid-stream shows the same.
    const read = await b.request('thread/read', { threadId, includeTurns: true });
    expect(messageText(read.thread.turns.at(-1) as Turn)).toBe(words(20));

    go();
    const done = await b.notification('item/completed', (p) => (p.item as { type: string }).type === 'agentMessage');
    expect((done.params as { item: { text: string } }).item.text).toBe(full);
    expect(messageText(snap.turn) + deltasAfter(b, snap.at, messageId(snap.turn))).toBe(full);
  });

  it('keeps a resume taken while deltas stream in step with them (a new client, and the same one switching back)', async () => {
    const full = words(400);
    const { a, threadId } = await start({ outputs: [{ type: 'message', text: full }], eventDelayMs: 2 });
    await a.notification('item/agentMessage/delta');
    const b = await h.ws(server?.url ?? '');
    await b.initialize('b');
    const [fromB, fromA] = await Promise.all([resume(b, threadId), resume(a, threadId)]);
    for (const [client, snap] of [
      [b, fromB],
      [a, fromA],
    ] as const) {
      await client.notification('turn/completed');
      expect(snap.turn.status).toBe('inProgress');
      const text = messageText(snap.turn);
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThan(full.length); // taken mid-stream
      expect(text + deltasAfter(client, snap.at, messageId(snap.turn))).toBe(full);
    }
  });

  it('follows the response with the running turn’s plan, which only a notification carries', async () => {
    let go!: () => void;
    const until = new Promise<void>((r) => (go = r));
    const plan = {
      plan: [
        { step: 'Read', status: 'completed' },
        { step: 'Answer', status: 'in_progress' },
      ],
    };
    const { a, threadId } = await start(
      { outputs: [{ type: 'function_call', name: 'update_plan', arguments: plan, callId: 'call_plan' }] },
      { outputs: [{ type: 'message', text: words(10) }], pauses: [{ afterEvents: 6, until }] },
    );
    await expect.poll(() => a.notifications('item/agentMessage/delta').length, { timeout: 15_000 }).toBe(2);
    const b = await h.ws(server?.url ?? '');
    await b.initialize('b');
    const snap = await resume(b, threadId);
    const update = await b.notification('turn/plan/updated');
    expect(b.received.indexOf(update)).toBeGreaterThan(snap.at);
    expect(update.params).toMatchObject({
      turnId: snap.turn.id,
      plan: [
        { step: 'Read', status: 'completed' },
        { step: 'Answer', status: 'inProgress' },
      ],
    });
    go();
    await b.notification('turn/completed');
  });
});
