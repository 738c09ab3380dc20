/**
 * One UI connection on an engine that is not the built-in server (a spawned `codex app-server`,
 * or a Codex-compatible server at a ws:// address): the UI's JSON-RPC messages go to the engine
 * and the engine's come back, untouched — the engine answers the Codex protocol itself, and the
 * renderer validates what it gets. Tandem's own settings (`tandem/settings/*`, where the engine
 * choice lives) are answered by the built-in server, so the user can always switch back; every
 * other `tandem/` extension is refused with a clear error (`notOnThisEngine`), unless the engine
 * is another Tandem (its initialize answer says so), which answers them itself.
 *
 * When the engine cannot be started, or stops before it answered `initialize`, the connection
 * falls back to the built-in server, and the settings it reads say why (`engineProblem`): a
 * wrong command path must never leave the user without the screen that fixes it.
 *
 * One engine per UI connection: Codex's app-server is one client's session (its initialize,
 * its subscriptions, the approvals it asks that client), and a UI has one connection per window.
 */
import type { Message } from 'vscode-jsonrpc';
import type { ServerNotification } from '../../protocol/methods';
import { isTandemExtension } from '../../protocol/methods';
import { notOnThisEngine } from '../../protocol/rpc/errors';
import type { MessageTransport } from '../../protocol/rpc/frames';
import type { Logger } from '../server/log';
import type { EngineLink } from '../transports/engine-links';

/** A JSON-RPC message as it travels: looked at only as far as routing needs. */
interface Raw {
  jsonrpc?: string;
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: unknown;
  emittedAtMs?: number;
}

export interface EngineProxyOptions {
  /** The UI's connection. */
  ui: MessageTransport;
  /** The engine, starting. */
  link: Promise<EngineLink>;
  /** A new connection to the built-in server (for settings, and the fallback). */
  local: () => MessageTransport;
  /** The engine in words, for errors and the log, e.g. "Codex (`codex app-server`)". */
  engineName: string;
  log: Logger;
}

/** The id of the proxy's own `initialize` on its settings connection (the UI's ids never look like it). */
const LOCAL_INIT_ID = 'tandem-engine-proxy:initialize';
const SETTINGS_PREFIX = 'tandem/settings/';

/** Bytes the page may leave unread before the engine is no longer read from, and when reading goes on. */
const PAUSE_BACKLOG_BYTES = 8 * 1024 * 1024;
const RESUME_BACKLOG_BYTES = 1024 * 1024;
const BACKLOG_CHECK_MS = 50;

/** Tandem marks its `initialize` answer (a `tandem` field; older builds a `tandem/…` userAgent). */
function isTandemInitialize(result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false;
  const r = result as { tandem?: unknown; userAgent?: unknown };
  return (
    (r.tandem !== undefined && r.tandem !== null) ||
    (typeof r.userAgent === 'string' && r.userAgent.startsWith('tandem/'))
  );
}

const isRequest = (m: Raw): m is Raw & { method: string; id: string | number } =>
  typeof m.method === 'string' && m.id !== undefined && m.id !== null;

