/**
 * Builds the Chat Completions answer for a scripted call: the `data:` payloads of a streamed
 * completion (chunks, an optional usage chunk, then `[DONE]`) and the non-streaming ChatCompletion.
 */
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessageFunctionToolCall,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import {
  argumentsText,
  makeId,
  resolveUsage,
  splitArguments,
  splitDeltas,
  type ChatReasoningField,
  type ScriptedSuccess,
} from './types';

type Delta = ChatCompletionChunk.Choice.Delta;
/** vLLM, llama.cpp and Ollama extend the delta with a reasoning field the OpenAI types lack. */
type CompatDelta = Delta & { reasoning_content?: string; reasoning?: string };

/** What the fake answers to one POST /v1/chat/completions. */
export interface ChatAnswer {
  /** Each SSE `data:` payload in order: chunk JSON, then the literal `[DONE]` (absent after a stream error). */
  data: string[];
  final: ChatCompletion;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Chat Completions tool call for each scripted call; freeform tools travel as `{ input }` functions. */
function toolCalls(call: ScriptedSuccess): ChatCompletionMessageFunctionToolCall[] {
  return call.outputs.flatMap((o): ChatCompletionMessageFunctionToolCall[] => {
    if (o.type !== 'function_call' && o.type !== 'custom_tool_call') return [];
    const args = o.type === 'function_call' ? argumentsText(o) : JSON.stringify({ input: o.input });
    return [{ id: o.callId ?? makeId('call_', 12), type: 'function', function: { name: o.name, arguments: args } }];
  });
}

/** Every payload of a streamed completion for `call`, plus the equivalent non-streaming completion. */
export function chatAnswer(
  call: ScriptedSuccess,
  requestBody: unknown,
  reasoningField: ChatReasoningField,
): ChatAnswer {
  const body = isRecord(requestBody) ? requestBody : {};
  const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
  const head = {
    id: 'chatcmpl-' + makeId('', 15),
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : 'gpt-test',
    service_tier: 'default' as const,
    system_fingerprint: 'fp_fake',
  };
  const u = resolveUsage(call, requestBody);
  const usage: CompletionUsage = {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: u.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
  const calls = toolCalls(call);
  const text = call.outputs.map((o) => (o.type === 'message' ? o.text : '')).join('');
  const thinking = call.outputs.flatMap((o) => (o.type === 'reasoning' ? o.summary : [])).join('\n\n');
  const finishReason = calls.length > 0 ? 'tool_calls' : 'stop';

  const chunks: ChatCompletionChunk[] = [];
  // With include_usage every chunk carries `usage: null` until the final usage-only chunk.
  const chunk = (delta: Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null): void => {
    chunks.push({
      ...head,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
  };
  chunk({ role: 'assistant', content: text === '' ? null : '', refusal: null });
  let toolIndex = 0;
  for (const output of call.outputs) {
    if (output.type === 'reasoning' && reasoningField !== 'none') {
      for (const piece of splitDeltas(output.summary.join('\n\n'))) {
        const delta: CompatDelta = reasoningField === 'reasoning' ? { reasoning: piece } : { reasoning_content: piece };
        chunk(delta);
      }
    } else if (output.type === 'message') {
      for (const content of splitDeltas(output.text, output.chunks)) chunk({ content });
    } else if (output.type === 'function_call' || output.type === 'custom_tool_call') {
      const index = toolIndex++;
      const tc = calls[index];
      if (!tc) continue;
      chunk({
        tool_calls: [{ index, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }],
      });
      for (const piece of splitArguments(tc.function.arguments))
        chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  }

  const data = chunks.map((c) => JSON.stringify(c));
  if (call.streamError) {
    // The API reports a mid-stream failure as an error payload and ends without [DONE].
    data.push(
      JSON.stringify({
        error: {
          message: call.streamError.message,
          type: 'server_error',
          param: null,
          code: call.streamError.code ?? 'server_error',
        },
      }),
    );
  } else {
    chunk({}, finishReason);
    data.push(JSON.stringify(chunks[chunks.length - 1]));
    if (includeUsage)
      data.push(
        JSON.stringify({ ...head, object: 'chat.completion.chunk', choices: [], usage } satisfies ChatCompletionChunk),
      );
    data.push('[DONE]');
  }

  const message: ChatCompletion.Choice['message'] & { reasoning_content?: string; reasoning?: string } = {
    role: 'assistant',
    content: text === '' ? null : text,
    refusal: null,
    annotations: [],
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
    ...(reasoningField !== 'none' && thinking !== '' ? { [reasoningField]: thinking } : {}),
  };
  const final: ChatCompletion = {
    ...head,
    object: 'chat.completion',
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage,
  };
  return { data, final };
}
