/**
 * Skill discovery, as the Agent Skills convention and Codex define it: a skill is a folder holding
 * a `SKILL.md` whose YAML front matter gives its `name` and `description`; the rest of the file is
 * the instructions the model follows when the skill is used.
 *
 * Where Tandem looks (Codex's places, with Tandem's home for Codex's `$CODEX_HOME`):
 * - the project's `.agents/skills/` and `.codex/skills/` in every folder from the repository root
 *   (the nearest folder above the working directory holding `.git`) down to the working
 *   directory, nearest first (scope `repo`);
 * - `skills/` in Tandem's home (`TANDEM_HOME`, default `~/.tandem`) (scope `user`).
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { SkillErrorInfo, SkillMetadata, SkillScope } from '../../protocol/schema/skills';
import { isWithin } from './paths';

/** The Agent Skills limits on the front matter, which Codex enforces too. */
const NAME_MAX = 64;
const DESCRIPTION_MAX = 1024;
/** A SKILL.md is instructions, not data: one bigger than this is refused rather than sent. */
const SKILL_FILE_MAX = 256 * 1024;
/** How deep under a skills folder a SKILL.md is looked for (`skills/<group>/<skill>/SKILL.md`). */
const MAX_DEPTH = 3;

interface SkillRoot {
  path: string;
  scope: Extract<SkillScope, 'user' | 'repo'>;
}

export interface SkillsFound {
  skills: SkillMetadata[];
  errors: SkillErrorInfo[];
}

/** A skill input that cannot be used, in words for the user. */
export class SkillRefused extends Error {}

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? ((e as { code?: unknown }).code as string | undefined) : undefined;

/** The folders from the repository root holding `cwd` down to `cwd` (just `cwd` outside a repository). */
async function projectFolders(cwd: string): Promise<string[]> {
  const folders: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    folders.push(dir);
    if (
      await stat(join(dir, '.git')).then(
        () => true,
        () => false,
      )
    )
      return folders;
    if (dirname(dir) === dir) return [resolve(cwd)];
  }
}

/** Where skills are looked for, for a working directory, nearest first. */
async function skillRoots(cwd: string, home: string): Promise<SkillRoot[]> {
  const roots: SkillRoot[] = [];
  for (const dir of await projectFolders(cwd)) {
    roots.push({ path: join(dir, '.agents', 'skills'), scope: 'repo' });
    roots.push({ path: join(dir, '.codex', 'skills'), scope: 'repo' });
  }
  roots.push({ path: join(home, 'skills'), scope: 'user' });
  return roots;
}

/** A front matter value: unquoted, or in single or double quotes. */
function scalar(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replaceAll("''", "'");
  return v.replace(/\s+#.*$/, '');
}

/**
 * The front matter's keys that skills use: top-level `key: value` pairs (block scalars `|` and
 * `>` included) and `metadata.short-description`. A full YAML parser is not needed for these.
 */
function frontMatterOf(text: string): Map<string, string> | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return null;
  const out = new Map<string, string>();
  let parent = '';
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^(\s*)([A-Za-z0-9_-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, indent = '', key = '', value = ''] = m;
    if (indent === '') parent = '';
    const full = parent && indent !== '' ? `${parent}.${key}` : key;
    if (value === '') {
      if (indent === '') parent = key;
      continue;
    }
    if (value === '|' || value === '>' || value === '|-' || value === '>-') {
      const body: string[] = [];
      while (i + 1 < end && (/^\s+\S/.test(lines[i + 1] ?? '') || (lines[i + 1] ?? '').trim() === '')) {
        body.push((lines[++i] ?? '').trim());
      }
      out.set(full, value.startsWith('|') ? body.join('\n').trim() : body.join(' ').replace(/\s+/g, ' ').trim());
      continue;
    }
    out.set(full, scalar(value));
  }
  return out;
}

