/** One approval: what would run or change, and the user's answer (buttons or a, s, d keys). */
import {
  CommandExecutionRequestApprovalResponse,
  type CommandDecision,
  type FileEdit,
  type HunkSelection,
} from '../../protocol/schema/approval';
import type { FileUpdateChange } from '../../protocol/schema/item';
import type { Approval } from '../state/approvals';
import { APPROVAL_KEYS, ApprovalButtons, offeredDecisions } from './ApprovalButtons';
import { ChangeSummary } from './review/ChangeSummary';
import { WholeChangeReview } from './review/WholeChangeReview';
import { useEngine } from './engine-context';

export function ApprovalCard({
  approval,
  onAnswer,
  changes,
}: {
  approval: Approval;
  onAnswer: (d: CommandDecision, hunks?: HunkSelection[], edits?: FileEdit[]) => void;
  /** The file change item's changes as the transcript has them (null: not arrived), for engines without per-hunk review. */
  changes: FileUpdateChange[] | null;
}): React.JSX.Element {
  const engine = useEngine();
  if (approval.method === 'item/tool/requestUserInput') return <></>; // ThreadView shows a UserInputCard
  if (approval.method === 'item/fileChange/requestApproval') {
    return (
      <section className="approval" role="group" aria-label="Approval request">
        <div className="item-title">Review these file changes</div>
        {approval.params.reason ? <p className="muted">{approval.params.reason}</p> : null}
        {engine.kind === 'tandem' ? (
          // The review itself is the review view (review/ReviewView.tsx); here, its summary.
          <ChangeSummary approval={approval.params} changes={changes} onAnswer={onAnswer} />
        ) : (
          <WholeChangeReview changes={changes} engine={engine.name} onAnswer={(d) => onAnswer(d)} />
        )}
      </section>
    );
  }
  const offered = offeredDecisions(approval.params.availableDecisions);
  const amendments = amendmentsOf(approval.params.availableDecisions);
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
      {amendments.length > 0 ? (
        <div className="buttons">
          {amendments.map((a) => (
            <button key={a.label} onClick={() => onAnswer(a.decision)}>
              {a.label}
            </button>
          ))}
        </div>
      ) : null}
    </section>
  );
}

/**
 * The rule changes an engine offers with a command approval (Codex: approve and allow commands
 * starting like this one from now on), as buttons; a decision this build cannot read is left out.
 */
function amendmentsOf(
  available: readonly unknown[] | null | undefined,
): Array<{ label: string; decision: CommandDecision }> {
  const out: Array<{ label: string; decision: CommandDecision }> = [];
  for (const d of available ?? []) {
    if (typeof d === 'string') continue;
    const parsed = CommandExecutionRequestApprovalResponse.shape.decision.safeParse(d);
    if (!parsed.success || typeof parsed.data === 'string') continue;
    const decision = parsed.data;
    if ('acceptWithExecpolicyAmendment' in decision)
      out.push({
        label: `Approve, and allow \`${shellWords(decision.acceptWithExecpolicyAmendment.execpolicy_amendment)}\` from now on`,
        decision,
      });
  }
  return out;
}

/** An argv as a shell would read it back: words with spaces or quotes single-quoted. */
const shellWords = (argv: readonly string[]): string =>
  argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
