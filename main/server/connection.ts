/**
 * One client connection: vscode-jsonrpc over the transport's reader/writer, the initialize gate,
 * the in-flight bound, params validation against the method table, and the connection's
 * notification filter.
 */
import {
  createMessageConnection,
  Emitter,
  Message,
  ResponseError,
  type DataCallback,
  type Disposable,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';
import { z } from 'zod';
import {
  clientRequests,
  isClientRequestMethod,
  type ClientRequestMethod,
  type ClientRequestParams,
  type ClientRequestResult,
  type ServerNotification,
} from '../../protocol/methods';
import { AppError, ErrorCode, alreadyInitialized, notInitialized, overloaded } from '../../protocol/rpc/errors';
import type { MessageTransport } from '../../protocol/rpc/frames';
import type { InitializeParams, InitializeResponse } from '../../protocol/schema/initialize';
import type { Handler, HandledMethod, RequestContext } from './handler';
import type { Logger } from './log';
import type { Subscriber } from './threads/loaded-thread';

/** What a connection needs from the server it belongs to. */
export interface ConnectionHost {
  readonly log: Logger;
  readonly maxInFlightRequests: number;
  initialize(params: InitializeParams, connection: ServerConnection): InitializeResponse;
  handler<M extends HandledMethod>(method: M): Handler<M>;
  detach(connection: ServerConnection): void;
}

let nextConnectionId = 1;

/** How long a connection whose input ended may take to answer what it already received. */
const DRAIN_TIMEOUT_MS = 10_000;

export class ServerConnection implements Subscriber {
  readonly id = nextConnectionId++;
  private readonly rpc: MessageConnection;
  private initialized = false;
  private optOut = new Set<string>();
  private inFlight = 0;
  private closed = false;
  /** Ids of requests received whose response has not been written yet (ids may repeat). */
  private readonly unanswered = new Map<string | number, number>();
  private readonly drainedEmitter = new Emitter<void>();
  private readonly disposedEmitter = new Emitter<void>();
  clientName = 'unknown';

  constructor(
    private readonly host: ConnectionHost,
    transport: MessageTransport,
  ) {
    const log = host.log;
    this.rpc = createMessageConnection(this.countRequests(transport.reader), this.countResponses(transport.writer), {
      error: (m) => log.warn(`rpc: ${m}`),
      warn: (m) => log.warn(`rpc: ${m}`),
      info: () => {},
      log: () => {},
    });
    this.rpc.onRequest((method, params, token) => this.onRequest(method, params, token));
    // `initialized` and unknown client notifications need no answer; JSON-RPC forbids one.
    this.rpc.onNotification(() => {});
    // The client's input ended (stdin closed): answer what it already sent, then go.
    this.rpc.onClose(() => {
      const timer = setTimeout(() => this.dispose(), DRAIN_TIMEOUT_MS);
      void this.drained().then(() => {
        clearTimeout(timer);
        this.dispose();
      });
    });
    this.rpc.onError(([error]) => log.warn(`connection ${this.id}: ${error.message}`));
    this.rpc.listen();
  }

  get isInitialized(): boolean {
    return this.initialized;
  }

  /** Send a notification unless the client opted out of it or is gone. */
  notify(notification: ServerNotification): void {
    if (this.closed || !this.initialized || this.optOut.has(notification.method)) return;
    this.rpc.sendNotification(notification.method, notification.params).catch(() => undefined);
  }

  /** Fires once the connection is gone. */
  readonly onDispose = this.disposedEmitter.event;

  /** Resolves when every request received so far has been answered. */
  drained(): Promise<void> {
    if (this.unanswered.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const sub = this.drainedEmitter.event(() => {
        sub.dispose();
        resolve();
      });
    });
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.detach(this);
    this.rpc.dispose();
    this.disposedEmitter.fire();
  }

  private answered(id: string | number): void {
    const n = this.unanswered.get(id);
    if (n === undefined) return;
    if (n > 1) this.unanswered.set(id, n - 1);
    else this.unanswered.delete(id);
    if (this.unanswered.size === 0) this.drainedEmitter.fire();
  }

  private countRequests(reader: MessageReader): MessageReader {
    const listen = reader.listen.bind(reader);
    return Object.assign(reader, {
      listen: (callback: DataCallback): Disposable =>
        listen((message) => {
          if (Message.isRequest(message) && message.id !== null) {
            this.unanswered.set(message.id, (this.unanswered.get(message.id) ?? 0) + 1);
          }
          callback(message);
        }),
    });
  }

  private countResponses(writer: MessageWriter): MessageWriter {
    const write = writer.write.bind(writer);
    return Object.assign(writer, {
      write: async (message: Message): Promise<void> => {
        try {
          await write(message);
        } finally {
          if (Message.isResponse(message) && message.id !== null) this.answered(message.id);
        }
      },
    });
  }

  private async onRequest(method: string, raw: unknown, token: RequestContext['token']): Promise<unknown> {
    if (!isClientRequestMethod(method)) {
      throw new ResponseError(ErrorCode.MethodNotFound, `Unknown method: ${method}`);
    }
    if (this.inFlight >= this.host.maxInFlightRequests) throw overloaded();
    this.inFlight++;
    const after: Array<() => void> = [];
    try {
      let result: unknown;
      if (method === 'initialize') {
        if (this.initialized) throw alreadyInitialized();
        const params = parseParams('initialize', raw);
        result = this.host.initialize(params, this);
        this.initialized = true;
        this.clientName = params.clientInfo.name;
        this.optOut = new Set(params.capabilities?.optOutNotificationMethods ?? []);
      } else {
        if (!this.initialized) throw notInitialized();
        result = await this.dispatch(method, raw, { connection: this, token, afterResponse: (fn) => after.push(fn) });
      }
      // The response is written when this promise settles; announcements follow it.
      if (after.length > 0) setImmediate(() => after.forEach((fn) => fn()));
      return result;
    } finally {
      this.inFlight--;
    }
  }

  private dispatch<M extends HandledMethod>(method: M, raw: unknown, ctx: RequestContext): Promise<ClientRequestResult<M>> {
    return this.host.handler(method)(parseParams(method, raw), ctx);
  }
}

/** Validate params with the method's schema; failures are -32602 with zod's issues in `data`. */
export function parseParams<M extends ClientRequestMethod>(method: M, raw: unknown): ClientRequestParams<M> {
  const schema: z.ZodType = clientRequests[method].params;
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new AppError(ErrorCode.InvalidParams, `Invalid params for ${method}: ${z.prettifyError(parsed.error)}`, {
      reason: 'invalidParams',
      issues: parsed.error.issues,
    });
  }
  return parsed.data as ClientRequestParams<M>;
}
