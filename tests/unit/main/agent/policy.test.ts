import { describe, expect, it } from 'vitest';
import { planCommand, planPatch, type CommandFacts } from '../../../../main/agent/policy';

const base: CommandFacts = {
  policy: 'on-request',
  sandbox: 'workspace-write',
  sandboxAvailable: true,
  knownSafe: false,
  escalate: false,
  justification: null,
  approvedForSession: false,
};

describe('planCommand', () => {
  it('untrusted: safe commands run sandboxed; anything else asks', () => {
    expect(planCommand({ ...base, policy: 'untrusted', knownSafe: true })).toEqual({ kind: 'run', sandboxed: true });
    expect(planCommand({ ...base, policy: 'untrusted' })).toMatchObject({ kind: 'ask', sandboxed: true });
  });
  it('on-request and on-failure run in the sandbox; escalation asks and runs outside it', () => {
    for (const policy of ['on-request', 'on-failure'] as const) {
      expect(planCommand({ ...base, policy })).toEqual({ kind: 'run', sandboxed: true });
      expect(planCommand({ ...base, policy, escalate: true, justification: 'needs network' })).toEqual({
        kind: 'ask',
        sandboxed: false,
        reason: 'needs network',
      });
    }
  });
  it('never: never asks; escalation is refused', () => {
    expect(planCommand({ ...base, policy: 'never' })).toEqual({ kind: 'run', sandboxed: true });
    expect(planCommand({ ...base, policy: 'never', escalate: true })).toMatchObject({ kind: 'refuse' });
  });
  it('without a sandbox, unsafe commands ask (or are refused under never) instead of running unconfined', () => {
    expect(planCommand({ ...base, sandboxAvailable: false })).toMatchObject({ kind: 'ask', sandboxed: false });
    expect(planCommand({ ...base, sandboxAvailable: false, policy: 'never' })).toMatchObject({ kind: 'refuse' });
    expect(planCommand({ ...base, sandboxAvailable: false, knownSafe: true })).toEqual({
      kind: 'run',
      sandboxed: false,
    });
  });
  it('danger-full-access runs unsandboxed; untrusted still asks for unsafe commands', () => {
    expect(planCommand({ ...base, sandbox: 'danger-full-access' })).toEqual({ kind: 'run', sandboxed: false });
    expect(planCommand({ ...base, sandbox: 'danger-full-access', policy: 'untrusted' })).toMatchObject({ kind: 'ask' });
  });
  it('a session approval covers the command from then on', () => {
    expect(planCommand({ ...base, policy: 'untrusted', approvedForSession: true })).toEqual({
      kind: 'run',
      sandboxed: true,
    });
  });
});

describe('planPatch', () => {
  const p = {
    policy: 'on-request' as const,
    sandbox: 'workspace-write' as const,
    configFolder: null,
    approvedForSession: false,
  };
  it('applies inside the workspace under on-request, asks under untrusted, read-only, and for agent configuration', () => {
    expect(planPatch(p)).toEqual({ kind: 'apply' });
    expect(planPatch({ ...p, policy: 'untrusted' })).toMatchObject({ kind: 'ask' });
    expect(planPatch({ ...p, sandbox: 'read-only' })).toMatchObject({ kind: 'ask' });
    for (const policy of ['untrusted', 'on-failure', 'on-request'] as const) {
      for (const sandbox of ['read-only', 'workspace-write'] as const) {
        expect(planPatch({ ...p, policy, sandbox, configFolder: '.codex' })).toMatchObject({
          kind: 'ask',
          reason: expect.stringMatching(/\.codex/),
        });
      }
    }
    expect(planPatch({ ...p, configFolder: '.git' })).toMatchObject({
      kind: 'ask',
      reason: expect.stringMatching(/\.git/),
    });
    expect(planPatch({ ...p, configFolder: '.claude', policy: 'never' })).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/\.claude.*"never"/),
    });
    // With full access, commands can write it anyway: only the policy decides.
    expect(planPatch({ ...p, configFolder: '.git', sandbox: 'danger-full-access' })).toEqual({ kind: 'apply' });
    expect(planPatch({ ...p, configFolder: '.git', sandbox: 'danger-full-access', policy: 'untrusted' })).toMatchObject(
      { kind: 'ask' },
    );
    expect(planPatch({ ...p, policy: 'untrusted', approvedForSession: true })).toEqual({ kind: 'apply' });
  });
});
