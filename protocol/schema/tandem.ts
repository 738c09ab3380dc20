/**
 * Tandem's extensions to the Codex protocol, all under the `tandem/` prefix so they can never
 * collide with a Codex method. Codex clients never need them.
 */
import { z } from 'zod';
import { EngineChoice } from './engine';
// Method params and results below are z.lazy: built on first use, not at start-up, so a fresh
// server answering `initialize` skips them (each schema built at start-up costs RSS; npm run bench).
// Parts shared with items and notifications stay eager, where z.lazy would lose their shape.

/** Params of `tandem/folders/complete`: folders whose path starts with `prefix` (web mode's folder picker). */
export const FoldersCompleteParams = z.lazy(() =>
  z.object({
    /** An absolute path or the start of one; `~` stands for the home folder. Empty: the home folder. */
    prefix: z.string().max(4096),
    /** At most this many folders (default 50). */
    limit: z.number().int().min(1).max(500).optional(),
  }),
);
export type FoldersCompleteParams = z.infer<typeof FoldersCompleteParams>;

/** Result of `tandem/folders/complete`. */
export const FoldersCompleteResponse = z.lazy(() =>
  z.object({
    /** The folder whose children were listed. */
    parent: z.string(),
    /** Matching child folders, absolute, sorted; hidden ones only when the prefix asks for a dot. */
    folders: z.array(z.string()),
  }),
);
export type FoldersCompleteResponse = z.infer<typeof FoldersCompleteResponse>;

/** Params of `tandem/fileChange/contents`: the full before/after of a file change awaiting approval. */
export const FileChangeContentsParams = z.lazy(() =>
  z.object({ threadId: z.string().min(1), itemId: z.string().min(1) }),
);
export type FileChangeContentsParams = z.infer<typeof FileChangeContentsParams>;

/** One file of a pending change, whole, so the UI can show it in a diff editor. */
export const FileChangeContents = z.object({
  /** As in the item's `changes[].path`. */
  path: z.string(),
  kind: z.enum(['add', 'delete', 'update']),
  /** The new path of a moved file. */
  movePath: z.string().nullable(),
  /** Content now (null: the file does not exist yet). */
  before: z.string().nullable(),
  /** Content after the change (null: the file is deleted). */
  after: z.string().nullable(),
  /** The file's hunks (an added or deleted file is one), in the order approvals refer to them. */
  hunks: z.array(z.object({ header: z.string(), lines: z.array(z.string()) })),
});
export type FileChangeContents = z.infer<typeof FileChangeContents>;

/** Result of `tandem/fileChange/contents`. */
export const FileChangeContentsResponse = z.lazy(() => z.object({ files: z.array(FileChangeContents) }));
export type FileChangeContentsResponse = z.infer<typeof FileChangeContentsResponse>;

/** `tandem/ui/command`: the desktop shell's menu asks the UI to do something (Tandem extension). */
export const UiCommandNotification = z.object({
  command: z.enum(['openFolder', 'newThread', 'settings']),
  /** For openFolder: the folder the user picked in the native dialog; absent: show the picker. */
  path: z.string().optional(),
});
export type UiCommandNotification = z.infer<typeof UiCommandNotification>;

/** The settings the UI edits (Tandem extension). The API key itself is never sent back. */
export const Settings = z.lazy(() =>
  z.object({
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    wireApi: z.enum(['responses', 'chat']),
    approvalPolicy: z.enum(['untrusted', 'on-failure', 'on-request', 'never']),
    sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']),
    /** Where the key comes from: stored in settings (encrypted where the OS allows), the environment, or nowhere. */
    apiKey: z.enum(['stored', 'encrypted', 'environment', 'missing']),
    /** The engine the UI uses from its next connection on (engine.ts); absent: the built-in server. */
    engine: EngineChoice.optional(),
    /**
     * Why this connection is not on the chosen engine (it could not be started, and the built-in
     * server answers instead); null or absent when it is.
     */
    engineProblem: z.string().nullable().optional(),
  }),
);
export type Settings = z.infer<typeof Settings>;

