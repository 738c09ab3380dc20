/**
 * Clients that stop reading while a turn streams 200,000 deltas (issue 10, §3), through the built
 * CLI. The server's memory stays bounded (each connection's outgoing buffer is bounded and a
 * client that falls behind gets the deltas of an item merged); a client that catches up gets the
 * exact text in fewer deltas; one that stays stalled is closed with 1008 and the reason; the
 * other clients and the turn are unaffected; and stdout that stops being read never kills the
 * server (it used to exit with ENOBUFS after buffering 2.3 GB).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWsServer, type WsServerProcess } from '../helpers/cli';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { sampleRss, servingPid } from '../helpers/rss';
import {
  connectWsStream,
  spawnStdioStream,
  type StreamClient,
  type StdioStreamClient,
  type WsStreamClient,
} from '../helpers/stream-client';
import type { WireMessage } from '../helpers/test-client';

/**
 * The server's V8 heap capped: what it keeps per delta or per slow client makes it fail, while
 * garbage V8 has not collected yet (which swings the RSS with the machine's load) cannot.
 */
const HEAP_CAP = '--max-old-space-size=128';
const h = useHarness();
let fake: FakeOpenAI | undefined;
let server: WsServerProcess | undefined;
const clients: Array<WsStreamClient | StdioStreamClient> = [];
afterEach(async () => {
  const problems = clients.flatMap((c) => c.schemaProblems);
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  await server?.stop();
  await fake?.close();
  server = fake = undefined;
  expect(problems).toEqual([]);
});

const DELTAS = 200_000;
const TEXT = Array.from({ length: DELTAS }, (_, i) => `w${i.toString(36).padStart(6, '0')} `).join('');
const stream = (): Promise<FakeOpenAI> =>
  FakeOpenAI.start([{ outputs: [{ type: 'message', text: TEXT, chunks: DELTAS }] }]);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const completedOf = (turnId: string) => (m: WireMessage) =>
  m.method === 'turn/completed' && (m.params as { turn: { id: string } }).turn.id === turnId;
/** The agent message a client saw completed. */
function message(client: StreamClient): { id: string; text: string } | undefined {
  return client.received
    .filter((m) => m.method === 'item/completed')
    .map((m) => (m.params as { item: { type: string; id: string; text: string } }).item)
    .find((i) => i.type === 'agentMessage');
}

describe('a WebSocket client that stops reading', () => {
  it(
    'is merged for and catches up exactly, or is closed with the reason, while the others and the turn go on',
    { timeout: 100_000 },
    async () => {
      fake = await stream();
      server = await spawnWsServer({
        TANDEM_HOME: await h.tempDir(),
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-test',
        NODE_OPTIONS: HEAP_CAP,
      });
      const rss = sampleRss(servingPid(server.child.pid ?? 0));
      const [a, late, stalled] = await Promise.all([
        connectWsStream(server.url),
        connectWsStream(server.url),
        connectWsStream(server.url),
      ]);
      clients.push(a, late, stalled);
      for (const [c, name] of [
        [a, 'a'],
        [late, 'late'],
        [stalled, 'stalled'],
      ] as const)
        await c.initialize(name);
      const { thread } = await a.request<{ thread: { id: string } }>('thread/start', { cwd: await h.tempDir() });
      await late.request('thread/resume', { threadId: thread.id });
      await stalled.request('thread/resume', { threadId: thread.id });
      late.pause();
      stalled.pause();
      const { turn } = await a.request<{ turn: { id: string } }>('turn/start', {
        threadId: thread.id,
        input: [{ type: 'text', text: 'talk' }],
      });

      // `late` reads again once 120,000 deltas (some 30 MB) went out, mid-stream; `stalled` never
      // does until long after the turn.
      const sent = (): number => [...a.deltas.values()].reduce((n, t) => n + t.count, 0);
      while (sent() < 120_000 && !a.received.some(completedOf(turn.id))) await sleep(50);
      late.resume();
      await a.waitFor(completedOf(turn.id), 60_000);
      await late.waitFor(completedOf(turn.id), 60_000);
      const peak = rss.max;

      // The turn is unaffected: complete, persisted, exact, for the client that kept reading.
      expect(message(a)?.text === TEXT, 'the reading client gets the exact message').toBe(true);
      expect(a.deltaText('item/agentMessage/delta', message(a)?.id ?? '') === TEXT).toBe(true);
      const read = await a.request<{
        thread: { turns: Array<{ status: string; items: Array<{ type: string; text?: string }> }> };
      }>('thread/read', { threadId: thread.id, includeTurns: true });
      expect(read.thread.turns.at(-1)?.status).toBe('completed');
      expect(
        read.thread.turns.at(-1)?.items.find((i) => i.type === 'agentMessage')?.text === TEXT,
        'the turn is persisted exact',
      ).toBe(true);

      // The client that fell behind caught up with merged deltas and the exact text.
      const lateDeltas = late.deltas.get(`item/agentMessage/delta ${message(late)?.id}`);
      expect(message(late)?.text === TEXT).toBe(true);
      expect(
        late.deltaText('item/agentMessage/delta', message(late)?.id ?? '') === TEXT,
        'merged deltas add up to the text exactly',
      ).toBe(true);
      expect(lateDeltas?.count ?? DELTAS, 'deltas were merged while it was behind').toBeLessThan(DELTAS);

      // The stalled one is dropped past the limit, with the reason behind what it left unread.
      await sleep(22_000);
      stalled.resume();
      const closed = await stalled.closed;
      console.log(
        `slow clients: server peak RSS ${Math.max(peak, rss.stop()).toFixed(0)} MiB; late client got ${lateDeltas?.count} deltas for ${DELTAS}; ` +
          `stalled closed with ${closed.code} "${closed.reason}"`,
      );
      expect(closed.code).toBe(1008);
      expect(closed.reason).toMatch(/stopped reading/);
      expect(Math.max(peak, rss.max)).toBeLessThan(300);
    },
  );
});

describe('stdout that stops being read', () => {
  it('keeps the server alive and bounded, and the stream exact once read again', { timeout: 90_000 }, async () => {
    fake = await stream();
    const client = spawnStdioStream({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-test',
      NODE_OPTIONS: HEAP_CAP,
    });
    clients.push(client);
    await client.initialize();
    const rss = sampleRss(servingPid(client.child.pid ?? 0));
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: await h.tempDir() });
    const { turn } = await client.request<{ turn: { id: string } }>('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'talk' }],
    });
    client.pause();
    await sleep(8000);
    expect(client.child.exitCode, 'the server is still running').toBeNull();
    client.resume();
    await client.waitFor(completedOf(turn.id), 60_000);
    const peak = rss.stop();
    const item = message(client);
    console.log(
      `stdout paused 8 s: server peak RSS ${peak.toFixed(0)} MiB; ${client.deltas.get(`item/agentMessage/delta ${item?.id}`)?.count} deltas for ${DELTAS}`,
    );
    expect(item?.text === TEXT, 'the completed message is exact').toBe(true);
    expect(
      client.deltaText('item/agentMessage/delta', item?.id ?? '') === TEXT,
      'the deltas add up to it exactly',
    ).toBe(true);
    expect(peak).toBeLessThan(300);
    expect(client.child.exitCode).toBeNull();
  });
});
