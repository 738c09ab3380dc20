/**
 * Hunk by hunk: the hunks of a file change (the same ones the UI lists), and applying only the
 * accepted ones. An added or deleted file is a single hunk.
 */
import { applyPatch, structuredPatch, type StructuredPatchHunk } from 'diff';
import type { FileChangeContents } from '../../protocol/schema/tandem';
import type { FileEffect } from '../tools/apply-patch';
import { diffTooLarge } from './diff-tracker';

const CONTEXT = { context: 3 };

/** An update's hunks; null when the file is too large to diff (it is then one hunk: all or nothing). */
function updateHunks(e: FileEffect): StructuredPatchHunk[] | null {
  if (diffTooLarge(e.before, e.after) !== null) return null;
  return structuredPatch('a', 'b', e.before ?? '', e.after ?? '', undefined, undefined, CONTEXT).hunks;
}

const header = (h: StructuredPatchHunk): string => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;

/** The file as the review UI shows it. `path` is what the item shows (absolute). */
export function contentsOf(e: FileEffect): FileChangeContents {
  const tooLarge = diffTooLarge(e.before, e.after);
  const hunks =
    tooLarge !== null
      ? [{ header: tooLarge, lines: [] }]
      : e.kind === 'update'
        ? (updateHunks(e) ?? []).map((h) => ({ header: header(h), lines: h.lines }))
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
}

/**
 * The effects to write given the user's per-hunk choices (missing: all accepted). Returns the
 * effects to write (files with nothing accepted are left out) and what was chosen per file.
 */
export function selectHunks(
  effects: FileEffect[],
  choices: Map<string, boolean[]>,
): { write: FileEffect[]; selections: Selection[] } {
  const write: FileEffect[] = [];
  const selections: Selection[] = [];
  for (const e of effects) {
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
    const kept = hunks.filter((h, i): h is StructuredPatchHunk => h !== null && ok[i] === true);
    const after = applyPatch(e.before ?? '', {
      oldFileName: 'a',
      newFileName: 'b',
      oldHeader: '',
      newHeader: '',
      hunks: kept,
    });
    if (after === false) throw new Error(`Could not apply the accepted hunks of ${e.path}`);
    write.push({ ...e, after });
  }
  return { write, selections };
}

/** What the model is told: exactly which hunks were applied and which were rejected. */
export function describeSelections(selections: Selection[]): string {
  return selections
    .map(({ effect: e, accepted, rejected }) => {
      const name = e.movePath ?? e.path;
      if (rejected.length === 0) return `${e.kind === 'add' ? 'A' : e.kind === 'delete' ? 'D' : 'M'} ${name}`;
      if (accepted.length === 0)
        return `rejected: ${name} (${e.kind === 'add' ? 'not created' : e.kind === 'delete' ? 'not deleted' : 'unchanged'})`;
      const total = accepted.length + rejected.length;
      return `M ${name} (applied hunks ${accepted.join(', ')} of ${total}; rejected hunks ${rejected.join(', ')})`;
    })
    .join('\n');
}
