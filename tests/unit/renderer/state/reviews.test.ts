/** The pending reviews' choices (renderer/state/reviews.ts). */
import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../../protocol/methods';
import { reduceApp } from '../../../../renderer/state/app';
import { selectionOf } from '../../../../renderer/state/reviews';
import { approval, files, KEY, rejectedOne, review, T } from '../../../helpers/review-state';

const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;

describe('review choices', () => {
  it('start all accepted, and the answer carries exactly the choices made', () => {
    const s = rejectedOne();
    expect(selectionOf(s.reviews.byKey[KEY]!, files)).toEqual([
      { path: '/w/code.txt', accepted: [false, true] },
      { path: '/w/new.md', accepted: [true] },
    ]);
  });

  it('outlive the review component: loading the same review again keeps them', () => {
    const s = reduceApp(
      rejectedOne(),
      review({ type: 'reviewLoaded', threadId: T, turnId: 'turn-1', itemId: 'patch-1', files }),
    );
    expect(s.reviews.byKey[KEY]?.files['/w/code.txt']).toEqual([false, null]);
  });

  it('are kept for a re-sent approval (new request id, same item), which replaces the old card', () => {
    let s = reduceApp(rejectedOne(), { type: 'approvalRequested', approval: approval(99) });
    expect(s.approvals.pending.map((a) => a.requestId)).toEqual([99]);
    // The old request resolving (the server re-sent it) is not a decision.
    s = reduceApp(s, {
      type: 'notifications',
      at: 0,
      batch: [n('serverRequest/resolved', { threadId: T, requestId: 7 })],
    });
    expect(s.reviews.byKey[KEY]?.files['/w/code.txt']).toEqual([false, null]);
  });

  it('start over when the files no longer fit them (what is shown is what is sent)', () => {
    const s = reduceApp(
      rejectedOne(),
      review({
        type: 'reviewLoaded',
        threadId: T,
        turnId: 'turn-1',
        itemId: 'patch-1',
        files: [{ path: '/w/code.txt', hunks: 3 }],
      }),
    );
    expect(s.reviews.byKey[KEY]?.files).toEqual({ '/w/code.txt': [null, null, null] });
  });

  it('go once the approval is settled: answered here, its item completed, its turn ended, or the thread shows it finished', () => {
    expect(reduceApp(rejectedOne(), { type: 'approvalAnswered', requestId: 7 }).reviews.byKey).toEqual({});
    const item = { type: 'fileChange', id: 'patch-1', changes: [], status: 'completed' };
    expect(
      reduceApp(rejectedOne(), {
        type: 'notifications',
        at: 0,
        batch: [n('item/completed', { threadId: T, turnId: 'turn-1', item, completedAtMs: 2 })],
      }).reviews.byKey,
    ).toEqual({});
    expect(
      reduceApp(rejectedOne(), {
        type: 'notifications',
        at: 0,
        batch: [n('turn/completed', { threadId: T, turn: { id: 'turn-1', items: [], status: 'interrupted' } })],
      }).reviews.byKey,
    ).toEqual({});
    const thread = {
      id: T,
      sessionId: T,
      preview: '',
      ephemeral: false,
      modelProvider: 'openai',
      createdAt: 1,
      updatedAt: 1,
      status: { type: 'idle' as const },
      cwd: '/w',
      cliVersion: 't',
      source: 'appServer',
      projectId: null,
    };
    const declined = { id: 'turn-1', items: [{ ...item, status: 'declined' as const }], status: 'inProgress' as const };
    expect(
      reduceApp(rejectedOne(), { type: 'opened', thread: { ...thread, turns: [declined] } } as never).reviews.byKey,
    ).toEqual({});
    // Still pending on the server: kept.
    const pending = { ...declined, items: [{ ...item, status: 'inProgress' as const }] };
    expect(
      reduceApp(rejectedOne(), { type: 'opened', thread: { ...thread, turns: [pending] } } as never).reviews.byKey[KEY],
    ).toBeDefined();
  });

  it('keep the file shown, the view mode and each file’s editor view, dropping the views with the review', () => {
    let s = reduceApp(rejectedOne(), review({ type: 'reviewFileShown', key: KEY, index: 1 }));
    s = reduceApp(s, review({ type: 'diffViewMode', inline: true }));
    s = reduceApp(s, review({ type: 'reviewViewSaved', key: KEY, path: '/w/new.md', view: { scrollTop: 120 } }));
    expect(s.reviews.byKey[KEY]?.current).toBe(1);
    expect(s.reviews.inline).toBe(true);
    expect(Object.values(s.reviews.views)).toEqual([{ scrollTop: 120 }]);
    s = reduceApp(s, { type: 'approvalAnswered', requestId: 7 });
    expect(s.reviews.views).toEqual({});
    expect(s.reviews.inline).toBe(true);
  });
});

describe('a later turn reusing an item id', () => {
  it('starts its review afresh (item ids are the model’s call ids)', () => {
    const s = reduceApp(
      rejectedOne(),
      review({ type: 'reviewLoaded', threadId: T, turnId: 'turn-2', itemId: 'patch-1', files }),
    );
    expect(s.reviews.byKey[KEY]).toMatchObject({ turnId: 'turn-2', files: { '/w/code.txt': [null, null] } });
  });
});
