/**
 * Paging a thread's turns (`thread/turns/list`, stable in Codex 0.169, and `thread/resume`'s
 * experimental `initialTurnsPage`): newest first by default, every turn exactly once across the
 * pages, the items view honoured, cursors checked — the page in resume only for clients that
 * opted into the experimental API.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/server/log';
import { FORMAT_VERSION, type ChangeRecord } from '../../main/server/threads/records';
import { ThreadStore } from '../../main/server/threads/thread-store';
import { useHarness } from '../helpers/harness';

const h = useHarness();
const THREAD = '019a0000-0000-7000-8000-0000000000aa';
const TURNS = 23;

/** A thread on disk with TURNS turns of a question, a command and two answers. */
async function homeWithThread(): Promise<{ home: string; cwd: string }> {
  const home = await h.tempDir();
  const cwd = await h.tempDir();
  const records: ChangeRecord[] = [];
  let at = 1_000_000;
  for (let n = 1; n <= TURNS; n++) {
    const turnId = `turn-${n}`;
    records.push({ t: 'turnStarted', at: at++, turnId });
    records.push({
      t: 'item',
      at: at++,
      turnId,
      item: { type: 'userMessage', id: `u${n}`, content: [{ type: 'text', text: `question ${n}` }] },
    });
    records.push({
      t: 'item',
      at: at++,
      turnId,
      item: {
        type: 'commandExecution',
        id: `c${n}`,
        command: 'ls',
        cwd,
        status: 'completed',
        commandActions: [],
        aggregatedOutput: 'a\n',
        exitCode: 0,
      },
    });
    records.push({ t: 'item', at: at++, turnId, item: { type: 'agentMessage', id: `a${n}`, text: `thinking ${n}` } });
    records.push({ t: 'item', at: at++, turnId, item: { type: 'agentMessage', id: `b${n}`, text: `answer ${n}` } });
    records.push({ t: 'turnCompleted', at: at++, turnId, status: 'completed', error: null, durationMs: 5 });
  }
  const store = new ThreadStore(home, silentLogger);
  await store.create(
    {
      t: 'thread',
      v: FORMAT_VERSION,
      at: 999_999,
      id: THREAD,
      sessionId: THREAD,
      cwd,
      model: 'm',
      modelProvider: 'openai',
      reasoningEffort: null,
      approvalPolicy: 'on-request',
      sandbox: 'workspace-write',
      forkedFromId: null,
      cliVersion: 'test',
    },
    records,
  );
  await store.flush();
  return { home, cwd };
}

const ids = (page: { data: Array<{ id: string }> }): string[] => page.data.map((t) => t.id);
const turnIds = (from: number, to: number): string[] =>
  Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => `turn-${from > to ? from - i : from + i}`);

describe('paging turns', () => {
  it('resumes with the newest turns and pages back through the rest, each turn once', async () => {
    const { home } = await homeWithThread();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('pager', { experimentalApi: true });

    const resumed = await client.request('thread/resume', {
      threadId: THREAD,
      excludeTurns: true,
      initialTurnsPage: { limit: 10, itemsView: 'full' },
    });
    expect(resumed.thread.turns).toEqual([]);
    const first = resumed.initialTurnsPage;
    if (!first) throw new Error('no initialTurnsPage');
    expect(ids(first)).toEqual(turnIds(23, 14));
    expect(first.data[0]?.items.map((i) => i.id)).toEqual(['u23', 'c23', 'a23', 'b23']);

    const second = await client.request('thread/turns/list', {
      threadId: THREAD,
      cursor: first.nextCursor,
      limit: 10,
      itemsView: 'full',
    });
    expect(ids(second)).toEqual(turnIds(13, 4));
    const last = await client.request('thread/turns/list', {
      threadId: THREAD,
      cursor: second.nextCursor,
      limit: 10,
      itemsView: 'full',
    });
    expect(ids(last)).toEqual(turnIds(3, 1));
    expect(last.nextCursor ?? null).toBeNull();

    // The other way from a page's first turn, that turn included.
    const forward = await client.request('thread/turns/list', {
      threadId: THREAD,
      cursor: second.backwardsCursor,
      sortDirection: 'asc',
      limit: 3,
    });
    expect(ids(forward)).toEqual(turnIds(13, 15));
  });

  it('gives a summary by default and no items when asked for none', async () => {
    const { home } = await homeWithThread();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('pager', { experimentalApi: true });
    const summary = await client.request('thread/turns/list', { threadId: THREAD, limit: 1 });
    // What the user asked and the last answer.
    expect(summary.data[0]?.items.map((i) => i.id)).toEqual(['u23', 'b23']);
    const bare = await client.request('thread/turns/list', {
      threadId: THREAD,
      limit: 2,
      itemsView: 'notLoaded',
      sortDirection: 'asc',
    });
    expect(bare.data.map((t) => [t.id, t.items.length])).toEqual([
      ['turn-1', 0],
      ['turn-2', 0],
    ]);
  });

  it('refuses a cursor it did not make, or made for the other direction', async () => {
    const { home } = await homeWithThread();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('pager', { experimentalApi: true });
    await expect(
      client.request('thread/turns/list', { threadId: THREAD, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ code: -32602, data: { reason: 'invalidCursor' } });
    const page = await client.request('thread/turns/list', { threadId: THREAD, limit: 2 });
    await expect(
      client.request('thread/turns/list', { threadId: THREAD, cursor: page.nextCursor, sortDirection: 'asc' }),
    ).rejects.toMatchObject({ code: -32602, data: { reason: 'invalidCursor' } });
  });

  it('pages turns for any client, but the page in resume only for experimental ones', async () => {
    const { home } = await homeWithThread();
    const client = h.stdio({ TANDEM_HOME: home });
    await client.initialize('codex-client');
    // Stable in Codex 0.169: no opt-in needed.
    const page = await client.request('thread/turns/list', { threadId: THREAD, limit: 3 });
    expect(ids(page)).toEqual(turnIds(23, 21));
    await expect(
      client.request('thread/resume', { threadId: THREAD, initialTurnsPage: { limit: 5 } }),
    ).rejects.toMatchObject({ code: -32602 });
    // Without the page, resume works as ever: every turn, in order.
    const { thread } = await client.request('thread/resume', { threadId: THREAD });
    expect(thread.turns.map((t) => t.id)).toEqual(turnIds(1, 23));
  });
});
