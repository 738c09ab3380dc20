/**
 * What an item view may do or know beyond itself, given by the app through context so the
 * memoised transcript rows need no extra props: undo a revert recorded in the thread, open
 * Settings (an error's fix), which plan items a later plan replaced, when messages were sent.
 * The value changes only when one of these does — not on every streamed delta.
 */
import { createContext } from 'react';

export interface ItemActions {
  /** The thread's folder, for showing paths relative to it. */
  cwd: string | null;
  /** Revert record ids already undone (an undo record exists for them). */
  undone: ReadonlySet<string>;
  /** Undo a revert; rejects with the server's reason (e.g. the files changed since). */
  undoRevert: ((itemId: string) => Promise<void>) | null;
  /** Opens Settings (the fix for a refused key, an unreachable server). */
  openSettings: (() => void) | null;
  /** Plan items a later plan of the same turn replaced: the turn shows one checklist, its latest. */
  supersededPlans: ReadonlySet<string>;
  /** When a message was sent (a turn's user message) or answered (its last agent message), Unix seconds. */
  times: ReadonlyMap<string, number>;
}

export const ItemActionsContext = createContext<ItemActions>({
  cwd: null,
  undone: new Set(),
  undoRevert: null,
  openSettings: null,
  supersededPlans: new Set(),
  times: new Map(),
});
