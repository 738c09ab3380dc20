/** Codex's machine-readable error classes for a failed turn. */
import { ModelError } from '../model/types';

export function codexErrorInfo(e: unknown): unknown {
  if (!(e instanceof ModelError)) return 'other';
  const status = e.options.status ?? null;
  switch (e.kind) {
    case 'auth':
      return 'unauthorized';
    case 'rateLimit':
    case 'server':
      return { responseTooManyFailedAttempts: { httpStatusCode: status } };
    case 'connection':
      return { httpConnectionFailed: { httpStatusCode: status } };
    case 'stream':
      return { responseStreamDisconnected: { httpStatusCode: status } };
    case 'request':
      return status === 404 ? 'modelNotFound' : 'badRequest';
    case 'config':
      return 'other';
  }
}
