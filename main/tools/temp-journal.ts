/**
 * Temporary files a crash may leave in a workspace (a SIGKILL between creating a temporary and
 * renaming it): each is listed in Tandem's home before it is created, one journal per server
 * process, and the next server to start removes those of dead processes that still exist.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempNameOf, unlinkNoFollow } from './safe-fs';

const DIR = 'temp-journal';
/** The journals of this process (several servers may run in one process, as tests do). */
const OURS = new Set<string>();

interface JournalLine {
  root: string;
  path: string;
}

/** This process's journal: append-only while temporaries are in flight, emptied when none is. */
export class TempJournal {
  readonly file: string;
  private live = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(home: string) {
    const dir = join(home, DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The pid says whether its writer may still be running; the suffix tells this process's
    // journal from one a dead process with the same pid left (containers reuse small pids).
    this.file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
    OURS.add(this.file);
  }

  /** Record a temporary before it is created (it lives at `path`, below `root`). */
  add(root: string, path: string): Promise<void> {
    this.live += 1;
    return this.serial(() =>
      appendFile(this.file, `${JSON.stringify({ root, path } satisfies JournalLine)}\n`, { mode: 0o600 }),
    );
  }

  /** A temporary is gone (renamed into place or removed); with none left the journal is emptied. */
  forget(): void {
    this.live -= 1;
    if (this.live === 0)
      void this.serial(() => (this.live === 0 ? truncate(this.file, 0).catch(() => undefined) : Promise.resolve()));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
};

/**
 * Remove the temporaries journalled by server processes that are gone, then their journals.
 * Only files named as Tandem names its temporaries are removed, without following links.
 * @returns how many were removed.
 */
export async function cleanLeftTemps(home: string): Promise<number> {
  const dir = join(home, DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = Number(/^(\d+)(?:-[0-9a-f]+)?\.jsonl$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || OURS.has(join(dir, name)) || (pid !== process.pid && alive(pid))) continue;
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const entry = parseLine(line);
      if (!entry || tempNameOf(entry.path) === null) continue;
      try {
        if (await unlinkNoFollow(entry.root, entry.path)) removed += 1;
      } catch {
        // A folder on the way became a link, or is gone: nothing of ours to remove there.
      }
    }
    await rm(join(dir, name), { force: true });
  }
  return removed;
}

function parseLine(line: string): JournalLine | null {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v !== 'object' || v === null) return null;
    const { root, path } = v as Record<string, unknown>;
    return typeof root === 'string' && typeof path === 'string' ? { root, path } : null;
  } catch {
    return null;
  }
}
