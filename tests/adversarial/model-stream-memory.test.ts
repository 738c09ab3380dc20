/**
 * A model that streams one message in 200,000 deltas (issue 10, §3): the built server's memory
 * stays bounded — no per-delta copies or traces kept, the text held once — and the message
 * arrives exact, in its deltas and in its completed item.
 */
import { afterEach, describe, expect, it } from 'vitest';
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

const DELTAS = 200_000;
/** 200,000 pieces of 8 characters, each distinct so a lost or doubled one shows. */
const TEXT = Array.from({ length: DELTAS }, (_, i) => `w${i.toString(36).padStart(6, '0')} `).join('');

describe('a model stream of 200,000 deltas of one message', () => {
  it('keeps the server under 300 MiB and delivers the message exact', { timeout: 90_000 }, async () => {
    fake = await FakeOpenAI.start([{ outputs: [{ type: 'message', text: TEXT, chunks: DELTAS }] }]);
    client = spawnStdioStream({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-test',
      // A V8 heap capped well below the RSS bound: what the server keeps per delta then makes it
      // fail (the build before the fix never finished the turn so capped), while garbage V8 has
      // not yet collected does not count against it (uncapped, the peak swung 186–313 MiB with load).
      NODE_OPTIONS: '--max-old-space-size=128',
    });
    await client.initialize();
    const rss = sampleRss(servingPid(client.child.pid ?? 0));
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: await h.tempDir() });
    const { turn } = await client.request<{ turn: { id: string } }>('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'talk' }],
    });
    const completed = await client.notification(
      'turn/completed',
      (p) => (p.turn as { id: string }).id === turn.id,
      80_000,
    );
    const peak = rss.stop();
    console.log(`model stream: ${DELTAS} deltas, ${TEXT.length} chars; server peak RSS ${peak.toFixed(0)} MiB`);

    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');
    const item = client.received
      .filter((m) => m.method === 'item/completed')
      .map((m) => (m.params as { item: { type: string; id: string; text?: string } }).item)
      .find((i) => i.type === 'agentMessage');
    expect(item?.text === TEXT, 'the completed message is the streamed text, exactly').toBe(true);
    expect(
      client.deltaText('item/agentMessage/delta', item?.id ?? '') === TEXT,
      'the deltas add up to the text, exactly',
    ).toBe(true);
    expect(peak).toBeLessThan(300);
  });
});
