/** Threads: a conversation with the agent about one project folder, kept on disk. */
import { z } from 'zod';
import { AbsolutePath, ApprovalsReviewer, AskForApproval, ReasoningEffort, SandboxMode, SandboxPolicy } from './common';
import { DynamicToolSpec } from './dynamic-tools';
import { Turn } from './turn';
// Method params and results below are z.lazy: built on first use, not at start-up, so a fresh
// server answering `initialize` skips them (each schema built at start-up costs RSS; npm run bench).
// Parts shared with items and notifications stay eager, where z.lazy would lose their shape.

/** A thread's runtime status. `notLoaded`: only on disk; `active`: a turn is running. */
export const ThreadStatus = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notLoaded') }),
  z.object({ type: z.literal('idle') }),
  z.object({ type: z.literal('systemError') }),
  z.object({
    type: z.literal('active'),
    /** What the active turn waits on, if anything. */
    activeFlags: z.array(z.enum(['waitingOnApproval', 'waitingOnUserInput'])),
  }),
]);
export type ThreadStatus = z.infer<typeof ThreadStatus>;

/** Which kind of client created a thread. Tandem's are always `appServer`. */
const SessionSource = z.union([
  z.enum(['cli', 'vscode', 'exec', 'appServer', 'unknown']),
  z.strictObject({ custom: z.string() }),
]);

/** Git facts about the thread's folder, when known. */
const GitInfo = z.object({
  branch: z.string().nullable().optional(),
  originUrl: z.string().nullable().optional(),
  sha: z.string().nullable().optional(),
});

/** A thread as the wire shows it. */
export const Thread = z.object({
  id: z.string(),
  /** Shared by a thread and its forks. */
  sessionId: z.string(),
  /** The thread this one was forked from. */
  forkedFromId: z.string().nullable().optional(),
  /** Usually the first user message. */
  preview: z.string(),
  /** Ephemeral threads are never written to disk. */
  ephemeral: z.boolean(),
  modelProvider: z.string(),
  model: z.string().nullable().optional(),
  reasoningEffort: ReasoningEffort.nullable().optional(),
  /** Unix seconds. */
  createdAt: z.number().int(),
  /** Unix seconds of the last change. */
  updatedAt: z.number().int(),
  status: ThreadStatus,
  /** The thread's file on disk. */
  path: z.string().nullable().optional(),
  /** The project folder the agent works in. */
  cwd: AbsolutePath,
  /** Version of the server that created the thread. */
  cliVersion: z.string(),
  source: SessionSource,
  /** User-chosen name. */
  name: z.string().nullable().optional(),
  projectId: z.string().nullable(),
  gitInfo: GitInfo.nullable().optional(),
  /** Filled only where the method says (`thread/read` with `includeTurns`, `thread/resume`). */
  turns: z.array(Turn),
});
export type Thread = z.infer<typeof Thread>;

/** Per-thread settings a client may set on start, resume and fork. */
const ThreadSettingsParams = {
  /** Model slug, e.g. `gpt-5.5`. */
  model: z.string().min(1).nullable().optional(),
  modelProvider: z.string().nullable().optional(),
  /** The project folder; absolute. Defaults to the server's working folder. */
  cwd: z.string().min(1).nullable().optional(),
  approvalPolicy: AskForApproval.nullable().optional(),
  approvalsReviewer: ApprovalsReviewer.nullable().optional(),
  sandbox: SandboxMode.nullable().optional(),
  /**
   * Codex configuration overrides, dotted keys or nested tables (`{"model": "o3"}`,
   * `{"model_reasoning_effort": "high"}`): those Tandem knows set the thread's settings
   * (main/server/codex-config.ts); the explicit params above win over them.
   */
  // Lazy: a z.record built at start-up pages 3.3 MiB of node's code into RSS (measured; npm run bench).
  config: z
    .lazy(() => z.record(z.string(), z.unknown()))
    .nullable()
    .optional(),
  /** Replaces Tandem's base instructions for this thread (kept with it; a resume may change them). */
  baseInstructions: z.string().nullable().optional(),
  /** Developer-role instructions for this thread (kept with it; a resume may change them). */
  developerInstructions: z.string().nullable().optional(),
  serviceTier: z.string().nullable().optional(),
};

