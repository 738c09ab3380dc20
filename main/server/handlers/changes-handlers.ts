/**
 * The changes panel (Tandem extensions): what a turn — or the whole thread — changed, from the
 * baselines recorded before each first write (by apply_patch, or found after a shell command),
 * and reverting a turn's files to those baselines (revert.ts). Only files the agent changed are
 * touched; git refs and other files never are.
 */
import { readFile } from 'node:fs/promises';
import type { AppServer } from '../app-server';
import type { HandlerTable } from '../handler';
import type { Baseline, ThreadState } from '../threads/records';
import { revertTurn, undoRevert } from './revert';

const readOrNull = (path: string): Promise<string | null> => readFile(path, 'utf8').catch(() => null);

export function changesHandlers(server: AppServer): Pick<HandlerTable, 'tandem/turn/diff' | 'tandem/turn/revert' | 'tandem/turn/revert/undo'> {
  const stateOf = async (threadId: string): Promise<ThreadState> => server.getLoaded(threadId)?.state ?? (await server.store.require(threadId));

  return {
    'tandem/turn/diff': async (p) => {
      const s = await stateOf(p.threadId);
      // A thread's diff starts from each file's first baseline; a turn's from its own.
      const first = new Map<string, Baseline>();
      for (const b of s.baselines) if ((!p.turnId || b.turnId === p.turnId) && !first.has(b.path)) first.set(b.path, b);
      const files = await Promise.all(
        [...first.values()].map(async (b) => ({ path: b.path, display: b.display, before: b.before, after: await readOrNull(b.path) })),
      );
      const notes = [...new Set(s.changeLog.watchNotes.filter((n) => !p.turnId || n.turnId === p.turnId).map((n) => n.note))];
      return { files: files.filter((f) => f.before !== f.after).sort((a, b) => a.display.localeCompare(b.display)), notes };
    },

    'tandem/turn/revert': (p) => server.exclusive(p.threadId, () => revertTurn(server, p)),

    'tandem/turn/revert/undo': (p) => server.exclusive(p.threadId, () => undoRevert(server, p)),
  };
}
