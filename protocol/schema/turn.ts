/** Turns: one user request and everything the agent did for it. */
import { z } from 'zod';
import { AskForApproval, ReasoningEffort, SandboxPolicy } from './common';
import { UserInput } from './item';
import { AnyThreadItem } from './wire-item';

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
  /** Read leniently: an item of a kind this build does not know is kept as an OtherItem (wire-item.ts). */
  items: z.array(AnyThreadItem),
  status: TurnStatus,
  error: TurnError.nullable().optional(),
  /** Unix seconds. */
  startedAt: z.number().int().nullable().optional(),
  /** Unix seconds. */
  completedAt: z.number().int().nullable().optional(),
  durationMs: z.number().int().nullable().optional(),
  /**
   * How much of `items` is here (Codex's default: `full`). `turn/started` carries none
   * (`notLoaded`), `turn/completed` the summary: the final agent message.
   */
  itemsView: z.enum(['notLoaded', 'summary', 'full']).optional(),
});
export type Turn = z.infer<typeof Turn>;

/** Per-turn overrides a client may send with `turn/start`; they stick for later turns. */
export const TurnStartParams = z.object({
  threadId: z.string().min(1),
  /** What the user said. */
  input: z.array(UserInput).min(1),
  model: z.string().min(1).nullable().optional(),
  /** Reasoning effort for this turn. */
  effort: ReasoningEffort.nullable().optional(),
  /** Reasoning summary detail: auto, concise, detailed or none. */
  summary: z.enum(['auto', 'concise', 'detailed', 'none']).nullable().optional(),
  approvalPolicy: AskForApproval.nullable().optional(),
  sandboxPolicy: SandboxPolicy.nullable().optional(),
  cwd: z.string().min(1).nullable().optional(),
  /** Echoed on the user message item as `clientId`. */
  clientUserMessageId: z.string().nullable().optional(),
  /**
   * A JSON Schema the turn's final agent message must follow (this turn only): sent to the model
   * as structured output, and the final message is checked against it.
   */
  // Lazy: a z.record built at start-up pages 3.3 MiB of node's code into RSS (measured; npm run bench).
  outputSchema: z
    .lazy(() => z.record(z.string(), z.unknown()))
    .nullable()
    .optional(),
});
export type TurnStartParams = z.infer<typeof TurnStartParams>;

/** Result of `turn/start`: the new turn, in progress. */
export const TurnStartResponse = z.object({ turn: Turn });
export type TurnStartResponse = z.infer<typeof TurnStartResponse>;

/** Params of `turn/steer`: more user input for the running turn. */
export const TurnSteerParams = z.object({
  threadId: z.string().min(1),
  /** The turn the client believes is running; refused if another one is. */
  expectedTurnId: z.string().min(1),
  input: z.array(UserInput).min(1),
  clientUserMessageId: z.string().nullable().optional(),
});
export type TurnSteerParams = z.infer<typeof TurnSteerParams>;

/** Result of `turn/steer`. */
export const TurnSteerResponse = z.object({ turnId: z.string() });

/** Params of `turn/interrupt`. */
export const TurnInterruptParams = z.object({ threadId: z.string().min(1), turnId: z.string().min(1) });
export type TurnInterruptParams = z.infer<typeof TurnInterruptParams>;
