/**
 * Resource limits for sandboxed commands, so one command (a fork bomb, a runaway write, a leak)
 * cannot exhaust the machine. Generous by default — a normal build or test suite never meets
 * them — and set in settings.json (`commandLimits`) for tighter or looser needs.
 *
 * Processes: RLIMIT_NPROC, set inside the sandbox's own user namespace, where it counts only the
 * sandbox's processes. The kernel never applies it to root (uid 0 outside), so when the server
 * runs as root a pids cgroup of the command's own holds the count instead, where one is writable.
 * Memory: RLIMIT_DATA (each process's private writable memory; unlike RLIMIT_AS it does not count
 * the address space V8 and wasm only reserve). Files: RLIMIT_FSIZE. CPU: RLIMIT_CPU when set;
 * otherwise the command's wall-clock timeout bounds it.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';

export interface CommandLimits {
  processes: number;
  memoryMb: number;
  fileSizeMb: number;
  cpuSeconds: number | null;
}

export const DEFAULT_LIMITS: CommandLimits = {
  processes: 4096,
  memoryMb: Math.max(8192, Math.round(totalmem() / 2 ** 20)),
  fileSizeMb: 16 * 1024,
  cpuSeconds: null,
};

/**
 * The shell that applies the limits, then runs `command` as a login shell. Each limit is set on
 * its own (soft and hard, so the command cannot raise it again): one the environment already
 * holds lower stays as it is.
 */
export function limitedShell(command: string, limits: CommandLimits): string[] {
  const set = [
    `ulimit -u ${limits.processes}`,
    `ulimit -d ${limits.memoryMb * 1024}`,
    `ulimit -f ${limits.fileSizeMb * 1024}`, // bash counts -f in 1024-byte blocks
    ...(limits.cpuSeconds ? [`ulimit -t ${limits.cpuSeconds}`] : []),
  ];
  return ['bash', '-c', `${set.map((s) => `${s} 2>/dev/null`).join('; ')}; exec bash -lc "$1"`, 'tandem-limits', command];
}

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
    if (v2 === '/' && readFileSync('/sys/fs/cgroup/cgroup.subtree_control', 'utf8').split(/\s+/).includes('pids')) return '/sys/fs/cgroup';
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
