/**
 * A thread's token usage outlives the server, as in Codex 0.169: through the BUILT CLI, a new
 * server resuming the thread tells the client the usage the last turn ended with, and the next
 * turn's totals go on from there instead of starting again at zero.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import type { StdioClient } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

interface Usage {
  turnId: string;
  tokenUsage: { total: { inputTokens: number; outputTokens: number; totalTokens: number }; last: unknown };
}
const usages = (c: StdioClient): Usage[] => c.notifications('thread/tokenUsage/updated').map((m) => m.params as Usage);

describe('token usage across a restart', () => {
  it('is told on resume and goes on counting from what the thread had used', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'message', text: 'one' }], usage: { input: 100, output: 10 } },
      { outputs: [{ type: 'message', text: 'two' }], usage: { input: 200, output: 20 } },
      { outputs: [{ type: 'message', text: 'three' }], usage: { input: 400, output: 40 } },
    ]);
    const env = { TANDEM_HOME: await h.tempDir(), OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'k' };
    const cwd = await h.tempDir();

    const first = h.stdio(env);
    await first.initialize('usage');
    const { thread } = await first.request('thread/start', { cwd });
    let lastTurn = '';
    for (const text of ['a', 'b']) {
      const { turn } = await first.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text }] });
      await first.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
      lastTurn = turn.id;
    }
    expect(usages(first).at(-1)?.tokenUsage.total).toMatchObject({ inputTokens: 300, outputTokens: 30 });
    await first.close();

    const again = h.stdio(env);
    await again.initialize('usage');
    await again.request('thread/resume', { threadId: thread.id });
    const told = usages(again);
    expect(told).toHaveLength(1);
    expect(told[0]).toEqual({ threadId: thread.id, ...usages(first).at(-1) });
    expect(told[0]?.turnId).toBe(lastTurn);

    const { turn } = await again.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'c' }] });
    await again.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect(usages(again).at(-1)?.tokenUsage.total).toMatchObject({ inputTokens: 700, outputTokens: 70 });

    // A thread with no model call yet has no usage to tell.
    const fresh = (await again.request('thread/start', { cwd })).thread.id;
    await again.close();
    const third = h.stdio(env);
    await third.initialize('usage');
    await third.request('thread/resume', { threadId: fresh });
    expect(usages(third)).toEqual([]);
  });
});
