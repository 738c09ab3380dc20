/**
 * The user's choices in each pending file-change review: which hunks are accepted, which file is
 * shown, where the editor was scrolled. Kept here, not in the review's component, because the
 * component comes and goes (another thread, the windowed transcript, a reload) while the approval
 * is still waiting — and Approve must send exactly the choices the review shows.
 *
 * Keyed by the approval's thread and item, not its JSON-RPC request id: a server re-sends a
 * pending approval to a client that resumes its thread with a new request id and the same item.
 * A review is dropped once its approval is settled (answered here, the item completed, the turn
 * ended), never because its request was resolved: a re-sent request resolves the old one. Pure.
 */
import type { ServerNotification } from '../../protocol/methods';
import type { FileEdit, HunkSelection } from '../../protocol/schema/approval';
import type { Turn } from '../../protocol/schema/turn';

export interface Review {
  threadId: string;
  turnId: string;
  itemId: string;
  /**
   * Per file path (as the change names it): one entry per hunk, in order; true = accepted, false =
   * rejected, null = not decided yet (pending: accepted if the change is approved as it is).
   */
  files: Record<string, Array<boolean | null>>;
  /** The file shown, as an index into the review's files. */
  current: number;
  /** Files the user edited in the review, by path: the whole text, written instead of the proposal. */
  edits?: Record<string, string>;
}

/** A file's state in the review's file list. */
export type FileState = 'pending' | 'accepted' | 'rejected' | 'partly' | 'edited';

export interface ReviewsState {
  byKey: Record<string, Review>;
  /** Diffs inline rather than side by side: one preference for every review and the Changes panel. */
  inline: boolean;
  /** Each file's editor view state (Monaco's, opaque here), by `viewKey`; never persisted. */
  views: Record<string, unknown>;
  /** The review the user opened in the review view (its key), if any. */
  open: string | null;
  /** Reviews the user closed: not shown again by themselves when their approval shows. */
  dismissed: string[];
}

export const emptyReviews: ReviewsState = { byKey: {}, inline: false, views: {}, open: null, dismissed: [] };

export const reviewKey = (threadId: string, itemId: string): string => `${threadId}\u0000${itemId}`;
export const viewKey = (key: string, path: string): string => `${key}\u0000${path}`;

export type ReviewsAction =
  /** The review's files loaded: choices start all accepted, unless kept ones fit these files. */
  | {
      type: 'reviewLoaded';
      threadId: string;
      turnId: string;
      itemId: string;
      files: Array<{ path: string; hunks: number }>;
    }
  | { type: 'hunksChosen'; key: string; path: string; hunk: number | 'all'; accepted: boolean }
  | { type: 'reviewFileShown'; key: string; index: number }
  /** The user edited a file's proposed text (null: back to the proposal). */
  | { type: 'fileEdited'; key: string; path: string; content: string | null }
  /** The user opened the review view on this review. */
  | { type: 'reviewOpened'; key: string }
  /** The user closed it: it no longer opens by itself (reviewShown). */
  | { type: 'reviewClosed'; key: string }
  | { type: 'reviewViewSaved'; key: string; path: string; view: unknown }
  | { type: 'diffViewMode'; inline: boolean }
  /** What a previous page of this tab kept (see review-storage). Never overrides a live review. */
  | { type: 'reviewsRestored'; reviews: Review[]; inline?: boolean }
  | { type: 'reviewSettled'; key: string }
  /** A thread was read from the server: reviews of items or turns it shows as finished go. */
  | { type: 'threadRead'; threadId: string; turns: Turn[] }
  | { type: 'notification'; notification: ServerNotification };

function without(state: ReviewsState, drop: (r: Review) => boolean): ReviewsState {
  const gone = Object.entries(state.byKey).filter(([, r]) => drop(r));
  if (gone.length === 0) return state;
  const byKey = { ...state.byKey };
  const views = { ...state.views };
  for (const [key] of gone) {
    delete byKey[key];
    for (const v of Object.keys(views)) if (v.startsWith(`${key}\u0000`)) delete views[v];
  }
  const keys = new Set(gone.map(([key]) => key));
  return {
    ...state,
    byKey,
    views,
    open: state.open !== null && keys.has(state.open) ? null : state.open,
    dismissed: state.dismissed.filter((k) => !keys.has(k)),
  };
}

/** Kept choices fit a load when they name the same files with the same number of hunks each. */
function fits(review: Review, files: Array<{ path: string; hunks: number }>): boolean {
  return (
    Object.keys(review.files).length === files.length && files.every((f) => review.files[f.path]?.length === f.hunks)
  );
}

function update(state: ReviewsState, key: string, change: (r: Review) => Review): ReviewsState {
  const review = state.byKey[key];
  return review ? { ...state, byKey: { ...state.byKey, [key]: change(review) } } : state;
}

