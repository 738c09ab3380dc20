/** Which changes notify (renderer/state/attention.ts): the threads the user is not looking at, once each. */
import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../../renderer/state/approvals';
import { badgeCount, noticesOf, titleWithBadge, type AttentionSnapshot } from '../../../../renderer/state/attention';
import type { ThreadSummary } from '../../../../renderer/state/threads';

const thread = (id: string, over: Partial<ThreadSummary> = {}): ThreadSummary => ({
  id,
  cwd: '/p',
  name: null,
  preview: `fix ${id}`,
  updatedAt: 100,
  archived: false,
  status: { type: 'idle' },
  failed: false,
  ...over,
});
const active = { type: 'active' as const, activeFlags: [] };
const command = (threadId: string, itemId = 'c1', requestId: number | string = 1): Approval => ({
  requestId,
  method: 'item/commandExecution/requestApproval',
  params: { threadId, turnId: 't1', itemId, startedAtMs: 1, command: 'rm -rf build', cwd: '/p' },
});
const question = (threadId: string): Approval => ({
  requestId: 9,
  method: 'item/tool/requestUserInput',
  params: {
    threadId,
    turnId: 't1',
    itemId: 'q1',
    questions: [
      { id: 'q', header: 'Scope', question: 'Which folder?', isOther: false, isSecret: false, options: null },
    ],
    isBlocking: true,
  },
});
const snap = (approvals: Approval[], threads: ThreadSummary[]): AttentionSnapshot => ({
  approvals,
  threads: Object.fromEntries(threads.map((t) => [t.id, t])),
});
const away = { selected: 'b', attending: true };

describe('attention', () => {
  it('an approval or a question in a thread not in view notifies, with what it asks', () => {
    const before = snap([], [thread('a', { status: active }), thread('b')]);
    const after = snap([command('a'), question('a')], [thread('a', { status: active }), thread('b')]);
    expect(noticesOf(before, after, away)).toEqual([
      {
        threadId: 'a',
        kind: 'approval',
        title: 'fix a needs your approval',
        body: 'Run: rm -rf build',
        tag: 'tandem:a',
        key: 'item/commandExecution/requestApproval:a:t1:c1',
      },
      {
        threadId: 'a',
        kind: 'question',
        title: 'fix a has a question',
        body: 'Which folder?',
        tag: 'tandem:a',
        key: 'item/tool/requestUserInput:a:t1:q1',
      },
    ]);
  });

  it('nothing for the thread in view while the window has focus; everything when it has not', () => {
    const before = snap([], [thread('a', { status: active })]);
    const after = snap([command('a')], [thread('a', { status: active })]);
    expect(noticesOf(before, after, { selected: 'a', attending: true })).toEqual([]);
    expect(noticesOf(before, after, { selected: 'a', attending: false }).map((n) => n.kind)).toEqual(['approval']);
    expect(noticesOf(before, after, { selected: null, attending: true }).map((n) => n.kind)).toEqual(['approval']);
  });

  it('the same approval asked again (a new request id after a resume) notifies once', () => {
    const t = [thread('a', { status: active })];
    const first = noticesOf(snap([], t), snap([command('a', 'c1', 1)], t), away);
    expect(first).toHaveLength(1);
    expect(noticesOf(snap([command('a', 'c1', 1)], t), snap([command('a', 'c1', 2)], t), away)).toEqual([]);
    // After a reconnect empties the list and the server sends it again: the keys notified before.
    const notified = new Set(first.map((n) => n.key));
    expect(noticesOf(snap([], t), snap([command('a', 'c1', 3)], t), away, notified)).toEqual([]);
  });

  it('a turn that ends notifies: finished, or failed (its last turn failed, or a system error)', () => {
    const running = snap(
      [],
      [thread('a', { status: active }), thread('c', { status: active }), thread('d', { status: active })],
    );
    const ended = snap(
      [],
      [thread('a'), thread('c', { failed: true }), thread('d', { status: { type: 'systemError' } })],
    );
    expect(noticesOf(running, ended, away).map((n) => [n.threadId, n.kind, n.title])).toEqual([
      ['a', 'finished', 'fix a finished'],
      ['c', 'failed', 'fix c failed'],
      ['d', 'failed', 'fix d failed'],
    ]);
    expect(noticesOf(running, ended, { selected: 'a', attending: true }).map((n) => n.threadId)).toEqual(['c', 'd']);
  });

  it('no notice for threads that appear, stay as they were, start, or are unloaded', () => {
    const idle = snap([], [thread('a')]);
    expect(noticesOf(snap([], []), snap([], [thread('a', { status: active })]), away)).toEqual([]);
    expect(noticesOf(idle, idle, away)).toEqual([]);
    expect(noticesOf(idle, snap([], [thread('a', { status: active })]), away)).toEqual([]);
    expect(
      noticesOf(
        snap([], [thread('a', { status: active })]),
        snap([], [thread('a', { status: { type: 'notLoaded' } })]),
        away,
      ),
    ).toEqual([]);
  });

  it('a name beats the preview in the title', () => {
    const before = snap([], [thread('a', { status: active, name: 'Release notes' })]);
    const after = snap([], [thread('a', { name: 'Release notes' })]);
    expect(noticesOf(before, after, away)[0]?.title).toBe('Release notes finished');
  });

  it('the badge counts every waiting approval and question; the title carries it', () => {
    expect(badgeCount([command('a'), question('b')])).toBe(2);
    expect(titleWithBadge(2)).toBe('(2) Tandem');
    expect(titleWithBadge(0)).toBe('Tandem');
  });
});
