/**
 * "just now", "5 min ago": a moment in words, the exact time in its tooltip. One shared clock
 * ticks for every one shown, and only these spans render again when it does — never the transcript.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { absoluteTime, relativeTime } from '../../state/item-format';

const TICK_MS = 20_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = (): number => now;

export function RelativeTime({ at, prefix }: { at: number; prefix?: string }): React.JSX.Element {
  const t = useSyncExternalStore(subscribe, snapshot);
  // A moment after the last tick (a turn that just began) reads "just now", not a future.
  const words = relativeTime(at, Math.max(t, at * 1_000));
  // Formatting a date is slow (Intl), and a streaming message renders every frame.
  const [exact, iso] = useMemo(() => [absoluteTime(at), new Date(at * 1_000).toISOString()], [at]);
  return (
    <time className="relative-time" dateTime={iso} title={exact}>
      {prefix ? `${prefix} ` : ''}
      {words}
    </time>
  );
}
