/**
 * Writing a planned patch to disk all or nothing: every new content is staged in a temporary
 * file beside its target before any target changes, then the temporaries are renamed into
 * place and removed files are unlinked. If any step fails, what was done is undone.
 *
 * Every step goes through safe-fs: folders are walked without following links and files are
 * created, renamed and removed relative to the folder held open, so a folder swapped for a link
 * to elsewhere meanwhile is refused rather than written through.
 */
import { realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TempJournal } from '../temp-journal';
import {
  inspectNoFollow,
  removeEmptyDirsNoFollow,
  rootFor,
  stageFile,
  symlinkNoFollow,
  unlinkNoFollow,
  writeFileAtomicNoFollow,
  type Entry,
  type StagedFile,
} from '../safe-fs';
import type { FileEffect } from './plan';

/** What was at a path before the write; a file's content may be the text the plan read. */
type Snapshot = Exclude<Entry, { kind: 'file' }> | (Extract<Entry, { kind: 'file' }> & { text?: string });

interface Write {
  target: string;
  content: string;
  /** The path whose permissions the new file keeps (the source of a move). */
  modeFrom: string;
}

export interface WriteOptions {
  /** Folders that may be written (real paths): the workspace and any extra writable roots. */
  roots: readonly string[];
  /** Where temporaries are journalled so a crash leaves none behind (null: not journalled). */
  journal?: TempJournal | null;
}

/**
 * Apply planned effects to disk, all or nothing.
 * Existing files keep their permission bits; parent folders are created as needed (and removed
 * again on failure). A target that is a symbolic link inside the roots is resolved once and its
 * file written; a link that leads out of the roots, or any link met while writing, is refused.
 * @throws the first error met, after restoring every file already changed.
 */
export async function writeEffects(effects: FileEffect[], opts: WriteOptions): Promise<void> {
  const writes: Write[] = [];
  const removals: string[] = [];
  for (const e of effects) {
    if (e.kind === 'delete') {
      removals.push(e.absPath);
    } else if (e.after === null) {
      throw new Error(`Effect for ${e.path} has no content to write`);
    } else if (e.kind === 'update' && e.moveAbsPath !== null) {
      writes.push({ target: await followLink(e.moveAbsPath), content: e.after, modeFrom: e.absPath });
      removals.push(e.absPath);
    } else {
      const target = await followLink(e.absPath);
      writes.push({ target, content: e.after, modeFrom: target });
    }
  }
  const root = (p: string): string => rootFor(opts.roots, p);
  // What the plan read moments ago is what an undo puts back: a large file is not read a second time.
  const planned = new Map<string, string>();
  for (const e of effects) if (e.before !== null) planned.set(e.absPath, e.before);

  const undo: Array<() => Promise<void>> = [];
  const staged: StagedFile[] = [];
  try {
    const snapshots = new Map<string, Snapshot>();
    for (const path of [...writes.flatMap((w) => [w.target, w.modeFrom]), ...removals]) {
      if (snapshots.has(path)) continue;
      const known = planned.get(path);
      const entry = await inspectNoFollow(root(path), path, { data: known === undefined });
      snapshots.set(path, entry.kind === 'file' && known !== undefined ? { ...entry, text: known } : entry);
    }
    const snap = (path: string): Snapshot => snapshots.get(path) ?? { kind: 'absent' };

    for (const w of writes) {
      const source = snap(w.modeFrom);
      const s = await stageFile(
        root(w.target),
        w.target,
        w.content,
        source.kind === 'file' ? source.mode : null,
        opts.journal ?? null,
      );
      staged.push(s);
      if (s.created !== null) {
        const top = s.created;
        undo.push(() => removeEmptyDirsNoFollow(root(w.target), dirname(w.target), top));
      }
    }

    while (staged.length > 0) {
      const s = staged[0];
      if (!s) break;
      await s.commit();
      staged.shift();
      undo.push(() => restore(root(s.target), s.target, snap(s.target), opts.journal ?? null));
    }
    for (const path of removals) {
      await unlinkNoFollow(root(path), path);
      undo.push(() => restore(root(path), path, snap(path), opts.journal ?? null));
    }
  } catch (error) {
    for (const s of staged) await s.discard();
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/** The file a path leads to, so that writing through a symbolic link keeps the link. */
async function followLink(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

async function restore(root: string, path: string, before: Snapshot, journal: TempJournal | null): Promise<void> {
  if (before.kind === 'other') return;
  if (before.kind === 'file') {
    await writeFileAtomicNoFollow(root, path, before.text ?? before.data, { mode: before.mode, journal });
    return;
  }
  await unlinkNoFollow(root, path);
  if (before.kind === 'symlink') await symlinkNoFollow(root, path, before.target);
}
