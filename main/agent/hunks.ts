/**
 * Hunk by hunk: the hunks of a file change (the same ones the UI lists), and applying only the
 * accepted ones. A hunk is one run of changed lines: two runs with any unchanged line between
 * them are two decisions (a change three lines from another is still its own), unlike a unified
 * diff's hunks, which merge changes up to six lines apart. Each hunk still shows up to three
 * lines of context, never reaching into its neighbour's change. An added or deleted file is a
 * single hunk. The user may also hand back their own version of a file (`edits`): it is written
 * as is, and the model is told how it differs from what it proposed.
 */
import { createPatch, diffLines } from 'diff';
import type { FileChangeContents } from '../../protocol/schema/tandem';
import type { FileEffect } from '../tools/apply-patch';
import { diffTooLarge } from './diff-tracker';

const CONTEXT = 3;

/** One run of changed lines: `oldStart`/`newStart` are 0-based indexes into the files' lines. */
interface FineHunk {
  oldStart: number;
  removed: string[];
  newStart: number;
  added: string[];
}

/** A text's lines, each with its line break (the last may have none). */
function linesOf(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl + 1;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

/** The runs of changed lines between `before` and `after`, in order. */
function fineHunks(before: string, after: string): FineHunk[] {
  const hunks: FineHunk[] = [];
  let oldAt = 0;
  let newAt = 0;
  let open: FineHunk | null = null;
  for (const part of diffLines(before, after)) {
    const lines = linesOf(part.value);
    if (!part.added && !part.removed) {
      open = null;
      oldAt += lines.length;
      newAt += lines.length;
      continue;
    }
    if (!open) {
      open = { oldStart: oldAt, removed: [], newStart: newAt, added: [] };
      hunks.push(open);
    }
    if (part.removed) {
      open.removed.push(...lines);
      oldAt += lines.length;
    } else {
      open.added.push(...lines);
      newAt += lines.length;
    }
  }
  return hunks;
}

/** An update's hunks; null when the file is too large to diff (it is then one hunk: all or nothing). */
function updateHunks(e: FileEffect): FineHunk[] | null {
  if (diffTooLarge(e.before, e.after) !== null) return null;
  return fineHunks(e.before ?? '', e.after ?? '');
}

const NO_NEWLINE = '\\ No newline at end of file';

/** A line as a unified diff shows it: its sign, no line break, and git's note where the file ends without one. */
const shown = (sign: string, line: string): string[] =>
  line.endsWith('\n') ? [sign + line.slice(0, -1)] : [sign + line, NO_NEWLINE];

/** The hunks as the UI shows them: each with up to 3 unchanged lines either side, headers in jsdiff's form. */
function displayHunks(before: string, hunks: FineHunk[]): Array<{ header: string; lines: string[] }> {
  const old = linesOf(before);
  return hunks.map((h, i) => {
    const prev = hunks[i - 1];
    const next = hunks[i + 1];
    const oldEnd = h.oldStart + h.removed.length;
    // Context stops where the neighbouring change starts or ends.
    const from = Math.max(h.oldStart - CONTEXT, prev ? prev.oldStart + prev.removed.length : 0);
    const to = Math.min(oldEnd + CONTEXT, next ? next.oldStart : old.length);
    const above = old.slice(from, h.oldStart);
    const below = old.slice(oldEnd, to);
    const lines = [
      ...above.flatMap((l) => shown(' ', l)),
      ...h.removed.flatMap((l) => shown('-', l)),
      ...h.added.flatMap((l) => shown('+', l)),
      ...below.flatMap((l) => shown(' ', l)),
    ];
    const oldLines = above.length + h.removed.length + below.length;
    const newLines = above.length + h.added.length + below.length;
    // As jsdiff writes them: the first line of each range (1-based).
    const header = `@@ -${from + 1},${oldLines} +${h.newStart - above.length + 1},${newLines} @@`;
    return { header, lines };
  });
}

/** The file as the review UI shows it. `path` is what the item shows (absolute). */
export function contentsOf(e: FileEffect): FileChangeContents {
  const tooLarge = diffTooLarge(e.before, e.after);
  const hunks =
    tooLarge !== null
      ? [{ header: tooLarge, lines: [] }]
      : e.kind === 'update'
        ? displayHunks(e.before ?? '', updateHunks(e) ?? [])
        : [
            {
              header: e.kind === 'add' ? 'new file' : 'deleted file',
              lines: (e.kind === 'add' ? e.after : e.before)?.split('\n') ?? [],
            },
          ];
  return { path: e.absPath, kind: e.kind, movePath: e.moveAbsPath, before: e.before, after: e.after, hunks };
}

export interface Selection {
  effect: FileEffect;
  /** Indexes (1-based) of accepted and rejected hunks. */
  accepted: number[];
  rejected: number[];
  /** The user's own version of the file, written instead of the proposal; its diff against the proposal. */
  edited?: string;
}

/** `before` with only the accepted hunks applied. */
function applyChosen(before: string, hunks: FineHunk[], ok: boolean[]): string {
  const old = linesOf(before);
  const out: string[] = [];
  let at = 0;
  hunks.forEach((h, i) => {
    out.push(...old.slice(at, h.oldStart));
    out.push(...(ok[i] ? h.added : h.removed));
    at = h.oldStart + h.removed.length;
  });
  out.push(...old.slice(at));
  return out.join('');
}

/** The user's changes to the proposal, as a unified diff of the file (headers: proposed / yours). */
function editDiff(name: string, proposed: string, edited: string): string {
  const patch = createPatch(name, proposed, edited, 'proposed', 'edited by the user', { context: 3 });
  return patch.slice(patch.indexOf('---'));
}

/**
 * The effects to write given the user's per-hunk choices (missing: all accepted) and their own
 * versions of files (`edits`, by path: written as they are, the file's hunk choices aside).
 * Returns the effects to write (files with nothing accepted are left out) and what was chosen.
 */
export function selectHunks(
  effects: FileEffect[],
  choices: Map<string, boolean[]>,
  edits: Map<string, string> = new Map(),
): { write: FileEffect[]; selections: Selection[] } {
  const write: FileEffect[] = [];
  const selections: Selection[] = [];
  for (const e of effects) {
    const edit = edits.get(e.absPath);
    if (edit !== undefined && e.kind !== 'delete' && edit !== e.after) {
      const proposed = e.after ?? '';
      selections.push({
        effect: e,
        accepted: [1],
        rejected: [],
        edited: editDiff(e.movePath ?? e.path, proposed, edit),
      });
      write.push({ ...e, after: edit });
      continue;
    }
    const chosen = choices.get(e.absPath);
    const hunks = (e.kind === 'update' ? updateHunks(e) : null) ?? [null];
    const ok = hunks.map((_, i) => chosen?.[i] ?? true);
    const accepted = ok.flatMap((v, i) => (v ? [i + 1] : []));
    const rejected = ok.flatMap((v, i) => (v ? [] : [i + 1]));
    selections.push({ effect: e, accepted, rejected });
    if (accepted.length === 0) continue;
    if (rejected.length === 0 || e.kind !== 'update') {
      write.push(e);
      continue;
    }
    const fine = hunks.filter((h): h is FineHunk => h !== null);
    write.push({ ...e, after: applyChosen(e.before ?? '', fine, ok) });
  }
  return { write, selections };
}

/** Whether the user changed anything of the proposal: a hunk rejected or a file edited. */
export const changedByUser = (selections: Selection[]): boolean =>
  selections.some((s) => s.rejected.length > 0 || s.edited !== undefined);

/** What the model is told: exactly which hunks were applied and which were rejected, and the user's edits. */
export function describeSelections(selections: Selection[]): string {
  const lines = selections.map(({ effect: e, accepted, rejected, edited }) => {
    const name = e.movePath ?? e.path;
    if (edited !== undefined) return `M ${name} (edited by the user before applying; see their changes below)`;
    if (rejected.length === 0) return `${e.kind === 'add' ? 'A' : e.kind === 'delete' ? 'D' : 'M'} ${name}`;
    if (accepted.length === 0)
      return `rejected: ${name} (${e.kind === 'add' ? 'not created' : e.kind === 'delete' ? 'not deleted' : 'unchanged'})`;
    const total = accepted.length + rejected.length;
    return `M ${name} (applied hunks ${accepted.join(', ')} of ${total}; rejected hunks ${rejected.join(', ')})`;
  });
  const edits = selections.flatMap((s) => (s.edited === undefined ? [] : [s.edited]));
  if (edits.length === 0) return lines.join('\n');
  return `${lines.join('\n')}\n\nThe user edited your proposed text before it was written. The files now hold the user's version; their changes to your proposal:\n${edits.join('\n')}`;
}
