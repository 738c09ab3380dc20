import { describe, expect, it } from 'vitest';
import {
  POLICY_NAMES,
  SANDBOX_MODES,
  policyLabel,
  policyName,
  sandboxModeOf,
  sandboxPolicyOf,
  wireApprovalPolicy,
} from '../../../protocol/policy';
import { AskForApproval, SandboxPolicy } from '../../../protocol/schema/common';

describe('policyName', () => {
  it('reads Codex’s granular form: a false flag rejects that prompt, so without sandbox approval nothing asks', () => {
    expect(policyName({ granular: { sandbox_approval: true, rules: false, mcp_elicitations: false } })).toBe(
      'on-failure',
    );
    expect(policyName({ granular: { sandbox_approval: true, rules: true, mcp_elicitations: false } })).toBe(
      'on-request',
    );
    expect(policyName({ granular: { sandbox_approval: true, rules: false, mcp_elicitations: true } })).toBe(
      'on-request',
    );
    expect(policyName({ granular: { sandbox_approval: false, rules: false, mcp_elicitations: false } })).toBe('never');
    expect(
      policyName({
        granular: { sandbox_approval: false, rules: true, mcp_elicitations: true, request_permissions: true },
      }),
    ).toBe('never');
  });

  it('keeps the four names, and each round-trips through what the server reports', () => {
    for (const name of POLICY_NAMES) {
      expect(policyName(name)).toBe(name);
      const wire = wireApprovalPolicy(name);
      expect(AskForApproval.parse(wire)).toEqual(wire);
      expect(policyName(wire)).toBe(name);
    }
    expect(wireApprovalPolicy('on-failure')).toEqual({
      granular: { sandbox_approval: true, rules: false, mcp_elicitations: false },
    });
  });
});

describe('policyLabel', () => {
  it('names a policy to the model as Codex does: the granular form as `granular`', () => {
    for (const name of POLICY_NAMES) expect(policyLabel(name)).toBe(name);
    expect(policyLabel({ granular: { sandbox_approval: true, rules: false, mcp_elicitations: false } })).toBe(
      'granular',
    );
  });
});

describe('sandbox modes and wire policies', () => {
  it('round-trip, each policy valid on the wire', () => {
    for (const mode of SANDBOX_MODES) {
      const policy = sandboxPolicyOf(mode);
      expect(SandboxPolicy.parse(policy)).toEqual(policy);
      expect(sandboxModeOf(policy)).toBe(mode);
    }
  });

  it('reads a bare policy as a client sends it, and an external sandbox as nothing for Tandem to confine', () => {
    expect(sandboxModeOf({ type: 'readOnly' })).toBe('read-only');
    expect(sandboxModeOf({ type: 'workspaceWrite' })).toBe('workspace-write');
    expect(sandboxModeOf({ type: 'dangerFullAccess' })).toBe('danger-full-access');
    expect(sandboxModeOf({ type: 'externalSandbox', networkAccess: 'restricted' })).toBe('danger-full-access');
  });
});
