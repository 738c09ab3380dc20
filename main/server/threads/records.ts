/**
 * What a thread file holds: one JSON record per line, appended, never rewritten. The first
 * record is the thread's header; the others are changes. Replaying them rebuilds the thread.
 * Every record carries `at` (Unix ms), so the last record's time is the thread's `updatedAt`.
 */
import { z } from 'zod';
import { AskForApproval, SandboxMode } from '../../../protocol/schema/common';
import { DynamicToolSpec } from '../../../protocol/schema/dynamic-tools';
import { ThreadItem } from '../../../protocol/schema/item';
import { TurnError, TurnStatus, type Turn } from '../../../protocol/schema/turn';
import { ThreadTokenUsageUpdatedNotification } from '../../../protocol/schema/turn-events';
import type { HistoryEntry } from '../../agent/conversation';
import type { ConversationItem } from '../../model/types';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

export const FORMAT_VERSION = 1;

/** What the model saw and said, kept so later turns resend the conversation (never shown on the wire). */
const ConversationItemRecord = z.lazy(
  () =>
    z.discriminatedUnion('type', [
      z.object({
        type: z.literal('user'),
        text: z.string(),
        content: z
          .array(
            z.discriminatedUnion('type', [
              z.object({ type: z.literal('text'), text: z.string() }),
              z.object({
                type: z.literal('image'),
                url: z.string(),
                detail: z.enum(['auto', 'low', 'high', 'original']),
              }),
            ]),
          )
          .optional(),
      }),
      z.object({ type: z.literal('assistant'), text: z.string() }),
      z.object({ type: z.literal('reasoning'), summary: z.array(z.string()), encryptedContent: z.string().nullable() }),
      z.object({ type: z.literal('functionCall'), callId: z.string(), name: z.string(), arguments: z.string() }),
      z.object({ type: z.literal('customToolCall'), callId: z.string(), name: z.string(), input: z.string() }),
      z.object({ type: z.literal('toolOutput'), callId: z.string(), output: z.string(), custom: z.boolean() }),
    ]) satisfies z.ZodType<ConversationItem>,
);

const at = z.lazy(() => z.number().int());

export const HeaderRecord = z.lazy(() =>
  z.object({
    t: z.literal('thread'),
    v: z.literal(FORMAT_VERSION),
    at,
    id: z.string().min(1),
    sessionId: z.string().min(1),
    cwd: z.string().min(1),
    model: z.string(),
    modelProvider: z.string(),
    reasoningEffort: z.string().nullable(),
    approvalPolicy: AskForApproval,
    sandbox: SandboxMode,
    forkedFromId: z.string().nullable(),
    cliVersion: z.string(),
    /** The thread's own base instructions (`thread/start` baseInstructions): they replace Tandem's. */
    baseInstructions: z.string().nullable().optional(),
    /** Developer-role instructions the client gave the thread (`developerInstructions`). */
    developerInstructions: z.string().nullable().optional(),
    /** Tools the client provides (`dynamicTools`), offered to the model in every turn of the thread. */
    dynamicTools: z.array(DynamicToolSpec).optional(),
  }),
);
export type HeaderRecord = z.infer<typeof HeaderRecord>;

/** A content stored out of line (blobs.ts): a sha256, never a path. */
const BlobId = z.lazy(() => z.string().regex(/^[0-9a-f]{64}$/));

/** One reverted file; a large content is out of line (its text null, its blob named). */
const RevertFileRecord = z.lazy(() =>
  z.object({
    path: z.string(),
    display: z.string(),
    agent: z.string().nullable(),
    restored: z.string().nullable(),
    agentBlob: BlobId.optional(),
    restoredBlob: BlobId.optional(),
  }),
);

