/**
 * The pending reviews' choices across a reload of the page: in this tab's sessionStorage, under
 * the server's identity (its home folder, where its threads live), so choices never meet another
 * server's thread of the same id. Removed once no review is pending. The view mode is a
 * preference and lives in localStorage. A storage that fails (full, disabled) loses nothing
 * shown: the state in memory stays the truth.
 */
import { deserializeReviews, serializeReviews, type Review, type ReviewsState } from './reviews';

/** What it needs of a Web Storage (sessionStorage, localStorage): passed in, so this stays DOM-free. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const reviewsKey = (server: string): string => `tandem.reviews:${server}`;
const VIEW_MODE_KEY = 'tandem.diffViewMode';

function attempt<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}

export function loadReviews(store: KeyValueStore, server: string): Review[] {
  return attempt(() => deserializeReviews(store.getItem(reviewsKey(server))), []);
}

export function saveReviews(store: KeyValueStore, server: string, state: ReviewsState): void {
  const text = serializeReviews(state);
  attempt(
    () => (text === null ? store.removeItem(reviewsKey(server)) : store.setItem(reviewsKey(server), text)),
    undefined,
  );
}

export function loadInline(store: KeyValueStore): boolean | undefined {
  const v = attempt(() => store.getItem(VIEW_MODE_KEY), null);
  return v === 'inline' ? true : v === 'sideBySide' ? false : undefined;
}

export function saveInline(store: KeyValueStore, inline: boolean): void {
  attempt(() => store.setItem(VIEW_MODE_KEY, inline ? 'inline' : 'sideBySide'), undefined);
}
