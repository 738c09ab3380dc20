/**
 * The review of a file change, with room: the files with their states, the diff large (side by
 * side where the view is wide enough, inline below ~1000 px of its own width), Accept / Reject on
 * each hunk in the editor, keyboard navigation (review-keys.ts), the proposed text editable, and
 * Approve / Decline for the whole change. Only accepted hunks are written, or the user's own
 * version of a file they edited; the answer carries the choices (Tandem's `hunks` and `edits`).
 * Its state (choices, file and hunk shown, edits) lives in state/reviews.ts, keyed by the
 * approval, so the view can close and come back while the approval waits. Self-contained: a
 * full-height component for whatever pane hosts it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApprovalDecision, FileEdit, HunkSelection } from '../../../protocol/schema/approval';
import type { FileChangeContents } from '../../../protocol/schema/tandem';
import { hunkLines } from '../../state/hunk-lines';
import { answerOf, reviewKey, viewKey } from '../../state/reviews';
import { APPROVAL_KEYS, ApprovalButtons } from '../ApprovalButtons';
import { DiffEditor, type Reveal } from './DiffEditor';
import { REVIEW_SHORTCUTS, reviewCommandOf, step, type ReviewCommand } from './review-keys';
import { countsOf, ReviewFiles, splitPath } from './ReviewFiles';
import { useReviews } from './reviews-context';
import { ViewModeToggle } from './ViewModeToggle';
import './review-view.css';

const NO_CHOICES: Array<boolean | null> = [];
/** Narrower than this (its own width, px), the view shows the diff inline. */
const SIDE_BY_SIDE_VIEW_WIDTH = 1000;

