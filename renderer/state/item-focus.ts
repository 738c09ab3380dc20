/**
 * The item the user asked to be shown: a search result, a find-in-thread match, a notification's
 * thread. Whoever asks (search, find) calls `focusItem`; the transcript (ThreadView) scrolls to the
 * item, loading older turns if needed, and highlights `term` in it. A small store outside React so
 * any component can ask without threading callbacks through the tree (the hook is
 * components/use-item-focus.ts: this folder is also type-checked without the DOM and React).
 */
export interface ItemFocus {
  threadId: string;
  /** The item to bring into view; null: just the thread (its latest turns). */
  itemId: string | null;
  /** Text to highlight in the item (a search term), case-insensitive. */
  term: string | null;
  /** Grows with every request, so asking for the same item twice scrolls twice. */
  seq: number;
}

let current: ItemFocus | null = null;
let seq = 0;
const listeners = new Set<() => void>();

export function focusItem(threadId: string, itemId: string | null, term: string | null = null): void {
  current = { threadId, itemId, term, seq: ++seq };
  for (const l of listeners) l();
}

export function clearItemFocus(): void {
  if (!current) return;
  current = null;
  for (const l of listeners) l();
}

export function subscribeItemFocus(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function currentItemFocus(): ItemFocus | null {
  return current;
}
