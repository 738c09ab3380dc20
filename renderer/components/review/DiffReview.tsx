/**
 * Reviewing a file change before it is written: each file in Monaco's diff editor, each hunk
 * accepted or rejected (or a whole file at once). Only accepted hunks are written; the answer
 * carries the choices (Tandem's `hunks` extension of the approval). The choices, the file shown
 * and the editor's scroll position live in the app state (state/reviews.ts), keyed by the
 * approval's thread and item: this component may unmount and come back while the approval waits.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApprovalDecision, HunkSelection } from '../../../protocol/schema/approval';
import type { FileChangeContents } from '../../../protocol/schema/tandem';
import { hunkLines } from '../../state/hunk-lines';
import { reviewKey, selectionOf, viewKey } from '../../state/reviews';
import { APPROVAL_KEYS, ApprovalButtons } from '../ApprovalButtons';
import { DiffEditor, type Reveal } from './DiffEditor';
import { useReviews } from './reviews-context';
import { ViewModeToggle } from './ViewModeToggle';

const NO_CHOICES: boolean[] = [];

export function DiffReview(props: {
  approval: { threadId: string; turnId: string; itemId: string };
  load: () => Promise<FileChangeContents[]>;
  onAnswer: (decision: ApprovalDecision, hunks: HunkSelection[]) => void;
}): React.JSX.Element {
  const { state, dispatch } = useReviews();
  const [files, setFiles] = useState<FileChangeContents[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [fits, setFits] = useState(true);
  // Loaded once per mount: a re-render must not load again.
  const [load] = useState(() => props.load);
  const { threadId, turnId, itemId } = props.approval;
  const key = reviewKey(threadId, itemId);

  useEffect(() => {
    load().then(
      (f) => {
        setFiles(f);
        // Kept choices are used when they fit these files; otherwise all accepted (reviews.ts).
        dispatch({
          type: 'reviewLoaded',
          threadId,
          turnId,
          itemId,
          files: f.map((x) => ({ path: x.path, hunks: x.hunks.length })),
        });
      },
      (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
    );
  }, [load, dispatch, threadId, turnId, itemId]);

  const review = state.byKey[key];
  const current = files && review ? Math.min(Math.max(0, review.current), files.length - 1) : 0;
  const file = files?.[current];
  const lines = useMemo(() => (file ? hunkLines(file) : []), [file]);
  const choices = (file && review?.files[file.path]) || NO_CHOICES;
  const marks = useMemo(() => lines.map((l, i) => ({ accepted: choices[i] ?? true, lines: l })), [lines, choices]);

  if (problem) return <p className="error">Could not load the changes: {problem}</p>;
  // Not before the choices are in the state: Approve sends what is shown, and nothing is shown yet.
  if (!files || !review) return <p className="muted">Loading the changes…</p>;
  const set = (path: string, hunk: number | 'all', accepted: boolean): void =>
    dispatch({ type: 'hunksChosen', key, path, hunk, accepted });
  const answer = (decision: ApprovalDecision): void =>
    props.onAnswer(
      decision,
      selectionOf(
        review,
        files.map((f) => ({ path: f.path, hunks: f.hunks.length })),
      ),
    );
  const show = (index: number): void => {
    setReveal(null);
    dispatch({ type: 'reviewFileShown', key, index });
  };

  return (
    <div
      className="review"
      tabIndex={0}
      onKeyDown={(e) => {
        // a / s / d answer, as on a command's card — unless typing in a field.
        const d = APPROVAL_KEYS[e.key];
        const inEditor = e.target instanceof HTMLElement && e.target.closest('.monaco-editor') !== null;
        if (d && !e.ctrlKey && !e.metaKey && !e.altKey && !inEditor && !(e.target instanceof HTMLSelectElement)) {
          e.preventDefault();
          answer(d);
        }
      }}
    >
      <div className="review-bar">
        <select aria-label="File" value={current} onChange={(e) => show(Number(e.target.value))}>
          {files.map((f, i) => (
            <option key={f.path} value={i}>
              {f.kind === 'add' ? 'A' : f.kind === 'delete' ? 'D' : 'M'} {f.path}
            </option>
          ))}
        </select>
        <ViewModeToggle fits={fits} />
        {file ? (
          <>
            <button onClick={() => set(file.path, 'all', true)}>Accept file</button>
            <button onClick={() => set(file.path, 'all', false)}>Reject file</button>
          </>
        ) : null}
      </div>
      {file ? (
        <DiffEditor
          path={file.movePath ?? file.path}
          before={file.before ?? ''}
          after={file.after ?? ''}
          inline={state.inline}
          reveal={reveal}
          hunks={marks}
          onToggleHunk={(i) => set(file.path, i, !(choices[i] ?? true))}
          view={state.views[viewKey(key, file.movePath ?? file.path)]}
          onSaveView={(path, view) => dispatch({ type: 'reviewViewSaved', key, path, view })}
          onSideBySideFits={setFits}
        />
      ) : null}
      {file ? (
        <ol className="hunks" aria-label="Hunks">
          {file.hunks.map((h, i) => {
            const accepted = choices[i] ?? true;
            return (
              <li key={i} data-accepted={accepted} aria-label={`Hunk ${i + 1}`}>
                <button
                  className="link"
                  onClick={() => setReveal((r) => ({ line: lines[i]?.anchor ?? 1, n: (r?.n ?? 0) + 1 }))}
                >
                  {h.header}
                </button>{' '}
                <span className={accepted ? 'added' : 'removed'}>{accepted ? 'accepted' : 'rejected'}</span>{' '}
                <button onClick={() => set(file.path, i, true)} disabled={accepted}>
                  Accept hunk
                </button>{' '}
                <button onClick={() => set(file.path, i, false)} disabled={!accepted}>
                  Reject hunk
                </button>
                <pre className="hunk">{h.lines.join('\n')}</pre>
              </li>
            );
          })}
        </ol>
      ) : null}
      <ApprovalButtons onAnswer={answer} />
    </div>
  );
}
