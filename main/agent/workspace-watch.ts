/**
 * Files a shell command changed, taken from the workspace itself: a snapshot before the command
 * and a comparison after it. In a git repository the files are the ones git knows (tracked, and
 * untracked but not ignored), so build output and dependencies stay out; elsewhere a walk that
 * skips dependency and VCS folders. Bounded, because it runs around every command: at most
 * `maxFiles` files are watched, and only text files up to `maxFileBytes` (within `maxTotalBytes`
 * in all) are kept, so they can be shown and reverted. What falls outside is said in `notes`.
 *
 * Contents are read once per turn and then only for files whose stat changed.
 */
import { execFile } from 'node:child_process';
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface WatchLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

const num = (v: string | undefined, fallback: number): number =>
  v && Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : fallback;

/** The defaults; TANDEM_WATCH_MAX_FILES / _MAX_FILE_BYTES / _MAX_TOTAL_BYTES change them. */
function watchLimits(env: NodeJS.ProcessEnv = process.env): WatchLimits {
  return {
    maxFiles: num(env.TANDEM_WATCH_MAX_FILES, 20_000),
    maxFileBytes: num(env.TANDEM_WATCH_MAX_FILE_BYTES, 1024 * 1024),
    maxTotalBytes: num(env.TANDEM_WATCH_MAX_TOTAL_BYTES, 64 * 1024 * 1024),
  };
}

/** Folders never walked: version control data and installed dependencies. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', '__pycache__']);

interface Entry {
  /** Size, mtime, ctime and inode: when equal, the content is taken as unchanged. */
  key: string;
  /** The text, or null when not kept (too large, binary, over the budget). */
  text: string | null;
  /** Why it was not kept. */
  skipped?: 'large' | 'binary' | 'budget';
}

export interface WatchedChange {
  absPath: string;
  display: string;
  /** Content before the command; null: the file did not exist. */
  before: string | null;
}

const keyOf = (s: Stats): string => `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;

/**
 * The files git lists (tracked, plus untracked not ignored), relative to `root`; null outside a
 * repository. Only `ls-files`, with fsmonitor off and no pager: it reads the index and the folders,
 * and runs no program the repository configures (no filters, hooks, textconv or fsmonitor).
 */
function gitFiles(root: string): Promise<string[] | null> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  return new Promise((resolve) => {
    execFile(
      'git',
      [
        '--no-pager',
        '-c',
        'core.fsmonitor=false',
        '-c',
        'core.untrackedCache=false',
        'ls-files',
        '-z',
        '--cached',
        '--others',
        '--exclude-standard',
      ],
      { cwd: root, env, maxBuffer: 256 * 1024 * 1024, timeout: 30_000 },
      (err, stdout) => resolve(err ? null : [...new Set(stdout.split('\0').filter(Boolean))].sort()),
    );
  });
}

async function walkFiles(root: string, max: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let items: Dirent[];
    try {
      items = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // In name order, so that where the bound falls is the same from one scan to the next.
    for (const item of items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (out.length > max) return;
      const full = join(dir, item.name);
      if (item.isDirectory()) {
        if (!SKIP_DIRS.has(item.name)) await walk(full);
      } else if (item.isFile()) out.push(relative(root, full));
    }
  };
  await walk(root);
  return out;
}

export class WorkspaceWatch {
  private files = new Map<string, Entry>();
  private keptBytes = 0;
  private taken = false;
  /** Notes already given this turn (each is said once). */
  private readonly said = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly limits: WatchLimits = watchLimits(),
  ) {}

  /** Before a command: bring the snapshot up to date with the workspace. */
  async before(): Promise<void> {
    this.files = await this.scan();
    this.taken = true;
  }

  /** After it: the files whose content changed since `before`, and notes on what could not be followed. */
  async after(): Promise<{ changes: WatchedChange[]; notes: string[] }> {
    if (!this.taken) return { changes: [], notes: [] };
    const old = this.files;
    const now = await this.scan();
    const changes: WatchedChange[] = [];
    const notes: string[] = [];
    for (const path of new Set([...old.keys(), ...now.keys()])) {
      const a = old.get(path);
      const b = now.get(path);
      if (a && b && (a.key === b.key || (a.text !== null && a.text === b.text))) continue;
      const display = relative(this.root, path).split(sep).join('/');
      // Without its content from before, the change can be neither shown nor reverted.
      if (a && a.text === null) {
        notes.push(`${display} changed by a command but is not shown: ${this.reason(a.skipped)}.`);
        continue;
      }
      changes.push({ absPath: path, display, before: a ? a.text : null });
    }
    this.files = now;
    return {
      changes: changes.sort((x, y) => x.display.localeCompare(y.display)),
      notes: notes.filter((n) => this.once(n)),
    };
  }

  /** A bound hit while scanning, said once per turn. */
  private boundNotes: string[] = [];

  /** Notes from scanning (file count bound), each once. */
  takeBoundNotes(): string[] {
    const n = this.boundNotes.filter((x) => this.once(x));
    this.boundNotes = [];
    return n;
  }

  private once(note: string): boolean {
    if (this.said.has(note)) return false;
    this.said.add(note);
    return true;
  }

  private reason(why: Entry['skipped']): string {
    if (why === 'binary') return 'binary files are not shown or reverted';
    if (why === 'large') return `files over ${Math.round(this.limits.maxFileBytes / 1024)} KB are not kept`;
    return `only ${Math.round(this.limits.maxTotalBytes / (1024 * 1024))} MB of the workspace is kept`;
  }

  private async scan(): Promise<Map<string, Entry>> {
    const { maxFiles } = this.limits;
    let list = (await gitFiles(this.root)) ?? (await walkFiles(this.root, maxFiles));
    if (list.length > maxFiles) {
      this.boundNotes.push(
        `Only ${maxFiles} files of the workspace are watched for changes made by commands; changes to others are not shown.`,
      );
      list = list.slice(0, maxFiles);
    }
    const next = new Map<string, Entry>();
    for (const rel of list) {
      const abs = join(this.root, rel);
      const info = await lstat(abs).catch(() => null);
      if (!info?.isFile()) continue;
      const key = keyOf(info);
      const prev = this.files.get(abs);
      if (prev && prev.key === key) {
        next.set(abs, prev);
        continue;
      }
      if (prev?.text) this.keptBytes -= prev.text.length;
      next.set(abs, await this.read(abs, info, key));
    }
    for (const [abs, e] of this.files) if (!next.has(abs) && e.text) this.keptBytes -= e.text.length;
    return next;
  }

  private async read(abs: string, info: Stats, key: string): Promise<Entry> {
    if (info.size > this.limits.maxFileBytes) return { key, text: null, skipped: 'large' };
    if (this.keptBytes + info.size > this.limits.maxTotalBytes) return { key, text: null, skipped: 'budget' };
    const buf = await readFile(abs).catch(() => null);
    if (!buf) return { key, text: null, skipped: 'budget' };
    if (buf.includes(0)) return { key, text: null, skipped: 'binary' };
    const text = buf.toString('utf8');
    this.keptBytes += text.length;
    return { key, text };
  }
}
