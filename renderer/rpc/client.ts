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

export class TandemClient {
  private readonly rpc: MessageConnection;
  private readonly listeners = new Set<(n: ServerNotification) => void>();
  private approvalHandler: ((a: Approval) => Promise<unknown>) | undefined;

  constructor(channel: FrameChannel) {
    const { reader, writer } = frameTransport(channel);
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

  /** The handshake; returns the server's answer (its home folder identifies it). */
  async initialize(): Promise<ClientRequestResult<'initialize'>> {
    // Experimental API: long threads open a page of turns at a time (`thread/turns/list`).
    const result = await this.request('initialize', { clientInfo: { name: 'tandem-ui', title: 'Tandem', version: '0.1.0' }, capabilities: { experimentalApi: true } });
    await this.rpc.sendNotification('initialized');
    return result;
  }

  dispose(): void {
    this.rpc.dispose();
  }
}
