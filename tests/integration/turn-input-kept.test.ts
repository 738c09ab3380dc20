/**
 * Through the built CLI (`out/cli/tandem.cjs` over stdio): the user's words are never lost. A turn
 * that fails at once (no API key) keeps its message on disk; sending it again (the UI's Retry)
 * reaches the model once; a steered message carries the client's id when the model takes it
 * (issue 9, items 7 and 8).
 */
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { useHarness } from '../helpers/harness';
import type { WireMessage } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

type Completed = { turn: { id: string; status: string; error?: { message: string } | null } };
const userItems = (received: WireMessage[]): ThreadItem[] =>
  received.flatMap((m) => {
    const item = (m.params as { item?: ThreadItem } | undefined)?.item;
    return m.method === 'item/completed' && item?.type === 'userMessage' ? [item] : [];
  });

describe('the user’s message is kept (built CLI)', () => {
  it('a turn failing for want of a key keeps its message on disk, and sent again it reaches the model once', async () => {
    const fake = await fakeModel([{ outputs: [{ type: 'message', text: 'Now I can answer.' }] }]);
    const home = await h.tempDir();
    const cwd = await h.tempDir('tandem-ws-');
    // No key, the default endpoint: the model client cannot even be made.
    const client = h.stdio({ TANDEM_HOME: home, OPENAI_API_KEY: '', OPENAI_BASE_URL: 'https://api.openai.com/v1' });
    await client.initialize();
    const { thread } = await client.request('thread/start', { cwd });
    const { turn } = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'please keep me' }],
    });
    const failed = await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect((failed.params as Completed).turn).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(/No API key/) },
    });
    expect(userItems(client.received).map((i) => i.type === 'userMessage' && i.content)).toEqual([
      [{ type: 'text', text: 'please keep me' }],
    ]);

    // Another process reads the thread from disk: the message is there, with the failure.
    const reader = h.stdio({ TANDEM_HOME: home });
    await reader.initialize();
    const read = await reader.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread.turns).toHaveLength(1);
    expect(read.thread.turns[0]).toMatchObject({
      status: 'failed',
      items: [{ type: 'userMessage', content: [{ type: 'text', text: 'please keep me' }] }],
    });
    await reader.close();

    // The key is fixed; the same input again (Retry) succeeds, and the model sees the message once.
    await client.request('tandem/settings/write', { baseUrl: fake.baseURL, apiKey: 'sk-fixed' });
    const retry = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'please keep me' }],
    });
    const done = await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === retry.turn.id);
    expect((done.params as Completed).turn.status).toBe('completed');
    const body = JSON.stringify(fake.modelCalls[0]?.body);
    expect(body.split('please keep me')).toHaveLength(2);
    const after = await client.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(after.thread.turns.map((t) => t.status)).toEqual(['failed', 'completed']);
  });

  it('a steered message is announced with its client id once the model takes it', async () => {
    const fake = await fakeModel([
      { outputs: [{ type: 'message', text: 'Working on the first request slowly, word by word.' }], eventDelayMs: 40 },
      { outputs: [{ type: 'message', text: 'Took the steer too.' }] },
    ]);
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir(),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-steer',
    });
    await client.initialize();
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir('tandem-ws-') });
    const { turn } = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'first' }],
      clientUserMessageId: 'c-1',
    });
    await client.waitFor((m) => m.method === 'item/agentMessage/delta');
    await client.request('turn/steer', {
      threadId: thread.id,
      expectedTurnId: turn.id,
      input: [{ type: 'text', text: 'and this' }],
      clientUserMessageId: 'c-2',
    });
    await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === turn.id);
    expect(userItems(client.received).map((i) => (i.type === 'userMessage' ? i.clientId : null))).toEqual([
      'c-1',
      'c-2',
    ]);
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toContain('and this');
  });
});
