/**
 * `account/read` and `account/rateLimits/read`: Tandem's account is the API key of its
 * endpoint (or none, for a local endpoint that needs no key), and its rate limits are what the
 * endpoint's `x-ratelimit-*` headers said on the last model call. Shapes as Codex 0.169.0's.
 */
import { z } from 'zod';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

export const GetAccountParams = z.lazy(() => z.object({ refreshToken: z.boolean().optional() }));

/** Tandem only ever has an API-key account; Codex's ChatGPT and cloud accounts are not offered. */
const Account = z.lazy(() => z.object({ type: z.literal('apiKey') }));

export const GetAccountResponse = z.lazy(() =>
  z.object({
    /** Null when no key is configured. */
    account: Account.nullable().optional(),
    /** Whether the endpoint needs a key Tandem does not have (OpenAI's own endpoint without one). */
    requiresOpenaiAuth: z.boolean(),
    userId: z.string().nullable().optional(),
  }),
);
export type GetAccountResponse = z.infer<typeof GetAccountResponse>;

/** Codex's clients send no params (or null): read as an empty object. */
export const GetAccountRateLimitsParams = z.lazy(() => z.preprocess((v) => v ?? {}, z.object({})));

/** One limit's window: how much of it is used, and when it resets (Unix seconds). */
export const RateLimitWindow = z.lazy(() =>
  z.object({
    usedPercent: z.number().int(),
    windowDurationMins: z.number().int().nullable().optional(),
    resetsAt: z.number().int().nullable().optional(),
  }),
);
export type RateLimitWindow = z.infer<typeof RateLimitWindow>;

/** Tandem fills `primary` from the request limit and `secondary` from the token limit. */
export const RateLimitSnapshot = z.lazy(() =>
  z.looseObject({
    limitId: z.string().nullable().optional(),
    limitName: z.string().nullable().optional(),
    primary: RateLimitWindow.nullable().optional(),
    secondary: RateLimitWindow.nullable().optional(),
  }),
);
export type RateLimitSnapshot = z.infer<typeof RateLimitSnapshot>;

/** `account/rateLimits/updated`: the limits the endpoint reported on a model call, as they change. */
export const AccountRateLimitsUpdatedNotification = z.lazy(() => z.object({ rateLimits: RateLimitSnapshot }));

export const GetAccountRateLimitsResponse = z.lazy(() =>
  z.object({
    rateLimits: RateLimitSnapshot,
    rateLimitsByLimitId: z.record(z.string(), RateLimitSnapshot).nullable().optional(),
  }),
);
export type GetAccountRateLimitsResponse = z.infer<typeof GetAccountRateLimitsResponse>;
