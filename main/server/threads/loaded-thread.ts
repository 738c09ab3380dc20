/** A thread held in memory because a client started, resumed or forked it. */
import type { FileChangeContents } from '../../../protocol/schema/tandem';
import type { ThreadStatus } from '../../../protocol/schema/thread';
import type { TokenUsageBreakdown } from '../../../protocol/schema/turn-events';
import type { TurnRunner } from '../../agent/turn-runner';
import type { SessionApprovals } from '../../agent/turn-context';
import type { ServerConnection } from '../connection';
import type { ThreadState } from './records';

/** Something that receives a loaded thread's notifications (a client connection). */
export interface Subscriber {
  readonly id: number;
}

export class LoadedThread {
  status: ThreadStatus = { type: 'idle' };
  readonly subscribers = new Set<Subscriber>();
  /** The turn running now, if any. */
  activeTurn: TurnRunner | null = null;
  /** What the user approved for the rest of this thread. */
  readonly session: SessionApprovals = { commands: new Set(), files: new Set() };
  /** Token totals since the thread was loaded. */
  tokenTotal: TokenUsageBreakdown = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 };
  /** Approvals waiting for an answer (the status shows waitingOnApproval while any is). */
  pendingApprovals = 0;
  /** Whole files of file changes awaiting approval, by item id (for `tandem/fileChange/contents`). */
  readonly pendingChanges = new Map<string, FileChangeContents[]>();
  /** For each pending approval: ask one more client (one that started following meanwhile). */
  readonly pendingAsks = new Set<(connection: ServerConnection) => void>();

  constructor(public readonly state: ThreadState) {}

  get id(): string {
    return this.state.meta.id;
  }
}
