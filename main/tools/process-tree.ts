/**
 * A command's processes, for a graceful stop. A sandboxed command's own process is bubblewrap,
 * which does not pass signals on: SIGTERM would end it at once and the kernel would SIGKILL
 * everything inside, so a login shell could not finish what its profile was doing (a pyenv
 * rehash lock left behind stalled every later `bash -lc` 60 s). The processes inside get the
 * SIGTERM themselves; SIGKILL to bubblewrap follows a moment later, and ends them all.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
}

/** Every process of the machine with its parent and name, from /proc (Linux; none elsewhere). */
function processes(): Proc[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: Proc[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so split at the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      out.push({ pid: Number(name), ppid, comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** The live descendants of `pid`. */
function descendants(pid: number): Proc[] {
  const all = processes();
  const below = new Set([pid]);
  const out: Proc[] = [];
  // Parents have lower pids but for wrap-around: repeat until nothing new is found.
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!below.has(p.pid) && below.has(p.ppid)) {
        below.add(p.pid);
        out.push(p);
        grew = true;
      }
    }
  }
  return out;
}

/** SIGTERM to every process below `pid` but bubblewrap's own (which would SIGKILL the rest). */
export function terminateInside(pid: number): void {
  for (const p of descendants(pid)) {
    if (p.comm === 'bwrap') continue;
    try {
      process.kill(p.pid, 'SIGTERM');
    } catch {
      // Gone meanwhile.
    }
  }
}
