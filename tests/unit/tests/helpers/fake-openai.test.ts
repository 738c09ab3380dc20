/**
 * The fake OpenAI server, driven by the real `openai` client: if the SDK accepts and accumulates
 * what the fake sends, product code tested against the fake sees what real servers send.
 */
import OpenAI, { InternalServerError, RateLimitError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAI, type Script, type ScriptedOutput } from '../../../helpers/fake-openai';

const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function setup(
  script: Script,
  options?: Parameters<typeof FakeOpenAI.start>[1],
): Promise<{ fake: FakeOpenAI; client: OpenAI }> {
  const fake = await FakeOpenAI.start(script, options);
  fakes.push(fake);
  return { fake, client: new OpenAI({ baseURL: fake.baseURL, apiKey: 'sk-test', maxRetries: 0 }) };
}

const everyKind: ScriptedOutput[] = [
  { type: 'reasoning', summary: ['Thinking about files.', 'Decided to look.'] },
  { type: 'message', text: 'Let me check the repository now.' },
  {
    type: 'function_call',
    name: 'shell',
    arguments: { command: ['ls', '-la'], workdir: '/tmp' },
    callId: 'call_fixed',
  },
  { type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch' },
];

describe('FakeOpenAI: Responses API', () => {
  it('streams every output kind as events the SDK yields in order', async () => {
    const { fake, client } = await setup([
      { outputs: everyKind, usage: { input: 100, output: 40, reasoning: 12, cached: 64 } },
    ]);
    const stream = await client.responses.create({ model: 'gpt-5.5', input: 'hi', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const types = [...new Set(events.map((e) => e.type))];
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.completed',
    ]);

    const text = events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : [])).join('');
    expect(text).toBe('Let me check the repository now.');
    expect(events.filter((e) => e.type === 'response.output_text.delta').length).toBe(6);
    const summary0 = events
      .flatMap((e) => (e.type === 'response.reasoning_summary_text.delta' && e.summary_index === 0 ? [e.delta] : []))
      .join('');
    expect(summary0).toBe('Thinking about files.');
    const args = events.flatMap((e) => (e.type === 'response.function_call_arguments.delta' ? [e.delta] : [])).join('');
    expect(JSON.parse(args)).toEqual({ command: ['ls', '-la'], workdir: '/tmp' });
    const input = events.flatMap((e) => (e.type === 'response.custom_tool_call_input.delta' ? [e.delta] : [])).join('');
    expect(input).toBe(everyKind[3]?.type === 'custom_tool_call' ? everyKind[3].input : '');

    const added = events.flatMap((e) => (e.type === 'response.output_item.added' ? [e] : []));
    expect(added.map((e) => e.output_index)).toEqual([0, 1, 2, 3]);
    expect(added.map((e) => e.item.id?.split('_')[0])).toEqual(['rs', 'msg', 'fc', 'ctc']);
    const calls = added.flatMap((e) =>
      e.item.type === 'function_call' || e.item.type === 'custom_tool_call' ? [e.item.call_id] : [],
    );
    expect(calls[0]).toBe('call_fixed');
    expect(calls[1]).toMatch(/^call_[0-9a-f]+$/);

    const completed = events.at(-1);
    expect(completed?.type).toBe('response.completed');
    if (completed?.type !== 'response.completed') return;
    expect(completed.response.status).toBe('completed');
    expect(completed.response.output.map((o) => o.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'custom_tool_call',
    ]);
    expect(completed.response.usage).toMatchObject({
      input_tokens: 100,
      output_tokens: 40,
      total_tokens: 140,
      input_tokens_details: { cached_tokens: 64 },
      output_tokens_details: { reasoning_tokens: 12 },
    });
    expect(fake.modelCalls).toHaveLength(1);
    expect(fake.modelCalls[0]?.path).toBe('/v1/responses');
    expect(fake.modelCalls[0]?.headers.authorization).toBe('Bearer sk-test');
    expect(fake.modelCalls[0]?.body).toMatchObject({ model: 'gpt-5.5', input: 'hi', stream: true });
  });

  it('satisfies the SDK stream helper, whose finalResponse() accumulates the same outputs', async () => {
    const { client } = await setup([{ outputs: everyKind, eventDelayMs: 1 }]);
    const stream = client.responses.stream({ model: 'gpt-5.5', input: 'hi' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe('Let me check the repository now.');
    expect(final.output_text).toBe('Let me check the repository now.');
    const [reasoning, message, fn, custom] = final.output;
    expect(reasoning?.type === 'reasoning' && reasoning.summary.map((s) => s.text)).toEqual([
      'Thinking about files.',
      'Decided to look.',
    ]);
    expect(message?.type === 'message' && message.status).toBe('completed');
    expect(fn?.type === 'function_call' && JSON.parse(fn.arguments)).toEqual({
      command: ['ls', '-la'],
      workdir: '/tmp',
    });
    expect(custom?.type === 'custom_tool_call' && custom.name).toBe('apply_patch');
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('answers a non-streaming call with the final Response', async () => {
    const { client } = await setup([{ outputs: [{ type: 'message', text: 'Plain answer.' }] }]);
    const response = await client.responses.create({ model: 'gpt-test', input: 'hi' });
    expect(response.object).toBe('response');
    expect(response.model).toBe('gpt-test');
    expect(response.output_text).toBe('Plain answer.');
  });

  it('reports a scripted stream failure as response.failed, or as a bare error event', async () => {
    const { client } = await setup([
      { outputs: [{ type: 'message', text: 'partial' }], streamError: { message: 'overloaded', code: 'server_error' } },
      { outputs: [], streamError: { message: 'boom', kind: 'error' } },
    ]);
    const types: string[] = [];
    for await (const e of await client.responses.create({ model: 'm', input: 'x', stream: true })) types.push(e.type);
    expect(types.at(-1)).toBe('response.failed');
    // openai 6 hands a bare `error` event on as an event (7 throws it); Tandem reads the stream
    // itself either way (main/model/openai-client.ts) and fails the turn on it.
    const last: unknown[] = [];
    for await (const e of await client.responses.create({ model: 'm', input: 'x', stream: true })) last.push(e);
    expect(last.at(-1)).toMatchObject({ type: 'error', message: 'boom' });
  });
});

describe('FakeOpenAI: Chat Completions', () => {
  it('streams content and tool calls, then a usage chunk and [DONE]', async () => {
    const { fake, client } = await setup([
      {
        outputs: [
          { type: 'reasoning', summary: ['hidden on OpenAI'] },
          { type: 'message', text: 'Running it.', chunks: 3 },
          { type: 'function_call', name: 'shell', arguments: '{"command":["pwd"]}', callId: 'call_a' },
          { type: 'custom_tool_call', name: 'apply_patch', input: 'patch body' },
        ],
        usage: { input: 20, output: 9, reasoning: 2 },
      },
    ]);
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe('Running it.');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(3);
    const tools: { id?: string; name?: string; args: string }[] = [];
    for (const c of chunks) {
      for (const tc of c.choices[0]?.delta.tool_calls ?? []) {
        const slot = (tools[tc.index] ??= { args: '' });
        if (tc.id) slot.id = tc.id;
        if (tc.function?.name) slot.name = tc.function.name;
        slot.args += tc.function?.arguments ?? '';
      }
    }
    expect(tools).toEqual([
      { id: 'call_a', name: 'shell', args: '{"command":["pwd"]}' },
      { id: expect.stringMatching(/^call_/), name: 'apply_patch', args: '{"input":"patch body"}' },
    ]);
    expect(chunks.some((c) => JSON.stringify(c).includes('hidden on OpenAI'))).toBe(false);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: 20,
      completion_tokens: 9,
      total_tokens: 29,
      completion_tokens_details: { reasoning_tokens: 2 },
    });
    expect(fake.modelCalls[0]?.path).toBe('/v1/chat/completions');
  });

  it('answers non-streaming calls and can stream reasoning the way compatible servers do', async () => {
    const { client } = await setup(
      [
        { outputs: [{ type: 'message', text: 'Done.' }] },
        {
          outputs: [
            { type: 'reasoning', summary: ['Hmm.'] },
            { type: 'message', text: 'Ok' },
          ],
        },
      ],
      { chatReasoningField: 'reasoning_content' },
    );
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Done.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);

    const chunks: ChatCompletionChunk[] = [];
    for await (const c of await client.chat.completions.create({ model: 'm', messages: [], stream: true }))
      chunks.push(c);
    const thinking = chunks
      .map((c) => (c.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '')
      .join('');
    expect(thinking).toBe('Hmm.');
    expect(chunks.some((c) => c.usage)).toBe(false); // no include_usage, no usage chunk
  });
});

describe('FakeOpenAI: models, errors and connections', () => {
  it('lists the configured models', async () => {
    const { fake, client } = await setup([], { models: ['qwen3-coder', 'llama3'] });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['qwen3-coder', 'llama3']);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
    expect(fake.modelCalls).toEqual([]);
  });

  it('answers a scripted 429 that the SDK raises as RateLimitError with Retry-After', async () => {
    const { client } = await setup([{ status: 429, retryAfter: 7 }]);
    const error: unknown = await client.responses.create({ model: 'm', input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    if (!(error instanceof RateLimitError)) return;
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.code).toBe('rate_limit_exceeded');
  });

  it('cuts the stream mid-way so the SDK iteration throws', async () => {
    const { client } = await setup([
      { outputs: [{ type: 'message', text: 'one two three four five' }], cutAfterEvents: 4 },
    ]);
    const seen: string[] = [];
    const iterate = async (): Promise<void> => {
      for await (const e of await client.responses.create({ model: 'm', input: 'x', stream: true })) seen.push(e.type);
    };
    await expect(iterate()).rejects.toThrow();
    expect(seen.length).toBeLessThanOrEqual(4);
    expect(seen).not.toContain('response.completed');
  });

  it('hangs after some events until the client aborts, and counts the abort', async () => {
    const { fake, client } = await setup([
      { outputs: [{ type: 'message', text: 'never finishes' }], hangAfterEvents: 3 },
    ]);
    const controller = new AbortController();
    const stream = await client.responses.create(
      { model: 'm', input: 'x', stream: true },
      { signal: controller.signal },
    );
    const seen: string[] = [];
    const iterate = (async (): Promise<void> => {
      for await (const e of stream) {
        seen.push(e.type);
        if (seen.length === 3) controller.abort();
      }
    })();
    // The SDK ends iteration quietly when its own signal aborts it; what matters is the server saw the client go.
    await iterate;
    await fake.waitForClientAborts(1);
    expect(fake.clientAborts).toBe(1);
    expect(seen).toEqual(['response.created', 'response.in_progress', 'response.output_item.added']);
  });

  it('close() ends a hanging stream and resolves', async () => {
    const { fake, client } = await setup([{ outputs: [{ type: 'message', text: 'x' }], hangAfterEvents: 1 }]);
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    const iterate = (async (): Promise<void> => {
      for await (const _ of stream) void _;
    })();
    await fake.close();
    await expect(iterate).rejects.toThrow();
    expect(fake.clientAborts).toBe(0);
  });

  it('answers 500 "script exhausted" once the script runs out', async () => {
    const { client } = await setup([{ outputs: [{ type: 'message', text: 'only one' }] }]);
    await client.responses.create({ model: 'm', input: 'x' });
    const error: unknown = await client.responses.create({ model: 'm', input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(String(error)).toContain('fake-openai: script exhausted');
  });

  it('lets a function script choose each answer from the request', async () => {
    const { fake, client } = await setup((request, index) => ({
      outputs: [{ type: 'message', text: `call ${index} for ${(request.body as { model: string }).model}` }],
    }));
    const a = await client.responses.create({ model: 'alpha', input: 'x' });
    const b = await client.chat.completions.create({ model: 'beta', messages: [] });
    expect(a.output_text).toBe('call 0 for alpha');
    expect(b.choices[0]?.message.content).toBe('call 1 for beta');
    expect(fake.modelCalls.map((r) => r.path)).toEqual(['/v1/responses', '/v1/chat/completions']);
  });
});
