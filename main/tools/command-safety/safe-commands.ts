/**
 * Which argv vectors are read-only enough to run without asking: a port of Codex's
 * `is_safe_to_call_with_exec` (codex-rs/shell-command/src/command_safety/is_safe_command.rs),
 * with a few gaps closed where noted. Pure: no I/O, no shell parsing.
 */

// Commands that only read, whatever their arguments (Codex's plain allow-list).
const SAFE_WITH_ANY_ARGS = new Set([
  'cat',
  'cd',
  'cut',
  'echo',
  'expr',
  'false',
  'grep',
  'head',
  'id',
  'ls',
  'nl',
  'paste',
  'pwd',
  'rev',
  'seq',
  'stat',
  'tail',
  'tr',
  'true',
  'uname',
  'wc',
  'which',
  'whoami',
  // Not in Codex's list, but no option of theirs writes or runs anything (GNU and BSD alike).
  'du',
]);
// GNU coreutils only; on macOS these names may be something else entirely (as in Codex).
const LINUX_ONLY_SAFE = new Set(['numfmt', 'tac']);
// A command given by path counts only from these folders: `./ls` may be a script in the workspace.
const SYSTEM_BIN_DIRS = new Set(['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin', '/opt/homebrew/bin']);

const UNSAFE_FIND_OPTIONS = new Set([
  // run arbitrary commands
  '-exec',
  '-execdir',
  '-ok',
  '-okdir',
  // delete matches
  '-delete',
  // write path names to a file
  '-fls',
  '-fprint',
  '-fprint0',
  '-fprintf',
]);
// `--pre` runs a command per file, `--hostname-bin` runs one to get the host name.
const UNSAFE_RG_OPTIONS_WITH_ARGS = ['--pre', '--hostname-bin'];
// Searching compressed files calls out to decompression programs.
const UNSAFE_RG_FLAGS = new Set(['--search-zip', '-z']);

// `file -C` compiles a magic file (writes NAME.mgc); `-z`/`-Z` call out to decompression programs.
const UNSAFE_FILE_SHORT_FLAGS = ['C', 'z', 'Z'];
const UNSAFE_FILE_LONG_OPTIONS = ['--compile', '--uncompress', '--uncompress-noreport'];
// `tree -o FILE` writes its listing to FILE; `-R` re-runs tree in every folder with `-o 00Tree.html`.
const UNSAFE_TREE_SHORT_FLAGS = ['o', 'R'];
// `sort -o FILE` writes FILE; `--compress-program=PROG` runs PROG on its temporary files.
const UNSAFE_SORT_LONG_OPTIONS = ['--output', '--compress-program'];

const GIT_READ_ONLY_SUBCOMMANDS = new Set(['status', 'log', 'diff', 'show', 'branch']);
const GIT_GLOBAL_OPTIONS_WITH_VALUE = new Set([
  '-C',
  '-c',
  '--config-env',
  '--exec-path',
  '--git-dir',
  '--namespace',
  '--super-prefix',
  '--work-tree',
]);
const GIT_GLOBAL_OPTIONS_INLINE = [
  '--config-env=',
  '--exec-path=',
  '--git-dir=',
  '--namespace=',
  '--super-prefix=',
  '--work-tree=',
];
// Write files or run external programs.
const UNSAFE_GIT_FLAGS = ['--output', '--ext-diff', '--textconv', '--exec', '--paginate'];
// Real git options that happen to be prefixes of an unsafe flag (git prefers an exact match).
const GIT_EXACT_OPTIONS = new Set(['--text']);
const GIT_BRANCH_READ_ONLY_FLAGS = new Set([
  '--list',
  '-l',
  '--show-current',
  '-a',
  '--all',
  '-r',
  '--remotes',
  '-v',
  '-vv',
  '--verbose',
]);

/** The command's bare name, or null when it is given by a path outside the system folders. */
function executableName(cmd0: string): string | null {
  const slash = cmd0.lastIndexOf('/');
  if (slash < 0) return cmd0 === '' ? null : cmd0;
  const base = cmd0.slice(slash + 1);
  return base !== '' && SYSTEM_BIN_DIRS.has(cmd0.slice(0, slash)) ? base : null;
}

