/**
 * Is a shell command "known safe" (read-only, may run without asking under the `untrusted`
 * policy)? A port of Codex's `is_known_safe_command`: the script is parsed with tree-sitter-bash,
 * never prefix-matched, and is safe only when it is a sequence of plain word commands joined by
 * `&&`, `||`, `;` or `|` and every one of them is on the safe list.
 */
import { parseShellWords, type ShellWord } from './bash-parser';
import { GIT_NEUTRAL_ENV, gitRepositoryHazard } from './git-guard';
import { isSafeArgv, isSafeWithAnyArguments } from './safe-commands';

const SHELLS = new Set(['bash', 'sh', 'zsh']);
const SHELL_DIRS = new Set(['/bin', '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin']);

/** `bash -lc SCRIPT`, `sh -c SCRIPT`, `/bin/zsh -lc SCRIPT` … → SCRIPT; anything else → null. */
function shellScript(argv: readonly string[]): string | null {
  // Exactly three words, as in Codex: `bash -lc git status` runs `git` with $0=status.
  if (argv.length !== 3) return null;
  const [shell = '', flag, script = ''] = argv;
  const slash = shell.lastIndexOf('/');
  const name = shell.slice(slash + 1);
  const dirOk = slash < 0 || SHELL_DIRS.has(shell.slice(0, slash));
  return dirOk && SHELLS.has(name) && (flag === '-c' || flag === '-lc') ? script : null;
}

/** One parsed command: its argv must be safe, and words bash expands only where nothing matters. */
function isSafeWords(words: readonly ShellWord[]): boolean {
  const argv = words.map((w) => w.value);
  if (!isSafeArgv(argv)) return false;
  // A glob can become any file name in the workspace (a file named `-delete` turns
  // `find . *` into `find . -delete`), so only commands that ignore what they are given may have one.
  if (!words.some((w) => w.expands)) return true;
  return words[0]?.expands === false && isSafeWithAnyArguments(argv[0] ?? '');
}

/** The argv of each command when every one is safe, else null. */
async function safeScriptCommands(script: string): Promise<string[][] | null> {
  const commands = await parseShellWords(script);
  if (commands === null || commands.length === 0 || !commands.every(isSafeWords)) return null;
  return commands.map((words) => words.map((w) => w.value));
}

/** The argv of each command `command` runs, when all are safe; null otherwise. */
async function safeCommands(command: string | readonly string[]): Promise<string[][] | null> {
  if (typeof command === 'string') return safeScriptCommands(command);
  const script = shellScript(command);
  if (script !== null) return safeScriptCommands(script);
  return isSafeArgv(command) ? [[...command]] : null;
}

async function isSafeScript(script: string): Promise<boolean> {
  return (await safeScriptCommands(script)) !== null;
}

const baseName = (cmd0: string): string => cmd0.slice(cmd0.lastIndexOf('/') + 1);

/**
 * A PATH entry that is relative (`.`, `bin`) or empty (which means the current folder), described
 * for the user; null when every entry is absolute. With one, `ls` may run `./ls` from the
 * workspace — a program the agent or the repository planted — so no bare name is read-only.
 * (Login profiles that reset PATH, as Debian's does, make this moot; macOS's path_helper keeps it.)
 */
function relativePathEntry(path: string | undefined): string | null {
  if (path === undefined) return null;
  for (const entry of path.split(':')) {
    if (entry === '') return 'an empty entry (the current folder)';
    if (!entry.startsWith('/')) return `the relative folder ${JSON.stringify(entry)}`;
  }
  return null;
}

/**
 * True when `command` is known to only read, so it may run without asking.
 *
 * - a string is a script, run as `bash -lc <command>`;
 * - `["bash" | "sh" | "zsh", "-c" | "-lc", script]` is that script;
 * - any other argv is taken as run directly, without a shell (no expansions at all).
 *
 * Fails closed: false whenever the command cannot be parsed or tree-sitter cannot be loaded. A
 * parser that cannot load is a fault, not a verdict: it is handed to `onFault` (the caller logs it
 * as an error), because silently treating every command as unsafe makes the product ask for `ls`.
 */
export async function isKnownSafeCommand(
  command: string | readonly string[],
  onFault: (e: unknown) => void = () => {},
): Promise<boolean> {
  try {
    if (typeof command === 'string') return await isSafeScript(command);
    const script = shellScript(command);
    return script === null ? isSafeArgv(command) : await isSafeScript(script);
  } catch (e) {
    onFault(e);
    return false;
  }
}

export interface CommandVerdict {
  /** Known to only read: it may run without asking. */
  knownSafe: boolean;
  /** What a known-safe command must run with (the repository's program-running git settings off). */
  env: Record<string, string>;
  /** Why a command that reads only by its words is still not read-only here. */
  hazard?: string;
}

/**
 * {@link isKnownSafeCommand} for a command about to run in `cwd`, with what only the machine can
 * tell: a git command is read-only only in a repository whose config cannot make it run a
 * program (see git-guard.ts), and only where git finds that repository itself — never after a
 * `cd` in the same script, which could lead into a planted one.
 */
export async function classifyCommand(
  command: string | readonly string[],
  cwd: string,
  onFault: (e: unknown) => void = () => {},
): Promise<CommandVerdict> {
  let commands: string[][] | null;
  try {
    commands = await safeCommands(command);
  } catch (e) {
    onFault(e);
    return { knownSafe: false, env: {} };
  }
  if (commands === null) return { knownSafe: false, env: {} };
  const searched = relativePathEntry(process.env.PATH);
  if (searched !== null && commands.some((argv) => !(argv[0] ?? '').includes('/'))) {
    return {
      knownSafe: false,
      env: {},
      hazard: `PATH holds ${searched}, so a program of that name in the workspace could run instead`,
    };
  }
  const names = commands.map((argv) => baseName(argv[0] ?? ''));
  if (!names.includes('git')) return { knownSafe: true, env: {} };
  if (names.includes('cd'))
    return {
      knownSafe: false,
      env: {},
      hazard: 'git runs after cd, maybe in another repository, whose config was not checked',
    };
  let hazard: string | null;
  try {
    hazard = await gitRepositoryHazard(cwd);
  } catch (e) {
    hazard = `git could not be asked about the repository (${e instanceof Error ? e.message : String(e)})`;
  }
  return hazard === null ? { knownSafe: true, env: { ...GIT_NEUTRAL_ENV } } : { knownSafe: false, env: {}, hazard };
}
