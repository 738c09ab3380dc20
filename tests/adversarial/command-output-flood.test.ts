/**
 * A command that prints 400 MB (issue 10, §3): through the built CLI, the server's memory stays
 * flat, clients get a bounded stream of coalesced output deltas ending in a marker that says how
 * much was left out, the item keeps the output's start and end with its own marker, and the
 * server keeps answering other requests while the command runs.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { execCall, done } from '../helpers/cli-turns';
import { FakeOpenAI } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import { sampleRss, servingPid } from '../helpers/rss';
import { spawnStdioStream, type StdioStreamClient } from '../helpers/stream-client';

const h = useHarness();
let fake: FakeOpenAI | undefined;
let client: StdioStreamClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  expect(client?.schemaProblems ?? []).toEqual([]);
  client = fake = undefined;
});

const BYTES = 400_000_000;
const MIB = 1024 * 1024;

describe('a command that prints 400 MB', () => {
  it('streams a bounded, marked part of it, keeps memory flat and answers meanwhile', { timeout: 90_000 }, async () => {
    fake = await FakeOpenAI.start([
      execCall('flood', `head -c ${BYTES} /dev/zero | tr '\\0' x; echo; echo the-end`),
      done,
    ]);
    client = spawnStdioStream({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-test',
    });
    await client.initialize();
    const rss = sampleRss(servingPid(client.child.pid ?? 0));
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', {
      cwd: await h.tempDir(),
      approvalPolicy: 'never',
      sandbox: 'danger-full-access',
    });
    const { turn } = await client.request<{ turn: { id: string } }>('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'flood' }],
    });
    await client.notification('item/started', (p) => (p.item as { type: string }).type === 'commandExecution');

    // Other requests while the output pours in: each is answered (latencies printed, not asserted).
    const latencies: number[] = [];
    let running = true;
    const completed = client
      .notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id, 80_000)
      .finally(() => (running = false));
    while (running) {
      const sent = performance.now();
      await client.request('thread/list', {}, 10_000);
      latencies.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 50));
    }
    const end = await completed;
    const peak = rss.stop();

    const item = client.received
      .filter((m) => m.method === 'item/completed')
      .map((m) => (m.params as { item: { type: string; id: string; aggregatedOutput?: string | null } }).item)
      .find((i) => i.type === 'commandExecution');
    const streamed = client.deltas.get(`item/commandExecution/outputDelta ${item?.id}`);
    const text = client.deltaText('item/commandExecution/outputDelta', item?.id ?? '');
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `command flood: ${BYTES} bytes printed; ${streamed?.count} deltas, ${((streamed?.chars ?? 0) / MIB).toFixed(2)} MiB streamed; ` +
        `peak RSS ${peak.toFixed(0)} MiB; thread/list ×${latencies.length}: median ${sorted[sorted.length >> 1]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
    );

    expect((end.params as { turn: { status: string } }).turn.status).toBe('completed');
    expect(latencies.length, 'requests were answered while the command ran').toBeGreaterThan(0);
    expect(streamed?.chars ?? Infinity, 'what is streamed to clients is bounded').toBeLessThan(4 * MIB);
    expect(streamed?.count ?? Infinity, 'output deltas are coalesced').toBeLessThan(1000);
    expect(text).toMatch(/\[… \d+ more characters of output were not streamed/);
    expect(item?.aggregatedOutput?.length ?? Infinity, 'what is stored is bounded').toBeLessThan(2 * MIB);
    expect(item?.aggregatedOutput).toMatch(/\[… \d+ characters omitted …\]/);
    expect(item?.aggregatedOutput?.trimEnd().endsWith('the-end'), 'the end of the output is kept').toBe(true);
    expect(peak).toBeLessThan(300);
  });
});
