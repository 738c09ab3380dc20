/**
 * The reviews' state and its dispatch, for the review components wherever the transcript puts
 * them (the app provides it; see state/reviews.ts for why the choices live there).
 */
import { createContext, useContext } from 'react';
import type { ReviewsAction, ReviewsState } from '../../state/reviews';

export interface ReviewsStore {
  state: ReviewsState;
  dispatch: (action: ReviewsAction) => void;
}

export const ReviewsContext = createContext<ReviewsStore | null>(null);

export function useReviews(): ReviewsStore {
  const store = useContext(ReviewsContext);
  if (!store) throw new Error('A review needs the app’s ReviewsContext');
  return store;
}