/** A SKILL.md's name and description, or why it is not a usable skill. */
export function parseSkill(
  text: string,
): { name: string; description: string; shortDescription: string | null } | { error: string } {
  const fm = frontMatterOf(text);
  if (!fm) return { error: 'SKILL.md has no YAML front matter (a block between --- lines at the top)' };
  const name = fm.get('name') ?? '';
  const description = fm.get('description') ?? '';
  if (!name) return { error: 'the front matter has no `name`' };
  if (!description) return { error: 'the front matter has no `description`' };
  if (name.length > NAME_MAX) return { error: `the name is longer than ${NAME_MAX} characters` };
  if (description.length > DESCRIPTION_MAX)
    return { error: `the description is longer than ${DESCRIPTION_MAX} characters` };
  const short = fm.get('metadata.short-description') ?? fm.get('short-description') ?? null;
  return { name, description, shortDescription: short || null };
}

/** A file's text, refused when it is not a regular file or is too big. */
async function readBounded(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new SkillRefused(`${path} is not a file`);
    if (info.size > SKILL_FILE_MAX)
      throw new SkillRefused(`${path} is ${info.size} bytes; a SKILL.md may have at most ${SKILL_FILE_MAX}`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Whether a SKILL.md (its real path) may be used from this root. The user's own skills folder may
 * link to skills kept elsewhere; a project's may not lead out of itself, since a cloned repository
 * is not the user's to trust with what gets read and sent.
 */
async function staysInside(root: SkillRoot, real: string): Promise<boolean> {
  if (root.scope === 'user') return true;
  const realRoot = await realpath(root.path).catch(() => null);
  return realRoot !== null && isWithin(realRoot, real);
}

/** Every SKILL.md under one skills folder; a folder that is missing holds none. */
async function scanRoot(root: SkillRoot, found: SkillsFound, seen: Set<string>): Promise<void> {
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      const code = errnoOf(e);
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        found.errors.push({ path: dir, message: `cannot read the skills folder: ${(e as Error).message}` });
      return;
    }
    const file = entries.find((e) => e.name === 'SKILL.md');
    if (file && depth > 0) {
      const path = join(dir, 'SKILL.md');
      const real = await realpath(path).catch(() => path);
      if (seen.has(real)) return;
      seen.add(real);
      if (!(await staysInside(root, real))) {
        found.errors.push({ path, message: 'it leads out of the skills folder through a symbolic link; not used' });
        return;
      }
      try {
        const parsed = parseSkill(await readBounded(path));
        if ('error' in parsed) found.errors.push({ path, message: parsed.error });
        else found.skills.push({ ...parsed, path, scope: root.scope, enabled: true, pluginId: null });
      } catch (e) {
        found.errors.push({ path, message: e instanceof Error ? e.message : String(e) });
      }
      return; // a skill's own folders (scripts/, references/) hold no further skills
    }
    if (depth >= MAX_DEPTH) return;
    const folders = entries
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    for (const name of folders) await walk(join(dir, name), depth + 1);
  };
  await walk(root.path, 0);
}

/** The skills for a working directory: the project's (nearest folder first), then the user's. */
export async function discoverSkills(cwd: string, home: string): Promise<SkillsFound> {
  const found: SkillsFound = { skills: [], errors: [] };
  const seen = new Set<string>();
  for (const root of await skillRoots(cwd, home)) await scanRoot(root, found, seen);
  return found;
}

/**
 * The SKILL.md a `skill` input names, read for the model. Only a SKILL.md inside one of the
 * skills folders of the thread's working directory is read: the path comes from a client, and
 * the input is not a way to read any file.
 */
export async function readSkill(
  path: string,
  cwd: string,
  home: string,
): Promise<{ name: string; path: string; text: string }> {
  const wanted = resolve(cwd, path);
  if (basename(wanted) !== 'SKILL.md') throw new SkillRefused(`Skill path ${path} does not name a SKILL.md file`);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    throw new SkillRefused(`Skill file ${path} does not exist`);
  }
  const root = (await skillRoots(cwd, home)).find((r) => isWithin(r.path, wanted));
  if (!root)
    throw new SkillRefused(
      `Skill file ${path} is not in a skills folder of this workspace (.agents/skills or .codex/skills) or of Tandem's home (skills/)`,
    );
  if (!(await staysInside(root, real)))
    throw new SkillRefused(`Skill file ${path} leads out of its project's skills folder through a symbolic link`);
  const text = await readBounded(real);
  const parsed = parseSkill(text);
  if ('error' in parsed) throw new SkillRefused(`Skill file ${path} cannot be used: ${parsed.error}`);
  return { name: parsed.name, path: wanted, text };
}
