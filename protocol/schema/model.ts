/** `model/list`: the models the configured endpoint offers. */
import { z } from 'zod';
import { ReasoningEffort } from './common';

export const ModelListParams = z.object({
  cursor: z.string().nullable().optional(),
  limit: z.number().int().min(1).nullable().optional(),
  includeHidden: z.boolean().nullable().optional(),
  modelProvider: z.string().nullable().optional(),
});
export type ModelListParams = z.infer<typeof ModelListParams>;

/** A model as Codex describes it; fields Tandem cannot know get neutral values. */
export const Model = z.object({
  id: z.string(),
  model: z.string(),
  displayName: z.string(),
  description: z.string(),
  hidden: z.boolean(),
  isDefault: z.boolean(),
  defaultReasoningEffort: ReasoningEffort,
  supportedReasoningEfforts: z.array(z.object({ reasoningEffort: ReasoningEffort, description: z.string() })),
  upgrade: z.string().nullable().optional(),
  /** What the model takes besides text; Codex's default when absent is text and image. */
  inputModalities: z.array(z.enum(['text', 'image', 'audio'])).optional(),
  /**
   * Tandem extension (Codex's Model has no such field): the context window in tokens, when the
   * endpoint's model list says or the model is a known one; absent when unknown.
   */
  contextWindow: z.number().int().positive().optional(),
});
export type Model = z.infer<typeof Model>;

export const ModelListResponse = z.object({
  data: z.array(Model),
  nextCursor: z.string().nullable().optional(),
});
export type ModelListResponse = z.infer<typeof ModelListResponse>;
