/** What a tool call runs with: the turn's identity, settings, guards and ways to report. */
import type { ServerNotification, ServerRequestMethod, ServerRequestParams } from '../../protocol/methods';
import type { ApprovalDecision, FileEdit, HunkSelection } from '../../protocol/schema/approval';
import type { DynamicToolCallParams, DynamicToolCallResponse } from '../../protocol/schema/dynamic-tools';
import type { ToolRequestUserInputParams, ToolRequestUserInputResponse } from '../../protocol/schema/user-input';
import type { FileChangeContents } from '../../protocol/schema/tandem';
import type { ThreadItem } from '../../protocol/schema/item';
import type { StreamRedactor } from '../model/redact';
import type { Logger } from '../tools/logger';
import type { Confinement } from '../tools/paths';
import type { TempJournal } from '../tools/temp-journal';
import type { DiffTracker } from './diff-tracker';
import type { WorkspaceWatch } from './workspace-watch';
import type { SessionApprovals, TurnSettings } from './turn-context';
import type { AskRefused } from './turn-journal';

/**
 * An approval's answer: the decision, and for file changes the hunks chosen and the files the
 * user edited (Tandem extensions).
 * `failed`: the client answered with an error instead of a decision (the decision is then
 * `decline`): the tool call fails, saying so, and the turn goes on, as in Codex.
 */
interface ApprovalAnswer {
  decision: ApprovalDecision;
  hunks?: HunkSelection[];
  /** The user's own versions of files (Tandem extension). */
  edits?: FileEdit[];
  failed?: string;
}

/** The server requests that ask the user to approve an action (not a client tool, not a question). */
type ApprovalMethod = Exclude<ServerRequestMethod, 'item/tool/call' | 'item/tool/requestUserInput'>;

export interface ToolEnv {
  readonly threadId: string;
  readonly turnId: string;
  readonly settings: TurnSettings;
  readonly confinement: Confinement;
  /** Where the server lists the temporary files it writes, so a crash leaves none behind. */
  readonly tempJournal: TempJournal | null;
  /** Tandem's home (settings.json: the commands' extra environment and resource limits). */
  readonly home: string;
  readonly session: SessionApprovals;
  readonly diffs: DiffTracker;
  /** Finds the files a shell command changed (snapshot before, compare after). */
  readonly workspace: WorkspaceWatch;
  /** Keep notes on why the turn's Changes may be incomplete (persisted with the thread). */
  noteChanges(notes: string[]): Promise<void>;
  /** The server's log (stderr in the CLI): for faults the user or developer must see. */
  readonly log: Logger;
  /** Aborted when the turn is interrupted. */
  readonly signal: AbortSignal;
  /** `item/started`, unless the turn is over. */
  startItem(item: ThreadItem): void;
  /** Persist the item, then `item/completed` (with `item/started` first if it never started). */
  completeItem(item: ThreadItem): Promise<void>;
  /** A notification, dropped once the turn is over (no delta after `turn/completed`). */
  publishDelta(notification: ServerNotification): void;
  /**
   * Ask the clients; the answer normalised to accept / acceptForSession / decline / cancel.
   * No answer (everyone left, or the turn was interrupted) is `cancel`: nothing runs.
   */
  ask<M extends ApprovalMethod>(method: M, params: ServerRequestParams<M>): Promise<ApprovalAnswer>;
  /**
   * Run a tool the client provided (`item/tool/call`): its answer, a refusal (an error, or no
   * client left to run it), or null when the turn was interrupted.
   */
  callClientTool(params: DynamicToolCallParams): Promise<DynamicToolCallResponse | AskRefused | null>;
  /** Ask the user the model's questions: the answers, a client's refusal, or null when interrupted. */
  askUser(params: ToolRequestUserInputParams): Promise<ToolRequestUserInputResponse | AskRefused | null>;
  /** Let clients fetch a pending change's whole files (for review) until `null` withdraws them. */
  offerChanges(itemId: string, files: FileChangeContents[] | null): void;
  /** Stop the turn (a `cancel` decision). */
  interrupt(): void;
  /** Remove secrets (the API key) from text a command printed. */
  redact(text: string): string;
  /** Redaction for one command's output deltas, which may split a secret between them. */
  redactStream(): StreamRedactor;
}
