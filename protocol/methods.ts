/**
 * The method tables: every wire method Tandem speaks, once, with its params and result
 * schemas. Server, preload, renderer and tests import these; no method string is written
 * anywhere else.
 */
import { z } from 'zod';
import {
  CommandExecutionRequestApprovalParams,
  CommandExecutionRequestApprovalResponse,
  FileChangeRequestApprovalParams,
  FileChangeRequestApprovalResponse,
} from './schema/approval';
import { EmptyResponse } from './schema/common';
import { DynamicToolCallParams, DynamicToolCallResponse } from './schema/dynamic-tools';
import {
  AccountRateLimitsUpdatedNotification,
  GetAccountParams,
  GetAccountRateLimitsParams,
  GetAccountRateLimitsResponse,
  GetAccountResponse,
} from './schema/account';
import {
  ConfigBatchWriteParams,
  ConfigReadParams,
  ConfigReadResponse,
  ConfigValueWriteParams,
  ConfigWriteResponse,
  ModelProviderListParams,
  ModelProviderListResponse,
} from './schema/config';
import { ToolRequestUserInputParams, ToolRequestUserInputResponse } from './schema/user-input';
import { ModelListParams, ModelListResponse } from './schema/model';
import { SkillsListParams, SkillsListResponse } from './schema/skills';
import {
  ConnectionTestResponse,
  FileChangeContentsParams,
  FileChangeContentsResponse,
  FoldersCompleteParams,
  FoldersCompleteResponse,
  Settings,
  SettingsWriteParams,
  TurnDiffParams,
  TurnDiffResponse,
  TurnRevertParams,
  TurnRevertResponse,
  TurnRevertUndoParams,
  TurnRevertUndoResponse,
  UiCommandNotification,
} from './schema/tandem';
import {
  TurnInterruptParams,
  TurnStartParams,
  TurnStartResponse,
  TurnSteerParams,
  TurnSteerResponse,
} from './schema/turn';
import {
  ErrorNotification,
  ItemCompletedNotification,
  ItemDeltaNotification,
  ItemStartedNotification,
  ReasoningSummaryPartAddedNotification,
  ReasoningSummaryTextDeltaNotification,
  ServerRequestResolvedNotification,
  ThreadTokenUsageUpdatedNotification,
  TurnDiffUpdatedNotification,
  TurnNotification,
  TurnPlanUpdatedNotification,
} from './schema/turn-events';
import {
  ThreadSearchOccurrencesParams,
  ThreadSearchOccurrencesResponse,
  ThreadSearchParams,
  ThreadSearchResponse,
} from './schema/thread-search';
import { InitializeParams, InitializeResponse } from './schema/initialize';
import {
  ThreadItemsListParams,
  ThreadItemsListResponse,
  ThreadLoadedListParams,
  ThreadLoadedListResponse,
  ThreadMetadataUpdateParams,
  ThreadMetadataUpdateResponse,
  ThreadShellCommandParams,
  ThreadUnsubscribeResponse,
} from './schema/thread-methods';
import {
  ThreadForkParams,
  ThreadForkResponse,
  ThreadIdNotification,
  ThreadIdParams,
  ThreadListParams,
  ThreadListResponse,
  ThreadNameUpdatedNotification,
  ThreadReadParams,
  ThreadTurnsListParams,
  ThreadTurnsListResponse,
  ThreadReadResponse,
  ThreadResumeParams,
  ThreadResumeResponse,
  ThreadSetNameParams,
  ThreadStartParams,
  ThreadStartResponse,
  ThreadStartedNotification,
  ThreadStatusChangedNotification,
  ThreadUnarchiveResponse,
} from './schema/thread';

interface MethodSpec<P extends z.ZodType, R extends z.ZodType> {
  params: P;
  result: R;
}
const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R): MethodSpec<P, R> => ({
  params,
  result,
});

/**
 * Which queue a client request runs in, from its params being valid to its handler settling (the
 * response is written after): `thread` alone among the locked requests of its `threadId` (they
 * check, then act: two turn/starts never both see no turn running), `settings` alone among
 * settings writes, `none` concurrently with everything. Declared per method, as Codex's
 * app-server-protocol declares each request's metadata, so an unlocked method is a visible choice.
 */
type LockScope = 'thread' | 'settings' | 'none';

/**
 * Codex's experimental surface, answered only for clients that opted in at initialize: the whole
 * method, or (`fields`) only a request that gives one of these params.
 */
export type ExperimentalGate<P = Record<string, unknown>> =
  { method: true } | { fields: ReadonlyArray<keyof P & string> };

interface RequestMeta<P extends z.ZodType> {
  /** A method whose params name a thread must choose; other methods are unlocked unless they say. */
  lock: z.infer<P> extends { threadId: string } ? LockScope : Exclude<LockScope, 'thread'>;
  experimental?: ExperimentalGate<z.infer<P>>;
}

