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
import { ModelListParams, ModelListResponse } from './schema/model';
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
import { InitializeParams, InitializeResponse } from './schema/initialize';
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

/** Client → server requests. */
export const clientRequests = {
  initialize: method(InitializeParams, InitializeResponse),
  'thread/start': method(ThreadStartParams, ThreadStartResponse),
  'thread/resume': method(ThreadResumeParams, ThreadResumeResponse),
  'thread/fork': method(ThreadForkParams, ThreadForkResponse),
  'thread/list': method(ThreadListParams, ThreadListResponse),
  'thread/read': method(ThreadReadParams, ThreadReadResponse),
  'thread/turns/list': method(ThreadTurnsListParams, ThreadTurnsListResponse),
  'thread/archive': method(ThreadIdParams, EmptyResponse),
  'thread/unarchive': method(ThreadIdParams, ThreadUnarchiveResponse),
  'thread/name/set': method(ThreadSetNameParams, EmptyResponse),
  'turn/start': method(TurnStartParams, TurnStartResponse),
  'turn/steer': method(TurnSteerParams, TurnSteerResponse),
  'turn/interrupt': method(TurnInterruptParams, EmptyResponse),
  'model/list': method(ModelListParams, ModelListResponse),
  /** Tandem extension: folder path completion for web mode's "Open folder". */
  'tandem/folders/complete': method(FoldersCompleteParams, FoldersCompleteResponse),
  /** Tandem extension: a pending file change's whole files, for review hunk by hunk. */
  'tandem/fileChange/contents': method(FileChangeContentsParams, FileChangeContentsResponse),
  /** Tandem extension: the settings screen. */
  'tandem/settings/read': method(z.object({}), Settings),
  'tandem/settings/write': method(SettingsWriteParams, Settings),
  'tandem/settings/testConnection': method(z.object({}), ConnectionTestResponse),
  /** Tandem extension: the changes panel — a turn's or the thread's changes, and reverting them. */
  'tandem/turn/diff': method(TurnDiffParams, TurnDiffResponse),
  'tandem/turn/revert': method(TurnRevertParams, TurnRevertResponse),
  'tandem/turn/revert/undo': method(TurnRevertUndoParams, TurnRevertUndoResponse),
} as const;

/** Whether a method is one of Tandem's extensions (not in Codex's schema). */
export const isTandemExtension = (m: string): boolean => m.startsWith('tandem/');

/** Server → client requests: approvals. */
export const serverRequests = {
  'item/commandExecution/requestApproval': method(CommandExecutionRequestApprovalParams, CommandExecutionRequestApprovalResponse),
  'item/fileChange/requestApproval': method(FileChangeRequestApprovalParams, FileChangeRequestApprovalResponse),
} as const;

/** Server → client notifications. */
export const serverNotifications = {
  'thread/started': ThreadStartedNotification,
  'thread/status/changed': ThreadStatusChangedNotification,
  'thread/archived': ThreadIdNotification,
  'thread/unarchived': ThreadIdNotification,
  'thread/name/updated': ThreadNameUpdatedNotification,
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
export type ServerNotificationParams<M extends ServerNotificationMethod> = z.infer<(typeof serverNotifications)[M]>;
export type ClientNotificationMethod = keyof typeof clientNotifications;
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
export const isClientNotificationMethod = (m: string): m is ClientNotificationMethod =>
  Object.hasOwn(clientNotifications, m);