/**
 * True when `arg` is the long option `option` or an abbreviation of it (`--outp` for `--output`),
 * with or without `=value`: getopt_long and git's parse-options accept unique prefixes.
 */
function isLongOptionOrPrefix(arg: string, option: string): boolean {
  if (!arg.startsWith('--')) return false;
  const name = arg.split('=', 1)[0] ?? arg;
  return name.length > 2 && option.startsWith(name);
}

/** True when `arg` is a bundle of short flags (`-nz`) that includes `flag`. */
function isShortFlagCluster(arg: string, flag: string): boolean {
  return /^-[^-]/.test(arg) && arg.includes(flag);
}

/**
 * True when the command reads only, whatever its arguments are, so that words bash expands
 * (globs, braces, `~`) cannot change the verdict.
 */
export function isSafeWithAnyArguments(cmd0: string): boolean {
  const name = executableName(cmd0);
  if (name === null) return false;
  return SAFE_WITH_ANY_ARGS.has(name) || (process.platform === 'linux' && LINUX_ONLY_SAFE.has(name));
}

/** No `-o FILE`, `-oFILE`, bundled `-Do FILE` or `--output[=FILE]` (or an abbreviation of it). */
function isSafeBase64(args: readonly string[]): boolean {
  return !args.some((arg) => isShortFlagCluster(arg, 'o') || isLongOptionOrPrefix(arg, '--output'));
}

/**
 * Neither a short-flag bundle holding one of `shortFlags` nor one of `longOptions` (or an
 * abbreviation of it, as getopt_long accepts). A bundle's option argument (`sort -to`: separator
 * `o`) is read as flags too: that only makes a harmless command ask.
 */
function hasNoneOf(args: readonly string[], shortFlags: readonly string[], longOptions: readonly string[]): boolean {
  return !args.some(
    (arg) =>
      shortFlags.some((flag) => isShortFlagCluster(arg, flag)) ||
      longOptions.some((option) => isLongOptionOrPrefix(arg, option)),
  );
}

function isSafeFind(args: readonly string[]): boolean {
  return !args.some((arg) => UNSAFE_FIND_OPTIONS.has(arg));
}

function isSafeRipgrep(args: readonly string[]): boolean {
  return !args.some(
    (arg) =>
      UNSAFE_RG_FLAGS.has(arg) ||
      UNSAFE_RG_OPTIONS_WITH_ARGS.some((opt) => arg === opt || arg.startsWith(`${opt}=`)) ||
      // Bundled short flags: `-nz` is `-n -z` (Codex only checks `-z` alone).
      isShortFlagCluster(arg, 'z'),
  );
}

/** `uniq IN OUT` writes OUT, so allow at most one operand (stricter than Codex). */
function isSafeUniq(args: readonly string[]): boolean {
  let operands = 0;
  let endOfOptions = false;
  for (const arg of args) {
    if (!endOfOptions && arg === '--') endOfOptions = true;
    else if (endOfOptions || arg === '-' || !arg.startsWith('-')) operands++;
  }
  return operands <= 1;
}

/** Codex's `is_valid_sed_n_arg`: `N p` or `M,N p`, digits only. */
function isSedPrintRange(arg: string | undefined): boolean {
  return arg !== undefined && /^(\d+,)?\d+p$/.test(arg);
}

/** `sed -n Np [FILE]`. The FILE must not be an option: `-fscript` or `-ew/x` adds a script. */
function isSafeSed(args: readonly string[]): boolean {
  const file = args[2];
  return (
    args.length <= 3 &&
    args[0] === '-n' &&
    isSedPrintRange(args[1]) &&
    (file === undefined || file === '-' || !file.startsWith('-'))
  );
}

function isGitGlobalOptionInline(arg: string): boolean {
  return (
    GIT_GLOBAL_OPTIONS_INLINE.some((p) => arg.startsWith(p)) ||
    ((arg.startsWith('-C') || arg.startsWith('-c')) && arg.length > 2)
  );
}

/** Codex's `find_git_subcommand`: the first non-option word, after global options and their values. */
function gitSubcommand(argv: readonly string[]): { index: number; name: string } | null {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (isGitGlobalOptionInline(arg)) continue;
    if (GIT_GLOBAL_OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return { index: i, name: arg };
  }
  return null;
}

