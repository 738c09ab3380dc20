/**
 * The Git facts `thread/list` and `thread/read` show for a thread's folder (HEAD's commit, its
 * branch, the `origin` remote's URL), asked of the real `git` and cached per folder. A list of
 * thousands of threads mostly names a few folders; each is asked once, and asked again only when
 * its repository's HEAD, ref, packed refs or config changed (their mtimes and sizes, checked at
 * most once a second), or, for a folder that was no repository, after a few seconds.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Thread } from '../../../protocol/schema/thread';
import { GIT_NEUTRAL_ENV } from '../../tools/command-safety/git-guard';
import type { StoredGitInfo } from './records';

type GitInfo = NonNullable<Thread['gitInfo']>;

/** Within this long a cached answer is used without looking at the repository at all. */
const FRESH_MS = 1_000;
/** A folder that is no repository (or no folder) is asked again after this long. */
const NOT_A_REPO_MS = 5_000;
const GIT_TIMEOUT_MS = 5_000;
/** Folders asked at once: a page of 200 threads in 200 folders must not start 800 gits together. */
const MAX_CONCURRENT = 6;
/** Folders remembered; the oldest is forgotten past this. */
const MAX_ENTRIES = 2_000;

interface Entry {
  info: GitInfo | null;
  checkedAt: number;
  /** Where to look for a change (absent: not a repository). */
  watch?: { files: string[]; signature: string };
}

function git(args: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    // Only plumbing that runs no configured program; the overrides are belt and braces.
    const env = { ...process.env, ...GIT_NEUTRAL_ENV, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };
    execFile('git', args, { cwd, env, timeout: GIT_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, stdout) =>
      resolve(error ? null : stdout.trim()),
    );
  });
}

async function signatureOf(files: string[]): Promise<string> {
  const parts = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => `${s.mtimeMs}:${s.size}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
}

export class GitInfoCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<GitInfo | null>>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** How many times git was asked about a folder (for tests of the cache). */
  lookups = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The Git facts of `cwd`, or null when it is not in a repository. */
  of(cwd: string): Promise<GitInfo | null> {
    const running = this.pending.get(cwd);
    if (running) return running;
    const p = this.check(cwd).finally(() => this.pending.delete(cwd));
    this.pending.set(cwd, p);
    return p;
  }

  /** What a thread shows: the folder's facts, with what a client stored winning field by field. */
  async forThread(cwd: string, stored: StoredGitInfo | undefined): Promise<GitInfo | null> {
    const live = await this.of(cwd);
    if (!stored) return live;
    const merged: GitInfo = {
      sha: live?.sha ?? null,
      branch: live?.branch ?? null,
      originUrl: live?.originUrl ?? null,
    };
    for (const k of ['sha', 'branch', 'originUrl'] as const) if (stored[k] !== undefined) merged[k] = stored[k];
    return merged.sha === null && merged.branch === null && merged.originUrl === null && !live ? null : merged;
  }

  /**
   * What is already known of `cwd` (null when nothing is yet), without running git: for
   * `thread/start`, which Codex answers with no Git facts at all, and which must neither wait for
   * git nor spawn it on a new thread's way to its first turn. The next read, list or resume asks.
   */
  known(cwd: string): GitInfo | null {
    return this.entries.get(cwd)?.info ?? null;
  }

  /** Fill `gitInfo` in wire threads (each distinct folder asked once). */
  async fill(threads: Thread[], storedOf: (id: string) => StoredGitInfo | undefined): Promise<Thread[]> {
    return Promise.all(threads.map(async (t) => ({ ...t, gitInfo: await this.forThread(t.cwd, storedOf(t.id)) })));
  }

  private async check(cwd: string): Promise<GitInfo | null> {
    const entry = this.entries.get(cwd);
    const now = this.now();
    if (entry) {
      if (now - entry.checkedAt < FRESH_MS) return entry.info;
      if (entry.watch && (await signatureOf(entry.watch.files)) === entry.watch.signature) {
        entry.checkedAt = now;
        return entry.info;
      }
      if (!entry.watch && now - entry.checkedAt < NOT_A_REPO_MS) return entry.info;
    }
    const fresh = await this.limited(() => this.ask(cwd));
    this.entries.delete(cwd);
    this.entries.set(cwd, { ...fresh, checkedAt: this.now() });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return fresh.info;
  }

  private async ask(cwd: string): Promise<Omit<Entry, 'checkedAt'>> {
    this.lookups++;
    const dirs = await git(['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir'], cwd);
    const [gitDir, commonDir] = dirs?.split('\n') ?? [];
    if (!gitDir || !commonDir) return { info: null };
    const branch = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], cwd);
    const files = [join(gitDir, 'HEAD'), join(commonDir, 'packed-refs'), join(commonDir, 'config')];
    if (branch) files.push(join(commonDir, 'refs', 'heads', branch));
    // Taken before asking for the commit, so a commit made while git answers is seen next time.
    const signature = await signatureOf(files);
    const [sha, originUrl] = await Promise.all([
      git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd),
      git(['remote', 'get-url', 'origin'], cwd),
    ]);
    return {
      info: { sha: sha || null, branch: branch || null, originUrl: originUrl || null },
      watch: { files, signature },
    };
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    while (this.running >= MAX_CONCURRENT) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