interface ClientRequestSpec<P extends z.ZodType, R extends z.ZodType> extends MethodSpec<P, R> {
  lock: LockScope;
  experimental: ExperimentalGate | null;
}

/** A client request: its schemas, its lock scope and its experimental gate. */
const request = <P extends z.ZodType, R extends z.ZodType>(
  params: P,
  result: R,
  ...[meta]: z.infer<P> extends { threadId: string } ? [RequestMeta<P>] : [RequestMeta<P>?]
): ClientRequestSpec<P, R> => ({
  params,
  result,
  lock: meta?.lock ?? 'none',
  experimental: (meta?.experimental as ExperimentalGate | undefined) ?? null,
});

/** Client → server requests. */
export const clientRequests = {
  initialize: request(InitializeParams, InitializeResponse),
  'thread/start': request(ThreadStartParams, ThreadStartResponse, {
    lock: 'none',
    experimental: { fields: ['dynamicTools'] },
  }),
  'thread/resume': request(ThreadResumeParams, ThreadResumeResponse, {
    lock: 'thread',
    experimental: { fields: ['initialTurnsPage'] },
  }),
  'thread/fork': request(ThreadForkParams, ThreadForkResponse, { lock: 'none' }),
  'thread/list': request(ThreadListParams, ThreadListResponse),
  'thread/read': request(ThreadReadParams, ThreadReadResponse, { lock: 'none' }),
  // Stable in Codex 0.169 (its deprecation notice for turns in thread/read points clients here).
  'thread/turns/list': request(ThreadTurnsListParams, ThreadTurnsListResponse, { lock: 'none' }),
  'thread/items/list': request(ThreadItemsListParams, ThreadItemsListResponse, { lock: 'none' }),
  // Codex's experimental search: every thread's history, and one thread's messages.
  'thread/search': request(ThreadSearchParams, ThreadSearchResponse, { lock: 'none', experimental: { method: true } }),
  'thread/searchOccurrences': request(ThreadSearchOccurrencesParams, ThreadSearchOccurrencesResponse, {
    lock: 'none',
    experimental: { method: true },
  }),
  'thread/loaded/list': request(ThreadLoadedListParams, ThreadLoadedListResponse),
  // Unsubscribe checks then acts on the thread's subscribers. Delete takes the thread's lock
  // itself, after stopping the user's shell commands there (one holds the lock while it runs).
  'thread/unsubscribe': request(ThreadIdParams, ThreadUnsubscribeResponse, { lock: 'thread' }),
  'thread/delete': request(ThreadIdParams, EmptyResponse, { lock: 'none' }),
  'thread/metadata/update': request(ThreadMetadataUpdateParams, ThreadMetadataUpdateResponse, { lock: 'thread' }),
  // Unlocked: it may join the running turn, as in Codex, and must not wait behind a turn/start.
  'thread/shellCommand': request(ThreadShellCommandParams, EmptyResponse, { lock: 'none' }),
  'thread/archive': request(ThreadIdParams, EmptyResponse, { lock: 'thread' }),
  'thread/unarchive': request(ThreadIdParams, ThreadUnarchiveResponse, { lock: 'thread' }),
  'thread/name/set': request(ThreadSetNameParams, EmptyResponse, { lock: 'thread' }),
  'turn/start': request(TurnStartParams, TurnStartResponse, { lock: 'thread' }),
  'turn/steer': request(TurnSteerParams, TurnSteerResponse, { lock: 'none' }),
  'turn/interrupt': request(TurnInterruptParams, EmptyResponse, { lock: 'none' }),
  'model/list': request(ModelListParams, ModelListResponse),
  'skills/list': request(SkillsListParams, SkillsListResponse),
  'modelProvider/list': request(ModelProviderListParams, ModelProviderListResponse),
  /** Codex's config over Tandem's settings.json: the same file, validation and lock as tandem/settings/*. */
  'config/read': request(ConfigReadParams, ConfigReadResponse),
  'config/value/write': request(ConfigValueWriteParams, ConfigWriteResponse, { lock: 'settings' }),
  'config/batchWrite': request(ConfigBatchWriteParams, ConfigWriteResponse, { lock: 'settings' }),
  'account/read': request(GetAccountParams, GetAccountResponse),
  'account/rateLimits/read': request(GetAccountRateLimitsParams, GetAccountRateLimitsResponse),
  /** Tandem extension: folder path completion for web mode's "Open folder". */
  'tandem/folders/complete': request(FoldersCompleteParams, FoldersCompleteResponse),
  /** Tandem extension: a pending file change's whole files, for review hunk by hunk. */
  'tandem/fileChange/contents': request(FileChangeContentsParams, FileChangeContentsResponse, { lock: 'none' }),
  /** Tandem extension: the settings screen. */
  'tandem/settings/read': request(z.object({}), Settings),
  'tandem/settings/write': request(SettingsWriteParams, Settings, { lock: 'settings' }),
  'tandem/settings/testConnection': request(z.object({}), ConnectionTestResponse),
  /** Tandem extension: the changes panel — a turn's or the thread's changes, and reverting them. */
  'tandem/turn/diff': request(TurnDiffParams, TurnDiffResponse, { lock: 'none' }),
  'tandem/turn/revert': request(TurnRevertParams, TurnRevertResponse, { lock: 'thread' }),
  'tandem/turn/revert/undo': request(TurnRevertUndoParams, TurnRevertUndoResponse, { lock: 'thread' }),
} as const;

