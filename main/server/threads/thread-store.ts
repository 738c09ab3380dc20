/**
 * Threads on disk: `<home>/threads/<id>.jsonl`, one append-only file per thread, plus the list
 * index. Appends to one thread are serialised; each resolves only once the record is fsynced.
 */
import { open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, storageFailed, threadNotFound } from '../../../protocol/rpc/errors';
import type { ThreadListParams } from '../../../protocol/schema/thread';
import { KeyedQueue } from '../keyed-queue';
import type { Logger } from '../log';
import { listThreads, type ListPage } from './list-query';
import { applyToMeta, replay, type ChangeRecord, type HeaderRecord, type ThreadState } from './records';
import { appendRecords, createThreadFile, isThreadId, readThreadFile, repairTail } from './thread-file';
import { ThreadIndex } from './thread-index';
import { BlobStore } from './blobs';

/** Told of each write once it is on disk (the search index, once built, keeps up through it). */
export interface ThreadWriteObserver {
  created(state: ThreadState): void;
  appended(id: string, records: ChangeRecord[]): void;
  deleted(id: string): void;
}

export class ThreadStore {
  readonly dir: string;
  /** Large file contents (baselines, reverts), out of line. */
  readonly blobs: BlobStore;
  private indexPromise: Promise<ThreadIndex> | undefined;
  private readonly queues = new KeyedQueue();
  private readonly repaired = new Set<string>();
  /** Set by the search index when a first search builds it; nothing is told before. */
  observer: ThreadWriteObserver | undefined;

  constructor(
    home: string,
    private readonly log: Logger,
  ) {
    this.dir = join(home, 'threads');
    this.blobs = new BlobStore(home);
  }

  /** The index loads once, on first use, so a fresh server answers `initialize` without it. */
  index(): Promise<ThreadIndex> {
    if (!this.indexPromise) {
      const opening = ThreadIndex.open(this.dir, this.log);
      this.indexPromise = opening;
      // A failure (the folder unusable) is reported, and the next call tries again.
      opening.catch(() => {
        if (this.indexPromise === opening) this.indexPromise = undefined;
      });
    }
    return this.indexPromise.catch((e: unknown) => {
      throw storageError(this.log, e);
    });
  }

  pathOf(id: string): string {
    return join(this.dir, `${id}.jsonl`);
  }

  /** Write a new thread's file (header and any copied history) and index it. */
  async create(header: HeaderRecord, history: ChangeRecord[]): Promise<ThreadState> {
    const index = await this.index();
    const bytes = await this.guard(() => createThreadFile(this.pathOf(header.id), [header, ...history]));
    await syncDir(this.dir);
    this.repaired.add(header.id);
    const state = replay(header, history);
    await index.put(state.meta, bytes);
    this.observer?.created(state);
    return state;
  }

  /** Append records to a thread's file (fsynced), then update its index entry. */
  append(id: string, records: ChangeRecord[]): Promise<void> {
    return this.serialise(id, async () => {
      const index = await this.index();
      const path = this.pathOf(id);
      if (!this.repaired.has(id)) {
        await this.guard(() => repairTail(path, this.log));
        this.repaired.add(id);
      }
      const bytes = await this.guard(() => appendRecords(path, records));
      this.observer?.appended(id, records);
      const meta = index.get(id);
      if (meta) {
        const next = { ...meta };
        for (const r of records) applyToMeta(next, r);
        await index.put(next, bytes);
      }
    });
  }

  /** Read a thread in full from disk; undefined when there is no such thread. */
  async read(id: string): Promise<ThreadState | undefined> {
    if (!isThreadId(id)) return undefined;
    // Queued with this thread's appends: a read sees exactly the appends made before it.
    return this.serialise(id, async () => {
      try {
        const parsed = await readThreadFile(this.pathOf(id), this.log);
        return parsed && parsed.header.id === id ? replay(parsed.header, parsed.changes) : undefined;
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw storageError(this.log, e);
      }
    });
  }

  /** Like `read`, but a missing thread is the client's error. */
  async require(id: string): Promise<ThreadState> {
    const state = await this.read(id);
    if (!state) throw threadNotFound(id);
    return state;
  }

  /** Delete a thread's file (queued after its appends) and its index entry; false when there was none. */
  delete(id: string): Promise<boolean> {
    if (!isThreadId(id)) return Promise.resolve(false);
    return this.serialise(id, async () => {
      const index = await this.index();
      index.remove(id);
      this.repaired.delete(id);
      this.observer?.deleted(id);
      try {
        await unlink(this.pathOf(id));
      } catch (e) {
        if (isNotFound(e)) return false;
        throw storageError(this.log, e);
      }
      await syncDir(this.dir);
      return true;
    });
  }

  /**
   * Remove the blobs of a deleted thread that no other thread file names (a fork copies its
   * source's records, blob ids included). Rare: only contents over 64 KiB are blobs.
   */
  async removeUnreferencedBlobs(ids: string[]): Promise<void> {
    const left = new Set(ids);
    for (const name of await readdir(this.dir)) {
      if (left.size === 0) return;
      if (!name.endsWith('.jsonl') || !isThreadId(name.slice(0, -'.jsonl'.length))) continue;
      const text = await readFile(join(this.dir, name), 'utf8').catch(() => '');
      for (const id of [...left]) if (text.includes(id)) left.delete(id);
    }
    for (const id of left) await this.blobs.remove(id);
  }

  async list(params: ThreadListParams): Promise<ListPage> {
    const index = await this.index();
    return listThreads(index.all(), params);
  }

  /** Wait for every pending write. */
  async flush(): Promise<void> {
    await this.queues.idle();
    if (this.indexPromise) await (await this.indexPromise).flush();
  }

  private serialise<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.queues.run(id, work);
  }

  /** Disk errors become a clear application error; nothing was acknowledged. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw storageError(this.log, e);
    }
  }
}

export const isValidThreadId = isThreadId;

/** A disk failure as the application error clients get (data.reason `storageFailed`). */
function storageError(log: Logger, e: unknown): AppError {
  if (e instanceof AppError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  log.error(`thread storage failed: ${detail}`);
  return storageFailed(`Thread storage failed: ${detail}`);
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}

/** fsync the folder so a new file's name survives a power loss, not just its content. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on folders; the file itself is already synced.
  } finally {
    await fh.close();
  }
}
