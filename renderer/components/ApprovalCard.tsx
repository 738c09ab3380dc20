/** One approval: what would run or change, and the user's answer (buttons or a, s, d keys). */
import type { ApprovalDecision } from '../../protocol/schema/approval';
import type { Approval } from '../state/approvals';

export function ApprovalCard({ approval, onAnswer }: { approval: Approval; onAnswer: (d: ApprovalDecision) => void }): React.JSX.Element {
  const keys: Record<string, ApprovalDecision> = { a: 'accept', s: 'acceptForSession', d: 'decline' };
  return (
    <section
      className="approval"
      role="group"
      aria-label="Approval request"
      tabIndex={0}
      onKeyDown={(e) => {
        const d = keys[e.key];
        if (d && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          onAnswer(d);
        }
      }}
    >
      {approval.method === 'item/commandExecution/requestApproval' ? (
        <>
          <div className="item-title">Run this command?</div>
          <pre className="command-line">{approval.params.command}</pre>
          <div className="muted">in {approval.params.cwd}</div>
        </>
      ) : (
        <div className="item-title">Apply these file changes?</div>
      )}
      {approval.params.reason ? <p className="muted">{approval.params.reason}</p> : null}
      <div className="buttons">
        <button onClick={() => onAnswer('accept')}>Approve</button>
        <button onClick={() => onAnswer('acceptForSession')}>Approve for session</button>
        <button onClick={() => onAnswer('decline')}>Decline</button>
      </div>
    </section>
  );
}
