/**
 * Tandem's extensions to the Codex protocol, all under the `tandem/` prefix so they can never
 * collide with a Codex method. Codex clients never need them.
 */
import { z } from 'zod';

/** Params of `tandem/folders/complete`: folders whose path starts with `prefix` (web mode's folder picker). */
export const FoldersCompleteParams = z.object({
  /** An absolute path or the start of one; `~` stands for the home folder. Empty: the home folder. */
  prefix: z.string().max(4096),
  /** At most this many folders (default 50). */
  limit: z.number().int().min(1).max(500).optional(),
});
export type FoldersCompleteParams = z.infer<typeof FoldersCompleteParams>;

/** Result of `tandem/folders/complete`. */
export const FoldersCompleteResponse = z.object({
  /** The folder whose children were listed. */
  parent: z.string(),
  /** Matching child folders, absolute, sorted; hidden ones only when the prefix asks for a dot. */
  folders: z.array(z.string()),
});
export type FoldersCompleteResponse = z.infer<typeof FoldersCompleteResponse>;
