/**
 * Where the user was in each thread's transcript, kept in sessionStorage so a reload opens the
 * thread where they left it: the row at the top of the view (by key, not pixels: heights are
 * measured again after a reload) and how far it was scrolled past, or "at the bottom".
 */
export interface ScrollAnchor {
  /** The key of the first row in view (ThreadView's row keys). */
  key: string;
  /** Pixels from the row's top to the top of the view (>= 0). */
  offset: number;
  /** Following the end: a reload opens at the end, as for a thread never scrolled. */
  atBottom: boolean;
}

const PREFIX = 'tandem.scroll.';

export function loadAnchor(storage: Pick<Storage, 'getItem'>, threadId: string): ScrollAnchor | null {
  try {
    const raw = storage.getItem(PREFIX + threadId);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return null;
    const { key, offset, atBottom } = v as Record<string, unknown>;
    if (typeof key !== 'string' || typeof offset !== 'number' || typeof atBottom !== 'boolean') return null;
    return { key, offset: Math.max(0, offset), atBottom };
  } catch {
    return null;
  }
}

export function saveAnchor(storage: Pick<Storage, 'setItem'>, threadId: string, anchor: ScrollAnchor): void {
  try {
    storage.setItem(PREFIX + threadId, JSON.stringify(anchor));
  } catch {
    // Storage full or refused: the position is just not remembered.
  }
}

/**
 * Loads older turns until `present()` (the item looked for is loaded) or nothing older is left,
 * at most `bound` pages. True when the item is present at the end.
 */
export async function loadOlderUntil(
  present: () => boolean,
  hasOlder: () => boolean,
  loadOlder: () => Promise<boolean>,
  bound = 40,
): Promise<boolean> {
  for (let pages = 0; !present() && hasOlder() && pages < bound; pages++) {
    if (!(await loadOlder())) break;
  }
  return present();
}