/** Params of `thread/start`. */
export const ThreadStartParams = z.lazy(() =>
  z.object({
    ...ThreadSettingsParams,
    /** Never written to disk, never listed; gone when the server stops. */
    ephemeral: z.boolean().nullable().optional(),
    serviceName: z.string().nullable().optional(),
    /** Experimental: tools the client provides, called through `item/tool/call`. */
    dynamicTools: z.array(DynamicToolSpec).nullable().optional(),
  }),
);
export type ThreadStartParams = z.infer<typeof ThreadStartParams>;

/** The effective settings returned by start, resume and fork. */
const ThreadSettingsResponse = {
  thread: Thread,
  model: z.string(),
  modelProvider: z.string(),
  cwd: AbsolutePath,
  approvalPolicy: AskForApproval,
  approvalsReviewer: ApprovalsReviewer,
  sandbox: SandboxPolicy,
  reasoningEffort: ReasoningEffort.nullable().optional(),
  serviceTier: z.string().nullable().optional(),
  instructionSources: z.array(z.string()).optional(),
};

/** Result of `thread/start`. */
export const ThreadStartResponse = z.object(ThreadSettingsResponse);
export type ThreadStartResponse = z.infer<typeof ThreadStartResponse>;

/** Which way a turns page runs: `desc` (the default) starts from the newest turn. */
const SortDirection = z.enum(['asc', 'desc']);
/** How much of each turn's items a page carries (Codex's default: `summary`). */
export const TurnItemsView = z.enum(['notLoaded', 'summary', 'full']);
export type TurnItemsView = z.infer<typeof TurnItemsView>;

/** How to page a thread's turns (Codex's experimental API). */
const TurnsPageParams = {
  limit: z.number().int().min(0).nullable().optional(),
  sortDirection: SortDirection.nullable().optional(),
  itemsView: TurnItemsView.nullable().optional(),
};

/** A page of turns; pass `nextCursor` back as `cursor` for the next one. */
const TurnsPage = z.object({
  data: z.array(Turn),
  nextCursor: z.string().nullable().optional(),
  /** The cursor to page the other way from this page's first turn, that turn included. */
  backwardsCursor: z.string().nullable().optional(),
});
type TurnsPage = z.infer<typeof TurnsPage>;

/** Params of `thread/resume`: load a thread from disk and follow it. */
export const ThreadResumeParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    ...ThreadSettingsParams,
    /** Leave the turns out of the response. */
    excludeTurns: z.boolean().optional(),
    /** Experimental: answer with a first page of turns (newest first by default) in `initialTurnsPage`. */
    initialTurnsPage: z.object(TurnsPageParams).nullable().optional(),
  }),
);
export type ThreadResumeParams = z.infer<typeof ThreadResumeParams>;

/** Result of `thread/resume`. */
export const ThreadResumeResponse = z.object({
  ...ThreadSettingsResponse,
  initialTurnsPage: TurnsPage.nullable().optional(),
});
export type ThreadResumeResponse = z.infer<typeof ThreadResumeResponse>;

/** Params of `thread/fork`: a new thread with a copy of another's history. */
export const ThreadForkParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    ...ThreadSettingsParams,
    /** Copy history up to and including this turn; the whole history when absent. */
    lastTurnId: z.string().nullable().optional(),
    ephemeral: z.boolean().optional(),
    excludeTurns: z.boolean().optional(),
  }),
);
export type ThreadForkParams = z.infer<typeof ThreadForkParams>;

/** Result of `thread/fork`. */
export const ThreadForkResponse = z.object(ThreadSettingsResponse);
export type ThreadForkResponse = z.infer<typeof ThreadForkResponse>;