export function reduceReviews(state: ReviewsState, action: ReviewsAction): ReviewsState {
  switch (action.type) {
    case 'reviewLoaded': {
      const key = reviewKey(action.threadId, action.itemId);
      const kept = state.byKey[key];
      // (An item id is the model's call id: another turn may use it again; a re-sent approval keeps its turn.)
      if (kept && kept.turnId === action.turnId && fits(kept, action.files)) return state;
      // Nothing kept, or kept for other contents: what the user sees is all accepted, so that is the state.
      const files = Object.fromEntries(action.files.map((f) => [f.path, Array.from({ length: f.hunks }, () => null)]));
      return {
        ...state,
        byKey: {
          ...state.byKey,
          [key]: { threadId: action.threadId, turnId: action.turnId, itemId: action.itemId, files, current: 0 },
        },
      };
    }
    case 'hunksChosen':
      return update(state, action.key, (r) => {
        const hunks = r.files[action.path];
        if (!hunks) return r;
        return {
          ...r,
          files: {
            ...r.files,
            [action.path]: hunks.map((v, i) => (action.hunk === 'all' || action.hunk === i ? action.accepted : v)),
          },
        };
      });
    case 'reviewFileShown':
      return update(state, action.key, (r) => (r.current === action.index ? r : { ...r, current: action.index }));
    case 'fileEdited':
      return update(state, action.key, (r) => {
        const edits = { ...r.edits };
        if (action.content === null) delete edits[action.path];
        else edits[action.path] = action.content;
        return { ...r, edits };
      });
    case 'reviewOpened':
      return state.open === action.key && !state.dismissed.includes(action.key)
        ? state
        : { ...state, open: action.key, dismissed: state.dismissed.filter((k) => k !== action.key) };
    case 'reviewClosed':
      return {
        ...state,
        open: state.open === action.key ? null : state.open,
        dismissed: [...state.dismissed.filter((k) => k !== action.key), action.key],
      };
    case 'reviewViewSaved':
      return state.byKey[action.key]
        ? { ...state, views: { ...state.views, [viewKey(action.key, action.path)]: action.view } }
        : state;
    case 'diffViewMode':
      return state.inline === action.inline ? state : { ...state, inline: action.inline };
    case 'reviewsRestored': {
      const byKey = { ...state.byKey };
      for (const r of action.reviews) byKey[reviewKey(r.threadId, r.itemId)] ??= r;
      return { ...state, byKey, inline: action.inline ?? state.inline };
    }
    case 'reviewSettled':
      return without(state, (r) => reviewKey(r.threadId, r.itemId) === action.key);
    case 'threadRead': {
      const finishedTurns = new Set(action.turns.filter((t) => t.status !== 'inProgress').map((t) => t.id));
      const finishedItems = new Set(
        action.turns.flatMap((t) =>
          t.items.filter((i) => i.type === 'fileChange' && i.status !== 'inProgress').map((i) => i.id),
        ),
      );
      return without(
        state,
        (r) => r.threadId === action.threadId && (finishedTurns.has(r.turnId) || finishedItems.has(r.itemId)),
      );
    }
    case 'notification': {
      const n = action.notification;
      if (n.method === 'item/completed')
        return without(state, (r) => r.threadId === n.params.threadId && r.itemId === n.params.item.id);
      if (n.method === 'turn/completed')
        return without(state, (r) => r.threadId === n.params.threadId && r.turnId === n.params.turn.id);
      return state;
    }
  }
}

/** The answer's `hunks`: exactly the choices shown, one entry per hunk of every file listed (pending: accepted). */
export function selectionOf(review: Review, files: Array<{ path: string; hunks: number }>): HunkSelection[] {
  return files.map((f) => ({
    path: f.path,
    accepted: Array.from({ length: f.hunks }, (_, i) => review.files[f.path]?.[i] ?? true),
  }));
}

/** The answer's extensions from the review's state alone (the card's buttons, the view closed): hunks and edits. */
export function answerOf(review: Review): { hunks: HunkSelection[]; edits: FileEdit[] } {
  return {
    hunks: Object.entries(review.files).map(([path, h]) => ({ path, accepted: h.map((v) => v ?? true) })),
    edits: Object.entries(review.edits ?? {}).map(([path, content]) => ({ path, content })),
  };
}

/**
 * The review the view shows among the pending file changes of the thread in view (their keys, in
 * order): the one the user opened, else the first, unless the user closed it.
 */
export function reviewShown(state: ReviewsState, keys: string[]): string | null {
  if (state.open !== null && keys.includes(state.open)) return state.open;
  return keys.find((k) => !state.dismissed.includes(k)) ?? null;
}

/** A file's state for the file list, from its hunks' choices and whether it was edited. */
export function fileStateOf(review: Review, path: string): FileState {
  if (review.edits?.[path] !== undefined) return 'edited';
  const h = review.files[path] ?? [];
  if (h.length > 0 && h.every((v) => v === false)) return 'rejected';
  if (h.some((v) => v === false)) return 'partly';
  if (h.length > 0 && h.every((v) => v === true)) return 'accepted';
  return 'pending';
}

/** The reviews worth keeping across a reload, as text (choices only; view states stay in memory). */
export function serializeReviews(state: ReviewsState): string | null {
  const reviews = Object.values(state.byKey);
  return reviews.length === 0 ? null : JSON.stringify({ version: 1, reviews });
}

const isReview = (r: unknown): r is Review => {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  const files = o.files;
  return (
    typeof o.threadId === 'string' &&
    typeof o.turnId === 'string' &&
    typeof o.itemId === 'string' &&
    Number.isInteger(o.current) &&
    typeof files === 'object' &&
    files !== null &&
    Object.values(files).every((h) => Array.isArray(h) && h.every((v) => typeof v === 'boolean' || v === null)) &&
    (o.edits === undefined ||
      (typeof o.edits === 'object' && o.edits !== null && Object.values(o.edits).every((t) => typeof t === 'string')))
  );
};

/** Reviews from `serializeReviews`' text; anything unreadable or malformed is left out, never thrown. */
export function deserializeReviews(text: string | null): Review[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    const reviews = (parsed as { version?: unknown; reviews?: unknown }).reviews;
    if ((parsed as { version?: unknown }).version !== 1 || !Array.isArray(reviews)) return [];
    return reviews.filter(isReview);
  } catch {
    return [];
  }
}
