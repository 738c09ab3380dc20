/**
 * The rate limits a model call's headers stated, in Codex's shape: `primary` is the request limit
 * and `secondary` the token limit, each as the share used and when it resets. One view for
 * `account/rateLimits/read` and the `account/rateLimits/updated` notification.
 */
import type { GetAccountRateLimitsResponse, RateLimitSnapshot, RateLimitWindow } from '../../protocol/schema/account';
import type { RateLimitReading, RateLimitSnapshotData } from '../model/rate-limits';

/** A limit as Codex's window: the share used, and when it resets (Unix seconds). */
const windowOf = (r: RateLimitReading | null): RateLimitWindow | null =>
  r && {
    usedPercent: Math.round(((r.limit - Math.max(0, Math.min(r.remaining, r.limit))) / r.limit) * 100),
    windowDurationMins: null,
    resetsAt: r.resetsAtMs === null ? null : Math.ceil(r.resetsAtMs / 1000),
  };

const snapshot = (
  id: string | null,
  name: string | null,
  primary: RateLimitWindow | null,
  secondary: RateLimitWindow | null,
): RateLimitSnapshot => ({ limitId: id, limitName: name, primary, secondary });

/** What is known of the limits; before any model call (or from an endpoint that sends no x-ratelimit-* headers) nothing. */
export function rateLimitsView(seen: RateLimitSnapshotData | null): GetAccountRateLimitsResponse {
  if (!seen) return { rateLimits: snapshot(null, null, null, null), rateLimitsByLimitId: null };
  const requests = windowOf(seen.requests);
  const tokens = windowOf(seen.tokens);
  const byId: Record<string, RateLimitSnapshot> = {};
  if (requests) byId.requests = snapshot('requests', 'Requests', requests, null);
  if (tokens) byId.tokens = snapshot('tokens', 'Tokens', tokens, null);
  return { rateLimits: snapshot(null, null, requests, tokens), rateLimitsByLimitId: byId };
}
