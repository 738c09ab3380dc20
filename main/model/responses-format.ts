/**
 * The Responses API wire format: request bodies from a ModelRequest, and ModelEvents from the
 * stream's events. Types only from `openai`; the calls live in openai-client.ts.
 */
import type {
  ResponseCreateParamsStreaming,
  ResponseInputItem,
  ResponseStreamEvent,
  Tool,
} from 'openai/resources/responses/responses';
import type { ConversationItem, ModelEvent, ModelRequest, ToolSpec } from './types';
import { ModelError, OUTPUT_SCHEMA_NAME } from './types';

function inputItem(item: ConversationItem): ResponseInputItem | undefined {
  switch (item.type) {
    case 'user':
      return {
        type: 'message',
        role: 'user',
        content: (item.content ?? [{ type: 'text', text: item.text }]).map((part) =>
          part.type === 'text'
            ? { type: 'input_text', text: part.text }
            : { type: 'input_image', image_url: part.url, detail: part.detail as 'auto' },
        ),
      };
    case 'assistant':
      return { type: 'message', role: 'assistant', content: item.text };
    case 'reasoning':
      // Without the encrypted content (store=false) the API cannot use a reasoning item.
      return item.encryptedContent
        ? {
            type: 'reasoning',
            id: '',
            summary: item.summary.map((text) => ({ type: 'summary_text', text })),
            encrypted_content: item.encryptedContent,
          }
        : undefined;
    case 'functionCall':
      return { type: 'function_call', call_id: item.callId, name: item.name, arguments: item.arguments };
    case 'customToolCall':
      return { type: 'custom_tool_call', call_id: item.callId, name: item.name, input: item.input };
    case 'toolOutput':
      return item.custom
        ? { type: 'custom_tool_call_output', call_id: item.callId, output: item.output }
        : { type: 'function_call_output', call_id: item.callId, output: item.output };
  }
}

function tool(spec: ToolSpec): Tool {
  if (spec.kind === 'function') {
    return {
      type: 'function',
      name: spec.name,
      description: spec.description,
      parameters: spec.parameters,
      strict: false,
    };
  }
  return {
    type: 'custom',
    name: spec.name,
    description: spec.description,
    format: spec.grammar ? { type: 'grammar', syntax: 'lark', definition: spec.grammar } : { type: 'text' },
  };
}

export function responsesBody(req: ModelRequest): ResponseCreateParamsStreaming {
  const input = req.input.flatMap((i) => {
    const item = inputItem(i);
    // A reasoning item's id must be absent rather than empty.
    if (item && 'type' in item && item.type === 'reasoning') delete (item as { id?: string }).id;
    return item ? [item] : [];
  });
  if (req.developerInstructions)
    input.unshift({
      type: 'message',
      role: 'developer',
      content: [{ type: 'input_text', text: req.developerInstructions }],
    });
  return {
    model: req.model,
    instructions: req.instructions,
    input,
    tools: req.tools.map(tool),
    tool_choice: 'auto',
    parallel_tool_calls: false,
    store: false,
    stream: true,
    ...(req.outputSchema
      ? {
          text: {
            format: { type: 'json_schema', name: OUTPUT_SCHEMA_NAME, schema: req.outputSchema, strict: true },
          },
        }
      : {}),
    ...(req.effort
      ? {
          reasoning: {
            effort: req.effort as 'low',
            ...(req.summary && req.summary !== 'none' ? { summary: req.summary } : {}),
          },
          include: ['reasoning.encrypted_content'],
        }
      : {}),
  };
}

/** Turns Responses stream events into ModelEvents; tracks what the stream owes us. */
export class ResponsesDecoder {
  completed = false;

  *decode(event: ResponseStreamEvent): Generator<ModelEvent> {
    switch (event.type) {
      case 'response.output_item.added':
        if (event.item.type === 'message') yield { type: 'messageStarted', id: event.item.id };
        else if (event.item.type === 'reasoning') yield { type: 'reasoningStarted', id: event.item.id };
        return;
      case 'response.output_text.delta':
        yield { type: 'messageDelta', id: event.item_id, delta: event.delta };
        return;
      case 'response.reasoning_summary_part.added':
        yield { type: 'reasoningSummaryPart', id: event.item_id, index: event.summary_index };
        return;
      case 'response.reasoning_summary_text.delta':
        yield { type: 'reasoningSummaryDelta', id: event.item_id, index: event.summary_index, delta: event.delta };
        return;
      case 'response.output_item.done': {
        const item = event.item;
        if (item.type === 'message') {
          const text = item.content.map((c) => (c.type === 'output_text' ? c.text : '')).join('');
          yield { type: 'messageDone', id: item.id, text };
        } else if (item.type === 'reasoning') {
          yield {
            type: 'reasoningDone',
            id: item.id,
            summary: item.summary.map((s) => s.text),
            encryptedContent: item.encrypted_content ?? null,
          };
        } else if (item.type === 'function_call') {
          yield {
            type: 'toolCall',
            call: { type: 'functionCall', callId: item.call_id, name: item.name, arguments: item.arguments },
          };
        } else if (item.type === 'custom_tool_call') {
          yield {
            type: 'toolCall',
            call: { type: 'customToolCall', callId: item.call_id, name: item.name, input: item.input },
          };
        }
        return;
      }
      case 'response.completed': {
        this.completed = true;
        const u = event.response.usage;
        if (u) {
          const cached = u.input_tokens_details?.cached_tokens ?? 0;
          const reasoning = u.output_tokens_details?.reasoning_tokens ?? 0;
          yield {
            type: 'usage',
            usage: {
              inputTokens: u.input_tokens,
              cachedInputTokens: cached,
              outputTokens: u.output_tokens,
              reasoningOutputTokens: reasoning,
              totalTokens: u.total_tokens,
            },
            contextWindow: null,
          };
        }
        return;
      }
      case 'response.failed':
      case 'response.incomplete': {
        const reason = event.response.error?.message ?? event.response.incomplete_details?.reason ?? 'unknown reason';
        throw new ModelError(
          'stream',
          `The model's response ${event.type === 'response.failed' ? 'failed' : 'was cut short'}: ${reason}`,
        );
      }
      case 'error':
        throw new ModelError('stream', `The model endpoint reported an error: ${event.message}`);
      default:
        return;
    }
  }
}
