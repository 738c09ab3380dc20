/**
 * `thread/list` over thread metadata: filter, sort, and keyset pagination. The cursor names the
 * last thread of the previous page (its sort value and id), so pages stay correct while threads
 * are added or updated between calls. Codex's defaults: `created_at`, newest first. A page's
 * `backwardsCursor` names its first thread, for the opposite direction: the threads before the
 * page, nearest first, that thread left out (as Codex 0.169 answers it).
 */
import { resolve } from 'node:path';
import type { ThreadListParams } from '../../../protocol/schema/thread';
import { invalidCursor } from '../../../protocol/rpc/errors';
import type { ThreadMeta } from './records';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 200;

export interface ListPage {
  threads: ThreadMeta[];
  nextCursor: string | null;
  backwardsCursor: string | null;
}

/**
 * A thread (its sort value and id), the order the next page is in, and whether that page starts
 * at this thread (a backwards cursor) or after it.
 */
type Cursor = [number, string, string, boolean];

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      (value.length === 3 || value.length === 4) &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string' &&
      (value[3] === undefined || typeof value[3] === 'boolean')
    ) {
      return [value[0], value[1], value[2], value[3] === true];
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor('Invalid cursor: pass a nextCursor or backwardsCursor from an earlier thread/list');
}

export function listThreads(all: Iterable<ThreadMeta>, params: ThreadListParams): ListPage {
  const archived = params.archived ?? false;
  const cwds =
    params.cwd == null ? null : new Set((Array.isArray(params.cwd) ? params.cwd : [params.cwd]).map((p) => resolve(p)));
  const term = params.searchTerm?.trim().toLowerCase() || null;
  const providers = params.modelProviders?.length ? new Set(params.modelProviders) : null;
  const excluded = params.excludedThreadIds?.length ? new Set(params.excludedThreadIds) : null;
  const sources = params.sourceKinds?.length ? new Set(params.sourceKinds) : null;
  // Codex sorts by creation unless told otherwise; recency and section position have no other
  // meaning here than the last update.
  const key = params.sortKey == null || params.sortKey === 'created_at' ? 'createdAtMs' : 'updatedAtMs';
  const desc = (params.sortDirection ?? 'desc') === 'desc';
  const limit = Math.min(params.limit || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const order = `${key}:${desc ? 'desc' : 'asc'}`;
  const after = params.cursor ? decodeCursor(params.cursor) : null;
  if (after && after[2] !== order) {
    throw invalidCursor(
      'Invalid cursor: it belongs to a listing in another order; pass the sortKey and sortDirection it was made for (for a backwardsCursor, the opposite direction)',
    );
  }

  // Order: by the sort value, ties broken by id, both in the requested direction.
  const compare = (a: ThreadMeta, b: ThreadMeta): number => {
    const d = a[key] - b[key] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return desc ? -d : d;
  };
  const isAfterCursor = (m: ThreadMeta): boolean => {
    if (!after) return true;
    const d = m[key] - after[0] || (m.id < after[1] ? -1 : m.id > after[1] ? 1 : 0);
    if (d === 0) return after[3];
    return desc ? d < 0 : d > 0;
  };

  const matches: ThreadMeta[] = [];
  for (const m of all) {
    if (m.ephemeral || m.archived !== archived) continue;
    if (cwds && !cwds.has(m.cwd)) continue;
    if (providers && !providers.has(m.modelProvider)) continue;
    if (sources && !sources.has('appServer')) continue;
    if (excluded?.has(m.id)) continue;
    if (term && !(m.name ?? '').toLowerCase().includes(term) && !m.preview.toLowerCase().includes(term)) continue;
    if (!isAfterCursor(m)) continue;
    matches.push(m);
  }
  matches.sort(compare);
  const threads = matches.slice(0, limit);
  const first = threads[0];
  const last = threads[threads.length - 1];
  const nextCursor = matches.length > limit && last ? encodeCursor([last[key], last.id, order, false]) : null;
  const reverse = `${key}:${desc ? 'asc' : 'desc'}`;
  const backwardsCursor = first ? encodeCursor([first[key], first.id, reverse, false]) : null;
  return { threads, nextCursor, backwardsCursor };
}
