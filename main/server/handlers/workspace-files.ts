/**
 * The files of a thread's workspace as the Changes panel reads them and revert/undo write them.
 */
import { AppError, pathRefused, storageFailed } from '../../../protocol/rpc/errors';
import { confinementFor, isWithin } from '../../tools/paths';
import {
  readTextNoFollow,
  rootFor,
  SymlinkRefused,
  unlinkNoFollow,
  writeFileAtomicNoFollow,
} from '../../tools/safe-fs';
import type { TempJournal } from '../../tools/temp-journal';
import type { ServerOptions } from '../options';
import type { ThreadState } from '../threads/records';

/**
 * Where a thread's reverts may read and write: its workspace (and, for a thread with full
 * access, the rest of the disk), never Tandem's home, and never through a symbolic link — a
 * file or folder the model or a command replaced by a link since the turn is refused, so a
 * revert cannot write outside through it.
 */
export class WorkspaceFiles {
  private constructor(
    private readonly roots: readonly string[],
    private readonly home: string,
    private readonly journal: TempJournal | null,
  ) {}

  static async of(
    server: { options: Pick<ServerOptions, 'home'>; temps: TempJournal },
    s: ThreadState,
  ): Promise<WorkspaceFiles> {
    const c = await confinementFor(s.meta.cwd, s.meta.sandbox === 'danger-full-access' ? ['/'] : [], [
      server.options.home,
    ]);
    return new WorkspaceFiles(c.roots, c.protected[0] ?? server.options.home, server.temps);
  }

  private root(f: { path: string; display: string }): string {
    try {
      if (isWithin(this.home, f.path)) throw new Error('inside Tandem home');
      return rootFor(this.roots, f.path);
    } catch {
      throw refused(f.display, `${f.path} is outside the thread's workspace`);
    }
  }

  /** The file's text now (null: none); a link on the way is refused (AppError, pathRefused). */
  async read(f: { path: string; display: string }): Promise<string | null> {
    try {
      return await readTextNoFollow(this.root(f), f.path);
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof SymlinkRefused) throw refused(f.display, e.message);
      return null;
    }
  }

  async put(f: { path: string; display: string }, content: string | null): Promise<void> {
    if (content === null) await unlinkNoFollow(this.root(f), f.path);
    else await writeFileAtomicNoFollow(this.root(f), f.path, content, { journal: this.journal });
  }

  /** Write every file or none: on a failure, the ones already written get their content back. */
  async putAll(files: Array<{ path: string; display: string; from: string | null; to: string | null }>): Promise<void> {
    const done: typeof files = [];
    try {
      for (const f of files) {
        await this.put(f, f.to);
        done.push(f);
      }
    } catch (e) {
      for (const f of done.reverse()) await this.put(f, f.from).catch(() => undefined);
      if (e instanceof AppError) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      if (e instanceof SymlinkRefused) throw pathRefused(`Could not write the files; nothing was changed: ${reason}`);
      throw storageFailed(`Could not write the files; nothing was changed: ${reason}`);
    }
  }
}

const refused = (display: string, why: string): AppError =>
  pathRefused(`Cannot revert ${display}: ${why}. Nothing was changed.`, [display]);
