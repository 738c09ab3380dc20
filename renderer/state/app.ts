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
  | { type: 'approvalAnswered'; requestId: number | string };

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
      return action.batch.reduce(applyNotification, state);
    case 'listed':
      return { ...state, threads: reduceThreads(state.threads, { type: 'listed', threads: action.threads, archived: action.archived }) };
    case 'opened':
      return {
        ...state,
        threads: reduceThreads(state.threads, { type: 'listed', threads: [action.thread], archived: state.threads.byId[action.thread.id]?.archived ?? false }),
        transcripts: { ...state.transcripts, [action.thread.id]: transcriptOf(action.thread, action.page) },
      };
    case 'olderTurns': {
      const transcript = state.transcripts[action.threadId];
      return transcript ? { ...state, transcripts: { ...state.transcripts, [action.threadId]: withOlderTurns(transcript, action.page) } } : state;
    }
    case 'approvalRequested':
      return { ...state, approvals: reduceApprovals(state.approvals, { type: 'requested', approval: action.approval }) };
    case 'approvalAnswered':
      return { ...state, approvals: reduceApprovals(state.approvals, { type: 'answered', requestId: action.requestId }) };
  }
}
