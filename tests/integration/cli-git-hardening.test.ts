/**
 * A repository the agent opens must not turn a "read-only" git command into a program it
 * configures. Through the BUILT CLI under `untrusted`: `git status`, `git diff`, `git log -p`,
 * `git show` in a real repository planted with a config that would create a marker file if its
 * program ran. What can be neutralised (core.fsmonitor, pagers) runs unasked with it switched
 * off; what cannot (diff.external, textconv, filters, includes, another repository via -C,
 * --git-dir, --work-tree or cd) asks — and, declined, never runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTurn, commandStatuses, done, execCall } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const READ_ONLY = ['git status', 'git diff', 'git log -p', 'git show'];

/** A repository with two commits of f.txt (and `attributes` committed) and f.txt modified since. */
async function repo(dir: string, attributes = ''): Promise<void> {
  await mkdir(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  git('init', '-q');
  if (attributes) await writeFile(join(dir, '.gitattributes'), attributes);
  await writeFile(join(dir, 'f.txt'), 'one\n');
  git('add', '-A');
  git('commit', '-qm', 'one');
  await writeFile(join(dir, 'f.txt'), 'two\n');
  git('commit', '-qam', 'two');
  await writeFile(join(dir, 'f.txt'), 'three\n');
}

const setConfig = (dir: string, key: string, value: string) =>
  execFileSync('git', ['config', key, value], { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });

interface Case {
  name: string;
  /** Plants the repository in `cwd`; `touch` is a shell command creating the marker. */
  plant(cwd: string, touch: string): Promise<void>;
  commands?: string[];
  /** Whether the commands run unasked (their program neutralised) or ask. */
  expect: 'run' | 'ask';
}

const CASES: Case[] = [
  {
    name: 'core.fsmonitor',
    expect: 'run',
    plant: async (cwd, touch) => {
      await repo(cwd);
      setConfig(cwd, 'core.fsmonitor', `${touch}; false`);
    },
  },
  {
    name: 'core.pager and pager.<command>',
    expect: 'run',
    plant: async (cwd, touch) => {
      await repo(cwd);
      setConfig(cwd, 'core.pager', `${touch}; cat`);
      for (const c of ['status', 'diff', 'log', 'show']) setConfig(cwd, `pager.${c}`, `${touch}; cat`);
    },
  },
  {
    name: 'diff.external',
    expect: 'ask',
    plant: async (cwd, touch) => {
      await repo(cwd);
      setConfig(cwd, 'diff.external', `${touch}; :`);
    },
  },
  {
    name: 'a textconv',
    expect: 'ask',
    plant: async (cwd, touch) => {
      await repo(cwd, '*.txt diff=tc\n');
      setConfig(cwd, 'diff.tc.textconv', `${touch}; cat`);
    },
  },
  {
    name: 'a diff driver command',
    expect: 'ask',
    plant: async (cwd, touch) => {
      await repo(cwd, '*.txt diff=ext\n');
      setConfig(cwd, 'diff.ext.command', `${touch}; :`);
    },
  },
  {
    name: 'a clean/smudge filter',
    expect: 'ask',
    plant: async (cwd, touch) => {
      await repo(cwd, '*.txt filter=fl\n');
      setConfig(cwd, 'filter.fl.clean', `${touch}; cat`);
      setConfig(cwd, 'filter.fl.smudge', `${touch}; cat`);
    },
  },
  {
    name: 'a process filter',
    expect: 'ask',
    plant: async (cwd, touch) => {
      await repo(cwd, '*.txt filter=pr\n');
      setConfig(cwd, 'filter.pr.process', `${touch}; false`);
    },
  },
  {
    name: 'include.path',
    expect: 'ask',
    plant: async (cwd, touch) => {
      await repo(cwd);
      await writeFile(
        join(cwd, 'evil.cfg'),
        `[diff]\n\texternal = "${touch}; :"\n[core]\n\tfsmonitor = "${touch}; false"\n`,
      );
      setConfig(cwd, 'include.path', '../evil.cfg');
    },
  },
  {
    name: '-C, --git-dir, --work-tree and cd into a planted repository',
    expect: 'ask',
    commands: [
      'git -C planted status',
      'git --git-dir=planted/.git log -p',
      'git --git-dir planted/.git --work-tree=planted diff',
      'cd planted && git show',
    ],
    plant: async (cwd, touch) => {
      await repo(cwd);
      const planted = join(cwd, 'planted');
      await repo(planted, '*.txt diff=tc filter=fl\n');
      setConfig(planted, 'diff.external', `${touch}; :`);
      setConfig(planted, 'diff.tc.textconv', `${touch}; cat`);
      setConfig(planted, 'filter.fl.clean', `${touch}; cat`);
      setConfig(planted, 'core.fsmonitor', `${touch}; false`);
    },
  },
];

describe('read-only git commands in a planted repository (built CLI, untrusted)', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.expect === 'run' ? 'runs with it switched off' : 'asks, and a decline runs nothing'}`, async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const marker = join(cwd, 'MARKER');
      await c.plant(cwd, `touch ${marker}`);
      const commands = c.commands ?? READ_ONLY;
      const fake = await fakeModel([...commands.map((cmd, i) => execCall(`g${i}`, cmd)), done]);
      const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
      expect(existsSync(marker), 'the repository’s program never ran').toBe(false);
      const statuses = commandStatuses(turn.items);
      if (c.expect === 'run') {
        expect(turn.asked).toEqual([]);
        for (const cmd of commands) expect(statuses[cmd], cmd).toBe('completed');
      } else {
        expect(turn.asked.map((a) => a.params.command)).toEqual(commands);
        for (const cmd of commands) expect(statuses[cmd], cmd).toBe('declined');
      }
    });
  }
});