/** Params of `thread/list`. Newest `updatedAt` first unless sorted otherwise. */
export const ThreadListParams = z.lazy(() =>
  z.object({
    /** Opaque cursor from a previous page's `nextCursor`. */
    cursor: z.string().nullable().optional(),
    /** Page size; defaults to 25 (also when 0), at most 200. */
    limit: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .nullable()
      .optional(),
    /** Only threads whose cwd is this folder (or one of these folders). */
    cwd: z
      .union([z.string(), z.array(z.string())])
      .nullable()
      .optional(),
    /** true: only archived threads; false or absent: only unarchived ones. */
    archived: z.boolean().nullable().optional(),
    /** Case-insensitive text to find in a thread's name or preview. */
    searchTerm: z.string().nullable().optional(),
    sortKey: z.enum(['created_at', 'updated_at', 'recency_at', 'section_position']).nullable().optional(),
    sortDirection: z.enum(['asc', 'desc']).nullable().optional(),
    modelProviders: z.array(z.string()).nullable().optional(),
    sourceKinds: z.array(z.string()).nullable().optional(),
    excludedThreadIds: z.array(z.string()).nullable().optional(),
  }),
);
export type ThreadListParams = z.infer<typeof ThreadListParams>;

/** Result of `thread/list`. Threads come without turns. */
export const ThreadListResponse = z.object({
  data: z.array(Thread),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable().optional(),
  backwardsCursor: z.string().nullable().optional(),
});
export type ThreadListResponse = z.infer<typeof ThreadListResponse>;

/** Params of `thread/read`: a thread from disk without loading it. */
export const ThreadReadParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    includeTurns: z.boolean().optional(),
  }),
);
export type ThreadReadParams = z.infer<typeof ThreadReadParams>;

/** Result of `thread/read`. */
export const ThreadReadResponse = z.object({ thread: Thread });
export type ThreadReadResponse = z.infer<typeof ThreadReadResponse>;

/** Params of `thread/archive` and `thread/unarchive`. */
export const ThreadIdParams = z.object({ threadId: z.string().min(1) });
export type ThreadIdParams = z.infer<typeof ThreadIdParams>;

/** Result of `thread/unarchive`. */
export const ThreadUnarchiveResponse = z.object({ thread: Thread });
export type ThreadUnarchiveResponse = z.infer<typeof ThreadUnarchiveResponse>;

/** Params of `thread/name/set`. An empty name clears it. */
export const ThreadSetNameParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    name: z.string().max(500),
  }),
);
export type ThreadSetNameParams = z.infer<typeof ThreadSetNameParams>;

/** `thread/started`: a thread was created (start or fork). */
export const ThreadStartedNotification = z.object({ thread: Thread });
export type ThreadStartedNotification = z.infer<typeof ThreadStartedNotification>;

/** `thread/status/changed`. */
export const ThreadStatusChangedNotification = z.object({
  threadId: z.string(),
  status: ThreadStatus,
});
export type ThreadStatusChangedNotification = z.infer<typeof ThreadStatusChangedNotification>;

/** `thread/archived` and `thread/unarchived`. */
export const ThreadIdNotification = z.object({ threadId: z.string() });
export type ThreadIdNotification = z.infer<typeof ThreadIdNotification>;

/** `thread/name/updated`; `threadName` null when the name was cleared. */
export const ThreadNameUpdatedNotification = z.object({
  threadId: z.string(),
  threadName: z.string().nullable().optional(),
});
export type ThreadNameUpdatedNotification = z.infer<typeof ThreadNameUpdatedNotification>;

/** Params of `thread/turns/list` (experimental): a thread's turns, a page at a time. */
export const ThreadTurnsListParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    cursor: z.string().nullable().optional(),
    ...TurnsPageParams,
  }),
);
export type ThreadTurnsListParams = z.infer<typeof ThreadTurnsListParams>;

export const ThreadTurnsListResponse = TurnsPage;
export type ThreadTurnsListResponse = TurnsPage;
