/**
 * The changes panel (Tandem extensions): what a turn — or the whole thread — changed, from the
 * baselines recorded before each first write, and reverting a turn's files to those baselines.
 * Only files the agent changed are touched; git refs and other files never are.
 */
import { readFile, rm } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { AppError, ErrorCode } from '../../../protocol/rpc/errors';
import type { AppServer } from '../app-server';
import type { HandlerTable } from '../handler';
import type { Baseline } from '../threads/records';

const readOrNull = (path: string): Promise<string | null> => readFile(path, 'utf8').catch(() => null);

export function changesHandlers(server: AppServer): Pick<HandlerTable, 'tandem/turn/diff' | 'tandem/turn/revert'> {
  const baselinesOf = async (threadId: string): Promise<Baseline[]> =>
    (server.getLoaded(threadId)?.state ?? (await server.store.require(threadId))).baselines;

  return {
    'tandem/turn/diff': async (p) => {
      const all = await baselinesOf(p.threadId);
      // A thread's diff starts from each file's first baseline; a turn's from its own.
      const first = new Map<string, Baseline>();
      for (const b of all) if ((!p.turnId || b.turnId === p.turnId) && !first.has(b.path)) first.set(b.path, b);
      const files = await Promise.all(
        [...first.values()].map(async (b) => ({ path: b.path, display: b.display, before: b.before, after: await readOrNull(b.path) })),
      );
      return { files: files.filter((f) => f.before !== f.after).sort((a, b) => a.display.localeCompare(b.display)) };
    },

    'tandem/turn/revert': (p) =>
      server.exclusive(p.threadId, async () => {
        const active = server.getLoaded(p.threadId)?.activeTurn;
        if (active && !active.isFinished) {
          throw new AppError(ErrorCode.TurnBusy, 'A turn is running in this thread; stop it before reverting', { reason: 'turnBusy', turnId: active.id });
        }
        const mine = (await baselinesOf(p.threadId)).filter((b) => b.turnId === p.turnId && (!p.path || b.path === p.path || b.display === p.path));
        if (mine.length === 0) {
          throw new AppError(ErrorCode.TurnNotFound, p.path ? `Turn ${p.turnId} did not change ${p.path}` : `Turn ${p.turnId} changed no files`, { reason: 'turnNotFound', turnId: p.turnId });
        }
        const reverted: string[] = [];
        for (const b of mine) {
          if (b.before === null) await rm(b.path, { force: true });
          else await writeFileAtomic(b.path, b.before);
          reverted.push(b.display);
        }
        return { reverted };
      }),
  };
}
