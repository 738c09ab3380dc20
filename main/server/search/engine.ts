/** The search index of one store, built on first use (loaded with this module, on the first search). */
import type { ThreadStore } from '../threads/thread-store';
import { SearchIndex } from './search-index';

export { searchOccurrences, searchThreads } from './search-query';

const built = new WeakMap<ThreadStore, Promise<SearchIndex>>();

/** The store's index, built from its files the first time (the newest threads end up cached). */
export function searchIndexOf(store: ThreadStore): Promise<SearchIndex> {
  let index = built.get(store);
  if (!index) {
    index = SearchIndex.build(
      {
        threadIds: async () =>
          [...(await store.index()).all()]
            .filter((m) => !m.ephemeral)
            .sort((a, b) => a.updatedAtMs - b.updatedAtMs)
            .map((m) => m.id),
        pathOf: (id) => store.pathOf(id),
      },
      (i) => (store.observer = i),
      cacheBudget(),
    );
    built.set(store, index);
    // A failed build (the folder unreadable) is tried again by the next search.
    index.catch(() => {
      store.observer = undefined;
      built.delete(store);
    });
  }
  return index;
}

/** TANDEM_SEARCH_CACHE_MB: the byte budget of cached thread texts (default 48 MiB). */
function cacheBudget(): number | undefined {
  const mb = Number(process.env.TANDEM_SEARCH_CACHE_MB);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : undefined;
}
