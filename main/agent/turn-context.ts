/** The settings a turn runs under, and what the user approved for the session. */
import type { AskForApproval, SandboxMode } from '../../protocol/schema/common';
import type { DynamicToolSpec } from '../../protocol/schema/dynamic-tools';

export interface TurnSettings {
  model: string;
  effort: string | null;
  summary: 'auto' | 'concise' | 'detailed' | 'none' | null;
  approvalPolicy: AskForApproval;
  sandbox: SandboxMode;
  cwd: string;
  /** Replaces Tandem's base instructions (the thread's `baseInstructions`). */
  baseInstructions?: string | null;
  /** Sent as developer-role instructions (the thread's `developerInstructions`). */
  developerInstructions?: string | null;
  /** The client's own tools, offered beside Tandem's and run by the client. */
  dynamicTools?: readonly DynamicToolSpec[];
  /** The client that started the turn can show the model's questions (request_user_input). */
  offerUserInput?: boolean;
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
export const commandKey = (cwd: string, command: string, where: 'sandboxed' | 'unsandboxed'): string =>
  `${where}\0${cwd}\0${command}`;
