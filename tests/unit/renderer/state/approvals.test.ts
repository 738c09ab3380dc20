/** The pending approvals (renderer/state/approvals.ts), as the app's reducer keeps them. */
import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import { initialState, reduceApp } from '../../../../renderer/state/app';

const T = 'thread-1';
const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;
const turn = { id: 'turn-1', items: [], status: 'inProgress' as const };

describe('app state', () => {
  it('keeps approvals until answered, resolved elsewhere, or their turn ends', () => {
    const cmd = { threadId: T, turnId: 'turn-1', itemId: 'c1', startedAtMs: 1, command: 'rm -rf x', cwd: '/p' };
    let s = reduceApp(initialState, {
      type: 'approvalRequested',
      approval: { requestId: 0, method: 'item/commandExecution/requestApproval', params: cmd },
    });
    s = reduceApp(s, {
      type: 'approvalRequested',
      approval: { requestId: 1, method: 'item/fileChange/requestApproval', params: { ...cmd, itemId: 'p1' } },
    });
    s = reduceApp(s, {
      type: 'approvalRequested',
      approval: { requestId: 2, method: 'item/commandExecution/requestApproval', params: { ...cmd, turnId: 'turn-2' } },
    });
    expect(s.approvals.pending.map((a) => a.requestId)).toEqual([0, 1, 2]);
    s = reduceApp(s, { type: 'approvalAnswered', requestId: 0 });
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [n('serverRequest/resolved', { threadId: T, requestId: 1 })],
    });
    expect(s.approvals.pending.map((a) => a.requestId)).toEqual([2]);
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [n('turn/completed', { threadId: T, turn: { ...turn, id: 'turn-2', status: 'interrupted' } })],
    });
    expect(s.approvals.pending).toEqual([]);
  });
});
