/** The threads list the sidebar shows (renderer/state/threads.ts), as the app's reducer keeps it. */
import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import { initialState, reduceApp } from '../../../../renderer/state/app';
import { dotOf, projectsOf } from '../../../../renderer/state/threads';
import { thread } from '../../../helpers/thread-summary';

const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;
const turn = { id: 'turn-1', items: [], status: 'inProgress' as const };

describe('app state', () => {
  it('groups threads by folder, newest first, with status dots, search and archive', () => {
    let s = reduceApp(initialState, {
      type: 'listed',
      archived: false,
      threads: [
        thread('a', '/x', 1, { name: 'Fix build' }),
        thread('b', '/y', 3),
        thread('c', '/x', 2, { preview: 'add tests' }),
      ],
    });
    expect(projectsOf(s.threads, { archived: false, search: '' })).toEqual([
      { cwd: '/y', threads: [expect.objectContaining({ id: 'b' })] },
      { cwd: '/x', threads: [expect.objectContaining({ id: 'c' }), expect.objectContaining({ id: 'a' })] },
    ]);
    expect(
      projectsOf(s.threads, { archived: false, search: 'BUILD' }).flatMap((p) => p.threads.map((t) => t.id)),
    ).toEqual(['a']);
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [
        n('thread/status/changed', { threadId: 'a', status: { type: 'active', activeFlags: ['waitingOnApproval'] } }),
        n('thread/status/changed', { threadId: 'b', status: { type: 'active', activeFlags: [] } }),
        n('turn/completed', { threadId: 'c', turn: { ...turn, status: 'failed' } }),
        n('thread/archived', { threadId: 'b' }),
        n('thread/name/updated', { threadId: 'c', threadName: 'Tests' }),
      ],
    });
    expect(dotOf(s.threads.byId.a!)).toBe('waiting');
    expect(dotOf(s.threads.byId.b!)).toBe('running');
    expect(dotOf(s.threads.byId.c!)).toBe('failed');
    expect(s.threads.byId.c?.name).toBe('Tests');
    // A question from the agent waits on the user as an approval does.
    const asking = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [
        n('thread/status/changed', { threadId: 'b', status: { type: 'active', activeFlags: ['waitingOnUserInput'] } }),
      ],
    });
    expect(dotOf(asking.threads.byId.b!)).toBe('waiting');
    expect(projectsOf(s.threads, { archived: true, search: '' }).flatMap((p) => p.threads.map((t) => t.id))).toEqual([
      'b',
    ]);
  });

  it('drops a deleted thread from the sidebar and shows a closed one as not loaded', () => {
    let s = reduceApp(initialState, {
      type: 'listed',
      archived: false,
      threads: [thread('a', '/x', 1), thread('b', '/x', 2, { status: { type: 'idle' } })],
    });
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [
        n('thread/deleted', { threadId: 'a' }),
        n('thread/closed', { threadId: 'b' }),
        n('thread/deleted', { threadId: 'zzz' }),
      ],
    });
    expect(projectsOf(s.threads, { archived: false, search: '' })).toEqual([
      { cwd: '/x', threads: [expect.objectContaining({ id: 'b', status: { type: 'notLoaded' } })] },
    ]);
  });
});
