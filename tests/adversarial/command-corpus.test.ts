/**
 * The command corpus (command-corpus.ts) against the read-only classifier: every entry directly
 * (classifyCommand in a real repository, as the command tool calls it), and a sample of both kinds
 * through the BUILT CLI under `untrusted`, where what matters to the user shows: an approval
 * request arrives, or the command runs unasked — and a declined command never runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyCommand } from '../../main/tools/command-safety';
import { cliTurn, commandStatuses, done, execCall } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { useFakes } from '../helpers/turns';
import {
  HOSTILE_REPO,
  hostileRepoConfig,
  PARTIAL_CLONE,
  partialCloneConfig,
  PLAIN,
  TRICKY,
  type CorpusEntry,
  type Verdict,
} from './command-corpus';

const h = useHarness();
const fakeModel = useFakes();

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, env: GIT_ENV });

/** The workspace the corpus is written for: a.txt, b.txt, src/, a repository with two commits. */
async function workspace(dir: string): Promise<void> {
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'a.txt'), 'one\ntwo\n');
  await writeFile(join(dir, 'b.txt'), 'three\n');
  await writeFile(join(dir, 'src', 'main.rs'), 'fn main() {}\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'one');
  await writeFile(join(dir, 'a.txt'), 'one\ntwo\nfour\n');
  git(dir, 'commit', '-qam', 'two');
  await writeFile(join(dir, 'b.txt'), 'changed\n');
}

async function hostileWorkspace(dir: string): Promise<string> {
  await workspace(dir);
  const marker = join(dir, 'MARKER');
  for (const [key, value] of hostileRepoConfig(`touch ${marker}`))
    execFileSync('git', ['config', key, value], { cwd: dir, env: GIT_ENV });
  return marker;
}

