/**
 * The rate limits the endpoint reported on its last model call (OpenAI's `x-ratelimit-*`
 * headers), kept for `account/rateLimits/read`. One log per server, shared by the model clients
 * it makes; nothing is invented when the endpoint sends no such headers.
 */

/** One limit as the headers state it. */
export interface RateLimitReading {
  limit: number;
  remaining: number;
  /** When it resets, Unix ms; null when the endpoint did not say. */
  resetsAtMs: number | null;
}

export interface RateLimitSnapshotData {
  requests: RateLimitReading | null;
  tokens: RateLimitReading | null;
  /** When the headers were read, Unix ms. */
  at: number;
}

/** `6m0s`, `1.5s`, `20ms`, `1h2m3s` → milliseconds; null when it is not such a duration. */
export function durationMs(text: string): number | null {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return null;
  const unit = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

function reading(headers: Headers, kind: 'requests' | 'tokens', now: number): RateLimitReading | null {
  const limit = Number(headers.get(`x-ratelimit-limit-${kind}`));
  const remaining = Number(headers.get(`x-ratelimit-remaining-${kind}`));
  if (!headers.has(`x-ratelimit-limit-${kind}`) || !Number.isFinite(limit) || limit <= 0) return null;
  if (!headers.has(`x-ratelimit-remaining-${kind}`) || !Number.isFinite(remaining)) return null;
  const reset = headers.get(`x-ratelimit-reset-${kind}`);
  const after = reset === null ? null : durationMs(reset);
  return { limit, remaining, resetsAtMs: after === null ? null : now + after };
}

/** The last rate limits seen; a response without rate-limit headers leaves what is known. */
export class RateLimitLog {
  private last: RateLimitSnapshotData | null = null;
  private readonly listeners = new Set<(seen: RateLimitSnapshotData) => void>();

  /** Read a model call's response headers. */
  observe(headers: Headers, now = Date.now()): void {
    const requests = reading(headers, 'requests', now);
    const tokens = reading(headers, 'tokens', now);
    if (!requests && !tokens) return;
    const seen = { requests, tokens, at: now };
    this.last = seen;
    for (const listener of this.listeners) listener(seen);
  }

  /** Call `listener` whenever a response stated limits; returns how to stop. */
  onChange(listener: (seen: RateLimitSnapshotData) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get snapshot(): RateLimitSnapshotData | null {
    return this.last;
  }
}