/** Whether a method is one of Tandem's extensions (not in Codex's schema). */
export const isTandemExtension = (m: string): boolean => m.startsWith('tandem/');

/** Server → client requests: approvals, and calls of the client's own tools. */
export const serverRequests = {
  'item/commandExecution/requestApproval': method(
    CommandExecutionRequestApprovalParams,
    CommandExecutionRequestApprovalResponse,
  ),
  'item/fileChange/requestApproval': method(FileChangeRequestApprovalParams, FileChangeRequestApprovalResponse),
  /** The model called a tool the client provided (`dynamicTools`): the client runs it and answers. */
  'item/tool/call': method(DynamicToolCallParams, DynamicToolCallResponse),
  /** The model's request_user_input tool: questions for the user (Codex: experimental). */
  'item/tool/requestUserInput': method(ToolRequestUserInputParams, ToolRequestUserInputResponse),
} as const;

/** Server → client notifications. */
export const serverNotifications = {
  'thread/started': ThreadStartedNotification,
  'thread/status/changed': ThreadStatusChangedNotification,
  'thread/archived': ThreadIdNotification,
  'thread/unarchived': ThreadIdNotification,
  'thread/name/updated': ThreadNameUpdatedNotification,
  'thread/deleted': ThreadIdNotification,
  /** A thread no client followed any more was unloaded (after `thread/unsubscribe`). */
  'thread/closed': ThreadIdNotification,
  'thread/tokenUsage/updated': ThreadTokenUsageUpdatedNotification,
  'turn/started': TurnNotification,
  'turn/completed': TurnNotification,
  'turn/plan/updated': TurnPlanUpdatedNotification,
  'turn/diff/updated': TurnDiffUpdatedNotification,
  'item/started': ItemStartedNotification,
  'item/completed': ItemCompletedNotification,
  'item/agentMessage/delta': ItemDeltaNotification,
  'item/reasoning/summaryPartAdded': ReasoningSummaryPartAddedNotification,
  'item/reasoning/summaryTextDelta': ReasoningSummaryTextDeltaNotification,
  'item/commandExecution/outputDelta': ItemDeltaNotification,
  'serverRequest/resolved': ServerRequestResolvedNotification,
  /** After a model call whose response carried rate-limit headers (Codex sends it after each call). */
  'account/rateLimits/updated': AccountRateLimitsUpdatedNotification,
  error: ErrorNotification,
  /** Tandem extension: sent by the desktop shell (not the app server) when a menu item is chosen. */
  'tandem/ui/command': UiCommandNotification,
} as const;

/** Client → server notifications. */
export const clientNotifications = {
  initialized: z.unknown(),
} as const;

export type ClientRequestMethod = keyof typeof clientRequests;
export type ClientRequestParams<M extends ClientRequestMethod> = z.infer<(typeof clientRequests)[M]['params']>;
export type ClientRequestResult<M extends ClientRequestMethod> = z.infer<(typeof clientRequests)[M]['result']>;
export type ServerNotificationMethod = keyof typeof serverNotifications;
type ServerNotificationParams<M extends ServerNotificationMethod> = z.infer<(typeof serverNotifications)[M]>;
export type ServerRequestMethod = keyof typeof serverRequests;
export type ServerRequestParams<M extends ServerRequestMethod> = z.infer<(typeof serverRequests)[M]['params']>;
export type ServerRequestResult<M extends ServerRequestMethod> = z.infer<(typeof serverRequests)[M]['result']>;

/** A server notification as a value: method and params kept together and typed. */
export type ServerNotification = {
  [M in ServerNotificationMethod]: { method: M; params: ServerNotificationParams<M> };
}[ServerNotificationMethod];

/** A server → client request (an approval) as a value: method and params kept together and typed. */
export type ServerRequest = {
  [M in ServerRequestMethod]: { method: M; params: ServerRequestParams<M> };
}[ServerRequestMethod];

/** A client → server request as a value. */
export type ClientRequest = {
  [M in ClientRequestMethod]: { method: M; params: ClientRequestParams<M> };
}[ClientRequestMethod];

export const isServerRequestMethod = (m: string): m is ServerRequestMethod => Object.hasOwn(serverRequests, m);
export const isClientRequestMethod = (m: string): m is ClientRequestMethod => Object.hasOwn(clientRequests, m);
export const isServerNotificationMethod = (m: string): m is ServerNotificationMethod =>
  Object.hasOwn(serverNotifications, m);
