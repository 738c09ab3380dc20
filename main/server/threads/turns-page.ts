/**
 * A thread's turns a page at a time (`thread/turns/list`, `thread/resume`'s `initialTurnsPage`;
 * Codex's experimental API). A client opening a thread of thousands of items asks for its latest
 * turns and fetches older ones as the user scrolls back, so the first paint never waits for the
 * whole history to cross the wire and be rendered.
 *
 * Cursors are opaque to clients: a turn id, base64url-encoded with the direction it was made for.
 * `nextCursor` continues after the page's last turn; `backwardsCursor` pages the other way from
 * the page's first turn, that turn included.
 */
import { invalidCursor } from '../../../protocol/rpc/errors';
import type { ThreadTurnsListResponse, TurnItemsView } from '../../../protocol/schema/thread';
import type { Turn } from '../../../protocol/schema/turn';

const DEFAULT_TURNS_PAGE = 25;
const MAX_TURNS_PAGE = 500;

type Direction = 'asc' | 'desc';

interface Cursor {
  turnId: string;
  direction: Direction;
  /** Whether the page starts at the cursor's turn (a backwards cursor) or after it. */
  inclusive: boolean;
}

const encode = (c: Cursor): string =>
  Buffer.from(JSON.stringify([c.turnId, c.direction, c.inclusive])).toString('base64url');

function decode(text: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      (v[1] === 'asc' || v[1] === 'desc') &&
      typeof v[2] === 'boolean'
    ) {
      return { turnId: v[0], direction: v[1], inclusive: v[2] };
    }
  } catch {
    // reported below
  }
  throw invalidCursor('Invalid cursor: pass a nextCursor or backwardsCursor from an earlier page');
}

/** A cursor whose newest-first page starts at `turnId` (thread/searchOccurrences' `turnCursor`). */
export const inclusiveTurnCursor = (turnId: string): string => encode({ turnId, direction: 'desc', inclusive: true });

/** A turn's items as the view asks: all, none, or Codex's summary (what the user asked, the last answer). */
function withItems(turn: Turn, view: TurnItemsView): Turn {
  if (view === 'full') return turn;
  if (view === 'notLoaded') return { ...turn, items: [] };
  const lastAnswer = turn.items.findLast((i) => i.type === 'agentMessage');
  return { ...turn, items: turn.items.filter((i) => i.type === 'userMessage' || i === lastAnswer) };
}

export interface TurnsPageOptions {
  cursor?: string | null;
  limit?: number | null;
  sortDirection?: Direction | null;
  itemsView?: TurnItemsView | null;
}

/** One page of `turns` (oldest first, as stored). */
export function turnsPage(turns: Turn[], options: TurnsPageOptions): ThreadTurnsListResponse {
  const direction = options.sortDirection ?? 'desc';
  const limit = Math.min(options.limit || DEFAULT_TURNS_PAGE, MAX_TURNS_PAGE);
  const view = options.itemsView ?? 'summary';
  const ordered = direction === 'desc' ? turns.toReversed() : turns;
  let start = 0;
  if (options.cursor) {
    const cursor = decode(options.cursor);
    if (cursor.direction !== direction) {
      throw invalidCursor(
        `Invalid cursor: it pages ${cursor.direction === 'desc' ? 'newest first' : 'oldest first'}; pass that sortDirection`,
      );
    }
    const at = ordered.findIndex((t) => t.id === cursor.turnId);
    if (at < 0) throw invalidCursor(`Invalid cursor: turn ${cursor.turnId} is not in this thread`);
    start = cursor.inclusive ? at : at + 1;
  }
  const page = ordered.slice(start, start + limit);
  const first = page[0];
  const last = page.at(-1);
  const reverse: Direction = direction === 'desc' ? 'asc' : 'desc';
  return {
    data: page.map((t) => withItems(t, view)),
    nextCursor:
      last && start + page.length < ordered.length ? encode({ turnId: last.id, direction, inclusive: false }) : null,
    backwardsCursor: first ? encode({ turnId: first.id, direction: reverse, inclusive: true }) : null,
  };
}