/** The workspace as a partial clone missing the blob of a.txt, its promisor reached by a planted sshCommand. */
async function partialCloneWorkspace(dir: string): Promise<string> {
  await workspace(dir);
  const blob = execFileSync('git', ['rev-parse', 'HEAD:a.txt'], { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
  await unlink(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
  const marker = join(dir, 'MARKER');
  for (const [key, value] of partialCloneConfig(`touch ${marker}`))
    execFileSync('git', ['config', key, value], { cwd: dir, env: GIT_ENV });
  return marker;
}

async function verdict(command: string, cwd: string): Promise<Verdict> {
  const v = await classifyCommand(command, cwd, (e) => {
    throw e;
  });
  return v.knownSafe ? 'run' : 'ask';
}

async function misclassified(corpus: CorpusEntry[], cwd: string): Promise<string[]> {
  const wrong: string[] = [];
  for (const entry of corpus) {
    const got = await verdict(entry.command, cwd);
    if (got !== entry.expect)
      wrong.push(`${JSON.stringify(entry.command)} (${entry.kind}): expected ${entry.expect}, got ${got}`);
  }
  return wrong;
}

describe('the command corpus against the classifier', () => {
  let clean = '';
  let hostile = '';
  // Shared by the tests below (the harness's temp folders go after each test).
  beforeAll(async () => {
    clean = await mkdtemp(join(tmpdir(), 'tandem-corpus-'));
    await workspace(clean);
    hostile = await mkdtemp(join(tmpdir(), 'tandem-corpus-hostile-'));
    await hostileWorkspace(hostile);
  });
  afterAll(async () => {
    for (const dir of [clean, hostile]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds at least 150 tricky commands and 50 plain read-only ones, no duplicates', () => {
    expect(TRICKY.length).toBeGreaterThanOrEqual(150);
    expect(PLAIN.length).toBeGreaterThanOrEqual(50);
    const all = [...PLAIN, ...TRICKY].map((e) => e.command);
    expect(all.length).toBe(new Set(all).size);
  });

  it('lets every plain read-only command run without asking', async () => {
    expect(await misclassified(PLAIN, clean)).toEqual([]);
  });

  it('gives every tricky command its verdict', async () => {
    expect(await misclassified(TRICKY, clean)).toEqual([]);
  });

  it('in a repository whose config runs programs: neutralised settings run, the rest asks', async () => {
    expect(await misclassified(HOSTILE_REPO, hostile)).toEqual([]);
  });

  it('in a partial clone: git that may fetch a missing object asks', async () => {
    const dir = await h.tempDir('tandem-corpus-partial-');
    await partialCloneWorkspace(dir);
    expect(await misclassified(PARTIAL_CLONE, dir)).toEqual([]);
  });
});

// Both kinds, through the shipped CLI. `tree`, `rg` and interpreters may be missing on the
// machine: the sample sticks to what every Linux CI image has. Each asking one would create `x`.
const SAMPLE_RUN = [
  'ls -la',
  'cat a.txt | grep one | wc -l',
  'head -n 5 a.txt',
  'git status',
  'git diff HEAD~1',
  'git log --oneline -5',
  'sort -u -n a.txt',
  'du -sh .',
  'find . -name "*.txt"',
  "echo '; rm a.txt'",
  "echo '$(touch x)'",
];
const SAMPLE_ASK = [
  'echo ok;touch x',
  'echo $(touch x)',
  'echo hi > x',
  'find . -newer a.txt -exec touch x \\;',
  "git -c alias.st='!touch x' st",
  "sed -n '1e touch x' a.txt",
  'echo x | xargs touch',
  'awk \'BEGIN{system("touch x")}\'',
  'sort -o x a.txt',
  'nohup touch x',
  'git status --help',
];

describe('a sample of the corpus through the built CLI (untrusted, workspace-write)', () => {
  it('runs the read-only sample unasked, asks for every other one, and a decline runs nothing', async () => {
    const corpus = new Map([...PLAIN, ...TRICKY].map((e) => [e.command, e.expect]));
    for (const c of SAMPLE_RUN) expect(corpus.get(c), c).toBe('run');
    for (const c of SAMPLE_ASK) expect(corpus.get(c), c).toBe('ask');
    const cwd = await h.tempDir('tandem-ws-');
    await workspace(cwd);
    const commands = [...SAMPLE_RUN, ...SAMPLE_ASK];
    const fake = await fakeModel([...commands.map((c, i) => execCall(`c${i}`, c)), done]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    expect(turn.asked.map((a) => a.params.command)).toEqual(SAMPLE_ASK);
    const statuses = commandStatuses(turn.items);
    for (const c of SAMPLE_RUN) expect(statuses[c], c).toBe('completed');
    for (const c of SAMPLE_ASK) expect(statuses[c], c).toBe('declined');
    expect(existsSync(join(cwd, 'x')), 'no declined command ran').toBe(false);
    expect(existsSync(join(cwd, 'a.txt'))).toBe(true);
  }, 120_000);

  it('in a partial clone with a planted sshCommand: git show and git log -p ask, and a decline fetches nothing', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    const marker = await partialCloneWorkspace(cwd);
    const commands = PARTIAL_CLONE.map((e) => e.command);
    const fake = await fakeModel([...commands.map((c, i) => execCall(`p${i}`, c)), done]);
    // Without a sandbox (in one, the fetch fails before it starts the program: .git is read-only).
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'untrusted', sandbox: 'danger-full-access' });
    expect(existsSync(marker), 'the planted sshCommand never ran').toBe(false);
    expect(turn.asked.map((a) => a.params.command)).toEqual(commands);
  }, 120_000);

  it('a repository whose files are a bare repository: git --bare asks, and a decline runs nothing', async () => {
    // The workspace's own files (committed by anyone) make a bare repository whose config runs a
    // program; the workspace's .git, which the classifier checks, is clean.
    const cwd = await h.tempDir('tandem-ws-');
    const src = await h.tempDir('tandem-bare-src-');
    await workspace(src);
    execFileSync('git', ['clone', '-q', '--bare', src, cwd], { env: GIT_ENV });
    const marker = join(cwd, 'MARKER');
    execFileSync('git', ['config', 'diff.external', `sh -c 'touch ${marker}'`], { cwd, env: GIT_ENV });
    const plain = await h.tempDir('tandem-dotgit-');
    git(plain, 'init', '-q');
    await rename(join(plain, '.git'), join(cwd, '.git'));
    const command = 'git --bare diff HEAD~1 HEAD';
    const fake = await fakeModel([execCall('b0', command), done]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    expect(existsSync(marker), 'the planted diff.external never ran').toBe(false);
    expect(turn.asked.map((a) => a.params.command)).toEqual([command]);
  }, 120_000);

  it('in a hostile repository: git runs with its programs off, the alias and help viewer ask', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    const marker = await hostileWorkspace(cwd);
    const commands = HOSTILE_REPO.map((e) => e.command);
    const fake = await fakeModel([...commands.map((c, i) => execCall(`g${i}`, c)), done]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    expect(existsSync(marker), 'the repository’s programs never ran').toBe(false);
    expect(turn.asked.map((a) => a.params.command)).toEqual(
      HOSTILE_REPO.filter((e) => e.expect === 'ask').map((e) => e.command),
    );
    const statuses = commandStatuses(turn.items);
    for (const e of HOSTILE_REPO)
      expect(statuses[e.command], e.command).toBe(e.expect === 'run' ? 'completed' : 'declined');
  }, 120_000);
});

describe('a PATH that searches the current folder', () => {
  for (const path of [
    `.:${process.env.PATH ?? ''}`,
    `${process.env.PATH ?? ''}:`,
    `bin:${process.env.PATH ?? ''}`,
    `${process.env.PATH ?? ''}::/usr/bin`,
  ]) {
    it(`asks for a bare name with PATH=${path.replace(process.env.PATH ?? '', '$PATH')}, runs a system path`, async () => {
      const cwd = await h.tempDir('tandem-corpus-path-');
      const saved = process.env.PATH;
      process.env.PATH = path;
      try {
        // A planted ./ls would run in place of the system's.
        expect(await verdict('ls', cwd)).toBe('ask');
        expect(await verdict('cat a.txt | wc -l', cwd)).toBe('ask');
        expect(await verdict('/bin/ls -la', cwd)).toBe('run');
      } finally {
        process.env.PATH = saved;
      }
    });
  }
});
