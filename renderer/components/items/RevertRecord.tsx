/**
 * A revert the user made in the Changes panel (or its undo), as the thread records it: a
 * fileChange item whose id marks it (protocol/schema/tandem.ts). Says which files went back, shows
 * each file's change on demand, and offers "Undo revert" until it is undone.
 */
import { useContext, useState } from 'react';
import type { FileChangeItem } from '../../../protocol/schema/item';
import { REVERT_ITEM_PREFIX, UNDO_ITEM_PREFIX } from '../../../protocol/schema/tandem';
import { ItemActionsContext } from './item-actions';
import { shownPath } from './ReadItem';
import './items.css';

export const isRevertRecord = (item: FileChangeItem): boolean =>
  item.id.startsWith(REVERT_ITEM_PREFIX) || item.id.startsWith(UNDO_ITEM_PREFIX);

export function RevertRecord({ item }: { item: FileChangeItem }): React.JSX.Element {
  const actions = useContext(ItemActionsContext);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const isUndo = item.id.startsWith(UNDO_ITEM_PREFIX);
  const names = item.changes.map((c) => (actions.cwd ? shownPath(c.path, actions.cwd) : c.path));
  const title = isUndo
    ? `Undid a revert: the agent's version of ${names.join(', ')} is back`
    : `Reverted ${names.join(', ')} to before the turn`;
  const undone = actions.undone.has(item.id);
  const undo = (): void => {
    if (!actions.undoRevert) return;
    setBusy(true);
    setProblem(null);
    actions.undoRevert(item.id).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setProblem(e instanceof Error ? e.message : String(e));
      },
    );
  };
  return (
    <div
      className="item revert-record"
      data-kind={isUndo ? 'undo' : 'revert'}
      aria-label={isUndo ? 'Undo of a revert' : 'Revert'}
    >
      <div className="revert-title">
        <span aria-hidden="true">{isUndo ? '↷' : '↶'}</span> {title}
        {!isUndo && undone ? <span className="muted"> · undone</span> : null}
        {!isUndo && !undone && actions.undoRevert ? (
          <button className="small" onClick={undo} disabled={busy}>
            Undo revert
          </button>
        ) : null}
      </div>
      {problem ? <p className="error">{problem}</p> : null}
      <details>
        <summary className="muted">What changed</summary>
        {item.changes.map((c, i) => (
          <div key={c.path}>
            <code>
              {c.kind.type === 'add' ? 'A' : c.kind.type === 'delete' ? 'D' : 'M'} {names[i]}
            </code>
            <pre className="diff">{c.diff}</pre>
          </div>
        ))}
      </details>
    </div>
  );
}
