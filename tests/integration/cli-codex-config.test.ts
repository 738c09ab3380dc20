/**
 * The built CLI with Codex's command line: `-c` overrides reach the model (model, effort,
 * instructions, provider endpoint and wire API), unknown keys and features are named once on
 * stderr, bad values stop the start; and thread/start's and thread/resume's `config` param
 * changes that thread, as in Codex.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/rpc/errors';
import { useHarness } from '../helpers/harness';
import { CLI, type StdioClient } from '../helpers/test-client';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

const answer = { outputs: [{ type: 'message' as const, text: 'ok' }] };

/** Run one turn to its end on `threadId`. */
async function turn(client: StdioClient, threadId: string, text = 'go', extra: Record<string, unknown> = {}) {
  const { turn: t } = await client.request('turn/start', { threadId, input: [{ type: 'text', text }], ...extra });
  const done = await client.notification('turn/completed', (p) => (p.turn as { id: string }).id === t.id);
  return (done.params as { turn: { status: string } }).turn;
}

const bodyOf = (b: unknown): Record<string, unknown> => b as Record<string, unknown>;
/** The developer-role messages of a Responses request: where developer instructions go, as in Codex. */
const developerOf = (b: unknown): string =>
  ((bodyOf(b).input ?? []) as Array<{ role?: string; content?: Array<{ text?: string }> }>)
    .filter((i) => i.role === 'developer')
    .map((i) => (i.content ?? []).map((c) => c.text ?? '').join(''))
    .join('\n');

