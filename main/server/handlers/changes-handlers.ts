/**
 * The changes panel (Tandem extensions): what a turn — or the whole thread — changed, from the
 * baselines recorded before each first write (by apply_patch, or found after a shell command),
 * and reverting a turn's files to those baselines (revert.ts). Only files the agent changed are
 * touched; git refs and other files never are.
 */
import { AppError } from '../../../protocol/rpc/errors';
import type { ChangedFile } from '../../../protocol/schema/tandem';
import { diffTooLarge } from '../../agent/diff-tracker';
import type { HandlerTable } from '../handler';
import type { Baseline } from '../threads/records';
import { revertTurn, undoRevert, type RevertDeps } from './revert';
import { WorkspaceFiles } from './workspace-files';

/** What the changes handlers use of the server: what reverting does (the diff needs less). */
export type ChangesHandlersDeps = RevertDeps;

export function changesHandlers(
  deps: ChangesHandlersDeps,
): Pick<HandlerTable, 'tandem/turn/diff' | 'tandem/turn/revert' | 'tandem/turn/revert/undo'> {
  const { registry } = deps;
  return {
    'tandem/turn/diff': async (p) => {
      const s = await registry.stateOf(p.threadId);
      // A thread's diff starts from each file's first baseline; a turn's from its own.
      const first = new Map<string, Baseline>();
      for (const b of s.baselines) if ((!p.turnId || b.turnId === p.turnId) && !first.has(b.path)) first.set(b.path, b);
      const fs = await WorkspaceFiles.of(deps, s);
      const files: ChangedFile[] = [];
      const notes = [
        ...new Set(s.changeLog.watchNotes.filter((n) => !p.turnId || n.turnId === p.turnId).map((n) => n.note)),
      ];
      // One file at a time: a large one is read, compared and dropped before the next.
      for (const b of [...first.values()].sort((x, y) => x.display.localeCompare(y.display))) {
        let after: string | null;
        try {
          after = await fs.read(b);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          notes.push(`${b.display} is not shown: it is a symbolic link now, or leads through one.`);
          continue;
        }
        const before = await registry.store.blobs.resolve(b.before, b.blob);
        if (before === after) continue;
        const tooLarge = diffTooLarge(before, after);
        if (tooLarge !== null) notes.push(`${b.display} changed but is not shown: ${tooLarge}.`);
        else files.push({ path: b.path, display: b.display, before, after });
      }
      return { files, notes };
    },

    // Both run under the thread's lock (the method table's): a revert checks the files, then writes them.
    'tandem/turn/revert': (p) => revertTurn(deps, p),

    'tandem/turn/revert/undo': (p) => undoRevert(deps, p),
  };
}
