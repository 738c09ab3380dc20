/**
 * One client connection: the JSON-RPC peer (protocol/rpc/peer.ts) over the transport's reader and
 * writer, and what only the server does on top of it: the initialize gate, the in-flight bound,
 * the string limits, held output, the outbox for a client that falls behind, and the
 * connection's notification filter.
 */
import type { Message } from 'vscode-jsonrpc/node';
import type {
  ClientRequest,
  ClientRequestParams,
  ClientRequestResult,
  ServerNotification,
  ServerRequestMethod,
  ServerRequestParams,
} from '../../protocol/methods';
import { alreadyInitialized, invalidParams, notInitialized, overloaded } from '../../protocol/rpc/errors';
import { serverPeer, type ServerPeer } from '../../protocol/rpc/ends';
import type { ChannelFlow, MessageTransport } from '../../protocol/rpc/frames';
import { RequestFailed, type IncomingContext } from '../../protocol/rpc/peer';
import type { InitializeParams, InitializeResponse } from '../../protocol/schema/initialize';
import { oversizedString } from '../../protocol/schema/limits';
import type { ClientAnswer, ConnectedClient } from './connected-client';
import type { HandledMethod, RequestContext } from './handler';
import type { Logger } from './log';
import { OutputHold } from './output-hold';
import { Outbox } from './outbox';

/** What a connection needs from the server it belongs to. */
export interface ConnectionHost {
  readonly log: Logger;
  readonly maxInFlightRequests: number;
  initialize(params: InitializeParams, connection: ServerConnection): InitializeResponse;
  /** Run a request's handler (under its lock and gate, dispatch.ts) with validated params. */
  dispatch<M extends HandledMethod>(
    method: M,
    params: ClientRequestParams<M>,
    ctx: RequestContext,
  ): Promise<ClientRequestResult<M>>;
  detach(connection: ServerConnection): void;
}

let nextConnectionId = 1;

/** How long a connection whose input ended may take to answer what it already received. */
const DRAIN_TIMEOUT_MS = 10_000;

type Answer<M extends ServerRequestMethod> = ClientAnswer<M>;

export class ServerConnection implements ConnectedClient {
  readonly id = nextConnectionId++;
  private readonly peer: ServerPeer;
  private initialized = false;
  private optOut = new Set<string>();
  private inFlight = 0;
  private closed = false;
  private readonly disposeListeners = new Set<() => void>();
  private readonly initializedListeners = new Set<() => void>();
  /** The transport's own write (through the outbox, when there is one). */
  private readonly rawWrite: (message: Message) => Promise<void>;
  /** Output held back while a request that asked for it (`holdOutput`) awaits its response. */
  private readonly hold: OutputHold;
  /** Where messages wait, merged, for a client that falls behind (transports with flow control). */
  private readonly outbox: Outbox | undefined;
  clientName = 'unknown';
  /** The client opted into Codex's experimental methods and fields at initialize. */
  experimentalApi = false;

  constructor(
    private readonly host: ConnectionHost,
    transport: MessageTransport,
  ) {
    const log = host.log;
    const writer = transport.writer;
    const flow = transport.flow;
    let write: (message: Message) => Promise<void> = (m) => writer.write(m);
    if (flow) {
      const outbox = new Outbox(write, flow, (reason) => this.giveUp(reason, flow));
      this.outbox = outbox;
      write = (message) => outbox.send(message);
    }
    this.rawWrite = write;
    this.hold = new OutputHold(write);
    this.peer = serverPeer(transport, {
      output: {
        // Responses are not held: they are what held output waits for.
        response: (message) => {
          const written = write(message);
          if ('result' in message) this.hold.written(message.result);
          return written;
        },
        request: (message) => this.hold.send(message),
        // A streaming turn sends thousands a second: no promise per message unless output is held.
        notification: (message) => {
          if (this.hold.active) this.hold.send(message).catch(() => undefined);
          else if (this.outbox) this.outbox.post(message);
          else write(message).catch(() => undefined);
        },
      },
      admit: (method, params) => this.admit(method, params),
      log: (m) => log.warn(`rpc: ${m}`),
    });
    this.peer.onRequest((request, ctx) => this.onRequest(request, ctx));
    // The client's input ended (stdin closed): answer what it already sent, then go.
    this.peer.onClose(() => {
      const timer = setTimeout(() => this.dispose(), DRAIN_TIMEOUT_MS);
      void this.drained().then(() => {
        clearTimeout(timer);
        this.dispose();
      });
    });
    this.peer.onError((error) => log.warn(`connection ${this.id}: ${error.message}`));
  }

  get isInitialized(): boolean {
    return this.initialized;
  }

  /** Send a notification unless the client opted out of it or is gone. */
  notify(notification: ServerNotification): void {
    if (this.closed || !this.initialized || this.optOut.has(notification.method)) return;
    this.peer.notify(notification.method, notification.params);
  }

