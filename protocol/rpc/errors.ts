/**
 * The one error vocabulary: JSON-RPC's reserved codes and Tandem's application codes
 * (-32000..-32099). Every application error carries `data.reason`, a stable string a program
 * can branch on.
 */
import { ResponseError } from 'vscode-jsonrpc';
import type { ConfigWriteErrorCode } from '../schema/config';

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
  /** A Tandem extension asked of an engine that is not Tandem's (the UI on Codex). */
  | 'notOnThisEngine'
  | 'config'
  /** A config/* write refused; `data.config_write_error_code` says why, as Codex names it. */
  | 'configWrite'
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
    // ResponseError's constructor sets its own prototype, which made every `instanceof AppError` false.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Data beyond `reason`, kept only when given: an absent field stays absent on the wire. */
const withData = (reason: ErrorReason, extra: Record<string, unknown>): AppErrorData => {
  const data: AppErrorData = { reason };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) data[k] = v;
  return data;
};

// One factory per reason. Where one reason covers several situations the caller says which in
// `message`; the code and the data's shape belong to the reason.

export const overloaded = (): AppError =>
  new AppError(ErrorCode.Overloaded, 'Server overloaded; retry later.', { reason: 'overloaded' });
export const notInitialized = (): AppError =>
  new AppError(ErrorCode.NotInitialized, 'Not initialized', { reason: 'notInitialized' });
export const alreadyInitialized = (): AppError =>
  new AppError(ErrorCode.AlreadyInitialized, 'Already initialized', { reason: 'alreadyInitialized' });
export const threadNotFound = (threadId: string): AppError =>
  new AppError(ErrorCode.ThreadNotFound, `Thread not found: ${threadId}`, { reason: 'threadNotFound', threadId });

/** JSON-RPC's own "method not found": no application data, as JSON-RPC peers expect. */
export const methodNotFound = (method: string): ResponseError<void> =>
  new ResponseError(ErrorCode.MethodNotFound, `Unknown method: ${method}`);

/** Params the method's schema (or a limit) refused; `extra` says where (field, limit, issues). */
export const invalidParams = (message: string, extra: Record<string, unknown> = {}): AppError =>
  new AppError(ErrorCode.InvalidParams, message, withData('invalidParams', extra));

/** Codex's experimental surface (a method, or one of its params) used without opting in. */
export const experimentalRequired = (what: string): AppError =>
  invalidParams(`${what} is experimental: initialize with capabilities.experimentalApi = true to use it`);

export const invalidCursor = (message: string): AppError =>
  new AppError(ErrorCode.InvalidParams, message, { reason: 'invalidCursor' });

export const invalidCwd = (cwd: string): AppError =>
  new AppError(ErrorCode.InvalidTarget, `cwd is not an existing folder: ${cwd}`, { reason: 'invalidCwd', cwd });

export const storageFailed = (message: string): AppError =>
  new AppError(ErrorCode.StorageFailed, message, { reason: 'storageFailed' });

export const turnNotFound = (message: string, turnId?: string): AppError =>
  new AppError(ErrorCode.TurnNotFound, message, withData('turnNotFound', { turnId }));

export const turnBusy = (message: string, turnId: string): AppError =>
  new AppError(ErrorCode.TurnBusy, message, { reason: 'turnBusy', turnId });

export const noActiveTurn = (message: string, turnId?: string): AppError =>
  new AppError(ErrorCode.InvalidTarget, message, withData('noActiveTurn', { turnId }));

export const turnMismatch = (runningTurnId: string, expectedTurnId: string): AppError =>
  new AppError(ErrorCode.InvalidTarget, `The running turn is ${runningTurnId}, not ${expectedTurnId}`, {
    reason: 'turnMismatch',
    turnId: runningTurnId,
  });

/** The model endpoint could not be used; `reason` is the model error's kind when known. */
export const modelUnavailable = (
  message: string,
  reason: Extract<
    ErrorReason,
    'modelUnavailable' | 'config' | 'auth' | 'rateLimit' | 'server' | 'connection' | 'stream' | 'request'
  > = 'modelUnavailable',
): AppError => new AppError(ErrorCode.ModelUnavailable, message, { reason });

/**
 * A config/value/write or config/batchWrite refused, nothing written. `code` is Codex's
 * ConfigWriteErrorCode, under the key Codex's own errors carry it: a stale `expectedVersion` or
 * another file is a target that cannot be used that way; an unknown key or a bad value is bad params.
 */
export const configWriteRefused = (code: ConfigWriteErrorCode, message: string, keyPath?: string): AppError =>
  new AppError(
    code === 'configLayerReadonly' || code === 'configVersionConflict' || code === 'userLayerNotFound'
      ? ErrorCode.InvalidTarget
      : ErrorCode.InvalidParams,
    message,
    withData('configWrite', { config_write_error_code: code, keyPath }),
  );

/** settings.json could not be read. */
export const configUnreadable = (message: string): AppError =>
  new AppError(ErrorCode.InvalidTarget, message, { reason: 'config' });

export const noPendingChange = (itemId: string): AppError =>
  new AppError(ErrorCode.InvalidTarget, `No file change ${itemId} is awaiting approval in this thread`, {
    reason: 'noPendingChange',
    itemId,
  });

export const nothingToRevert = (): AppError =>
  new AppError(ErrorCode.InvalidTarget, 'Nothing to revert: these files are already as they were before the turn', {
    reason: 'nothingToRevert',
  });

/** The files a revert would change are not the ones the user confirmed. */
export const revertChanged = (files: string[]): AppError =>
  new AppError(
    ErrorCode.InvalidTarget,
    `The files changed since you confirmed; a revert now would change: ${files.join(', ') || 'nothing'}`,
    {
      reason: 'revertChanged',
      files,
    },
  );

export const revertNotFound = (itemId: string, alreadyUndone: boolean): AppError =>
  new AppError(
    ErrorCode.InvalidTarget,
    alreadyUndone ? 'This revert was already undone' : `No revert ${itemId} in this thread`,
    {
      reason: 'revertNotFound',
      itemId,
    },
  );

export const revertConflict = (files: string[]): AppError =>
  new AppError(ErrorCode.InvalidTarget, `Cannot undo the revert: changed since then: ${files.join(', ')}`, {
    reason: 'revertConflict',
    files,
  });

/** A path leads through a symbolic link, or out of the workspace; `files` names them when known. */
export const pathRefused = (message: string, files?: string[]): AppError =>
  new AppError(ErrorCode.InvalidTarget, message, withData('pathRefused', { files }));

/**
 * A Tandem extension (`tandem/…`) asked while the UI's engine is another Codex-compatible server,
 * which does not offer it. JSON-RPC's "method not found", with a reason a program can branch on.
 */
export const notOnThisEngine = (method: string, engine: string): AppError =>
  new AppError(
    ErrorCode.MethodNotFound,
    `${method} is a Tandem extension; the engine this window uses (${engine}) does not offer it`,
    { reason: 'notOnThisEngine', method },
  );
