/**
 * The review view's side column: every file of the change with its state (pending / accepted /
 * rejected / partly / edited) and counts, and the shown file's hunks, each a link into the editor
 * with its own Accept hunk / Reject hunk.
 */
import { memo } from 'react';
import type { FileChangeContents } from '../../../protocol/schema/tandem';
import { fileStateOf, type Review } from '../../state/reviews';

const counted = new WeakMap<FileChangeContents, { added: number; removed: number }>();

/** Lines a file's change adds and removes, from its hunks (counted once per file: the list renders often). */
export function countsOf(file: FileChangeContents): { added: number; removed: number } {
  let c = counted.get(file);
  if (!c) counted.set(file, (c = count(file)));
  return c;
}

function count(file: FileChangeContents): { added: number; removed: number } {
  if (file.kind !== 'update') {
    const n = file.hunks[0]?.lines.filter((l, i, all) => i < all.length - 1 || l !== '').length ?? 0;
    return file.kind === 'add' ? { added: n, removed: 0 } : { added: 0, removed: n };
  }
  let added = 0;
  let removed = 0;
  for (const h of file.hunks)
    for (const l of h.lines) {
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
    }
  return { added, removed };
}

const KIND = { add: 'A', delete: 'D', update: 'M' } as const;
const KIND_NAME = { add: 'added', delete: 'deleted', update: 'modified' } as const;

/** The last part of a path, and the folder before it. */
export function splitPath(path: string): { name: string; folder: string } {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { name: path.slice(at + 1), folder: at > 0 ? path.slice(0, at) : '' };
}

/** One hunk in the list; memoised, so moving between hunks re-renders two rows, not all of them. */
const HunkRow = memo(function HunkRow(props: {
  index: number;
  header: string;
  choice: boolean | null;
  current: boolean;
  edited: boolean;
  onShow: (index: number) => void;
  onChoose: (hunk: number, accepted: boolean) => void;
}): React.JSX.Element {
  const { index: i, choice, edited } = props;
  const state = choice === null ? 'pending' : choice ? 'accepted' : 'rejected';
  return (
    <li
      data-accepted={choice ?? true}
      data-state={state}
      aria-label={`Hunk ${i + 1}`}
      aria-current={props.current ? 'true' : undefined}
    >
      <button className="link" onClick={() => props.onShow(i)}>
        {props.header}
      </button>
      <span className={`review-state state-${state}`}>{state}</span>
      <span className="hunk-buttons">
        <button onClick={() => props.onChoose(i, true)} disabled={edited || choice === true}>
          Accept hunk
        </button>
        <button onClick={() => props.onChoose(i, false)} disabled={edited || choice === false}>
          Reject hunk
        </button>
      </span>
    </li>
  );
});

/** Memoised: a render of the view that changes nothing here does not re-render it. */
export const ReviewFiles = memo(function ReviewFiles(props: {
  files: FileChangeContents[];
  review: Review;
  current: number;
  currentHunk: number;
  onShowFile: (index: number) => void;
  onShowHunk: (index: number) => void;
  onChoose: (hunk: number, accepted: boolean) => void;
}): React.JSX.Element {
  const { files, review, current } = props;
  const file = files[current];
  const choices = (file && review.files[file.path]) || [];
  const edited = file ? review.edits?.[file.path] !== undefined : false;
  return (
    <div className="review-side">
      <h3 className="review-side-title">Files ({files.length})</h3>
      <ul className="review-files" aria-label="Changed files">
        {files.map((f, i) => {
          const state = fileStateOf(review, f.path);
          const { added, removed } = countsOf(f);
          const { name, folder } = splitPath(f.movePath ?? f.path);
          const decided = (review.files[f.path] ?? []).filter((v) => v !== null).length;
          return (
            <li key={f.path} aria-label={f.movePath ?? f.path} data-state={state}>
              <button
                className="review-file"
                aria-current={i === current ? 'true' : undefined}
                onClick={() => props.onShowFile(i)}
                title={f.movePath ?? f.path}
              >
                <span className={`review-kind kind-${f.kind}`} title={KIND_NAME[f.kind]} aria-label={KIND_NAME[f.kind]}>
                  {KIND[f.kind]}
                </span>
                <span className="review-file-name">
                  {name}
                  {folder ? <span className="review-file-folder">{folder}</span> : null}
                </span>
                <span className="review-file-meta">
                  <span className={`review-state state-${state}`}>{state}</span>
                  <span className="review-counts">
                    <span className="added">+{added}</span> <span className="removed">−{removed}</span>
                  </span>
                  <span className="review-decided">
                    {decided}/{f.hunks.length} decided
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {file ? (
        <>
          <h3 className="review-side-title">
            Hunks ({file.hunks.length}){edited ? ' — edited: written as shown' : ''}
          </h3>
          <ol className="hunks" aria-label="Hunks">
            {file.hunks.map((h, i) => (
              <HunkRow
                key={i}
                index={i}
                header={h.header}
                choice={choices[i] ?? null}
                current={i === props.currentHunk}
                edited={edited}
                onShow={props.onShowHunk}
                onChoose={props.onChoose}
              />
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
});
