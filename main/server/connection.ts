/**
 * One client connection: vscode-jsonrpc over the transport's reader/writer, the initialize gate,
 * the in-flight bound, params validation against the method table, and the connection's
 * notification filter.
 */
import {
  createMessageConnection,
  Emitter,
  Message,
  type DataCallback,
  type Disposable,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';
import { z } from 'zod';
import {
  clientRequests,
  serverRequests,
  isClientRequestMethod,
  type ServerRequestMethod,
  type ServerRequestParams,
  type ServerRequestResult,
  type ClientRequestMethod,
  type ClientRequestParams,
  type ClientRequestResult,
  type ServerNotification,
} from '../../protocol/methods';
import { ErrorCode, alreadyInitialized, invalidParams, methodNotFound, notInitialized, overloaded } from '../../protocol/rpc/errors';
import { errorResponse } from '../../protocol/rpc/envelope';
import type { ChannelFlow, MessageTransport } from '../../protocol/rpc/frames';
import type { InitializeParams, InitializeResponse } from '../../protocol/schema/initialize';
import { oversizedString } from '../../protocol/schema/limits';
import type { HandledMethod, RequestContext } from './handler';
import type { Logger } from './log';
import { OutputHold } from './output-hold';
import { Outbox } from './outbox';
import type { ConnectedClient } from './connected-client';

/** What a connection needs from the server it belongs to. */
export interface ConnectionHost {
  readonly log: Logger;
  readonly maxInFlightRequests: number;
  initialize(params: InitializeParams, connection: ServerConnection): InitializeResponse;
  /** Run a request's handler (under its lock and gate, dispatch.ts) with validated params. */
  dispatch<M extends HandledMethod>(method: M, params: ClientRequestParams<M>, ctx: RequestContext): Promise<ClientRequestResult<M>>;
  detach(connection: ServerConnection): void;
}

let nextConnectionId = 1;

/** How long a connection whose input ended may take to answer what it already received. */
const DRAIN_TIMEOUT_MS = 10_000;

export class ServerConnection implements ConnectedClient {
  readonly id = nextConnectionId++;
  private readonly rpc: MessageConnection;
  private initialized = false;
  private optOut = new Set<string>();
  private inFlight = 0;
  private closed = false;
  /**
   * Requests received whose response has not been written yet, by String(id): vscode-jsonrpc
   * keys requests that way, so `1` and `"1"` in flight together would lose one of them.
   */
  private readonly unanswered = new Set<string>();
  /** Responses written whose announcements (afterResponse) have not run yet. */
  private pendingAfter = 0;
  private readonly drainedEmitter = new Emitter<void>();
  private readonly disposedEmitter = new Emitter<void>();
  private readonly initializedEmitter = new Emitter<void>();
  /** Server → client requests awaiting the client's answer, by the id we gave them. */
  private readonly outgoing = new Map<number, { method: ServerRequestMethod; settle: (r: { ok: true; value: unknown } | { ok: false; error: string }) => void }>();
  private nextOutgoingId = 0;
  /** The transport's own write, bypassing the response accounting. */
  private rawWrite!: (message: Message) => Promise<void>;
  /** Output held back while a request that asked for it (`holdOutput`) awaits its response. */
  private readonly hold = new OutputHold((m) => this.rawWrite(m));
  /** Where messages wait, merged, for a client that falls behind (transports with flow control). */
  private outbox: Outbox | undefined;
  clientName = 'unknown';
  /** The client opted into Codex's experimental methods and fields at initialize. */
  experimentalApi = false;

  constructor(
    private readonly host: ConnectionHost,
    transport: MessageTransport,
  ) {
    const log = host.log;
    this.rpc = createMessageConnection(this.countRequests(transport.reader), this.countResponses(transport), {
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

  /**
   * Send a notification unless the client opted out of it or is gone. Written directly, not
   * through vscode-jsonrpc: a streaming turn sends thousands a second, and its promise chain per
   * message is kept alive for as long as the client takes to read it.
   */
  notify(notification: ServerNotification): void {
    if (this.closed || !this.initialized || this.optOut.has(notification.method)) return;
    const message = { jsonrpc: '2.0', method: notification.method, params: notification.params } as Message;
    if (this.hold.active) this.hold.send(message).catch(() => undefined);
    else if (this.outbox) this.outbox.post(message);
    else this.rawWrite(message).catch(() => undefined);
  }

  /**
   * Ask the client something (an approval). Resolves with the validated result, or with an
   * error string when the client answered with an error, an invalid result, or went away.
   * Ids are ours (not vscode-jsonrpc's), so `serverRequest/resolved` can name them.
   */
  request<M extends ServerRequestMethod>(
    method: M,
    params: ServerRequestParams<M>,
  ): { id: number; result: Promise<{ ok: true; value: ServerRequestResult<M> } | { ok: false; error: string }> } {
    const id = this.nextOutgoingId++;
    const result = new Promise<{ ok: true; value: ServerRequestResult<M> } | { ok: false; error: string }>((resolve) => {
      if (this.closed) {
        resolve({ ok: false, error: 'connection closed' });
        return;
      }
      this.outgoing.set(id, { method, settle: resolve as (r: { ok: true; value: unknown } | { ok: false; error: string }) => void });
      this.send({ jsonrpc: '2.0', id, method, params } as Message).catch(() => this.settleOutgoing(id, { ok: false, error: 'connection closed' }));
    });
    return { id, result };
  }

  /** Stop waiting for an answer (another client answered, or the turn ended). */
  withdraw(id: number): void {
    this.settleOutgoing(id, { ok: false, error: 'withdrawn' });
  }

  private settleOutgoing(id: number, r: { ok: true; value: unknown } | { ok: false; error: string }): void {
    const pending = this.outgoing.get(id);
    if (!pending) return;
    this.outgoing.delete(id);
    pending.settle(r);
  }

  /** A client's answer to one of our requests. */
  private onOutgoingResponse(message: { id: number; result?: unknown; error?: { message?: unknown } }): void {
    const pending = this.outgoing.get(message.id);
    if (!pending) return;
    if (message.error) {
      this.settleOutgoing(message.id, { ok: false, error: `client answered with an error: ${String(message.error.message)}` });
      return;
    }
    const parsed = serverRequests[pending.method].result.safeParse(message.result);
    if (parsed.success) this.settleOutgoing(message.id, { ok: true, value: parsed.data });
    else {
      this.host.log.warn(`connection ${this.id}: invalid answer to ${pending.method}: ${z.prettifyError(parsed.error)}`);
      this.settleOutgoing(message.id, { ok: false, error: `invalid answer: ${z.prettifyError(parsed.error)}` });
    }
  }

  /** Fires once the connection is gone. */
  readonly onDispose = this.disposedEmitter.event;

  /** Fires once `initialize` is answered: from then on notifications reach the client, after that answer. */
  readonly onInitialized = this.initializedEmitter.event;

  /** Resolves when every request received so far has been answered. */
  drained(): Promise<void> {
    if (this.unanswered.size === 0 && this.pendingAfter === 0) return Promise.resolve();
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
    this.hold.dispose();
    this.outbox?.dispose();
    for (const id of [...this.outgoing.keys()]) this.settleOutgoing(id, { ok: false, error: 'connection closed' });
    this.host.detach(this);
    this.rpc.dispose();
    this.disposedEmitter.fire();
  }

  private answered(id: string | number): void {
    if (!this.unanswered.delete(String(id))) return;
    if (this.unanswered.size === 0 && this.pendingAfter === 0) this.drainedEmitter.fire();
  }

  private countRequests(reader: MessageReader): MessageReader {
    const listen = reader.listen.bind(reader);
    return Object.assign(reader, {
      listen: (callback: DataCallback): Disposable =>
        listen((message) => {
          if (Message.isResponse(message) && typeof message.id === 'number' && this.outgoing.has(message.id)) {
            this.onOutgoingResponse(message as { id: number });
            return;
          }
          if (Message.isRequest(message) && message.id !== null) {
            const key = String(message.id);
            if (this.unanswered.has(key)) {
              this
                .rawWrite(errorResponse(message.id, ErrorCode.DuplicateRequestId, `Duplicate request id ${JSON.stringify(message.id)}: a request with this id is still in flight`, { reason: 'duplicateRequestId' }))
                .catch(() => undefined);
              return;
            }
            this.unanswered.add(key);
          }
          callback(message);
        }),
    });
  }

  /** Write a message that is not a response, unless output is held (then it waits its turn). */
  private send(message: Message): Promise<void> {
    return this.hold.send(message);
  }

  /** A client too far behind to wait for: say why (log, and the transport's close), then let it go. */
  private giveUp(reason: string, flow: ChannelFlow): void {
    this.host.log.warn(`connection ${this.id} (${this.clientName}): ${reason}; disconnecting it`);
    flow.giveUp(reason);
    this.dispose();
  }

  private countResponses(transport: MessageTransport): MessageWriter {
    const writer = transport.writer;
    const flow = transport.flow;
    let write: (message: Message) => Promise<void> = writer.write.bind(writer);
    if (flow) {
      const outbox = new Outbox(write, flow, (reason) => this.giveUp(reason, flow));
      this.outbox = outbox;
      write = (message) => outbox.send(message);
    }
    this.rawWrite = write;
    return Object.assign(writer, {
      // Only responses are counted; notifications pass straight through (a streaming turn sends
      // thousands a second), unless output is held.
      write: (message: Message): Promise<void> => {
        if (!Message.isResponse(message) || message.id === null) return this.hold.active ? this.hold.send(message) : write(message);
        const id = message.id;
        const written = write(message).finally(() => this.answered(id));
        if ('result' in message) this.hold.written(message.result);
        return written;
      },
    });
  }

  private async onRequest(method: string, raw: unknown, token: RequestContext['token']): Promise<unknown> {
    if (!isClientRequestMethod(method)) {
      throw methodNotFound(method);
    }
    if (this.inFlight >= this.host.maxInFlightRequests) throw overloaded();
    this.inFlight++;
    const after: Array<() => void> = [];
    let holds = false;
    const holdOutput = (): void => {
      if (holds || this.closed) return;
      holds = true;
      this.hold.begin();
    };
    try {
      let result: unknown;
      if (method === 'initialize') {
        if (this.initialized) throw alreadyInitialized();
        const params = parseParams('initialize', raw);
        result = this.host.initialize(params, this);
        this.initialized = true;
        this.clientName = params.clientInfo.name;
        this.experimentalApi = params.capabilities?.experimentalApi === true;
        this.optOut = new Set(params.capabilities?.optOutNotificationMethods ?? []);
        after.push(() => this.initializedEmitter.fire());
      } else {
        if (!this.initialized) throw notInitialized();
        try {
          result = await this.dispatch(method, raw, { connection: this, token, afterResponse: (fn) => after.push(fn), holdOutput });
        } catch (e) {
          if (holds) this.hold.failed();
          throw e;
        }
        // Released when this very result is written (vscode-jsonrpc writes the object we return).
        if (holds) this.hold.settled(result);
      }
      // The response is written when this promise settles; announcements follow it, and a
      // connection draining before exit waits for them.
      if (after.length > 0) {
        this.pendingAfter++;
        setImmediate(() => {
          try {
            after.forEach((fn) => fn());
          } finally {
            this.pendingAfter--;
            if (this.unanswered.size === 0 && this.pendingAfter === 0) this.drainedEmitter.fire();
          }
        });
      }
      return result;
    } finally {
      this.inFlight--;
    }
  }

  private dispatch<M extends HandledMethod>(method: M, raw: unknown, ctx: RequestContext): Promise<ClientRequestResult<M>> {
    return this.host.dispatch(method, parseParams(method, raw), ctx);
  }
}

/** Validate params with the method's schema; failures are -32602 with zod's issues in `data`. */
export function parseParams<M extends ClientRequestMethod>(method: M, raw: unknown): ClientRequestParams<M> {
  // Before the schema: a huge string is refused without zod (or a store) ever looking at it.
  const oversized = oversizedString(raw);
  if (oversized) {
    throw invalidParams(`Invalid params for ${method}: ${oversized.path} is ${oversized.length} characters long; the limit is ${oversized.limit}`, {
      field: oversized.path,
      limit: oversized.limit,
    });
  }
  const schema: z.ZodType = clientRequests[method].params;
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw invalidParams(`Invalid params for ${method}: ${z.prettifyError(parsed.error)}`, { issues: parsed.error.issues });
  }
  return parsed.data as ClientRequestParams<M>;
}
