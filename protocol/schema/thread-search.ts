/**
 * Search across threads: `thread/search` (every thread's history) and `thread/searchOccurrences`
 * (one thread's messages), in Codex 0.169.0's experimental shapes. Codex's search result carries
 * one `snippet` per thread; Tandem adds `hits` (which items matched, which field, a snippet with
 * its match ranges) and `hitCount` — extension fields Codex's schema allows (its
 * ThreadSearchResult sets no `additionalProperties: false`), which a Codex client ignores.
 */
import { z } from 'zod';
import { Thread } from './thread';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

const uint32 = () =>
  z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1);

/** Params of `thread/search`: threads whose history holds every word of `searchTerm`. */
export const ThreadSearchParams = z.lazy(() =>
  z.object({
    /**
     * Case-insensitive substring search. Words separated by spaces must each occur somewhere in
     * the thread (its name, messages, commands, command output, file paths or diffs); a "quoted
     * phrase" counts as one word.
     */
    searchTerm: z.string(),
    /** true: only archived threads; false or absent: only unarchived ones. */
    archived: z.boolean().nullable().optional(),
    cursor: z.string().nullable().optional(),
    /** Threads per page; defaults to 25 (also when 0), at most 200. */
    limit: uint32().nullable().optional(),
    /** Codex's default is created_at; recency_at means the last update here. */
    sortKey: z.enum(['created_at', 'updated_at', 'recency_at']).nullable().optional(),
    sortDirection: z.enum(['asc', 'desc']).nullable().optional(),
    /** Every Tandem thread is an `appServer` one. */
    sourceKinds: z.array(z.string()).nullable().optional(),
    /** Accepted; Tandem has no accounts (all local history is shown). */
    currentAccountOnly: z.boolean().optional(),
    /** Accepted; Tandem has no attached threads. */
    includeAttachedThreads: z.boolean().optional(),
  }),
);
export type ThreadSearchParams = z.infer<typeof ThreadSearchParams>;

/** A range of UTF-16 code units in a snippet: `start` inclusive, `end` exclusive. */
const SearchTextRange = z.lazy(() => z.object({ start: uint32(), end: uint32() }));

/** Which part of an item matched. */
export const SearchHitField = z.lazy(() => z.enum(['text', 'command', 'output', 'path', 'diff']));
export type SearchHitField = z.infer<typeof SearchHitField>;

/** Tandem extension: one item of a thread that matched, with the text around the match. */
export const ThreadSearchHit = z.lazy(() =>
  z.object({
    itemId: z.string(),
    turnId: z.string(),
    itemType: z.enum(['userMessage', 'agentMessage', 'plan', 'commandExecution', 'fileChange']),
    field: SearchHitField,
    /** The file a fileChange hit is in (its path field, or the diff of that file). */
    path: z.string().nullable().optional(),
    /** The matched text with some context, on one line; "…" where it was cut. */
    snippet: z.string(),
    /** Where the search's words are in `snippet` (UTF-16 code units), in order. */
    matchRanges: z.array(SearchTextRange),
  }),
);
export type ThreadSearchHit = z.infer<typeof ThreadSearchHit>;

const ThreadSearchResult = z.lazy(() =>
  z.object({
    thread: Thread,
    /** Codex's field: the best hit's snippet (or the thread's name when only the name matched). */
    snippet: z.string(),
    /** Tandem extension: the best hits, most words matched first, then in thread order (at most 5). */
    hits: z.array(ThreadSearchHit).optional(),
    /** Tandem extension: how many items matched in all. */
    hitCount: z.number().int().min(0).optional(),
  }),
);

export const ThreadSearchResponse = z.lazy(() =>
  z.object({
    data: z.array(ThreadSearchResult),
    nextCursor: z.string().nullable().optional(),
    backwardsCursor: z.string().nullable().optional(),
  }),
);
export type ThreadSearchResponse = z.infer<typeof ThreadSearchResponse>;

/** Params of `thread/searchOccurrences`: each occurrence of a literal in one thread's messages. */
export const ThreadSearchOccurrencesParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    /** Case-insensitive literal substring, found in user messages and agent messages. */
    searchTerm: z.string(),
    cursor: z.string().nullable().optional(),
    /** Occurrences per page; defaults to 100 (also when 0), at most 1,000. */
    limit: uint32().nullable().optional(),
  }),
);
export type ThreadSearchOccurrencesParams = z.infer<typeof ThreadSearchOccurrencesParams>;

const ThreadSearchOccurrence = z.lazy(() =>
  z.object({
    itemId: z.string(),
    turnId: z.string(),
    /** An inclusive `thread/turns/list` cursor (newest first) whose page starts at this turn. */
    turnCursor: z.string(),
    snippet: z.string(),
    snippetMatchRange: SearchTextRange,
  }),
);

export const ThreadSearchOccurrencesResponse = z.lazy(() =>
  z.object({
    data: z.array(ThreadSearchOccurrence),
    nextCursor: z.string().nullable().optional(),
  }),
);
export type ThreadSearchOccurrencesResponse = z.infer<typeof ThreadSearchOccurrencesResponse>;
