/**
 * Where the review view lives in the app for now: the pending file change of the thread in view,
 * opened by itself when its approval arrives (once: closed, it opens again only from its card's
 * "Review changes"), in the side pane beside the thread (App.tsx gives it the pane's place while
 * it shows). This file is only the wiring.
 */
import { useCallback } from 'react';
import type { CommandDecision, FileEdit, HunkSelection } from '../../../protocol/schema/approval';
import type { TandemClient } from '../../rpc/client';
import type { Approval } from '../../state/approvals';
import { reviewKey, reviewShown, type ReviewsState } from '../../state/reviews';
import { useReviews } from './reviews-context';
import { ReviewView } from './ReviewView';

const fileChanges = (approvals: Approval[]): Approval[] =>
  approvals.filter((a) => a.method === 'item/fileChange/requestApproval');
const keyOf = (a: Approval): string => reviewKey(a.params.threadId, a.params.itemId);

/** Whether the review view shows for these (the open thread's) pending approvals. */
export function reviewOpenFor(state: ReviewsState, approvals: Approval[]): boolean {
  return reviewShown(state, fileChanges(approvals).map(keyOf)) !== null;
}

export function ReviewPane(props: {
  client: TandemClient | null;
  /** The pending approvals of the thread in view. */
  approvals: Approval[];
  onAnswer: (a: Approval, d: CommandDecision, hunks?: HunkSelection[], edits?: FileEdit[]) => void;
}): React.JSX.Element | null {
  const { state, dispatch } = useReviews();
  const changes = fileChanges(props.approvals);
  // Derived, not dispatched: the view shows in the same render as the approval that asks.
  const key = reviewShown(state, changes.map(keyOf));
  const shown = changes.find((a) => keyOf(a) === key);
  const { client } = props;
  const close = useCallback(() => key && dispatch({ type: 'reviewClosed', key }), [dispatch, key]);
  if (!shown || !client) return null;
  return (
    <div className="review-pane">
      <ReviewView
        key={`${key ?? ''}\u0000${String(shown.requestId)}`}
        approval={shown.params}
        load={async () =>
          (
            await client.request('tandem/fileChange/contents', {
              threadId: shown.params.threadId,
              itemId: shown.params.itemId,
            })
          ).files
        }
        onAnswer={(d, hunks, edits) => props.onAnswer(shown, d, hunks, edits)}
        onClose={close}
      />
    </div>
  );
}
