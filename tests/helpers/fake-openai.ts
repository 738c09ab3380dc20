/**
 * A fake OpenAI-compatible server on 127.0.0.1 that speaks real HTTP and Server-Sent Events and
 * plays scripted responses, so product code drives the real `openai` client against it:
 *
 *   const fake = await FakeOpenAI.start([{ outputs: [{ type: 'message', text: 'Hi' }] }]);
 *   const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'test', maxRetries: 0 });
 *
 * Endpoints: POST /v1/responses, POST /v1/chat/completions (streaming or not), GET /v1/models.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatAnswer } from './fake-openai/chat-chunks';
import { responsesAnswer } from './fake-openai/responses-events';
import {
  defaultErrorBody,
  makeId,
  type ChatReasoningField,
  type RecordedRequest,
  type ScriptedCall,
  type ScriptedSuccess,
} from './fake-openai/types';

export type { RecordedRequest, ScriptedCall, ScriptedOutput, ScriptedSuccess } from './fake-openai/types';

/** A script: calls consumed in order, or a function choosing the answer for each model call. */
export type Script = ScriptedCall[] | ((request: RecordedRequest, callIndex: number) => ScriptedCall);

/** Server options. */
export interface FakeOpenAIOptions {
  /** Ids listed by GET /v1/models; default ['gpt-5.5', 'gpt-test']. */
  models?: string[];
  /**
   * Where Chat Completions puts `reasoning` outputs. OpenAI sends none ('none', the default);
   * vLLM and llama.cpp use `reasoning_content`, Ollama and newer vLLM `reasoning`.
   */
  chatReasoningField?: ChatReasoningField;
  /** More fields of a model's entry in GET /v1/models (compatible servers add e.g. `context_length`). */
  modelFields?: Record<string, Record<string, unknown>>;
}

/** One SSE frame: an optional `event:` name (the Responses API names every event) and its data. */
interface SseFrame {
  event?: string;
  data: string;
}

const MODEL_PATHS = new Set(['/v1/responses', '/v1/chat/completions']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': makeId('req_', 16), ...headers });
  res.end(JSON.stringify(body));
}

/** The fake server. Start with {@link FakeOpenAI.start}; always {@link FakeOpenAI.close} it. */
export class FakeOpenAI {
  /** 'http://127.0.0.1:PORT/v1', ready for `new OpenAI({ baseURL })`. */
  readonly baseURL: string;
  /** Every request received, in order (model calls and GET /v1/models). */
  readonly requests: RecordedRequest[] = [];
  /** Only POST /v1/responses and /v1/chat/completions, in order. */
  readonly modelCalls: RecordedRequest[] = [];
  /** How many streaming requests the client closed before the stream ended (interrupt tests). */
  clientAborts = 0;

