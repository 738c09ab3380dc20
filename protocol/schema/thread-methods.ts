/**
 * The thread methods a client calls on its first screens, beyond start/resume/list/read: items a
 * page at a time, which threads are loaded, following a thread no more, deleting one, patching
 * its stored metadata, and the user's own shell command. Shapes are Codex 0.169.0's (stable).
 */
import { z } from 'zod';
import { AnyThreadItem } from './wire-item';
import { Thread } from './thread';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

/** Params of `thread/items/list`: a thread's items (of one turn, or all), a page at a time. */
export const ThreadItemsListParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    /** Only this turn's items; the whole thread's when absent. */
    turnId: z.string().nullable().optional(),
    /**
     * A cursor from an earlier page, or an item of `turnId` to start after (ascending) or before
     * (descending), itself excluded.
     */
    cursor: z
      .union([z.string(), z.object({ type: z.literal('item'), itemId: z.string().min(1) })])
      .nullable()
      .optional(),
    limit: z.number().int().min(0).nullable().optional(),
    /** Oldest first (`asc`) by default, unlike turns. */
    sortDirection: z.enum(['asc', 'desc']).nullable().optional(),
    /** Codex: which saved outputs to fetch separately. Tandem sends every output inline; accepted. */
    deferOutput: z.object({}).nullable().optional(),
  }),
);
export type ThreadItemsListParams = z.infer<typeof ThreadItemsListParams>;

/** One item with the turn it belongs to. */
export const ThreadItemEntry = z.lazy(() =>
  z.object({
    item: AnyThreadItem,
    turnId: z.string(),
    startedAtMs: z.number().int().nullable().optional(),
    completedAtMs: z.number().int().nullable().optional(),
  }),
);
export type ThreadItemEntry = z.infer<typeof ThreadItemEntry>;

export const ThreadItemsListResponse = z.lazy(() =>
  z.object({
    data: z.array(ThreadItemEntry),
    nextCursor: z.string().nullable().optional(),
    /** Pages the other way from this page's first item, that item included (it may have changed). */
    backwardsCursor: z.string().nullable().optional(),
  }),
);
export type ThreadItemsListResponse = z.infer<typeof ThreadItemsListResponse>;

/** Params of `thread/loaded/list`: the ids of the threads held in memory. */
export const ThreadLoadedListParams = z.lazy(() =>
  z.object({
    cursor: z.string().nullable().optional(),
    /** No limit when absent. */
    limit: z.number().int().min(0).nullable().optional(),
  }),
);
export type ThreadLoadedListParams = z.infer<typeof ThreadLoadedListParams>;

export const ThreadLoadedListResponse = z.lazy(() =>
  z.object({
    data: z.array(z.string()),
    nextCursor: z.string().nullable().optional(),
  }),
);
export type ThreadLoadedListResponse = z.infer<typeof ThreadLoadedListResponse>;

/** Result of `thread/unsubscribe`. */
export const ThreadUnsubscribeResponse = z.lazy(() =>
  z.object({
    status: z.enum(['notLoaded', 'notSubscribed', 'unsubscribed']),
  }),
);
export type ThreadUnsubscribeResponse = z.infer<typeof ThreadUnsubscribeResponse>;

/** A stored Git field: omitted leaves it, null clears it, a string replaces it. */
const GitField = z.lazy(() => z.string().min(1).nullable().optional());

/** Params of `thread/metadata/update`: patch the thread's stored metadata (Codex: its Git facts). */
export const ThreadMetadataUpdateParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    gitInfo: z.object({ sha: GitField, branch: GitField, originUrl: GitField }).nullable().optional(),
  }),
);
export type ThreadMetadataUpdateParams = z.infer<typeof ThreadMetadataUpdateParams>;

export const ThreadMetadataUpdateResponse = z.lazy(() => z.object({ thread: Thread }));
export type ThreadMetadataUpdateResponse = z.infer<typeof ThreadMetadataUpdateResponse>;

/** Params of `thread/shellCommand`: the user's own `!command`, run in the thread's folder. */
export const ThreadShellCommandParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    /** A shell command line (pipes, redirects and quoting kept), run with `bash -lc`. */
    command: z.string(),
    /** Default one hour; 0 times out at once. */
    timeoutMs: z.number().int().min(0).nullable().optional(),
  }),
);
export type ThreadShellCommandParams = z.infer<typeof ThreadShellCommandParams>;
