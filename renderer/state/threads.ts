/**
 * The sidebar's state: threads grouped by project folder, newest first, with a status each.
 * Folded from `thread/list` pages and thread lifecycle notifications. Pure.
 */
import type { ServerNotification } from '../../protocol/methods';
import type { Thread, ThreadStatus } from '../../protocol/schema/thread';

export interface ThreadSummary {
  id: string;
  cwd: string;
  name: string | null;
  preview: string;
  updatedAt: number;
  archived: boolean;
  status: ThreadStatus;
  /** The last turn failed (shown as a red dot until the next turn starts). */
  failed: boolean;
}

export interface ThreadsState {
  byId: Record<string, ThreadSummary>;
}

export const emptyThreads: ThreadsState = { byId: {} };

export type ThreadsAction =
  | { type: 'listed'; threads: Thread[]; archived: boolean }
  /** `at`: when it was received (ms since the epoch), for what the thread shows as its last activity. */
  | { type: 'notification'; notification: ServerNotification; at: number };

const summaryOf = (t: Thread, archived: boolean): ThreadSummary => ({
  id: t.id,
  cwd: t.cwd,
  name: t.name ?? null,
  preview: t.preview,
  updatedAt: t.updatedAt,
  archived,
  status: t.status,
  failed: false,
});

function patch(state: ThreadsState, id: string, change: Partial<ThreadSummary>): ThreadsState {
  const current = state.byId[id];
  if (!current) return state;
  return { byId: { ...state.byId, [id]: { ...current, ...change } } };
}

export function reduceThreads(state: ThreadsState, action: ThreadsAction): ThreadsState {
  if (action.type === 'listed') {
    const byId = { ...state.byId };
    for (const t of action.threads)
      byId[t.id] = { ...summaryOf(t, action.archived), failed: byId[t.id]?.failed ?? false };
    return { byId };
  }
  const n = action.notification;
  switch (n.method) {
    case 'thread/started':
      return { byId: { ...state.byId, [n.params.thread.id]: summaryOf(n.params.thread, false) } };
    case 'thread/status/changed':
      return patch(state, n.params.threadId, {
        status: n.params.status,
        ...(n.params.status.type === 'active' ? { failed: false } : {}),
      });
    case 'thread/name/updated':
      return patch(state, n.params.threadId, { name: n.params.threadName ?? null });
    case 'thread/archived':
      return patch(state, n.params.threadId, { archived: true });
    case 'thread/unarchived':
      return patch(state, n.params.threadId, { archived: false });
    case 'thread/deleted': {
      if (!state.byId[n.params.threadId]) return state;
      const byId = { ...state.byId };
      delete byId[n.params.threadId];
      return { byId };
    }
    case 'thread/closed':
      // Unloaded by the server (no client followed it): still listed, only on disk now.
      return patch(state, n.params.threadId, { status: { type: 'notLoaded' } });
    case 'turn/started':
      return patch(state, n.params.threadId, { updatedAt: Math.floor(action.at / 1000), failed: false });
    case 'turn/completed':
      return patch(state, n.params.threadId, { failed: n.params.turn.status === 'failed' });
    case 'item/completed': {
      const item = n.params.item;
      const current = state.byId[n.params.threadId];
      if (item.type !== 'userMessage' || !current || current.preview) return state;
      const text = item.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join(' ');
      return patch(state, n.params.threadId, { preview: text.slice(0, 200) });
    }
    default:
      return state;
  }
}

/** The dot shown beside a thread. */
export function dotOf(t: ThreadSummary): 'running' | 'waiting' | 'failed' | 'idle' {
  if (t.status.type === 'active') return t.status.activeFlags.length > 0 ? 'waiting' : 'running';
  return t.failed ? 'failed' : 'idle';
}

/** Projects (folders) with their threads, newest first; `search` filters by name or preview. */
export function projectsOf(
  state: ThreadsState,
  options: { archived: boolean; search: string },
): Array<{ cwd: string; threads: ThreadSummary[] }> {
  const term = options.search.trim().toLowerCase();
  const groups = new Map<string, ThreadSummary[]>();
  const threads = Object.values(state.byId)
    .filter((t) => t.archived === options.archived)
    .filter((t) => !term || (t.name ?? '').toLowerCase().includes(term) || t.preview.toLowerCase().includes(term))
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));
  for (const t of threads) groups.set(t.cwd, [...(groups.get(t.cwd) ?? []), t]);
  return [...groups.entries()].map(([cwd, list]) => ({ cwd, threads: list }));
}
