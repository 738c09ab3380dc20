/**
 * What a running turn tells the server, as domain events. The server's implementation (one,
 * main/server/threads/turn-journal.ts) keeps each event with the thread (fsynced) and then
 * announces it to the clients following the thread: the agent never writes a record itself.
 */
import type {
  ServerNotification,
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from '../../protocol/methods';
import type { FileChangeContents } from '../../protocol/schema/tandem';
import type { ThreadItem } from '../../protocol/schema/item';
import type { Turn } from '../../protocol/schema/turn';
import type { TokenUsageBreakdown } from '../../protocol/schema/turn-events';
import type { ConversationItem } from '../model/types';
import type { Logger } from '../tools/logger';

/**
 * When an announcement is still sent. `live`: only while the turn streams (nothing after it was
 * interrupted, so no delta follows `turn/interrupt`). `final`: also while an interrupted turn
 * winds down (what is on disk is what clients show), never after `turn/completed`.
 */
export type Announce = 'live' | 'final';

/** A client answered a server request with a JSON-RPC error (or none is left to answer it): why. */
export interface AskRefused {
  refused: string;
}

export interface TurnJournal {
  readonly threadId: string;
  readonly log: Logger;
  /**
   * Kept (at `at`, Unix ms), the thread active, then `turn/started`. `signal` aborts when the turn
   * is interrupted: live announcements stop then.
   */
  turnStarted(turn: Turn, at: number, signal: AbortSignal): Promise<void>;
  /** `item/started` (an item is kept once it completes). */
  itemStarted(item: ThreadItem, announce: Announce): void;
  /** Kept, then `item/completed`. */
  itemCompleted(item: ThreadItem, announce: Announce): Promise<void>;
  /** What the model saw and said, kept so later turns resend it (never announced). */
  historyAppended(items: ConversationItem[]): Promise<void>;
  /** A file's content before the turn first changed it (null: it did not exist), for revert. */
  baselineTaken(path: string, display: string, before: string | null): Promise<void>;
  /** Why the turn's Changes may be incomplete. */
  changesNoted(notes: string[]): Promise<void>;
  /** One model call's token usage: added to the thread's totals, then announced (live). */
  usage(last: TokenUsageBreakdown, contextWindow: number | null): void;
  /** A notification that is not kept (deltas, plan and diff updates, errors): live. */
  announce(notification: ServerNotification): void;
  /** Kept (a failure to keep it is logged), then `turn/completed`, then the thread idle. */
  turnCompleted(turn: Turn, at: number): Promise<void>;
  /**
   * Ask the thread's clients; the first answer wins. A client leaving an approval decides nothing
   * (the request waits for the next one); a client answering with an error refuses it, and so
   * does the last asked client leaving a tool call. Null when the turn was interrupted (`signal`)
   * or the server shut down, and then nothing runs.
   */
  ask<M extends ServerRequestMethod>(
    method: M,
    params: ServerRequestParams<M>,
    signal: AbortSignal,
  ): Promise<ServerRequestResult<M> | AskRefused | null>;
  /** Offer (or, with null, withdraw) a pending file change's whole files to clients. */
  offerChanges(itemId: string, files: FileChangeContents[] | null): void;
}
