/**
 * The renderer's protocol client: the JSON-RPC peer (protocol/rpc/peer.ts) over a frame channel,
 * typed by the method tables. Every server message is validated with the protocol's schemas
 * before the UI sees it.
 */
import type {
  ClientRequestMethod,
  ClientRequestParams,
  ClientRequestResult,
  ServerNotification,
  ServerRequest,
  ServerRequestMethod,
  ServerRequestResult,
} from '../../protocol/methods';
import { clientPeer, type ClientPeer } from '../../protocol/rpc/ends';
import { frameTransport, type FrameChannel } from '../../protocol/rpc/frames';
import type { RequestId } from '../../protocol/rpc/peer';
import { methodNotFound } from '../../protocol/rpc/errors';

export class TandemClient {
  private readonly peer: ClientPeer;
  private readonly beforeOrdered = new Set<() => void>();
  /** Ids of requests whose answers take their place among the notifications. */
  private readonly ordered = new Set<number>();

  constructor(channel: FrameChannel) {
    this.peer = clientPeer(frameTransport(channel), {
      closedMessage: 'Disconnected from the Tandem server',
      onAnswer: (id) => {
        if (this.ordered.delete(id)) for (const l of this.beforeOrdered) l();
      },
      onInvalidNotification: (method, error) => console.error(`tandem: dropped an invalid ${method}`, error.issues),
    });
    this.peer.onClose(() => this.ordered.clear());
  }

  request<M extends ClientRequestMethod>(method: M, params: ClientRequestParams<M>): Promise<ClientRequestResult<M>> {
    return this.peer.request(method, params).result;
  }

  /**
   * A request whose answer takes its place among the notifications: `listener`s registered with
   * `onBeforeOrderedResult` run the moment the response is read (after every notification before
   * it was delivered), and the promise settles before any notification after it can be applied
   * (a microtask, before the next frame). For a snapshot (thread/resume of a running turn) that
   * the stream after it continues: applied in order, nothing is lost or counted twice.
   */
  requestInOrder<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M>,
  ): Promise<ClientRequestResult<M>> {
    const { id, result } = this.peer.request(method, params);
    this.ordered.add(id);
    return result;
  }

  /** Runs just before an in-order result is handed over (flush what came before it). */
  onBeforeOrderedResult(listener: () => void): void {
    this.beforeOrdered.add(listener);
  }

  /** Server notifications, each delivered synchronously as it is read. */
  onNotification(listener: (n: ServerNotification) => void): () => void {
    return this.peer.onNotification(listener);
  }

  /**
   * Server requests (approvals), validated. Each stays open until `respond` answers it by id;
   * the UI keeps it in its state meanwhile, and `serverRequest/resolved` names the id when it was
   * settled elsewhere.
   */
  onRequest(listener: (request: ServerRequest, id: RequestId) => void): void {
    this.peer.onRequest((request, ctx) => {
      listener(request, ctx.id);
    });
  }

  /** Answer a server request. False when it is no longer open (answered, or the connection is gone). */
  respond<M extends ServerRequestMethod>(id: RequestId, result: ServerRequestResult<M>): boolean {
    return this.peer.respond(id, result);
  }

  /** Answer a server request this client does not serve (a call of another client's tool) with an error. */
  refuse(id: RequestId, method: ServerRequestMethod): boolean {
    return this.peer.respondError(id, methodNotFound(method));
  }

  onClose(listener: () => void): void {
    this.peer.onClose(listener);
  }

  /** The handshake; returns the server's answer (its home folder identifies it). */
  async initialize(): Promise<ClientRequestResult<'initialize'>> {
    // Experimental API: long threads open a page of turns at a time (`thread/turns/list`).
    const result = await this.request('initialize', {
      clientInfo: { name: 'tandem-ui', title: 'Tandem', version: '0.1.0' },
      capabilities: { experimentalApi: true },
    });
    this.peer.notify('initialized', undefined);
    return result;
  }

  /** Requests still waiting for their answer fail: the connection is gone. */
  dispose(): void {
    this.peer.dispose();
  }
}
