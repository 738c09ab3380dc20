/**
 * Reviewing a file change before it is written: each file in Monaco's diff editor, each hunk
 * accepted or rejected (or a whole file at once). Only accepted hunks are written; the answer
 * carries the choices (Tandem's `hunks` extension of the approval).
 */
import { useEffect, useState } from 'react';
import type { ApprovalDecision, HunkSelection } from '../../../protocol/schema/approval';
import type { FileChangeContents } from '../../../protocol/schema/tandem';
import { APPROVAL_KEYS, ApprovalButtons } from '../ApprovalButtons';
import { DiffEditor } from './DiffEditor';

export function DiffReview(props: {
  load: () => Promise<FileChangeContents[]>;
  onAnswer: (decision: ApprovalDecision, hunks: HunkSelection[]) => void;
}): React.JSX.Element {
  const [files, setFiles] = useState<FileChangeContents[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, boolean[]>>({});
  const [inline, setInline] = useState(false);
  const [current, setCurrent] = useState(0);
  const [reveal, setReveal] = useState<number | null>(null);
  // Loaded once per review: a re-render must not reset the user's choices.
  const [load] = useState(() => props.load);

  useEffect(() => {
    load().then(
      (f) => {
        setFiles(f);
        setChoices(Object.fromEntries(f.map((x) => [x.path, x.hunks.map(() => true)])));
      },
      (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
    );
  }, [load]);

  if (problem) return <p className="error">Could not load the changes: {problem}</p>;
  if (!files) return <p className="muted">Loading the changes…</p>;
  const file = files[current];
  const set = (path: string, i: number | 'all', value: boolean): void =>
    setChoices((c) => ({ ...c, [path]: (c[path] ?? []).map((v, j) => (i === 'all' || i === j ? value : v)) }));
  const answer = (decision: ApprovalDecision): void => props.onAnswer(decision, files.map((f) => ({ path: f.path, accepted: choices[f.path] ?? [] })));

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
        <select aria-label="File" value={current} onChange={(e) => setCurrent(Number(e.target.value))}>
          {files.map((f, i) => (
            <option key={f.path} value={i}>
              {f.kind === 'add' ? 'A' : f.kind === 'delete' ? 'D' : 'M'} {f.path}
            </option>
          ))}
        </select>
        <button onClick={() => setInline(!inline)}>{inline ? 'Side by side' : 'Inline'}</button>
        {file ? (
          <>
            <button onClick={() => set(file.path, 'all', true)}>Accept file</button>
            <button onClick={() => set(file.path, 'all', false)}>Reject file</button>
          </>
        ) : null}
      </div>
      {file ? <DiffEditor path={file.movePath ?? file.path} before={file.before ?? ''} after={file.after ?? ''} inline={inline} reveal={reveal} /> : null}
      {file ? (
        <ol className="hunks" aria-label="Hunks">
          {file.hunks.map((h, i) => {
            const accepted = choices[file.path]?.[i] ?? true;
            const newStart = Number(/\+(\d+)/.exec(h.header)?.[1] ?? 1);
            return (
              <li key={i} data-accepted={accepted} aria-label={`Hunk ${i + 1}`}>
                <button className="link" onClick={() => setReveal(newStart)}>
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