/**
 * `--help` makes git run `git help`, which starts the man viewer or web browser the repository's
 * own config names (`man.<tool>.cmd`, `browser.<tool>.cmd`): a program, whatever the subcommand.
 */
function gitAsksForHelp(argv: readonly string[]): boolean {
  return argv.slice(1).some((arg) => isLongOptionOrPrefix(arg, '--help'));
}

/** `-c key=value` / `--config-env` can set core.pager, diff.external … and so run programs. */
function gitOverridesConfig(argv: readonly string[]): boolean {
  return argv.some(
    (arg) =>
      arg === '-c' ||
      arg === '--config-env' ||
      (arg.startsWith('-c') && arg.length > 2) ||
      arg.startsWith('--config-env='),
  );
}

function gitArgsAreReadOnly(args: readonly string[]): boolean {
  return !args.some(
    (arg) =>
      !GIT_EXACT_OPTIONS.has(arg.split('=', 1)[0] ?? arg) &&
      UNSAFE_GIT_FLAGS.some((flag) => isLongOptionOrPrefix(arg, flag)),
  );
}

/** `git branch` lists only with no arguments or with listing flags; a name creates a branch. */
function gitBranchIsReadOnly(args: readonly string[]): boolean {
  if (args.length === 0) return true;
  return args.every((arg) => GIT_BRANCH_READ_ONLY_FLAGS.has(arg) || arg.startsWith('--format='));
}

/**
 * `-C DIR`, `--git-dir`, `--work-tree` point git at another repository — one the agent may have
 * planted, whose config the caller never checked (stricter than Codex). So does `--bare`: the
 * folder itself becomes the repository, its `config` file (any file the workspace holds) git's. Only global options, before
 * the subcommand: `git log -C` is copy detection.
 */
function gitChoosesRepository(argv: readonly string[], subIndex: number): boolean {
  return argv
    .slice(1, subIndex)
    .some(
      (arg) =>
        arg.startsWith('-C') ||
        arg === '--bare' ||
        isLongOptionOrPrefix(arg, '--git-dir') ||
        isLongOptionOrPrefix(arg, '--work-tree'),
    );
}

function isSafeGit(argv: readonly string[]): boolean {
  if (gitOverridesConfig(argv) || gitAsksForHelp(argv)) return false;
  // --exec-path points git at other programs to run (stricter than Codex).
  if (argv.some((arg) => arg === '--exec-path' || arg.startsWith('--exec-path='))) return false;
  const sub = gitSubcommand(argv);
  if (!sub || !GIT_READ_ONLY_SUBCOMMANDS.has(sub.name)) return false;
  if (gitChoosesRepository(argv, sub.index)) return false;
  const args = argv.slice(sub.index + 1);
  if (!gitArgsAreReadOnly(args)) return false;
  return sub.name !== 'branch' || gitBranchIsReadOnly(args);
}

/**
 * True when running `argv` directly (no shell) only reads: Codex's safe-command list plus its
 * per-command rules for `base64`, `find`, `rg`, `git`, `sed` (and a stricter `uniq`), and rules of
 * our own for `file`, `tree` and `sort`.
 */
export function isSafeArgv(argv: readonly string[]): boolean {
  const cmd0 = argv[0];
  if (cmd0 === undefined) return false;
  const name = executableName(cmd0);
  if (name === null) return false;
  if (isSafeWithAnyArguments(cmd0)) return true;
  const args = argv.slice(1);
  switch (name) {
    case 'base64':
      return isSafeBase64(args);
    case 'find':
      return isSafeFind(args);
    case 'rg':
      return isSafeRipgrep(args);
    case 'git':
      return isSafeGit(argv);
    case 'sed':
      return isSafeSed(args);
    case 'uniq':
      return isSafeUniq(args);
    case 'file':
      return hasNoneOf(args, UNSAFE_FILE_SHORT_FLAGS, UNSAFE_FILE_LONG_OPTIONS);
    case 'tree':
      return hasNoneOf(args, UNSAFE_TREE_SHORT_FLAGS, ['--output']);
    case 'sort':
      return hasNoneOf(args, ['o'], UNSAFE_SORT_LONG_OPTIONS);
    default:
      return false;
  }
}
