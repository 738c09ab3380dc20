/**
 * The app server core: owns the thread store, the threads loaded in memory and the client
 * connections, and routes notifications to them. Transport-agnostic: a transport hands it a
 * reader/writer pair per client.
 */
import { arch, platform } from 'node:os';
import type { ServerNotification, ServerRequestMethod, ServerRequestParams, ServerRequestResult } from '../../protocol/methods';
import type { MessageTransport } from '../../protocol/rpc/frames';
import { threadNotFound } from '../../protocol/rpc/errors';
import type { InitializeResponse } from '../../protocol/schema/initialize';
import type { Thread, ThreadStatus } from '../../protocol/schema/thread';
import { ServerConnection, type ConnectionHost } from './connection';
import type { Handler, HandledMethod, HandlerTable } from './handler';
import { KeyedQueue } from './keyed-queue';
import type { TurnJournal } from '../agent/turn-journal';
import { changesHandlers } from './handlers/changes-handlers';
import { folderHandlers } from './handlers/folder-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { threadHandlers } from './handlers/thread-handlers';
import { turnHandlers } from './handlers/turn-handlers';
import type { Logger } from './log';
import { DEFAULT_MAX_IN_FLIGHT, type ServerOptions } from './options';
import { LoadedThread, type PendingAsk } from './threads/loaded-thread';
import { applyToMeta, applyToTurns, type ChangeRecord, type ThreadMeta, type ThreadState } from './threads/records';
import { isValidThreadId, ThreadStore } from './threads/thread-store';
import { toWireThread } from './threads/wire';
import { turnJournal } from './threads/turn-journal';
import { cleanLeftTemps, TempJournal } from '../tools/temp-journal';

/** How long shutting down waits for running turns to record that they stopped. */
const SHUTDOWN_TURNS_MS = 3_000;

