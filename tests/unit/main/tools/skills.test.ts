/** Skill discovery on real folders: where skills are found, their front matter, and what is refused. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSkills, parseSkill, readSkill, SkillRefused } from '../../../../main/tools/skills';
import { useHarness } from '../../../helpers/harness';

const h = useHarness();

async function skill(root: string, name: string, text: string): Promise<string> {
  await mkdir(join(root, name), { recursive: true });
  const path = join(root, name, 'SKILL.md');
  await writeFile(path, text);
  return path;
}

const md = (name: string, description: string, body = 'Do it.') =>
  `---\nname: ${name}\ndescription: ${description}\n---\n${body}\n`;

describe('skills', () => {
  it('finds the project’s skills from the repository root down to cwd, then the user’s, with scope and path', async () => {
    const outer = await h.tempDir('skills-outer-');
    const repo = join(outer, 'repo');
    const home = await h.tempDir('skills-home-');
    await mkdir(join(repo, '.git'), { recursive: true });
    const cwd = join(repo, 'pkg', 'app');
    await mkdir(cwd, { recursive: true });
    const inCwd = await skill(join(cwd, '.agents', 'skills'), 'near', md('near', 'Closest to cwd'));
    const atRoot = await skill(join(repo, '.codex', 'skills'), 'root-skill', md('root-skill', '"Quoted: yes"'));
    const mine = await skill(join(home, 'skills'), 'mine', md('mine', 'The user’s own'));
    const bad = await skill(join(repo, '.agents', 'skills'), 'broken', 'no front matter here');
    // A folder above the repository is not the project's.
    await skill(join(outer, '.agents', 'skills'), 'outside-repo', md('outside-repo', 'not listed'));

    const found = await discoverSkills(cwd, home);
    expect(found.skills.map((s) => [s.name, s.scope, s.path, s.description])).toEqual([
      ['near', 'repo', inCwd, 'Closest to cwd'],
      ['root-skill', 'repo', atRoot, 'Quoted: yes'],
      ['mine', 'user', mine, 'The user’s own'],
    ]);
    expect(found.skills.every((s) => s.enabled)).toBe(true);
    expect(found.errors).toEqual([{ path: bad, message: expect.stringMatching(/front matter/) }]);
  });

  it('reads block scalars and metadata.short-description, and refuses missing fields', () => {
    expect(
      parseSkill('---\nname: x\ndescription: >\n  folded\n  text\nmetadata:\n  short-description: Short\n---\nbody'),
    ).toEqual({ name: 'x', description: 'folded text', shortDescription: 'Short' });
    expect(parseSkill('---\nname: x\n---\n')).toEqual({ error: 'the front matter has no `description`' });
    expect(parseSkill(`---\nname: ${'n'.repeat(65)}\ndescription: d\n---\n`)).toMatchObject({
      error: expect.stringMatching(/longer than 64/),
    });
  });

  it('reads a skill input’s SKILL.md only from a skills folder of the workspace or of Tandem’s home', async () => {
    const cwd = await h.tempDir('skills-ws-');
    const home = await h.tempDir('skills-home-');
    const path = await skill(join(cwd, '.agents', 'skills'), 'demo', md('demo', 'A demo', 'Step one.'));
    await expect(readSkill(path, cwd, home)).resolves.toMatchObject({
      name: 'demo',
      text: expect.stringContaining('Step one.'),
    });
    const stray = await skill(join(cwd, 'docs'), 'stray', md('stray', 'Not in a skills folder'));
    await expect(readSkill(stray, cwd, home)).rejects.toThrow(SkillRefused);
    await expect(readSkill(join(cwd, 'README.md'), cwd, home)).rejects.toThrow(/does not name a SKILL.md/);
    await expect(readSkill(join(cwd, '.agents', 'skills', 'gone', 'SKILL.md'), cwd, home)).rejects.toThrow(
      /does not exist/,
    );
    // A project's skills folder may not link out of itself; the user's own may.
    const elsewhere = await h.tempDir('skills-elsewhere-');
    const target = await skill(elsewhere, 'x', md('x', 'outside'));
    await mkdir(join(cwd, '.agents', 'skills', 'linked'), { recursive: true });
    await symlink(target, join(cwd, '.agents', 'skills', 'linked', 'SKILL.md'));
    await expect(readSkill(join(cwd, '.agents', 'skills', 'linked', 'SKILL.md'), cwd, home)).rejects.toThrow(
      /leads out/,
    );
    expect((await discoverSkills(cwd, home)).errors).toEqual([
      { path: join(cwd, '.agents', 'skills', 'linked', 'SKILL.md'), message: expect.stringMatching(/leads out/) },
    ]);
    await mkdir(join(home, 'skills', 'linked'), { recursive: true });
    await symlink(target, join(home, 'skills', 'linked', 'SKILL.md'));
    await expect(readSkill(join(home, 'skills', 'linked', 'SKILL.md'), cwd, home)).resolves.toMatchObject({
      name: 'x',
    });
  });
});
