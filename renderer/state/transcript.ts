/**
 * A thread's transcript as the UI shows it, folded from protocol notifications: turns with their
 * items, text that is still streaming, the plan, the turn's diff, token usage. Pure: no React,
 * no DOM; every update returns new objects only where something changed.
 */
import type { ServerNotification } from '../../protocol/methods';
import type { AnyThreadItem } from '../../protocol/schema/wire-item';
import type { Thread } from '../../protocol/schema/thread';
import type { Turn, TurnError, TurnStatus } from '../../protocol/schema/turn';
import type { TokenUsageBreakdown, TurnPlanStep } from '../../protocol/schema/turn-events';

/**
 * An item as shown: the protocol item, plus whether it is still streaming. An item of a kind
 * this build does not know is an OtherItem (wire-item.ts), shown generically, never dropped.
 */
interface ItemView {
  item: AnyThreadItem;
  done: boolean;
}

export interface TurnView {
  id: string;
  status: TurnStatus;
  error: TurnError | null;
  /** When the turn began (Unix seconds), for the working indicator's elapsed time. */
  startedAt: number | null;
  /** When the turn ended (Unix seconds), for the transcript's timestamps. */
  completedAt?: number | null;
  items: ItemView[];
  plan: { explanation: string | null; steps: TurnPlanStep[] } | null;
  /** The turn's aggregated unified diff so far. */
  diff: string;
  /** Problems the server reported while the turn ran (retries included). */
  errors: Array<{ message: string; willRetry: boolean }>;
}

export interface TranscriptState {
  threadId: string;
  turns: TurnView[];
  tokens: { total: TokenUsageBreakdown; last: TokenUsageBreakdown } | null;
  /** Where older turns continue (`thread/turns/list`), when a long thread was opened at its end. */
  olderCursor: string | null;
}

export const emptyTranscript = (threadId: string): TranscriptState => ({
  threadId,
  turns: [],
  tokens: null,
  olderCursor: null,
});

/**
 * Whether an item of a turn read from the server may still change. A running turn comes with its
 * unfinished items (a message still streaming — its last item —, a command running or waiting),
 * which the notifications after it continue and complete.
 */
function unfinished(turn: Turn, item: AnyThreadItem, last: boolean): boolean {
  if (turn.status !== 'inProgress') return false;
  switch (item.type) {
    case 'commandExecution':
    case 'fileChange':
      return item.status === 'inProgress';
    case 'agentMessage':
    case 'reasoning':
      return last;
    default:
      return false;
  }
}

const turnView = (t: Turn): TurnView => ({
  id: t.id,
  status: t.status,
  error: t.error ?? null,
  startedAt: t.startedAt ?? null,
  completedAt: t.completedAt ?? null,
  items: t.items.map((item, i) => ({ item, done: !unfinished(t, item, i === t.items.length - 1) })),
  plan: null,
  diff: '',
  errors: [],
});

/** Turns as one page brought them: oldest first, and where the older ones continue. */
export interface TurnsLoaded {
  turns: Turn[];
  olderCursor: string | null;
}

/**
 * A transcript from a thread read from the server: its turns, or (a long thread opened at its
 * end) the page of its latest turns.
 */
export function transcriptOf(thread: Thread, page?: TurnsLoaded, previous?: TranscriptState): TranscriptState {
  const turns = (page?.turns ?? thread.turns).map(turnView);
  const fresh: TranscriptState = { threadId: thread.id, turns, tokens: null, olderCursor: page?.olderCursor ?? null };
  return previous?.threadId === thread.id ? keepNotified(fresh, previous) : fresh;
}

/**
 * Opened again (the user came back to it, or the page reconnected): the server's turns win, but
 * what only notifications carried — each turn's plan, diff and reported problems, the token
 * usage — is kept from what the page had, instead of vanishing until the next update.
 */
function keepNotified(fresh: TranscriptState, previous: TranscriptState): TranscriptState {
  const before = new Map(previous.turns.map((t) => [t.id, t]));
  return {
    ...fresh,
    tokens: previous.tokens,
    turns: fresh.turns.map((t) => {
      const old = before.get(t.id);
      return old ? { ...t, plan: old.plan, diff: old.diff, errors: old.errors } : t;
    }),
  };
}