describe('tandem app-server -c key=value', () => {
  it('applies model, effort, policy, sandbox, instructions and a provider endpoint with its key variable', async () => {
    const fake = await fakeModel([answer]);
    const cwd = await h.tempDir();
    const client = h.stdio(
      // No OPENAI_BASE_URL / OPENAI_API_KEY: the endpoint and key come from -c alone.
      { TANDEM_HOME: await h.tempDir('tandem-home-'), LOCAL_MODEL_KEY: 'sk-from-env-key' },
      [
        '-c',
        'model="gpt-from-cli"',
        '-c',
        'model_reasoning_effort=high',
        '-c',
        'approval_policy=never',
        '-c',
        'sandbox_mode=read-only',
        '-c',
        'developer_instructions="Answer in haiku."',
        '-c',
        "base_instructions='You are the CLI test agent.'",
        '-c',
        'model_provider=local',
        '-c',
        `model_providers.local.base_url=${fake.baseURL}`,
        '-c',
        'model_providers.local.env_key=LOCAL_MODEL_KEY',
        '-c',
        'model_providers.local.name="Local"',
        '-c',
        'analytics.enabled=false',
      ],
    );
    await client.initialize();
    const started = await client.request('thread/start', { cwd });
    expect(started).toMatchObject({
      model: 'gpt-from-cli',
      modelProvider: 'local',
      reasoningEffort: 'high',
      approvalPolicy: 'never',
      sandbox: { type: 'readOnly' },
    });
    expect((await turn(client, started.thread.id)).status).toBe('completed');
    const call = fake.modelCalls[0]!;
    expect(call.headers.authorization).toBe('Bearer sk-from-env-key');
    expect(call.body).toMatchObject({ model: 'gpt-from-cli', reasoning: { effort: 'high' } });
    const instructions = String(bodyOf(call.body).instructions);
    expect(instructions.startsWith('You are the CLI test agent.')).toBe(true);
    expect(developerOf(call.body)).toContain('Answer in haiku.');
    expect(instructions).not.toContain('You are Tandem');
    expect(instructions).toContain('<sandbox_mode>read-only</sandbox_mode>');
    // Every key was used or is satisfied by what Tandem is: no warning.
    expect(client.stderr.join('')).not.toMatch(/does not use/);
  });

  it('speaks Chat Completions to a provider whose wire_api is chat', async () => {
    const fake = await fakeModel([answer]);
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-'), OPENAI_API_KEY: 'sk-x' }, [
      '-c',
      `model_providers.openai.base_url=${fake.baseURL}`,
      '-c',
      'model_providers.openai.wire_api=chat',
    ]);
    await client.initialize();
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir() });
    expect((await turn(client, thread.id)).status).toBe('completed');
    expect(fake.modelCalls.map((c) => c.path)).toEqual(['/v1/chat/completions']);
  });

  it('names the keys and features it does not use in one warning, and still serves', async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-') }, [
      '-c',
      'mcp_servers.docs.command=docs-server',
      '--enable',
      'unified_exec',
      '--disable',
      'plugins',
      '--analytics-default-enabled',
      '-c',
      'tui.theme=dark',
    ]);
    await client.initialize();
    const log = client.stderr.join('');
    const warnings = log.split('\n').filter((l) => l.includes('does not use'));
    expect(warnings).toHaveLength(1);
    for (const key of ['mcp_servers.docs.command', 'tui.theme', 'features.unified_exec', 'features.plugins'])
      expect(warnings[0]).toContain(key);
  });

  it.each([
    [['-c', 'approval_policy=sometimes'], /approval_policy: expected untrusted, on-failure, on-request or never/],
    [['-c', 'model_provider=nowhere'], /model_provider=nowhere: no such provider/],
    [['--no-such-flag'], /unknown option: --no-such-flag/],
  ])('refuses %j with exit code 2 and says why', (args, message) => {
    const r = spawnSync(process.execPath, [CLI, 'app-server', ...args], {
      input: '',
      encoding: 'utf8',
      env: { ...process.env, TANDEM_HOME: '/nonexistent-tandem-home' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('accepts the global form `-c … app-server`, as `codex -c … app-server` is written', async () => {
    const fake = await fakeModel([answer]);
    const { spawnServer } = await import('../helpers/test-client');
    const client = spawnServer(process.execPath, [CLI, '-c', 'model=gpt-global', 'app-server'], {
      ...process.env,
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'k',
    });
    try {
      await client.initialize();
      expect((await client.request('thread/start', {})).model).toBe('gpt-global');
    } finally {
      await client.close();
    }
  });
});

describe("thread/start and thread/resume's config param", () => {
  it("sets that thread's model, effort, policy, sandbox and instructions; explicit params win", async () => {
    const fake = await fakeModel([answer, answer, answer]);
    const client = h.stdio({
      TANDEM_HOME: await h.tempDir('tandem-home-'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-config',
    });
    await client.initialize();
    const cwd = await h.tempDir();
    const configured = await client.request('thread/start', {
      cwd,
      approvalPolicy: 'untrusted',
      config: {
        model: 'gpt-from-config',
        model_reasoning_effort: 'low',
        approval_policy: 'never',
        sandbox_mode: 'danger-full-access',
        developer_instructions: 'Reply with one word.',
        base_instructions: 'You are the config test agent.',
        'features.rmcp_client': true,
      },
    });
    expect(configured).toMatchObject({
      model: 'gpt-from-config',
      reasoningEffort: 'low',
      approvalPolicy: 'untrusted', // the explicit param, over config's never
      sandbox: { type: 'dangerFullAccess' },
    });
    // A thread without config keeps the defaults: the config was that thread's alone.
    const plain = await client.request('thread/start', { cwd });
    expect(plain.model).toBe('gpt-5.5');

    await turn(client, configured.thread.id);
    await turn(client, plain.thread.id);
    const [first, second] = fake.modelCalls.map((c) => bodyOf(c.body));
    expect(first).toMatchObject({ model: 'gpt-from-config', reasoning: { effort: 'low' } });
    expect(String(first!.instructions)).toMatch(/^You are the config test agent\./);
    expect(developerOf(fake.modelCalls[0]!.body)).toContain('Reply with one word.');
    expect(String(first!.instructions)).toContain('<sandbox_mode>danger-full-access</sandbox_mode>');
    expect(second).toMatchObject({ model: 'gpt-5.5' });
    expect(String(second!.instructions)).toContain('You are Tandem');
    expect(developerOf(fake.modelCalls[1]!.body)).not.toContain('Reply with one word.');
    expect(client.stderr.join('')).toMatch(/thread config: Tandem does not use features\.rmcp_client/);

    // Resume with config (nested tables this time) changes the thread from then on.
    const resumed = await client.request('thread/resume', {
      threadId: configured.thread.id,
      config: { model: 'gpt-resumed', developer_instructions: 'Now two words.', model_reasoning_effort: 'high' },
    });
    expect(resumed).toMatchObject({ model: 'gpt-resumed', reasoningEffort: 'high' });
    await turn(client, configured.thread.id);
    const third = bodyOf(fake.modelCalls[2]!.body);
    expect(third).toMatchObject({ model: 'gpt-resumed', reasoning: { effort: 'high' } });
    expect(developerOf(fake.modelCalls[2]!.body)).toContain('Now two words.');
    expect(String(third.instructions)).toContain('You are the config test agent.');
  });

  it("lets a thread pick one of the server's providers by id, and never define one", async () => {
    const builtIn = await fakeModel([answer]);
    const local = await fakeModel([answer]);
    const client = h.stdio(
      { TANDEM_HOME: await h.tempDir('tandem-home-'), OPENAI_BASE_URL: builtIn.baseURL, OPENAI_API_KEY: 'sk-openai' },
      ['-c', `model_providers.local.base_url=${local.baseURL}`],
    );
    await client.initialize();
    const picked = await client.request('thread/start', {
      // The base_url here would send the key elsewhere: ignored, the server's `local` stands.
      config: { model_provider: 'local', 'model_providers.local.base_url': 'http://127.0.0.1:9/v1' },
    });
    expect(picked.modelProvider).toBe('local');
    const plain = await client.request('thread/start', {});
    expect(plain.modelProvider).toBe('openai');
    await turn(client, picked.thread.id);
    await turn(client, plain.thread.id);
    expect(local.modelCalls).toHaveLength(1);
    expect(builtIn.modelCalls).toHaveLength(1);
    // OpenAI's key goes to OpenAI's endpoint only; `local` has no env_key, so it gets none.
    expect(builtIn.modelCalls[0]!.headers.authorization).toBe('Bearer sk-openai');
    expect(local.modelCalls[0]!.headers.authorization).not.toContain('sk-openai');
    expect(client.stderr.join('')).toMatch(/thread config: Tandem does not use model_providers\.local\.base_url/);
  });

  it("applies config's policy where the params give none, on start and fork alike", async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-') });
    await client.initialize();
    const started = await client.request('thread/start', {
      config: { approval_policy: 'never', sandbox_mode: 'read-only' },
    });
    expect(started).toMatchObject({ approvalPolicy: 'never', sandbox: { type: 'readOnly' } });
    const forked = await client.request('thread/fork', {
      threadId: started.thread.id,
      config: { model: 'gpt-forked', model_reasoning_effort: 'minimal' },
    });
    expect(forked).toMatchObject({
      model: 'gpt-forked',
      reasoningEffort: 'minimal',
      approvalPolicy: 'never', // the source thread's
      sandbox: { type: 'readOnly' },
    });
  });

  it('refuses a config value Codex would refuse with -32602, and creates nothing', async () => {
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-') });
    await client.initialize();
    const err = await client
      .request('thread/start', { config: { sandbox_mode: 'everything' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.InvalidParams, message: expect.stringMatching(/sandbox_mode/) });
    expect((await client.request('thread/list', {})).data).toEqual([]);
  });
});
