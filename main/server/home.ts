/** Where a server keeps its threads and settings. */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `TANDEM_HOME`, or `~/.tandem`; created if missing. */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.TANDEM_HOME ? resolve(env.TANDEM_HOME) : join(homedir(), '.tandem');
  mkdirSync(home, { recursive: true });
  return home;
}
