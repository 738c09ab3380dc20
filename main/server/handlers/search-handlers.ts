/**
 * `thread/search` and `thread/searchOccurrences`. The search code and its index load on the
 * first call (a fresh server answering `initialize` loads neither).
 */
import type { Thread } from '../../../protocol/schema/thread';
import type { HandlerTable } from '../handler';
import type { ThreadRegistry } from '../thread-registry';
import type { GitInfoCache } from '../threads/git-info';
import type { ThreadMeta } from '../threads/records';

export interface SearchHandlersDeps {
  registry: Pick<ThreadRegistry, 'store' | 'getLoaded' | 'loadedThreads' | 'wireThread'>;
  gitInfo: Pick<GitInfoCache, 'forThread'>;
}

export function searchHandlers({
  registry,
  gitInfo,
}: SearchHandlersDeps): Pick<HandlerTable, 'thread/search' | 'thread/searchOccurrences'> {
  const engine = () => import('../search/engine');
  const withGit = async (meta: ThreadMeta): Promise<Thread> => ({
    ...registry.wireThread(meta, null),
    gitInfo: await gitInfo.forThread(meta.cwd, meta.gitInfo),
  });

  return {
    'thread/search': async (p) => {
      const { searchIndexOf, searchThreads } = await engine();
      const index = await searchIndexOf(registry.store);
      const listed = await registry.store.index();
      const page = await searchThreads(
        {
          index,
          // What memory holds is newer than the list index (a running turn's thread).
          metas: (ids) =>
            (ids ?? [...listed.all()].map((m) => m.id)).flatMap((id) => {
              const meta = registry.getLoaded(id)?.state.meta ?? listed.get(id);
              return meta ? [meta] : [];
            }),
        },
        p,
      );
      const data = await Promise.all(
        page.found.map(async (f) => ({
          thread: await withGit(f.meta),
          snippet: f.snippet,
          hits: f.hits,
          hitCount: f.hitCount,
        })),
      );
      return { data, nextCursor: page.nextCursor, backwardsCursor: page.backwardsCursor };
    },

    'thread/searchOccurrences': async (p) => {
      const { searchOccurrences } = await engine();
      const loaded = registry.getLoaded(p.threadId);
      const state = loaded?.state ?? (await registry.store.require(p.threadId));
      return searchOccurrences(state.meta.name, state.turns, p);
    },
  };
}
