/**
 * Opening a thread again — switching back to it, a reload, a reconnect — while its turn runs
 * (issue 9, items 6 and 12): the transcript takes the in-progress turn the server sent, streams
 * on from it, and keeps what only notifications told it; a dropped connection takes its approval
 * requests with it (the server sends them again on resume).
 */
import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import type { ThreadItem } from '../../../../protocol/schema/item';
import type { Thread } from '../../../../protocol/schema/thread';
import type { Turn } from '../../../../protocol/schema/turn';
import { initialState, reduceApp, type AppState } from '../../../../renderer/state/app';
import { activeTurn } from '../../../../renderer/state/transcript';

const T = 'thread-1';
const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;
const thread = (turns: Turn[]): Thread => ({
  id: T,
  sessionId: T,
  preview: '',
  ephemeral: false,
  modelProvider: 'openai',
  createdAt: 1,
  updatedAt: 1,
  status: { type: 'active', activeFlags: [] },
  cwd: '/p',
  cliVersion: 't',
  source: 'appServer',
  projectId: null,
  turns,
});

const user: ThreadItem = { type: 'userMessage', id: 'u1', content: [{ type: 'text', text: 'go' }] };
const said: ThreadItem = { type: 'agentMessage', id: 'm1', text: 'First, a look.' };
const ran: ThreadItem = {
  type: 'commandExecution',
  id: 'c1',
  command: 'ls',
  cwd: '/p',
  status: 'completed',
  commandActions: [],
  aggregatedOutput: 'a\n',
  exitCode: 0,
};
const streaming: ThreadItem = { type: 'agentMessage', id: 'm2', text: 'Now the ans' };
const running: Turn = { id: 'turn-1', status: 'inProgress', items: [user, said, ran, streaming], error: null };

const open = (s: AppState, turns: Turn[]): AppState =>
  reduceApp(s, { type: 'opened', thread: thread(turns), page: { turns, olderCursor: null } });
const batch = (s: AppState, ...ns: ServerNotification[]): AppState =>
  reduceApp(s, { type: 'notifications', at: 0, batch: ns });

describe('a thread opened while its turn runs', () => {
  it('shows the turn in progress, the message still streaming, and folds the deltas that follow into it', () => {
    let s = open(initialState, [running]);
    const t = s.transcripts[T];
    expect(activeTurn(t!)?.id).toBe('turn-1');
    expect(t?.turns[0]?.items.map((v) => [v.item.id, v.done])).toEqual([
      ['u1', true],
      ['m1', true],
      ['c1', true],
      ['m2', false],
    ]);
    s = batch(
      s,
      n('item/agentMessage/delta', { threadId: T, turnId: 'turn-1', itemId: 'm2', delta: 'wer' }),
      n('item/agentMessage/delta', { threadId: T, turnId: 'turn-1', itemId: 'm2', delta: ' is 42.' }),
    );
    expect(s.transcripts[T]?.turns[0]?.items[3]?.item).toEqual({ ...streaming, text: 'Now the answer is 42.' });
    s = batch(
      s,
      n('item/completed', {
        threadId: T,
        turnId: 'turn-1',
        item: { ...streaming, text: 'Now the answer is 42.' },
        completedAtMs: 2,
      }),
    );
    expect(s.transcripts[T]?.turns[0]?.items[3]).toEqual({
      item: { ...streaming, text: 'Now the answer is 42.' },
      done: true,
    });
    expect(s.transcripts[T]?.turns[0]?.items).toHaveLength(4);
  });

  it('shows a running command as running, and its output continues', () => {
    const cmd: ThreadItem = {
      type: 'commandExecution',
      id: 'c2',
      command: 'make',
      cwd: '/p',
      status: 'inProgress',
      commandActions: [],
      aggregatedOutput: 'step 1\n',
    };
    let s = open(initialState, [{ ...running, items: [user, cmd] }]);
    expect(s.transcripts[T]?.turns[0]?.items[1]?.done).toBe(false);
    s = batch(
      s,
      n('item/commandExecution/outputDelta', { threadId: T, turnId: 'turn-1', itemId: 'c2', delta: 'step 2\n' }),
    );
    const item = s.transcripts[T]?.turns[0]?.items[1]?.item;
    expect(item?.type === 'commandExecution' && item.aggregatedOutput).toBe('step 1\nstep 2\n');
  });

  it('keeps the plan, diff, problems and token usage the page was told when the thread is opened again', () => {
    let s = open(initialState, [running]);
    s = batch(
      s,
      n('turn/plan/updated', { threadId: T, turnId: 'turn-1', plan: [{ step: 'answer', status: 'inProgress' }] }),
      n('turn/diff/updated', { threadId: T, turnId: 'turn-1', diff: 'diff --git a/x b/x' }),
      n('error', { threadId: T, turnId: 'turn-1', error: { message: 'slow down' }, willRetry: true }),
      n('thread/tokenUsage/updated', {
        threadId: T,
        turnId: 'turn-1',
        tokenUsage: {
          total: { inputTokens: 5, cachedInputTokens: 0, outputTokens: 2, reasoningOutputTokens: 0, totalTokens: 7 },
          last: { inputTokens: 5, cachedInputTokens: 0, outputTokens: 2, reasoningOutputTokens: 0, totalTokens: 7 },
        },
      }),
    );
    s = open(s, [{ ...running, items: [user, said, ran, { ...streaming, text: 'Now the answer' }] }]);
    const t = s.transcripts[T];
    expect(t?.turns[0]?.plan?.steps).toEqual([{ step: 'answer', status: 'inProgress' }]);
    expect(t?.turns[0]?.diff).toBe('diff --git a/x b/x');
    expect(t?.turns[0]?.errors).toEqual([{ message: 'slow down', willRetry: true }]);
    expect(t?.tokens?.total.totalTokens).toBe(7);
    expect(t?.turns[0]?.items[3]?.item).toEqual({ ...streaming, text: 'Now the answer' }); // the server's items win
  });

  it('forgets approval requests when the connection drops (the server sends them again on resume)', () => {
    const params = { threadId: T, turnId: 'turn-1', itemId: 'c9', startedAtMs: 1, command: 'rm -rf build' };
    let s = reduceApp(initialState, {
      type: 'approvalRequested',
      approval: { requestId: 0, method: 'item/commandExecution/requestApproval', params },
    });
    expect(s.approvals.pending).toHaveLength(1);
    s = reduceApp(s, { type: 'disconnected' });
    expect(s.approvals.pending).toEqual([]);
  });
});
