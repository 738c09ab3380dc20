/**
 * The agent's journal (main/agent/turn-journal.ts) for one turn of a loaded thread: each event
 * becomes the thread's records, persisted (fsynced) first and announced after, so a client never
 * shows what a crash could lose. This is the one place a running turn persists and announces.
 */
import type {
  ServerNotification,
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from '../../../protocol/methods';
import type { ThreadItem } from '../../../protocol/schema/item';
import type { FileChangeContents } from '../../../protocol/schema/tandem';
import type { ThreadStatus } from '../../../protocol/schema/thread';
import type { Turn } from '../../../protocol/schema/turn';
import type { TokenUsageBreakdown } from '../../../protocol/schema/turn-events';
import type { Announce, AskRefused, TurnJournal } from '../../agent/turn-journal';
import type { ConversationItem } from '../../model/types';
import type { Logger } from '../log';
import type { ChangeRecord, StoredTokenUsage } from './records';

/** What the server offers one thread's running turn: its disk, its followers, its status and approvals. */
export interface ThreadPort extends Pick<TurnJournal, 'threadId' | 'log' | 'ask' | 'offerChanges'> {
  /** Persist changes to the thread (fsynced), applied in memory after. */
  record(records: ChangeRecord[]): Promise<void>;
  /** To the connections following the thread (and its live copy, for resume). */
  publish(notification: ServerNotification): void;
  setStatus(status: ThreadStatus): void;
  /** The thread's running token totals, updated with one call's usage. */
  addUsage(last: TokenUsageBreakdown): TokenUsageBreakdown;
}

class ThreadTurnJournal implements TurnJournal {
  private turnId = '';
  private signal: AbortSignal | null = null;
  private completed = false;
  /** The turn's last completed agent message: what `turn/completed` carries, as Codex's does. */
  private lastAnswer: ThreadItem | null = null;
  /** The thread's usage after this turn's latest model call, kept with the turn's end. */
  private lastUsage: StoredTokenUsage['usage'] | null = null;

  constructor(private readonly port: ThreadPort) {}

  get threadId(): string {
    return this.port.threadId;
  }

  get log(): Logger {
    return this.port.log;
  }

  private announceIf(when: Announce, n: ServerNotification): void {
    if (this.completed) return;
    if (when === 'live' && this.signal?.aborted) return;
    this.port.publish(n);
  }

  private keep(records: ChangeRecord[]): Promise<void> {
    return this.port.record(records);
  }

  async turnStarted(turn: Turn, at: number, signal: AbortSignal): Promise<void> {
    this.turnId = turn.id;
    this.signal = signal;
    await this.keep([{ t: 'turnStarted', at, turnId: turn.id }]);
    this.port.setStatus({ type: 'active', activeFlags: [] });
    this.port.publish({
      method: 'turn/started',
      params: { threadId: this.threadId, turn: { ...turn, itemsView: 'notLoaded' } },
    });
  }

  itemStarted(item: ThreadItem, announce: Announce): void {
    this.announceIf(announce, {
      method: 'item/started',
      params: { threadId: this.threadId, turnId: this.turnId, item, startedAtMs: Date.now() },
    });
  }

  async itemCompleted(item: ThreadItem, announce: Announce): Promise<void> {
    await this.keep([{ t: 'item', at: Date.now(), turnId: this.turnId, item }]);
    if (item.type === 'agentMessage') this.lastAnswer = item;
    this.announceIf(announce, {
      method: 'item/completed',
      params: { threadId: this.threadId, turnId: this.turnId, item, completedAtMs: Date.now() },
    });
  }

  async historyAppended(items: ConversationItem[]): Promise<void> {
    await this.keep([{ t: 'history', at: Date.now(), turnId: this.turnId, items }]);
  }

  async baselineTaken(path: string, display: string, before: string | null): Promise<void> {
    await this.keep([{ t: 'baseline', at: Date.now(), turnId: this.turnId, path, display, before }]);
  }

  async changesNoted(notes: string[]): Promise<void> {
    if (notes.length)
      await this.keep(notes.map((note) => ({ t: 'watchNote', at: Date.now(), turnId: this.turnId, note })));
  }

  usage(last: TokenUsageBreakdown, contextWindow: number | null): void {
    const total = this.port.addUsage(last);
    this.lastUsage = { total, last, modelContextWindow: contextWindow };
    this.announceIf('live', {
      method: 'thread/tokenUsage/updated',
      params: {
        threadId: this.threadId,
        turnId: this.turnId,
        tokenUsage: { total, last, modelContextWindow: contextWindow },
      },
    });
  }

  announce(notification: ServerNotification): void {
    this.announceIf('live', notification);
  }

  async turnCompleted(turn: Turn, at: number): Promise<void> {
    // Nothing else of the turn goes out once it is ending, even while its end is being kept.
    this.completed = true;
    try {
      await this.keep([
        {
          t: 'turnCompleted',
          at,
          turnId: turn.id,
          status: turn.status,
          error: turn.error ?? null,
          durationMs: turn.durationMs ?? null,
          ...(this.lastUsage ? { tokenUsage: this.lastUsage } : {}),
        },
      ]);
    } catch (e) {
      this.log.error(`could not record the end of turn ${turn.id}: ${String(e)}`);
    }
    // Codex 0.169 sends the turn's summary here: its final agent message, not every item (the
    // items went out one by one; a client that wants them all reads the thread).
    const summary: Turn = { ...turn, items: this.lastAnswer ? [this.lastAnswer] : [], itemsView: 'summary' };
    this.port.publish({ method: 'turn/completed', params: { threadId: this.threadId, turn: summary } });
    this.port.setStatus({ type: 'idle' });
  }

  ask<M extends ServerRequestMethod>(
    method: M,
    params: ServerRequestParams<M>,
    signal: AbortSignal,
  ): Promise<ServerRequestResult<M> | AskRefused | null> {
    return this.port.ask(method, params, signal);
  }

  offerChanges(itemId: string, files: FileChangeContents[] | null): void {
    this.port.offerChanges(itemId, files);
  }
}

/** A journal for the next turn of the thread behind `port`. */
export const turnJournal = (port: ThreadPort): TurnJournal => new ThreadTurnJournal(port);
