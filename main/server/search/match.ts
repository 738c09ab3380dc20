/**
 * Matching a search's words against a thread's docs, and the snippets shown for a match.
 * Case-insensitive substring semantics: "pars" finds "parser.test.ts".
 */
import type { ThreadSearchHit } from '../../../protocol/schema/thread-search';
import { fold, type Doc, type ThreadDocs } from './docs';

/** At most this many occurrences of one word are marked in one doc. */
const MAX_RANGES = 32;
/** Characters of context kept before the first match, and the snippet's length. */
const BEFORE = 48;
const SNIPPET = 200;

/** The words of a query, case-folded: split on white space, a "quoted phrase" kept whole. */
export function parseQuery(query: string): string[] {
  const words: string[] = [];
  for (const m of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const w = fold((m[1] ?? m[2] ?? '').trim());
    if (w && !words.includes(w)) words.push(w);
  }
  // A word inside another one adds nothing ("test" and "test.ts").
  return words.filter((w) => !words.some((o) => o !== w && o.includes(w)));
}

export interface DocMatch {
  doc: Doc;
  /** [start, end) of each occurrence, sorted. */
  ranges: Array<[number, number]>;
  /** How many of the words occur in the doc. */
  words: number;
  order: number;
}

function occurrences(folded: string, word: string, into: Array<[number, number]>): boolean {
  let found = false;
  let at = folded.indexOf(word);
  for (let n = 0; at >= 0 && n < MAX_RANGES; n++) {
    found = true;
    into.push([at, at + word.length]);
    at = folded.indexOf(word, at + word.length);
  }
  return found;
}

/** The thread's matching docs, best first, or undefined when some word occurs nowhere in it. */
export function matchThread(thread: ThreadDocs, words: string[]): DocMatch[] | undefined {
  const name = thread.name ? fold(thread.name) : '';
  for (const w of words) if (!name.includes(w) && !thread.docs.some((d) => d.folded.includes(w))) return undefined;
  const matches: DocMatch[] = [];
  thread.docs.forEach((doc, order) => {
    const ranges: Array<[number, number]> = [];
    let count = 0;
    for (const w of words) if (occurrences(doc.folded, w, ranges)) count++;
    if (count) matches.push({ doc, ranges: ranges.sort((a, b) => a[0] - b[0]), words: count, order });
  });
  return matches.sort((a, b) => b.words - a.words || a.order - b.order);
}

/** The text around `ranges[0]` on one line, "…" where cut, with the ranges that fall inside it. */
export function snippet(
  text: string,
  ranges: Array<[number, number]>,
): { snippet: string; ranges: Array<[number, number]> } {
  const first = ranges[0] ?? [0, 0];
  let start = Math.max(0, first[0] - BEFORE);
  // Start at a word's beginning when one is near.
  if (start > 0) {
    const space = text.slice(start, first[0]).search(/\s/);
    if (space >= 0 && space < 16) start += space + 1;
  }
  const end = Math.min(text.length, Math.max(start + SNIPPET, first[1]));
  const lead = start > 0 ? '…' : '';
  const body = text.slice(start, end).replace(/\s/g, ' ');
  const kept = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + lead.length, e - start + lead.length]);
  // Overlapping ranges (one word inside another's occurrence) are merged.
  const merged: Array<[number, number]> = [];
  for (const r of kept) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return { snippet: lead + body + (end < text.length ? '…' : ''), ranges: merged };
}

/** A doc match as the wire shows it. */
export function toHit(m: DocMatch): ThreadSearchHit {
  const s = snippet(m.doc.text, m.ranges);
  return {
    itemId: m.doc.itemId,
    turnId: m.doc.turnId,
    itemType: m.doc.itemType,
    field: m.doc.field,
    path: m.doc.path,
    snippet: s.snippet,
    matchRanges: s.ranges.map(([start, end]) => ({ start, end })),
  };
}
