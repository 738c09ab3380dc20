/** Shown while a turn runs: what the agent is doing, for how long, and that Esc stops it. */
import { useEffect, useState } from 'react';
import { formatElapsed } from '../state/working';

export function WorkingIndicator(props: { startedAt: number | null; label: string }): React.JSX.Element {
  // The server's start time (a turn opened while running counts from when it began), else now.
  const [since] = useState(() => (props.startedAt != null ? Math.min(props.startedAt * 1000, Date.now()) : Date.now()));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="working" role="status" aria-label="Agent working">
      <span className="spinner" aria-hidden="true" />
      <span>{props.label}…</span>
      <span className="elapsed" aria-label="Elapsed time">
        {formatElapsed(now - since)}
      </span>
      {/* A hint, not a second Stop button: the composer has the one. */}
      <span className="stop-hint">
        <kbd>Esc</kbd> to stop
      </span>
    </div>
  );
}
