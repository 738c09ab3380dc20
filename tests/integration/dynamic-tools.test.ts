/**
 * Tools the client provides (`thread/start` dynamicTools, experimental as in Codex 0.169): offered
 * to the model beside Tandem's own on both wire formats, called through the `item/tool/call`
 * server request, shown as `dynamicToolCall` items, and answered to the model with what the client
 * said. An error answer, a client that leaves, or an interrupt fails the call cleanly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAI, type RecordedRequest, type ScriptedCall } from '../helpers/fake-openai';
import { useHarness } from '../helpers/harness';
import type { StdioClient, TestClient, WireMessage } from '../helpers/test-client';

const h = useHarness();
const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const LOOKUP = {
  type: 'function',
  name: 'lookup_ticket',
  description: 'Look up a ticket in the tracker by its id.',
  inputSchema: {
    type: 'object',
    properties: { id: { type: 'string', description: 'The ticket id, e.g. TAN-12' } },
    required: ['id'],
    additionalProperties: false,
  },
};

const call = (callId: string, id: string): ScriptedCall => ({
  outputs: [{ type: 'function_call', name: 'lookup_ticket', arguments: { id }, callId }],
});
const finalAnswer: ScriptedCall = { outputs: [{ type: 'message', text: 'Both looked up.' }] };

async function fake(script: ScriptedCall[]): Promise<FakeOpenAI> {
  const f = await FakeOpenAI.start(script);
  fakes.push(f);
  return f;
}

async function cli(f: FakeOpenAI, wireApi: 'responses' | 'chat' = 'responses', home?: string): Promise<StdioClient> {
  const client = h.stdio({
    TANDEM_HOME: home ?? (await h.tempDir('tandem-home-')),
    OPENAI_BASE_URL: f.baseURL,
    OPENAI_API_KEY: 'sk-dynamic-tools',
    TANDEM_WIRE_API: wireApi,
  });
  await client.initialize('dynamic-tools-client', { experimentalApi: true });
  return client;
}

/** The tool names a model call was offered, and the parameters of the client's tool. */
function offered(request: RecordedRequest | undefined): { names: string[]; lookup: unknown } {
  const tools = (request?.body as { tools: Array<Record<string, unknown>> }).tools;
  const flat = tools.map((t) =>
    t.function ? (t.function as { name: string; parameters: unknown }) : (t as { name: string; parameters: unknown }),
  );
  return { names: flat.map((t) => t.name), lookup: flat.find((t) => t.name === 'lookup_ticket')?.parameters };
}

/** The tool outputs a model call sent back, by call id (both wire formats). */
function outputs(request: RecordedRequest | undefined): Record<string, string> {
  const body = request?.body as {
    input?: Array<{ type?: string; call_id?: string; output?: string }>;
    messages?: Array<{ role: string; tool_call_id?: string; content?: string }>;
  };
  const out: Record<string, string> = {};
  for (const i of body.input ?? []) if (i.type === 'function_call_output') out[i.call_id ?? ''] = i.output ?? '';
  for (const m of body.messages ?? []) if (m.role === 'tool') out[m.tool_call_id ?? ''] = m.content ?? '';
  return out;
}

const items = (client: TestClient, method: 'item/started' | 'item/completed') =>
  client.received
    .filter((m) => m.method === method)
    .map((m) => (m.params as { item: Record<string, unknown> }).item)
    .filter((i) => i.type === 'dynamicToolCall');

