/** The clients connected to the server: who they are, and how a notification reaches them. */
import type { ServerNotification } from '../../protocol/methods';
import type { ConnectedClient } from './connected-client';
import type { LoadedThread } from './threads/loaded-thread';

export class ConnectionHub {
  /** In connection order: every notification reaches clients in the order they connected. */
  private readonly connections = new Set<ConnectedClient>();

  add(connection: ConnectedClient): void {
    this.connections.add(connection);
  }

  remove(connection: ConnectedClient): void {
    this.connections.delete(connection);
  }

  get size(): number {
    return this.connections.size;
  }

  /** To every initialized connection: thread lifecycle events every sidebar wants. */
  broadcast(notification: ServerNotification): void {
    for (const c of this.connections) c.notify(notification);
  }

  /** To the connections following a thread. */
  publish(thread: LoadedThread, notification: ServerNotification): void {
    for (const c of this.connections) if (thread.subscribers.has(c)) c.notify(notification);
  }

  /** The initialized connections following a thread, in connection order: whom an approval asks. */
  *followers(thread: LoadedThread): Iterable<ConnectedClient> {
    for (const c of this.connections) if (thread.subscribers.has(c) && c.isInitialized) yield c;
  }

  /**
   * Follow a thread: its notifications reach `connection`, and so does every approval still
   * pending (again, to a client that follows it already but holds no live copy of the request).
   */
  subscribe(thread: LoadedThread, connection: ConnectedClient): void {
    thread.subscribers.add(connection);
    if (connection.isInitialized) for (const pending of thread.pendingAsks) pending.join(connection);
  }

  /** Close every connection (shutdown). */
  disposeAll(): void {
    for (const c of [...this.connections]) c.dispose();
  }
}
