/** What a running turn needs from the server, and the settings it runs under. */
import type { ServerNotification, ServerRequestMethod, ServerRequestParams, ServerRequestResult } from '../../protocol/methods';
import type { AskForApproval, SandboxMode } from '../../protocol/schema/common';
import type { FileChangeContents } from '../../protocol/schema/tandem';
import type { ThreadStatus } from '../../protocol/schema/thread';
import type { TokenUsageBreakdown } from '../../protocol/schema/turn-events';
import type { Logger } from '../server/log';
import type { ChangeRecord } from '../server/threads/records';

export interface TurnHost {
  readonly threadId: string;
  readonly log: Logger;
  /** To the connections following the thread. */
  publish(notification: ServerNotification): void;
  /** Persist changes to the thread (fsynced) before anything announces them. */
  record(records: ChangeRecord[]): Promise<void>;
  setStatus(status: ThreadStatus): void;
  /**
   * Ask the thread's clients; the first answer wins. A client leaving decides nothing (the
   * request waits for the next one); null when the turn was interrupted (`signal`) or the server
   * shut down, and then nothing runs.
   */
  ask<M extends ServerRequestMethod>(method: M, params: ServerRequestParams<M>, signal: AbortSignal): Promise<ServerRequestResult<M> | null>;
  /** Offer (or, with null, withdraw) a pending file change's whole files to clients. */
  offerChanges(itemId: string, files: FileChangeContents[] | null): void;
  /** The thread's running token totals, updated with one call's usage. */
  addUsage(last: TokenUsageBreakdown): TokenUsageBreakdown;
}

export interface TurnSettings {
  model: string;
  effort: string | null;
  summary: 'auto' | 'concise' | 'detailed' | 'none' | null;
  approvalPolicy: AskForApproval;
  sandbox: SandboxMode;
  cwd: string;
  baseInstructions?: string | null;
  developerInstructions?: string | null;
}

/** What the user approved "for session": the same command, the same files, for the rest of the thread. */
export interface SessionApprovals {
  commands: Set<string>;
  files: Set<string>;
}

/**
 * A session approval's key: the command, where it runs, and whether inside the sandbox — so an
 * approval to run something sandboxed never lets the same text run outside it unasked.
 */
export const commandKey = (cwd: string, command: string, where: 'sandboxed' | 'unsandboxed'): string => `${where}\0${cwd}\0${command}`;