export class EngineProxy {
  private mode: 'starting' | 'engine' | 'fallback' | 'closed' = 'starting';
  /** What the UI sent while the engine was starting. */
  private queue: Raw[] = [];
  /** What went to the engine before it answered `initialize` (replayed on the fallback); then undefined. */
  private replay: Raw[] | undefined = [];
  private initializeId: string | number | undefined;
  private link: EngineLink | undefined;
  /** The built-in server's connection for `tandem/settings/*` while the engine serves the rest. */
  private settings: MessageTransport | undefined;
  /** The built-in server's connection when the engine could not be used. */
  private fallback: MessageTransport | undefined;
  /** Why the fallback is in use. */
  private problem: string | null = null;
  /** Settings requests on the fallback, whose answers get `engineProblem`. */
  private readonly settingsIds = new Set<string>();
  private isInitialized = false;
  /** The engine's `initialize` answer carries Tandem's marker: its extensions (but settings) are its own to answer. */
  private engineIsTandem = false;
  private readonly initializedListeners = new Set<() => void>();
  private readonly disposeListeners = new Set<() => void>();
  /** Set while the engine is not read from because the page is behind. */
  private backlogTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly o: EngineProxyOptions) {
    o.ui.reader.listen((m) => this.fromUi(m as Raw));
    o.ui.reader.onClose(() => this.dispose());
    o.link.then(
      (link) => {
        if (this.mode === 'closed') {
          link.stop();
          return;
        }
        this.link = link;
        this.mode = 'engine';
        link.channel.onFrame((frame) => this.fromEngine(frame));
        link.channel.onClose(() => this.engineClosed());
        for (const m of this.queue.splice(0)) this.toEngineSide(m);
      },
      (e: unknown) => this.startFallback(e instanceof Error ? e.message : String(e), this.queue.splice(0)),
    );
  }

  /** Whether the UI's `initialize` was answered (by the engine, or the fallback). */
  get initialized(): boolean {
    return this.isInitialized;
  }

  /** A notification from the shell itself (the desktop menu's `tandem/ui/command`). */
  notify(notification: ServerNotification): void {
    if (this.mode === 'closed' || !this.isInitialized) return;
    this.toUi({ jsonrpc: '2.0', method: notification.method, params: notification.params });
  }

  onInitialized(listener: () => void): { dispose(): void } {
    this.initializedListeners.add(listener);
    return { dispose: () => this.initializedListeners.delete(listener) };
  }

  onDispose(listener: () => void): { dispose(): void } {
    this.disposeListeners.add(listener);
    return { dispose: () => this.disposeListeners.delete(listener) };
  }

  dispose(): void {
    if (this.mode === 'closed') return;
    this.mode = 'closed';
    clearTimeout(this.backlogTimer);
    this.link?.stop();
    this.settings?.writer.end();
    this.fallback?.writer.end();
    this.o.ui.writer.end();
    for (const l of [...this.disposeListeners]) l();
  }

  private fromUi(m: Raw): void {
    switch (this.mode) {
      case 'starting':
        this.queue.push(m);
        return;
      case 'engine':
        this.toEngineSide(m);
        return;
      case 'fallback':
        this.toFallback(m);
        return;
      case 'closed':
        return;
    }
  }

  /** A UI message while the engine serves: to the engine, to the settings connection, or refused. */
  private toEngineSide(m: Raw): void {
    if (isRequest(m)) {
      if (m.method === 'initialize') this.initializeId = m.id;
      if (m.method.startsWith(SETTINGS_PREFIX)) {
        this.settingsConnection()
          .writer.write(m as Message)
          .catch(() => undefined);
        return;
      }
      if (isTandemExtension(m.method) && !this.engineIsTandem) {
        this.toUi({ jsonrpc: '2.0', id: m.id, error: notOnThisEngine(m.method, this.o.engineName).toJson() });
        return;
      }
    }
    this.replay?.push(m);
    // Codex's own clients send no "jsonrpc" member; neither does the proxy.
    const wire: Raw = { ...m };
    delete wire.jsonrpc;
    this.link?.channel.send(JSON.stringify(wire)).catch(() => undefined);
  }

  private fromEngine(frame: string | { tooLarge: number }): void {
    if (typeof frame !== 'string') {
      this.o.log.warn(`${this.o.engineName} sent a message of ${frame.tooLarge} bytes; dropped`);
      return;
    }
    let m: Raw;
    try {
      m = JSON.parse(frame) as Raw;
    } catch {
      this.o.log.warn(`${this.o.engineName} sent a line that is not JSON; dropped: ${frame.slice(0, 200)}`);
      return;
    }
    if (typeof m !== 'object' || m === null) return;
    const answersInitialize = m.method === undefined && m.id !== undefined && m.id === this.initializeId;
    this.toUi(m);
    this.keepUp();
    if (answersInitialize && this.replay) {
      this.replay = undefined;
      if ('result' in m) {
        this.engineIsTandem = isTandemInitialize(m.result);
        this.markInitialized();
      }
    }
  }

  /**
   * Backpressure: a page that stops reading must not make this process hold all the engine
   * streams meanwhile. The engine is not read from while the page's backlog is high.
   */
  private keepUp(): void {
    const flow = this.o.ui.flow;
    const link = this.link;
    if (!flow || !link || this.backlogTimer !== undefined || flow.backlog() < PAUSE_BACKLOG_BYTES) return;
    link.pause();
    const check = (): void => {
      if (this.mode === 'closed') return;
      if (flow.backlog() > RESUME_BACKLOG_BYTES) {
        this.backlogTimer = setTimeout(check, BACKLOG_CHECK_MS);
        return;
      }
      this.backlogTimer = undefined;
      link.resume();
    };
    this.backlogTimer = setTimeout(check, BACKLOG_CHECK_MS);
  }

  private engineClosed(): void {
    if (this.mode !== 'engine') return;
    const tail = this.link?.stderrTail() ?? '';
    if (this.replay) {
      // It never answered initialize: most likely not a Codex app-server at all.
      const why = `${this.o.engineName} stopped before answering initialize${tail ? `: ${tail}` : ''}`;
      this.startFallback(why, this.replay);
      return;
    }
    this.o.log.warn(`${this.o.engineName} stopped${tail ? `: ${tail}` : ''}; closing the UI's connection`);
    // The page reconnects by itself, and gets a new engine.
    this.dispose();
  }

  private startFallback(problem: string, pending: Raw[]): void {
    if (this.mode === 'closed') return;
    this.link?.stop();
    this.mode = 'fallback';
    this.problem = problem;
    this.o.log.warn(`${problem}; this connection uses the built-in server instead`);
    const local = (this.fallback = this.o.local());
    local.reader.listen((raw) => {
      const m = raw as Raw;
      if (m.method === undefined && m.id !== undefined && m.id !== null && this.settingsIds.delete(String(m.id))) {
        if (typeof m.result === 'object' && m.result !== null)
          m.result = { ...(m.result as object), engineProblem: this.problem };
      }
      this.toUi(m);
      if (m.method === undefined && m.id !== undefined && m.id === this.initializeId && 'result' in m)
        this.markInitialized();
    });
    local.reader.onClose(() => this.dispose());
    this.replay = undefined;
    for (const m of pending) this.toFallback(m);
  }

  private toFallback(m: Raw): void {
    if (isRequest(m)) {
      if (m.method === 'initialize') this.initializeId = m.id;
      if (m.method.startsWith(SETTINGS_PREFIX)) this.settingsIds.add(String(m.id));
    }
    this.fallback?.writer.write(m as Message).catch(() => undefined);
  }

  /** The built-in server's connection for settings, initialized by the proxy itself. */
  private settingsConnection(): MessageTransport {
    if (this.settings) return this.settings;
    const local = (this.settings = this.o.local());
    local.reader.listen((raw) => {
      const m = raw as Raw;
      // Only answers to the UI's requests go back; the built-in server's notifications are not this UI's.
      if (m.method !== undefined || m.id === LOCAL_INIT_ID) return;
      this.toUi(m);
    });
    const init = {
      jsonrpc: '2.0',
      id: LOCAL_INIT_ID,
      method: 'initialize',
      params: { clientInfo: { name: 'tandem-engine-proxy', version: '0' } },
    };
    local.writer.write(init as Message).catch(() => undefined);
    return local;
  }

  private markInitialized(): void {
    if (this.isInitialized) return;
    this.isInitialized = true;
    for (const l of [...this.initializedListeners]) l();
  }

  private toUi(m: Raw): void {
    if (this.mode === 'closed') return;
    // The UI's transport stamps notifications as it writes them.
    delete m.emittedAtMs;
    this.o.ui.writer.write(m as Message).catch(() => undefined);
  }
}