export const ChangeRecord = z.lazy(() =>
  z.discriminatedUnion('t', [
    z.object({ t: z.literal('name'), at, name: z.string().nullable() }),
    z.object({ t: z.literal('archived'), at, archived: z.boolean() }),
    /** `thread/metadata/update`: Git facts the client set (null: cleared); absent fields keep theirs. */
    z.object({
      t: z.literal('gitInfo'),
      at,
      sha: z.string().nullable().optional(),
      branch: z.string().nullable().optional(),
      originUrl: z.string().nullable().optional(),
    }),
    /** Settings a later resume changed (only the fields it changed). */
    z.object({
      t: z.literal('settings'),
      at,
      model: z.string().optional(),
      cwd: z.string().optional(),
      approvalPolicy: AskForApproval.optional(),
      sandbox: SandboxMode.optional(),
      reasoningEffort: z.string().nullable().optional(),
      baseInstructions: z.string().nullable().optional(),
      developerInstructions: z.string().nullable().optional(),
    }),
    z.object({ t: z.literal('turnStarted'), at, turnId: z.string() }),
    z.object({ t: z.literal('item'), at, turnId: z.string(), item: ThreadItem }),
    z.object({ t: z.literal('history'), at, turnId: z.string(), items: z.array(ConversationItemRecord) }),
    /**
     * A file's content before a turn first changed it (null: it did not exist), so the turn can be
     * reverted. A large content is out of line: `before` is null and `blob` names it (blobs.ts).
     */
    z.object({
      t: z.literal('baseline'),
      at,
      turnId: z.string(),
      path: z.string(),
      display: z.string(),
      before: z.string().nullable(),
      blob: BlobId.optional(),
    }),
    /**
     * The user reverted files of `turnId` (Changes panel): each file's content before (`agent`) and
     * after (`restored`), null where the file did not exist, so the revert can be undone.
     */
    z.object({
      t: z.literal('revert'),
      at,
      id: z.string(),
      turnId: z.string(),
      files: z.array(RevertFileRecord),
    }),
    /** The revert `id` was undone: its files are back to the agent's version. */
    z.object({ t: z.literal('revertUndone'), at, id: z.string() }),
    /** Why the Changes of a turn may be incomplete (the workspace watch hit a bound). */
    z.object({ t: z.literal('watchNote'), at, turnId: z.string(), note: z.string() }),
    z.object({
      t: z.literal('turnCompleted'),
      at,
      turnId: z.string(),
      status: TurnStatus,
      error: TurnError.nullable(),
      durationMs: z.number().int().nullable(),
      /**
       * The thread's token usage when the turn ended (absent before any model call, and in files
       * written before it was kept), so a restarted server goes on counting and tells a resuming
       * client, as Codex does.
       */
      tokenUsage: ThreadTokenUsageUpdatedNotification.shape.tokenUsage.optional(),
    }),
  ]),
);
export type ChangeRecord = z.infer<typeof ChangeRecord>;
export type ThreadRecord = HeaderRecord | ChangeRecord;

/** A thread's metadata: everything `thread/list` needs, without its turns. */
export interface ThreadMeta {
  id: string;
  sessionId: string;
  createdAtMs: number;
  updatedAtMs: number;
  cwd: string;
  model: string;
  modelProvider: string;
  reasoningEffort: string | null;
  approvalPolicy: AskForApproval;
  sandbox: SandboxMode;
  forkedFromId: string | null;
  cliVersion: string;
  name: string | null;
  archived: boolean;
  preview: string;
  ephemeral: boolean;
  /**
   * What only a turn needs: set when the thread is read from its file, left out of the list
   * index (every index line holds a whole entry; long instructions would bloat it).
   */
  baseInstructions?: string | null;
  developerInstructions?: string | null;
  dynamicTools?: DynamicToolSpec[];
  /**
   * Git facts a client stored with `thread/metadata/update`, per field: they win over what the
   * folder's repository says (null: shown as cleared). Absent on threads never patched.
   */
  gitInfo?: StoredGitInfo;
}

export interface StoredGitInfo {
  sha?: string | null;
  branch?: string | null;
  originUrl?: string | null;
}

/** A thread's metadata as the list index keeps it: without what only a turn needs. */
export function listedMeta(meta: ThreadMeta): ThreadMeta {
  const listed = { ...meta };
  delete listed.baseInstructions;
  delete listed.developerInstructions;
  delete listed.dynamicTools;
  return listed;
}

/** A file as it was before a turn first changed it. */
export interface Baseline {
  turnId: string;
  /** Absolute real path. */
  path: string;
  /** As shown to the user (relative to the workspace). */
  display: string;
  before: string | null;
  /** Set when the content is out of line (`before` is then null): the blob holding it. */
  blob?: string;
}

/** A revert the user made, and whether it was undone. */
export interface RevertEntry {
  id: string;
  turnId: string;
  files: Array<z.infer<typeof RevertFileRecord>>;
  undone: boolean;
}

/** Reverts and the notes on incomplete changes, in the order they happened. */
export interface ChangeLog {
  reverts: RevertEntry[];
  watchNotes: Array<{ turnId: string; note: string }>;
}

/** A thread rebuilt from its records. */
export interface ThreadState {
  meta: ThreadMeta;
  turns: Turn[];
  history: HistoryEntry[];
  baselines: Baseline[];
  changeLog: ChangeLog;
  /** The token usage the last turn that recorded one ended with. */
  tokenUsage?: StoredTokenUsage;
}

export interface StoredTokenUsage {
  turnId: string;
  usage: NonNullable<Extract<ChangeRecord, { t: 'turnCompleted' }>['tokenUsage']>;
}

/** Follow a record's token usage into the thread's state. */
export function applyUsage(state: Pick<ThreadState, 'tokenUsage'>, record: ChangeRecord): void {
  if (record.t === 'turnCompleted' && record.tokenUsage)
    state.tokenUsage = { turnId: record.turnId, usage: record.tokenUsage };
}

