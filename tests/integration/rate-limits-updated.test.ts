/**
 * `account/rateLimits/updated` through the BUILT CLI: a connected client is told the limits a
 * model call's response stated, as Codex tells them after each call; a response without
 * rate-limit headers tells nothing (Tandem invents no limits).
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

describe('account/rateLimits/updated', () => {
  it('tells the client after a call whose response carried limits, and not after one without', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'message', text: 'no headers' }] },
      {
        outputs: [{ type: 'message', text: 'with headers' }],
        headers: {
          'x-ratelimit-limit-requests': '400',
          'x-ratelimit-remaining-requests': '300',
          'x-ratelimit-reset-requests': '1m0s',
          'x-ratelimit-limit-tokens': '1000',
          'x-ratelimit-remaining-tokens': '900',
        },
      },
    ]);
    const env = { TANDEM_HOME: await h.tempDir(), OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'k' };
    const client = h.stdio(env);
    await client.initialize('limits');
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir() });
    const turn = async (text: string) => {
      const { turn: t } = await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text }] });
      await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === t.id);
    };
    await turn('one');
    expect(client.notifications('account/rateLimits/updated')).toEqual([]);
    const before = Date.now();
    await turn('two');
    const told = client.notifications('account/rateLimits/updated');
    expect(told).toHaveLength(1);
    const { rateLimits } = told[0]!.params as {
      rateLimits: { primary: { usedPercent: number; resetsAt: number }; secondary: { usedPercent: number } };
    };
    expect(rateLimits).toMatchObject({
      limitId: null,
      primary: { usedPercent: 25 },
      secondary: { usedPercent: 10, resetsAt: null },
    });
    expect(rateLimits.primary.resetsAt).toBeGreaterThanOrEqual(Math.floor((before + 60_000) / 1000));
    // What the notification said is what account/rateLimits/read answers.
    expect((await client.request('account/rateLimits/read', {})).rateLimits).toEqual(rateLimits);
  });
});
