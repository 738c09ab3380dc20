/**
 * A pids cgroup per sandboxed command, for a server running as root: the kernel never applies
 * RLIMIT_NPROC to root, so without it a fork bomb in the sandbox would take the machine. Made
 * where a pids controller is writable (cgroup v1, or v2 from its root); elsewhere none.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessGroup {
  /** Prefix for the argv: the process enters the cgroup, then execs the rest. */
  enter: string[];
  /** Kill whatever is left in it and remove it. */
  release(): void;
}

let made = 0;
let swept = false;

/** Remove the cgroups a server that is gone left behind (it exited before they emptied). */
function sweep(parent: string): void {
  swept = true;
  try {
    for (const name of readdirSync(parent)) {
      const pid = /^tandem-(\d+)-\d+$/.exec(name)?.[1];
      if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
      drain(join(parent, name), 0);
    }
  } catch {
    // Unreadable: nothing to sweep.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids hierarchy this process may make a cgroup in (cgroup v1, or v2 from its root), or null. */
function pidsParent(): string | null {
  let own: string;
  try {
    own = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return null;
  }
  const v1 = /^\d+:(?:[^:]*,)?pids(?:,[^:]*)?:(.*)$/m.exec(own)?.[1];
  if (v1 !== undefined) return join('/sys/fs/cgroup/pids', v1);
  const v2 = /^0::(.*)$/m.exec(own)?.[1];
  try {
    // Under v2 only from the root: a cgroup with processes cannot give its children controllers.
    if (v2 === '/' && readFileSync('/sys/fs/cgroup/cgroup.subtree_control', 'utf8').split(/\s+/).includes('pids'))
      return '/sys/fs/cgroup';
  } catch {
    // No v2 pids controller.
  }
  return null;
}

/**
 * A pids cgroup holding at most `limit` tasks, for root (where RLIMIT_NPROC does not apply), or
 * null where none can be made (not root, no writable pids controller).
 */
export function processGroup(limit: number): ProcessGroup | null {
  if (process.getuid?.() !== 0) return null;
  const parent = pidsParent();
  if (parent === null) return null;
  if (!swept) sweep(parent);
  const dir = join(parent, `tandem-${process.pid}-${++made}`);
  try {
    mkdirSync(dir);
  } catch {
    return null;
  }
  try {
    writeFileSync(join(dir, 'pids.max'), String(limit));
  } catch {
    tryRmdir(dir);
    return null;
  }
  let released = false;
  return {
    enter: ['sh', '-c', 'echo $$ > "$1" && shift && exec "$@"', 'tandem-cgroup', join(dir, 'cgroup.procs')],
    release() {
      if (released) return;
      released = true;
      drain(dir, 20);
    },
  };
}

/** Kill what is left in the cgroup and remove it, retrying while the kernel reaps them. */
function drain(dir: string, tries: number): void {
  let pids: string[] = [];
  try {
    pids = readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return; // already gone
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  if (tryRmdir(dir) || tries <= 0) return;
  setTimeout(() => drain(dir, tries - 1), 100).unref();
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}
