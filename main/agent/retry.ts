/** How long to wait before retrying a failed model call. */
import type { ModelError } from '../model/types';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 250, maxDelayMs: 15_000 };

/** The delay before retry number `attempt` (1-based): Retry-After when given, else exponential with jitter. */
export function retryDelay(policy: RetryPolicy, attempt: number, error: ModelError): number {
  const after = error.options.retryAfterMs;
  if (after !== undefined) return Math.min(after, 60_000);
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, exp * (0.8 + Math.random() * 0.4));
}
