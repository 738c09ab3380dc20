/**
 * `item/tool/requestUserInput`: the agent asks the user one to three multiple-choice questions
 * mid-turn (the model's `request_user_input` tool), and the answers go back to the model. Codex
 * marks it experimental: it is offered only to clients that opted into the experimental API.
 */
import { z } from 'zod';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

const ToolRequestUserInputOption = z.lazy(() =>
  z.object({
    /** 1–5 words. */
    label: z.string(),
    /** What choosing it means, in a sentence. */
    description: z.string(),
  }),
);

const ToolRequestUserInputQuestion = z.lazy(() =>
  z.object({
    /** Names the question in the answers. */
    id: z.string(),
    /** A short label (12 characters or fewer). */
    header: z.string(),
    question: z.string(),
    /** The client offers a free-form "Other" answer besides the options. */
    isOther: z.boolean().optional(),
    /** The answer is a secret: do not echo or keep it. */
    isSecret: z.boolean().optional(),
    options: z.array(ToolRequestUserInputOption).nullable().optional(),
  }),
);

export const ToolRequestUserInputParams = z.lazy(() =>
  z.object({
    threadId: z.string(),
    turnId: z.string(),
    /** The tool call's id. */
    itemId: z.string(),
    questions: z.array(ToolRequestUserInputQuestion),
    /** The turn waits for the answer. */
    isBlocking: z.boolean(),
    autoResolutionMs: z.number().int().nonnegative().nullable().optional(),
  }),
);
export type ToolRequestUserInputParams = z.infer<typeof ToolRequestUserInputParams>;

/** Question id → the chosen labels (or the user's own words). */
export const ToolRequestUserInputResponse = z.lazy(() =>
  z.object({
    answers: z.record(z.string(), z.object({ answers: z.array(z.string()) })),
  }),
);
export type ToolRequestUserInputResponse = z.infer<typeof ToolRequestUserInputResponse>;