function metaFromHeader(h: HeaderRecord, ephemeral = false): ThreadMeta {
  return {
    id: h.id,
    sessionId: h.sessionId,
    createdAtMs: h.at,
    updatedAtMs: h.at,
    cwd: h.cwd,
    model: h.model,
    modelProvider: h.modelProvider,
    reasoningEffort: h.reasoningEffort,
    approvalPolicy: h.approvalPolicy,
    sandbox: h.sandbox,
    forkedFromId: h.forkedFromId,
    cliVersion: h.cliVersion,
    name: null,
    archived: false,
    preview: '',
    ephemeral,
    baseInstructions: h.baseInstructions ?? null,
    developerInstructions: h.developerInstructions ?? null,
    dynamicTools: h.dynamicTools ?? [],
  };
}

const toSeconds = (ms: number): number => Math.floor(ms / 1000);

/** The text of a user message item, for the thread's preview. */
function previewOf(record: ChangeRecord): string | undefined {
  if (record.t !== 'item' || record.item.type !== 'userMessage') return undefined;
  const text = record.item.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join(' ');
  return text.trim().slice(0, 200) || undefined;
}

/** Fold one change into a thread's metadata (cheap: used to keep the list index current). */
export function applyToMeta(meta: ThreadMeta, record: ChangeRecord): void {
  meta.updatedAtMs = Math.max(meta.updatedAtMs, record.at);
  switch (record.t) {
    case 'name':
      meta.name = record.name;
      break;
    case 'archived':
      meta.archived = record.archived;
      break;
    case 'gitInfo': {
      const next: StoredGitInfo = { ...meta.gitInfo };
      for (const k of ['sha', 'branch', 'originUrl'] as const) if (record[k] !== undefined) next[k] = record[k];
      meta.gitInfo = next;
      break;
    }
    case 'settings':
      if (record.model !== undefined) meta.model = record.model;
      if (record.cwd !== undefined) meta.cwd = record.cwd;
      if (record.approvalPolicy !== undefined) meta.approvalPolicy = record.approvalPolicy;
      if (record.sandbox !== undefined) meta.sandbox = record.sandbox;
      if (record.reasoningEffort !== undefined) meta.reasoningEffort = record.reasoningEffort;
      if (record.baseInstructions !== undefined) meta.baseInstructions = record.baseInstructions;
      if (record.developerInstructions !== undefined) meta.developerInstructions = record.developerInstructions;
      break;
    case 'item': {
      const preview = meta.preview === '' ? previewOf(record) : undefined;
      if (preview !== undefined) meta.preview = preview;
      break;
    }
    default:
      break;
  }
}

/** Fold one change into a thread's turns and model history. */
export function applyToTurns(
  turns: Turn[],
  record: ChangeRecord,
  history?: HistoryEntry[],
  baselines?: Baseline[],
  log?: ChangeLog,
): void {
  switch (record.t) {
    case 'revert':
      log?.reverts.push({ id: record.id, turnId: record.turnId, files: record.files, undone: false });
      break;
    case 'revertUndone': {
      const revert = log?.reverts.find((r) => r.id === record.id);
      if (revert) revert.undone = true;
      break;
    }
    case 'watchNote':
      log?.watchNotes.push({ turnId: record.turnId, note: record.note });
      break;
    case 'baseline':
      baselines?.push({
        turnId: record.turnId,
        path: record.path,
        display: record.display,
        before: record.before,
        ...(record.blob ? { blob: record.blob } : {}),
      });
      break;
    case 'history':
      if (history) for (const item of record.items) history.push({ turnId: record.turnId, item });
      break;
    case 'turnStarted':
      turns.push({ id: record.turnId, items: [], status: 'inProgress', error: null, startedAt: toSeconds(record.at) });
      break;
    case 'item': {
      const turn = turns.findLast((t) => t.id === record.turnId);
      if (!turn) return;
      const i = turn.items.findIndex((it) => it.id === record.item.id);
      if (i >= 0) turn.items[i] = record.item;
      else turn.items.push(record.item);
      break;
    }
    case 'turnCompleted': {
      const turn = turns.findLast((t) => t.id === record.turnId);
      if (!turn) return;
      turn.status = record.status;
      turn.error = record.error;
      turn.completedAt = toSeconds(record.at);
      turn.durationMs = record.durationMs;
      break;
    }
    default:
      break;
  }
}

/**
 * Replay a thread's records. A turn left in progress by a process that died reads as
 * interrupted: nothing will ever finish it.
 */
export function replay(header: HeaderRecord, changes: ChangeRecord[], ephemeral = false): ThreadState {
  const meta = metaFromHeader(header, ephemeral);
  const turns: Turn[] = [];
  const history: HistoryEntry[] = [];
  const baselines: Baseline[] = [];
  const changeLog: ChangeLog = { reverts: [], watchNotes: [] };
  const usage: Pick<ThreadState, 'tokenUsage'> = {};
  for (const record of changes) {
    applyToMeta(meta, record);
    applyToTurns(turns, record, history, baselines, changeLog);
    applyUsage(usage, record);
  }
  for (const turn of turns) if (turn.status === 'inProgress') turn.status = 'interrupted';
  return { meta, turns, history, baselines, changeLog, ...usage };
}
