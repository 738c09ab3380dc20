/**
 * The script language of the fake OpenAI server: what each model call answers.
 * Kept apart from the server so the event builders can share it without a cycle.
 */
import { randomBytes } from 'node:crypto';

/** One output item the fake model produces, in order. */
export type ScriptedOutput =
  | { type: 'message'; text: string; /** split into this many deltas; default one per word */ chunks?: number }
  | { type: 'reasoning'; /** one summary part per entry */ summary: string[] }
  | { type: 'function_call'; name: string; arguments: string | Record<string, unknown>; callId?: string }
  /** A Responses API freeform tool call; on Chat Completions it becomes a function call with arguments `{"input": "<input>"}`. */
  | { type: 'custom_tool_call'; name: string; input: string; callId?: string };

/** Token counts reported in `usage`; computed from text lengths when omitted. */
export interface ScriptedUsage {
  input: number;
  output: number;
  reasoning?: number;
  cached?: number;
}

/** A stream failure emitted after the outputs instead of a normal completion. */
interface ScriptedStreamError {
  message: string;
  /** e.g. 'server_error' (default), 'rate_limit_exceeded' */
  code?: string;
  /** Responses API only: `response.failed` (default) or a bare `error` event. Chat always sends `data: {"error": …}`. */
  kind?: 'response.failed' | 'error';
}

/** A successful model call. */
export interface ScriptedSuccess {
  outputs: ScriptedOutput[];
  usage?: ScriptedUsage;
  /** ms to wait between SSE events (default 0) */
  eventDelayMs?: number;
  /** after this many SSE events, stop sending and keep the connection open until the client goes away */
  hangAfterEvents?: number;
  /** after this many SSE events, destroy the socket (a stream cut mid-way) */
  cutAfterEvents?: number;
  /** after `afterEvents` SSE events, wait for `until` to settle, then go on (a model that pauses mid-reply); in order */
  pauses?: Array<{ afterEvents: number; until: Promise<unknown> }>;
  /** end the stream with a failure instead of `response.completed` / a finish_reason */
  streamError?: ScriptedStreamError;
  /** more response headers (e.g. `x-ratelimit-remaining-requests`) */
  headers?: Record<string, string>;
}

/** An HTTP error (429, 500, 503, 401…) answered with an OpenAI-style JSON error body. */
interface ScriptedHttpError {
  status: number;
  /** seconds, sent as Retry-After */
  retryAfter?: number;
  /** the JSON body; default `{ error: { message, type, param, code } }` fitting the status */
  body?: unknown;
  /** more response headers (e.g. `x-ratelimit-remaining-requests`) */
  headers?: Record<string, string>;
}

/** What one model call (POST /v1/responses or /v1/chat/completions) answers. */
export type ScriptedCall = ScriptedSuccess | ScriptedHttpError;

/** A request as the fake server received it; `body` is parsed JSON, or the raw text if it was not JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Chat Completions has no reasoning on OpenAI; compatible servers put it in one of these delta fields. */
export type ChatReasoningField = 'none' | 'reasoning_content' | 'reasoning';

/** A random id in the style of the real API (`msg_…`, `call_…`). */
export function makeId(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString('hex');
}

/** Splits text the way a model streams it: one delta per word, or `chunks` near-equal pieces. */
export function splitDeltas(text: string, chunks?: number): string[] {
  if (text === '') return [];
  if (chunks !== undefined && chunks > 0) {
    const size = Math.ceil(text.length / chunks);
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
    return pieces;
  }
  return text.match(/\s*\S+\s*/g) ?? [text];
}

/** Tool-call arguments arrive in small token-sized pieces, never one per word. */
export function splitArguments(text: string): string[] {
  return splitDeltas(text, Math.max(1, Math.ceil(text.length / 8)));
}

/** The JSON text of a function call's arguments. */
export function argumentsText(output: { arguments: string | Record<string, unknown> }): string {
  return typeof output.arguments === 'string' ? output.arguments : JSON.stringify(output.arguments);
}

/** Rough token counts (4 characters a token) so usage is non-zero without being scripted. */
export function resolveUsage(call: ScriptedSuccess, requestBody: unknown): Required<ScriptedUsage> {
  const tokens = (s: string): number => Math.ceil(s.length / 4);
  const reasoningText = call.outputs.flatMap((o) => (o.type === 'reasoning' ? o.summary : [])).join('');
  const visible = call.outputs
    .map((o) =>
      o.type === 'message'
        ? o.text
        : o.type === 'function_call'
          ? argumentsText(o)
          : o.type === 'custom_tool_call'
            ? o.input
            : '',
    )
    .join('');
  const reasoning = call.usage?.reasoning ?? tokens(reasoningText);
  return {
    input: call.usage?.input ?? tokens(JSON.stringify(requestBody) ?? ''),
    output: call.usage?.output ?? tokens(visible) + reasoning,
    reasoning,
    cached: call.usage?.cached ?? 0,
  };
}

/** The error body the real API sends for a status, so SDK error classes and messages look familiar. */
export function defaultErrorBody(status: number): {
  error: { message: string; type: string; param: null; code: string | null };
} {
  const [message, type, code]: [string, string, string | null] =
    status === 401
      ? ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key']
      : status === 429
        ? ['Rate limit reached. Please try again later.', 'requests', 'rate_limit_exceeded']
        : status === 404
          ? ['Not found.', 'invalid_request_error', 'not_found']
          : status >= 500
            ? ['The server had an error while processing your request. Sorry about that!', 'server_error', null]
            : ['Invalid request.', 'invalid_request_error', null];
  return { error: { message, type, param: null, code } };
}
