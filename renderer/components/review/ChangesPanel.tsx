/**
 * The changes panel: what the agent changed in this thread — as a whole or turn by turn — file
 * by file in Monaco, with Revert file / Revert turn (back to the content from before the turn).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChangedFile } from '../../../protocol/schema/tandem';
import { DiffEditor } from './DiffEditor';
import { useReviews } from './reviews-context';
import { ViewModeToggle } from './ViewModeToggle';

export function ChangesPanel(props: {
  turns: Array<{ id: string; label: string }>;
  load: (turnId: string | null) => Promise<ChangedFile[]>;
  revert: (turnId: string, path?: string) => Promise<string[]>;
  onClose: () => void;
}): React.JSX.Element {
  const [scope, setScope] = useState<string | null>(null);
  const [files, setFiles] = useState<ChangedFile[] | null>(null);
  const [current, setCurrent] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const { inline } = useReviews().state; // one view mode for every diff, kept when the panel closes
  const [fits, setFits] = useState(true);
  const [load] = useState(() => props.load);
  const refresh = useCallback(() => {
    load(scope).then(
      (f) => {
        setFiles(f);
        setCurrent((c) => Math.min(c, Math.max(0, f.length - 1)));
      },
      (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)),
    );
  }, [load, scope]);
  useEffect(refresh, [refresh]);
  const revert = (path?: string): void => {
    if (!scope) return;
    props.revert(scope, path).then(
      (done) => {
        setStatus(`Reverted ${done.join(', ')}.`);
        refresh();
      },
      (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)),
    );
  };
  const file = files?.[current];
  return (
    <section className="changes" aria-label="Changes">
      <div className="review-bar">
        <select aria-label="Changes of" value={scope ?? ''} onChange={(e) => setScope(e.target.value || null)}>
          <option value="">The whole thread</option>
          {props.turns.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
        {files && files.length > 0 ? (
          <select aria-label="Changed file" value={current} onChange={(e) => setCurrent(Number(e.target.value))}>
            {files.map((f, i) => (
              <option key={f.path} value={i}>
                {f.before === null ? 'A' : f.after === null ? 'D' : 'M'} {f.display}
              </option>
            ))}
          </select>
        ) : null}
        <ViewModeToggle fits={fits} />
        {scope && file ? <button onClick={() => revert(file.path)}>Revert file</button> : null}
        {scope && files && files.length > 0 ? <button onClick={() => revert()}>Revert turn</button> : null}
        <button onClick={props.onClose}>Close</button>
      </div>
      {status ? <p role="status">{status}</p> : null}
      {files === null ? <p className="muted">Loading…</p> : files.length === 0 ? <p className="muted">No changes.</p> : null}
      {file ? <DiffEditor path={file.display} before={file.before ?? ''} after={file.after ?? ''} inline={inline} reveal={null} onSideBySideFits={setFits} /> : null}
    </section>
  );
}
