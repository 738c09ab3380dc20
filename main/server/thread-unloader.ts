/**
 * Unloading threads no client follows, as Codex does: once the last subscriber left (it
 * unsubscribed, or its connection closed) and a delay passed with the thread idle, it is let go
 * from memory and every client gets `thread/closed`. A running turn keeps it loaded (checked
 * again after another delay); a client following it again in the meantime keeps it too.
 */
import type { ConnectionHub } from './connection-hub';
import type { ThreadRegistry } from './thread-registry';
import type { LoadedThread } from './threads/loaded-thread';

/** Codex 0.169's THREAD_UNLOADING_DELAY. TANDEM_THREAD_UNLOAD_DELAY_MS changes it (tests). */
const DEFAULT_DELAY_MS = 30 * 60 * 1000;

export function unloadDelayMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env.TANDEM_THREAD_UNLOAD_DELAY_MS);
  return env.TANDEM_THREAD_UNLOAD_DELAY_MS !== undefined && Number.isFinite(n) && n >= 0 ? n : DEFAULT_DELAY_MS;
}

export class ThreadUnloader {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly registry: Pick<ThreadRegistry, 'getLoaded' | 'drop'>,
    private readonly hub: Pick<ConnectionHub, 'broadcast'>,
    private readonly delayMs: number,
  ) {}

  /** The thread has no subscriber now: unload it after the delay unless that changes. */
  schedule(thread: LoadedThread): void {
    if (thread.subscribers.size > 0) return;
    clearTimeout(this.timers.get(thread.id));
    const timer = setTimeout(() => this.fire(thread), this.delayMs);
    timer.unref();
    this.timers.set(thread.id, timer);
  }

  /** Forget a thread's pending unload (it was deleted). */
  cancel(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private fire(thread: LoadedThread): void {
    this.timers.delete(thread.id);
    // Replaced (deleted and gone, or loaded afresh) or followed again: nothing to do.
    if (this.registry.getLoaded(thread.id) !== thread || thread.subscribers.size > 0) return;
    if ((thread.activeTurn && !thread.activeTurn.isFinished) || thread.status.type === 'active') {
      this.schedule(thread);
      return;
    }
    this.registry.drop(thread.id);
    this.hub.broadcast({ method: 'thread/closed', params: { threadId: thread.id } });
  }
}
