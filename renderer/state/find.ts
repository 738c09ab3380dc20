/**
 * Find in the open thread (Ctrl/Cmd+F): the find bar's state, and the matches computed from the
 * transcript state — not from the DOM, which holds only the rows in view of the windowed
 * transcript. Pure: no React, no DOM.
 */
import { OTHER_ITEM, type AnyThreadItem } from '../../protocol/schema/wire-item';
import type { TranscriptState } from './transcript';

/** The text of an item as the transcript shows it (what find searches). */
export function itemText(item: AnyThreadItem): string {
  switch (item.type) {
    case 'userMessage':
      return item.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    case 'agentMessage':
      return item.text;
    case 'reasoning':
      return (item.summary ?? []).join('\n');
    case 'commandExecution':
      return `${item.command}\n${item.aggregatedOutput ?? ''}`;
    case 'fileChange':
      return item.changes.map((c) => c.path).join('\n');
    case 'plan':
      return item.text;
    case 'dynamicToolCall':
      return item.tool;
    case OTHER_ITEM:
      return '';
  }
}

/** The transcript row key of an item (ThreadView's rows). */
export const itemRowKey = (turnId: string, itemId: string): string => `${turnId}:${itemId}`;

/** One occurrence of the query: in which item, and which occurrence in it (0-based). */
export interface FindMatch {
  key: string;
  itemId: string;
  occurrence: number;
}

/** How many times `needle` (already lower-cased) occurs in `text`, not overlapping. */
function occurrences(text: string, needle: string): number {
  if (!needle) return 0;
  const hay = text.toLowerCase();
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Every occurrence of `query` (case-insensitive) in the loaded items, in transcript order. */
export function findMatches(transcript: TranscriptState, query: string): FindMatch[] {
  const needle = query.toLowerCase();
  if (!needle.trim()) return [];
  const out: FindMatch[] = [];
  for (const turn of transcript.turns)
    for (const { item } of turn.items) {
      const n = occurrences(itemText(item), needle);
      for (let k = 0; k < n; k++) out.push({ key: itemRowKey(turn.id, item.id), itemId: item.id, occurrence: k });
    }
  return out;
}

export interface FindState {
  open: boolean;
  query: string;
  /** The current match (an index into the matches); kept in range by `currentMatch`. */
  index: number;
}

export const closedFind: FindState = { open: false, query: '', index: 0 };

export type FindAction =
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'query'; query: string; /** the match to start at (the first one in view, say) */ index?: number }
  | { type: 'step'; delta: 1 | -1; total: number };

export function reduceFind(state: FindState, action: FindAction): FindState {
  switch (action.type) {
    case 'open':
      return state.open ? state : { ...state, open: true };
    case 'close':
      return { ...state, open: false };
    case 'query':
      return { ...state, query: action.query, index: action.index ?? 0 };
    case 'step':
      if (action.total === 0) return state;
      return { ...state, index: (((state.index + action.delta) % action.total) + action.total) % action.total };
  }
}

/** The index of the current match among `total`, or -1 when there is none. */
export const currentIndex = (state: FindState, total: number): number =>
  total === 0 ? -1 : Math.min(Math.max(state.index, 0), total - 1);
