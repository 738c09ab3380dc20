/** The contract between the connection and the per-family request handlers. */
import type { ClientRequestMethod, ClientRequestParams, ClientRequestResult } from '../../protocol/methods';
import type { ConnectedClient } from './connected-client';

export interface RequestContext {
  connection: ConnectedClient;
  /** Aborted when the client cancels the request (`$/cancelRequest`) or the connection is disposed. */
  signal: AbortSignal;
  /** Run `fn` once the response has been handed to the transport (e.g. to announce what the response created). */
  afterResponse(fn: () => void): void;
  /**
   * From now until this request's response is written, hold back every other message to this
   * client: what the response shows (a thread's live turn) and the stream after it then meet
   * with nothing lost or sent twice, and requests it triggers (a pending approval) follow it.
   */
  holdOutput(): void;
}

type Handler<M extends ClientRequestMethod> = (
  params: ClientRequestParams<M>,
  ctx: RequestContext,
) => Promise<ClientRequestResult<M>>;

/** Every request method but `initialize`, which the connection handles itself. */
export type HandledMethod = Exclude<ClientRequestMethod, 'initialize'>;
export type HandlerTable = { [M in HandledMethod]: Handler<M> };
