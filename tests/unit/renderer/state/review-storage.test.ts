/**
 * The review choices' persistence across a reload (state/review-storage.ts over a storage double).
 * The reload e2e test waits for the server to re-send pending approvals; this is the renderer's half of it.
 */
import { describe, expect, it } from 'vitest';
import { loadInline, loadReviews, saveInline, saveReviews } from '../../../../renderer/state/review-storage';
import { initialState, reduceApp } from '../../../../renderer/state/app';
import { deserializeReviews, selectionOf, serializeReviews } from '../../../../renderer/state/reviews';
import { approval, files, KEY, rejectedOne, review, T } from '../../../helpers/review-state';

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
    expect(s.reviews.byKey[KEY]?.files['/w/code.txt']).toEqual([false, null]);
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
