/**
 * Thread items: what a turn is made of. A union keyed on `type`, shaped as Codex's
 * `ThreadItem`. Item kinds that tools produce (commandExecution, fileChange) join this union
 * with the agent.
 */
import { z } from 'zod';

/** A span inside a text input that a UI rendered specially (a mention, a pasted image…). */
export const TextElement = z.object({
  byteRange: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }),
  placeholder: z.string().nullable().optional(),
});

/** One piece of user input. Tandem understands text; other kinds are Codex's. */
export const UserInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    /** What the user typed. */
    text: z.string(),
    text_elements: z.array(TextElement).optional(),
  }),
  z.object({
    type: z.literal('localImage'),
    /** Absolute path of an image on the server's machine. */
    path: z.string(),
    detail: z.enum(['auto', 'low', 'high', 'original']).nullable().optional(),
  }),
]);
export type UserInput = z.infer<typeof UserInput>;

/** What the user sent in a turn. */
export const UserMessageItem = z.object({
  type: z.literal('userMessage'),
  id: z.string(),
  content: z.array(UserInput),
  /** An id the client chose, echoed back so it can match its optimistic copy. */
  clientId: z.string().nullable().optional(),
});

/** Text the model wrote for the user (Markdown). */
export const AgentMessageItem = z.object({
  type: z.literal('agentMessage'),
  id: z.string(),
  text: z.string(),
  /** commentary | partial_answer | final_answer, when the provider says. */
  phase: z.enum(['commentary', 'partial_answer', 'final_answer']).nullable().optional(),
});

/** The model's reasoning: its summary parts and, where the provider gives it, raw content. */
export const ReasoningItem = z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  summary: z.array(z.string()).optional(),
  content: z.array(z.string()).optional(),
});

/** A plan the agent announced, as text. */
export const PlanItem = z.object({
  type: z.literal('plan'),
  id: z.string(),
  text: z.string(),
});

/** Every item kind Tandem produces. */
export const ThreadItem = z.discriminatedUnion('type', [
  UserMessageItem,
  AgentMessageItem,
  ReasoningItem,
  PlanItem,
]);
export type ThreadItem = z.infer<typeof ThreadItem>;
