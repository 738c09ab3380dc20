/**
 * Search across every thread (the search dialog): the query, the results grouped by thread as
 * `thread/search` answers them, and which hit is selected. A pure reducer; the dialog's hook
 * sends the requests. Answers to an older query than the latest are dropped (`seq`).
 */
import type { ThreadSearchHit, ThreadSearchResponse } from '../../protocol/schema/thread-search';

/** One hit as the list shows it; `itemId` null when only the thread's name matched. */
export interface SearchHitView {
  threadId: string;
  itemId: string | null;
  snippet: string;
  ranges: Array<{ start: number; end: number }>;
  /** What matched, in words ("Command output", "File path"…). */
  label: string;
}

export interface SearchGroup {
  threadId: string;
  title: string;
  /** The thread's folder name. */
  project: string;
  hits: SearchHitView[];
  /** Items that matched beyond those shown. */
  more: number;
}

export interface SearchState {
  query: string;
  status: 'idle' | 'searching' | 'done' | 'failed';
  error: string | null;
  groups: SearchGroup[];
  /** Index into the hits of all groups, in order. */
  selected: number;
  /** The latest query sent. */
  seq: number;
}

export type SearchAction =
  | { type: 'typed'; query: string }
  | { type: 'sent'; seq: number }
  | { type: 'answered'; seq: number; response: ThreadSearchResponse }
  | { type: 'failed'; seq: number; message: string }
  | { type: 'move'; by: number }
  | { type: 'select'; index: number }
  | { type: 'reset' };

export const initialSearch: SearchState = { query: '', status: 'idle', error: null, groups: [], selected: 0, seq: 0 };

const LABELS: Record<string, string> = {
  'userMessage:text': 'You',
  'agentMessage:text': 'Agent',
  'plan:text': 'Plan',
  'commandExecution:command': 'Command',
  'commandExecution:output': 'Output',
  'fileChange:path': 'File',
  'fileChange:diff': 'Diff',
};

const labelOf = (hit: Pick<ThreadSearchHit, 'itemType' | 'field'>): string =>
  LABELS[`${hit.itemType}:${hit.field}`] ?? hit.field;

const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() || path;

/** The response as groups, one per thread, in the server's order. */
function groupsOf(response: ThreadSearchResponse): SearchGroup[] {
  return response.data.map((r) => {
    const threadId = r.thread.id;
    const hits = r.hits ?? [];
    const title = r.thread.name || r.thread.preview || 'Untitled thread';
    return {
      threadId,
      title,
      project: baseName(r.thread.cwd),
      hits: hits.length
        ? hits.map((h) => ({
            threadId,
            itemId: h.itemId,
            snippet: h.snippet,
            ranges: h.matchRanges,
            label: labelOf(h),
          }))
        : [{ threadId, itemId: null, snippet: r.snippet || title, ranges: [], label: 'Thread' }],
      more: Math.max(0, (r.hitCount ?? hits.length) - hits.length),
    };
  });
}

/** Every hit in list order. */
export const flatHits = (groups: SearchGroup[]): SearchHitView[] => groups.flatMap((g) => g.hits);

export function reduceSearch(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'typed':
      return action.query.trim()
        ? { ...state, query: action.query }
        : { ...initialSearch, seq: state.seq, query: action.query };
    case 'sent':
      return { ...state, seq: action.seq, status: 'searching', error: null };
    case 'answered':
      if (action.seq !== state.seq) return state;
      return { ...state, status: 'done', error: null, groups: groupsOf(action.response), selected: 0 };
    case 'failed':
      if (action.seq !== state.seq) return state;
      return { ...state, status: 'failed', error: action.message, groups: [] };
    case 'move': {
      const n = flatHits(state.groups).length;
      if (n === 0) return state;
      return { ...state, selected: (state.selected + action.by + n) % n };
    }
    case 'select':
      return { ...state, selected: action.index };
    case 'reset':
      return { ...initialSearch, seq: state.seq };
  }
}