export function ReviewView(props: {
  approval: { threadId: string; turnId: string; itemId: string };
  load: () => Promise<FileChangeContents[]>;
  onAnswer: (decision: ApprovalDecision, hunks: HunkSelection[], edits: FileEdit[]) => void;
  onClose: () => void;
}): React.JSX.Element {
  const { state, dispatch } = useReviews();
  const [files, setFiles] = useState<FileChangeContents[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [fits, setFits] = useState(true);
  // A new editor after "Discard edits": the proposal's text again.
  const [generation, setGeneration] = useState(0);
  const root = useRef<HTMLElement>(null);
  const [wide, setWide] = useState(true);
  // The hunk keyboard navigation is at, in the shown file: the view's own (moving it re-renders only the view).
  const [hunkAt, setHunkAt] = useState(0);
  const [load] = useState(() => props.load);
  const { threadId, turnId, itemId } = props.approval;
  const key = reviewKey(threadId, itemId);

  useEffect(() => {
    load().then(
      (f) => {
        setFiles(f);
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

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWide(el.clientWidth >= SIDE_BY_SIDE_VIEW_WIDTH));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const review = state.byKey[key];
  const current = files && review ? Math.min(Math.max(0, review.current), files.length - 1) : 0;
  const file = files?.[current];
  const lines = useMemo(() => (file ? hunkLines(file) : []), [file]);
  const choices = (file && review?.files[file.path]) || NO_CHOICES;
  const edited = file ? review?.edits?.[file.path] : undefined;
  const currentHunk = Math.min(hunkAt, Math.max(0, lines.length - 1));
  const marks = useMemo(
    () =>
      edited !== undefined
        ? []
        : lines.map((l, i) => ({ accepted: choices[i] ?? true, choice: choices[i] ?? null, lines: l })),
    [lines, choices, edited],
  );

  const choose = useCallback(
    (path: string, hunk: number | 'all', accepted: boolean) =>
      dispatch({ type: 'hunksChosen', key, path, hunk, accepted }),
    [dispatch, key],
  );
  const goTo = useCallback(
    (file: number, hunk: number, focus: boolean) => {
      if (!files) return;
      if (file !== current) dispatch({ type: 'reviewFileShown', key, index: file });
      setHunkAt(hunk);
      const target = files[file];
      const anchor = target ? (hunkLines(target)[hunk]?.anchor ?? 1) : 1;
      setReveal((r) => ({ line: anchor, n: (r?.n ?? 0) + 1, focus }));
    },
    [files, current, dispatch, key],
  );

  const path = file?.path;
  const showFile = useCallback((i: number) => goTo(i, 0, false), [goTo]);
  const showHunk = useCallback((i: number) => goTo(current, i, false), [goTo, current]);
  const chooseHere = useCallback(
    (i: number, accepted: boolean) => path !== undefined && choose(path, i, accepted),
    [choose, path],
  );

  if (problem) return <p className="error">Could not load the changes: {problem}</p>;

  const answer = (decision: ApprovalDecision): void => {
    if (!review) return;
    const { hunks, edits } = answerOf(review);
    props.onAnswer(decision, hunks, edits);
  };
  const perFile = files?.map((f) => f.hunks.length) ?? [];
  const run = (command: ReviewCommand): void => {
    if (!files || !file) return;
    const at = { file: current, hunk: currentHunk };
    const next = (): void => {
      const to = step(at, perFile, 1);
      goTo(to.file, to.hunk, true);
    };
    switch (command) {
      case 'nextHunk':
      case 'prevHunk': {
        const to = step(at, perFile, command === 'nextHunk' ? 1 : -1);
        return goTo(to.file, to.hunk, true);
      }
      case 'nextFile':
      case 'prevFile': {
        const to = Math.min(Math.max(0, current + (command === 'nextFile' ? 1 : -1)), files.length - 1);
        return goTo(to, 0, true);
      }
      case 'acceptHunk':
      case 'rejectHunk':
        if (edited !== undefined) return;
        choose(file.path, currentHunk, command === 'acceptHunk');
        return next();
      case 'acceptFile':
        if (edited === undefined) choose(file.path, 'all', true);
        if (current < files.length - 1) goTo(current + 1, 0, true);
        return;
    }
  };
  const totals = (files ?? [])
    .map(countsOf)
    .reduce((a, c) => ({ added: a.added + c.added, removed: a.removed + c.removed }), {
      added: 0,
      removed: 0,
    });

  return (
    <section
      ref={root}
      className="review-view"
      role="region"
      aria-label="Review changes"
      tabIndex={-1}
      onKeyDownCapture={(e) => {
        // Before Monaco sees it: F7 would open its own diff viewer, Ctrl+Enter insert a line.
        const command = reviewCommandOf(e);
        if (!command) return;
        e.preventDefault();
        e.stopPropagation();
        run(command);
      }}
      onKeyDown={(e) => {
        // a / s / d answer, as on a command's card — unless typing in the editor or a field.
        const d = APPROVAL_KEYS[e.key];
        const inEditor = e.target instanceof HTMLElement && e.target.closest('.monaco-editor') !== null;
        if (d && !e.ctrlKey && !e.metaKey && !e.altKey && !inEditor && !(e.target instanceof HTMLInputElement)) {
          e.preventDefault();
          answer(d);
        }
        if (e.key === 'Escape' && !inEditor) {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <header className="review-view-header">
        <h2 className="review-view-title">Review changes</h2>
        <span className="review-view-summary">
          {files ? `${files.length} file${files.length === 1 ? '' : 's'}` : ''}{' '}
          <span className="added">+{totals.added}</span> <span className="removed">−{totals.removed}</span>
        </span>
        <span className="review-view-spacer" />
        <ViewModeToggle fits={fits && wide} />
        <button
          className="review-close"
          onClick={props.onClose}
          title="Back to the thread (Esc)"
          aria-keyshortcuts="Escape"
        >
          <span className="codicon codicon-close" aria-hidden="true" /> Close review
        </button>
      </header>
      {!files || !review ? (
        <p className="muted review-loading">Loading the changes…</p>
      ) : (
        <div className="review-view-body">
          <ReviewFiles
            files={files}
            review={review}
            current={current}
            currentHunk={currentHunk}
            onShowFile={showFile}
            onShowHunk={showHunk}
            onChoose={chooseHere}
          />
          {file ? (
            <div className="review-main">
              <div className="review-file-bar">
                <span className="review-file-path" title={file.movePath ?? file.path}>
                  <strong>{splitPath(file.movePath ?? file.path).name}</strong>{' '}
                  <span className="muted">{splitPath(file.movePath ?? file.path).folder}</span>
                </span>
                {edited !== undefined ? (
                  <>
                    <span className="review-edited-note" role="status">
                      Edited — your version is written as shown
                    </span>
                    <button
                      onClick={() => {
                        dispatch({ type: 'fileEdited', key, path: file.path, content: null });
                        setGeneration((g) => g + 1);
                      }}
                    >
                      Discard edits
                    </button>
                  </>
                ) : (
                  <>
                    <button
                      onClick={() => choose(file.path, 'all', true)}
                      aria-keyshortcuts={REVIEW_SHORTCUTS.acceptFile.aria}
                      title={`Accept every hunk of this file (${REVIEW_SHORTCUTS.acceptFile.shown})`}
                    >
                      Accept file
                    </button>
                    <button onClick={() => choose(file.path, 'all', false)}>Reject file</button>
                  </>
                )}
              </div>
              <DiffEditor
                key={`${file.path}\u0000${generation}`}
                path={file.movePath ?? file.path}
                before={file.before ?? ''}
                after={file.after ?? ''}
                inline={state.inline || !wide}
                reveal={reveal}
                hunks={marks}
                currentHunk={currentHunk}
                onToggleHunk={(i) => choose(file.path, i, !(choices[i] ?? true))}
                onChooseHunk={(i, accepted) => {
                  choose(file.path, i, accepted);
                  setHunkAt(i);
                }}
                editable={file.kind !== 'delete'}
                edited={edited}
                onEdit={(content) => dispatch({ type: 'fileEdited', key, path: file.path, content })}
                view={state.views[viewKey(key, file.movePath ?? file.path)]}
                onSaveView={(path, view) => dispatch({ type: 'reviewViewSaved', key, path, view })}
                onSideBySideFits={setFits}
              />
            </div>
          ) : null}
        </div>
      )}
      <footer className="review-view-footer">
        <dl className="review-legend" aria-label="Review shortcuts">
          {(Object.keys(REVIEW_SHORTCUTS) as ReviewCommand[]).map((c) => (
            <div key={c}>
              <dt>
                <kbd>{REVIEW_SHORTCUTS[c].shown}</kbd>
              </dt>
              <dd>{REVIEW_SHORTCUTS[c].label}</dd>
            </div>
          ))}
        </dl>
        {review ? <ApprovalButtons onAnswer={answer} /> : null}
      </footer>
    </section>
  );
}
