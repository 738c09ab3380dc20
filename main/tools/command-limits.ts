/**
 * Resource limits for sandboxed commands, so one command (a fork bomb, a runaway write, a leak)
 * cannot exhaust the machine. Generous by default — a normal build or test suite never meets
 * them — and set in settings.json (`commandLimits`) for tighter or looser needs.
 *
 * Processes: RLIMIT_NPROC, set inside the sandbox's own user namespace, where it counts only the
 * sandbox's processes. The kernel never applies it to root (uid 0 outside), so when the server
 * runs as root a pids cgroup of the command's own holds the count instead, where one is writable
 * (process-cgroup.ts).
 * Memory: RLIMIT_DATA (each process's private writable memory; unlike RLIMIT_AS it does not count
 * the address space V8 and wasm only reserve). Files: RLIMIT_FSIZE. CPU: RLIMIT_CPU when set;
 * otherwise the command's wall-clock timeout bounds it.
 */
import { totalmem } from 'node:os';

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
  return [
    'bash',
    '-c',
    `${set.map((s) => `${s} 2>/dev/null`).join('; ')}; exec bash -lc "$1"`,
    'tandem-limits',
    command,
  ];
}
