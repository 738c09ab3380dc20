/**
 * What closes a turn in the transcript: its plan when no plan item holds it (an engine that only
 * notifies it), problems the server is retrying, and a failed turn's error with the actions that
 * fix it — Retry, and Open Settings when the key or the server is the cause.
 */
import { useContext } from 'react';
import type { TranscriptState } from '../../state/transcript';
import { errorAction } from '../../state/item-format';
import { ItemActionsContext } from './item-actions';
import { PlanChecklist } from './PlanChecklist';
import '@vscode/codicons/dist/codicon.css';
import './item-kinds.css';

type TurnViewT = TranscriptState['turns'][number];

export function TurnEnd({
  turn,
  onRetry,
}: {
  turn: TurnViewT;
  onRetry: ((turn: TurnViewT) => void) | undefined;
}): React.JSX.Element {
  const { openSettings } = useContext(ItemActionsContext);
  const planItem = turn.items.some((v) => v.item.type === 'plan');
  const fix = turn.status === 'failed' ? errorAction(turn.error) : null;
  return (
    <div className="turn-end">
      {turn.plan && !planItem ? <PlanChecklist plan={turn.plan} /> : null}
      {turn.errors
        .filter((e) => e.willRetry)
        .map((e, i) => (
          <p key={i} className="turn-retrying">
            <span className="codicon codicon-sync codicon-modifier-spin" aria-hidden /> {e.message} — retrying…
          </p>
        ))}
      {turn.status === 'failed' ? (
        <div className="turn-failed">
          <span className="codicon codicon-error" aria-hidden />
          <p className="error" role="alert">
            The turn failed: {turn.error?.message ?? 'unknown error'}
          </p>
          <div className="turn-failed-actions">
            {fix === 'settings' && openSettings ? (
              <button type="button" className="primary" onClick={openSettings} title="Check the API key and base URL">
                <span className="codicon codicon-settings-gear" aria-hidden /> Open Settings
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => onRetry?.(turn)}
              disabled={!onRetry}
              title={onRetry ? 'Send the same message again as a new turn' : 'Wait for the running turn to end'}
            >
              <span className="codicon codicon-refresh" aria-hidden /> Retry
            </button>
          </div>
        </div>
      ) : null}
      {turn.status === 'interrupted' ? (
        <p className="muted turn-stopped">
          <span className="codicon codicon-debug-stop" aria-hidden /> Stopped.
        </p>
      ) : null}
    </div>
  );
}
