/**
 * The model behind an interface: what the agent sends and receives, independent of the wire
 * format (Responses API or Chat Completions) and of the `openai` package.
 */
import type { TokenUsageBreakdown } from '../../protocol/schema/turn-events';

/** A part of a user message beyond plain text: more text (a mentioned file, a skill) or an image. */
export type UserContentPart =
  | { type: 'text'; text: string }
  /** `url` is a `data:` URL (a local image) or one passed through; `detail` as the client asked. */
  | { type: 'image'; url: string; detail: 'auto' | 'low' | 'high' | 'original' };

/** One entry of the conversation the model sees. */
export type ConversationItem =
  /**
   * What the user said. `text` is what they typed; `content`, when present, is the whole message
   * in order (their text, files, skills and images) and is what the model is sent.
   */
  | { type: 'user'; text: string; content?: UserContentPart[] }
  | { type: 'assistant'; text: string }
  /** Reasoning the model wants back on the next call (Responses API, `encrypted_content`). */
  | { type: 'reasoning'; summary: string[]; encryptedContent: string | null }
  | { type: 'functionCall'; callId: string; name: string; arguments: string }
  /** A freeform tool call (Responses `custom_tool_call`): the input is raw text, e.g. a patch. */
  | { type: 'customToolCall'; callId: string; name: string; input: string }
  | { type: 'toolOutput'; callId: string; output: string; custom: boolean };

export type ToolCall = Extract<ConversationItem, { type: 'functionCall' | 'customToolCall' }>;

/** A tool offered to the model. */
export type ToolSpec =
  | { kind: 'function'; name: string; description: string; parameters: Record<string, unknown> }
  /** A freeform tool; `grammar` (Lark) constrains its input where the endpoint supports it. */
  | { kind: 'custom'; name: string; description: string; grammar: string | null };

export interface ModelRequest {
  model: string;
  instructions: string;
  /**
   * The thread's developer-role instructions: a developer message ahead of the conversation
   * (Responses, as Codex sends them), part of the system message on Chat Completions (local
   * servers' chat templates take one system message and no developer role).
   */
  developerInstructions?: string | null;
  input: ConversationItem[];
  tools: ToolSpec[];
  /** Reasoning effort; null leaves it to the model (and sends no reasoning options). */
  effort: string | null;
  /** Reasoning summary detail, when effort is set. */
  summary: 'auto' | 'concise' | 'detailed' | 'none' | null;
  /** A JSON Schema the answer must follow (structured output), or null. */
  outputSchema?: Record<string, unknown> | null;
}

/** The name structured output is requested under (Codex's, so both send the same request). */
export const OUTPUT_SCHEMA_NAME = 'codex_output_schema';

/** What a streaming model call yields, in order. Ids are the provider's item ids. */
export type ModelEvent =
  | { type: 'messageStarted'; id: string }
  | { type: 'messageDelta'; id: string; delta: string }
  | { type: 'messageDone'; id: string; text: string }
  | { type: 'reasoningStarted'; id: string }
  | { type: 'reasoningSummaryPart'; id: string; index: number }
  | { type: 'reasoningSummaryDelta'; id: string; index: number; delta: string }
  | { type: 'reasoningDone'; id: string; summary: string[]; encryptedContent: string | null }
  | { type: 'toolCall'; call: ToolCall }
  | { type: 'usage'; usage: TokenUsageBreakdown; contextWindow: number | null };

export type WireApi = 'responses' | 'chat';

/** A model as the endpoint lists it; the limits only where the endpoint's entry states them. */
export interface ListedModel {
  id: string;
  contextWindow?: number;
  inputModalities?: Array<'text' | 'image' | 'audio'>;
}

export interface ModelClient {
  readonly wireApi: WireApi;
  /** Credentials in use, so tool output that reveals them can be redacted. */
  readonly secrets: readonly string[];
  /**
   * Stream one model call, in batches: the events that arrived together (one network chunk), so
   * a fast stream costs the agent one asynchronous step per chunk rather than per event.
   * Throws ModelError; an aborted signal ends the iteration quietly.
   */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent[]>;
  /** The models the endpoint lists (GET /models), with what it says of each. */
  listModels(signal?: AbortSignal): Promise<ListedModel[]>;
}

export type ModelErrorKind = 'config' | 'auth' | 'rateLimit' | 'server' | 'connection' | 'stream' | 'request';

/** A failed model call, with what the user can do about it in `message`. */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number; retryable?: boolean } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return (
      this.options.retryable ?? (this.kind === 'rateLimit' || this.kind === 'server' || this.kind === 'connection')
    );
  }
}
