/**
 * The pending reviews' choices (renderer/state/reviews.ts), their persistence across a reload
 * (state/review-storage.ts over a storage double), and where each hunk sits
 * (state/hunk-lines.ts). The reload e2e test waits for the server to re-send pending approvals;
 * this is the renderer's half of it.
 */
import { describe, expect, it } from 'vitest';
import type { ServerNotification } from '../../../protocol/methods';
import { loadInline, loadReviews, saveInline, saveReviews } from '../../../renderer/state/review-storage';
import { initialState, reduceApp, type AppState } from '../../../renderer/state/app';
import type { Approval } from '../../../renderer/state/approvals';
import { hunkLines } from '../../../renderer/state/hunk-lines';
import {
  deserializeReviews,
  reviewKey,
  selectionOf,
  serializeReviews,
  type ReviewsAction,
} from '../../../renderer/state/reviews';

const T = 'thread-1';
const files = [
  { path: '/w/code.txt', hunks: 2 },
  { path: '/w/new.md', hunks: 1 },
];
const approval = (requestId: number): Approval => ({
  requestId,
  method: 'item/fileChange/requestApproval',
  params: { threadId: T, turnId: 'turn-1', itemId: 'patch-1', startedAtMs: 1 },
});
const review = (action: ReviewsAction) => ({ type: 'review' as const, action });
const n = (method: ServerNotification['method'], params: unknown): ServerNotification =>
  ({ method, params }) as ServerNotification;
const KEY = reviewKey(T, 'patch-1');

/** A pending review with hunk 1 of code.txt rejected. */
function rejectedOne(): AppState {
  let s = reduceApp(initialState, { type: 'approvalRequested', approval: approval(7) });
  s = reduceApp(s, review({ type: 'reviewLoaded', threadId: T, turnId: 'turn-1', itemId: 'patch-1', files }));
  return reduceApp(s, review({ type: 'hunksChosen', key: KEY, path: '/w/code.txt', hunk: 0, accepted: false }));
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, v);
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
}

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
    expect(s.reviews.byKey[KEY]?.files['/w/code.txt']).toEqual([false, true]);
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
    expect(s.reviews.byKey[KEY]?.files['/w/code.txt']).toEqual([false, true]);
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
    expect(s.reviews.byKey[KEY]?.files).toEqual({ '/w/code.txt': [true, true, true] });
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

describe('review choices across a reload', () => {
  it('are saved per server, restored into a fresh page’s state, and used when the approval comes again', () => {
    const storage = new MemoryStorage();
    saveReviews(storage, '/home/a', rejectedOne().reviews);
    expect(loadReviews(storage, '/home/b')).toEqual([]); // another server's threads never get them

    // The reloaded page: empty state, restored choices, then the re-sent approval (new id) loads.
    let s = reduceApp(initialState, review({ type: 'reviewsRestored', reviews: loadReviews(storage, '/home/a') }));
    s = reduceApp(s, { type: 'approvalRequested', approval: approval(1) });
    s = reduceApp(s, review({ type: 'reviewLoaded', threadId: T, turnId: 'turn-1', itemId: 'patch-1', files }));
    expect(selectionOf(s.reviews.byKey[KEY]!, files)).toEqual([
      { path: '/w/code.txt', accepted: [false, true] },
      { path: '/w/new.md', accepted: [true] },
    ]);

    // Answered: nothing left to keep, the entry goes.
    s = reduceApp(s, { type: 'approvalAnswered', requestId: 1 });
    saveReviews(storage, '/home/a', s.reviews);
    expect(storage.items.size).toBe(0);
  });

  it('never let a restore override choices made on this page', () => {
    const stale = [
      {
        threadId: T,
        turnId: 'turn-1',
        itemId: 'patch-1',
        files: { '/w/code.txt': [true, false], '/w/new.md': [true] },
        current: 0,
      },
    ];
    const s = reduceApp(rejectedOne(), review({ type: 'reviewsRestored', reviews: stale }));
    expect(s.reviews.byKey[KEY]?.files['/w/code.txt']).toEqual([false, true]);
  });

  it('read nothing from unreadable or malformed text, and survive a storage that throws', () => {
    expect(deserializeReviews('{not json')).toEqual([]);
    expect(deserializeReviews(JSON.stringify({ version: 2, reviews: [] }))).toEqual([]);
    expect(
      deserializeReviews(
        JSON.stringify({
          version: 1,
          reviews: [{ threadId: T, itemId: 'x', turnId: 't', current: 0, files: { a: ['yes'] } }],
        }),
      ),
    ).toEqual([]);
    expect(serializeReviews(initialState.reviews)).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadReviews(broken, '/home/a')).toEqual([]);
    expect(() => saveReviews(broken, '/home/a', rejectedOne().reviews)).not.toThrow();
    expect(loadInline(broken)).toBeUndefined();
  });

  it('keep the view mode as a preference', () => {
    const storage = new MemoryStorage();
    expect(loadInline(storage)).toBeUndefined();
    saveInline(storage, true);
    expect(loadInline(storage)).toBe(true);
  });
});

describe('hunk lines', () => {
  it('places each hunk’s added and removed lines, and its first change', () => {
    const [one, two] = hunkLines({
      kind: 'update',
      hunks: [
        { header: '@@ -1,4 +1,5 @@', lines: [' line 1', '-line 2', '+line two', '+line 2b', ' line 3', ' line 4'] },
        { header: '@@ -17,6 +18,5 @@', lines: [' a', ' b', ' c', '-d', ' e', ' f', '\\ No newline at end of file'] },
      ],
    });
    expect(one).toEqual({ added: [{ start: 2, end: 3 }], removed: [{ start: 2, end: 2 }], anchor: 2 });
    expect(two).toEqual({ added: [], removed: [{ start: 20, end: 20 }], anchor: 21 });
  });

  it('treats an added or deleted file as one hunk of bare lines', () => {
    expect(hunkLines({ kind: 'add', hunks: [{ header: 'new file', lines: ['# Todo', '- ship it', ''] }] })).toEqual([
      { added: [{ start: 1, end: 2 }], removed: [], anchor: 1 },
    ]);
    expect(hunkLines({ kind: 'delete', hunks: [{ header: 'deleted file', lines: ['x'] }] })).toEqual([
      { added: [], removed: [{ start: 1, end: 1 }], anchor: 1 },
    ]);
  });
});

describe('a later turn reusing an item id', () => {
  it('starts its review afresh (item ids are the model’s call ids)', () => {
    const s = reduceApp(
      rejectedOne(),
      review({ type: 'reviewLoaded', threadId: T, turnId: 'turn-2', itemId: 'patch-1', files }),
    );
    expect(s.reviews.byKey[KEY]).toMatchObject({ turnId: 'turn-2', files: { '/w/code.txt': [true, true] } });
  });
});
