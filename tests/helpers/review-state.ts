/** The pending review the renderer's review-state unit tests start from: one patch, two files. */
import { initialState, reduceApp, type AppState } from '../../renderer/state/app';
import type { Approval } from '../../renderer/state/approvals';
import { reviewKey, type ReviewsAction } from '../../renderer/state/reviews';

export const T = 'thread-1';
export const files = [
  { path: '/w/code.txt', hunks: 2 },
  { path: '/w/new.md', hunks: 1 },
];
export const approval = (requestId: number): Approval => ({
  requestId,
  method: 'item/fileChange/requestApproval',
  params: { threadId: T, turnId: 'turn-1', itemId: 'patch-1', startedAtMs: 1 },
});
export const review = (action: ReviewsAction) => ({ type: 'review' as const, action });
export const KEY = reviewKey(T, 'patch-1');

/** A pending review with hunk 1 of code.txt rejected. */
export function rejectedOne(): AppState {
  let s = reduceApp(initialState, { type: 'approvalRequested', approval: approval(7) });
  s = reduceApp(s, review({ type: 'reviewLoaded', threadId: T, turnId: 'turn-1', itemId: 'patch-1', files }));
  return reduceApp(s, review({ type: 'hunksChosen', key: KEY, path: '/w/code.txt', hunk: 0, accepted: false }));
}