/** Params of `tandem/settings/write`: only the fields to change; `apiKey: null` forgets the stored key. */
export const SettingsWriteParams = z.lazy(() =>
  z.object({
    baseUrl: z.string().url().nullable().optional(),
    model: z.string().min(1).nullable().optional(),
    wireApi: z.enum(['responses', 'chat']).nullable().optional(),
    approvalPolicy: z.enum(['untrusted', 'on-failure', 'on-request', 'never']).nullable().optional(),
    sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']).nullable().optional(),
    apiKey: z.string().min(1).nullable().optional(),
    /** The reasoning effort new threads get; null leaves it to the model. */
    reasoningEffort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullable().optional(),
    /** The endpoint's provider id, as Codex's `model_provider` names it (config/*). */
    modelProvider: z.string().min(1).nullable().optional(),
    /** The endpoint's display name (Codex's `model_providers.<id>.name`). */
    modelProviderName: z.string().min(1).nullable().optional(),
    /** The engine for the UI's next connections. */
    engine: EngineChoice.optional(),
  }),
);
export type SettingsWriteParams = z.infer<typeof SettingsWriteParams>;

/** Result of `tandem/settings/testConnection`: what the endpoint answered. */
export const ConnectionTestResponse = z.lazy(() =>
  z.object({
    ok: z.boolean(),
    /** What happened, in words for the user. */
    message: z.string(),
    models: z.array(z.string()),
  }),
);
export type ConnectionTestResponse = z.infer<typeof ConnectionTestResponse>;

/** Params of `tandem/turn/diff`: one turn's changes, or (without turnId) the whole thread's. */
export const TurnDiffParams = z.lazy(() =>
  z.object({ threadId: z.string().min(1), turnId: z.string().min(1).optional() }),
);
export type TurnDiffParams = z.infer<typeof TurnDiffParams>;

/** One file's change: its content before the turn (or thread) and now. */
export const ChangedFile = z.object({
  /** Absolute path. */
  path: z.string(),
  /** Relative to the workspace, for display. */
  display: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type ChangedFile = z.infer<typeof ChangedFile>;

/** Result of `tandem/turn/diff`. */
export const TurnDiffResponse = z.lazy(() =>
  z.object({
    files: z.array(ChangedFile),
    /**
     * Why the list may be incomplete: files changed by commands are found by watching the workspace,
     * within bounds (file count, file size; binary files are not kept). Empty when nothing was left out.
     */
    notes: z.array(z.string()).optional(),
  }),
);
export type TurnDiffResponse = z.infer<typeof TurnDiffResponse>;

/**
 * Params of `tandem/turn/revert`: put a turn's files (or one of them) back as they were before it.
 * Only files whose content differs from that are touched.
 */
export const TurnRevertParams = z.lazy(() =>
  z.object({
    threadId: z.string().min(1),
    turnId: z.string().min(1),
    path: z.string().optional(),
    /** Change nothing: answer which files a revert would change (for the confirmation). */
    dryRun: z.boolean().optional(),
    /**
     * The files (display paths) the user confirmed. When given and the revert would change another
     * set of files (something changed meanwhile), nothing is touched and the request fails (`revertChanged`).
     */
    expected: z.array(z.string()).optional(),
  }),
);
export type TurnRevertParams = z.infer<typeof TurnRevertParams>;

/**
 * Result of `tandem/turn/revert`: exactly the files changed (display paths), and the id of the
 * item that records the revert in the thread (null for a dry run).
 */
export const TurnRevertResponse = z.lazy(() =>
  z.object({ reverted: z.array(z.string()), itemId: z.string().nullable().optional() }),
);
export type TurnRevertResponse = z.infer<typeof TurnRevertResponse>;

/** Params of `tandem/turn/revert/undo`: put the agent's version back, for a revert's record item. */
export const TurnRevertUndoParams = z.lazy(() => z.object({ threadId: z.string().min(1), itemId: z.string().min(1) }));
export type TurnRevertUndoParams = z.infer<typeof TurnRevertUndoParams>;

/** Result of `tandem/turn/revert/undo`: the files put back, and the id of the item recording it. */
export const TurnRevertUndoResponse = z.lazy(() => z.object({ restored: z.array(z.string()), itemId: z.string() }));
export type TurnRevertUndoResponse = z.infer<typeof TurnRevertUndoResponse>;

/**
 * A revert is recorded in the thread as a Codex `fileChange` item (completed, the files' changes
 * from the agent's version to the restored one), in the thread's latest turn, so every client sees
 * it and it survives a reload. Its id starts with this prefix; undoing it records another
 * fileChange whose id is UNDO_ITEM_PREFIX followed by the revert item's id.
 */
export const REVERT_ITEM_PREFIX = 'tandem-revert:';
export const UNDO_ITEM_PREFIX = 'tandem-undo:';