describe.each(['responses', 'chat'] as const)('dynamic tools over %s', (wireApi) => {
  it('are offered beside Tandem’s tools, called through item/tool/call, and the answer reaches the model', async () => {
    const f = await fake([call('call_dyn_1', 'TAN-12'), call('call_dyn_2', 'TAN-13'), finalAnswer]);
    const client = await cli(f, wireApi);
    const asked: WireMessage[] = [];
    // The first call is answered; the second gets a JSON-RPC error, as a client whose tool broke.
    client.onServerRequest = (method) => {
      const request = client.received.filter((m) => m.method === method && m.id !== undefined).at(-1);
      if (request) asked.push(request);
      if (asked.length === 1) return { contentItems: [{ type: 'inputText', text: 'TAN-12 is open' }], success: true };
      client.sendRaw(JSON.stringify({ id: request?.id, error: { code: -32000, message: 'tracker offline' } }));
      return undefined;
    };
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir(), dynamicTools: [LOOKUP] });
    const { turn } = await client.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: 'look up TAN-12 and TAN-13' }],
    });
    const completed = await client.notification('turn/completed');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');

    // Offered with the client's own schema, after Tandem's tools.
    const tools = offered(f.modelCalls[0]);
    expect(tools.names.slice(0, 2)).toEqual(['exec_command', 'apply_patch']);
    expect(tools.names.at(-1)).toBe('lookup_ticket');
    expect(tools.lookup).toEqual(LOOKUP.inputSchema);

    expect(asked.map((m) => [m.method, m.params])).toEqual([
      [
        'item/tool/call',
        {
          threadId: thread.id,
          turnId: turn.id,
          callId: 'call_dyn_1',
          namespace: null,
          tool: 'lookup_ticket',
          arguments: { id: 'TAN-12' },
        },
      ],
      ['item/tool/call', expect.objectContaining({ callId: 'call_dyn_2', arguments: { id: 'TAN-13' } })],
    ]);
    expect(items(client, 'item/started')).toEqual([
      expect.objectContaining({ id: 'call_dyn_1', tool: 'lookup_ticket', status: 'inProgress', contentItems: null }),
      expect.objectContaining({ id: 'call_dyn_2', status: 'inProgress' }),
    ]);
    const done = items(client, 'item/completed');
    expect(done[0]).toMatchObject({
      id: 'call_dyn_1',
      status: 'completed',
      success: true,
      contentItems: [{ type: 'inputText', text: 'TAN-12 is open' }],
      arguments: { id: 'TAN-12' },
    });
    expect(done[0]?.durationMs).toEqual(expect.any(Number));
    expect(done[1]).toMatchObject({ id: 'call_dyn_2', status: 'failed', success: false });
    expect(JSON.stringify(done[1]?.contentItems)).toContain('tracker offline');

    // The client's answer is the tool's output; the failure is said as such, and the turn went on.
    expect(outputs(f.modelCalls[1])).toEqual({ call_dyn_1: 'TAN-12 is open' });
    expect(outputs(f.modelCalls[2]).call_dyn_2).toMatch(/^dynamic tool request failed: .*tracker offline/);
    expect(f.modelCalls).toHaveLength(3);

    // The thread keeps the items.
    const read = await client.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread.turns[0]?.items.filter((i) => i.type === 'dynamicToolCall').map((i) => i.id)).toEqual([
      'call_dyn_1',
      'call_dyn_2',
    ]);
  });
});

