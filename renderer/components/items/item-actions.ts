/**
 * What an item view may do beyond showing itself, given by the app through context so the
 * memoised transcript rows need no extra props: undo a revert recorded in the thread.
 */
import { createContext } from 'react';

export interface ItemActions {
  /** The thread's folder, for showing paths relative to it. */
  cwd: string | null;
  /** Revert record ids already undone (an undo record exists for them). */
  undone: ReadonlySet<string>;
  /** Undo a revert; rejects with the server's reason (e.g. the files changed since). */
  undoRevert: ((itemId: string) => Promise<void>) | null;
}

export const ItemActionsContext = createContext<ItemActions>({ cwd: null, undone: new Set(), undoRevert: null });
