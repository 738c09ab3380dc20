/**
 * The list index: every thread's metadata, so `thread/list` never parses thread files. It is a
 * cache, kept in `threads/index.jsonl` (one line per change, the last line for a thread wins)
 * and checked against the thread files at start-up: a file whose size differs from what the
 * index recorded (a crash between the two writes, an edit by hand) is re-read.
 *
 * The index is a cache another program may have edited: an entry counts only when its id is a
 * thread id and a regular file of that name is in the folder (never a link), so no path in it
 * can lead outside Tandem's home; anything else is dropped with a log line.
 */
import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { appendFile, lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { isThreadId, NotAThreadFile, openOwnFile, readThreadFile } from './thread-file';
import { listedMeta, replay, type ThreadMeta } from './records';

export interface IndexEntry {
  meta: ThreadMeta;
  /** Size of the thread file when `meta` was taken from it. */
  bytes: number;
}

const INDEX_FILE = 'index.jsonl';
const STAT_BATCH = 256;
/** Appends to the index never follow a link put in its place. */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

function isEntry(v: unknown): v is IndexEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { meta?: { id?: unknown; updatedAtMs?: unknown; cwd?: unknown }; bytes?: unknown };
  return (
    typeof e.bytes === 'number' &&
    typeof e.meta?.id === 'string' &&
    typeof e.meta.updatedAtMs === 'number' &&
    typeof e.meta.cwd === 'string'
  );
}

export class ThreadIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private writes: Promise<void> = Promise.resolve();
  private readonly indexPath: string;
  /** The index file was not ours to read (a link, a folder): it is replaced at open. */
  private mustRewrite = false;

  private constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {
    this.indexPath = join(dir, INDEX_FILE);
  }

  /** Load the index and reconcile it with the thread files in `dir`. */
  static async open(dir: string, log: Logger): Promise<ThreadIndex> {
    const index = new ThreadIndex(dir, log);
    await mkdir(dir, { recursive: true });
    const lineCount = await index.readIndexFile();
    const rebuilt = await index.reconcile();
    if (rebuilt > 0 || index.mustRewrite || lineCount > index.entries.size * 2 + 64) await index.compact();
    return index;
  }

  get(id: string): ThreadMeta | undefined {
    return this.entries.get(id)?.meta;
  }

  all(): IterableIterator<ThreadMeta> {
    const it = this.entries.values();
    return (function* () {
      for (const e of it) yield e.meta;
    })();
  }

  /** Record a thread's new metadata (after its file was written). */
  put(meta: ThreadMeta, bytes: number): Promise<void> {
    const entry: IndexEntry = { meta: listedMeta(meta), bytes };
    this.entries.set(meta.id, entry);
    const line = JSON.stringify(entry) + '\n';
    this.writes = this.writes
      .then(() => appendFile(this.indexPath, line, { flag: APPEND_FLAGS, mode: 0o600 }))
      .catch((e: unknown) => this.log.warn(`could not update the thread index: ${String(e)}`));
    return this.writes;
  }

  /**
   * Forget a deleted thread. No line is written: its file is gone, and an entry without a file
   * is dropped when the index is next opened (reconcile).
   */
  remove(id: string): void {
    this.entries.delete(id);
  }

  /** Wait for pending index writes. */
  flush(): Promise<void> {
    return this.writes;
  }

  private async readIndexFile(): Promise<number> {
    let text: string;
    try {
      const fh = await openOwnFile(this.indexPath, constants.O_RDONLY);
      try {
        text = await fh.readFile('utf8');
      } finally {
        await fh.close();
      }
    } catch (e) {
      // A link or other non-file is not read; the rebuilt index replaces it (an atomic rename).
      if (!(e instanceof NotAThreadFile)) return 0;
      this.log.warn(`${e.message}; rebuilding the thread index from the thread files`);
      this.mustRewrite = true;
      return 0;
    }
    let count = 0;
    let foreign = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      count++;
      try {
        const value: unknown = JSON.parse(line);
        if (!isEntry(value)) continue;
        if (isThreadId(value.meta.id)) this.entries.set(value.meta.id, value);
        else foreign++;
      } catch {
        // A torn or damaged index line only costs a re-read of that thread's file.
      }
    }
    if (foreign > 0)
      this.log.warn(
        `${this.indexPath}: ignored ${foreign} entries whose id is not a thread id (a path, or edited by another program)`,
      );
    return count;
  }

  /** Returns how many entries had to be rebuilt from their thread files. */
  private async reconcile(): Promise<number> {
    const names = (await readdir(this.dir)).filter(
      (n) => n.endsWith('.jsonl') && n !== INDEX_FILE && isThreadId(n.slice(0, -'.jsonl'.length)),
    );
    const onDisk = new Set(names.map((n) => n.slice(0, -'.jsonl'.length)));
    for (const id of this.entries.keys()) if (!onDisk.has(id)) this.entries.delete(id);
    let rebuilt = 0;
    for (let i = 0; i < names.length; i += STAT_BATCH) {
      await Promise.all(
        names.slice(i, i + STAT_BATCH).map(async (name) => {
          const id = name.slice(0, -'.jsonl'.length);
          const path = join(this.dir, name);
          try {
            // lstat: a link named like a thread file is not one, wherever it points.
            const info = await lstat(path);
            if (info.isSymbolicLink()) throw new Error('a symbolic link; Tandem never follows links in its home');
            if (!info.isFile()) throw new Error('not a file');
            if (this.entries.get(id)?.bytes === info.size) return;
            rebuilt++;
            const parsed = await readThreadFile(path, this.log);
            if (!parsed || parsed.header.id !== id) {
              this.entries.delete(id);
              return;
            }
            this.entries.set(id, { meta: listedMeta(replay(parsed.header, parsed.changes).meta), bytes: info.size });
          } catch (e) {
            // One unreadable entry must not hide every other thread.
            this.log.warn(`${path}: skipped (${e instanceof Error ? e.message : String(e)})`);
            this.entries.delete(id);
          }
        }),
      );
    }
    return rebuilt;
  }

  /**
   * Rewrite the index atomically: a new file created in the folder, then renamed over the old
   * one. Not write-file-atomic, which resolves a link at the index's name and writes where it
   * points; a rename replaces the link itself.
   */
  private async compact(): Promise<void> {
    const text = [...this.entries.values()].map((e) => JSON.stringify(e) + '\n').join('');
    const tmp = join(this.dir, `.${INDEX_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, this.indexPath);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
}
