/**
 * The menu's commands to one window's UI, sent through that window's server connection as the
 * method table types them (`tandem/ui/command`), never written past it. A command chosen while
 * the page is loading (or reloading: a new page is a new connection) is held until the page's
 * connection is initialized, then delivered after the `initialize` answer, in order.
 * Electron-free, so it is tested without Electron.
 */
import type { UiCommandNotification } from '../protocol/schema/tandem';
import type { ServerConnection } from './server/connection';

/** What we need of a connection. */
type CommandConnection = Pick<ServerConnection, 'notify' | 'onInitialized' | 'onDispose'>;

export class WindowCommands {
  /** The current page's connection (attached as it connects, before its `initialize`). */
  private page: CommandConnection | undefined;
  /** Whether the page's `initialize` has been answered. */
  private ready = false;
  private held: UiCommandNotification[] = [];

  /** The window's page has a new connection: a reload's replaces the old page's. */
  attach(connection: CommandConnection): void {
    this.page = connection;
    this.ready = false;
    const current = (): boolean => this.page === connection;
    connection.onInitialized(() => {
      if (!current()) return;
      this.ready = true;
      this.flush();
    });
    connection.onDispose(() => {
      if (!current()) return;
      this.page = undefined;
      this.ready = false;
    });
  }

  send(command: UiCommandNotification): void {
    this.held.push(command);
    this.flush();
  }

  private flush(): void {
    const page = this.page;
    if (!page || !this.ready) return;
    const commands = this.held;
    this.held = [];
    for (const params of commands) page.notify({ method: 'tandem/ui/command', params });
  }
}