  /**
   * Ask the client something (an approval). Resolves with the validated result, or with an
   * error string when the client answered with an error, an invalid result, or went away.
   * The id is returned at once, so `serverRequest/resolved` can name it.
   */
  request<M extends ServerRequestMethod>(
    method: M,
    params: ServerRequestParams<M>,
  ): { id: number; result: Promise<Answer<M>> } {
    const { id, result } = this.peer.request(method, params);
    return {
      id,
      result: result.then(
        (value): Answer<M> => ({ ok: true, value }),
        (e: unknown): Answer<M> => ({
          ok: false,
          error: this.describeFailure(method, e),
          ...(e instanceof RequestFailed ? {} : { refused: true }),
        }),
      ),
    };
  }

  /** Stop waiting for an answer (another client answered, or the turn ended). */
  withdraw(id: number): void {
    this.peer.withdraw(id);
  }

  private describeFailure(method: ServerRequestMethod, e: unknown): string {
    if (e instanceof RequestFailed) {
      if (e.reason === 'withdrawn') return 'withdrawn';
      if (e.reason === 'closed') return 'connection closed';
      this.host.log.warn(`connection ${this.id}: invalid answer to ${method}: ${e.detail}`);
      return `invalid answer: ${e.detail}`;
    }
    return `client answered with an error: ${e instanceof Error ? e.message : String(e)}`;
  }

  /** Fires once the connection is gone. */
  onDispose(listener: () => void): { dispose(): void } {
    this.disposeListeners.add(listener);
    return { dispose: () => this.disposeListeners.delete(listener) };
  }

  /** Fires once `initialize` is answered: from then on notifications reach the client, after that answer. */
  onInitialized(listener: () => void): { dispose(): void } {
    this.initializedListeners.add(listener);
    return { dispose: () => this.initializedListeners.delete(listener) };
  }

  /** Resolves when every request received so far has been answered. */
  drained(): Promise<void> {
    return this.peer.drained();
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.hold.dispose();
    this.outbox?.dispose();
    this.host.detach(this);
    this.peer.dispose();
    for (const l of [...this.disposeListeners]) l();
  }

  /** A client too far behind to wait for: say why (log, and the transport's close), then let it go. */
  private giveUp(reason: string, flow: ChannelFlow): void {
    this.host.log.warn(`connection ${this.id} (${this.clientName}): ${reason}; disconnecting it`);
    flow.giveUp(reason);
    this.dispose();
  }

  /** What a request must pass before its params are even looked at. */
  private admit(method: ClientRequest['method'], raw: unknown): void {
    if (this.inFlight >= this.host.maxInFlightRequests) throw overloaded();
    if (method === 'initialize' && this.initialized) throw alreadyInitialized();
    if (method !== 'initialize' && !this.initialized) throw notInitialized();
    checkStringLimits(method, raw);
  }

  private async onRequest(request: ClientRequest, peerCtx: IncomingContext): Promise<unknown> {
    this.inFlight++;
    let holds = false;
    const holdOutput = (): void => {
      if (holds || this.closed) return;
      holds = true;
      this.hold.begin();
    };
    try {
      if (request.method === 'initialize') {
        const params = request.params;
        const result = this.host.initialize(params, this);
        this.initialized = true;
        this.clientName = params.clientInfo.name;
        this.experimentalApi = params.capabilities?.experimentalApi === true;
        this.optOut = new Set(params.capabilities?.optOutNotificationMethods ?? []);
        peerCtx.afterResponse(() => {
          for (const l of [...this.initializedListeners]) l();
        });
        return result;
      }
      const ctx: RequestContext = {
        connection: this,
        signal: peerCtx.signal,
        afterResponse: peerCtx.afterResponse,
        holdOutput,
      };
      let result: unknown;
      try {
        result = await this.dispatch(request, ctx);
      } catch (e) {
        if (holds) this.hold.failed();
        throw e;
      }
      // Released when this very result is written (the peer writes the object we return).
      if (holds) this.hold.settled(result);
      return result;
    } finally {
      this.inFlight--;
    }
  }

  private dispatch(request: Exclude<ClientRequest, { method: 'initialize' }>, ctx: RequestContext): Promise<unknown> {
    // The union's method and params belong together (the peer validated them against the table).
    const dispatch = this.host.dispatch.bind(this.host) as (
      method: HandledMethod,
      params: unknown,
      ctx: RequestContext,
    ) => Promise<unknown>;
    return dispatch(request.method, request.params, ctx);
  }
}

/**
 * Before the schema: a huge string is refused without zod (or a store) ever looking at it.
 * Failures are -32602, naming the field.
 */
function checkStringLimits(method: string, raw: unknown): void {
  const oversized = oversizedString(raw);
  if (!oversized) return;
  throw invalidParams(
    `Invalid params for ${method}: ${oversized.path} is ${oversized.length} characters long; the limit is ${oversized.limit}`,
    {
      field: oversized.path,
      limit: oversized.limit,
    },
  );
}
