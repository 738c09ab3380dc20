/**
 * A turn's diff: each touched file's content from before the turn's first change to it, against
 * its content now, as one unified diff (git-style headers). In a git repository this is still
 * the turn's own diff, never the diff against HEAD.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readTextNoFollow, rootFor } from '../tools/safe-fs';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import { updateInSlices } from '../tools/text-slices';

export interface Baseline {
  /** The path as the user sees it (relative to the workspace). */
  display: string;
  before: string | null;
}

/**
 * A file's text, or null: missing, unreadable, or (with roots) a link now — a file the model
 * swapped for a link to elsewhere is not read through into a diff.
 */
async function readOrNull(path: string, roots: readonly string[] | null): Promise<string | null> {
  try {
    return roots === null ? await readFile(path, 'utf8') : await readTextNoFollow(rootFor(roots, path), path);
  } catch {
    return null;
  }
}

/**
 * Above this size (bytes, either side) a file's diff is not computed but summarised, for clients
 * and the model alike: diffing a 200 MB file cost gigabytes and seconds, and a diff that size
 * helps no reader. The file itself is still written, once.
 */
const DIFF_MAX_BYTES = 1024 * 1024;

const lineCount = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
};

/** "diff too large: N lines, M bytes" when either side is over the bound (of the larger side), else null. */
export function diffTooLarge(before: string | null, after: string | null): string | null {
  // UTF-16 length is at most the UTF-8 byte count: only near the bound is the exact count needed.
  if ((before?.length ?? 0) * 3 <= DIFF_MAX_BYTES && (after?.length ?? 0) * 3 <= DIFF_MAX_BYTES) return null;
  const sizes = [before, after].map((t) => (t === null ? 0 : Buffer.byteLength(t, 'utf8')));
  const [b = 0, a = 0] = sizes;
  if (Math.max(a, b) <= DIFF_MAX_BYTES) return null;
  const larger = a >= b ? after : before;
  return `diff too large: ${lineCount(larger ?? '')} lines, ${Math.max(a, b)} bytes`;
}

/** An added or deleted file's content as an item carries it: the text, or its summary when too large. */
export const boundedContent = (text: string): string => diffTooLarge(text, null) ?? text;

/** Git's object id of a file's content, for the `index` line git diffs carry. */
const blobId = (text: string | null): string =>
  text === null
    ? '0'.repeat(40)
    : updateInSlices(createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`), text).digest('hex');

/** A file's unified diff as git writes it (Codex's turn diff has the same form). */
function fileDiff(display: string, before: string | null, after: string | null, newDisplay = display): string {
  if (before === after) return '';
  const mode = before === null ? 'new file mode 100644\n' : after === null ? 'deleted file mode 100644\n' : '';
  const header = `diff --git a/${display} b/${newDisplay}\n${mode}index ${blobId(before)}..${blobId(after)}\n`;
  const tooLarge = diffTooLarge(before, after);
  // Where git would say "Binary files differ": the headers, and one line saying why there are no hunks.
  if (tooLarge !== null) return `${header}${tooLarge}\n`;
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
  return header + (body.endsWith('\n') ? body : `${body}\n`);
}

/** Only the hunks of a unified diff (what a fileChange item's update carries, as in Codex); a summary when too large. */
export function hunksOnly(before: string, after: string): string {
  const tooLarge = diffTooLarge(before, after);
  if (tooLarge !== null) return `${tooLarge}\n`;
  const { hunks } = structuredPatch('a', 'b', before, after, undefined, undefined, { context: 3 });
  return hunks
    .map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}\n`)
    .join('');
}

export class DiffTracker {
  private readonly baselines = new Map<string, Baseline>();
  /** The turn's writable roots, once known: reads then never follow a link. */
  private roots: readonly string[] | null = null;

  /** `persist` records each new baseline (before anything is written), so the turn can be reverted later. */
  constructor(private readonly persist: (path: string, b: Baseline) => Promise<void> = async () => {}) {}

  /** Read only below these (real) roots, without following links. */
  confineTo(roots: readonly string[]): void {
    this.roots = roots;
  }

  /**
   * Remember files' current contents, if this turn has not touched them yet. Call before writing.
   * `before`, when given, is the content just read (a large file is then not read again).
   */
  async track(files: Array<{ absPath: string; display: string; before?: string | null }>): Promise<void> {
    for (const f of files) {
      if (this.baselines.has(f.absPath)) continue;
      const b = {
        display: f.display,
        before: f.before !== undefined ? f.before : await readOrNull(f.absPath, this.roots),
      };
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
    for (const [abs, b] of entries) parts.push(fileDiff(b.display, b.before, await readOrNull(abs, this.roots)));
    return parts.join('');
  }

  get touched(): number {
    return this.baselines.size;
  }
}
