/**
 * The changes panel on an engine without Tandem's changes extensions (Codex): each turn's
 * unified diff as the engine reported it (`turn/diff/updated`, the whole turn's diff each time)
 * or, for a turn from before the page opened, as its file changes say (state/turn-diff.ts),
 * read-only. Reverting needs Tandem's engine.
 */
import { useState } from 'react';

export function TurnDiffPanel(props: {
  turns: Array<{ id: string; label: string; diff: string }>;
  engine: string;
  onClose: () => void;
}): React.JSX.Element {
  const withDiff = props.turns.filter((t) => t.diff !== '');
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = withDiff.find((t) => t.id === chosen) ?? withDiff.at(-1);
  return (
    <section className="changes" aria-label="Changes">
      <div className="review-bar">
        <select aria-label="Changes of" value={shown?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {withDiff.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
        <button onClick={props.onClose}>Close</button>
      </div>
      <p className="muted changes-note" role="note">
        The changes {props.engine} reported, turn by turn (for turns from before this page opened: its file changes, not
        what commands changed); reverting them needs Tandem&apos;s engine.
      </p>
      {shown ? (
        <pre className="diff" aria-label="Turn diff">
          {shown.diff}
        </pre>
      ) : (
        <p className="muted">No changes reported yet.</p>
      )}
    </section>
  );
}
