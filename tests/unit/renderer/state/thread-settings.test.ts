/** The thread settings the UI shows (threadSettingsOf), checked against what the agent does with them. */
import { describe, expect, it } from 'vitest';
import { planCommand, type CommandFacts } from '../../../../main/agent/policy';
import { policyName, sandboxPolicyOf } from '../../../../protocol/policy';
import { AskForApproval } from '../../../../protocol/schema/common';
import { threadSettingsOf } from '../../../../renderer/state/thread-settings';

/** Every granular form: the three flags Codex requires, the two optional ones set and unset. */
const GRANULAR: AskForApproval[] = Array.from({ length: 32 }, (_, bits) => ({
  granular: {
    sandbox_approval: (bits & 1) !== 0,
    rules: (bits & 2) !== 0,
    mcp_elicitations: (bits & 4) !== 0,
    request_permissions: (bits & 8) !== 0,
    skill_approval: (bits & 16) !== 0,
  },
}));

describe('the UI shows the policy the server acts on', () => {
  // A command the model asks to run outside the sandbox: what the agent does with it.
  const escalation = (policy: AskForApproval): ReturnType<typeof planCommand>['kind'] => {
    const facts: CommandFacts = {
      policy: policyName(policy),
      sandbox: 'workspace-write',
      sandboxAvailable: true,
      knownSafe: false,
      escalate: true,
      justification: null,
      approvedForSession: false,
    };
    return planCommand(facts).kind;
  };

  it.each(GRANULAR.map((p) => [JSON.stringify(p), p] as const))('%s', (_name, policy) => {
    const shown = threadSettingsOf({
      model: 'm',
      approvalPolicy: policy,
      sandbox: sandboxPolicyOf('workspace-write'),
    }).approvalPolicy;
    expect(shown).toBe(policyName(policy));
    // `never` on screen exactly when the server refuses to ask.
    expect(escalation(policy) === 'refuse').toBe(shown === 'never');
  });

  it('shows never for a granular policy without sandbox approval (the UI once read it as on-request)', () => {
    const policy: AskForApproval = { granular: { sandbox_approval: false, rules: true, mcp_elicitations: false } };
    expect(threadSettingsOf({ model: 'm', approvalPolicy: policy, sandbox: { type: 'readOnly' } })).toEqual({
      model: 'm',
      approvalPolicy: 'never',
      sandbox: 'read-only',
    });
    expect(escalation(policy)).toBe('refuse');
  });
});

// The pickers show the settings the thread runs with.
describe('working indicator and pickers', () => {
  it('shows the settings the server answered, on-failure included', () => {
    expect(threadSettingsOf({ model: 'm', approvalPolicy: 'untrusted', sandbox: { type: 'readOnly' } })).toEqual({
      model: 'm',
      approvalPolicy: 'untrusted',
      sandbox: 'read-only',
    });
    expect(
      threadSettingsOf({
        model: 'm',
        approvalPolicy: { granular: { sandbox_approval: true, rules: false, mcp_elicitations: false } },
        sandbox: { type: 'dangerFullAccess' },
      }),
    ).toMatchObject({ approvalPolicy: 'on-failure', sandbox: 'danger-full-access' });
  });
});
