/** One approval: what would run or change, and the user's answer (buttons or a, s, d keys). */
import { lazy, Suspense } from 'react';
import type { ApprovalDecision, HunkSelection } from '../../protocol/schema/approval';
import type { FileChangeContents } from '../../protocol/schema/tandem';
import type { Approval } from '../state/approvals';
import { APPROVAL_KEYS, ApprovalButtons } from './ApprovalButtons';

// The review (and Monaco with it) loads only when a file change needs approval.
const DiffReview = lazy(() => import('./review/DiffReview').then((m) => ({ default: m.DiffReview })));

export function ApprovalCard({
  approval,
  onAnswer,
  loadChanges,
}: {
  approval: Approval;
  onAnswer: (d: ApprovalDecision, hunks?: HunkSelection[]) => void;
  loadChanges: () => Promise<FileChangeContents[]>;
}): React.JSX.Element {
  if (approval.method === 'item/fileChange/requestApproval') {
    return (
      <section className="approval" role="group" aria-label="Approval request">
        <div className="item-title">Review these file changes</div>
        {approval.params.reason ? <p className="muted">{approval.params.reason}</p> : null}
        <Suspense fallback={<p className="muted">Loading the diff viewer…</p>}>
          <DiffReview load={loadChanges} onAnswer={onAnswer} />
        </Suspense>
      </section>
    );
  }
  return (
    <section
      className="approval"
      role="group"
      aria-label="Approval request"
      tabIndex={0}
      onKeyDown={(e) => {
        const d = APPROVAL_KEYS[e.key];
        if (d && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          onAnswer(d);
        }
      }}
    >
      <div className="item-title">Run this command?</div>
      <pre className="command-line">{approval.params.command}</pre>
      <div className="muted">in {approval.params.cwd}</div>
      {approval.params.reason ? <p className="muted">{approval.params.reason}</p> : null}
      <ApprovalButtons onAnswer={onAnswer} />
    </section>
  );
}
