/**
 * Turns one wire frame (a JSONL line, a WebSocket text frame, an IPC message) into a JSON-RPC
 * message, or into the error response JSON-RPC 2.0 prescribes for it. vscode-jsonrpc silently
 * drops input that is not a message; we answer it instead, so a client always learns what went
 * wrong.
 */
import type { Message, ResponseMessage } from 'vscode-jsonrpc';
import { ErrorCode } from './errors';
import { MAX_FRAME_DEPTH, tooDeepAt } from './frame-limits';

/** Frames larger than this are refused unread (a client bug or an attack, never a real message). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export type Envelope = { kind: 'message'; message: Message } | { kind: 'reject'; response: ResponseMessage };

type Id = string | number | null;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string | number =>
  typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));

/** An error response. `id` is null when the request's id could not be read (JSON-RPC 2.0 §5). */
export function errorResponse(id: Id, code: number, message: string, data?: unknown): ResponseMessage {
  const error = data === undefined ? { code, message } : { code, message, data };
  return { jsonrpc: '2.0', id, error };
}

/**
 * The error for a frame too large to read. `head` (its first bytes) may still name the request's
 * id, so the client learns which request failed.
 */
export function tooLarge(bytes: number, head = ''): ResponseMessage {
  return errorResponse(
    idInHead(head),
    ErrorCode.InvalidRequest,
    `Message too large: ${bytes} bytes (limit ${MAX_MESSAGE_BYTES})`,
    {
      reason: 'messageTooLarge',
    },
  );
}

/** The request id a frame's first bytes name at its top level, if they name one before any nesting. */
function idInHead(head: string): Id {
  const m = /^\s*\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*?"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")/.exec(head);
  if (!m?.[1]) return null;
  try {
    const value: unknown = JSON.parse(m[1]);
    return isId(value) ? value : null;
  } catch {
    return null;
  }
}

/** How many leading bytes of an oversized frame are kept to find its id. */
export const TOO_LARGE_HEAD_BYTES = 1024;

/** Classify a parsed value. Codex clients omit `"jsonrpc"`, so it is optional on input. */
function classify(value: unknown): Envelope {
  if (Array.isArray(value)) {
    return reject(null, 'Invalid request: batches are not supported');
  }
  if (!isRecord(value)) {
    return reject(null, 'Invalid request: a message must be a JSON object');
  }
  const id = isId(value.id) ? value.id : null;
  if (value.jsonrpc !== undefined && value.jsonrpc !== '2.0') {
    return reject(id, 'Invalid request: "jsonrpc" must be "2.0" when present');
  }
  if ('method' in value) {
    if (typeof value.method !== 'string' || value.method.length === 0) {
      return reject(id, 'Invalid request: "method" must be a non-empty string');
    }
    if ('id' in value && value.id !== undefined && !isId(value.id)) {
      return reject(null, 'Invalid request: "id" must be a string or an integer');
    }
    const params = value.params;
    if (params !== undefined && params !== null && typeof params !== 'object') {
      return reject(id, 'Invalid request: "params" must be an object or an array');
    }
    return { kind: 'message', message: { ...value, jsonrpc: '2.0' } as Message };
  }
  if ('id' in value && ('result' in value || 'error' in value)) {
    if (!isId(value.id) && value.id !== null) {
      return reject(null, 'Invalid response: "id" must be a string or an integer');
    }
    return { kind: 'message', message: { ...value, jsonrpc: '2.0' } as Message };
  }
  return reject(id, 'Invalid request: neither a request, a notification nor a response');
}

/** Parse and classify one frame of text. */
export function parseFrame(text: string): Envelope {
  // Refused before parsing, so that nesting costs nothing (frame-limits.ts).
  const deep = tooDeepAt(text);
  if (deep !== -1) {
    const response = errorResponse(
      idInHead(text.slice(0, Math.min(deep, TOO_LARGE_HEAD_BYTES))),
      ErrorCode.InvalidRequest,
      `Invalid request: nested deeper than ${MAX_FRAME_DEPTH} levels`,
      {
        reason: 'tooDeep',
      },
    );
    return { kind: 'reject', response };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { kind: 'reject', response: errorResponse(null, ErrorCode.ParseError, `Parse error: ${detail}`) };
  }
  return classify(value);
}

function reject(id: Id, message: string): Envelope {
  return { kind: 'reject', response: errorResponse(id, ErrorCode.InvalidRequest, message) };
}

/**
 * An outgoing message as wire text. Like Codex, every notification is stamped with
 * `emittedAtMs`, the moment the server sent it: appended to the serialized object rather than
 * set on a copy, since a streaming turn sends thousands of notifications a second.
 */
export function stampedJson(message: Message): string {
  const text = JSON.stringify(message);
  if (!('method' in message) || 'id' in message) return text;
  return `${text.slice(0, -1)},"emittedAtMs":${Date.now()}}`;
}
