/**
 * The find bar over the transcript (Ctrl/Cmd+F): the query, "3 of 12", previous / next
 * (Shift+Enter / Enter), and — when the thread has turns not loaded yet — a way to search those too.
 * Esc closes it (ThreadView returns focus where it was).
 */
import { useEffect, useRef } from 'react';

export function FindBar(props: {
  query: string;
  /** The current match, 0-based; -1 when none. */
  current: number;
  total: number;
  /** Older turns exist that find does not see yet. */
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Grows each time Ctrl/Cmd+F is pressed again, to focus and select the query. */
  focusSeq: number;
  onQuery: (query: string) => void;
  onStep: (delta: 1 | -1) => void;
  onLoadOlder: () => void;
  onClose: () => void;
}): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [props.focusSeq]);
  const status = !props.query ? '' : props.total === 0 ? 'No results' : `${props.current + 1} of ${props.total}`;
  return (
    <div className="find-bar" role="search" aria-label="Find in thread" data-owns-escape data-find-skip>
      <span className="codicon codicon-search" aria-hidden />
      <input
        ref={input}
        type="text"
        aria-label="Find in thread"
        placeholder="Find in thread"
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            props.onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            props.onClose();
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite">
        {status}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={props.total === 0}
        onClick={() => props.onStep(-1)}
      >
        <span className="codicon codicon-arrow-up" aria-hidden />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={props.total === 0}
        onClick={() => props.onStep(1)}
      >
        <span className="codicon codicon-arrow-down" aria-hidden />
      </button>
      {props.hasOlder ? (
        <button
          type="button"
          className="link find-older"
          disabled={props.loadingOlder}
          onClick={props.onLoadOlder}
          title="Find searches the loaded turns; load the earlier ones to search them too"
        >
          {props.loadingOlder ? 'Loading earlier turns…' : 'Search earlier turns too'}
        </button>
      ) : null}
      <button type="button" className="icon-button" aria-label="Close find" title="Close (Esc)" onClick={props.onClose}>
        <span className="codicon codicon-close" aria-hidden />
      </button>
    </div>
  );
}
