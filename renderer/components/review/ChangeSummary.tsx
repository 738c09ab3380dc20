/**
 * A file change awaiting approval, as the transcript shows it: its files with +/- counts, a
 * "Review changes" button that opens the review view, and Approve / Decline, which answer with the
 * choices made in the review (every hunk, if none were made).
 */
import type { ApprovalDecision, FileEdit, HunkSelection } from '../../../protocol/schema/approval';
import type { FileUpdateChange } from '../../../protocol/schema/item';
import { answerOf, fileStateOf, reviewKey } from '../../state/reviews';
import { ApprovalButtons } from '../ApprovalButtons';
import { useReviews } from './reviews-context';

const KIND = { add: 'A', delete: 'D', update: 'M' } as const;

const counted = new WeakMap<FileUpdateChange, { added: number; removed: number }>();

/** Lines a change adds and removes, from the item's diff (counted once per change: the card renders often). */
function countsOf(c: FileUpdateChange): { added: number; removed: number } {
  let n = counted.get(c);
  if (!n) counted.set(c, (n = count(c)));
  return n;
}

function count(c: FileUpdateChange): { added: number; removed: number } {
  const lines = c.diff.split('\n');
  if (c.kind.type !== 'update') {
    const n = lines.length - (lines.at(-1) === '' ? 1 : 0);
    return c.kind.type === 'add' ? { added: n, removed: 0 } : { added: 0, removed: n };
  }
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.startsWith('+') && !l.startsWith('+++')) added++;
    else if (l.startsWith('-') && !l.startsWith('---')) removed++;
  }
  return { added, removed };
}

export function ChangeSummary(props: {
  approval: { threadId: string; itemId: string };
  changes: FileUpdateChange[] | null;
  onAnswer: (decision: ApprovalDecision, hunks?: HunkSelection[], edits?: FileEdit[]) => void;
}): React.JSX.Element {
  const { state, dispatch } = useReviews();
  const key = reviewKey(props.approval.threadId, props.approval.itemId);
  const review = state.byKey[key];
  const answer = (d: ApprovalDecision): void => {
    if (!review) return props.onAnswer(d);
    const { hunks, edits } = answerOf(review);
    props.onAnswer(d, hunks, edits);
  };
  return (
    <div className="change-summary">
      {props.changes === null ? (
        <p className="muted">The change&apos;s files have not arrived yet.</p>
      ) : (
        <ul className="files change-summary-files" aria-label="Changed files">
          {props.changes.map((c) => {
            const { added, removed } = countsOf(c);
            const state = review ? fileStateOf(review, c.path) : 'pending';
            return (
              <li key={c.path}>
                <span className="change-summary-kind">{KIND[c.kind.type]}</span> {c.path}
                {c.kind.type === 'update' && c.kind.move_path ? ` → ${c.kind.move_path}` : ''}{' '}
                <span className="added">+{added}</span> <span className="removed">−{removed}</span>{' '}
                <span className={`review-state state-${state}`}>{state}</span>
              </li>
            );
          })}
        </ul>
      )}
      <div className="buttons">
        <button className="primary" onClick={() => dispatch({ type: 'reviewOpened', key })}>
          <span className="codicon codicon-diff" aria-hidden="true" /> Review changes
        </button>
      </div>
      <ApprovalButtons onAnswer={answer} />
    </div>
  );
}
