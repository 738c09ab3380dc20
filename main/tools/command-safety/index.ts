/**
 * Is a shell command "known safe" (read-only, may run without asking under the `untrusted`
 * policy)? A port of Codex's `is_known_safe_command`: the script is parsed with tree-sitter-bash,
 * never prefix-matched, and is safe only when it is a sequence of plain word commands joined by
 * `&&`, `||`, `;` or `|` and every one of them is on the safe list.
 */
import { parseShellWords, type ShellWord } from './bash-parser';
import { isSafeArgv, isSafeWithAnyArguments } from './safe-commands';

export { parseShellWords, parseWordOnlyCommands, type ShellWord } from './bash-parser';
export { isSafeArgv, isSafeWithAnyArguments } from './safe-commands';

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

async function isSafeScript(script: string): Promise<boolean> {
  const commands = await parseShellWords(script);
  return commands !== null && commands.length > 0 && commands.every(isSafeWords);
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
export async function isKnownSafeCommand(command: string | readonly string[], onFault: (e: unknown) => void = () => {}): Promise<boolean> {
  try {
    if (typeof command === 'string') return await isSafeScript(command);
    const script = shellScript(command);
    return script === null ? isSafeArgv(command) : await isSafeScript(script);
  } catch (e) {
    onFault(e);
    return false;
  }
}
