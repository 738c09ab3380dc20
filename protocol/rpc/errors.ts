/**
 * The one error vocabulary: JSON-RPC's reserved codes and Tandem's application codes
 * (-32000..-32099). Every application error carries `data.reason`, a stable string a program
 * can branch on.
 */
import { ResponseError } from 'vscode-jsonrpc';

export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Too many requests in flight on this connection. */
  Overloaded: -32001,
  /** A request other than `initialize` arrived before `initialize`. */
  NotInitialized: -32002,
  /** `initialize` arrived twice on one connection. */
  AlreadyInitialized: -32003,
  /** No thread with that id. */
  ThreadNotFound: -32004,
  /** The request names something that exists but cannot be used that way (e.g. a cwd that is not a folder). */
  InvalidTarget: -32005,
  /** The disk refused a write; nothing was recorded. */
  StorageFailed: -32006,
  /** A turn is already running in the thread. */
  TurnBusy: -32007,
  /** The model endpoint could not be used (no key, unreachable, refused). */
  ModelUnavailable: -32008,
  /** No such turn in the thread. */
  TurnNotFound: -32009,
  /** A request reused the id of a request still in flight. */
  DuplicateRequestId: -32010,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Stable reasons, one per application error. */
export type ErrorReason =
  | 'overloaded'
  | 'notInitialized'
  | 'alreadyInitialized'
  | 'threadNotFound'
  | 'invalidCwd'
  | 'invalidCursor'
  | 'storageFailed'
  | 'messageTooLarge'
  | 'tooDeep'
  | 'invalidParams'
  | 'turnNotFound'
  | 'turnBusy'
  | 'noActiveTurn'
  | 'turnMismatch'
  | 'modelUnavailable'
  | 'duplicateRequestId'
  | 'noPendingChange'
  | 'nothingToRevert'
  | 'revertChanged'
  | 'revertNotFound'
  | 'revertConflict'
  /** A path leads through a symbolic link, or out of the workspace: not written. */
  | 'pathRefused'
  | 'config'
  | 'auth'
  | 'rateLimit'
  | 'server'
  | 'connection'
  | 'stream'
  | 'request';

export interface AppErrorData {
  reason: ErrorReason;
  [key: string]: unknown;
}

/** An application error to throw from a handler; the connection sends it as the response. */
export class AppError extends ResponseError<AppErrorData> {
  constructor(code: ErrorCode, message: string, data: AppErrorData) {
    super(code, message, data);
  }
}

export const overloaded = (): AppError =>
  new AppError(ErrorCode.Overloaded, 'Server overloaded; retry later.', { reason: 'overloaded' });
export const notInitialized = (): AppError =>
  new AppError(ErrorCode.NotInitialized, 'Not initialized', { reason: 'notInitialized' });
export const alreadyInitialized = (): AppError =>
  new AppError(ErrorCode.AlreadyInitialized, 'Already initialized', { reason: 'alreadyInitialized' });
export const threadNotFound = (threadId: string): AppError =>
  new AppError(ErrorCode.ThreadNotFound, `Thread not found: ${threadId}`, { reason: 'threadNotFound', threadId });
