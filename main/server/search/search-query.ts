/**
 * `thread/search` and `thread/searchOccurrences` over the index: candidates from the index,
 * filtered and ordered as `thread/list` orders threads (Codex's default: created_at, newest
 * first), each matched exactly, until a page is full. Cursors are keyset, as thread/list's: the
 * last thread of the page (its sort value and id), so a page stays right while threads change.
 */
import { invalidCursor } from '../../../protocol/rpc/errors';
import type {
  ThreadSearchHit,
  ThreadSearchOccurrencesParams,
  ThreadSearchOccurrencesResponse,
  ThreadSearchParams,
} from '../../../protocol/schema/thread-search';
import type { Turn } from '../../../protocol/schema/turn';
import type { ThreadMeta } from '../threads/records';
import { inclusiveTurnCursor } from '../threads/turns-page';
import { docsOfTurns, fold } from './docs';
import { matchThread, parseQuery, snippet, toHit } from './match';
import type { SearchIndex } from './search-index';

const DEFAULT_PAGE = 25;
const MAX_PAGE = 200;
const HITS_PER_THREAD = 5;
const READ_AHEAD = 8;

interface SearchFound {
  meta: ThreadMeta;
  snippet: string;
  hits: ThreadSearchHit[];
  hitCount: number;
}

export interface SearchPage {
  found: SearchFound[];
  nextCursor: string | null;
  backwardsCursor: string | null;
}

type Key = 'createdAtMs' | 'updatedAtMs';
/** [sort value, thread id, order it was made for]. */
type Cursor = [number, string, string];

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(text: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string' && typeof v[2] === 'string')
      return [v[0], v[1], v[2]];
  } catch {
    // reported below
  }
  throw invalidCursor('Invalid cursor: pass a nextCursor or backwardsCursor from an earlier thread/search');
}

/** What the query reads of the server: the index and each thread's newest metadata. */
export interface SearchContext {
  index: SearchIndex;
  /** Every thread's metadata (memory's where a thread is loaded); `ids` narrows when given. */
  metas(ids: string[] | undefined): ThreadMeta[];
}

export async function searchThreads(ctx: SearchContext, p: ThreadSearchParams): Promise<SearchPage> {
  const words = parseQuery(p.searchTerm);
  if (words.length === 0) return { found: [], nextCursor: null, backwardsCursor: null };
  const archived = p.archived ?? false;
  const sources = p.sourceKinds?.length ? new Set(p.sourceKinds) : null;
  if (sources && !sources.has('appServer')) return { found: [], nextCursor: null, backwardsCursor: null };
  const key: Key = p.sortKey == null || p.sortKey === 'created_at' ? 'createdAtMs' : 'updatedAtMs';
  const desc = (p.sortDirection ?? 'desc') === 'desc';
  const order = `${key}:${desc ? 'desc' : 'asc'}`;
  const limit = Math.min(p.limit || DEFAULT_PAGE, MAX_PAGE);
  const after = p.cursor ? decode(p.cursor) : null;
  if (after && after[2] !== order)
    throw invalidCursor(
      'Invalid cursor: it belongs to a search in another order; pass the sortKey and sortDirection it was made for',
    );

  const cmp = (a: number, aId: string, b: number, bId: string): number => {
    const d = a - b || (aId < bId ? -1 : aId > bId ? 1 : 0);
    return desc ? -d : d;
  };
  const candidates = ctx
    .metas(ctx.index.candidates(words))
    .filter((m) => !m.ephemeral && m.archived === archived && (!after || cmp(m[key], m.id, after[0], after[1]) > 0))
    .sort((a, b) => cmp(a[key], a.id, b[key], b.id));

  const found: SearchFound[] = [];
  let more = false;
  for (let i = 0; i < candidates.length && !more; i += READ_AHEAD) {
    const batch = candidates.slice(i, i + READ_AHEAD);
    const docs = await Promise.all(batch.map((m) => ctx.index.docs(m.id)));
    for (const [j, meta] of batch.entries()) {
      const d = docs[j];
      const matches = d && matchThread(d, words);
      if (!matches) continue;
      if (found.length === limit) {
        more = true;
        break;
      }
      const hits = matches.slice(0, HITS_PER_THREAD).map(toHit);
      found.push({ meta, snippet: hits[0]?.snippet ?? meta.name ?? meta.preview, hits, hitCount: matches.length });
    }
  }
  const first = found[0]?.meta;
  const last = found.at(-1)?.meta;
  const reverse = `${key}:${desc ? 'asc' : 'desc'}`;
  return {
    found,
    nextCursor: more && last ? encode([last[key], last.id, order]) : null,
    // Pages the other way from the page's first thread, that thread itself left out (as thread/list's).
    backwardsCursor: first ? encode([first[key], first.id, reverse]) : null,
  };
}

const DEFAULT_OCCURRENCES = 100;
const MAX_OCCURRENCES = 1000;

/** Each occurrence of a literal in a thread's user and agent messages, in thread order. */
export function searchOccurrences(
  name: string | null,
  turns: Turn[],
  p: ThreadSearchOccurrencesParams,
): ThreadSearchOccurrencesResponse {
  const term = fold(p.searchTerm);
  const limit = Math.min(p.limit || DEFAULT_OCCURRENCES, MAX_OCCURRENCES);
  let skip = 0;
  if (p.cursor) {
    const n = Number(Buffer.from(p.cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(n) || n < 0)
      throw invalidCursor('Invalid cursor: pass a nextCursor from an earlier thread/searchOccurrences');
    skip = n;
  }
  const data: ThreadSearchOccurrencesResponse['data'] = [];
  if (!term) return { data, nextCursor: null };
  let seen = 0;
  for (const doc of docsOfTurns(name, turns).docs) {
    if (doc.itemType !== 'userMessage' && doc.itemType !== 'agentMessage') continue;
    for (let at = doc.folded.indexOf(term); at >= 0; at = doc.folded.indexOf(term, at + term.length)) {
      if (seen++ < skip) continue;
      if (data.length === limit) return { data, nextCursor: Buffer.from(String(skip + limit)).toString('base64url') };
      const s = snippet(doc.text, [[at, at + term.length]]);
      const range = s.ranges[0] ?? [0, 0];
      data.push({
        itemId: doc.itemId,
        turnId: doc.turnId,
        turnCursor: inclusiveTurnCursor(doc.turnId),
        snippet: s.snippet,
        snippetMatchRange: { start: range[0], end: range[1] },
      });
    }
  }
  return { data, nextCursor: null };
}
