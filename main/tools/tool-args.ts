/** The arguments of each function tool, validated: a model's malformed call gets a readable error back. */
import { z } from 'zod';

export const ExecCommandArgs = z.object({
  cmd: z.string().min(1),
  workdir: z.string().min(1).optional(),
  timeout_ms: z.number().int().positive().optional(),
  yield_time_ms: z.number().optional(),
  max_output_tokens: z.number().int().positive().optional(),
  sandbox_permissions: z.enum(['use_default', 'require_escalated']).optional(),
  justification: z.string().optional(),
});
export type ExecCommandArgs = z.infer<typeof ExecCommandArgs>;

export const UpdatePlanArgs = z.object({
  explanation: z.string().nullable().optional(),
  plan: z.array(z.object({ step: z.string(), status: z.enum(['pending', 'in_progress', 'completed']) })),
});
export type UpdatePlanArgs = z.infer<typeof UpdatePlanArgs>;

export const ReadFileArgs = z.object({
  file_path: z.string().min(1),
  offset: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).optional(),
});

export const ListDirArgs = z.object({
  dir_path: z.string().min(1),
  offset: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).optional(),
  depth: z.number().int().min(1).max(10).optional(),
});

export const GrepFilesArgs = z.object({
  pattern: z.string().min(1),
  include: z.string().optional(),
  path: z.string().optional(),
  limit: z.number().int().min(1).max(2000).optional(),
});

/** Parse a function call's JSON arguments; throws an Error whose message the model can act on. */
export function parseArgs<T>(schema: z.ZodType<T>, json: string, tool: string): T {
  let value: unknown;
  try {
    value = json.trim() === '' ? {} : JSON.parse(json);
  } catch (e) {
    throw new Error(`${tool}: arguments are not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${tool}: invalid arguments: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
