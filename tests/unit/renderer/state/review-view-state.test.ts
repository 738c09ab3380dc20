/** The review view's state (renderer/state/reviews.ts): file states, edits, opening and closing. */
import { describe, expect, it } from 'vitest';
import { reduceApp } from '../../../../renderer/state/app';
import {
  answerOf,
  deserializeReviews,
  fileStateOf,
  reviewShown,
  serializeReviews,
} from '../../../../renderer/state/reviews';
import { KEY, rejectedOne, review } from '../../../helpers/review-state';

describe('the review view’s state', () => {
  it('gives each file its state: pending until decided, partly, rejected, accepted, edited', () => {
    let s = rejectedOne();
    const r = () => s.reviews.byKey[KEY]!;
    expect(fileStateOf(r(), '/w/code.txt')).toBe('partly');
    expect(fileStateOf(r(), '/w/new.md')).toBe('pending');
    s = reduceApp(s, review({ type: 'hunksChosen', key: KEY, path: '/w/code.txt', hunk: 'all', accepted: false }));
    expect(fileStateOf(r(), '/w/code.txt')).toBe('rejected');
    s = reduceApp(s, review({ type: 'hunksChosen', key: KEY, path: '/w/new.md', hunk: 0, accepted: true }));
    expect(fileStateOf(r(), '/w/new.md')).toBe('accepted');
    s = reduceApp(s, review({ type: 'fileEdited', key: KEY, path: '/w/code.txt', content: 'mine\n' }));
    expect(fileStateOf(r(), '/w/code.txt')).toBe('edited');
    // The answer: pending counts as accepted; the edit goes along.
    expect(answerOf(r())).toEqual({
      hunks: [
        { path: '/w/code.txt', accepted: [false, false] },
        { path: '/w/new.md', accepted: [true] },
      ],
      edits: [{ path: '/w/code.txt', content: 'mine\n' }],
    });
    // Edits survive a reload; undoing them leaves none.
    expect(deserializeReviews(serializeReviews(s.reviews))[0]?.edits).toEqual({ '/w/code.txt': 'mine\n' });
    s = reduceApp(s, review({ type: 'fileEdited', key: KEY, path: '/w/code.txt', content: null }));
    expect(answerOf(r()).edits).toEqual([]);
  });

  it('shows the pending change by itself until the user closes it; then only the user opens it again', () => {
    let s = rejectedOne();
    const other = `${KEY}-2`;
    expect(reviewShown(s.reviews, [KEY, other])).toBe(KEY);
    s = reduceApp(s, review({ type: 'reviewClosed', key: KEY }));
    expect(reviewShown(s.reviews, [KEY])).toBeNull();
    expect(reviewShown(s.reviews, [KEY, other])).toBe(other);
    s = reduceApp(s, review({ type: 'reviewOpened', key: KEY }));
    expect(reviewShown(s.reviews, [KEY, other])).toBe(KEY);
    expect(s.reviews.open).toBe(KEY);
    // Settled: the view goes with it.
    s = reduceApp(s, review({ type: 'reviewSettled', key: KEY }));
    expect(s.reviews.open).toBeNull();
    expect(s.reviews.byKey[KEY]).toBeUndefined();
  });
});
