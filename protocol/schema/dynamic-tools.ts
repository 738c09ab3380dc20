/**
 * Dynamic tools: tools a client provides on `thread/start` (Codex's experimental `dynamicTools`).
 * The model is offered them beside Tandem's own; a call is sent to the client as the
 * `item/tool/call` server request, shown as a `dynamicToolCall` item, and the client's answer
 * goes back to the model as the tool's output.
 */
import { z } from 'zod';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

/** A function tool the client implements: its name, what the model is told, its JSON Schema. */
const FunctionDynamicToolSpec = z.lazy(() =>
  z.object({
    type: z.literal('function'),
    /** The name the model calls it by; must not clash with Tandem's own tools. */
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only (the model APIs refuse other names)'),
    description: z.string(),
    /** JSON Schema of the arguments (an object schema), passed to the model as given. */
    inputSchema: z.record(z.string(), z.unknown()),
    /** Codex may leave a deferred tool out until the model searches for it; Tandem always offers it. */
    deferLoading: z.boolean().optional(),
  }),
);

/**
 * One client tool. Codex also has `namespace` groups of tools; Tandem takes function tools (a
 * namespace is refused with a clear error rather than silently dropped).
 */
export const DynamicToolSpec = FunctionDynamicToolSpec;
export type DynamicToolSpec = z.infer<typeof DynamicToolSpec>;

/** Params of the `item/tool/call` server request: the model called a client tool. */
export const DynamicToolCallParams = z.lazy(() =>
  z.object({
    threadId: z.string(),
    turnId: z.string(),
    /** The model's call id (also the item's id). */
    callId: z.string(),
    namespace: z.string().nullable().optional(),
    tool: z.string(),
    /** The arguments the model sent, parsed from JSON (the raw text when it was not JSON). */
    arguments: z.unknown(),
  }),
);
export type DynamicToolCallParams = z.infer<typeof DynamicToolCallParams>;

/** One piece of a client tool's output. */
export const DynamicToolCallOutputContentItem = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('inputText'), text: z.string() }),
    z.object({ type: z.literal('inputImage'), imageUrl: z.string() }),
    z.object({ type: z.literal('inputAudio'), audioUrl: z.string() }),
  ]),
);
export type DynamicToolCallOutputContentItem = z.infer<typeof DynamicToolCallOutputContentItem>;

/** The client's answer to `item/tool/call`. */
export const DynamicToolCallResponse = z.lazy(() =>
  z.object({
    contentItems: z.array(DynamicToolCallOutputContentItem),
    /** false: the tool failed (its content says why); the model is told so. */
    success: z.boolean(),
  }),
);
export type DynamicToolCallResponse = z.infer<typeof DynamicToolCallResponse>;

/** A call of a client tool, as a thread item (Codex's `dynamicToolCall`). */
// Eager, unlike the rest of this file: one of ThreadItem's kinds, built with it.
export const DynamicToolCallItem = z.object({
  type: z.literal('dynamicToolCall'),
  /** The model's call id. */
  id: z.string(),
  namespace: z.string().nullable().optional(),
  tool: z.string(),
  arguments: z.unknown(),
  status: z.enum(['inProgress', 'completed', 'failed']),
  /** The client's output; null while in progress. */
  contentItems: z.array(DynamicToolCallOutputContentItem).nullable().optional(),
  success: z.boolean().nullable().optional(),
  durationMs: z.number().int().nullable().optional(),
});
export type DynamicToolCallItem = z.infer<typeof DynamicToolCallItem>;
