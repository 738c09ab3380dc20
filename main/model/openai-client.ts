/**
 * The one file that talks to the `openai` package: streaming calls on the Responses API or
 * Chat Completions, model listing, and the translation of the SDK's errors into ModelErrors
 * that tell the user what to do.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { ChatDecoder, chatBody } from './chat-format';
import type { ModelConfig } from './config';
import { ResponsesDecoder, responsesBody } from './responses-format';
import { redactor } from './redact';
import type { RateLimitLog } from './rate-limits';
import { sseBatches, type SseEvent } from './sse';
import { ModelError, type ListedModel, type ModelClient, type ModelEvent, type ModelRequest } from './types';

/** Seconds (or an HTTP date) from Retry-After, as milliseconds. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after-ms') ?? null;
  if (value && Number.isFinite(Number(value))) return Number(value);
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * An event's JSON, by the SDK's rules (which reading the stream ourselves bypasses): an error
 * event, or a payload carrying `error`, fails the stream.
 */
function eventData(sse: SseEvent): unknown {
  let data: unknown;
  try {
    data = JSON.parse(sse.data);
  } catch {
    throw new ModelError('stream', 'The model stream failed: malformed server-sent event JSON');
  }
  const error =
    sse.event === 'error'
      ? data
      : typeof data === 'object' && data !== null && 'error' in data
        ? data.error
        : undefined;
  if (error !== undefined && error !== null) {
    const inner = typeof error === 'object' && 'error' in error && error.error ? error.error : error;
    const message =
      typeof inner === 'object' && 'message' in inner && typeof inner.message === 'string'
        ? inner.message
        : JSON.stringify(inner);
    throw new ModelError('stream', `The model stream failed: ${message}`);
  }
  return data;
}

/**
 * The ModelEvents of one chunk's events. A failing event still lets the events before it through
 * first, and `[DONE]` ends the stream.
 */
function decodeBatch(
  batch: SseEvent[],
  decode: (data: unknown) => Iterable<ModelEvent>,
): { events: ModelEvent[]; error?: { cause: unknown }; ended: boolean } {
  const events: ModelEvent[] = [];
  try {
    for (const sse of batch) {
      if (sse.data === '[DONE]') return { events, ended: true };
      for (const e of decode(eventData(sse))) events.push(e);
    }
  } catch (cause) {
    return { events, error: { cause }, ended: true };
  }
  return { events, ended: false };
}

const positiveInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;

/**
 * A listed model with the limits its entry states. OpenAI lists ids only; compatible servers add
 * them under their own names: `context_window` (several), `context_length` (OpenRouter),
 * `max_model_len` (vLLM), `max_context_length` (LM Studio); input modalities as OpenRouter's
 * `architecture.input_modalities`.
 */
function listedModel(model: OpenAI.Models.Model): ListedModel {
  const entry = model as unknown as Record<string, unknown>;
  const contextWindow = [entry.context_window, entry.context_length, entry.max_model_len, entry.max_context_length]
    .map(positiveInt)
    .find((v) => v !== undefined);
  const arch = entry.architecture;
  const listed =
    typeof arch === 'object' && arch !== null && Array.isArray((arch as Record<string, unknown>).input_modalities)
      ? ((arch as Record<string, unknown>).input_modalities as unknown[])
      : undefined;
  const inputModalities = listed?.filter((m): m is 'text' | 'image' | 'audio' =>
    ['text', 'image', 'audio'].includes(m as string),
  );
  return {
    id: model.id,
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(inputModalities?.length ? { inputModalities } : {}),
  };
}

export class OpenAIModelClient implements ModelClient {
  readonly wireApi;
  readonly secrets: readonly string[];
  private readonly client: OpenAI;
  private readonly redact: (text: string) => string;

  constructor(
    private readonly config: ModelConfig,
    /** Told the rate-limit headers of every model call's response (errors included). */
    private readonly rateLimits?: RateLimitLog,
  ) {
    this.wireApi = config.wireApi;
    this.secrets = config.apiKey ? [config.apiKey] : [];
    this.redact = redactor(this.secrets);
    this.client = new OpenAI({
      // Local servers (Ollama, llama.cpp) take any key; the SDK insists on one.
      apiKey: config.apiKey ?? 'not-needed',
      baseURL: config.baseUrl,
      // Retries are the agent's: it honours Retry-After and tells the client each time.
      maxRetries: 0,
      timeout: 10 * 60 * 1000,
    });
  }

