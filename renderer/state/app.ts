/** The whole UI state and its one reducer: threads, approvals, and each opened thread's transcript. */
import type { ServerNotification } from '../../protocol/methods';
import type { Thread } from '../../protocol/schema/thread';
import { emptyApprovals, reduceApprovals, type Approval, type ApprovalsState } from './approvals';
import { emptyThreads, reduceThreads, type ThreadsState } from './threads';
import { reduceTranscript, transcriptOf, withOlderTurns, type TranscriptState, type TurnsLoaded } from './transcript';

export interface AppState {
  threads: ThreadsState;
  approvals: ApprovalsState;
  transcripts: Record<string, TranscriptState>;
}

export const initialState: AppState = { threads: emptyThreads, approvals: emptyApprovals, transcripts: {} };

export type AppAction =
  | { type: 'notifications'; batch: ServerNotification[] }
  | { type: 'listed'; threads: Thread[]; archived: boolean }
  | { type: 'opened'; thread: Thread; page?: TurnsLoaded }
  | { type: 'olderTurns'; threadId: string; page: TurnsLoaded }
  | { type: 'approvalRequested'; approval: Approval }
  | { type: 'approvalAnswered'; requestId: number | string }
  /** The connection dropped: its requests can no longer be answered (the server asks again on resume). */
  | { type: 'disconnected' };

/** The key under which consecutive deltas can be joined: the same text of the same item. */
function deltaKey(n: ServerNotification): string | null {
  switch (n.method) {
    case 'item/agentMessage/delta':
    case 'item/commandExecution/outputDelta':
      return `${n.method}\u0000${n.params.threadId}\u0000${n.params.turnId}\u0000${n.params.itemId}`;
    case 'item/reasoning/summaryTextDelta':
      return `${n.method}\u0000${n.params.threadId}\u0000${n.params.turnId}\u0000${n.params.itemId}\u0000${n.params.summaryIndex}`;
    default:
      return null;
  }
}

/**
 * A batch with each run of deltas to the same text joined into one: a frame of a fast stream holds
 * hundreds of them, and folding each into the state copied the state each time. Order is kept.
 */
export function coalesceDeltas(batch: ServerNotification[]): ServerNotification[] {
  const out: ServerNotification[] = [];
  let run = null as { key: string; first: ServerNotification; parts: string[] } | null;
  const close = (): void => {
    if (!run) return;
    const { first, parts } = run;
    out.push(parts.length === 1 ? first : ({ ...first, params: { ...first.params, delta: parts.join('') } } as ServerNotification));
    run = null;
  };
  for (const n of batch) {
    const key = deltaKey(n);
    const delta = 'delta' in n.params && typeof n.params.delta === 'string' ? n.params.delta : null;
    if (key !== null && delta !== null) {
      if (run?.key === key) {
        run.parts.push(delta);
        continue;
      }
      close();
      run = { key, first: n, parts: [delta] };
      continue;
    }
    close();
    out.push(n);
  }
  close();
  return out;
}

function applyNotification(state: AppState, n: ServerNotification): AppState {
  const threadId = (n.params as { threadId?: string }).threadId;
  const transcript = threadId ? state.transcripts[threadId] : undefined;
  return {
    threads: reduceThreads(state.threads, { type: 'notification', notification: n }),
    approvals: reduceApprovals(state.approvals, { type: 'notification', notification: n }),
    transcripts: transcript && threadId ? { ...state.transcripts, [threadId]: reduceTranscript(transcript, n) } : state.transcripts,
  };
}

export function reduceApp(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    // Notifications arrive in batches (one per animation frame) so a fast stream costs one render.
    case 'notifications':
      return coalesceDeltas(action.batch).reduce(applyNotification, state);
    case 'listed':
      return { ...state, threads: reduceThreads(state.threads, { type: 'listed', threads: action.threads, archived: action.archived }) };
    case 'opened':
      return {
        ...state,
        threads: reduceThreads(state.threads, { type: 'listed', threads: [action.thread], archived: state.threads.byId[action.thread.id]?.archived ?? false }),
        transcripts: { ...state.transcripts, [action.thread.id]: transcriptOf(action.thread, action.page, state.transcripts[action.thread.id]) },
      };
    case 'olderTurns': {
      const transcript = state.transcripts[action.threadId];
      return transcript ? { ...state, transcripts: { ...state.transcripts, [action.threadId]: withOlderTurns(transcript, action.page) } } : state;
    }
    case 'approvalRequested':
      return { ...state, approvals: reduceApprovals(state.approvals, { type: 'requested', approval: action.approval }) };
    case 'approvalAnswered':
      return { ...state, approvals: reduceApprovals(state.approvals, { type: 'answered', requestId: action.requestId }) };
    case 'disconnected':
      return { ...state, approvals: reduceApprovals(state.approvals, { type: 'disconnected' }) };
  }
}
