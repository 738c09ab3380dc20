/**
 * The API key leaves the process environment at start-up. A command (under danger-full-access,
 * or any process of the same user) can read `/proc/<server>/environ`; deleting the variable
 * from `process.env` is not enough there, because that file shows the environment block the
 * kernel placed on the stack at exec, which `unsetenv` never touches. So after the variables
 * are taken out of `process.env`, their bytes in that block are overwritten through
 * `/proc/self/mem` (what setproctitle does to argv), and the file no longer holds them.
 *
 * Linux only; elsewhere the variables are removed from `process.env` (and so from every child's
 * environment), which is all the platform allows without re-executing.
 */
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';

/** Variables whose values must not outlive start-up in the environment. */
const SECRET_VARIABLES = ['OPENAI_API_KEY', 'TANDEM_WS_TOKEN'] as const;

/** The stack's environment block: `env_start` and `env_end`, fields 50 and 51 of /proc/self/stat. */
function environBlock(): { start: number; end: number } | undefined {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces and parentheses) start with field 3.
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
  const start = Number(fields[50 - 3]);
  const end = Number(fields[51 - 3]);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && end > start ? { start, end } : undefined;
}

/** Overwrite `NAME=value` entries in the stack's environment block; returns how many. */
function scrubEnvironBlock(entries: readonly string[]): number {
  const block = environBlock();
  if (!block) return 0;
  const fd = openSync('/proc/self/mem', 'r+');
  try {
    const bytes = Buffer.alloc(block.end - block.start);
    readSync(fd, bytes, 0, bytes.length, block.start);
    let scrubbed = 0;
    for (const entry of entries) {
      const needle = Buffer.from(entry, 'utf8');
      for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length)) {
        // Only a whole entry (between NULs), never text that happens to contain it.
        if (at > 0 && bytes[at - 1] !== 0) continue;
        // Same length, so the block's layout (and every other entry) is untouched.
        const blank = Buffer.alloc(needle.length, 0x58); // 'X'
        writeSync(fd, blank, 0, blank.length, block.start + at);
        bytes.fill(0x58, at, at + needle.length);
        scrubbed++;
      }
    }
    return scrubbed;
  } finally {
    closeSync(fd);
  }
}

export interface TakenEnvironment {
  /** The environment as it was at start-up, secrets included: what settings fall back to. */
  env: NodeJS.ProcessEnv;
  /** What could not be done, for the log; null when the secrets are gone from the environment. */
  problem: string | null;
}

/** Take the secret variables out of this process's environment, keeping a private copy. */
export function takeSecretsFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): TakenEnvironment {
  const copy = { ...env };
  const entries: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value === undefined) continue;
    entries.push(`${name}=${value}`);
    delete env[name];
  }
  if (entries.length === 0 || platform !== 'linux') return { env: copy, problem: null };
  try {
    const scrubbed = scrubEnvironBlock(entries);
    return {
      env: copy,
      problem:
        scrubbed >= entries.length
          ? null
          : `only ${scrubbed} of ${entries.length} secret variables were found in /proc/self/environ`,
    };
  } catch (e) {
    return {
      env: copy,
      problem: `could not clear the API key from /proc/self/environ: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
