/** Approve / Approve for session / Decline — the same three answers everywhere an approval is asked. */
import type { ApprovalDecision } from '../../protocol/schema/approval';

/** Keyboard shortcuts for the three answers. */
export const APPROVAL_KEYS: Record<string, ApprovalDecision> = { a: 'accept', s: 'acceptForSession', d: 'decline' };

export function ApprovalButtons({ onAnswer }: { onAnswer: (d: ApprovalDecision) => void }): React.JSX.Element {
  return (
    <div className="buttons">
      <button onClick={() => onAnswer('accept')}>Approve</button>
      <button onClick={() => onAnswer('acceptForSession')}>Approve for session</button>
      <button onClick={() => onAnswer('decline')}>Decline</button>
    </div>
  );
}
