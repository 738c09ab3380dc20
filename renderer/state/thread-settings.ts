/**
 * The settings a thread really runs with, as the composer's pickers show them: taken from the
 * server's answer to thread/start, thread/resume or thread/fork — never assumed by the UI. Read
 * with protocol/policy.ts, the functions the server acts on, so the two always agree.
 */
import { policyName, sandboxModeOf, type PolicyName } from '../../protocol/policy';
import type { AskForApproval, SandboxMode, SandboxPolicy } from '../../protocol/schema/common';

export interface ThreadSettingsView {
  model: string;
  approvalPolicy: PolicyName;
  sandbox: SandboxMode;
}

export function threadSettingsOf(res: {
  model: string;
  approvalPolicy: AskForApproval;
  sandbox: SandboxPolicy;
}): ThreadSettingsView {
  return { model: res.model, approvalPolicy: policyName(res.approvalPolicy), sandbox: sandboxModeOf(res.sandbox) };
}
