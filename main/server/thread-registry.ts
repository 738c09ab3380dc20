/**
 * The threads held in memory, over the thread store: loading and adopting them, their metadata
 * and status, recording their changes (persisted before memory changes), and the per-thread lock
 * that check-then-act requests run under.
 */
import { threadNotFound } from '../../protocol/rpc/errors';
import type { Thread, ThreadStatus } from '../../protocol/schema/thread';
import type { ConnectedClient } from './connected-client';
import type { ConnectionHub } from './connection-hub';
import { KeyedQueue } from './keyed-queue';
import { LoadedThread } from './threads/loaded-thread';
import {
  applyToMeta,
  applyToTurns,
  applyUsage,
  type ChangeRecord,
  type ThreadMeta,
  type ThreadState,
} from './threads/records';
import { isValidThreadId, type ThreadStore } from './threads/thread-store';
import { toWireThread } from './threads/wire';

export class ThreadRegistry {
  private readonly loaded = new Map<string, LoadedThread>();
  private readonly loading = new Map<string, Promise<LoadedThread>>();
  private readonly locks = new KeyedQueue();

  constructor(
    readonly store: ThreadStore,
    private readonly hub: Pick<ConnectionHub, 'broadcast'>,
  ) {}

  getLoaded(id: string): LoadedThread | undefined {
    return this.loaded.get(id);
  }

  /** Every thread held in memory now. */
  loadedThreads(): Iterable<LoadedThread> {
    return this.loaded.values();
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

  /** A thread's state from memory, else read from disk (without holding it). */
  async stateOf(id: string): Promise<ThreadState> {
    return this.loaded.get(id)?.state ?? (await this.store.require(id));
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

  /** Change a loaded thread's status and tell every client. */
  setStatus(thread: LoadedThread, status: ThreadStatus): void {
    thread.status = status;
    this.hub.broadcast({ method: 'thread/status/changed', params: { threadId: thread.id, status } });
  }

  wireThread(meta: ThreadMeta, state: { turns: ThreadState['turns'] } | null): Thread {
    return toWireThread(meta, state?.turns ?? [], this.statusOf(meta.id), this.store.pathOf(meta.id));
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
        applyUsage(target.state, r);
      }
    }
  }

  /** Run `work` alone among this thread's locked requests (the method table's `lock: 'thread'`). */
  exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(id, work);
  }

  /** Hold a thread in memory no more (unloaded, or deleted); a later load reads it from disk. */
  drop(id: string): void {
    this.loaded.delete(id);
  }

  /** A connection that went away follows no thread any more. */
  unsubscribe(connection: ConnectedClient): void {
    for (const thread of this.loaded.values()) thread.subscribers.delete(connection);
  }
}
