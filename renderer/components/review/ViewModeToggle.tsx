/**
 * Inline / side by side, for every diff at once (a preference kept in the app state). Where the
 * width forces inline, the button says so instead of doing nothing.
 */
import { SIDE_BY_SIDE_MIN_WIDTH } from './diff-options';
import { useReviews } from './reviews-context';

export function ViewModeToggle({ fits }: { fits: boolean }): React.JSX.Element {
  const { state, dispatch } = useReviews();
  const inline = state.inline || !fits;
  return (
    <button
      onClick={() => dispatch({ type: 'diffViewMode', inline: !state.inline })}
      disabled={!fits}
      title={
        fits
          ? undefined
          : `Too narrow for side by side (it needs ${SIDE_BY_SIDE_MIN_WIDTH} px): shown inline. Widen the window to compare side by side.`
      }
    >
      {inline ? 'Side-by-side view' : 'Inline view'}
    </button>
  );
}