describe('dynamic tools', () => {
  it('stay with the thread: a resume after a restart offers them again', async () => {
    const f = await fake([finalAnswer, finalAnswer]);
    const home = await h.tempDir('tandem-home-');
    const first = await cli(f, 'responses', home);
    const { thread } = await first.request('thread/start', { cwd: await h.tempDir(), dynamicTools: [LOOKUP] });
    await first.close();
    const second = await cli(f, 'responses', home);
    await second.request('thread/resume', { threadId: thread.id });
    await second.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi' }] });
    await second.notification('turn/completed');
    expect(offered(f.modelCalls[0]).names).toContain('lookup_ticket');
  });

  it('a fork keeps the thread’s tools and instructions; its own params may change the instructions', async () => {
    const f = await fake([finalAnswer, finalAnswer]);
    const client = await cli(f);
    const { thread } = await client.request('thread/start', {
      cwd: await h.tempDir(),
      dynamicTools: [LOOKUP],
      baseInstructions: 'You are Forky.',
      developerInstructions: 'Be brief.',
    });
    const same = await client.request('thread/fork', { threadId: thread.id });
    const changed = await client.request('thread/fork', { threadId: thread.id, developerInstructions: 'Be thorough.' });
    for (const t of [same.thread, changed.thread]) {
      await client.request('turn/start', { threadId: t.id, input: [{ type: 'text', text: 'hi' }] });
      await client.notification('turn/completed', (p) => p.threadId === t.id);
    }
    for (const [i, developer] of [
      [0, 'Be brief.'],
      [1, 'Be thorough.'],
    ] as const) {
      const body = f.modelCalls[i]?.body as {
        instructions: string;
        input: Array<{ role?: string; content?: unknown }>;
      };
      expect(offered(f.modelCalls[i]).names).toContain('lookup_ticket');
      expect(body.instructions).toMatch(/^You are Forky\./);
      expect(JSON.stringify(body.input.find((m) => m.role === 'developer'))).toContain(developer);
    }
  });

  it('are experimental, as in Codex 0.169: refused without capabilities.experimentalApi', async () => {
    const f = await fake([]);
    const client = h.stdio({ TANDEM_HOME: await h.tempDir('tandem-home-'), OPENAI_BASE_URL: f.baseURL });
    await client.initialize('stable-client');
    await expect(
      client.request('thread/start', { cwd: await h.tempDir(), dynamicTools: [LOOKUP] }),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/dynamicTools is experimental/) });
    // Without them the same client starts threads as ever.
    await expect(client.request('thread/start', { cwd: await h.tempDir() })).resolves.toHaveProperty('thread');
  });

  it('may not take the name of one of Tandem’s tools, nor be given twice', async () => {
    const f = await fake([]);
    const client = await cli(f);
    const cwd = await h.tempDir();
    await expect(
      client.request('thread/start', { cwd, dynamicTools: [{ ...LOOKUP, name: 'exec_command' }] }),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('exec_command') });
    await expect(client.request('thread/start', { cwd, dynamicTools: [LOOKUP, LOOKUP] })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('given twice'),
    });
    // Codex's namespaces of tools are refused, not dropped.
    await expect(
      client.request('thread/start', {
        cwd,
        dynamicTools: [{ type: 'namespace', name: 'tracker', description: 'x', tools: [] }],
      }),
    ).rejects.toMatchObject({ code: -32602 });
  });

  it('a call the client has not answered ends with the turn on interrupt', async () => {
    const f = await fake([call('call_dyn_1', 'TAN-12')]);
    const client = await cli(f);
    client.onServerRequest = () => undefined; // never answered
    const { thread } = await client.request('thread/start', { cwd: await h.tempDir(), dynamicTools: [LOOKUP] });
    const { turn } = await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
    const request = await client.waitFor((m) => m.method === 'item/tool/call');
    await client.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    const completed = await client.notification('turn/completed');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('interrupted');
    expect(items(client, 'item/completed')).toEqual([
      expect.objectContaining({ id: 'call_dyn_1', status: 'failed', success: false }),
    ]);
    // The request was withdrawn: the client is told it is resolved.
    await client.notification('serverRequest/resolved', (p) => p.requestId === request.id);
    expect(f.modelCalls).toHaveLength(1);
  });

  it('a call whose client leaves fails, and the turn goes on', async () => {
    const f = await fake([call('call_dyn_1', 'TAN-12'), finalAnswer]);
    const server = await h.server({ modelEnv: { OPENAI_BASE_URL: f.baseURL, OPENAI_API_KEY: 'sk-dynamic-tools' } });
    const provider = h.connect(server);
    await provider.initialize('provider', { experimentalApi: true });
    const { thread } = await provider.request('thread/start', { cwd: await h.tempDir(), dynamicTools: [LOOKUP] });
    await provider.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
    await provider.waitFor((m) => m.method === 'item/tool/call');
    await provider.close();

    const watcher = await h.client(server, 'watcher');
    await watcher.request('thread/resume', { threadId: thread.id });
    const completed = await watcher.notification('turn/completed');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');
    expect(outputs(f.modelCalls[1]).call_dyn_1).toMatch(/^dynamic tool request failed: no client to run the tool/);
    const read = await watcher.request('thread/read', { threadId: thread.id, includeTurns: true });
    expect(read.thread.turns[0]?.items.find((i) => i.type === 'dynamicToolCall')).toMatchObject({
      status: 'failed',
      success: false,
    });
  });
});
