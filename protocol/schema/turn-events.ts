/** Notifications that stream a turn's progress to the clients following its thread. */
import { z } from 'zod';
import { RequestId } from './common';
import { AnyThreadItem } from './wire-item';
import { Turn, TurnError } from './turn';

const inTurn = { threadId: z.string(), turnId: z.string() };

/** `turn/started` and `turn/completed`. */
export const TurnNotification = z.object({ threadId: z.string(), turn: Turn });

/** `item/started`. */
export const ItemStartedNotification = z.object({ ...inTurn, item: AnyThreadItem, startedAtMs: z.number().int() });

/** `item/completed`: the item's final form, already on disk. */
export const ItemCompletedNotification = z.object({ ...inTurn, item: AnyThreadItem, completedAtMs: z.number().int() });

/** `item/agentMessage/delta` and `item/commandExecution/outputDelta`: text to append to an item. */
export const ItemDeltaNotification = z.object({ ...inTurn, itemId: z.string(), delta: z.string() });

/** `item/reasoning/summaryPartAdded`: a new summary paragraph begins. */
export const ReasoningSummaryPartAddedNotification = z.object({
  ...inTurn,
  itemId: z.string(),
  summaryIndex: z.number().int(),
});

/** `item/reasoning/summaryTextDelta`. */
export const ReasoningSummaryTextDeltaNotification = z.object({
  ...inTurn,
  itemId: z.string(),
  summaryIndex: z.number().int(),
  delta: z.string(),
});

/** One step of the agent's plan. */
export const TurnPlanStep = z.object({ step: z.string(), status: z.enum(['pending', 'inProgress', 'completed']) });
export type TurnPlanStep = z.infer<typeof TurnPlanStep>;

/** `turn/plan/updated`. */
export const TurnPlanUpdatedNotification = z.object({
  ...inTurn,
  explanation: z.string().nullable().optional(),
  plan: z.array(TurnPlanStep),
});

/** `turn/diff/updated`: the whole turn's unified diff, against each file's content before the turn. */
export const TurnDiffUpdatedNotification = z.object({ ...inTurn, diff: z.string() });

/** Token counts of one model call or a whole thread. */
export const TokenUsageBreakdown = z.object({
  inputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  outputTokens: z.number().int(),
  reasoningOutputTokens: z.number().int(),
  totalTokens: z.number().int(),
});
export type TokenUsageBreakdown = z.infer<typeof TokenUsageBreakdown>;

/** `thread/tokenUsage/updated`. */
export const ThreadTokenUsageUpdatedNotification = z.object({
  ...inTurn,
  tokenUsage: z.object({
    total: TokenUsageBreakdown,
    last: TokenUsageBreakdown,
    modelContextWindow: z.number().int().nullable().optional(),
  }),
});

/** `error`: something went wrong in a turn; `willRetry` tells whether the server tries again. */
export const ErrorNotification = z.object({ ...inTurn, error: TurnError, willRetry: z.boolean() });

/** `serverRequest/resolved`: a server→client request (an approval) got its answer or was withdrawn. */
export const ServerRequestResolvedNotification = z.object({ threadId: z.string(), requestId: RequestId });
