/**
 * One end of a JSON-RPC 2.0 connection, either end: it asks (choosing the ids, matching the
 * answers, validating them), answers (handlers get `{ id, signal }`; answers may also come later,
 * through `respond`), and notifies, all typed by the method tables it is given. Server and
 * renderer both use it, over the frame reader and writer (frames.ts): vscode-jsonrpc's message
 * connection is not used, because each end needed what it does not offer — ids of our own
 * choosing, requests answered outside a handler, notifications without a promise each.
 */
import {
  ResponseError,
  type Message,
  type MessageReader,
  type MessageWriter,
  type NotificationMessage,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-jsonrpc';
import { z } from 'zod';
import { errorResponse } from './envelope';
import { ErrorCode, invalidParams, methodNotFound } from './errors';

export type RequestId = number | string;
type RequestTable = Readonly<Record<string, { params: z.ZodType; result: z.ZodType }>>;
type NotificationTable = Readonly<Record<string, z.ZodType>>;
/** The methods one direction carries: requests and notifications. */
export interface Direction {
  requests: RequestTable;
  notifications: NotificationTable;
}

type MethodOf<T> = keyof T & string;
/** A request of a table as a value: method and params kept together and typed. */
type RequestOf<T extends RequestTable> = {
  [M in MethodOf<T>]: { method: M; params: z.infer<T[M]['params']> };
}[MethodOf<T>];
export type NotificationOf<T extends NotificationTable> = {
  [M in MethodOf<T>]: { method: M; params: z.infer<T[M]> };
}[MethodOf<T>];
type ParamsOf<T extends RequestTable, M extends MethodOf<T>> = z.infer<T[M]['params']>;
type ResultOf<T extends RequestTable, M extends MethodOf<T>> = z.infer<T[M]['result']>;

/** What a handler of an incoming request gets besides the request. */
export interface IncomingContext {
  readonly id: RequestId;
  /** Aborted when the other side cancels the request (`$/cancelRequest`) or the peer is disposed. */
  readonly signal: AbortSignal;
  /** Run `fn` right after the success response is handed to the transport (so it follows in the same write). */
  afterResponse(fn: () => void): void;
}

/**
 * Handles an incoming request whose params validated. A returned promise is the answer; returning
 * nothing leaves the request open until `respond` or `respondError` names its id.
 */
export type RequestHandler<T extends RequestTable> = (
  request: RequestOf<T>,
  ctx: IncomingContext,
) => Promise<unknown> | void;

/** Why one of our requests has no usable answer (an error answer rejects with a ResponseError). */
export class RequestFailed extends Error {
  constructor(
    readonly reason: 'closed' | 'withdrawn' | 'invalidAnswer',
    message: string,
    /** For an invalid answer: what did not fit. */
    readonly detail = '',
  ) {
    super(message);
  }
}

/**
 * How the peer's messages reach the transport; each defaults to the writer. An owner that holds
 * or queues output (the server) routes them itself, keeping the order it is handed them in.
 */
export interface PeerOutput {
  response(message: ResponseMessage): Promise<void>;
  request(message: RequestMessage): Promise<void>;
  /** Nothing waits on a notification: no promise per message on a stream of thousands. */
  notification(message: NotificationMessage): void;
}

export interface PeerOptions<In extends Direction, Out extends Direction> {
  /** What the other side may send us. */
  incoming: In;
  /** What we may send. */
  outgoing: Out;
  output?: Partial<PeerOutput>;
  /**
   * Checks an incoming request must pass before its params are validated (an initialize gate, an
   * in-flight bound): throw a ResponseError to refuse it.
   */
  admit?: (method: MethodOf<In['requests']>, params: unknown) => void;
  /** Runs the moment the answer to one of our requests is read, before its promise settles. */
  onAnswer?: (id: number) => void;
  /** An incoming notification that did not fit its schema (it is dropped). */
  onInvalidNotification?: (method: string, error: z.ZodError) => void;
  /** What the peer has to say about the other side's mistakes and the transport's errors. */
  log?: (message: string) => void;
  /** Our pending requests fail with this once the connection is gone. */
  closedMessage?: string;
}

interface Incoming {
  controller: AbortController;
  after: Array<() => void>;
  /** The response was handed to the transport (its write may not have finished). */
  answered: boolean;
}

interface Outgoing {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** After the current macrotask (one request handled per macrotask). */
const later: (fn: () => void) => void = (() => {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  return immediate ? (fn) => void immediate(fn) : (fn) => void setTimeout(fn, 0);
})();

const CANCEL = '$/cancelRequest';

export class RpcPeer<In extends Direction, Out extends Direction> {
  /**
   * Incoming requests not yet answered (or whose answer is still being written), by String(id):
   * a request reusing the id of one in flight is refused, and `1` and `"1"` count as the same id
   * (as they always did here, and as vscode-jsonrpc keys them).
   */
  private readonly incoming = new Map<string, Incoming>();
  private readonly drainWaiters = new Set<() => void>();
  private readonly outgoing = new Map<number, Outgoing>();
  private nextId = 0;
  private handler: RequestHandler<In['requests']> | undefined;
  private readonly notificationListeners = new Set<(n: NotificationOf<In['notifications']>) => void>();
  private readonly closeListeners = new Set<() => void>();
  private readonly errorListeners = new Set<(error: Error) => void>();
  private readonly output: PeerOutput;
  private closed = false;
  private disposed = false;
  private readonly queue: Array<() => void> = [];
  private pumping = false;

  constructor(
    private readonly transport: { reader: MessageReader; writer: MessageWriter },
    private readonly options: PeerOptions<In, Out>,
  ) {
    const writer = transport.writer;
    this.output = {
      response: options.output?.response ?? ((m) => writer.write(m)),
      request: options.output?.request ?? ((m) => writer.write(m)),
      notification: options.output?.notification ?? ((m) => void writer.write(m).catch(() => undefined)),
    };
    const onError = (error: Error): void => {
      for (const l of this.errorListeners) l(error);
    };
    transport.reader.onError(onError);
    transport.writer.onError(([error]) => onError(error));
    transport.reader.onClose(() => this.close());
    transport.writer.onClose(() => this.close());
    transport.reader.listen((message) => this.receive(message));
  }

  /** Handle incoming requests (one handler; a later call replaces it). */
  onRequest(handler: RequestHandler<In['requests']>): void {
    this.handler = handler;
  }

  /** Incoming notifications, validated, delivered synchronously as each is read. */
  onNotification(listener: (n: NotificationOf<In['notifications']>) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  /** The other side went away (our input ended); pending requests have failed by now. */
  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  /** A transport error (a failed read or write). */
  onError(listener: (error: Error) => void): void {
    this.errorListeners.add(listener);
  }

  /**
   * Ask the other side. The id is ours, returned at once (so that it can be named, e.g. in
   * `serverRequest/resolved`); the result is validated with the method's schema.
   */
  request<M extends MethodOf<Out['requests']>>(
    method: M,
    params: ParamsOf<Out['requests'], M>,
  ): { id: number; result: Promise<ResultOf<Out['requests'], M>> } {
    const id = this.nextId++;
    const result = new Promise<ResultOf<Out['requests'], M>>((resolve, reject) => {
      if (this.closed) {
        reject(this.closedError());
        return;
      }
      this.outgoing.set(id, { method, resolve: resolve as (value: unknown) => void, reject });
      this.output
        .request({ jsonrpc: '2.0', id, method, params } as RequestMessage)
        .catch(() => this.fail(id, this.closedError()));
    });
    return { id, result };
  }

  /** Stop waiting for the answer to one of our requests: it rejects with reason `withdrawn`. */
  withdraw(id: number): void {
    this.fail(id, new RequestFailed('withdrawn', 'withdrawn'));
  }

  /** Send a notification: handed to the output directly, nothing to wait for. */
  notify<M extends MethodOf<Out['notifications']>>(method: M, params: z.infer<Out['notifications'][M]>): void {
    this.output.notification({ jsonrpc: '2.0', method, params } as NotificationMessage);
  }

  /** Answer an incoming request. False when it is not open (answered already, or never received). */
  respond<M extends MethodOf<In['requests']>>(id: RequestId, result: ResultOf<In['requests'], M>): boolean {
    const request = this.openRequest(id);
    if (!request) return false;
    this.answer(id, request, { jsonrpc: '2.0', id, result: result === undefined ? null : result });
    return true;
  }

  /** Answer an incoming request with an error. */
  respondError(id: RequestId, error: ResponseError<unknown>): boolean {
    const request = this.openRequest(id);
    if (!request) return false;
    request.after = []; // announcements are for what succeeded
    this.answer(id, request, { jsonrpc: '2.0', id, error: error.toJson() });
    return true;
  }

  /** Resolves when every request received so far has been answered and its announcements made. */
  drained(): Promise<void> {
    if (this.isDrained()) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.add(resolve));
  }

  /** Stop: pending requests fail, handlers' signals abort, the reader and writer are let go. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.close();
    for (const r of this.incoming.values()) r.controller.abort();
    this.transport.writer.dispose();
    this.transport.reader.dispose();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const id of [...this.outgoing.keys()]) this.fail(id, this.closedError());
    for (const l of this.closeListeners) l();
  }

  private closedError(): RequestFailed {
    return new RequestFailed('closed', this.options.closedMessage ?? 'connection closed');
  }

  private receive(message: Message): void {
    // The frame reader (envelope.ts) passes only well-formed messages: a method with an optional
    // valid id (a request or a notification), or an id with a result or an error (a response).
    const m = message as {
      id?: RequestId | null;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: { code?: unknown; message?: unknown; data?: unknown } | null;
    };
    if (typeof m.method === 'string') {
      if (m.id === undefined || m.id === null) this.receiveNotification(m.method, m.params);
      else this.receiveRequest(m.id, m.method, m.params);
      return;
    }
    this.receiveAnswer(m);
  }

  private receiveNotification(method: string, params: unknown): void {
    if (method === CANCEL) {
      const id = (params as { id?: unknown } | null)?.id;
      if (typeof id === 'number' || typeof id === 'string') this.incoming.get(String(id))?.controller.abort();
      return;
    }
    const table = this.options.incoming.notifications;
    if (!Object.hasOwn(table, method)) return; // a newer peer's extra notifications; JSON-RPC forbids an answer
    const schema: z.ZodType = table[method] as z.ZodType;
    const parsed = schema.safeParse(params);
    if (!parsed.success) {
      this.options.onInvalidNotification?.(method, parsed.error);
      return;
    }
    const n = { method, params: parsed.data } as NotificationOf<In['notifications']>;
    for (const l of this.notificationListeners) l(n);
  }

  private receiveRequest(id: RequestId, method: string, raw: unknown): void {
    const key = String(id);
    if (this.incoming.has(key)) {
      const message = `Duplicate request id ${JSON.stringify(id)}: a request with this id is still in flight`;
      this.output
        .response(errorResponse(id, ErrorCode.DuplicateRequestId, message, { reason: 'duplicateRequestId' }))
        .catch(() => undefined);
      return;
    }
    const request: Incoming = { controller: new AbortController(), after: [], answered: false };
    this.incoming.set(key, request);
    this.enqueue(() => this.dispatch(id, method, raw, request));
  }

  /**
   * Requests are handled one per macrotask, in the order received (as vscode-jsonrpc did): what
   * an earlier answer scheduled (its afterResponse announcements) runs before a later request
   * is looked at, and a burst of requests is taken in step with the work it causes.
   */
  private enqueue(job: () => void): void {
    this.queue.push(job);
    if (this.pumping) return;
    this.pumping = true;
    later(() => this.pump());
  }

  private pump(): void {
    if (this.disposed) {
      this.queue.length = 0; // a disposed peer answers nothing more
      return;
    }
    this.queue.shift()?.();
    if (this.queue.length > 0) later(() => this.pump());
    else this.pumping = false;
  }

  private dispatch(id: RequestId, method: string, raw: unknown, request: Incoming): void {
    let answer: Promise<unknown> | void;
    try {
      const table = this.options.incoming.requests;
      if (!Object.hasOwn(table, method)) throw methodNotFound(method);
      this.options.admit?.(method, raw);
      const params = parseParams(method, table[method]?.params as z.ZodType, raw);
      if (!this.handler) throw new ResponseError(ErrorCode.InternalError, `No one here answers ${method}`);
      const ctx: IncomingContext = {
        id,
        signal: request.controller.signal,
        afterResponse: (fn) => request.after.push(fn),
      };
      answer = this.handler({ method, params } as RequestOf<In['requests']>, ctx);
    } catch (e) {
      this.respondError(id, asResponseError(e, method));
      return;
    }
    if (!(answer instanceof Promise)) return; // answered later, through respond
    answer.then(
      (result) => this.respond(id, result as ResultOf<In['requests'], MethodOf<In['requests']>>),
      (e: unknown) => this.respondError(id, asResponseError(e, method)),
    );
  }

  private openRequest(id: RequestId): Incoming | undefined {
    const request = this.incoming.get(String(id));
    return request && !request.answered ? request : undefined;
  }

  private answer(id: RequestId, request: Incoming, message: ResponseMessage): void {
    request.answered = true;
    const key = String(id);
    const done = (): void => {
      if (this.incoming.get(key) === request) this.incoming.delete(key);
      this.checkDrained();
    };
    this.output.response(message).then(done, done);
    // Right behind the response, in the same write: what waits for the response's write (a
    // session draining before exit) then has its announcements out too.
    for (const fn of request.after) fn();
  }

  private receiveAnswer(m: {
    id?: RequestId | null;
    result?: unknown;
    error?: { code?: unknown; message?: unknown; data?: unknown } | null;
  }): void {
    if (m.id === null || m.id === undefined) {
      this.options.log?.(`received a response without an id: ${JSON.stringify(m.error ?? null)}`);
      return;
    }
    // Our ids are numbers: "0" is not an answer to 0.
    const pending = typeof m.id === 'number' ? this.outgoing.get(m.id) : undefined;
    if (!pending || typeof m.id !== 'number') return;
    this.outgoing.delete(m.id);
    this.options.onAnswer?.(m.id);
    if (!('result' in m)) {
      const e = m.error;
      if (e && typeof e === 'object')
        pending.reject(
          new ResponseError(typeof e.code === 'number' ? e.code : ErrorCode.InternalError, String(e.message), e.data),
        );
      else pending.reject(new Error('The received response has neither a result nor an error property.'));
      return;
    }
    const schema: z.ZodType = this.options.outgoing.requests[pending.method]?.result as z.ZodType;
    const parsed = schema.safeParse(m.result);
    if (parsed.success) pending.resolve(parsed.data);
    else {
      const detail = z.prettifyError(parsed.error);
      pending.reject(
        new RequestFailed(
          'invalidAnswer',
          `The answer to ${pending.method} did not fit the protocol: ${detail}`,
          detail,
        ),
      );
    }
  }

  private fail(id: number, error: Error): void {
    const pending = this.outgoing.get(id);
    if (!pending) return;
    this.outgoing.delete(id);
    pending.reject(error);
  }

  private isDrained(): boolean {
    return this.incoming.size === 0;
  }

  private checkDrained(): void {
    if (!this.isDrained()) return;
    const waiters = [...this.drainWaiters];
    this.drainWaiters.clear();
    for (const w of waiters) w();
  }
}

/** Validate params with the method's schema; failures are -32602 with zod's issues in `data`. */
function parseParams(method: string, schema: z.ZodType, raw: unknown): unknown {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw invalidParams(`Invalid params for ${method}: ${z.prettifyError(parsed.error)}`, {
    issues: parsed.error.issues,
  });
}

/** A thrown value as the error to answer with (the wording vscode-jsonrpc used, which clients may know). */
function asResponseError(e: unknown, method: string): ResponseError<unknown> {
  if (e instanceof ResponseError) return e as ResponseError<unknown>;
  const message = (e as { message?: unknown } | null)?.message;
  if (typeof message === 'string')
    return new ResponseError(ErrorCode.InternalError, `Request ${method} failed with message: ${message}`);
  return new ResponseError(
    ErrorCode.InternalError,
    `Request ${method} failed unexpectedly without providing any details.`,
  );
}
