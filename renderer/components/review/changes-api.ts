/** The Changes panel's and the transcript's requests for one thread (Tandem's changes extensions). */
import type { TurnDiffResponse, TurnRevertResponse } from '../../../protocol/schema/tandem';
import type { TandemClient } from '../../rpc/client';

export interface ChangesApi {
  /** A turn's changes, or the whole thread's (null), and why the list may be incomplete. */
  load(turnId: string | null): Promise<TurnDiffResponse>;
  /** Revert a turn (or one file of it); `dryRun` only says which files would change. */
  revert(
    turnId: string,
    options: { path?: string; dryRun?: boolean; expected?: string[] },
  ): Promise<TurnRevertResponse>;
  /** Put the agent's version back after a revert; returns the files put back. */
  undo(itemId: string): Promise<string[]>;
}

export function changesApi(client: TandemClient, threadId: string): ChangesApi {
  return {
    load: (turnId) => client.request('tandem/turn/diff', turnId ? { threadId, turnId } : { threadId }),
    revert: (turnId, o) => client.request('tandem/turn/revert', { threadId, turnId, ...o }),
    undo: async (itemId) => (await client.request('tandem/turn/revert/undo', { threadId, itemId })).restored,
  };
}
