/** Approvals: the server asks the client before it runs a command or writes files. */
import { z } from 'zod';
import { CommandAction } from './item';

const inItem = {
  threadId: z.string(),
  turnId: z.string(),
  /** The commandExecution or fileChange item this approval is for. */
  itemId: z.string(),
  startedAtMs: z.number().int(),
  /** Why the agent asks, in words for the user. */
  reason: z.string().nullable().optional(),
};

/** Params of `item/commandExecution/requestApproval`. */
export const CommandExecutionRequestApprovalParams = z.object({
  ...inItem,
  /** The exact command line that would run. */
  command: z.string().nullable().optional(),
  /** The folder it would run in. */
  cwd: z.string().nullable().optional(),
  commandActions: z.array(CommandAction).nullable().optional(),
  approvalId: z.string().nullable().optional(),
  /**
   * The answers the engine takes for this request (Codex: decisions, and amendment objects);
   * absent: all of ApprovalDecision. A UI offers only these.
   */
  availableDecisions: z.array(z.unknown()).nullable().optional(),
});
export type CommandExecutionRequestApprovalParams = z.infer<typeof CommandExecutionRequestApprovalParams>;

/**
 * The user's answer. `accept`: run it; `acceptForSession`: run it and the same command again
 * without asking, for the rest of the thread; `decline`: don't, and tell the model; `cancel`:
 * don't, and stop the turn.
 */
export const ApprovalDecision = z.enum(['accept', 'acceptForSession', 'decline', 'cancel']);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** Result of `item/commandExecution/requestApproval`. Codex's amendment decisions count as `accept`. */
export const CommandExecutionRequestApprovalResponse = z.object({
  decision: z.union([
    ApprovalDecision,
    z.strictObject({ acceptWithExecpolicyAmendment: z.object({ execpolicy_amendment: z.array(z.string()) }) }),
    z.strictObject({ applyNetworkPolicyAmendment: z.object({ network_policy_amendment: z.unknown() }) }),
  ]),
});
export type CommandExecutionRequestApprovalResponse = z.infer<typeof CommandExecutionRequestApprovalResponse>;
/** Any answer to a command approval: a decision, or an amendment the engine offered (`availableDecisions`). */
export type CommandDecision = CommandExecutionRequestApprovalResponse['decision'];

/** Params of `item/fileChange/requestApproval`; the changes are on the item (`item/started`). */
export const FileChangeRequestApprovalParams = z.object({
  ...inItem,
  /** A folder the change would also make writable, if any. */
  grantRoot: z.string().nullable().optional(),
});
export type FileChangeRequestApprovalParams = z.infer<typeof FileChangeRequestApprovalParams>;

/**
 * Tandem extension: which hunks of each file the user accepted. `path` is the change's path as
 * the item gives it; `accepted` has one entry per hunk of that file's diff, in order (an added or
 * deleted file is one hunk). Files not listed are accepted whole.
 */
export const HunkSelection = z.object({ path: z.string(), accepted: z.array(z.boolean()) });
export type HunkSelection = z.infer<typeof HunkSelection>;

/**
 * Tandem extension: the user's own version of a file, edited from the proposal before accepting
 * it. `path` is the change's path as the item gives it; `content` is the whole file as the user
 * left it, written instead of the proposal (that file's `hunks` choices then do not apply). The
 * model is told how it differs from what it proposed. Not for a deleted file.
 */
export const FileEdit = z.object({ path: z.string(), content: z.string() });
export type FileEdit = z.infer<typeof FileEdit>;

/**
 * Result of `item/fileChange/requestApproval`. A Codex client sends only `decision` (accept
 * means every hunk); Tandem's UI may add `hunks` to accept some and reject others, and `edits`
 * for files the user changed. Codex's schema allows the extra fields.
 */
export const FileChangeRequestApprovalResponse = z.object({
  decision: ApprovalDecision,
  hunks: z.array(HunkSelection).optional(),
  edits: z.array(FileEdit).optional(),
});
export type FileChangeRequestApprovalResponse = z.infer<typeof FileChangeRequestApprovalResponse>;
