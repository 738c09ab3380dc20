/**
 * The changes panel: what the agent changed in this thread — as a whole or turn by turn, by
 * apply_patch or by its commands — file by file in Monaco, with Revert file / Revert turn (back
 * to the content from before the turn). A revert first shows exactly the files it will change and
 * waits for a confirmation; afterwards it can be undone (here, or from its record in the thread).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChangedFile } from '../../../protocol/schema/tandem';
import type { ChangesApi } from './changes-api';
import { ConfirmRevert } from './ConfirmRevert';
import { DiffEditor } from './DiffEditor';
import { useReviews } from './reviews-context';
import { ViewModeToggle } from './ViewModeToggle';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function ChangesPanel(props: {
  turns: Array<{ id: string; label: string }>;
  api: ChangesApi;
  /** Reverts undone so far (from the thread's records): an undo made elsewhere shows here too. */
  undone: ReadonlySet<string>;
  onClose: () => void;
}): React.JSX.Element {
  const [scope, setScope] = useState<string | null>(null);
  const [files, setFiles] = useState<ChangedFile[] | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [current, setCurrent] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const { inline } = useReviews().state; // one view mode for every diff, kept when the panel closes
  const [fits, setFits] = useState(true);
  /** The revert waiting for a confirmation: what it covers and exactly the files it would change. */
  const [confirming, setConfirming] = useState<{ turnId: string; path?: string; files: string[] } | null>(null);
  /** The last revert made here, until it is undone. */
  const [lastRevert, setLastRevert] = useState<string | null>(null);
  const [api] = useState(() => props.api);
  const refresh = useCallback(() => {
    api.load(scope).then(
      (r) => {
        setFiles(r.files);
        setNotes(r.notes ?? []);
        setCurrent((c) => Math.min(c, Math.max(0, r.files.length - 1)));
      },
      (e: unknown) => setStatus(message(e)),
    );
  }, [api, scope]);
  useEffect(refresh, [refresh, props.undone]);
  // Undone from its record in the thread: this panel's offer to undo it goes.
  useEffect(() => {
    if (lastRevert && props.undone.has(lastRevert)) {
      setLastRevert(null);
      setStatus("Undid the revert: the agent's version is back.");
    }
  }, [lastRevert, props.undone]);

  const askRevert = (path?: string): void => {
    if (!scope) return;
    api.revert(scope, { path, dryRun: true }).then(
      (r) =>
        r.reverted.length
          ? setConfirming({ turnId: scope, path, files: r.reverted })
          : setStatus('Nothing to revert: these files are already as they were before the turn.'),
      (e: unknown) => setStatus(message(e)),
    );
  };
  const revert = (): void => {
    if (!confirming) return;
    const { turnId, path, files: expected } = confirming;
    setConfirming(null);
    api.revert(turnId, { path, expected }).then(
      (r) => {
        setStatus(`Reverted ${r.reverted.join(', ')}.`);
        setLastRevert(r.itemId ?? null);
        refresh();
      },
      (e: unknown) => setStatus(message(e)),
    );
  };
  const undo = (): void => {
    if (!lastRevert) return;
    api.undo(lastRevert).then(
      (restored) => {
        setStatus(`Undid the revert: the agent's version of ${restored.join(', ')} is back.`);
        setLastRevert(null);
        refresh();
      },
      (e: unknown) => setStatus(message(e)),
    );
  };
  const file = files?.[current];
  const turnLabel = props.turns.find((t) => t.id === confirming?.turnId)?.label ?? 'this turn';
  return (
    <section className="changes" aria-label="Changes">
      <header className="changes-head">
        <h2 className="changes-title">Changes</h2>
        <button onClick={props.onClose}>Close</button>
      </header>
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
        {scope && file ? <button onClick={() => askRevert(file.path)}>Revert file</button> : null}
        {scope && files && files.length > 0 ? <button onClick={() => askRevert()}>Revert turn</button> : null}
      </div>
      {status ? (
        <p role="status">
          {status} {lastRevert ? <button onClick={undo}>Undo revert</button> : null}
        </p>
      ) : null}
      {notes.map((n) => (
        <p key={n} className="muted changes-note" role="note">
          {n}
        </p>
      ))}
      {confirming ? (
        <ConfirmRevert
          title={confirming.path ? `Revert ${confirming.files[0] ?? 'this file'}?` : `Revert ${turnLabel}?`}
          files={confirming.files}
          onConfirm={revert}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      {files === null ? (
        <p className="muted">Loading…</p>
      ) : files.length === 0 ? (
        <p className="muted">No changes.</p>
      ) : null}
      {file ? (
        <DiffEditor
          path={file.display}
          before={file.before ?? ''}
          after={file.after ?? ''}
          inline={inline}
          reveal={null}
          onSideBySideFits={setFits}
        />
      ) : null}
    </section>
  );
}
