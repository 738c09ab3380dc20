import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT_CONFIG_DIRS,
  agentConfigFolderOf,
  findAgentConfigDirs,
  missingConfigMountpoints,
} from '../../../../main/tools/agent-config';

let ws: string;
beforeEach(async () => {
  ws = await realpath(await mkdtemp(join(tmpdir(), 'tandem-agentcfg-')));
});
afterEach(() => rm(ws, { recursive: true, force: true }));

describe('findAgentConfigDirs', () => {
  it('finds configuration folders at any depth and in any case, where links lead, and nothing else', async () => {
    for (const d of ['.git/hooks', 'a/b/.codex', 'A/.Claude', 'src/.github', 'plain'])
      await mkdir(join(ws, d), { recursive: true });
    await writeFile(join(ws, '.cursor'), 'a file, not a folder');
    await symlink('../plain', join(ws, 'a/.agents'));
    expect((await findAgentConfigDirs(ws)).sort()).toEqual(
      [join(ws, '.git'), join(ws, 'A/.Claude'), join(ws, 'a/b/.codex'), join(ws, 'plain')].sort(),
    );
  });
});

describe('missingConfigMountpoints', () => {
  it('stands in for the missing top-level folders while a command runs, then removes them', async () => {
    await mkdir(join(ws, '.git'));
    const first = missingConfigMountpoints(ws);
    const second = missingConfigMountpoints(ws);
    expect(first.paths.sort()).toEqual(
      AGENT_CONFIG_DIRS.filter((d) => d !== '.git')
        .map((d) => join(ws, d))
        .sort(),
    );
    first.release();
    expect(existsSync(join(ws, '.codex')), 'still used by the second command').toBe(true);
    second.release();
    second.release();
    for (const d of AGENT_CONFIG_DIRS) expect(existsSync(join(ws, d)), d).toBe(d === '.git');
  });

  it('never removes what someone put inside meanwhile', async () => {
    const m = missingConfigMountpoints(ws);
    await writeFile(join(ws, '.claude', 'kept'), 'user file');
    m.release();
    expect(existsSync(join(ws, '.claude/kept'))).toBe(true);
    expect(existsSync(join(ws, '.codex'))).toBe(false);
  });
});

describe('agentConfigFolderOf', () => {
  it('spots .git and the agent configuration folders anywhere below the workspace, whatever their case', () => {
    expect(agentConfigFolderOf('/w/.git/config', ['/w'])).toBe('.git');
    expect(agentConfigFolderOf('/w/sub/.git/hooks/pre-commit', ['/w'])).toBe('.git');
    for (const dir of ['.tandem', '.codex', '.agents', '.claude', '.cursor'])
      expect(agentConfigFolderOf(`/w/a/${dir}/x`, ['/w'])).toBe(dir);
    expect(agentConfigFolderOf('/w/.Codex/config.toml', ['/w'])).toBe('.Codex');
    expect(agentConfigFolderOf('/w/.GIT/hooks/x', ['/w'])).toBe('.GIT');
    expect(agentConfigFolderOf('/w/.git./config', ['/w'])).toBe('.git.');
    expect(agentConfigFolderOf('/w/.github/workflows/ci.yml', ['/w'])).toBeNull();
    expect(agentConfigFolderOf('/w/.gitignore', ['/w'])).toBeNull();
    expect(agentConfigFolderOf('/w/.codexrc', ['/w'])).toBeNull();
  });
  it('counts only the part below the workspace root', () => {
    expect(agentConfigFolderOf('/home/u/.codex/proj/src/a.ts', ['/home/u/.codex/proj'])).toBeNull();
    expect(agentConfigFolderOf('/home/u/.codex/proj/.claude/x', ['/home/u/.codex/proj'])).toBe('.claude');
  });
});
