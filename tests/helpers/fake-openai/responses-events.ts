/**
 * Builds the Responses API answer for a scripted call: the SSE events of a streamed response,
 * in the order and shape the real API sends them, and the final Response object.
 */
import type {
  Response,
  ResponseError,
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponseTextConfig,
  ResponseUsage,
  Tool,
} from 'openai/resources/responses/responses';
import type { Reasoning } from 'openai/resources/shared';
import { argumentsText, makeId, resolveUsage, splitArguments, splitDeltas, type ScriptedSuccess } from './types';

/** The wire form of a Response: `output_text` is a convenience the SDK adds, never sent by the API. */
type WireResponse = Omit<Response, 'output_text'>;
type Wire<E> = E extends { response: Response } ? Omit<E, 'response'> & { response: WireResponse } : E;
/** A Responses stream event as it travels over the wire. */
type WireResponseEvent = Wire<ResponseStreamEvent>;
type Unsequenced<E> = E extends unknown ? Omit<E, 'sequence_number'> : never;

/** What the fake answers to one POST /v1/responses. */
export interface ResponsesAnswer {
  events: WireResponseEvent[];
  /** The body of a non-streaming answer (the same response as the last event's). */
  final: WireResponse;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The in-progress response, echoing the request's settings the way the API does. */
function baseResponse(body: Record<string, unknown>): WireResponse {
  return {
    id: makeId('resp_'),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: str(body.instructions),
    max_output_tokens: num(body.max_output_tokens),
    model: str(body.model) ?? 'gpt-test',
    output: [],
    parallel_tool_calls: body.parallel_tool_calls !== false,
    previous_response_id: str(body.previous_response_id),
    // The request's own objects are echoed back as-is; the SDK validated their shapes when sending.
    reasoning: isRecord(body.reasoning) ? (body.reasoning as Reasoning) : { effort: null, summary: null },
    temperature: num(body.temperature) ?? 1,
    text: isRecord(body.text) ? (body.text as ResponseTextConfig) : { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: body.tool_choice === undefined ? 'auto' : (body.tool_choice as WireResponse['tool_choice']),
    tools: Array.isArray(body.tools) ? (body.tools as Tool[]) : [],
    top_p: num(body.top_p) ?? 1,
    truncation: 'disabled',
    metadata: isRecord(body.metadata) ? (body.metadata as Record<string, string>) : {},
  };
}

function wireUsage(call: ScriptedSuccess, body: unknown): ResponseUsage {
  const u = resolveUsage(call, body);
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached, cache_write_tokens: 0 },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output,
  };
}

/** Every event of a streamed response for `call`, numbered from 0, plus the final response. */
export function responsesAnswer(call: ScriptedSuccess, requestBody: unknown): ResponsesAnswer {
  const body = isRecord(requestBody) ? requestBody : {};
  const base = baseResponse(body);
  const events: WireResponseEvent[] = [];
  const push = (event: Unsequenced<WireResponseEvent>): void => {
    // Spreading a distributive Omit loses the discriminant link, so the sequenced event is re-asserted.
    events.push({ ...event, sequence_number: events.length } as WireResponseEvent);
  };
  const done: ResponseOutputItem[] = [];

  push({ type: 'response.created', response: structuredClone(base) });
  push({ type: 'response.in_progress', response: structuredClone(base) });

  call.outputs.forEach((output, output_index) => {
    switch (output.type) {
      case 'message': {
        const item_id = makeId('msg_');
        push({
          type: 'response.output_item.added',
          output_index,
          item: { id: item_id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
        });
        const at = { item_id, output_index, content_index: 0 };
        push({
          type: 'response.content_part.added',
          ...at,
          part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
        });
        for (const delta of splitDeltas(output.text, output.chunks))
          push({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
        push({ type: 'response.output_text.done', ...at, text: output.text, logprobs: [] });
        const part = { type: 'output_text' as const, annotations: [], logprobs: [], text: output.text };
        push({ type: 'response.content_part.done', ...at, part });
        done.push({
          id: item_id,
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [structuredClone(part)],
        });
        break;
      }
      case 'reasoning': {
        const item_id = makeId('rs_');
        push({
          type: 'response.output_item.added',
          output_index,
          item: { id: item_id, type: 'reasoning', summary: [] },
        });
        output.summary.forEach((text, summary_index) => {
          const at = { item_id, output_index, summary_index };
          push({ type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: '' } });
          for (const delta of splitDeltas(text)) push({ type: 'response.reasoning_summary_text.delta', ...at, delta });
          push({ type: 'response.reasoning_summary_text.done', ...at, text });
          push({ type: 'response.reasoning_summary_part.done', ...at, part: { type: 'summary_text', text } });
        });
        done.push({
          id: item_id,
          type: 'reasoning',
          summary: output.summary.map((text) => ({ type: 'summary_text', text })),
        });
        break;
      }
      case 'function_call': {
        const item_id = makeId('fc_');
        const args = argumentsText(output);
        const item = {
          id: item_id,
          type: 'function_call' as const,
          call_id: output.callId ?? makeId('call_', 12),
          name: output.name,
        };
        push({
          type: 'response.output_item.added',
          output_index,
          item: { ...item, status: 'in_progress', arguments: '' },
        });
        for (const delta of splitArguments(args))
          push({ type: 'response.function_call_arguments.delta', item_id, output_index, delta });
        push({
          type: 'response.function_call_arguments.done',
          item_id,
          output_index,
          name: output.name,
          arguments: args,
        });
        done.push({ ...item, status: 'completed', arguments: args });
        break;
      }
      case 'custom_tool_call': {
        const item_id = makeId('ctc_');
        const item = {
          id: item_id,
          type: 'custom_tool_call' as const,
          call_id: output.callId ?? makeId('call_', 12),
          name: output.name,
        };
        push({ type: 'response.output_item.added', output_index, item: { ...item, input: '' } });
        for (const delta of splitArguments(output.input))
          push({ type: 'response.custom_tool_call_input.delta', item_id, output_index, delta });
        push({ type: 'response.custom_tool_call_input.done', item_id, output_index, input: output.input });
        done.push({ ...item, input: output.input });
        break;
      }
    }
    const item = done[done.length - 1];
    if (item) push({ type: 'response.output_item.done', output_index, item: structuredClone(item) });
  });

  const usage = wireUsage(call, requestBody);
  const failure = call.streamError;
  const final: WireResponse = failure
    ? {
        ...base,
        status: 'failed',
        output: done,
        usage,
        error: { code: (failure.code ?? 'server_error') as ResponseError['code'], message: failure.message },
      }
    : { ...base, status: 'completed', completed_at: Math.floor(Date.now() / 1000), output: done, usage };
  if (!failure) push({ type: 'response.completed', response: final });
  else if (failure.kind === 'error')
    push({ type: 'error', code: failure.code ?? 'server_error', message: failure.message, param: null });
  else push({ type: 'response.failed', response: final });
  return { events, final };
}