/** Older turns put before the ones shown (any already shown are skipped). */
export function withOlderTurns(state: TranscriptState, page: TurnsLoaded): TranscriptState {
  const shown = new Set(state.turns.map((t) => t.id));
  return {
    ...state,
    turns: [...page.turns.filter((t) => !shown.has(t.id)).map(turnView), ...state.turns],
    olderCursor: page.olderCursor,
  };
}

function updateTurn(state: TranscriptState, turnId: string, update: (t: TurnView) => TurnView): TranscriptState {
  const i = state.turns.findIndex((t) => t.id === turnId);
  if (i < 0) return state;
  const turns = state.turns.slice();
  turns[i] = update(turns[i] as TurnView);
  return { ...state, turns };
}

function updateItem(turn: TurnView, itemId: string, update: (v: ItemView) => ItemView): TurnView {
  const i = turn.items.findIndex((v) => v.item.id === itemId);
  if (i < 0) return turn;
  const items = turn.items.slice();
  items[i] = update(items[i] as ItemView);
  return { ...turn, items };
}

function upsertItem(turn: TurnView, view: ItemView): TurnView {
  const i = turn.items.findIndex((v) => v.item.id === view.item.id);
  const items = turn.items.slice();
  if (i < 0) items.push(view);
  else items[i] = view;
  return { ...turn, items };
}

export function reduceTranscript(state: TranscriptState, n: ServerNotification): TranscriptState {
  const p = n.params as { threadId?: string };
  if (p.threadId !== state.threadId) return state;
  switch (n.method) {
    case 'turn/started':
      if (state.turns.some((t) => t.id === n.params.turn.id)) return state;
      return { ...state, turns: [...state.turns, turnView(n.params.turn)] };
    case 'turn/completed':
      return updateTurn(state, n.params.turn.id, (t) => ({
        ...t,
        status: n.params.turn.status,
        error: n.params.turn.error ?? null,
        completedAt: n.params.turn.completedAt ?? t.completedAt,
        // What never completed stops streaming (an interrupted message stays as far as it got).
        items: t.items.map((v) => (v.done ? v : { ...v, done: true })),
      }));
    case 'item/started':
      return updateTurn(state, n.params.turnId, (t) => upsertItem(t, { item: n.params.item, done: false }));
    case 'item/completed':
      return updateTurn(state, n.params.turnId, (t) => upsertItem(t, { item: n.params.item, done: true }));
    case 'item/agentMessage/delta':
      return updateTurn(state, n.params.turnId, (t) =>
        updateItem(t, n.params.itemId, (v) =>
          v.item.type === 'agentMessage' ? { ...v, item: { ...v.item, text: v.item.text + n.params.delta } } : v,
        ),
      );
    case 'item/commandExecution/outputDelta':
      return updateTurn(state, n.params.turnId, (t) =>
        updateItem(t, n.params.itemId, (v) =>
          v.item.type === 'commandExecution'
            ? { ...v, item: { ...v.item, aggregatedOutput: (v.item.aggregatedOutput ?? '') + n.params.delta } }
            : v,
        ),
      );
    case 'item/reasoning/summaryPartAdded':
    case 'item/reasoning/summaryTextDelta': {
      const { itemId, summaryIndex } = n.params;
      const delta = n.method === 'item/reasoning/summaryTextDelta' ? n.params.delta : '';
      return updateTurn(state, n.params.turnId, (t) =>
        updateItem(t, itemId, (v) => {
          if (v.item.type !== 'reasoning') return v;
          const summary = (v.item.summary ?? []).slice();
          summary[summaryIndex] = (summary[summaryIndex] ?? '') + delta;
          return { ...v, item: { ...v.item, summary } };
        }),
      );
    }
    case 'turn/plan/updated':
      return updateTurn(state, n.params.turnId, (t) => ({
        ...t,
        plan: { explanation: n.params.explanation ?? null, steps: n.params.plan },
      }));
    case 'turn/diff/updated':
      return updateTurn(state, n.params.turnId, (t) => ({ ...t, diff: n.params.diff }));
    case 'error':
      return updateTurn(state, n.params.turnId, (t) => ({
        ...t,
        errors: [...t.errors, { message: n.params.error.message, willRetry: n.params.willRetry }],
      }));
    case 'thread/tokenUsage/updated':
      return { ...state, tokens: { total: n.params.tokenUsage.total, last: n.params.tokenUsage.last } };
    default:
      return state;
  }
}

/** The turn still running, if any. */
export const activeTurn = (state: TranscriptState): TurnView | undefined =>
  state.turns.findLast((t) => t.status === 'inProgress');
