/** Turns: one user request and everything the agent did for it. */
import { z } from 'zod';
import { ThreadItem } from './item';

/** Where a turn stands. */
export const TurnStatus = z.enum(['completed', 'interrupted', 'failed', 'inProgress']);
export type TurnStatus = z.infer<typeof TurnStatus>;

/** Why a turn failed, in words a user can act on. */
export const TurnError = z.object({
  message: z.string(),
  /** Codex's machine-readable error class (e.g. `unauthorized`), or null. */
  codexErrorInfo: z.unknown().optional(),
  additionalDetails: z.string().nullable().optional(),
});
export type TurnError = z.infer<typeof TurnError>;

/** A turn with its items. */
export const Turn = z.object({
  id: z.string(),
  items: z.array(ThreadItem),
  status: TurnStatus,
  error: TurnError.nullable().optional(),
  /** Unix seconds. */
  startedAt: z.number().int().nullable().optional(),
  /** Unix seconds. */
  completedAt: z.number().int().nullable().optional(),
  durationMs: z.number().int().nullable().optional(),
});
export type Turn = z.infer<typeof Turn>;
