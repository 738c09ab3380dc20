/**
 * When the agent must ask before acting, following Codex's meanings of the approval policies
 * and sandbox modes:
 * - untrusted: only commands known to be safe run without asking; every file change asks.
 * - on-failure: commands run in the sandbox without asking; a command the sandbox blocked may
 *   be retried outside it if the user approves.
 * - on-request: commands run in the sandbox without asking; the model may ask to run one outside
 *   it; file changes inside the workspace go ahead.
 * - never: nothing asks; what the sandbox or policy refuses fails back to the model.
 * Without a working sandbox (no bubblewrap), every command not known to be safe asks (or is
 * refused under `never`) instead of running unconfined.
 */
import type { PolicyName } from '../../protocol/policy';
import type { SandboxMode } from '../../protocol/schema/common';

export type CommandPlan =
  | { kind: 'run'; sandboxed: boolean }
  | { kind: 'ask'; sandboxed: boolean; reason: string }
  | { kind: 'refuse'; reason: string };

export interface CommandFacts {
  policy: PolicyName;
  sandbox: SandboxMode;
  sandboxAvailable: boolean;
  knownSafe: boolean;
  /** The model asked to run outside the sandbox. */
  escalate: boolean;
  justification: string | null;
  /** The user approved this exact command for the rest of the thread. */
  approvedForSession: boolean;
}

export function planCommand(f: CommandFacts): CommandPlan {
  if (f.sandbox === 'danger-full-access') {
    if (f.policy === 'untrusted' && !f.knownSafe && !f.approvedForSession)
      return { kind: 'ask', sandboxed: false, reason: 'This command is not known to be read-only.' };
    return { kind: 'run', sandboxed: false };
  }
  if (f.approvedForSession) return { kind: 'run', sandboxed: !f.escalate && f.sandboxAvailable };
  if (f.escalate) {
    if (f.policy === 'never')
      return { kind: 'refuse', reason: 'The approval policy is "never", so nothing can run outside the sandbox.' };
    return {
      kind: 'ask',
      sandboxed: false,
      reason: f.justification ?? 'The agent asks to run this command outside the sandbox.',
    };
  }
  if (f.knownSafe) return { kind: 'run', sandboxed: f.sandboxAvailable };
  if (!f.sandboxAvailable) {
    if (f.policy === 'never') {
      return {
        kind: 'refuse',
        reason:
          'No sandbox is available on this machine (bubblewrap is missing) and the approval policy is "never", so only read-only commands may run.',
      };
    }
    return {
      kind: 'ask',
      sandboxed: false,
      reason: 'No sandbox is available on this machine, so this command would run unconfined.',
    };
  }
  if (f.policy === 'untrusted')
    return { kind: 'ask', sandboxed: true, reason: 'This command is not known to be read-only.' };
  return { kind: 'run', sandboxed: true };
}

/** Output that says the sandbox, not the command, was the problem (on-failure asks to retry). */
export function looksSandboxDenied(exitCode: number | null, output: string): boolean {
  return (
    exitCode !== 0 &&
    /Read-only file system|Operation not permitted|Permission denied|Network is unreachable|Could not resolve host|Temporary failure in name resolution/i.test(
      output,
    )
  );
}

export type PatchPlan = { kind: 'apply' } | { kind: 'ask'; reason: string } | { kind: 'refuse'; reason: string };

export interface PatchFacts {
  policy: PolicyName;
  sandbox: SandboxMode;
  /**
   * The agent configuration folder (`.git`, `.codex`, …, see tools/agent-config.ts) a target is
   * inside, or null. Writing one needs approval under every policy but danger-full-access.
   */
  configFolder: string | null;
  /** Every target was approved for the rest of the thread. */
  approvedForSession: boolean;
}

export function planPatch(f: PatchFacts): PatchPlan {
  if (f.approvedForSession) return { kind: 'apply' };
  const why =
    f.configFolder !== null && f.sandbox !== 'danger-full-access'
      ? `The change writes inside ${f.configFolder}, which holds agent configuration (an agent that edits it can grant itself anything).`
      : f.sandbox === 'read-only'
        ? 'The sandbox is read-only.'
        : f.policy === 'untrusted'
          ? 'File changes need approval under the "untrusted" policy.'
          : null;
  if (!why) return { kind: 'apply' };
  if (f.policy === 'never')
    return { kind: 'refuse', reason: `${why} The approval policy is "never", so the change was not applied.` };
  return { kind: 'ask', reason: why };
}
