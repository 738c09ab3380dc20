/** Codex key-path edits as Tandem settings writes: mapped, validated by tandem/settings/write's schema, or refused. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../protocol/rpc/errors';
import type { ConfigEdit } from '../../../../../protocol/schema/config';
import { configView, settingsPatchOf } from '../../../../../main/server/handlers/codex-config';
import { DEFAULT_THREAD_SETTINGS } from '../../../../../main/server/options';

const edit = (keyPath: string, value: unknown, mergeStrategy: ConfigEdit['mergeStrategy'] = 'replace'): ConfigEdit => ({
  keyPath,
  value,
  mergeStrategy,
});

function refusal(edits: ConfigEdit[]): unknown {
  try {
    settingsPatchOf(edits);
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, data: e.data };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('settingsPatchOf', () => {
  it('maps Codex keys onto settings fields; later edits win; null clears', () => {
    expect(
      settingsPatchOf([
        edit('model', 'gpt-4o'),
        edit('model_reasoning_effort', 'low'),
        edit('sandbox_mode', 'read-only'),
        edit('model', null),
      ]),
    ).toEqual({ model: null, reasoningEffort: 'low', sandbox: 'read-only' });
  });

  it('keeps Codex’s granular approval policy as the policy it acts as', () => {
    const granular = { granular: { sandbox_approval: false, rules: false, mcp_elicitations: false } };
    expect(settingsPatchOf([edit('approval_policy', granular)])).toEqual({ approvalPolicy: 'never' });
  });

  it('writes a provider table: upsert keeps what it leaves out, replace clears it', () => {
    expect(
      settingsPatchOf([edit('model_providers.local', { base_url: 'http://127.0.0.1:1234/v1' }, 'upsert')]),
    ).toEqual({
      modelProvider: 'local',
      baseUrl: 'http://127.0.0.1:1234/v1',
    });
    expect(settingsPatchOf([edit('model_providers.local', { base_url: 'http://127.0.0.1:1234/v1' })])).toEqual({
      modelProvider: 'local',
      baseUrl: 'http://127.0.0.1:1234/v1',
      wireApi: null,
      modelProviderName: null,
    });
  });

  it('refuses unknown keys and bad values with Codex’s error codes', () => {
    expect(refusal([edit('model', 'x'), edit('tools.web_search', true)])).toMatchObject({
      code: -32602,
      data: { config_write_error_code: 'configSchemaUnknownKey', keyPath: 'tools.web_search' },
    });
    expect(refusal([edit('model_providers.local', { base_url: 'http://x', request_max_retries: 0 })])).toMatchObject({
      data: { config_write_error_code: 'configSchemaUnknownKey', keyPath: 'model_providers.local.request_max_retries' },
    });
    expect(refusal([edit('model_providers.local.wire_api', 'grpc')])).toMatchObject({
      data: { config_write_error_code: 'configValidationError', keyPath: 'model_providers.local.wire_api' },
    });
    expect(refusal([edit('model_reasoning_effort', 'banana')])).toMatchObject({
      data: { config_write_error_code: 'configValidationError', keyPath: 'model_reasoning_effort' },
    });
    expect(refusal([edit('model_providers.x.env_key', 'MY_KEY')])).toMatchObject({
      data: { config_write_error_code: 'configValidationError' },
    });
  });
});

describe('configView', () => {
  it('never holds the key, and says when it comes from the environment', () => {
    const ctx = {
      defaults: DEFAULT_THREAD_SETTINGS,
      env: { OPENAI_API_KEY: 'sk-env' },
      file: '/h/settings.json',
      text: '',
    };
    expect(JSON.stringify(configView({ apiKey: 'sk-file' }, ctx))).not.toContain('sk-');
    expect(configView({}, ctx).model_providers?.openai?.env_key).toBe('OPENAI_API_KEY');
    expect(configView({ apiKey: 'sk-file' }, ctx).model_providers?.openai?.env_key).toBeNull();
  });
});
