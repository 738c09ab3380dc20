/**
 * `git status`, `git diff`, `git log -p`, `git show` only read, unless the repository says
 * otherwise: its config (or attributes naming a driver its config defines) can make them run a
 * program — core.fsmonitor, a pager, diff.external, a textconv or diff command, a clean/smudge
 * filter — and an agent may well have planted that repository. So a git command the classifier
 * lets through runs with what can be neutralised neutralised (GIT_NEUTRAL_ENV), and is not
 * read-only at all (it asks) in a repository whose own config holds what cannot: filters,
 * includes, external diff drivers, textconv, submodules (each with a config of its own), a
 * promisor remote (objects fetched on demand).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Command-scope overrides (they beat every config file) for the settings that run programs. */
const NEUTRAL_CONFIG: Array<[string, string]> = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  // Signature checks (`--show-signature`, `%G?`) run the configured program: use the standard ones.
  ['gpg.program', 'gpg'],
  ['gpg.openpgp.program', 'gpg'],
  ['gpg.x509.program', 'gpgsm'],
  ['gpg.ssh.program', 'ssh-keygen'],
  ['log.showSignature', 'false'],
];

/**
 * The environment additions a git command the classifier let through runs with. GIT_PAGER beats
 * core.pager and every `pager.<command>`; GIT_CONFIG_COUNT entries beat the repository's config.
 */
export const GIT_NEUTRAL_ENV: Readonly<Record<string, string>> = {
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  GIT_CONFIG_COUNT: String(NEUTRAL_CONFIG.length),
  ...Object.fromEntries(
    NEUTRAL_CONFIG.flatMap(([k, v], i) => [
      [`GIT_CONFIG_KEY_${i}`, k],
      [`GIT_CONFIG_VALUE_${i}`, v],
    ]),
  ),
};

/**
 * Repository config keys (lower-case, as git reports them) that run a program in a read-only
 * command and that the overrides above cannot switch off.
 */
const UNNEUTRALISED: RegExp[] = [
  /^include\./, // pulls in any other file, which could hold anything below
  /^includeif\./,
  /^filter\./, // clean/smudge/process: git status and git diff run them on work-tree files
  /^diff\.external$/,
  /^diff\..+\.(command|textconv)$/, // per-driver external diff and textconv (named by .gitattributes)
  /^submodule\./, // git status and git diff descend into submodules, whose config is not checked here
  // A partial clone fetches a missing object on demand, in `git show` or `git log -p`: through
  // core.sshCommand, remote.<name>.uploadpack or any transport its config names.
  /^extensions\.partialclone$/,
  /^remote\..+\.promisor$/,
];

/** Why the repository's config makes read-only git commands run a program, or null. */
export function unneutralisedSetting(configList: string): string | null {
  // `git config --list --show-scope -z`: scope NUL key [LF value] NUL …
  const tokens = configList.split('\0');
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const scope = tokens[i] ?? '';
    const key = (tokens[i + 1] ?? '').split('\n', 1)[0]?.toLowerCase() ?? '';
    // The user's own (global, system) and command-line config are theirs to trust.
    if (scope !== 'local' && scope !== 'worktree') continue;
    if (UNNEUTRALISED.some((re) => re.test(key))) return key;
  }
  return null;
}

function git(args: string[], cwd: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    // Only the repository's own config: the user's global and system config are trusted anyway.
    const env = { ...process.env, ...GIT_NEUTRAL_ENV, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    execFile('git', args, { cwd, env, timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      if (error && typeof error.code !== 'number')
        reject(error); // could not run, or timed out
      else resolve({ code: error ? (error.code as number) : 0, stdout });
    });
  });
}

/**
 * Why (in words for the user) git commands run in `cwd` could run a program the repository configures despite the
 * overrides, or null when they cannot. Rejects when git cannot be asked (callers fail closed).
 */
export async function gitRepositoryHazard(cwd: string): Promise<string | null> {
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (top.code === 0 && existsSync(join(top.stdout.trim(), '.gitmodules'))) {
    return 'the repository has submodules, whose config git would use too';
  }
  const list = await git(['config', '--list', '--show-scope', '-z'], cwd);
  if (list.code !== 0) return null; // no repository here: nothing of its config to run
  const key = unneutralisedSetting(list.stdout);
  return key === null ? null : `the repository's config sets ${key}, which can make git run a program`;
}