  async *stream(request: ModelRequest, turnSignal: AbortSignal): AsyncIterable<ModelEvent[]> {
    let yielded = false;
    // The SDK listens on the signal it is given and never stops: one call's own signal, linked to
    // the turn's for as long as the call lasts, keeps a turn of many calls from piling listeners up.
    const call = new AbortController();
    const abort = (): void => call.abort();
    if (turnSignal.aborted) call.abort();
    else turnSignal.addEventListener('abort', abort, { once: true });
    const signal = call.signal;
    try {
      let decode: (data: unknown) => Iterable<ModelEvent>;
      let finish: () => void;
      let response: Response;
      if (this.wireApi === 'responses') {
        const decoder = new ResponsesDecoder();
        decode = (data) => decoder.decode(data as ResponseStreamEvent);
        finish = () => {
          if (!decoder.completed)
            throw new ModelError('stream', 'The model stream ended before the response was complete');
        };
        response = await this.client.responses.create(responsesBody(request), { signal }).asResponse();
      } else {
        const custom = new Set(request.tools.filter((t) => t.kind === 'custom').map((t) => t.name));
        const decoder = new ChatDecoder(custom);
        decode = (data) => decoder.decode(data as ChatCompletionChunk);
        finish = () => decoder.finish();
        response = await this.client.chat.completions.create(chatBody(request), { signal }).asResponse();
      }
      this.rateLimits?.observe(response.headers);
      if (!response.body) throw new ModelError('stream', 'The model endpoint answered without a stream');
      for await (const batch of sseBatches(response.body)) {
        const { events, error, ended } = decodeBatch(batch, decode);
        if (events.length > 0) {
          yielded = true;
          yield events;
        }
        if (error) throw error.cause;
        if (ended) break;
      }
      if (!signal.aborted) finish();
    } catch (e) {
      if (signal.aborted) return;
      const error = this.translate(e);
      // A connection that broke before anything arrived is as good as never made: retry it.
      if (!yielded && error.kind === 'stream' && !(e instanceof ModelError)) {
        throw new ModelError('connection', `The model stream broke before any output: ${error.message}`);
      }
      throw error;
    } finally {
      turnSignal.removeEventListener('abort', abort);
    }
  }

  async listModels(signal?: AbortSignal): Promise<ListedModel[]> {
    try {
      const models: ListedModel[] = [];
      for await (const model of this.client.models.list({ signal })) models.push(listedModel(model));
      return models;
    } catch (e) {
      throw this.translate(e);
    }
  }

  /**
   * The ModelError for a failure, its message free of the key: an endpoint's error body (a 401,
   * a proxy's 500 page, a stream error event) may echo the request's Authorization header.
   */
  private translate(e: unknown): ModelError {
    const error = this.describe(e);
    const message = this.redact(error.message);
    return message === error.message ? error : new ModelError(error.kind, message, error.options);
  }

  private describe(e: unknown): ModelError {
    if (e instanceof ModelError) return e;
    // A 429 says most about the limits: keep what its headers report.
    if (e instanceof APIError && e.headers) this.rateLimits?.observe(e.headers);
    const where = this.config.baseUrl;
    if (e instanceof APIUserAbortError)
      return new ModelError('connection', 'The model call was aborted', { retryable: false });
    if (e instanceof APIConnectionError) {
      const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return new ModelError(
        'connection',
        `Could not reach the model endpoint at ${where}${cause}. Check OPENAI_BASE_URL (or the base URL in Settings) and your connection.`,
      );
    }
    if (e instanceof APIError && e.status !== undefined) {
      const status = e.status;
      const detail = e.message.replace(/^\d{3}\s*/, '');
      if (status === 401 || status === 403) {
        return new ModelError(
          'auth',
          `The model endpoint refused the API key (${status}): ${detail}. Set a valid OPENAI_API_KEY or update it in Settings.`,
          { status },
        );
      }
      if (status === 429)
        return new ModelError('rateLimit', `Rate limited by the model endpoint (429): ${detail}`, {
          status,
          retryAfterMs: retryAfterMs(e.headers),
        });
      if (status >= 500)
        return new ModelError('server', `The model endpoint failed (${status}): ${detail}`, {
          status,
          retryAfterMs: retryAfterMs(e.headers),
        });
      if (status === 404)
        return new ModelError(
          'request',
          `The model endpoint answered 404: ${detail}. Check the model name and the wire format (Responses or Chat Completions) in Settings.`,
          { status },
        );
      return new ModelError('request', `The model endpoint rejected the request (${status}): ${detail}`, { status });
    }
    if (e instanceof Error) return new ModelError('stream', `The model stream failed: ${e.message}`);
    return new ModelError('stream', `The model stream failed: ${String(e)}`);
  }
}
