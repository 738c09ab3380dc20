/**
 * The one file that talks to the `openai` package: streaming calls on the Responses API or
 * Chat Completions, model listing, and the translation of the SDK's errors into ModelErrors
 * that tell the user what to do.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { ChatDecoder, chatBody } from './chat-format';
import type { ModelConfig } from './config';
import { ResponsesDecoder, responsesBody } from './responses-format';
import { ModelError, type ModelClient, type ModelEvent, type ModelRequest } from './types';

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

export class OpenAIModelClient implements ModelClient {
  readonly wireApi;
  readonly secrets: readonly string[];
  private readonly client: OpenAI;

  constructor(private readonly config: ModelConfig) {
    this.wireApi = config.wireApi;
    this.secrets = config.apiKey ? [config.apiKey] : [];
    this.client = new OpenAI({
      // Local servers (Ollama, llama.cpp) take any key; the SDK insists on one.
      apiKey: config.apiKey ?? 'not-needed',
      baseURL: config.baseUrl,
      // Retries are the agent's: it honours Retry-After and tells the client each time.
      maxRetries: 0,
      timeout: 10 * 60 * 1000,
    });
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    let yielded = false;
    try {
      if (this.wireApi === 'responses') {
        const decoder = new ResponsesDecoder();
        const stream = await this.client.responses.create(responsesBody(request), { signal });
        for await (const event of stream) {
          for (const e of decoder.decode(event)) {
            yielded = true;
            yield e;
          }
        }
        if (!decoder.completed && !signal.aborted) throw new ModelError('stream', 'The model stream ended before the response was complete');
      } else {
        const custom = new Set(request.tools.filter((t) => t.kind === 'custom').map((t) => t.name));
        const decoder = new ChatDecoder(custom);
        const stream = await this.client.chat.completions.create(chatBody(request), { signal });
        for await (const chunk of stream) {
          for (const e of decoder.decode(chunk)) {
            yielded = true;
            yield e;
          }
        }
        if (!signal.aborted) decoder.finish();
      }
    } catch (e) {
      if (signal.aborted) return;
      const error = this.translate(e);
      // A connection that broke before anything arrived is as good as never made: retry it.
      if (!yielded && error.kind === 'stream' && !(e instanceof ModelError)) {
        throw new ModelError('connection', `The model stream broke before any output: ${error.message}`);
      }
      throw error;
    }
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const model of this.client.models.list({ signal })) ids.push(model.id);
      return ids;
    } catch (e) {
      throw this.translate(e);
    }
  }

  private translate(e: unknown): ModelError {
    if (e instanceof ModelError) return e;
    const where = this.config.baseUrl;
    if (e instanceof APIUserAbortError) return new ModelError('connection', 'The model call was aborted', { retryable: false });
    if (e instanceof APIConnectionError) {
      const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return new ModelError('connection', `Could not reach the model endpoint at ${where}${cause}. Check OPENAI_BASE_URL (or the base URL in Settings) and your connection.`);
    }
    if (e instanceof APIError && e.status !== undefined) {
      const status = e.status;
      const detail = e.message.replace(/^\d{3}\s*/, '');
      if (status === 401 || status === 403) {
        return new ModelError('auth', `The model endpoint refused the API key (${status}): ${detail}. Set a valid OPENAI_API_KEY or update it in Settings.`, { status });
      }
      if (status === 429) return new ModelError('rateLimit', `Rate limited by the model endpoint (429): ${detail}`, { status, retryAfterMs: retryAfterMs(e.headers) });
      if (status >= 500) return new ModelError('server', `The model endpoint failed (${status}): ${detail}`, { status, retryAfterMs: retryAfterMs(e.headers) });
      if (status === 404) return new ModelError('request', `The model endpoint answered 404: ${detail}. Check the model name and the wire format (Responses or Chat Completions) in Settings.`, { status });
      return new ModelError('request', `The model endpoint rejected the request (${status}): ${detail}`, { status });
    }
    if (e instanceof Error) return new ModelError('stream', `The model stream failed: ${e.message}`);
    return new ModelError('stream', `The model stream failed: ${String(e)}`);
  }
}
