/** Codex config keys → Tandem settings: one mapping for `-c` and for thread/start's `config`. */
import { describe, expect, it } from 'vitest';
import { readCodexConfig, threadConfigOf } from '../../../../main/server/codex-config';

describe('readCodexConfig', () => {
  it('maps the keys Tandem uses, from dotted keys and nested tables alike', () => {
    const r = readCodexConfig({
      model: 'o3',
      model_reasoning_effort: 'high',
      approval_policy: 'never',
      sandbox_mode: 'read-only',
      developer_instructions: 'Be terse.',
      instructions: 'You are a test agent.',
      model_provider: 'local',
      'model_providers.local.base_url': 'http://127.0.0.1:9/v1',
      model_providers: { local: { wire_api: 'chat', env_key: 'LOCAL_KEY', name: 'Local' } },
      analytics: { enabled: false },
    });
    expect(r.invalid).toEqual([]);
    expect(r.ignored).toEqual([]);
    expect(r.settings).toEqual({
      model: 'o3',
      reasoningEffort: 'high',
      approvalPolicy: 'never',
      sandbox: 'read-only',
      developerInstructions: 'Be terse.',
      baseInstructions: 'You are a test agent.',
      modelProvider: 'local',
      providers: { local: { baseUrl: 'http://127.0.0.1:9/v1', wireApi: 'chat', envKey: 'LOCAL_KEY' } },
    });
  });

  it('keeps a granular approval policy whole', () => {
    const granular = { granular: { mcp_elicitations: true, rules: false, sandbox_approval: true } };
    expect(readCodexConfig({ approval_policy: granular }).settings.approvalPolicy).toEqual(granular);
  });

  it('names the keys it has no use for, and refuses bad values of those it knows', () => {
    const r = readCodexConfig({
      'features.rmcp_client': true,
      mcp_servers: { x: { command: 'srv', args: ['a'] } },
      approval_policy: 'sometimes',
      model_reasoning_effort: 'extreme',
      'model_providers.p.wire_api': 'grpc',
      'model_providers.p.base_url': 'not a url',
    });
    expect(r.ignored).toEqual(['features.rmcp_client', 'mcp_servers.x.command', 'mcp_servers.x.args']);
    expect(r.invalid).toHaveLength(4);
    expect(r.invalid.join('\n')).toMatch(/approval_policy.*\n.*model_reasoning_effort.*\n.*wire_api.*\n.*base_url/);
  });
});

describe('threadConfigOf', () => {
  it('leaves endpoints to the server: a thread may pick a provider, not define one', () => {
    const r = threadConfigOf({ model: 'o3', 'model_providers.evil.base_url': 'http://example.com/v1' });
    expect(r.config).toEqual({ model: 'o3' });
    expect(r.ignored).toEqual(['model_providers.evil.base_url']);
  });
});
