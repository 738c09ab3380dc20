/**
 * A file change awaiting approval on an engine without Tandem's per-hunk review (Codex): the
 * change as the item carries it, each file's unified diff read-only, and one decision for the
 * whole change — Codex's approval covers the whole patch.
 */
import type { ApprovalDecision } from '../../../protocol/schema/approval';
import type { FileUpdateChange } from '../../../protocol/schema/item';
import { APPROVAL_KEYS, ApprovalButtons } from '../ApprovalButtons';

const KIND = { add: 'A', delete: 'D', update: 'M' } as const;

export function WholeChangeReview(props: {
  /** The item's changes; null while the item has not arrived. */
  changes: FileUpdateChange[] | null;
  engine: string;
  onAnswer: (decision: ApprovalDecision) => void;
}): React.JSX.Element {
  return (
    <div
      className="review whole-change"
      tabIndex={0}
      onKeyDown={(e) => {
        const d = APPROVAL_KEYS[e.key];
        if (d && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          props.onAnswer(d);
        }
      }}
    >
      <p className="muted">
        {props.engine} asks about the whole change: approve or decline all of it (reviewing hunk by hunk needs
        Tandem&apos;s engine).
      </p>
      {props.changes === null ? (
        <p className="muted">The change&apos;s files have not arrived yet.</p>
      ) : (
        <ul className="files" aria-label="Changed files">
          {props.changes.map((c) => (
            <li key={c.path}>
              <div>
                {KIND[c.kind.type]} {c.path}
                {c.kind.type === 'update' && c.kind.move_path ? ` → ${c.kind.move_path}` : ''}
              </div>
              <pre className="diff" aria-label={`Diff of ${c.path}`}>
                {c.diff}
              </pre>
            </li>
          ))}
        </ul>
      )}
      <ApprovalButtons onAnswer={props.onAnswer} />
    </div>
  );
}
