/**
 * A file change: each file with its kind, path and +/- counts, and its diff inline, coloured by
 * line (collapsible, per file; a big diff shows its first lines until asked for all).
 */
import { memo, useContext } from 'react';
import type { ThreadItem } from '../../../protocol/schema/item';
import { diffCounts, diffLines, headBounded, type DiffLine } from '../../state/item-format';
import { useDisclosures } from '../disclosures-context';
import { ItemActionsContext } from './item-actions';
import { shownPath } from './ReadItem';
import '@vscode/codicons/dist/codicon.css';
import './item-kinds.css';

type FileChange = Extract<ThreadItem, { type: 'fileChange' }>;

const SHOWN_LINES = 400;
const ALL_LINES = 20_000;

const KIND = {
  add: { letter: 'A', word: 'Added' },
  delete: { letter: 'D', word: 'Deleted' },
  update: { letter: 'M', word: 'Modified' },
} as const;

const STATUS: Record<FileChange['status'], { icon: string; word: string }> = {
  // In progress is mostly "waiting for the user's review" (writing itself is instant).
  inProgress: { icon: 'codicon-loading codicon-modifier-spin', word: 'Proposed' },
  completed: { icon: 'codicon-pass', word: 'Applied' },
  failed: { icon: 'codicon-error', word: 'Failed' },
  declined: { icon: 'codicon-circle-slash', word: 'Declined' },
};

const Diff = memo(function Diff({ lines, all, onAll }: { lines: DiffLine[]; all: boolean; onAll: () => void }) {
  const { shown, omitted } = headBounded(lines, all ? ALL_LINES : SHOWN_LINES);
  return (
    <>
      <pre className="diff">
        {shown.map((l, i) => (
          <span key={i} className={`diff-line ${l.kind}`}>
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
      {omitted > 0 ? (
        <div className="diff-omitted">
          {omitted.toLocaleString()} more lines
          {!all ? (
            <button type="button" className="link" onClick={onAll}>
              Show all
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
});

export function FileChangeItem({ item }: { item: FileChange }): React.JSX.Element {
  // Kept in the app state: the windowed transcript unmounts a card scrolled out of view.
  const disclosures = useDisclosures();
  const { cwd } = useContext(ItemActionsContext);
  const key = (path: string): string => `fileChange:${item.id}:${path}`;
  const status = STATUS[item.status];
  const totals = item.changes.reduce(
    (sum, c) => {
      const n = diffCounts(c.diff, c.kind.type);
      return { added: sum.added + n.added, removed: sum.removed + n.removed };
    },
    { added: 0, removed: 0 },
  );
  return (
    <div className="item file-change" data-status={item.status}>
      <div className="item-head">
        <span
          className={`codicon ${status.icon} item-status`}
          role="img"
          aria-label={status.word}
          title={status.word}
        />
        <span className="item-title">
          {item.changes.length === 1 ? '1 file changed' : `${item.changes.length} files changed`}
        </span>
        <span className="counts" aria-label={`${totals.added} lines added, ${totals.removed} removed`}>
          <span className="added">+{totals.added}</span> <span className="removed">−{totals.removed}</span>
        </span>
        <span className="muted item-state">{status.word}</span>
      </div>
      <ul className="files">
        {item.changes.map((c) => {
          const counts = diffCounts(c.diff, c.kind.type);
          const open = !!disclosures.state[key(c.path)];
          const kind = KIND[c.kind.type];
          return (
            <li key={c.path} data-kind={c.kind.type}>
              <div className="file-row">
                <button
                  type="button"
                  className="file-toggle"
                  onClick={() => disclosures.set(key(c.path), !open)}
                  aria-expanded={open}
                  title={c.path}
                >
                  <span className={`codicon ${open ? 'codicon-chevron-down' : 'codicon-chevron-right'}`} aria-hidden />
                  <span className={`file-kind ${c.kind.type}`} title={kind.word}>
                    {kind.letter}
                  </span>{' '}
                  {cwd ? shownPath(c.path, cwd) : c.path}
                </button>
                <span className="counts">
                  <span className="added">+{counts.added}</span> <span className="removed">−{counts.removed}</span>
                </span>
              </div>
              {open ? (
                <Diff
                  lines={diffLines(c.diff, c.kind.type)}
                  all={!!disclosures.state[`${key(c.path)}:all`]}
                  onAll={() => disclosures.set(`${key(c.path)}:all`, true)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