  private closing = false;
  private abortWaiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    private readonly script: Script,
    private readonly options: FakeOpenAIOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseURL = `http://127.0.0.1:${port}/v1`;
  }

  /** Starts a server on an ephemeral port of 127.0.0.1 playing `script`. */
  static async start(script: Script, options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeOpenAI(server, script, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => {
        // A failure inside the fake must reach the test as a loud 500, not a silent hang.
        if (!res.headersSent)
          sendJson(res, 500, {
            error: { message: `fake-openai: ${String(error)}`, type: 'server_error', param: null, code: null },
          });
        else res.destroy();
      });
    });
    return fake;
  }

  /** Resolves once {@link clientAborts} reaches `count` (the abort is seen a moment after the client's). */
  waitForClientAborts(count = 1): Promise<void> {
    if (this.clientAborts >= count) return Promise.resolve();
    return new Promise((resolve) => this.abortWaiters.push({ count, resolve }));
  }

  /** Stops listening and destroys every connection, ending hanging streams and their timers. */
  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const text = Buffer.concat(parts).toString('utf8');
    let body: unknown = text === '' ? undefined : text;
    try {
      if (text !== '') body = JSON.parse(text);
    } catch {
      // Not JSON: record the raw text so the test can see what was sent.
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const request: RecordedRequest = { method, path: url.pathname + url.search, headers: { ...req.headers }, body };
    this.requests.push(request);

    if (method === 'GET' && url.pathname === '/v1/models') {
      sendJson(res, 200, { object: 'list', data: this.modelIds().map((id) => this.model(id)) });
    } else if (method === 'GET' && url.pathname.startsWith('/v1/models/')) {
      const id = decodeURIComponent(url.pathname.slice('/v1/models/'.length));
      if (this.modelIds().includes(id)) sendJson(res, 200, this.model(id));
      else
        sendJson(res, 404, {
          error: {
            message: `The model '${id}' does not exist`,
            type: 'invalid_request_error',
            param: 'model',
            code: 'model_not_found',
          },
        });
    } else if (method === 'POST' && MODEL_PATHS.has(url.pathname)) {
      this.modelCalls.push(request);
      await this.answer(req, res, request, url.pathname, this.nextCall(request));
    } else {
      sendJson(res, 404, {
        error: {
          message: `fake-openai: no route for ${method} ${url.pathname}`,
          type: 'invalid_request_error',
          param: null,
          code: 'unknown_url',
        },
      });
    }
  }

  private modelIds(): string[] {
    return this.options.models ?? ['gpt-5.5', 'gpt-test'];
  }

  private model(id: string): Record<string, unknown> {
    return { id, object: 'model', created: 1_700_000_000, owned_by: 'fake-openai', ...this.options.modelFields?.[id] };
  }

  private nextCall(request: RecordedRequest): ScriptedCall {
    const index = this.modelCalls.length - 1;
    if (typeof this.script === 'function') return this.script(request, index);
    const call = this.script[index];
    if (call) return call;
    const message = `fake-openai: script exhausted (model call #${index + 1}, script has ${this.script.length})`;
    return { status: 500, body: { error: { message, type: 'server_error', param: null, code: 'script_exhausted' } } };
  }

  private async answer(
    req: IncomingMessage,
    res: ServerResponse,
    request: RecordedRequest,
    path: string,
    call: ScriptedCall,
  ): Promise<void> {
    if ('status' in call) {
      const headers: Record<string, string> = {
        ...(call.retryAfter !== undefined ? { 'retry-after': String(call.retryAfter) } : {}),
        ...call.headers,
      };
      sendJson(res, call.status, call.body ?? defaultErrorBody(call.status), headers);
      return;
    }
    const streaming = isRecord(request.body) && request.body.stream === true;
    if (path === '/v1/responses') {
      const { events, final } = responsesAnswer(call, request.body);
      if (!streaming) return sendJson(res, 200, final, call.headers);
      await this.stream(
        req,
        res,
        call,
        events.map((e) => ({ event: e.type, data: JSON.stringify(e) })),
      );
    } else {
      const { data, final } = chatAnswer(call, request.body, this.options.chatReasoningField ?? 'none');
      if (!streaming) return sendJson(res, 200, final, call.headers);
      await this.stream(
        req,
        res,
        call,
        data.map((d) => ({ data: d })),
      );
    }
  }

  /** Writes `frames` as SSE, honouring the call's delay, hang and cut settings. */
  private async stream(
    req: IncomingMessage,
    res: ServerResponse,
    call: ScriptedSuccess,
    frames: SseFrame[],
  ): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': makeId('req_', 16),
      ...call.headers,
    });
    res.flushHeaders();
    const gone = new AbortController();
    let cut = false;
    res.once('close', () => {
      // 'close' before the response finished means the peer went away: the client, unless we cut it or are closing.
      if (!res.writableFinished && !cut && !this.closing) this.noteClientAbort();
      gone.abort();
    });
    const delay = call.eventDelayMs ?? 0;
    for (let i = 0; i <= frames.length; i++) {
      if (call.cutAfterEvents !== undefined && i === Math.min(call.cutAfterEvents, frames.length)) {
        cut = true;
        // Let what was written reach the client first: a cut loses what follows, not what came before.
        await new Promise<void>((resolve) => res.write('', () => resolve()));
        await sleep(20);
        req.socket.destroy();
        return;
      }
      if (call.hangAfterEvents !== undefined && i === Math.min(call.hangAfterEvents, frames.length)) {
        if (!gone.signal.aborted)
          await new Promise((resolve) => gone.signal.addEventListener('abort', resolve, { once: true }));
        return;
      }
      for (const pause of call.pauses ?? []) {
        if (pause.afterEvents !== i) continue;
        // Hold the stream (what was written reaches the client first) until the test says go on.
        await new Promise<void>((resolve) => res.write('', () => resolve()));
        await Promise.race([
          pause.until.catch(() => undefined),
          new Promise((resolve) => gone.signal.addEventListener('abort', resolve, { once: true })),
        ]);
      }
      const frame = frames[i];
      if (!frame) break;
      if (delay > 0 && i > 0) await sleep(delay, undefined, { signal: gone.signal }).catch(() => undefined);
      if (gone.signal.aborted) return;
      res.write(`${frame.event ? `event: ${frame.event}\n` : ''}data: ${frame.data}\n\n`);
    }
    res.end();
  }

  private noteClientAbort(): void {
    this.clientAborts++;
    const ready = this.abortWaiters.filter((w) => w.count <= this.clientAborts);
    this.abortWaiters = this.abortWaiters.filter((w) => w.count > this.clientAborts);
    for (const w of ready) w.resolve();
  }
}
