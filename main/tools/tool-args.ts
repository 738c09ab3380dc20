/**
 * The arguments of each function tool, validated (a model's malformed call gets a readable error
 * back) and described: the JSON Schema the model is offered is derived from these.
 */
import { z } from 'zod';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

export const ExecCommandArgs = z.lazy(() =>
  z.object({
    cmd: z.string().min(1).describe('Shell command to execute.'),
    workdir: z
      .string()
      .min(1)
      .optional()
      .describe('Optional working directory, relative to the working folder. Defaults to the working folder.'),
    timeout_ms: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Kill the command after this many milliseconds (default 600000).'),
    yield_time_ms: z
      .number()
      .optional()
      .describe('Accepted for compatibility; the command always runs to completion or its timeout.'),
    max_output_tokens: z.number().int().positive().optional().describe('Maximum number of tokens of output to return.'),
    sandbox_permissions: z
      .enum(['use_default', 'require_escalated'])
      .optional()
      .describe('Set to "require_escalated" to ask the user to run this command outside the sandbox.'),
    justification: z
      .string()
      .optional()
      .describe('Why the command needs to run outside the sandbox; shown to the user.'),
  }),
);
export type ExecCommandArgs = z.infer<typeof ExecCommandArgs>;

export const UpdatePlanArgs = z.lazy(() =>
  z.object({
    explanation: z.string().nullable().optional(),
    plan: z
      .array(
        z.object({
          step: z.string(),
          status: z.enum(['pending', 'in_progress', 'completed']).describe('One of: pending, in_progress, completed'),
        }),
      )
      .describe('The list of steps'),
  }),
);
export type UpdatePlanArgs = z.infer<typeof UpdatePlanArgs>;

export const ReadFileArgs = z.lazy(() =>
  z.object({
    file_path: z.string().min(1).describe('Path to the file, relative to the working folder (or absolute inside it).'),
    offset: z.number().int().min(1).optional().describe('The line number to start from (1-based). Defaults to 1.'),
    limit: z.number().int().min(1).optional().describe('The maximum number of lines to return. Defaults to 2000.'),
  }),
);
export type ReadFileArgs = z.infer<typeof ReadFileArgs>;

export const ListDirArgs = z.lazy(() =>
  z.object({
    dir_path: z.string().min(1).describe('Folder to list, relative to the working folder.'),
    offset: z.number().int().min(1).optional().describe('The entry number to start from (1-based). Defaults to 1.'),
    limit: z.number().int().min(1).optional().describe('The maximum number of entries to return. Defaults to 200.'),
    depth: z.number().int().min(1).max(10).optional().describe('How deep to descend. Defaults to 2.'),
  }),
);
export type ListDirArgs = z.infer<typeof ListDirArgs>;

export const GrepFilesArgs = z.lazy(() =>
  z.object({
    pattern: z.string().min(1).describe('Regular expression to search for.'),
    include: z.string().optional().describe('Optional glob of file names to search, e.g. "*.ts" or "*.{ts,tsx}".'),
    path: z.string().optional().describe('Folder to search, relative to the working folder. Defaults to it.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(2000)
      .optional()
      .describe('The maximum number of paths to return. Defaults to 100.'),
  }),
);
export type GrepFilesArgs = z.infer<typeof GrepFilesArgs>;
