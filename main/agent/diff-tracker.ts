/**
 * A turn's diff: each touched file's content from before the turn's first change to it, against
 * its content now, as one unified diff (git-style headers). In a git repository this is still
 * the turn's own diff, never the diff against HEAD.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createTwoFilesPatch, structuredPatch } from 'diff';

export interface Baseline {
  /** The path as the user sees it (relative to the workspace). */
  display: string;
  before: string | null;
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** Git's object id of a file's content, for the `index` line git diffs carry. */
const blobId = (text: string | null): string =>
  text === null ? '0'.repeat(40) : createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest('hex');

/** A file's unified diff as git writes it (Codex's turn diff has the same form). */
export function fileDiff(display: string, before: string | null, after: string | null, newDisplay = display): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${display}`,
    after === null ? '/dev/null' : `b/${newDisplay}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // Drop the "Index:"/"====" preamble the library writes; keep ---/+++ and the hunks.
  const body = patch.slice(patch.indexOf('---'));
  const mode = before === null ? 'new file mode 100644\n' : after === null ? 'deleted file mode 100644\n' : '';
  const header = `diff --git a/${display} b/${newDisplay}\n${mode}index ${blobId(before)}..${blobId(after)}\n`;
  return header + (body.endsWith('\n') ? body : `${body}\n`);
}

/** Only the hunks of a unified diff (what a fileChange item's update carries, as in Codex). */
export function hunksOnly(before: string, after: string): string {
  const { hunks } = structuredPatch('a', 'b', before, after, undefined, undefined, { context: 3 });
  return hunks.map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}\n`).join('');
}

export class DiffTracker {
  private readonly baselines = new Map<string, Baseline>();

  /** `persist` records each new baseline (before anything is written), so the turn can be reverted later. */
  constructor(private readonly persist: (path: string, b: Baseline) => Promise<void> = async () => {}) {}

  /** Remember files' current contents, if this turn has not touched them yet. Call before writing. */
  async track(files: Array<{ absPath: string; display: string }>): Promise<void> {
    for (const f of files) {
      if (this.baselines.has(f.absPath)) continue;
      const b = { display: f.display, before: await readOrNull(f.absPath) };
      await this.persist(f.absPath, b);
      this.baselines.set(f.absPath, b);
    }
  }

  /**
   * Files something else already changed (a shell command), with their content from before it:
   * recorded as baselines unless this turn touched them earlier. Returns whether any was new.
   */
  async trackKnown(files: Array<{ absPath: string; display: string; before: string | null }>): Promise<boolean> {
    let added = false;
    for (const f of files) {
      if (this.baselines.has(f.absPath)) continue;
      const b = { display: f.display, before: f.before };
      await this.persist(f.absPath, b);
      this.baselines.set(f.absPath, b);
      added = true;
    }
    return added;
  }

  /** The whole turn's diff as it stands on disk now. */
  async diff(): Promise<string> {
    const parts: string[] = [];
    const entries = [...this.baselines.entries()].sort(([, a], [, b]) => a.display.localeCompare(b.display));
    for (const [abs, b] of entries) parts.push(fileDiff(b.display, b.before, await readOrNull(abs)));
    return parts.join('');
  }

  get touched(): number {
    return this.baselines.size;
  }
}
