/**
 * The Chat Completions wire format, for endpoints without the Responses API (Ollama,
 * llama.cpp server, vLLM, LM Studio). Freeform tools become functions taking `{ input }`.
 */
import type {
  ChatCompletionChunk,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { randomUUID } from 'node:crypto';
import type { ConversationItem, ModelEvent, ModelRequest, ToolCall, ToolSpec, UserContentPart } from './types';
import { ModelError, OUTPUT_SCHEMA_NAME } from './types';

/** A user message part as Chat Completions takes it (`original` detail is the Responses API's alone). */
function chatPart(part: UserContentPart): ChatCompletionContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const detail = part.detail === 'original' ? 'high' : part.detail;
  return { type: 'image_url', image_url: { url: part.url, detail } };
}

function messages(req: ModelRequest): ChatCompletionMessageParam[] {
  const system = req.developerInstructions ? `${req.instructions}\n\n${req.developerInstructions}` : req.instructions;
  const out: ChatCompletionMessageParam[] = [{ role: 'system', content: system }];
  // Consecutive assistant text and tool calls form one assistant message, as the API expects.
  let assistant: { content: string | null; tool_calls: ChatCompletionMessageToolCall[] } | null = null;
  const flush = (): void => {
    if (!assistant) return;
    out.push({
      role: 'assistant',
      content: assistant.content,
      ...(assistant.tool_calls.length ? { tool_calls: assistant.tool_calls } : {}),
    });
    assistant = null;
  };
  for (const item of req.input as ConversationItem[]) {
    switch (item.type) {
      case 'user':
        flush();
        out.push({ role: 'user', content: item.content ? item.content.map(chatPart) : item.text });
        break;
      case 'assistant':
        assistant ??= { content: null, tool_calls: [] };
        assistant.content = (assistant.content ?? '') + item.text;
        break;
      case 'functionCall':
      case 'customToolCall': {
        assistant ??= { content: null, tool_calls: [] };
        const args = item.type === 'functionCall' ? item.arguments : JSON.stringify({ input: item.input });
        assistant.tool_calls.push({
          id: item.callId,
          type: 'function',
          function: { name: item.name, arguments: args },
        });
        break;
      }
      case 'toolOutput':
        flush();
        out.push({ role: 'tool', tool_call_id: item.callId, content: item.output });
        break;
      case 'reasoning':
        break; // Chat Completions has no way to send reasoning back.
    }
  }
  flush();
  return out;
}

function tool(spec: ToolSpec): ChatCompletionTool {
  const parameters =
    spec.kind === 'function'
      ? spec.parameters
      : {
          type: 'object',
          properties: { input: { type: 'string', description: 'The raw input (e.g. the whole patch).' } },
          required: ['input'],
          additionalProperties: false,
        };
  return { type: 'function', function: { name: spec.name, description: spec.description, parameters } };
}

export function chatBody(req: ModelRequest): ChatCompletionCreateParamsStreaming {
  return {
    model: req.model,
    messages: messages(req),
    tools: req.tools.map(tool),
    tool_choice: 'auto',
    parallel_tool_calls: false,
    stream: true,
    stream_options: { include_usage: true },
    ...(req.outputSchema
      ? {
          response_format: {
            type: 'json_schema',
            json_schema: { name: OUTPUT_SCHEMA_NAME, schema: req.outputSchema, strict: true },
          },
        }
      : {}),
    ...(req.effort ? { reasoning_effort: req.effort as 'low' } : {}),
  };
}

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/** Turns Chat Completions chunks into ModelEvents. Call `finish()` when the stream ends. */
export class ChatDecoder {
  private messageId: string | null = null;
  private text = '';
  private reasoningId: string | null = null;
  private reasoning = '';
  private readonly calls = new Map<number, PendingCall>();
  private finished = false;

  constructor(private readonly customTools: ReadonlySet<string>) {}

  *decode(chunk: ChatCompletionChunk): Generator<ModelEvent> {
    const u = chunk.usage;
    if (u) {
      yield {
        type: 'usage',
        usage: {
          inputTokens: u.prompt_tokens,
          cachedInputTokens: u.prompt_tokens_details?.cached_tokens ?? 0,
          outputTokens: u.completion_tokens,
          reasoningOutputTokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
          totalTokens: u.total_tokens,
        },
        contextWindow: null,
      };
    }
    const choice = chunk.choices[0];
    if (!choice) return;
    const delta = choice.delta as typeof choice.delta & {
      reasoning_content?: string | null;
      reasoning?: string | null;
    };
    // Servers that expose reasoning (vLLM, DeepSeek, Ollama) put it beside the content.
    const thinking = delta.reasoning_content ?? delta.reasoning;
    if (thinking) {
      if (!this.reasoningId) {
        this.reasoningId = `rs_${randomUUID()}`;
        yield { type: 'reasoningStarted', id: this.reasoningId };
        yield { type: 'reasoningSummaryPart', id: this.reasoningId, index: 0 };
      }
      this.reasoning += thinking;
      yield { type: 'reasoningSummaryDelta', id: this.reasoningId, index: 0, delta: thinking };
    }
    if (delta.content) {
      yield* this.endReasoning();
      if (!this.messageId) {
        this.messageId = `msg_${randomUUID()}`;
        yield { type: 'messageStarted', id: this.messageId };
      }
      this.text += delta.content;
      yield { type: 'messageDelta', id: this.messageId, delta: delta.content };
    }
    for (const tc of delta.tool_calls ?? []) {
      const call = this.calls.get(tc.index) ?? { id: '', name: '', arguments: '' };
      if (tc.id) call.id = tc.id;
      if (tc.function?.name) call.name += tc.function.name;
      if (tc.function?.arguments) call.arguments += tc.function.arguments;
      this.calls.set(tc.index, call);
    }
    // The choice is complete at its finish reason; the usage chunk may still follow.
    if (choice.finish_reason === 'length' || choice.finish_reason === 'content_filter') {
      // As the Responses API's `response.incomplete`: what was cut short is not a finished answer.
      throw new ModelError(
        'stream',
        `The model's response was cut short: ${choice.finish_reason === 'length' ? 'max_output_tokens' : 'content_filter'}`,
      );
    }
    if (choice.finish_reason && !this.finished) {
      this.finished = true;
      yield* this.complete();
    }
  }

  /** At the end of the stream: throws if it stopped before the response was complete. */
  finish(): void {
    if (!this.finished) throw new ModelError('stream', 'The model stream ended before the response was complete');
  }

  private *complete(): Generator<ModelEvent> {
    yield* this.endReasoning();
    if (this.messageId) yield { type: 'messageDone', id: this.messageId, text: this.text };
    for (const call of [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c)) {
      yield { type: 'toolCall', call: this.toolCall(call) };
    }
  }

  private *endReasoning(): Generator<ModelEvent> {
    if (!this.reasoningId) return;
    yield { type: 'reasoningDone', id: this.reasoningId, summary: [this.reasoning], encryptedContent: null };
    this.reasoningId = null;
  }

  private toolCall(call: PendingCall): ToolCall {
    const callId = call.id || `call_${randomUUID()}`;
    if (!this.customTools.has(call.name))
      return { type: 'functionCall', callId, name: call.name, arguments: call.arguments };
    let input = call.arguments;
    try {
      const parsed: unknown = JSON.parse(call.arguments);
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { input?: unknown }).input === 'string') {
        input = (parsed as { input: string }).input;
      }
    } catch {
      // Some models send the raw text instead of JSON; take it as the input.
    }
    return { type: 'customToolCall', callId, name: call.name, input };
  }
}
