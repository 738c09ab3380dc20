/**
 * Each thread's composer: the draft being written, and the messages sent during a turn
 * (`turn/steer`) that the model has not taken yet. Kept in the app state, not in the Composer
 * component, so switching threads loses neither; pure, tested in node.
 *
 * A queued message is shown at once, marked as queued. The server announces it as a userMessage
 * item (carrying our `clientUserMessageId` as `clientId`) when the model takes it; then it is an
 * item of the turn like any other. A turn that ends before taking it (Stop, a failure): Tandem's
 * server records it in the thread then, as Codex keeps input once sent, and announces the item
 * first; an engine that drops it instead gets its text put back into the composer, first, as
 * Codex's TUI does. Either way the user's words are never lost.
 */
import type { ServerNotification } from '../../protocol/methods';
import type { UserInput } from '../../protocol/schema/item';
import type { TurnView } from './transcript';

export interface QueuedMessage {
  /** Sent as `clientUserMessageId`; the server echoes it on the userMessage item. */
  clientId: string;
  /** The turn it was steered into. */
  turnId: string;
  text: string;
}

export interface ComposerState {
  draft: string;
  queued: QueuedMessage[];
}

export type ComposersState = Record<string, ComposerState>;

export type ComposerAction =
  | { type: 'composer/draft'; threadId: string; text: string }
  /** Sent during a turn: shown as queued, and the draft is cleared. */
  | { type: 'composer/queued'; threadId: string; message: QueuedMessage }
  /**
   * A message that did not get through goes back into the composer, before what is there.
   * With a clientId, only while that queued message is still waiting (it may have come back already).
   */
  | { type: 'composer/returned'; threadId: string; text: string; clientId?: string };

const emptyComposer: ComposerState = { draft: '', queued: [] };

export const composerOf = (state: ComposersState, threadId: string): ComposerState => state[threadId] ?? emptyComposer;

/** Returned text first, then the draft, a line apart (Codex: queued text, then the composer's). */
const prepend = (texts: string[], draft: string): string => [...texts, draft].filter((t) => t.trim() !== '').join('\n');

function update(state: ComposersState, threadId: string, change: (c: ComposerState) => ComposerState): ComposersState {
  const before = composerOf(state, threadId);
  const after = change(before);
  return after === before ? state : { ...state, [threadId]: after };
}

function onNotification(state: ComposersState, n: ServerNotification): ComposersState {
  switch (n.method) {
    case 'item/started':
    case 'item/completed': {
      const { item } = n.params;
      if (item.type !== 'userMessage' || !item.clientId) return state;
      const clientId = item.clientId;
      return update(state, n.params.threadId, (c) =>
        c.queued.some((q) => q.clientId === clientId)
          ? { ...c, queued: c.queued.filter((q) => q.clientId !== clientId) }
          : c,
      );
    }
    case 'turn/completed': {
      const turnId = n.params.turn.id;
      return update(state, n.params.threadId, (c) => {
        const back = c.queued.filter((q) => q.turnId === turnId);
        if (back.length === 0) return c;
        return {
          draft: prepend(
            back.map((q) => q.text),
            c.draft,
          ),
          queued: c.queued.filter((q) => q.turnId !== turnId),
        };
      });
    }
    default:
      return state;
  }
}

export function reduceComposers(
  state: ComposersState,
  action: ComposerAction | { type: 'notification'; notification: ServerNotification },
): ComposersState {
  switch (action.type) {
    case 'notification':
      return onNotification(state, action.notification);
    case 'composer/draft':
      return update(state, action.threadId, (c) => (c.draft === action.text ? c : { ...c, draft: action.text }));
    case 'composer/queued':
      return update(state, action.threadId, (c) => ({ draft: '', queued: [...c.queued, action.message] }));
    case 'composer/returned': {
      const { clientId, text } = action;
      return update(state, action.threadId, (c) => {
        if (clientId === undefined) return { ...c, draft: prepend([text], c.draft) };
        if (!c.queued.some((q) => q.clientId === clientId)) return c;
        return { draft: prepend([text], c.draft), queued: c.queued.filter((q) => q.clientId !== clientId) };
      });
    }
  }
}

/** What Retry sends again: everything the user said in that turn, in order. */
export function retryInputOf(turn: TurnView): UserInput[] {
  return turn.items.flatMap((v) => (v.item.type === 'userMessage' ? v.item.content : []));
}

/**
 * What is kept across a reload: each thread's draft, with any queued message folded back in
 * first (after a reload nothing says whether the turn still takes it; in the composer it is
 * never lost, at worst it is there twice).
 */
export function composersToSave(state: ComposersState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [threadId, c] of Object.entries(state)) {
    const text = prepend(
      c.queued.map((q) => q.text),
      c.draft,
    );
    if (text) out[threadId] = text;
  }
  return out;
}

/** Drafts read back after a reload; anything not a map of strings is ignored. */
export function composersFromSaved(saved: unknown): ComposersState {
  if (typeof saved !== 'object' || saved === null) return {};
  const out: ComposersState = {};
  for (const [threadId, draft] of Object.entries(saved))
    if (typeof draft === 'string' && draft) out[threadId] = { draft, queued: [] };
  return out;
}
