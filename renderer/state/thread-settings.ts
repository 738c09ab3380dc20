/**
 * The settings a thread really runs with, as the composer's pickers show them: taken from the
 * server's answer to thread/start, thread/resume or thread/fork — never assumed by the UI.
 */
import type { AskForApproval, SandboxPolicy } from '../../protocol/schema/common';

export type PolicyName = 'untrusted' | 'on-failure' | 'on-request' | 'never';
export type SandboxName = 'read-only' | 'workspace-write' | 'danger-full-access';

export interface ThreadSettingsView {
  model: string;
  approvalPolicy: PolicyName;
  sandbox: SandboxName;
}

/** Codex's granular form with only the sandbox asking is what Tandem sends for `on-failure`. */
export function policyName(p: AskForApproval): PolicyName {
  if (typeof p === 'string') return p;
  return p.granular.sandbox_approval && !p.granular.rules ? 'on-failure' : 'on-request';
}

export function sandboxName(s: SandboxPolicy): SandboxName {
  return s.type === 'readOnly' ? 'read-only' : s.type === 'workspaceWrite' ? 'workspace-write' : 'danger-full-access';
}

export function threadSettingsOf(res: { model: string; approvalPolicy: AskForApproval; sandbox: SandboxPolicy }): ThreadSettingsView {
  return { model: res.model, approvalPolicy: policyName(res.approvalPolicy), sandbox: sandboxName(res.sandbox) };
}
