/**
 * The server core's real parts (hub, registry over a store in a temp home, broker) without a
 * transport, and a client that records what it is sent and answers when the test says.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  ServerNotification,
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from '../../protocol/methods';
import { ApprovalBroker } from '../../main/server/approval-broker';
import type { ClientAnswer, ConnectedClient } from '../../main/server/connected-client';
import { ConnectionHub } from '../../main/server/connection-hub';
import { silentLogger } from '../../main/server/log';
import { DEFAULT_THREAD_SETTINGS } from '../../main/server/options';
import { ThreadRegistry } from '../../main/server/thread-registry';
import { FORMAT_VERSION, type HeaderRecord } from '../../main/server/threads/records';
import { ThreadStore } from '../../main/server/threads/thread-store';

let nextClientId = 1;

interface Asked {
  method: ServerRequestMethod;
  params: unknown;
  settle: (answer: ClientAnswer<ServerRequestMethod>) => void;
}

export class RecordingClient implements ConnectedClient {
  readonly id = nextClientId++;
  readonly experimentalApi = false;
  readonly notifications: ServerNotification[] = [];
  /** Requests not answered or withdrawn yet, by id. */
  readonly open = new Map<number, Asked>();
  readonly withdrawn: number[] = [];
  private nextId = 0;

  constructor(public isInitialized = true) {}

  notify(notification: ServerNotification): void {
    this.notifications.push(notification);
  }

  request<M extends ServerRequestMethod>(
    method: M,
    params: ServerRequestParams<M>,
  ): { id: number; result: Promise<ClientAnswer<M>> } {
    const id = this.nextId++;
    const result = new Promise<ClientAnswer<M>>((resolve) => {
      this.open.set(id, { method, params, settle: resolve as (answer: ClientAnswer<ServerRequestMethod>) => void });
    });
    return { id, result };
  }

  withdraw(id: number): void {
    this.withdrawn.push(id);
    this.settle(id, { ok: false, error: 'withdrawn' });
  }

  answer<M extends ServerRequestMethod>(id: number, value: ServerRequestResult<M>): void {
    this.settle(id, { ok: true, value });
  }

  fail(id: number, error: string): void {
    this.settle(id, { ok: false, error });
  }

  /** Answer with a JSON-RPC error (the client refuses the request). */
  refuse(id: number, error: string): void {
    this.settle(id, { ok: false, error, refused: true });
  }

  dispose(): void {}

  /** The ids of the `serverRequest/resolved` notifications received. */
  get resolved(): Array<string | number> {
    return this.notifications.flatMap((n) => (n.method === 'serverRequest/resolved' ? [n.params.requestId] : []));
  }

  private settle(id: number, answer: ClientAnswer<ServerRequestMethod>): void {
    const asked = this.open.get(id);
    this.open.delete(id);
    asked?.settle(answer);
  }
}

export function coreParts(home: string): {
  store: ThreadStore;
  hub: ConnectionHub;
  registry: ThreadRegistry;
  broker: ApprovalBroker;
} {
  const store = new ThreadStore(home, silentLogger);
  const hub = new ConnectionHub();
  const registry = new ThreadRegistry(store, hub);
  const broker = new ApprovalBroker(hub, registry);
  return { store, hub, registry, broker };
}

export function header(cwd: string): HeaderRecord {
  const id = uuidv7();
  const d = DEFAULT_THREAD_SETTINGS;
  return {
    t: 'thread',
    v: FORMAT_VERSION,
    at: Date.now(),
    id,
    sessionId: id,
    cwd,
    model: d.model,
    modelProvider: d.modelProvider,
    reasoningEffort: d.reasoningEffort,
    approvalPolicy: d.approvalPolicy,
    sandbox: d.sandbox,
    forkedFromId: null,
    cliVersion: '0.0.0-test',
  };
}
