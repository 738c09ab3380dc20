/** What the working indicator says while a turn runs: what the agent is doing, and for how long. */
import type { TurnView } from './transcript';

/** "8s", "1m 05s", "1h 02m". */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** The running turn's current activity, from its newest unfinished item. */
export function workingLabel(turn: TurnView, waiting: boolean | 'approval' | 'answer'): string {
  if (waiting === 'answer') return 'Waiting for your answer';
  if (waiting) return 'Waiting for your approval';
  const open = turn.items.findLast((v) => !v.done)?.item;
  switch (open?.type) {
    case 'commandExecution':
      return 'Running a command';
    case 'fileChange':
      return 'Changing files';
    case 'agentMessage':
      return 'Writing';
    case 'reasoning':
      return 'Thinking';
    default:
      // Nothing of the turn is open: the next thing to come is the model's.
      return 'Waiting for the model';
  }
}
