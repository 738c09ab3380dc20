/** `skills/list`: the skills (SKILL.md folders) a client can offer for a workspace, as Codex lists them. */
import { z } from 'zod';
// The schemas below are z.lazy: built on first use, not at start-up, so a fresh server answering
// `initialize` builds none of them (each one built at start-up costs RSS and time; npm run bench).

/** Where a skill comes from: the user's own skills, or the project's (`repo`). */
export const SkillScope = z.lazy(() => z.enum(['user', 'repo', 'system', 'admin']));
export type SkillScope = z.infer<typeof SkillScope>;

/** One skill: its front matter and where its SKILL.md is. */
export const SkillMetadata = z.lazy(() =>
  z.object({
    name: z.string(),
    description: z.string(),
    /** Legacy `short-description` (front matter `metadata.short-description`), when given. */
    shortDescription: z.string().nullable().optional(),
    /** Absolute path of the SKILL.md. */
    path: z.string(),
    scope: SkillScope,
    enabled: z.boolean(),
    pluginId: z.string().nullable().optional(),
  }),
);
export type SkillMetadata = z.infer<typeof SkillMetadata>;

/** A SKILL.md (or a skill folder) that could not be used, and why. */
export const SkillErrorInfo = z.lazy(() => z.object({ path: z.string(), message: z.string() }));
export type SkillErrorInfo = z.infer<typeof SkillErrorInfo>;

/** The skills of one working directory. */
const SkillsListEntry = z.lazy(() =>
  z.object({
    cwd: z.string(),
    skills: z.array(SkillMetadata),
    errors: z.array(SkillErrorInfo),
  }),
);

export const SkillsListParams = z.lazy(() =>
  z.object({
    /** Working directories to list skills for; empty or absent: the server's own folder. */
    cwds: z.array(z.string().min(1)).max(64).optional(),
    /** Skills are read from disk on every call, so this changes nothing (accepted for Codex clients). */
    forceReload: z.boolean().optional(),
  }),
);
export type SkillsListParams = z.infer<typeof SkillsListParams>;

export const SkillsListResponse = z.lazy(() => z.object({ data: z.array(SkillsListEntry) }));
export type SkillsListResponse = z.infer<typeof SkillsListResponse>;
