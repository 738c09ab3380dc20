/**
 * Agent configuration (`.git`, `.tandem`, `.codex`, `.agents`, `.claude`, `.cursor`, at any depth)
 * is not the agent's to write: through the BUILT CLI, apply_patch into it asks under every policy
 * but danger-full-access (and is refused under `never`), and the sandbox mounts it read-only,
 * folders that do not exist yet included.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithBwrap } from '../helpers/bwrap';
import { cliTurn, commandStatuses, done, execCall, patchCall } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { readOrNull, useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const addFile = (path: string) => `*** Begin Patch\n*** Add File: ${path}\n+planted\n*** End Patch\n`;
const CONFIG_TARGETS = [
  '.git/hooks/pre-commit',
  '.tandem/settings.json',
  '.codex/config.toml',
  '.agents/x.md',
  '.claude/settings.json',
  '.cursor/rules',
  'sub/.git/config',
  'deep/er/.codex/x',
  '.Claude/settings.json',
  'linked/.codex/config.toml',
];

describe('apply_patch into agent configuration (built CLI)', () => {
  for (const policy of ['on-request', 'on-failure', 'untrusted'] as const) {
    it(`asks for each folder under ${policy}, and a decline writes nothing`, async () => {
      const cwd = await h.tempDir('tandem-ws-');
      await mkdir(join(cwd, 'sub/.git'), { recursive: true });
      // A .codex that is a symbolic link to an ordinary folder (a repository can check one in).
      await mkdir(join(cwd, 'linked/plain'), { recursive: true });
      await symlink('plain', join(cwd, 'linked/.codex'));
      const fake = await fakeModel([
        ...CONFIG_TARGETS.map((p, i) => patchCall(`p${i}`, addFile(p))),
        patchCall('ok', addFile('src/ok.txt')),
        done,
      ]);
      const turn = await cliTurn(h, fake, cwd, { approvalPolicy: policy, sandbox: 'workspace-write' }, (_m, p) =>
        p.itemId === 'ok' ? 'accept' : 'decline',
      );
      const askedFor = turn.asked.map((a) => a.params.itemId);
      expect(askedFor).toEqual([...CONFIG_TARGETS.map((_p, i) => `p${i}`), ...(policy === 'untrusted' ? ['ok'] : [])]);
      for (const a of turn.asked.slice(0, CONFIG_TARGETS.length))
        expect(a.params.reason).toMatch(/agent configuration/);
      for (const p of CONFIG_TARGETS) expect(await readOrNull(join(cwd, p)), p).toBeNull();
      expect(await readOrNull(join(cwd, 'linked/plain/config.toml'))).toBeNull();
      expect(await readOrNull(join(cwd, 'src/ok.txt'))).toBe('planted\n');
    });
  }

  it('refuses under never and tells the model; applies under danger-full-access', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    const fake = await fakeModel([patchCall('p', addFile('.codex/config.toml')), done]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'never', sandbox: 'workspace-write' });
    expect(turn.asked).toEqual([]);
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toMatch(
      /apply_patch refused: The change writes inside \.codex.*\\"never\\"/,
    );
    expect(existsSync(join(cwd, '.codex'))).toBe(false);

    const full = await fakeModel([patchCall('p', addFile('.codex/config.toml')), done]);
    const fullTurn = await cliTurn(h, full, cwd, { approvalPolicy: 'on-request', sandbox: 'danger-full-access' });
    expect(fullTurn.asked).toEqual([]);
    expect(await readOrNull(join(cwd, '.codex/config.toml'))).toBe('planted\n');
  });
});

describeWithBwrap('sandboxed commands and agent configuration (built CLI, bubblewrap)', () => {
  it('cannot create or write any configuration folder, existing or not, at any depth', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    await mkdir(join(cwd, '.claude'));
    await mkdir(join(cwd, 'sub/.git'), { recursive: true });
    await writeFile(join(cwd, 'sub/.git/HEAD'), 'ref: refs/heads/main\n');
    await mkdir(join(cwd, 'deep/plain'), { recursive: true });
    await symlink('plain', join(cwd, 'deep/.claude'));
    const commands = [
      'mkdir .codex',
      'echo x > .claude/x',
      'mkdir -p .cursor/rules',
      'git init -q',
      'echo x > sub/.git/config',
      'mkdir .agents || mkdir .tandem',
      'echo x > deep/.claude/x',
      'touch ok.txt',
    ];
    const fake = await fakeModel([...commands.map((c, i) => execCall(`c${i}`, c)), done]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'never', sandbox: 'workspace-write' });
    expect(turn.asked).toEqual([]);
    const statuses = commandStatuses(turn.items);
    for (const c of commands.slice(0, -1)) expect(statuses[c], c).toBe('failed');
    expect(statuses['touch ok.txt']).toBe('completed');
    expect(JSON.stringify(fake.modelCalls[2]?.body)).toMatch(/Read-only file system/); // echo x > .claude/x
    for (const p of ['.codex', '.claude/x', '.cursor', '.git', 'sub/.git/config', '.agents', '.tandem', 'deep/plain/x'])
      expect(existsSync(join(cwd, p)), p).toBe(false);
    expect(existsSync(join(cwd, 'ok.txt'))).toBe(true);
  });
});
