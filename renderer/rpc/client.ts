/**
 * The renderer's protocol client: vscode-jsonrpc over a frame channel, typed by the method
 * tables. Every server message is validated with the protocol's schemas before the UI sees it.
 */
import { createMessageConnection, Message, type DataCallback, type MessageConnection } from 'vscode-jsonrpc/browser';
import {
  clientRequests,
  isServerNotificationMethod,
  serverNotifications,
  type ClientRequestMethod,
  type ClientRequestParams,
  type ClientRequestResult,
  type ServerNotification,
} from '../../protocol/methods';
import { frameTransport, type FrameChannel } from '../../protocol/rpc/frames';
import { isApprovalMethod, type Approval } from '../state/approvals';
import { CommandExecutionRequestApprovalParams, FileChangeRequestApprovalParams } from '../../protocol/schema/approval';

/** Ids of requests answered in order with notifications (vscode-jsonrpc's own ids are numbers). */
const ORDERED_ID = 'ordered-';

export class TandemClient {
  private readonly rpc: MessageConnection;
  private readonly listeners = new Set<(n: ServerNotification) => void>();
  private readonly beforeOrdered = new Set<() => void>();
  private approvalHandler: ((a: Approval) => Promise<unknown>) | undefined;
  private readonly writer: ReturnType<typeof frameTransport>['writer'];
  private readonly ordered = new Map<string, { settle: (message: { result?: unknown; error?: { message?: unknown } }) => void }>();
  private nextOrdered = 0;

  constructor(channel: FrameChannel) {
    const { reader, writer } = frameTransport(channel);
    this.writer = writer;
    // Approvals are answered here rather than through vscode-jsonrpc, because the UI needs each
    // request's own id: `serverRequest/resolved` names it when the approval is settled elsewhere.
    const listen = reader.listen.bind(reader);
    reader.listen = (callback: DataCallback) =>
      listen((message) => {
        // Notifications straight to the listeners: vscode-jsonrpc would queue each one and hand it
        // over a microtask later, which shows when thousands a second stream in. (The app applies
        // them once a frame, so a response before them still takes effect first.)
        if (Message.isNotification(message)) {
          this.deliver(message.method, message.params);
          return;
        }
        if (Message.isResponse(message) && typeof message.id === 'string' && this.ordered.has(message.id)) {
          const pending = this.ordered.get(message.id);
          this.ordered.delete(message.id);
          for (const l of this.beforeOrdered) l();
          pending?.settle(message as { result?: unknown; error?: { message?: unknown } });
          return;
        }
        if (Message.isRequest(message) && isApprovalMethod(message.method) && message.id !== null) {
          void this.answerApproval(message.id, message.method, message.params).then(
            (result) => writer.write({ jsonrpc: '2.0', id: message.id, result } as Message),
            (e: unknown) => writer.write({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: e instanceof Error ? e.message : String(e) } } as Message),
          );
          return;
        }
        callback(message);
      });
    this.rpc = createMessageConnection(reader, writer);
    this.rpc.onClose(() => this.failOrdered());
    this.rpc.listen();
  }

  /** A server notification, validated, to every listener. */
  private deliver(method: string, params: unknown): void {
    if (!isServerNotificationMethod(method)) return; // a newer server's extra notifications
    const parsed = serverNotifications[method].safeParse(params);
    if (!parsed.success) {
      console.error(`tandem: dropped an invalid ${method}`, parsed.error.issues);
      return;
    }
    const n = { method, params: parsed.data } as ServerNotification;
    for (const l of this.listeners) l(n);
  }

  private async answerApproval(id: number | string, method: Approval['method'], params: unknown): Promise<unknown> {
    if (!this.approvalHandler) throw new Error('No one can answer approvals here');
    if (method === 'item/commandExecution/requestApproval') {
      const parsed = CommandExecutionRequestApprovalParams.safeParse(params);
      if (!parsed.success) throw new Error(`Invalid ${method}`);
      return this.approvalHandler({ requestId: id, method, params: parsed.data });
    }
    const parsed = FileChangeRequestApprovalParams.safeParse(params);
    if (!parsed.success) throw new Error(`Invalid ${method}`);
    return this.approvalHandler({ requestId: id, method, params: parsed.data });
  }

  async request<M extends ClientRequestMethod>(method: M, params: ClientRequestParams<M>): Promise<ClientRequestResult<M>> {
    const result: unknown = await this.rpc.sendRequest(method, params);
    const parsed = clientRequests[method].result.safeParse(result);
    if (!parsed.success) throw new Error(`The server's answer to ${method} did not fit the protocol`);
    return parsed.data as ClientRequestResult<M>;
  }

  /**
   * A request whose answer takes its place among the notifications: `listener`s registered with
   * `onBeforeOrderedResult` run the moment the response is read (after every notification before
   * it was delivered), and the promise settles before any notification after it can be applied
   * (a microtask, before the next frame). For a snapshot (thread/resume of a running turn) that
   * the stream after it continues: applied in order, nothing is lost or counted twice.
   */
  requestInOrder<M extends ClientRequestMethod>(method: M, params: ClientRequestParams<M>): Promise<ClientRequestResult<M>> {
    const id = `${ORDERED_ID}${this.nextOrdered++}`;
    return new Promise<ClientRequestResult<M>>((resolve, reject) => {
      this.ordered.set(id, {
        settle: (message) => {
          if (message.error) {
            reject(new Error(String(message.error.message)));
            return;
          }
          const parsed = clientRequests[method].result.safeParse(message.result);
          if (parsed.success) resolve(parsed.data as ClientRequestResult<M>);
          else reject(new Error(`The server's answer to ${method} did not fit the protocol`));
        },
      });
      this.writer.write({ jsonrpc: '2.0', id, method, params } as Message).catch((e: unknown) => {
        this.ordered.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });
  }

  /** Runs just before an in-order result is handed over (flush what came before it). */
  onBeforeOrderedResult(listener: () => void): void {
    this.beforeOrdered.add(listener);
  }

  onNotification(listener: (n: ServerNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Approvals: the handler resolves with the decision once the user answers. */
  onApproval(handler: (a: Approval) => Promise<unknown>): void {
    this.approvalHandler = handler;
  }

  onClose(listener: () => void): void {
    this.rpc.onClose(listener);
  }

  /** Requests still waiting for their in-order answer fail once the connection is gone. */
  private failOrdered(): void {
    for (const [id, pending] of this.ordered) {
      this.ordered.delete(id);
      pending.settle({ error: { message: 'Disconnected from the Tandem server' } });
    }
  }

  /** The handshake; returns the server's answer (its home folder identifies it). */
  async initialize(): Promise<ClientRequestResult<'initialize'>> {
    // Experimental API: long threads open a page of turns at a time (`thread/turns/list`).
    const result = await this.request('initialize', { clientInfo: { name: 'tandem-ui', title: 'Tandem', version: '0.1.0' }, capabilities: { experimentalApi: true } });
    await this.rpc.sendNotification('initialized');
    return result;
  }

  dispose(): void {
    this.failOrdered();
    this.rpc.dispose();
  }
}
