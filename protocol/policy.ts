/**
 * The approval-policy and sandbox conversions, defined once for the server and the UI: what a
 * policy object means (its name), and how a sandbox mode and its wire policy map to each other.
 * The agent acts on `policyName`, and the UI shows the same, so the two cannot disagree.
 */
import type { AskForApproval, SandboxMode, SandboxPolicy } from './schema/common';

/** The four policies Tandem acts on (and the pickers offer). */
export type PolicyName = Extract<AskForApproval, string>;

export const POLICY_NAMES: readonly PolicyName[] = ['untrusted', 'on-failure', 'on-request', 'never'];
export const SANDBOX_MODES: readonly SandboxMode[] = ['read-only', 'workspace-write', 'danger-full-access'];

/**
 * `on-failure` left Codex's schema in 0.169; on the wire Tandem reports it in the granular form
 * that means the same thing (ask only when the sandbox gets in the way), which Codex clients
 * understand. Input accepts both spellings.
 */
const ON_FAILURE_GRANULAR = { granular: { sandbox_approval: true, rules: false, mcp_elicitations: false } } as const;

/** A policy as the server reports it (thread/start, thread/resume, thread/fork). */
export function wireApprovalPolicy(p: AskForApproval): AskForApproval {
  return p === 'on-failure' ? ON_FAILURE_GRANULAR : p;
}

/**
 * The policy a granular form acts as. In Codex each granular flag says whether that kind of
 * prompt may be shown; `false` rejects it without asking. So without `sandbox_approval` no
 * command ever asks: `never`. Sandbox approvals alone are `on-failure` (what Tandem sends for
 * it); with rule or MCP prompts as well, `on-request`.
 */
export function policyName(p: AskForApproval): PolicyName {
  if (typeof p === 'string') return p;
  const g = p.granular;
  if (g.sandbox_approval) return g.rules || g.mcp_elicitations ? 'on-request' : 'on-failure';
  return 'never';
}

/**
 * A policy as Codex names it to the model (its environment context): the granular form is just
 * `granular` there, as Codex prints it; what it acts as is `policyName`.
 */
export function policyLabel(p: AskForApproval): string {
  return typeof p === 'string' ? p : 'granular';
}

/** The mode a wire policy asks for; an external sandbox leaves Tandem nothing to confine. */
export function sandboxModeOf(policy: SandboxPolicy): SandboxMode {
  switch (policy.type) {
    case 'readOnly':
      return 'read-only';
    case 'workspaceWrite':
      return 'workspace-write';
    case 'dangerFullAccess':
    case 'externalSandbox':
      return 'danger-full-access';
  }
}

/** The effective policy object Codex reports for a sandbox mode (and a client may send back). */
export function sandboxPolicyOf(mode: SandboxMode): SandboxPolicy {
  switch (mode) {
    case 'read-only':
      return { type: 'readOnly', networkAccess: false };
    case 'workspace-write':
      return {
        type: 'workspaceWrite',
        writableRoots: [],
        networkAccess: false,
        excludeTmpdirEnvVar: false,
        excludeSlashTmp: false,
      };
    case 'danger-full-access':
      return { type: 'dangerFullAccess' };
  }
}
