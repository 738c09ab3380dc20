import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import { coalesceDeltas, initialState, reduceApp } from '../../../../renderer/state/app';
import { activeTurn } from '../../../../renderer/state/transcript';
import { thread } from '../../../helpers/thread-summary';

const T = 'thread-1';
const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;
const turn = { id: 'turn-1', items: [], status: 'inProgress' as const };

describe('app state', () => {
  it('folds a streamed turn into the transcript: items, deltas, output, plan, diff, completion', () => {
    let s = reduceApp(initialState, { type: 'opened', thread: thread(T, '/p', 1) });
    const agent = { type: 'agentMessage' as const, id: 'm1', text: '' };
    const cmd = {
      type: 'commandExecution' as const,
      id: 'c1',
      command: 'ls',
      cwd: '/p',
      status: 'inProgress' as const,
      commandActions: [],
    };
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [
        n('turn/started', { threadId: T, turn }),
        n('item/started', { threadId: T, turnId: 'turn-1', item: agent, startedAtMs: 1 }),
        n('item/agentMessage/delta', { threadId: T, turnId: 'turn-1', itemId: 'm1', delta: 'Hel' }),
        n('item/agentMessage/delta', { threadId: T, turnId: 'turn-1', itemId: 'm1', delta: 'lo' }),
        n('item/started', { threadId: T, turnId: 'turn-1', item: cmd, startedAtMs: 1 }),
        n('item/commandExecution/outputDelta', { threadId: T, turnId: 'turn-1', itemId: 'c1', delta: 'a.txt\n' }),
        n('turn/plan/updated', { threadId: T, turnId: 'turn-1', plan: [{ step: 'read', status: 'completed' }] }),
        n('turn/diff/updated', { threadId: T, turnId: 'turn-1', diff: 'diff --git a/x b/x' }),
      ],
    });
    const t = s.transcripts[T];
    expect(activeTurn(t!)?.id).toBe('turn-1');
    expect(t?.turns[0]?.items.map((v) => v.item)).toEqual([
      { ...agent, text: 'Hello' },
      { ...cmd, aggregatedOutput: 'a.txt\n' },
    ]);
    expect(t?.turns[0]?.plan?.steps).toEqual([{ step: 'read', status: 'completed' }]);
    expect(t?.turns[0]?.diff).toBe('diff --git a/x b/x');
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [n('turn/completed', { threadId: T, turn: { ...turn, status: 'interrupted' } })],
    });
    expect(s.transcripts[T]?.turns[0]?.status).toBe('interrupted');
    expect(s.transcripts[T]?.turns[0]?.items.every((v) => v.done)).toBe(true);
    expect(activeTurn(s.transcripts[T]!)).toBeUndefined();
  });

  it('joins runs of deltas to the same text, keeping every character and the order of everything else', () => {
    const d = (itemId: string, delta: string) =>
      n('item/agentMessage/delta', { threadId: T, turnId: 'turn-1', itemId, delta });
    const out = (itemId: string, delta: string) =>
      n('item/commandExecution/outputDelta', { threadId: T, turnId: 'turn-1', itemId, delta });
    const started = n('item/started', {
      threadId: T,
      turnId: 'turn-1',
      item: { type: 'agentMessage', id: 'm2', text: '' },
      startedAtMs: 1,
    });
    const batch = [
      d('m1', 'a'),
      d('m1', 'b'),
      d('m1', 'c'),
      out('c1', 'x'),
      out('c1', 'y'),
      d('m1', 'd'),
      started,
      d('m2', 'e'),
      d('m2', 'f'),
    ];
    expect(coalesceDeltas(batch)).toEqual([d('m1', 'abc'), out('c1', 'xy'), d('m1', 'd'), started, d('m2', 'ef')]);
    // Folding the joined batch gives what folding each delta gives.
    const opened = reduceApp(initialState, { type: 'opened', thread: thread(T, '/p', 1) });
    const setup = [
      n('turn/started', { threadId: T, turn }),
      n('item/started', {
        threadId: T,
        turnId: 'turn-1',
        item: { type: 'agentMessage', id: 'm1', text: '' },
        startedAtMs: 1,
      }),
    ];
    const one = [...setup, ...batch].reduce(
      (s, x) => reduceApp(s, { type: 'notifications', at: 0, batch: [x] }),
      opened,
    );
    const all = reduceApp(opened, { type: 'notifications', at: 0, batch: [...setup, ...batch] });
    expect(all.transcripts[T]).toEqual(one.transcripts[T]);
    expect(all.transcripts[T]?.turns[0]?.items.map((v) => v.item)).toEqual([
      { type: 'agentMessage', id: 'm1', text: 'abcd' },
      { type: 'agentMessage', id: 'm2', text: 'ef' },
    ]);
  });

  it('ignores notifications of other threads and of transcripts not open', () => {
    const s = reduceApp(initialState, { type: 'opened', thread: thread(T, '/p', 1) });
    const after = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [n('turn/started', { threadId: 'other', turn })],
    });
    expect(after.transcripts).toBe(s.transcripts);
  });

  it('opens a long thread at its latest turns and puts older pages before them, each turn once', () => {
    const done = (id: string) => ({
      id,
      items: [{ type: 'userMessage' as const, id: `u-${id}`, content: [{ type: 'text' as const, text: id }] }],
      status: 'completed' as const,
    });
    let s = reduceApp(initialState, {
      type: 'opened',
      thread: thread(T, '/p', 1),
      page: { turns: [done('t3'), done('t4')], olderCursor: 'c1' },
    });
    expect(s.transcripts[T]?.olderCursor).toBe('c1');
    // t3 again (a turn on both pages) is not shown twice.
    s = reduceApp(s, {
      type: 'olderTurns',
      threadId: T,
      page: { turns: [done('t1'), done('t2'), done('t3')], olderCursor: null },
    });
    expect(s.transcripts[T]?.turns.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
    expect(s.transcripts[T]?.olderCursor).toBeNull();
    // A page for a thread not open changes nothing.
    expect(
      reduceApp(s, { type: 'olderTurns', threadId: 'other', page: { turns: [done('x')], olderCursor: null } }),
    ).toBe(s);
  });
});

describe('reducers read no clock', () => {
  it("takes a started turn's time from the action", () => {
    const opened = reduceApp(initialState, { type: 'opened', thread: thread('t1', '/p', 1) });
    const turn = { id: 'turn-9', items: [], status: 'inProgress' as const };
    const s = reduceApp(opened, {
      type: 'notifications',
      at: 5_000_000,
      batch: [{ method: 'turn/started', params: { threadId: 't1', turn } }],
    });
    expect(s.threads.byId['t1']?.updatedAt).toBe(5_000);
  });
});
