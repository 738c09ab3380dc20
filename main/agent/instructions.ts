/** The system instructions: who the agent is, where it works, and under which rules. */
import { policyLabel } from '../../protocol/policy';
import type { AskForApproval, SandboxMode } from '../../protocol/schema/common';

export interface InstructionContext {
  cwd: string;
  approvalPolicy: AskForApproval;
  sandbox: SandboxMode;
  /** Replaces Tandem's own base instructions. */
  baseInstructions?: string | null;
}

const BASE = `You are Tandem, a coding agent working with a person on a project on their computer.
You and the user share the same workspace and collaborate to achieve the user's goals.

- Work in the working folder. Read before you change; keep changes focused on the task.
- Use exec_command to run shell commands (bash). Prefer \`rg\` to search.
- Edit files only with apply_patch. Never write files with shell redirection or heredocs.
- Use update_plan for multi-step work and keep it current.
- The user reviews commands and file changes; a declined action will not run — adapt, don't retry it unchanged.
- When done, reply briefly: what you changed and how you checked it.`;

export function instructionsFor(ctx: InstructionContext): string {
  const policy = policyLabel(ctx.approvalPolicy);
  const env = `<environment_context>
  <cwd>${ctx.cwd}</cwd>
  <approval_policy>${policy}</approval_policy>
  <sandbox_mode>${ctx.sandbox}</sandbox_mode>
  <network_access>${ctx.sandbox === 'danger-full-access' ? 'enabled' : 'restricted'}</network_access>
</environment_context>`;
  // The thread's developer instructions are not part of these: they go to the model as their
  // own developer-role message (ModelRequest.developerInstructions).
  return [ctx.baseInstructions || BASE, env].join('\n\n');
}
