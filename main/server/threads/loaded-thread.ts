/** A thread held in memory because a client started, resumed or forked it. */
import type { FileChangeContents } from '../../../protocol/schema/tandem';
import type { ThreadStatus } from '../../../protocol/schema/thread';
import type { Turn } from '../../../protocol/schema/turn';
import type { TokenUsageBreakdown } from '../../../protocol/schema/turn-events';
import type { TurnRunner } from '../../agent/turn-runner';
import type { SessionApprovals } from '../../agent/turn-context';
import type { ConnectedClient } from '../connected-client';
import { LiveTurn } from './live-turn';
import type { ThreadState } from './records';

/** An approval waiting for an answer, for as long as the thread is loaded. */
export interface PendingAsk {
  /** Ask one more client (one that started following the thread, or follows it again). */
  join(connection: ConnectedClient): void;
  /** End it unanswered (the server shuts down): nothing it asks for runs. */
  cancel(): void;
}

export class LoadedThread {
  status: ThreadStatus = { type: 'idle' };
  /** The clients following the thread: its notifications and approvals reach them. */
  readonly subscribers = new Set<ConnectedClient>();
  /** The turn running now, if any. */
  activeTurn: TurnRunner | null = null;
  /** What the user approved for the rest of this thread. */
  readonly session: SessionApprovals = { commands: new Set(), files: new Set() };
  /** The thread's token totals: what its turns recorded, plus what calls since then used. */
  tokenTotal: TokenUsageBreakdown;
  /** Approvals waiting for an answer (the status shows waitingOnApproval while any is). */
  pendingApprovals = 0;
  /** Whole files of file changes awaiting approval, by item id (for `tandem/fileChange/contents`). */
  readonly pendingChanges = new Map<string, FileChangeContents[]>();
  /** The approvals pending now; a disconnect never ends one, only an answer, an interrupt or shutdown. */
  readonly pendingAsks = new Set<PendingAsk>();

  /** The running turn's items that have not completed yet (a streaming message, a pending command). */
  readonly live = new LiveTurn();

  constructor(public readonly state: ThreadState) {
    const stored = state.tokenUsage;
    this.tokenTotal = stored
      ? { ...stored.usage.total }
      : { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 };
    // A client that resumes the thread is told its usage, as after any turn (Codex does the same).
    if (stored)
      this.live.fold({
        method: 'thread/tokenUsage/updated',
        params: { threadId: state.meta.id, turnId: stored.turnId, tokenUsage: stored.usage },
      });
  }

  get id(): string {
    return this.state.meta.id;
  }

  /** The turns as clients see them: recorded, plus the running turn's unfinished items. */
  get wireTurns(): Turn[] {
    return this.live.overlay(this.state.turns);
  }
}
