/** The whole UI state and its one reducer: threads, approvals, and each opened thread's transcript. */
import type { ServerNotification } from '../../protocol/methods';
import type { Thread } from '../../protocol/schema/thread';
import { emptyApprovals, reduceApprovals, type Approval, type ApprovalsState } from './approvals';
import { reduceComposers, type ComposerAction, type ComposersState } from './composer';
import { emptyDisclosures, reduceDisclosures, type DisclosuresState } from './disclosures';
import { emptyReviews, reduceReviews, reviewKey, type ReviewsAction, type ReviewsState } from './reviews';
import { emptyThreads, reduceThreads, type ThreadsState } from './threads';
import { reduceTranscript, transcriptOf, withOlderTurns, type TranscriptState, type TurnsLoaded } from './transcript';

export interface AppState {
  threads: ThreadsState;
  approvals: ApprovalsState;
  transcripts: Record<string, TranscriptState>;
  /** Choices in the pending file-change reviews (reviews.ts). */
  reviews: ReviewsState;
  /** The transcript's parts the user opened (disclosures.ts). */
  disclosures: DisclosuresState;
  /** Each thread's draft and queued messages (composer.ts). */
  composers: ComposersState;
}

export const initialState: AppState = {
  threads: emptyThreads,
  approvals: emptyApprovals,
  transcripts: {},
  reviews: emptyReviews,
  disclosures: emptyDisclosures,
  composers: {},
};

export type AppAction =
  /** `at`: when the batch was received (ms since the epoch); reducers never read the clock. */
  | { type: 'notifications'; batch: ServerNotification[]; at: number }
  | { type: 'listed'; threads: Thread[]; archived: boolean }
  | { type: 'opened'; thread: Thread; page?: TurnsLoaded }
  | { type: 'olderTurns'; threadId: string; page: TurnsLoaded }
  | { type: 'approvalRequested'; approval: Approval }
  | { type: 'approvalAnswered'; requestId: number | string }
  | { type: 'review'; action: ReviewsAction }
  | { type: 'disclosure'; key: string; open: boolean }
  /** The connection dropped: its requests can no longer be answered (the server asks again on resume). */
  | { type: 'disconnected' }
  | ComposerAction;

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
    out.push(
      parts.length === 1
        ? first
        : ({ ...first, params: { ...first.params, delta: parts.join('') } } as ServerNotification),
    );
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

function applyNotification(state: AppState, n: ServerNotification, at: number): AppState {
  const threadId = (n.params as { threadId?: string }).threadId;
  const transcript = threadId ? state.transcripts[threadId] : undefined;
  return {
    ...state,
    threads: reduceThreads(state.threads, { type: 'notification', notification: n, at }),
    approvals: reduceApprovals(state.approvals, { type: 'notification', notification: n }),
    transcripts:
      transcript && threadId
        ? { ...state.transcripts, [threadId]: reduceTranscript(transcript, n) }
        : state.transcripts,
    reviews: reduceReviews(state.reviews, { type: 'notification', notification: n }),
    composers: reduceComposers(state.composers, { type: 'notification', notification: n }),
  };
}

export function reduceApp(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    // Notifications arrive in batches (one per animation frame) so a fast stream costs one render.
    case 'notifications':
      return coalesceDeltas(action.batch).reduce((s, n) => applyNotification(s, n, action.at), state);
    case 'listed':
      return {
        ...state,
        threads: reduceThreads(state.threads, { type: 'listed', threads: action.threads, archived: action.archived }),
      };
    case 'opened':
      return {
        ...state,
        threads: reduceThreads(state.threads, {
          type: 'listed',
          threads: [action.thread],
          archived: state.threads.byId[action.thread.id]?.archived ?? false,
        }),
        transcripts: {
          ...state.transcripts,
          [action.thread.id]: transcriptOf(action.thread, action.page, state.transcripts[action.thread.id]),
        },
        reviews: reduceReviews(state.reviews, {
          type: 'threadRead',
          threadId: action.thread.id,
          turns: action.page?.turns ?? action.thread.turns,
        }),
      };
    case 'olderTurns': {
      const transcript = state.transcripts[action.threadId];
      return transcript
        ? {
            ...state,
            transcripts: { ...state.transcripts, [action.threadId]: withOlderTurns(transcript, action.page) },
          }
        : state;
    }
    case 'approvalRequested':
      return {
        ...state,
        approvals: reduceApprovals(state.approvals, { type: 'requested', approval: action.approval }),
      };
    case 'approvalAnswered': {
      // Answered here: its review's choices are spent.
      const a = state.approvals.pending.find((x) => x.requestId === action.requestId);
      const reviews = a
        ? reduceReviews(state.reviews, { type: 'reviewSettled', key: reviewKey(a.params.threadId, a.params.itemId) })
        : state.reviews;
      return {
        ...state,
        approvals: reduceApprovals(state.approvals, { type: 'answered', requestId: action.requestId }),
        reviews,
      };
    }
    case 'review':
      return { ...state, reviews: reduceReviews(state.reviews, action.action) };
    case 'disclosure': {
      const disclosures = reduceDisclosures(state.disclosures, action);
      return disclosures === state.disclosures ? state : { ...state, disclosures };
    }
    case 'composer/draft':
    case 'composer/queued':
    case 'composer/returned':
      return { ...state, composers: reduceComposers(state.composers, action) };
    case 'disconnected':
      return { ...state, approvals: reduceApprovals(state.approvals, { type: 'disconnected' }) };
  }
}