export class AppServer implements ConnectionHost {
  readonly store: ThreadStore;
  readonly log: Logger;
  readonly maxInFlightRequests: number;
  private readonly connections = new Set<ServerConnection>();
  private readonly loaded = new Map<string, LoadedThread>();
  private readonly loading = new Map<string, Promise<LoadedThread>>();
  private readonly locks = new KeyedQueue();
  private readonly handlers: HandlerTable;
  /** This process's list of temporary files in flight (revert, apply_patch). */
  readonly temps: TempJournal;

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
    this.handlers = { ...threadHandlers(this), ...turnHandlers(this), ...folderHandlers(), ...settingsHandlers(this), ...changesHandlers(this) };
  }

  /** Serve one client over a transport. */
  connect(transport: MessageTransport): ServerConnection {
    const connection = new ServerConnection(this, transport);
    this.connections.add(connection);
    return connection;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  initialize(): InitializeResponse {
    const os = platform();
    return {
      codexHome: this.options.home,
      platformFamily: os === 'win32' ? 'windows' : 'unix',
      platformOs: os === 'darwin' ? 'macos' : os === 'win32' ? 'windows' : os,
      userAgent: `tandem/${this.options.version} (${os} ${arch()}; node ${process.versions.node})`,
    };
  }

  handler<M extends HandledMethod>(method: M): Handler<M> {
    return this.handlers[method];
  }

  detach(connection: ServerConnection): void {
    this.connections.delete(connection);
    for (const thread of this.loaded.values()) thread.subscribers.delete(connection);
  }

  /** To every initialized connection: thread lifecycle events every sidebar wants. */
  broadcast(notification: ServerNotification): void {
    for (const c of this.connections) c.notify(notification);
  }

  /** To the connections following a thread. */
  publish(thread: LoadedThread, notification: ServerNotification): void {
    for (const c of this.connections) if (thread.subscribers.has(c)) c.notify(notification);
  }

  getLoaded(id: string): LoadedThread | undefined {
    return this.loaded.get(id);
  }

  /** Hold a thread in memory (just created, or read from disk). */
  adopt(state: ThreadState): LoadedThread {
    const thread = new LoadedThread(state);
    this.loaded.set(thread.id, thread);
    return thread;
  }

  /** The loaded thread, loading it from disk first if needed. */
  async load(id: string): Promise<LoadedThread> {
    const existing = this.loaded.get(id);
    if (existing) return existing;
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.store.require(id).then((state) => this.loaded.get(id) ?? this.adopt(state));
      this.loading.set(id, pending);
      void pending.finally(() => this.loading.delete(id)).catch(() => undefined);
    }
    return pending;
  }

  /** A thread's metadata from memory or the index, without reading its file. */
  async meta(id: string): Promise<ThreadMeta> {
    const loaded = this.loaded.get(id);
    if (loaded) return loaded.state.meta;
    const meta = isValidThreadId(id) ? (await this.store.index()).get(id) : undefined;
    if (!meta) throw threadNotFound(id);
    return meta;
  }

  statusOf(id: string): ThreadStatus {
    return this.loaded.get(id)?.status ?? { type: 'notLoaded' };
  }

  /**
   * Record changes to a thread: fsynced to disk (unless ephemeral), then applied in memory.
   * A thread being loaded right now gets them once its load finishes: its file was read before
   * this append (reads and appends of one thread are serialised), so nothing is applied twice.
   */
  async record(id: string, given: ChangeRecord[]): Promise<void> {
    const loadedNow = this.loaded.get(id);
    const loading = loadedNow ? undefined : this.loading.get(id);
    // Whole files (baselines, reverts) go out of line first: neither the file nor memory holds them.
    const records = loadedNow?.state.meta.ephemeral ? given : await this.store.blobs.outOfLine(given);
    if (!loadedNow?.state.meta.ephemeral) await this.store.append(id, records);
    const target = loadedNow ?? (loading ? await loading.catch(() => undefined) : undefined);
    if (target) {
      for (const r of records) {
        applyToMeta(target.state.meta, r);
        applyToTurns(target.state.turns, r, target.state.history, target.state.baselines, target.state.changeLog);
      }
    }
  }

  /** Run `work` alone among this thread's check-then-act operations (archive, rename, resume). */
  exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(id, work);
  }

  /** What a running turn of `thread` uses to reach disk and clients. */
  turnHost(thread: LoadedThread): TurnJournal {
    return turnJournal({
      threadId: thread.id,
      log: this.log,
      publish: (n) => {
        thread.live.fold(n);
        this.publish(thread, n);
      },
      record: (records) => this.record(thread.id, records),
      setStatus: (status) => this.setStatus(thread, status),
      ask: (method, params, signal) => this.askClients(thread, method, params, signal),
      offerChanges: (itemId, files) => {
        if (files) thread.pendingChanges.set(itemId, files);
        else thread.pendingChanges.delete(itemId);
      },
      addUsage: (last) => {
        const t = thread.tokenTotal;
        thread.tokenTotal = {
          inputTokens: t.inputTokens + last.inputTokens,
          cachedInputTokens: t.cachedInputTokens + last.cachedInputTokens,
          outputTokens: t.outputTokens + last.outputTokens,
          reasoningOutputTokens: t.reasoningOutputTokens + last.reasoningOutputTokens,
          totalTokens: t.totalTokens + last.totalTokens,
        };
        return thread.tokenTotal;
      },
    });
  }

  /**
   * Follow a thread: its notifications reach `connection`, and so does every approval still
   * pending (again, to a client that follows it already but holds no live copy of the request).
   */
  subscribe(thread: LoadedThread, connection: ServerConnection): void {
    thread.subscribers.add(connection);
    if (connection.isInitialized) for (const pending of thread.pendingAsks) pending.join(connection);
  }

  /**
   * Ask every client following the thread, and each that starts following it while we wait (a
   * reload, a reconnect, a second window): the first valid answer wins, and every asked client
   * is told the request is resolved. A client that leaves (or answers with an error) decides
   * nothing: the approval stays pending, with the thread waitingOnApproval, for the next client.
   * Null only when `signal` aborts (turn/interrupt) or the server shuts down: then nothing runs.
   */
  async askClients<M extends ServerRequestMethod>(
    thread: LoadedThread,
    method: M,
    params: ServerRequestParams<M>,
    signal: AbortSignal,
  ): Promise<ServerRequestResult<M> | null> {
    if (signal.aborted) return null;
    const asks: Array<{ connection: ServerConnection; id: number; live: boolean }> = [];
    thread.pendingApprovals++;
    this.setStatus(thread, { type: 'active', activeFlags: ['waitingOnApproval'] });
    let pending!: PendingAsk;
    let onAbort = (): void => {};
    const answer = await new Promise<ServerRequestResult<M> | null>((resolve) => {
      pending = {
        join: (connection) => {
          // One live copy per client; the same params each time, so a re-sent request names the same item.
          if (asks.some((a) => a.connection === connection && a.live)) return;
          const ask = connection.request(method, params);
          const entry = { connection, id: ask.id, live: true };
          asks.push(entry);
          void ask.result.then((r) => {
            entry.live = false;
            if (r.ok) resolve(r.value);
          });
        },
        cancel: () => resolve(null),
      };
      // Removed once answered: a turn asks many times, and its signal lives as long as the turn.
      onAbort = () => resolve(null);
      signal.addEventListener('abort', onAbort, { once: true });
      thread.pendingAsks.add(pending);
      for (const c of this.connections) if (thread.subscribers.has(c) && c.isInitialized) pending.join(c);
    });
    signal.removeEventListener('abort', onAbort);
    thread.pendingAsks.delete(pending);
    for (const ask of asks) {
      ask.connection.withdraw(ask.id);
      ask.connection.notify({ method: 'serverRequest/resolved', params: { threadId: thread.id, requestId: ask.id } });
    }
    thread.pendingApprovals--;
    if (thread.activeTurn && !thread.activeTurn.isFinished) {
      this.setStatus(thread, { type: 'active', activeFlags: thread.pendingApprovals > 0 ? ['waitingOnApproval'] : [] });
    }
    return answer;
  }

  setStatus(thread: LoadedThread, status: ThreadStatus): void {
    thread.status = status;
    this.broadcast({ method: 'thread/status/changed', params: { threadId: thread.id, status } });
  }

  wireThread(meta: ThreadMeta, state: { turns: ThreadState['turns'] } | null): Thread {
    return toWireThread(meta, state?.turns ?? [], this.statusOf(meta.id), this.store.pathOf(meta.id));
  }

  /**
   * Shut down: pending approvals end unanswered (nothing they ask for runs), running turns stop
   * and record their end (for a while at most), then every connection closes and writes finish.
   */
  async dispose(): Promise<void> {
    const running: Promise<void>[] = [];
    for (const thread of this.loaded.values()) {
      for (const pending of [...thread.pendingAsks]) pending.cancel();
      if (thread.activeTurn) {
        thread.activeTurn.interrupt();
        running.push(thread.activeTurn.done);
      }
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(running), new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_TURNS_MS)))]);
    clearTimeout(timer);
    for (const c of [...this.connections]) c.dispose();
    await this.store.flush();
  }
}
