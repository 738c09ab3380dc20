/**
 * A thread's items a page at a time (`thread/items/list`): of one turn or the whole thread,
 * oldest first unless asked otherwise. A cursor is opaque to clients: an item (its turn and id),
 * base64url-encoded with the direction it was made for and whether the page starts at it (a
 * backwards cursor, which shows its item again) or after it. A client may also start after (or,
 * descending, before) an item of the turn it names: `{ type: 'item', itemId }`.
 */
import { invalidCursor, invalidParams } from '../../../protocol/rpc/errors';
import type { ThreadItemEntry, ThreadItemsListParams } from '../../../protocol/schema/thread-methods';
import type { ThreadItemsListResponse } from '../../../protocol/schema/thread-methods';
import type { Turn } from '../../../protocol/schema/turn';

const DEFAULT_ITEMS_PAGE = 50;
const MAX_ITEMS_PAGE = 500;

type Direction = 'asc' | 'desc';

interface Cursor {
  turnId: string;
  itemId: string;
  direction: Direction;
  inclusive: boolean;
}

const encode = (c: Cursor): string =>
  Buffer.from(JSON.stringify(['items', c.turnId, c.itemId, c.direction, c.inclusive])).toString('base64url');

function decode(text: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v[0] === 'items' &&
      typeof v[1] === 'string' &&
      typeof v[2] === 'string' &&
      (v[3] === 'asc' || v[3] === 'desc') &&
      typeof v[4] === 'boolean'
    ) {
      return { turnId: v[1], itemId: v[2], direction: v[3], inclusive: v[4] };
    }
  } catch {
    // reported below
  }
  throw invalidCursor('Invalid cursor: pass a nextCursor or backwardsCursor from an earlier thread/items/list');
}

/** One page of the items of `turns` (oldest first, as stored). */
export function itemsPage(turns: Turn[], p: ThreadItemsListParams): ThreadItemsListResponse {
  const direction = p.sortDirection ?? 'asc';
  const limit = Math.min(p.limit || DEFAULT_ITEMS_PAGE, MAX_ITEMS_PAGE);
  let scope = turns;
  if (p.turnId) {
    scope = turns.filter((t) => t.id === p.turnId);
    if (scope.length === 0) throw invalidParams(`No turn ${p.turnId} in this thread`, { field: 'turnId' });
  }
  const all: ThreadItemEntry[] = scope.flatMap((t) =>
    t.items.map((item) => ({ item, turnId: t.id, startedAtMs: null, completedAtMs: null })),
  );
  const ordered = direction === 'desc' ? all.toReversed() : all;
  let start = 0;
  if (typeof p.cursor === 'string') {
    const c = decode(p.cursor);
    if (c.direction !== direction) {
      throw invalidCursor(
        `Invalid cursor: it pages ${c.direction === 'asc' ? 'oldest first' : 'newest first'}; pass that sortDirection`,
      );
    }
    const at = ordered.findIndex((e) => e.turnId === c.turnId && e.item.id === c.itemId);
    if (at < 0) throw invalidCursor(`Invalid cursor: item ${c.itemId} is not in this thread`);
    start = c.inclusive ? at : at + 1;
  } else if (p.cursor) {
    if (!p.turnId) throw invalidParams('An item cursor needs the turnId it belongs to', { field: 'turnId' });
    const itemId = p.cursor.itemId;
    const at = ordered.findIndex((e) => e.item.id === itemId);
    if (at < 0) throw invalidCursor(`Invalid cursor: item ${itemId} is not in turn ${p.turnId}`);
    start = at + 1;
  }
  const page = ordered.slice(start, start + limit);
  const first = page[0];
  const last = page.at(-1);
  const reverse: Direction = direction === 'desc' ? 'asc' : 'desc';
  return {
    data: page,
    nextCursor:
      last && start + page.length < ordered.length
        ? encode({ turnId: last.turnId, itemId: last.item.id, direction, inclusive: false })
        : null,
    backwardsCursor: first
      ? encode({ turnId: first.turnId, itemId: first.item.id, direction: reverse, inclusive: true })
      : null,
  };
}
