/**
 * Codex's config, provider, account and model methods through the BUILT CLI over stdio: one
 * settings file behind config/* and tandem/settings/*, refused writes that change nothing, the
 * endpoint's rate-limit headers, and methods Tandem does not implement answered -32601.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness';
import { RpcError, type StdioClient } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

async function cli(env: Record<string, string>): Promise<{ client: StdioClient; home: string }> {
  const home = await h.tempDir('tandem-home-');
  const client = h.stdio({ TANDEM_HOME: home, ...env });
  await client.initialize('codex_sdk_ts');
  return { client, home };
}

/** The error a request failed with. */
async function failure(p: Promise<unknown>): Promise<RpcError> {
  const e = await p.then(
    () => new Error('expected the request to fail'),
    (err: unknown) => err,
  );
  if (!(e instanceof RpcError)) throw e;
  return e;
}

const settingsFile = (home: string): Promise<string> => readFile(join(home, 'settings.json'), 'utf8').catch(() => '');

describe('config/* over Tandem settings (built CLI)', () => {
  it('reads back what tandem/settings/write saved, and tandem/settings/read what config writes saved', async () => {
    const { client, home } = await cli({ OPENAI_API_KEY: '', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    await client.request('tandem/settings/write', { model: 'gpt-4o', apiKey: 'sk-never-sent-back' });
    const read = await client.request('config/read', { includeLayers: true });
    expect(read.config).toMatchObject({ model: 'gpt-4o', model_context_window: 128_000, model_provider: 'openai' });
    expect(Object.keys(read.origins)).toEqual(['model']);
    expect(read.origins.model?.name).toEqual({ type: 'user', file: join(home, 'settings.json'), profile: null });
    expect(read.layers?.[0]?.config).toEqual({ model: 'gpt-4o' });
    expect(JSON.stringify(read)).not.toContain('sk-never-sent-back');

    const written = await client.request('config/batchWrite', {
      edits: [
        { keyPath: 'approval_policy', value: 'never', mergeStrategy: 'replace' },
        { keyPath: 'sandbox_mode', value: 'read-only', mergeStrategy: 'replace' },
        { keyPath: 'model_reasoning_effort', value: 'high', mergeStrategy: 'replace' },
      ],
      expectedVersion: read.origins.model?.version ?? null,
    });
    expect(written).toMatchObject({ status: 'ok', filePath: join(home, 'settings.json') });
    expect(await client.request('tandem/settings/read', {})).toMatchObject({
      model: 'gpt-4o',
      approvalPolicy: 'never',
      sandbox: 'read-only',
      apiKey: 'stored',
    });
    const again = await client.request('config/read', {});
    expect(again.config).toMatchObject({
      approval_policy: 'never',
      sandbox_mode: 'read-only',
      model_reasoning_effort: 'high',
    });
    // The version a write answers is the file's, so the next write can build on it.
    expect(again.origins.model?.version).toBe(written.version);
    await client.request('config/value/write', {
      keyPath: 'model',
      value: null,
      mergeStrategy: 'replace',
      expectedVersion: written.version,
    });
    expect((await client.request('tandem/settings/read', {})).model).toBeNull();
  });

  it('refuses unknown keys, bad values, stale versions and other files, writing nothing', async () => {
    const { client, home } = await cli({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    await client.request('config/value/write', { keyPath: 'model', value: 'gpt-5.5', mergeStrategy: 'replace' });
    const before = await settingsFile(home);
    const cases: Array<[Record<string, unknown>, number, string, RegExp]> = [
      [
        { edits: [{ keyPath: 'model_auto_compact_token_limit', value: 5, mergeStrategy: 'replace' }] },
        -32602,
        'configSchemaUnknownKey',
        /no setting for "model_auto_compact_token_limit"/,
      ],
      [
        {
          edits: [
            { keyPath: 'model', value: 'gpt-4o', mergeStrategy: 'replace' },
            { keyPath: 'sandbox_mode', value: 'banana', mergeStrategy: 'replace' },
          ],
        },
        -32602,
        'configValidationError',
        /sandbox_mode/,
      ],
      [
        { edits: [{ keyPath: 'model', value: 'x', mergeStrategy: 'replace' }], expectedVersion: 'sha256:stale' },
        -32005,
        'configVersionConflict',
        /changed since/,
      ],
      [
        { edits: [{ keyPath: 'model', value: 'x', mergeStrategy: 'replace' }], filePath: '/etc/codex/config.toml' },
        -32005,
        'configLayerReadonly',
        /Only Tandem's settings file/,
      ],
    ];
    for (const [params, code, reason, message] of cases) {
      const e = await failure(client.request('config/batchWrite', params));
      expect({ code: e.code, data: e.data }).toMatchObject({
        code,
        data: { reason: 'configWrite', config_write_error_code: reason },
      });
      expect(e.message).toMatch(message);
      expect(await settingsFile(home)).toBe(before);
    }
  });

  it('configures the endpoint as a Codex provider: listed, and the next turn goes there', async () => {
    const fake = await fakeModel([{ outputs: [{ type: 'message', text: 'from the local provider' }] }]);
    // No model call goes out before the endpoint is configured: OpenAI's own is only read about.
    const { client } = await cli({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '' });
    // Before: OpenAI's endpoint without a key.
    expect(await client.request('account/read', {})).toEqual({ account: null, requiresOpenaiAuth: true });
    await client.request('config/batchWrite', {
      edits: [
        {
          keyPath: 'model_providers.local',
          value: { name: 'Local', base_url: fake.baseURL, wire_api: 'chat' },
          mergeStrategy: 'upsert',
        },
        { keyPath: 'model_provider', value: 'local', mergeStrategy: 'replace' },
        { keyPath: 'model', value: 'gpt-test', mergeStrategy: 'replace' },
        { keyPath: 'approval_policy', value: 'never', mergeStrategy: 'replace' },
        { keyPath: 'sandbox_mode', value: 'read-only', mergeStrategy: 'replace' },
      ],
    });
    expect(await client.request('modelProvider/list', {})).toEqual({
      data: [
        {
          id: 'local',
          name: 'Local',
          baseUrl: fake.baseURL,
          canEdit: true,
          settings: { type: 'customGateway', auth: { mode: 'none' } },
        },
      ],
      defaultProviderId: 'local',
      canChangeDefault: false,
    });
    // A keyless local endpoint needs no account.
    expect(await client.request('account/read', {})).toEqual({ account: null, requiresOpenaiAuth: false });
    // New threads run with what the config says, and the model call goes to the provider's endpoint.
    const started = await client.request('thread/start', { cwd: await h.tempDir() });
    expect(started).toMatchObject({ model: 'gpt-test', approvalPolicy: 'never', sandbox: { type: 'readOnly' } });
    await client.request('turn/start', { threadId: started.thread.id, input: [{ type: 'text', text: 'hi' }] });
    await client.notification('turn/completed');
    expect(fake.modelCalls[0]?.path).toBe('/v1/chat/completions');
    expect(fake.modelCalls[0]?.body).toMatchObject({ model: 'gpt-test' });
  });

  it('answers account/rateLimits/read from the headers of the last model call', async () => {
    const fake = await fakeModel([
      {
        outputs: [{ type: 'message', text: 'ok' }],
        headers: {
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '495',
          'x-ratelimit-reset-requests': '6m0s',
          'x-ratelimit-limit-tokens': '40000',
          'x-ratelimit-remaining-tokens': '30000',
          'x-ratelimit-reset-tokens': '1.5s',
        },
      },
    ]);
    const { client } = await cli({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL });
    expect(await client.request('account/read', {})).toEqual({
      account: { type: 'apiKey' },
      requiresOpenaiAuth: false,
    });
    // Nothing known before a model call (Codex's clients send no params here).
    const none = await client.requestRaw({ id: 'rl-0', method: 'account/rateLimits/read' });
    expect(none.result).toEqual({
      rateLimits: { limitId: null, limitName: null, primary: null, secondary: null },
      rateLimitsByLimitId: null,
    });
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir() });
    const before = Date.now();
    await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi' }] });
    await client.notification('turn/completed');
    const after = Date.now();
    const { rateLimits, rateLimitsByLimitId } = await client.request('account/rateLimits/read', {});
    expect(rateLimits.primary?.usedPercent).toBe(1);
    expect(rateLimits.secondary?.usedPercent).toBe(25);
    const resets = rateLimits.primary?.resetsAt ?? 0;
    expect(resets).toBeGreaterThanOrEqual(Math.floor((before + 360_000) / 1000));
    expect(resets).toBeLessThanOrEqual(Math.ceil((after + 360_000) / 1000));
    expect(Object.keys(rateLimitsByLimitId ?? {})).toEqual(['requests', 'tokens']);
  });
});

describe('model/list (built CLI)', () => {
  it('marks the default and gives inputs and context window from the endpoint, else the known models', async () => {
    const fake = await fakeModel([], {
      models: ['gpt-5.5', 'local-coder', 'vision-llm'],
      modelFields: {
        'local-coder': { context_length: 32_768 },
        'vision-llm': { architecture: { input_modalities: ['text', 'image'] } },
      },
    });
    const { client } = await cli({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.baseURL });
    await client.request('tandem/settings/write', { model: 'local-coder' });
    const { data } = await client.request('model/list', {});
    const byId = Object.fromEntries(data.map((m) => [m.id, m]));
    expect(byId['gpt-5.5']).toMatchObject({
      isDefault: false,
      inputModalities: ['text', 'image'],
      contextWindow: 272_000,
    });
    expect(byId['local-coder']).toMatchObject({ isDefault: true, inputModalities: ['text'], contextWindow: 32_768 });
    expect(byId['vision-llm']).toMatchObject({ isDefault: false, inputModalities: ['text', 'image'] });
    expect(byId['vision-llm']).not.toHaveProperty('contextWindow');
  });
});

describe('methods Tandem does not implement (built CLI)', () => {
  it('answers -32601 naming the method', async () => {
    const { client } = await cli({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    const answer = await client.requestRaw({ id: 'p1', method: 'plugin/list', params: {} });
    expect(answer.error).toMatchObject({ code: -32601 });
    expect(answer.error?.message).toContain('plugin/list');
    // The connection goes on.
    expect(await client.request('account/read', {})).toMatchObject({ requiresOpenaiAuth: false });
  });
});
