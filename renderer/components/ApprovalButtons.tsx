/**
 * Approve / Approve for session / Decline — the same answers everywhere an approval is asked; on
 * an engine that says which answers it takes (Codex's `availableDecisions`), only those.
 */
import type { ApprovalDecision } from '../../protocol/schema/approval';

/** Keyboard shortcuts for the answers. */
export const APPROVAL_KEYS: Record<string, ApprovalDecision> = { a: 'accept', s: 'acceptForSession', d: 'decline' };

const DEFAULT_ANSWERS: ApprovalDecision[] = ['accept', 'acceptForSession', 'decline'];
const LABELS: Record<ApprovalDecision, string> = {
  accept: 'Approve',
  acceptForSession: 'Approve for session',
  decline: 'Decline',
  cancel: 'Decline and stop the turn',
};

/** The plain decisions among an engine's `availableDecisions` (amendment objects aside); default all but cancel. */
export function offeredDecisions(available: readonly unknown[] | null | undefined): ApprovalDecision[] {
  if (!available) return DEFAULT_ANSWERS;
  return (Object.keys(LABELS) as ApprovalDecision[]).filter((d) => available.includes(d));
}

export function ApprovalButtons({
  onAnswer,
  offered = DEFAULT_ANSWERS,
}: {
  onAnswer: (d: ApprovalDecision) => void;
  offered?: ApprovalDecision[];
}): React.JSX.Element {
  return (
    <div className="buttons">
      {offered.map((d) => (
        <button key={d} onClick={() => onAnswer(d)}>
          {LABELS[d]}
        </button>
      ))}
    </div>
  );
}
