/**
 * The /tmp of workspace-write commands: a folder of this server's own, not the machine's /tmp
 * (where the X server's, tmux's and SSH agents' sockets live, and other programs' files), and
 * kept from one command to the next, as models write a script to /tmp in one command and run it
 * in the next. Removed when the server exits; a crashed server's is removed by the next one.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'tandem-cmd-tmp-';
let made: string | null | undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** This server's folder for commands' /tmp (made on first use), or null where none can be made. */
export function commandsTmp(): string | null {
  if (made !== undefined) return made;
  const base = tmpdir();
  try {
    for (const name of readdirSync(base)) {
      const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
      if (pid === undefined || alive(Number(pid))) continue;
      try {
        rmSync(join(base, name), { recursive: true, force: true });
      } catch {
        // Another user's: theirs to remove.
      }
    }
  } catch {
    // Nothing to sweep.
  }
  try {
    const dir = mkdtempSync(join(base, `${PREFIX}${process.pid}-`)); // mode 0700: only this user
    made = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  } catch {
    made = null;
  }
  return made;
}
