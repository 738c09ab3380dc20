/**
 * A client connection as the server core sees it: what the hub, the approval broker and the
 * handlers use of it. ServerConnection implements it; the core never imports the connection.
 */
import type {
  ServerNotification,
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from '../../protocol/methods';

/**
 * A client's answer to a server → client request: the validated result, or why there is none.
 * `refused`: the client answered with a JSON-RPC error (not: it left, or its answer was invalid).
 */
export type ClientAnswer<M extends ServerRequestMethod> =
  { ok: true; value: ServerRequestResult<M> } | { ok: false; error: string; refused?: boolean };

export interface ConnectedClient {
  readonly id: number;
  /** `initialize` was answered: the client may be sent notifications and requests. */
  readonly isInitialized: boolean;
  /** The client opted into Codex's experimental methods and fields at initialize. */
  readonly experimentalApi: boolean;
  notify(notification: ServerNotification): void;
  /** Ask the client something; `id` names the request in `serverRequest/resolved`. */
  request<M extends ServerRequestMethod>(
    method: M,
    params: ServerRequestParams<M>,
  ): { id: number; result: Promise<ClientAnswer<M>> };
  /** Stop waiting for an answer (another client answered, or the turn ended). */
  withdraw(id: number): void;
  dispose(): void;
}
