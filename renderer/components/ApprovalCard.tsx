/** One approval: what would run or change, and the user's answer (buttons or a, s, d keys). */
import type { ApprovalDecision, HunkSelection } from '../../protocol/schema/approval';
import type { FileUpdateChange } from '../../protocol/schema/item';
import type { FileChangeContents } from '../../protocol/schema/tandem';
import type { Approval } from '../state/approvals';
import { APPROVAL_KEYS, ApprovalButtons, offeredDecisions } from './ApprovalButtons';
// A static import: the review is a few kB (Monaco loads on its own, see review/monaco.ts), and
// behind React.lazy a Suspense boundary holds the review back ~300 ms (React's fallback throttle).
import { DiffReview } from './review/DiffReview';
import { WholeChangeReview } from './review/WholeChangeReview';
import { useEngine } from './engine-context';

export function ApprovalCard({
  approval,
  onAnswer,
  loadChanges,
  changes,
}: {
  approval: Approval;
  onAnswer: (d: ApprovalDecision, hunks?: HunkSelection[]) => void;
  loadChanges: () => Promise<FileChangeContents[]>;
  /** The file change item's changes as the transcript has them (null: not arrived), for engines without per-hunk review. */
  changes: FileUpdateChange[] | null;
}): React.JSX.Element {
  const engine = useEngine();
  if (approval.method === 'item/fileChange/requestApproval') {
    return (
      <section className="approval" role="group" aria-label="Approval request">
        <div className="item-title">Review these file changes</div>
        {approval.params.reason ? <p className="muted">{approval.params.reason}</p> : null}
        {engine.kind === 'tandem' ? (
          <DiffReview approval={approval.params} load={loadChanges} onAnswer={onAnswer} />
        ) : (
          <WholeChangeReview changes={changes} engine={engine.name} onAnswer={(d) => onAnswer(d)} />
        )}
      </section>
    );
  }
  const offered = offeredDecisions(approval.params.availableDecisions);
  return (
    <section
      className="approval"
      role="group"
      aria-label="Approval request"
      tabIndex={0}
      onKeyDown={(e) => {
        const d = APPROVAL_KEYS[e.key];
        if (d && offered.includes(d) && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          onAnswer(d);
        }
      }}
    >
      <div className="item-title">Run this command?</div>
      <pre className="command-line">{approval.params.command}</pre>
      <div className="muted">in {approval.params.cwd}</div>
      {approval.params.reason ? <p className="muted">{approval.params.reason}</p> : null}
      <ApprovalButtons onAnswer={onAnswer} offered={offered} />
    </section>
  );
}
