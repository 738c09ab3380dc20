/**
 * The app server: the composition root of the core. It builds the parts — the connection hub,
 * the thread registry over the store, the approval broker, the handler table behind the
 * dispatcher — and hands a transport's client to a new connection. Transport-agnostic: a
 * transport hands it a reader/writer pair per client.
 */
import { platform } from 'node:os';
import { CODEX_PROTOCOL_VERSION } from '../../protocol/codex-version';
import type { MessageTransport } from '../../protocol/rpc/frames';
import type { InitializeParams, InitializeResponse } from '../../protocol/schema/initialize';
import { cleanLeftTemps, TempJournal } from '../tools/temp-journal';
import { ApprovalBroker } from './approval-broker';
import { ServerConnection, type ConnectionHost } from './connection';
import { ConnectionHub } from './connection-hub';
import { dispatcher, type Dispatch } from './dispatch';
import { changesHandlers } from './handlers/changes-handlers';
import { configHandlers } from './handlers/config-handlers';
import { folderHandlers } from './handlers/folder-handlers';
import { skillsHandlers } from './handlers/skills-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { searchHandlers } from './handlers/search-handlers';
import { shellCommandHandler, UserShellRuns } from './handlers/shell-command-handler';
import { threadHandlers } from './handlers/thread-handlers';
import { threadLifecycleHandlers } from './handlers/thread-lifecycle-handlers';
import { turnHandlers } from './handlers/turn-handlers';
import { KeyedQueue } from './keyed-queue';
import type { Logger } from './log';
import { DEFAULT_MAX_IN_FLIGHT, type ServerOptions } from './options';
import { ThreadRegistry } from './thread-registry';
import { ThreadUnloader, unloadDelayMs } from './thread-unloader';
import { GitInfoCache } from './threads/git-info';
import { rateLimitsView } from './rate-limits-view';
import { ThreadStore } from './threads/thread-store';
import { turnHost } from './turn-host';
import { userAgent } from './user-agent';

/** How long shutting down waits for running turns to record that they stopped. */
const SHUTDOWN_TURNS_MS = 3_000;

export class AppServer implements ConnectionHost {
  readonly store: ThreadStore;
  readonly log: Logger;
  readonly maxInFlightRequests: number;
  readonly hub = new ConnectionHub();
  readonly registry: ThreadRegistry;
  readonly broker: ApprovalBroker;
  /** This process's list of temporary files in flight (revert, apply_patch). */
  readonly temps: TempJournal;
  readonly dispatch: Dispatch;
  /** Threads no client follows are let go after a while (thread/closed). */
  readonly unloader: ThreadUnloader;
  /** Stops telling clients of rate-limit changes (on dispose). */
  private readonly stopRateLimits: () => void;
  /** The user's own shell commands running now (thread/shellCommand). */
  readonly shellRuns = new UserShellRuns();

  constructor(readonly options: ServerOptions) {
    this.log = options.log;
    this.temps = new TempJournal(options.home);
    // Temporaries a crashed server left in workspaces (it was killed between writing and renaming).
    void cleanLeftTemps(options.home).then(
      (n) => {
        if (n > 0) options.log.info(`removed ${n} temporary file(s) left by a server that stopped mid-write`);
      },
      (e: unknown) => options.log.warn(`could not remove temporary files left by an earlier server: ${String(e)}`),
    );
    this.maxInFlightRequests = options.maxInFlightRequests ?? DEFAULT_MAX_IN_FLIGHT;
    this.store = new ThreadStore(options.home, options.log);
    const { hub, temps } = this;
    const registry = (this.registry = new ThreadRegistry(this.store, hub));
    const broker = (this.broker = new ApprovalBroker(hub, registry));
    const settingsWrites = new KeyedQueue();
    const unloader = (this.unloader = new ThreadUnloader(registry, hub, unloadDelayMs(options.env ?? process.env)));
    // Clients are told the endpoint's limits as each model call states them, as Codex does.
    this.stopRateLimits =
      options.rateLimits?.onChange((seen) =>
        hub.broadcast({
          method: 'account/rateLimits/updated',
          params: { rateLimits: rateLimitsView(seen).rateLimits },
        }),
      ) ?? (() => undefined);
    // One cache for every method that shows a thread's Git facts.
    const gitInfo = new GitInfoCache();
    this.dispatch = dispatcher(
      {
        ...threadHandlers({ registry, hub, options, gitInfo }),
        ...threadLifecycleHandlers({
          registry,
          hub,
          broker,
          gitInfo,
          unloader,
          shellRuns: this.shellRuns,
        }),
        ...searchHandlers({ registry, gitInfo }),
        ...shellCommandHandler({ registry, hub, options, log: this.log, runs: this.shellRuns }),
        ...turnHandlers({
          registry,
          hub,
          options,
          temps,
          turnHost: (thread) => turnHost(thread, { log: this.log, hub, registry, broker }),
          shellRuns: this.shellRuns,
        }),
        ...folderHandlers(),
        ...skillsHandlers({ options }),
        ...settingsHandlers({ options }),
        ...configHandlers({ options }),
        ...changesHandlers({ registry, hub, options, temps }),
      },
      { thread: (id, work) => registry.exclusive(id, work), settings: (work) => settingsWrites.run('settings', work) },
    );
  }

  /** Serve one client over a transport. */
  connect(transport: MessageTransport): ServerConnection {
    const connection = new ServerConnection(this, transport);
    this.hub.add(connection);
    return connection;
  }

  get connectionCount(): number {
    return this.hub.size;
  }

  initialize(params: InitializeParams): InitializeResponse {
    const os = platform();
    return {
      codexHome: this.options.home,
      platformFamily: os === 'win32' ? 'windows' : 'unix',
      platformOs: os === 'darwin' ? 'macos' : os === 'win32' ? 'windows' : os,
      userAgent: userAgent(params.clientInfo, this.options.env ?? process.env),
      tandem: { version: this.options.version, codexProtocolVersion: CODEX_PROTOCOL_VERSION },
    };
  }

  detach(connection: ServerConnection): void {
    this.hub.remove(connection);
    const followed = [...this.registry.loadedThreads()].filter((t) => t.subscribers.has(connection));
    this.registry.unsubscribe(connection);
    // As in Codex, a thread its last client left (by disconnecting) is unloaded after a while too.
    for (const thread of followed) this.unloader.schedule(thread);
  }

  /**
   * Shut down: pending approvals end unanswered (nothing they ask for runs), running turns stop
   * and record their end (for a while at most), then every connection closes and writes finish.
   */
  async dispose(): Promise<void> {
    const running: Promise<void>[] = [];
    this.shellRuns.abortAll();
    for (const thread of this.registry.loadedThreads()) {
      this.broker.cancel(thread);
      if (thread.activeTurn) {
        thread.activeTurn.interrupt();
        running.push(thread.activeTurn.done);
      }
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(running),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_TURNS_MS))),
    ]);
    clearTimeout(timer);
    this.unloader.dispose();
    this.stopRateLimits();
    this.hub.disposeAll();
    await this.store.flush();
  }
}
